/**
 * Clusters (FORMAT terms: CLUSTER; UAX #29): one item for the composer, one face for the shaper, a
 * variation selector without a variant not drawn but kept in the text; and measuring is the shaped
 * advance, so measuring and drawing read one object.
 */
import { describe, expect, test } from 'vitest';
import { isAttached } from '../../src/fonts/chars.js';
import { loadFontSet } from '../../src/fonts/registry.js';
import { shapeText, shapingFonts } from '../../src/paginate/shape.js';
import { CLUSTER } from '../../src/spec/format.js';
import { body, set, small, texts } from '../compose/helpers.js';

const fonts = loadFontSet({ fontsDir: 'fonts', only: 'free' });

describe('the composer keeps a cluster whole', () => {
  test('a combining mark or variation selector is part of the item before it', () => {
    expect(texts(set('葛\u{E0100}天')).join('|')).toBe('葛\u{E0100}天');
    const glyphs = set('葛\u{E0100}天字\u0301。', body()).lines[0]!.glyphs.map((g) => g.text);
    expect(glyphs).toEqual(['葛\u{E0100}', '天', '字\u0301', '。']);
  });

  test('no line starts with a mark cut from its base, however the lines fall', () => {
    for (let n = 4; n <= 9; n++) {
      const r = set('一二三四\u0301五六七八\uFE01九十', small({ measurePt: n * 10 }));
      for (const line of r.lines) expect(isAttached(line.glyphs[0]!.text.codePointAt(0)!), `measure ${n}`).toBe(false);
    }
  });

  test('the rule in FORMAT terms names the characters that join', () => {
    for (const cp of [0x301, 0x308, 0xfe00, 0xe0100, 0x200d]) expect(CLUSTER.extend.test(String.fromCodePoint(cp))).toBe(true);
    for (const cp of [0x41, 0x845b, 0x3002, 0x20]) expect(CLUSTER.extend.test(String.fromCodePoint(cp))).toBe(false);
  });
});

describe('the shaper sets a cluster in one face', () => {
  test("the base's face when it has the mark", () => {
    const song = fonts.chain('song')[0]!;
    expect(song.has(0x5b57) && song.has(0x301)).toBe(true);
    const s = shapeText(fonts, '字\u0301', 'song');
    expect(s.pieces.map((p) => p.face)).toEqual([song.id]);
    expect(s.pieces[0]!.glyphs).toHaveLength(2);
  });

  test('else the first face of the chain with the base and every mark, the whole cluster', () => {
    const fang = fonts.chain('fang')[0]!;
    // Q + U+0308 has no composed form (CLUSTER.marks).
    expect(fang.has(0x51) && !fang.has(0x308)).toBe(true);
    const s = shapeText(fonts, 'Q\u0308', 'fang');
    expect(s.pieces).toHaveLength(1);
    expect(s.pieces[0]!.face).not.toBe(fang.id);
    expect(s.pieces[0]!.glyphs.flatMap((g) => g.codePoints)).toEqual([0x51, 0x308]);
  });

  test('a variation selector with no variant: not drawn, no width, kept in the text (actualText)', () => {
    for (const vs of ['\uFE00', '\u{E0100}']) {
      const s = shapeText(fonts, `葛${vs}`, 'fang');
      expect(s.pieces.flatMap((p) => p.glyphs)).toHaveLength(1);
      expect(s.pieces[0]!.glyphs[0]!.codePoints).toEqual([0x845b]);
      expect(s.advanceEm).toBe(shapeText(fonts, '葛', 'fang').advanceEm);
      expect(s.actualText).toBe(true);
    }
    expect(shapeText(fonts, '葛', 'fang').actualText).toBeUndefined();
  });

  test('measuring is the shaped advance, and equals the font set’s own measure', () => {
    const shaping = shapingFonts(fonts);
    for (const [text, role] of [['GB/T 9704-2012', 'fang'], ['cafe\u0301', 'fang'], ['— 12 —', 'song'], ['➤', 'symbol'], ['Ａ̈', 'kai'], ['信息动态', 'title']] as const) {
      expect(shaping.measure(text, role)).toBe(shaping.shape(text, role).advanceEm);
      expect(shaping.measure(text, role)).toBe(fonts.measure(text, role));
    }
    // Shaped once: the same object every time.
    expect(shaping.shape('中', 'fang')).toBe(shaping.shape('中', 'fang'));
  });
});
