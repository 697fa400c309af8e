/** The breaking rules of FORMAT §5.3 and §5.6, one named case per clause, on a 10-cell grid of 10 pt. */
import { describe, expect, test } from 'vitest';
import { FAKE, set, small, texts } from './helpers.js';

const TEN = '一二三四五六七八九十';

describe('line-end and line-start rules [FORMAT §5.3, §5.4 item 2]', () => {
  test('PS at line end counts half a cell and its ink is flush right', () => {
    // 9 Han + ， = 9.5 cells: fits, and the line is stretched so the comma's ink ends at the measure.
    const r = set('一二三四五六七八九，十一');
    expect(texts(r)).toEqual(['一二三四五六七八九，', '十一']);
    const line = r.lines[0]!;
    const comma = line.glyphs[9]!;
    expect(comma.xPt + 5).toBeCloseTo(100, 6); // ink half = 0.5 cell
    expect(line.endPt).toBeCloseTo(100, 6);
    expect(line.justified).toBe(true);
  });

  test("lineEndCompression 'hangable': only 。，、． drop their blank at the line end", () => {
    const opts = small({ lineEndCompression: 'hangable' });
    // 》 keeps its full cell, so squeezing the two commas (1/4 em each) is not enough to take it in:
    // 八 goes down. With 'all', 》 counts half a cell and the commas cover the other half.
    const r = set('一，二，三四五六七八》十一', opts);
    expect(texts(r)).toEqual(['一，二，三四五六七', '八》十一']);
    expect(texts(set('一，二，三四五六七八》十一'))).toEqual(['一，二，三四五六七八》', '十一']);
    // A line-final 》 ends with its em box on the measure.
    const g = set('一二三四五六七八九》十一', opts).lines[0]!.glyphs;
    expect(g[9]!.xPt + g[9]!.advancePt).toBe(100);
    // ， still counts half a cell; ； does not.
    expect(texts(set('一二三四五六七八九，十一', opts))).toEqual(['一二三四五六七八九，', '十一']);
    expect(texts(set('一二三四五六七八九；十一', opts))).toEqual(['一二三四五六七八九；', '十一']);
    expect(texts(set('一二三四五六七八九十；一二', opts))).toEqual(['一二三四五六七八九', '十；一二']);
  });

  test('a 10th cell taken by a line-final PS: 10 Han + 。 would need 10.5 cells, so 。 is pushed in or 十 pushed out', () => {
    expect(texts(set(TEN + '。一二'))).toEqual(['一二三四五六七八九', '十。一二']);
  });

  test('CL never starts a line', () => {
    const r = set(TEN + '”一二三');
    expect(texts(r)).toEqual(['一二三四五六七八九', '十”一二三']);
  });

  test('OP never ends a line', () => {
    const r = set('一二三四五六七八九《十一》');
    expect(texts(r)).toEqual(['一二三四五六七八九', '《十一》']);
    expect(r.events).toEqual([]);
  });

  test('PS never starts a line, doubled ？？ included', () => {
    expect(texts(set(TEN + '？？一二'))).toEqual(['一二三四五六七八九', '十？？一二']);
  });

  test('Latin closers and suffixes never start a line', () => {
    expect(texts(set('一二三四五六七八九十%一二'))).toEqual(['一二三四五六七八九', '十%一二']);
  });
});

