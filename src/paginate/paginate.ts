/**
 * Distributes composed blocks over pages (pure). Page 1 holds the body below the masthead; the last
 * page must also hold the 报尾 at its foot, with an empty grid line above it (FORMAT §7.3).
 *
 * Online: blocks are asked for one at a time, in order, and each page is handed on as soon as it is
 * final — when the next page is begun (nothing ever goes back to an earlier page: the lookahead of
 * a keepWithNext chain is decided before its lines are placed, and the 报尾 and the duplex rule only
 * touch the last page). So the layout composes a block only when its line count is needed and can
 * draw and drop each page while the next is being filled (issue 18: memory bounded by a page, not
 * the issue).
 */
import type { FlowBlock, LineSlot, PageLayout, PaginateOptions } from './types.js';

/** The blocks in order: `at(i)` is block i, undefined past the last. Asked for in increasing order. */
export type BlockSource = (index: number) => FlowBlock | undefined;

function capacityEnd(opts: PaginateOptions, page: number): number {
  // The last usable grid line: page 1 ends at the same grid line as every other page.
  return page === 1 ? opts.firstPageFirstLine + opts.firstPageLines - 1 : opts.pageLines;
}

function firstLine(opts: PaginateOptions, page: number): number {
  return page === 1 ? opts.firstPageFirstLine : 1;
}

/** Places every line of every block on a page and grid line: every page, in order (see {@link paginatePages}). */
export function paginate(blocks: readonly FlowBlock[], opts: PaginateOptions): PageLayout[] {
  return [...paginatePages((i) => blocks[i], opts)];
}

/**
 * Places every line of every block on a page and grid line, yielding each page once it is final.
 * Rules: a block's `spaceBefore` is dropped at a page top; a `keepWithNext` block moves to the next
 * page together with the first line of what follows; a paragraph never leaves a single last line at
 * the top of a page when `avoidWidows` (one more line is carried over, or the whole paragraph when it
 * has only two lines); a `keepWithPrevious` block (a credit line) brings the last line of the block
 * before with it rather than open a page alone; the 报尾 takes the last `footerLines` grid lines of
 * the last page plus `footerGap` empty lines, or a page of its own when the body does not leave room; with
 * `footerOnEvenPage` that page is an even one.
 * A block is asked for only when it is placed or when a keepWithNext chain before it looks ahead.
 */
export function* paginatePages(blockAt: BlockSource, opts: PaginateOptions): Generator<PageLayout, void, undefined> {
  let page: PageLayout = { number: 1, slots: [], footer: false };
  let line = firstLine(opts, 1);
  // The page in hand is final once the next is begun: hand it on first, then begin the next.
  const next = (): PageLayout => {
    const done = page;
    page = { number: done.number + 1, slots: [], footer: false };
    line = firstLine(opts, page.number);
    return done;
  };
  const atTop = (): boolean => line === firstLine(opts, page.number);
  const room = (): number => capacityEnd(opts, page.number) - line + 1;

  let lastKeep: { block: number; page: number } | undefined;
  for (let b = 0; ; b++) {
    const block = blockAt(b);
    if (!block) break;
    if (block.lines <= 0) continue;
    const gap = atTop() ? 0 : block.spaceBefore;
    // Lines that must share this page: a chain of headings together with the first line after it.
    let needTogether = block.kind === 'paragraph' ? 1 : block.lines;
    if (block.keepWithNext) {
      for (let k = b + 1; ; k++) {
        const after = blockAt(k);
        if (!after) break;
        if (after.lines <= 0) continue;
        needTogether += after.spaceBefore + (after.keepWithNext ? after.lines : 1);
        if (!after.keepWithNext) break;
      }
    }
    const before = page.slots.filter((sl) => sl.block === b - 1);
    if (block.keepWithPrevious && !atTop() && gap + block.lines > room() && before.length >= 3) {
      // A credit line does not open a page alone: the paragraph's last line comes with it (the page
      // in hand is not final yet: it is handed on without that line).
      const carried = page.slots.pop()!;
      yield next();
      page.slots.push({ block: carried.block, line: carried.line, gridLine: line++ });
    } else if (!atTop() && gap + needTogether > room()) yield next();
    else line += gap;

    let i = 0;
    while (i < block.lines) {
      if (room() <= 0) yield next();
      let take = Math.min(room(), block.lines - i);
      const remaining = block.lines - i - take;
      // Widow control: never leave exactly one line of a paragraph for the next page.
      if (opts.avoidWidows && block.kind === 'paragraph' && remaining === 1 && take >= 1) {
        if (take >= 2 && i + take - 1 >= 1) take -= 1; // carry one more line over
        else if (i === 0 && !atTop() && !(lastKeep?.block === b - 1 && lastKeep.page === page.number)) {
          yield next();
          continue;
        }
      }
      for (let k = 0; k < take; k++) page.slots.push({ block: b, line: i + k, gridLine: line++ } satisfies LineSlot);
      i += take;
      if (i < block.lines) yield next();
    }
    if (block.keepWithNext) lastKeep = { block: b, page: page.number };
  }

  // The 报尾 on the last page, below an empty gap; else on a page of its own.
  const tail = [page];
  if (opts.footerLines > 0) {
    const last = page;
    const usedEnd = last.slots.length ? last.slots[last.slots.length - 1]!.gridLine : 0;
    const footerTop = opts.pageLines - opts.footerLines + 1;
    const bodyLinesOnPage = last.slots.length;
    const tooCrowdedFirst =
      last.number === 1 && bodyLinesOnPage < opts.footerMinBodyLinesOnFirstPage && bodyLinesOnPage > 0;
    if (usedEnd + opts.footerGap < footerTop && !tooCrowdedFirst) {
      last.footer = true;
    } else {
      tail.push({ number: last.number + 1, slots: [], footer: true });
    }
    if (opts.footerOnEvenPage) placeFooterOnEvenPage(tail);
  }
  yield* tail;
}

/**
 * Duplex: the 报尾 must face on an even page (FORMAT §7.3). Sharing an odd page, it moves to a page of its
 * own; alone on an odd page, an unnumbered blank page goes before it and the 报尾 page is unnumbered too
 * [GB §7.5]. Only the last page changes, and pages may be added after it.
 */
function placeFooterOnEvenPage(pages: PageLayout[]): void {
  const last = pages[pages.length - 1]!;
  if (!last.footer || last.number % 2 === 0) return;
  if (last.slots.length > 0) {
    last.footer = false;
    pages.push({ number: last.number + 1, slots: [], footer: true });
    return;
  }
  last.footer = false;
  last.numbered = false;
  pages.push({ number: last.number + 1, slots: [], footer: true, numbered: false });
}
