import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paginate, paginatePages } from '../../src/paginate/paginate.js';
import type { FlowBlock, PageLayout, PaginateOptions } from '../../src/paginate/types.js';

const OPTS: PaginateOptions = {
  firstPageLines: 15,
  firstPageFirstLine: 8,
  pageLines: 22,
  footerLines: 3,
  footerGap: 1,
  footerMinBodyLinesOnFirstPage: 2,
  avoidWidows: true,
};
const heading = (): FlowBlock => ({ kind: 'heading', lines: 1, spaceBefore: 1, keepWithNext: true });
const para = (lines: number): FlowBlock => ({ kind: 'paragraph', lines, spaceBefore: 0, keepWithNext: false });

function placed(pages: PageLayout[]) {
  return pages.flatMap((p) => p.slots.map((s) => ({ ...s, page: p.number })));
}

describe('paginate', () => {
  it('page 1 holds 15 body lines from grid line 8, later pages 22 from line 1', () => {
    const pages = paginate([para(40)], { ...OPTS, footerLines: 0 });
    expect(pages[0]!.slots.map((s) => s.gridLine)).toEqual(Array.from({ length: 15 }, (_, i) => i + 8));
    expect(pages[1]!.slots.map((s) => s.gridLine)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(pages[2]!.slots).toHaveLength(3);
  });

  it('a heading is followed by one blank line before it, none at a page top', () => {
    const pages = paginate([heading(), para(2), heading(), para(2)], { ...OPTS, footerLines: 0 });
    expect(pages[0]!.slots.map((s) => s.gridLine)).toEqual([8, 9, 10, 12, 13, 14]);
  });

  it('a heading never ends a page: it moves to the next page with the first line of its item', () => {
    // 14 lines fill page 1 up to line 21; the heading would sit alone on line 22 (after a blank it does not even fit).
    const pages = paginate([para(13), heading(), para(3)], { ...OPTS, footerLines: 0 });
    const h = placed(pages).find((s) => s.block === 1)!;
    expect(h.page).toBe(2);
    expect(h.gridLine).toBe(1);
  });

  it('widow: a page never starts with the single last line of a paragraph begun before', () => {
    const pages = paginate([para(16)], { ...OPTS, footerLines: 0 });
    expect(pages[0]!.slots).toHaveLength(14);
    expect(pages[1]!.slots).toHaveLength(2);
  });

  it('the 报尾 shares the last page when one empty line can separate it, else gets its own page', () => {
    // footer 3 lines: body may use grid lines up to 18 on a full page.
    const fits = paginate([para(15), para(18)], OPTS);
    expect(fits).toHaveLength(2);
    expect(fits[1]!.footer).toBe(true);
    const over = paginate([para(15), para(19)], OPTS);
    expect(over).toHaveLength(3);
    expect(over[2]!.footer).toBe(true);
    expect(over[2]!.slots).toHaveLength(0);
  });

  it('properties: lines in order, each once, never past the page, footer below the body on the last page', () => {
    // An issue is sections of one heading and at least one item, as the schema requires.
    const section = fc.array(fc.integer({ min: 1, max: 30 }).map(para), { minLength: 1, maxLength: 6 }).map((ps) => [heading(), ...ps]);
    fc.assert(
      fc.property(fc.array(section, { minLength: 1, maxLength: 8 }).map((ss) => ss.flat()), fc.integer({ min: 2, max: 12 }), (blocks, footerLines) => {
        const opts = { ...OPTS, footerLines };
        const pages = paginate(blocks, opts);
        // Page numbers consecutive from 1.
        expect(pages.map((p) => p.number)).toEqual(pages.map((_, i) => i + 1));
        // Every line of every block exactly once, in order.
        const all = placed(pages);
        const expected = blocks.flatMap((b, i) => Array.from({ length: b.lines }, (_, k) => `${i}:${k}`));
        expect(all.map((s) => `${s.block}:${s.line}`)).toEqual(expected);
        for (const p of pages) {
          const lines = p.slots.map((s) => s.gridLine);
          // Grid lines strictly increasing and within the page's body area.
          lines.forEach((l, k) => k > 0 && expect(l).toBeGreaterThan(lines[k - 1]!));
          for (const l of lines) {
            expect(l).toBeGreaterThanOrEqual(p.number === 1 ? 8 : 1);
            expect(l).toBeLessThanOrEqual(22);
          }
        }
        // The 报尾 is on the last page only, below the body with the gap.
        expect(pages.filter((p) => p.footer).map((p) => p.number)).toEqual([pages.length]);
        const last = pages[pages.length - 1]!;
        const end = last.slots.length ? last.slots[last.slots.length - 1]!.gridLine : 0;
        expect(end + opts.footerGap).toBeLessThan(22 - footerLines + 1);
        // A heading is never the last line on a page when something follows it.
        blocks.forEach((b, i) => {
          if (b.kind !== 'heading' || i === blocks.length - 1) return;
          const h = all.filter((s) => s.block === i).pop()!;
          const next = all.find((s) => s.block > i)!;
          expect(next.page).toBe(h.page);
        });
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('online: gives the pages of the whole-issue paginator, asking for each block only when it must (seeded)', () => {
    // Headings (one line or several, as article titles), chains of them, paragraphs of 1–30 lines
    // (widows), credit lines, empty blocks, space before; 报尾 or none; simplex or duplex.
    const block = fc.oneof(
      { weight: 5, arbitrary: fc.record({ lines: fc.integer({ min: 1, max: 30 }), spaceBefore: fc.integer({ min: 0, max: 1 }) }).map(({ lines, spaceBefore }): FlowBlock => ({ kind: 'paragraph', lines, spaceBefore, keepWithNext: false })) },
      { weight: 2, arbitrary: fc.record({ lines: fc.integer({ min: 1, max: 3 }), spaceBefore: fc.integer({ min: 0, max: 1 }) }).map(({ lines, spaceBefore }): FlowBlock => ({ kind: 'heading', lines, spaceBefore, keepWithNext: true })) },
      { weight: 1, arbitrary: fc.constant<FlowBlock>({ kind: 'paragraph', lines: 0, spaceBefore: 1, keepWithNext: false }) },
      // A credit line: never alone at a page top.
      { weight: 1, arbitrary: fc.constant<FlowBlock>({ kind: 'paragraph', lines: 1, spaceBefore: 0, keepWithNext: false, keepWithPrevious: true }) },
    );
    fc.assert(
      fc.property(fc.array(block, { maxLength: 60 }), fc.integer({ min: 0, max: 12 }), fc.boolean(), (blocks, footerLines, duplex) => {
        const opts: PaginateOptions = { ...OPTS, footerLines, footerOnEvenPage: duplex };
        const expected = referencePaginate(blocks, opts);
        // Online, recording how far the blocks had been asked for when each page came out.
        let asked = -1;
        const askedAt: number[] = [];
        const pages: PageLayout[] = [];
        for (const page of paginatePages((i) => ((asked = Math.max(asked, i)), blocks[i]), opts)) {
          askedAt.push(asked);
          pages.push(structuredClone(page));
        }
        expect(pages).toEqual(expected);
        expect(paginate(blocks, opts)).toEqual(expected);
        // When page p comes out, no block past the one that opens the next page is known, except the
        // keepWithNext chain it heads and the block after it (the lookahead), or the credit line
        // that brought it over.
        pages.forEach((p, k) => {
          const later = expected.slice(k + 1).flatMap((q) => q.slots.map((s) => s.block));
          const first = later.length ? Math.min(...later) : blocks.length;
          // A credit line brings the line before it over: the credit itself has been read then.
          const opening = blocks[first + 1]?.keepWithPrevious ? first + 1 : first;
          let limit = opening;
          if (blocks[opening]?.keepWithNext) {
            limit = opening + 1;
            while (limit < blocks.length && (blocks[limit]!.lines <= 0 || blocks[limit]!.keepWithNext)) limit++;
          }
          expect(askedAt[k]).toBeLessThanOrEqual(limit);
        });
      }),
      { numRuns: 400, seed: 18 },
    );
  });
});

describe('paginate: a credit line keeps with its article', () => {
  const credit = (): FlowBlock => ({ kind: 'paragraph', lines: 1, spaceBefore: 0, keepWithNext: false, keepWithPrevious: true });

  it('brings the last line of the paragraph over instead of opening a page alone', () => {
    // 15 lines fill page 1 (L8–L22): the credit would be alone at the top of page 2.
    const pages = paginate([para(15), credit()], { ...OPTS, footerLines: 0 });
    const slots = placed(pages);
    expect(slots.filter((s) => s.page === 1)).toHaveLength(14);
    expect(slots.filter((s) => s.page === 2).map((s) => [s.block, s.line, s.gridLine])).toEqual([
      [0, 14, 1],
      [1, 0, 2],
    ]);
  });

  it('moves alone when the paragraph has fewer than three lines on the page', () => {
    const pages = paginate([para(13), para(2), credit()], { ...OPTS, footerLines: 0 });
    const slots = placed(pages);
    expect(slots.filter((s) => s.page === 2).map((s) => s.block)).toEqual([2]);
  });

  it('changes nothing when the credit fits', () => {
    const plain = paginate([para(10), { ...credit(), keepWithPrevious: false }], { ...OPTS, footerLines: 0 });
    expect(paginate([para(10), credit()], { ...OPTS, footerLines: 0 })).toEqual(plain);
  });
});

/** The paginator as it was before it went online (main 04a1403): every block known, pages made in one go. */
function referencePaginate(blocks: readonly FlowBlock[], opts: PaginateOptions): PageLayout[] {
  const capacityEnd = (page: number): number => (page === 1 ? opts.firstPageFirstLine + opts.firstPageLines - 1 : opts.pageLines);
  const firstLine = (page: number): number => (page === 1 ? opts.firstPageFirstLine : 1);
  const pages: PageLayout[] = [{ number: 1, slots: [], footer: false }];
  const cur = { page: 1, line: firstLine(1) };
  const newPage = (): void => {
    cur.page += 1;
    cur.line = firstLine(cur.page);
    pages.push({ number: cur.page, slots: [], footer: false });
  };
  const place = (slot: { block: number; line: number }): void => {
    pages[cur.page - 1]!.slots.push({ ...slot, gridLine: cur.line });
    cur.line += 1;
  };
  const atTop = (): boolean => cur.line === firstLine(cur.page);
  const room = (): number => capacityEnd(cur.page) - cur.line + 1;
  let lastKeep: { block: number; page: number } | undefined;
  blocks.forEach((block, b) => {
    if (block.lines <= 0) return;
    const gap = atTop() ? 0 : block.spaceBefore;
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
      if (opts.avoidWidows && block.kind === 'paragraph' && remaining === 1 && take >= 1) {
        if (take >= 2 && i + take - 1 >= 1) take -= 1;
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
  if (opts.footerLines > 0) {
    const last = pages[pages.length - 1]!;
    const usedEnd = last.slots.length ? last.slots[last.slots.length - 1]!.gridLine : 0;
    const footerTop = opts.pageLines - opts.footerLines + 1;
    const bodyLinesOnPage = last.slots.length;
    const tooCrowdedFirst = last.number === 1 && bodyLinesOnPage < opts.footerMinBodyLinesOnFirstPage && bodyLinesOnPage > 0;
    if (usedEnd + opts.footerGap < footerTop && !tooCrowdedFirst) last.footer = true;
    else pages.push({ number: last.number + 1, slots: [], footer: true });
  }
  // Duplex (layout.ts placeFooterOnEvenPage as it was).
  if (opts.footerOnEvenPage) {
    const last = pages[pages.length - 1]!;
    if (last.footer && last.number % 2 === 1) {
      last.footer = false;
      if (last.slots.length > 0) pages.push({ number: last.number + 1, slots: [], footer: true });
      else {
        last.numbered = false;
        pages.push({ number: last.number + 1, slots: [], footer: true, numbered: false });
      }
    }
  }
  return pages;
}
