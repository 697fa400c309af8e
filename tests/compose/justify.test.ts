/** Placement on the grid [FORMAT §5.2, §5.5, §5.7] on a 10-cell grid of 10 pt (the fake font's digits are 0.5 em). */
import { describe, expect, test } from 'vitest';
import { snapCells } from '../../src/compose/index.js';
import { body, CELL, FAKE, set, small, texts, TIMESLIKE } from './helpers.js';

/** The old grid-padding model, kept as an option. */
const G = small({ latin: 'grid' });

const xs = (r: ReturnType<typeof set>, line = 0): Record<string, number> =>
  Object.fromEntries(r.lines[line]!.glyphs.map((g) => [g.text, g.xPt]));

describe('Latin and digits set solid against Han, the default [FORMAT §5.5 revised 2026-12]', () => {
  test('2021年1月29日印: no space at any Han–digit boundary', () => {
    const g = set('2021年1月29日印').lines[0]!.glyphs;
    expect(g.map((x) => [x.text, x.xPt])).toEqual([
      ['2021', 0],
      ['年', 20],
      ['1', 30],
      ['月', 35],
      ['29', 45],
      ['日', 55],
      ['印', 65],
    ]);
    expect(set('2021年1月29日印').stats?.paddedRuns).toBe(0);
  });

  test('第2期（总第216期）and WSI（…）: digits and letters touch Han and brackets', () => {
    const g = set('第2期（总第216期）', small({ measurePt: 200 })).lines[0]!.glyphs;
    expect(g.map((x) => x.xPt)).toEqual([0, 10, 15, 25, 35, 45, 55, 70, 80]);
    const w = set('由WSI（世界）', small({ measurePt: 200 }), TIMESLIKE).lines[0]!.glyphs;
    expect(w[1]!.xPt).toBe(10);
    expect(w[2]!.xPt).toBeCloseTo(10 + (0.944 + 0.556 + 0.333) * 10, 6);
  });

  test('typed spaces between Han and digits are dropped; spaces between Latin words stay', () => {
    const r = set('推荐表 283 份', small({ measurePt: 200 }));
    expect(texts(r)).toEqual(['推荐表283份']);
    expect(xs(r)).toEqual({ 推: 0, 荐: 10, 表: 20, 283: 30, 份: 45 });
    const words = set('中 see the end 文', small({ measurePt: 200 }));
    expect(words.lines[0]!.glyphs.map((g) => g.text)).toEqual(['中', 'see', ' ', 'the', ' ', 'end', '文']);
    expect(words.lines[0]!.glyphs.map((g) => g.xPt)).toEqual([0, 10, 25, 30, 45, 50, 65]);
  });

  test('a justified line with digits: the Han–digit gaps get exactly the Han–Han stretch, digit runs none', () => {
    // 共有7家单位获评十二三 = 9 Han + "7" (0.5 em) = 9.5 cells on a 10-cell measure; the last line
    // takes the rest. 9 gaps share the 5 pt.
    const r = set('共有7家单位获评十二三四五');
    const g = r.lines[0]!.glyphs;
    expect(texts(r)[0]).toBe('共有7家单位获评十二');
    const gaps = g.slice(1).map((x, i) => x.xPt - (g[i]!.xPt + g[i]!.advancePt));
    for (const d of gaps) expect(d).toBeCloseTo(gaps[0]!, 6);
    expect(r.lines[0]!.endPt).toBeCloseTo(100, 6);
  });

  test('lines without Latin or digits stay exactly on the grid', () => {
    const r = set('一二三四五六七八九十一二2021年');
    expect(r.lines[0]!.glyphs.map((g) => g.xPt)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]);
  });
});

