/**
 * Distributes composed blocks over pages (pure). Page 1 holds the body below the masthead; the last
 * page must also hold the 报尾 at its foot, with an empty grid line above it (FORMAT §7.3).
 */
import type { FlowBlock, LineSlot, PageLayout, PaginateOptions } from './types.js';

interface Cursor {
  page: number;
  /** Next free grid line on the page (1-based). */
  line: number;
}

function capacityEnd(opts: PaginateOptions, page: number): number {
  // The last usable grid line: page 1 ends at the same grid line as every other page.
  return page === 1 ? opts.firstPageFirstLine + opts.firstPageLines - 1 : opts.pageLines;
}

function firstLine(opts: PaginateOptions, page: number): number {
  return page === 1 ? opts.firstPageFirstLine : 1;
}

/**
 * Places every line of every block on a page and grid line.
 * Rules: a block's `spaceBefore` is dropped at a page top; a `keepWithNext` block moves to the next
 * page together with the first line of what follows; a paragraph never leaves a single last line at
 * the top of a page when `avoidWidows` (one more line is carried over, or the whole paragraph when it
 * has only two lines); a `keepWithPrevious` block (a credit line) brings the last line of the block
 * before with it rather than open a page alone; the 报尾 takes the last `footerLines` grid lines of the last page plus
 * `footerGap` empty lines, or a page of its own when the body does not leave room.
 */
export function paginate(blocks: readonly FlowBlock[], opts: PaginateOptions): PageLayout[] {
  const pages: PageLayout[] = [{ number: 1, slots: [], footer: false }];
  const cur: Cursor = { page: 1, line: firstLine(opts, 1) };
  const newPage = (): void => {
    cur.page += 1;
    cur.line = firstLine(opts, cur.page);
    pages.push({ number: cur.page, slots: [], footer: false });
  };
  const place = (slot: Omit<LineSlot, 'gridLine'>): void => {
    pages[cur.page - 1]!.slots.push({ ...slot, gridLine: cur.line });
    cur.line += 1;
  };
  const atTop = (): boolean => cur.line === firstLine(opts, cur.page);
  const room = (): number => capacityEnd(opts, cur.page) - cur.line + 1;

  let lastKeep: { block: number; page: number } | undefined;
  blocks.forEach((block, b) => {
    if (block.lines <= 0) return;
    const gap = atTop() ? 0 : block.spaceBefore;
    // Lines that must share this page: a chain of headings together with the first line after it.
    let needTogether = block.kind === 'paragraph' ? 1 : block.lines;
    if (block.keepWithNext) {
      for (let k = b + 1; k < blocks.length; k++) {
        const next = blocks[k]!;
        if (next.lines <= 0) continue;
        needTogether += next.spaceBefore + (next.keepWithNext ? next.lines : 1);
        if (!next.keepWithNext) break;
      }
    }
    const page = pages[cur.page - 1]!;
    const before = page.slots.filter((sl) => sl.block === b - 1);
    if (block.keepWithPrevious && !atTop() && gap + block.lines > room() && before.length >= 3) {
      // A credit line does not open a page alone: the paragraph's last line comes with it.
      const carried = page.slots.pop()!;
      newPage();
      place({ block: carried.block, line: carried.line });
    } else if (!atTop() && gap + needTogether > room()) newPage();
    else cur.line += gap;

    let i = 0;
    while (i < block.lines) {
      if (room() <= 0) newPage();
      let take = Math.min(room(), block.lines - i);
      const remaining = block.lines - i - take;
      // Widow control: never leave exactly one line of a paragraph for the next page.
      if (opts.avoidWidows && block.kind === 'paragraph' && remaining === 1 && take >= 1) {
        if (take >= 2 && i + take - 1 >= 1) take -= 1; // carry one more line over
        else if (i === 0 && !atTop() && !(lastKeep?.block === b - 1 && lastKeep.page === cur.page)) {
          newPage();
          continue;
        }
      }
      for (let k = 0; k < take; k++) place({ block: b, line: i + k });
      i += take;
      if (i < block.lines) newPage();
    }
    if (block.keepWithNext) lastKeep = { block: b, page: cur.page };
  });

  // The 报尾 on the last page, below an empty gap; else on a page of its own.
  if (opts.footerLines > 0) {
    const last = pages[pages.length - 1]!;
    const usedEnd = last.slots.length ? last.slots[last.slots.length - 1]!.gridLine : 0;
    const footerTop = opts.pageLines - opts.footerLines + 1;
    const bodyLinesOnPage = last.slots.length;
    const tooCrowdedFirst =
      last.number === 1 && bodyLinesOnPage < opts.footerMinBodyLinesOnFirstPage && bodyLinesOnPage > 0;
    if (usedEnd + opts.footerGap < footerTop && !tooCrowdedFirst) {
      last.footer = true;
    } else {
      pages.push({ number: last.number + 1, slots: [], footer: true });
    }
  }
  return pages;
}
