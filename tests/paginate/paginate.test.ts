import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paginate } from '../../src/paginate/paginate.js';
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