describe('先挤进，后推出 [FORMAT §5.6 items 2–4]', () => {
  test('push in before push out: two commas give 1/4 em each', () => {
    // 10 cells are full when 。 arrives (half a cell at the line end); the commas take it in.
    const r = set('一，二三，四五六七八。十一');
    expect(texts(r)).toEqual(['一，二三，四五六七八。', '十一']);
    const g = r.lines[0]!.glyphs;
    expect(g.map((x) => x.xPt)).toEqual([0, 10, 17.5, 27.5, 37.5, 45, 55, 65, 75, 85, 95]); // ， 0.75 em each
    expect(g[10]!.xPt).toBe(95); // 。 ink flush right
    expect(r.lines[0]!.endPt).toBeCloseTo(100, 6);
    expect(r.stats?.squeezedLines).toBe(1);
  });

  test('a lone mid-line comma is never squeezed to half width: push out instead', () => {
    // One comma could give only 1/4 em of the half cell 。 needs [FORMAT §5.4 item 4].
    const r = set('一二三，四五六七八九。十一');
    expect(texts(r)).toEqual(['一二三，四五六七八', '九。十一']);
    const g = r.lines[0]!.glyphs;
    expect(g[4]!.xPt - g[3]!.xPt).toBeGreaterThanOrEqual(10); // the comma keeps its cell (and gets stretch)
    expect(r.lines[0]!.endPt).toBeCloseTo(100, 6);
  });

  test('push out when pushing in is not possible', () => {
    // No blank to squeeze: 十 goes down with the 。, the line is stretched.
    const r = set(TEN + '。一二');
    expect(texts(r)).toEqual(['一二三四五六七八九', '十。一二']);
    expect(r.lines[0]!.glyphs[8]!.xPt).toBe(90);
    expect(r.lines[0]!.glyphs[1]!.xPt).toBeCloseTo(11.25, 6);
    expect(r.stats?.pushedOutLines).toBe(1);
  });

  test('push-in shrinks every mark on the line evenly (FORMAT §5.4 item 4 (4))', () => {
    // ” needs 0.5 cell: ，。（） give 1/8 cell each, none is singled out.
    const r = set('一，二。三（四）五六”七八');
    expect(texts(r)).toEqual(['一，二。三（四）五六”', '七八']);
    const g = r.lines[0]!.glyphs;
    expect(g.map((x) => x.xPt)).toEqual([0, 10, 18.75, 28.75, 37.5, 46.25, 56.25, 66.25, 75, 85, 95]);
  });

  test('the blank between two adjacent marks gives way before the others (，“ → 1.25 em)', () => {
    // 说，“好”，甲乙丙丁 + 。: the blank between ， and “ goes first (1/4 em), then the even shrink.
    const r = set('说，“好”，甲乙丙丁戊。己庚');
    expect(texts(r)[0]).toBe('说，“好”，甲乙丙丁戊。');
    const g = r.lines[0]!.glyphs;
    // ， ink [10, 15], “ ink in the right half of its box: 0.75 cell from the comma's box, not 0.5.
    expect(g[1]!.xPt).toBe(10);
    expect(g[2]!.xPt + 5 - g[1]!.xPt).toBeCloseTo(7.5, 6);
  });

  test('adjacent marks 1.5 em', () => {
    // 。” : the 。 loses its blank, ” hugs it (closing + closing).
    const a = set('好。”他').lines[0]!.glyphs;
    expect(a.map((g) => g.xPt)).toEqual([0, 10, 15, 25]);
    // ：“ : closing + opening, the opening mark hugs what follows: drawn half a cell earlier.
    const b = set('说：“好”').lines[0]!.glyphs;
    expect(b.map((g) => g.xPt)).toEqual([0, 10, 15, 25, 35]);
    // “《 : opening + opening.
    const c = set('读“《书》”').lines[0]!.glyphs;
    expect(c.map((g) => g.xPt)).toEqual([0, 10, 15, 25, 35, 40]);
  });

  test('an opening mark at the line start keeps its blank (FORMAT §5.4 item 3)', () => {
    const r = set('一二三四五六七八九十（甲）');
    expect(r.lines[1]!.glyphs[0]!.xPt).toBe(0);
    expect(r.lines[1]!.glyphs[1]!.xPt).toBe(10);
  });
});

describe('never split [FORMAT §5.3]', () => {
  test('破折号 never split', () => {
    const r = set('一二三四五六七八九——十');
    expect(texts(r)).toEqual(['一二三四五六七八', '九——十']);
  });

  test('省略号 never split, and at strict level it does not start a line', () => {
    const r = set('一二三四五六七八九十……一');
    expect(texts(r)).toEqual(['一二三四五六七八九', '十……一']);
  });

  test('at gb level a 破折号 may start a line', () => {
    const r = set(TEN + '——一二', small({ kinsoku: 'gb' }));
    expect(texts(r)).toEqual([TEN, '——一二']);
  });

  test('number with % never split', () => {
    const r = set('一二三四五六七八增长20%以上');
    expect(texts(r)).toEqual(['一二三四五六七八增长', '20%以上']);
    expect(r.lines[1]!.glyphs[0]!.text).toBe('20%');
  });

  test('numbers with sign, decimals, thousands, prefix and ratio stay whole', () => {
    const r = set('甲-3.5乙1,000丙￥100丁3.5‰戊1∶500己', small({ measurePt: 1000 }));
    const latin = r.lines[0]!.glyphs.map((g) => g.text).filter((t) => !/^\p{Script=Han}$/u.test(t));
    expect(latin).toEqual(['-3.5', '1,000', '￥100', '3.5‰', '1∶500']);
  });

  test('abbreviations and designations stay whole', () => {
    const r = set('依据GB/T 9704-2012和COVID-19防控', small({ measurePt: 1000 }));
    expect(r.lines[0]!.glyphs.map((g) => g.text)).toContain('GB/T');
    expect(r.lines[0]!.glyphs.map((g) => g.text)).toContain('9704-2012');
    expect(r.lines[0]!.glyphs.map((g) => g.text)).toContain('COVID-19');
    // Moved down whole, the line left behind would be spread 0.8 em per gap: the designation
    // parts from its number at the space instead (FORMAT §5.6 item 5, "GB/T | 15834-2011").
    const narrow = set('一二三四依据GB/T 9704-2012');
    expect(texts(narrow)).toEqual(['一二三四依据GB/T', '9704-2012']);
  });

  test('a range of numbers 1—5 is not split at its 连接号 where another break will do', () => {
    expect(texts(set('一二三四五六七八1—5月份', small({ justify: false })))).toEqual(['一二三四五六七八', '1—5月份']);
    expect(texts(set('一二三四五六七八九1～5', small({ justify: false })))).toEqual(['一二三四五六七八九', '1～5']);
  });

  test('a grouping marker （一） stays together', () => {
    const r = set('一二三四五六七八九（十一）');
    expect(texts(r)).toEqual(['一二三四五六七八九', '（十一）']);
  });
});

