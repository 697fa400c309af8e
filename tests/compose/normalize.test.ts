import { describe, expect, test } from 'vitest';
import { compose, normalizeText } from '../../src/compose/index.js';
import { FAKE, small, texts } from './helpers.js';

describe('normalizeText [FORMAT §5.5, §5.2]', () => {
  test('full-width ASCII normalised', () => {
    expect(normalizeText('ＷＳＩ召开２０２１年会议，增长２０％，费用＄５')).toBe('WSI召开2021年会议，增长20%，费用$5');
    expect(normalizeText('３．５亿')).toBe('3.5亿');
  });

  test('full-width Chinese punctuation of §5.2 is kept', () => {
    const kept = '！，．：；？（）［］｛｝／～';
    expect(normalizeText('中' + kept)).toBe('中' + kept);
  });

  test('straight quotes curled', () => {
    expect(normalizeText('他说"好"。')).toBe('他说“好”。');
    expect(normalizeText('"他说\'好\'"')).toBe('“他说‘好’”');
    expect(normalizeText('"甲"和"乙"')).toBe('“甲”和“乙”');
  });

  test('curlQuotes: false keeps the clerk’s straight quotes', () => {
    const r = compose([{ text: '他说"好"。', role: 'fang', offset: 0 }], small({ curlQuotes: false }), FAKE);
    expect(texts(r)).toEqual(['他说"好"。']);
  });

  test('apostrophes in Latin words stay', () => {
    expect(normalizeText("中文里的don't和students'作品")).toBe("中文里的don't和students'作品");
  });

  test('Latin-only text keeps straight quotes', () => {
    expect(normalizeText('say "hi"')).toBe('say "hi"');
  });

  test('same length, so offsets map back', () => {
    const s = 'Ａ"𠮷"１';
    expect(normalizeText(s)).toHaveLength(s.length);
  });

  test('glyph offsets point into the original source', () => {
    const r = compose(
      [
        { text: '前言：', role: 'kai', offset: 100 },
        { text: 'ＷＳＩ与"好"', role: 'fang', offset: 200 },
      ],
      small(),
      FAKE,
    );
    expect(texts(r)).toEqual(['前言：WSI与“好”']);
    const at = Object.fromEntries(r.lines[0]!.glyphs.map((g) => [g.text, [g.offset, g.role]]));
    expect(at['：']).toEqual([102, 'kai']);
    expect(at['WSI']).toEqual([200, 'fang']);
    expect(at['“']).toEqual([204, 'fang']);
    expect(at['”']).toEqual([206, 'fang']);
  });
});
