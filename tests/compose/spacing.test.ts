/**
 * The spacing rules revised in 2026-12 (FORMAT §5.4 item 4, §5.5, §5.6 items 2 and 5, the note on
 * headings; §10 item 10), one named case per rule, on the 10-cell grid of 10 pt with the fake font
 * (Han 1 em, Latin letters and digits 0.5 em).
 */
import { describe, expect, test } from 'vitest';
import { body, CELL, set, small, texts, TIMESLIKE } from './helpers.js';

const kinds = (r: ReturnType<typeof set>): string[] => r.events.map((e) => e.kind);
/** Justification space per gap between the first two Han characters of line `k`, in em (10 pt). */
const hanGap = (r: ReturnType<typeof set>, k: number): number => {
  const g = r.lines[k]!.glyphs;
  const i = g.findIndex((x, j) => j > 0 && /\p{Script=Han}/u.test(x.text) && /\p{Script=Han}/u.test(g[j - 1]!.text));
  return (g[i]!.xPt - g[i - 1]!.xPt - 10) / 10;
};

describe('push-in uses only the sources of FORMAT §5.4 item 4', () => {
  test('spaces between Latin words shrink (to no less than 0.25 em) to take in a line-final mark', () => {
    // 4 Han + "ab cd ef ghi" = 100 pt, then 。 (5 pt at the line end): three spaces give 5/3 pt each.
    const r = set('一二三四ab cd ef ghi。好好');
    expect(texts(r)).toEqual(['一二三四ab cd ef ghi。', '好好']);
    const g = r.lines[0]!.glyphs;
    for (const i of [5, 7, 9]) {
      expect(g[i]!.text).toBe(' ');
      expect(g[i + 1]!.xPt - g[i]!.xPt).toBeCloseTo(10 / 3, 6);
    }
    expect(r.lines[0]!.endPt).toBeCloseTo(100, 6);
  });

  test('a lone mid-line comma keeps at least 3/4 of its cell; the line is pushed out and justified', () => {
    const r = set('一二三四，五六七八九。十一');
    expect(texts(r)).toEqual(['一二三四，五六七八', '九。十一']);
    const g = r.lines[0]!.glyphs;
    expect(g[5]!.xPt - g[4]!.xPt).toBeGreaterThanOrEqual(7.5);
    expect(r.lines[0]!.endPt).toBeCloseTo(100, 6);
  });

  test('on the body grid a squeezed mark keeps 3/4 of the em (12 pt of 16)', () => {
    // Four commas give 3.79 pt each to take in the line-final 。 (half a cell).
    const text = '一，二，三，四，五' + '六'.repeat(19) + '。后面还有文字';
    const r = set(text, body({ firstLineStartPt: 0 }), TIMESLIKE);
    const g = r.lines[0]!.glyphs;
    expect(g[g.length - 1]!.text).toBe('。');
    for (const i of [1, 3, 5, 7]) expect(g[i + 1]!.xPt - g[i]!.xPt).toBeGreaterThanOrEqual(12 - 1e-6);
    expect(r.lines[0]!.endPt).toBeCloseTo(28 * CELL, 4);
  });
});