describe('orphans [FORMAT §4.1, §5.6 item 6]', () => {
  test('orphan pushed down', () => {
    const r = set(TEN + '一。');
    expect(texts(r)).toEqual(['一二三四五六七八九', '十一。']);
    expect(r.lines[0]!.justified).toBe(true);
    expect(r.lines[0]!.endPt).toBeCloseTo(100, 6);
  });

  test('orphan fix does not create a 禁则 violation', () => {
    // Moving only 》 would start a line with it; 《十》 moves as a whole instead… which then fits.
    const r = set('一二三四五六七《十》一。');
    const t = texts(r);
    expect(t[t.length - 1]!.replace(/[。，》《]/g, '').length).toBeGreaterThanOrEqual(2);
    for (const line of t.slice(1)) expect('》。，'.includes(line[0]!)).toBe(false);
  });
});

describe('overlong units [FORMAT §5.3 gives way to the measure]', () => {
  test('overlong URL broken with event', () => {
    const url = 'https://www.example.org/a/b/c/d?x=1&y=2';
    const r = set('见' + url + '。');
    const t = texts(r);
    expect(t.join('')).toBe('见' + url + '。');
    for (const l of r.lines) expect(l.endPt!).toBeLessThanOrEqual(100 + 0.01);
    expect(r.events.filter((e) => e.kind === 'overlong-unit-broken')).toEqual([
      expect.objectContaining({ offset: 1, message: expect.stringContaining('比一行还宽') }),
    ]);
    // Safe points only: after . - _ ? & = or before a single /, never ending a line with "/".
    for (const line of t.slice(0, -1)) expect(line.endsWith('/')).toBe(false);
  });

  test('a digit string wider than a line is broken anywhere', () => {
    const digits = '1234567890'.repeat(3);
    const r = set(digits);
    expect(texts(r).join('')).toBe(digits);
    expect(r.lines.length).toBeGreaterThan(1);
    expect(r.events.map((e) => e.kind)).toContain('overlong-unit-broken');
  });
});

describe('last resort [clreq; FORMAT §5.3]', () => {
  test('five closing marks in a row move down with the character before them', () => {
    const r = set('一二三四五六七八九。”）》」十一');
    expect(texts(r)).toEqual(['一二三四五六七八', '九。”）》」十一']);
    // No rule gave way; the first line is spread 2/7 of a cell per gap, past the stretch limit.
    expect(r.events.map((e) => e.kind)).toEqual(['loose-line']);
    // Adjacent marks share blanks: each of the first four takes half a cell.
    expect(r.lines[1]!.glyphs.map((g) => g.xPt)).toEqual([0, 10, 15, 20, 25, 30, 40, 50]);
  });

  test('five closing marks … too many to keep: kinsoku relaxed with an event', () => {
    const r = set('一' + '）'.repeat(30));
    expect(r.lines.length).toBeGreaterThan(1);
    const ev = r.events.filter((e) => e.kind === 'kinsoku-relaxed');
    expect(ev.length).toBeGreaterThan(0);
    expect(ev[0]!.message).toMatch(/避头尾/);
    for (const l of r.lines) expect(l.endPt!).toBeLessThanOrEqual(100 + 0.01);
  });
});

describe('hanging punctuation [FORMAT §5.6 item 7]', () => {
  test('hangPunctuation', () => {
    const on = set(TEN + '，一二', small({ hangPunctuation: true }));
    expect(texts(on)).toEqual([TEN + '，', '一二']);
    expect(on.lines[0]!.hanging).toBe(true);
    expect(on.lines[0]!.glyphs[10]!.xPt).toBe(100);
    expect(on.lines[0]!.endPt).toBe(100);
    const off = set(TEN + '，一二');
    expect(texts(off)).toEqual(['一二三四五六七八九', '十，一二']);
  });

  test('only 。，、 hang', () => {
    const r = set(TEN + '；一二', small({ hangPunctuation: true }));
    expect(texts(r)).toEqual(['一二三四五六七八九', '十；一二']);
  });
});

void FAKE;