describe("grid model for Latin and digits, the `latin: 'grid'` option [FORMAT §5.5]", () => {
  test('2021年 solid', () => {
    const r = set('在2021年', G);
    expect(r.lines[0]!.glyphs.map((g) => [g.text, g.xPt])).toEqual([
      ['在', 0],
      ['2021', 10],
      ['年', 30],
    ]);
  });

  test('1月 padded 0.25 each side', () => {
    const r = set('至1月', G);
    expect(xs(r)).toEqual({ 至: 0, 1: 12.5, 月: 20 });
    expect(r.stats?.paddedRuns).toBe(1);
  });

  test('1月 at line start: the 0.5 em goes before 月', () => {
    expect(xs(set('1月', G))).toEqual({ 1: 0, 月: 10 });
  });

  test('2021年1月29日印 takes 8 cells (FORMAT §5.5 worked example)', () => {
    expect(set('2021年1月29日印', G).lines[0]!.glyphs.map((g) => g.xPt)).toEqual([0, 20, 32.5, 40, 50, 60, 70]);
    const b = set('2021年1月29日印', body({ firstLineStartPt: 0, latin: 'grid' }), TIMESLIKE).lines[0]!;
    expect(b.endPt!).toBeCloseTo(8 * CELL, 6);
    expect(b.glyphs[b.glyphs.length - 1]!.xPt).toBeCloseTo(7 * CELL, 6);
    expect(b.glyphs[1]!.xPt).toBeCloseTo(2 * CELL, 6); // 年 right after 2021 (2.0 em on 2 cells)
  });

  test('zero-width characters take no room', () => {
    expect(texts(set('中\u200b文\u00adA\ufeff'))).toEqual(['中文A']);
  });

  test('29日: 1.0 em, one cell, no padding', () => {
    expect(xs(set('月29日', G))).toEqual({ 月: 0, 29: 10, 日: 20 });
  });

  test('WSI and HSE padded to 2 cells, Times metrics (0.083 em and 0.056 em each side)', () => {
    const r = set('由WSI和HSE办', G, TIMESLIKE);
    const x = xs(r);
    expect(x['WSI']).toBeCloseTo(10 + 0.835, 3);
    expect(x['和']).toBeCloseTo(30, 6);
    expect(x['HSE']).toBeCloseTo(40 + 0.555, 3);
    expect(x['办']).toBeCloseTo(60, 6);
  });

  test('no padding next to a 点号 or inside brackets', () => {
    const r = set('甲，1，乙（2）', G);
    expect(r.lines[0]!.glyphs.map((g) => g.xPt)).toEqual([0, 10, 20, 25, 35, 45, 55, 60]);
  });

  test('spaces between Han and digits absorbed', () => {
    const r = set('推荐表 283 份', G);
    expect(texts(r)).toEqual(['推荐表283份']);
    expect(xs(r)).toEqual({ 推: 0, 荐: 10, 表: 20, 283: 32.5, 份: 50 });
  });

  test('spaces between Latin words stay, as break opportunities', () => {
    const r = set('中 see the end 文', G);
    expect(r.lines[0]!.glyphs.map((g) => g.text)).toEqual(['中', 'see', ' ', 'the', ' ', 'end', '文']);
    const narrow = set('see the end of it', small({ measurePt: 60, latin: 'grid' }));
    expect(texts(narrow)).toEqual(['see the end', 'of it']);
    // Justified: the spaces take the slack (2.5 pt each), the words stay solid.
    expect(narrow.lines[0]!.glyphs.map((g) => g.xPt)).toEqual([0, 15, 22.5, 37.5, 45]);
  });

  test('a space between Latin words gives way before the CJK–Latin padding when pushing in', () => {
    // 5 Han + "abc" (1.5 em on 2 cells, 0.5 em padding before it) + space + "de" = 85 pt; the
    // line-final 。 needs 5 pt more: the space gives 2.5 (step 2), the CJK–Latin padding the rest (step 4).
    const r = set('一二三四五abc de。', small({ measurePt: 85, latin: 'grid' }));
    expect(texts(r)).toEqual(['一二三四五abc de。']);
    expect(r.lines[0]!.glyphs.map((g) => g.xPt)).toEqual([0, 10, 20, 30, 40, 52.5, 67.5, 70, 80]);
  });

  test('a 2.0 em run at 16 pt counts 2 cells on the 15.793 pt grid', () => {
    expect(snapCells(32, 16, CELL)).toBe(2);
    expect(snapCells(32.02, 16, CELL)).toBe(3);
    expect(snapCells(8, 16, CELL)).toBe(1);
    expect(snapCells(24, 16, CELL)).toBe(2);
    // Cell wider than the em: the width in cells decides.
    expect(snapCells(23, 10, 12)).toBe(2);
  });
});

describe('placement of marks [FORMAT §5.2]', () => {
  test('间隔号 takes half a cell, centred, and gets no justification space', () => {
    const r = set('卡尔·马克思一二三四五六七');
    expect(texts(r)).toEqual(['卡尔·马克思一二三四', '五六七']);
    const g = r.lines[0]!.glyphs;
    expect(g[3]!.xPt - g[2]!.xPt).toBeCloseTo(5, 6); // 马 right after ·
    expect(g[2]!.xPt - g[1]!.xPt).toBeCloseTo(10, 6); // · right after 尔
  });

  test('doubled ？？ share one cell, ？？？ take two', () => {
    expect(set('好？？吗').lines[0]!.glyphs.map((g) => g.xPt)).toEqual([0, 10, 15, 20]);
    expect(set('好？？？吗').lines[0]!.glyphs.map((g) => g.xPt)).toEqual([0, 10, 15, 20, 30]);
  });

  test('破折号 is one 2-cell glyph', () => {
    const r = set('甲——乙');
    expect(r.lines[0]!.glyphs.map((g) => [g.text, g.xPt, g.advancePt])).toEqual([
      ['甲', 0, 10],
      ['——', 10, 20],
      ['乙', 30, 10],
    ]);
  });
});

describe('alignment [FORMAT §5.7, §4.1]', () => {
  test('justified lines fill the measure exactly; the last line keeps the natural grid', () => {
    const r = set('一二三四五六七八九，甲乙丙丁。');
    expect(r.lines[0]!.justified).toBe(true);
    expect(r.lines[0]!.endPt).toBeCloseTo(100, 6);
    expect(r.lines[1]!.justified).toBe(false);
    expect(r.lines[1]!.glyphs.map((g) => g.xPt)).toEqual([0, 10, 20, 30, 40]);
  });

  test('first line starts at firstLineStartPt, the others at restLineStartPt', () => {
    const r = set('一二三四五六七八九十一二三四五六七八九十', small({ firstLineStartPt: 20, restLineStartPt: 10 }));
    expect(texts(r)).toEqual(['一二三四五六七八', '九十一二三四五六七', '八九十']);
    expect(r.lines[0]!.glyphs[0]!.xPt).toBe(20);
    expect(r.lines[1]!.glyphs[0]!.xPt).toBe(10);
    expect(r.lines[2]!.glyphs.map((g) => g.xPt)).toEqual([10, 20, 30]);
  });

  test('justify off: lines start-aligned on the grid', () => {
    const r = set('一二三四五六七八九十。一二', small({ justify: false }));
    expect(r.lines[0]!.justified).toBe(false);
    expect(r.lines[0]!.glyphs.map((g) => g.xPt)).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80]);
  });

  test('bold and role carry over to the glyphs', () => {
    const r = set('甲');
    expect(r.lines[0]!.glyphs[0]).toMatchObject({ role: 'fang', offset: 0, advancePt: 10 });
    void FAKE;
  });
});
