import { expect, test } from 'vitest';
import { loadFontSet } from '../../src/fonts/registry.js';

// FONTS.md traps 1–3: every face must embed as a small subset (a broken font embeds whole).
test('every free face embeds as a small subset', () => {
  const set = loadFontSet({ fontsDir: 'fonts', only: 'free' });
  const sample: Record<string, string> = {
    DejaVuSans: '➤●◆■✓ 2021',
    'LXGWWenKai-Regular': '𠮷野家 中文',
  };
  for (const face of set.faces()) {
    const text = sample[face.id] ?? '中文信息动态——2021年';
    const glyphs = [0, ...new Set(face.shape(text).map((g) => g.id))];
    const sub = face.subset(glyphs);
    console.log(`${face.id}: subset ${(sub.data.byteLength / 1024).toFixed(1)} KB`);
    expect(sub.data.byteLength).toBeLessThan(100 * 1024);
    expect(sub.data.byteLength).toBeGreaterThan(500);
  }
});

test('the full-em dash that measure() counts is the glyph fontkit lays out (Noto Serif SC, song role)', () => {
  const set = loadFontSet({ fontsDir: 'fonts', only: 'free' });
  const song = set.chain('song')[0]!;
  const font = song.font as unknown as { unitsPerEm: number; layout(t: string): { advanceWidth: number } };
  expect(font.layout('\u2014').advanceWidth / font.unitsPerEm).toBeCloseTo(set.measure('\u2014', 'song'), 3);
  expect(set.measure('\u2014', 'song')).toBeCloseTo(1, 3);
  expect(font.layout('\u2014\u2014').advanceWidth / font.unitsPerEm).toBeCloseTo(2, 3);
});