describe('stretch limit: at most 0.15 em per gap [FORMAT §5.6 item 5]', () => {
  test('a URL pushed down is broken after a legal point instead', () => {
    const r = set('一二三四见https://a.cn/bb/cc。');
    expect(texts(r)).toEqual(['一二三四见https://a.', 'cn/bb/cc。']);
    expect(kinds(r)).toEqual([]);
  });

  test('a URL breaks before a single slash, never after it nor inside "//"', () => {
    const r = set('一二三四五六七见https://ab/cdefgh，好');
    for (const l of texts(r).slice(0, -1)) expect(l.endsWith('/')).toBe(false);
    expect(texts(r).join('')).toBe('一二三四五六七见https://ab/cdefgh，好');
  });

  test('a URL in brackets breaks after its scheme\'s colon rather than leave the line loose (Chicago 14.18)', () => {
    // 一二三四五 + （ + "https:" fill 8 cells; "//ab.cd" cannot follow, （ may not end a line, nor may "/".
    const r = set('一二三四五六（https://ab.cd）好');
    expect(texts(r)).toEqual(['一二三四五六（https:', '//ab.cd）好']);
    expect(kinds(r)).toEqual([]);
  });

  test('an e-mail address breaks after @ or a dot', () => {
    const r = set('一二三四五发至ab@cd.org。');
    expect(texts(r)).toEqual(['一二三四五发至ab@cd.', 'org。']);
    expect(texts(set('一二三四五六发至abc@cd.org。'))).toEqual(['一二三四五六发至abc@', 'cd.org。']);
  });

  test('a hyphenated compound breaks after its hyphen', () => {
    const r = set('一二三四五六见state-of-art，好');
    expect(texts(r)).toEqual(['一二三四五六见state-', 'of-art，好']);
  });

  test('a standard number breaks at its space ("GB/T | 15834-2011"), never inside the number', () => {
    const r = set('一二三四五见GB/T 15834-2011好');
    expect(texts(r)).toEqual(['一二三四五见GB/T', '15834-2011好']);
    expect(texts(r)[1]).toContain('15834-2011');
  });

  test('characters are pulled up by the even shrink when the pushed word cannot break', () => {
    // 一，二，三，四，= 80 pt, ABCDE 25 pt: four commas give 1.25 pt each (≤ 1/4 em).
    const r = set('一，二，三，四，ABCDE好好');
    expect(texts(r)).toEqual(['一，二，三，四，ABCDE', '好好']);
    const g = r.lines[0]!.glyphs;
    for (const i of [1, 3, 5, 7]) expect(g[i + 1]!.xPt - g[i]!.xPt).toBeCloseTo(8.75, 6);
    expect(kinds(r)).toEqual([]);
  });

  test('the line above gives characters down so that neither line is loose', () => {
    // Alone, line 2 would be 甲…辛 with 20 pt over 7 gaps (0.29 em): 十 comes down instead.
    const r = set('一二三四五六七八九十甲乙丙丁戊己庚辛ABCDEFGHIJ。');
    expect(texts(r)).toEqual(['一二三四五六七八九', '十甲乙丙丁戊己庚辛', 'ABCDEFGHIJ。']);
    expect(hanGap(r, 0)).toBeCloseTo(0.125, 6);
    expect(hanGap(r, 1)).toBeCloseTo(0.125, 6);
    expect(kinds(r)).toEqual([]);
  });

  test('a line that stays looser is reported at its first character', () => {
    const r = set('前言一二三四五3.14159265。');
    expect(texts(r)[1]).toBe('3.14159265。'); // a number is never broken
    const loose = r.events.filter((e) => e.kind === 'loose-line');
    expect(loose).toHaveLength(1);
    expect(loose[0]!.offset).toBe(0);
    expect(loose[0]!.message).toMatch(/字距被拉开 0\.\d\d 字（上限 0\.15 字）/);
    expect(r.stats?.looseLines).toBe(1);
  });
});

describe('a number and its unit stay on one line [FORMAT §5.6 item 5]', () => {
  test('专家47 / 人 is not split: the number goes down with its unit', () => {
    const r = set('一二三四五六七专家47人参加会议');
    expect(texts(r)).toEqual(['一二三四五六七专家', '47人参加会议']);
  });

  test('283份, 2月, 3000吨 likewise', () => {
    expect(texts(set('一二三四五六七八收28份表'))).toEqual(['一二三四五六七八收', '28份表']);
    expect(texts(set('一二三四五六七八九2月'))).toEqual(['一二三四五六七八九', '2月']);
    expect(texts(set('一二三四五六储量3000吨'))).toEqual(['一二三四五六储量', '3000吨']);
  });

  test('unless nothing else fits: then the unit starts the next line', () => {
    // Moved down, 4747 would leave 一…八 spread 0.29 em per gap; no mark to pull 人 up with.
    const r = set('一二三四五六七八4747人参加');
    expect(texts(r)).toEqual(['一二三四五六七八4747', '人参加']);
  });
});

describe('wrapped headings [FORMAT §5.6, note on headings]', () => {
  const heading = small({ heading: true });

  test('the last line holds at least a third: never "纪要】" alone', () => {
    const plain = set('【关于召开会议的会议纪要】', small({ justify: false }));
    expect(texts(plain)).toEqual(['【关于召开会议的会议', '纪要】']);
    const r = set('【关于召开会议的会议纪要】', heading);
    expect(texts(r)).toEqual(['【关于召开会议的', '会议纪要】']);
  });

  test('wrapped heading lines are not letter-spaced', () => {
    const r = set('【关于召开会议的会议纪要】', heading);
    for (const l of r.lines) {
      expect(l.justified).toBe(false);
      l.glyphs.slice(1).forEach((g, i) => expect(g.xPt - l.glyphs[i]!.xPt).toBeCloseTo(10, 6));
    }
  });

  test('a heading on one line is unchanged', () => {
    expect(texts(set('【协会党建】', heading))).toEqual(['【协会党建】']);
  });
});
