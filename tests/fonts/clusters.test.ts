import { expect, test } from 'vitest';
import { loadFontSet, splitByFace } from '../../src/fonts/registry.js';

const set = loadFontSet({ fontsDir: 'fonts', only: 'free' });

test('a letter and its combining mark go to the first face that has both (FandolFang lacks U+0301)', () => {
  const fang = set.chain('fang')[0]!;
  expect(fang.has(0x301)).toBe(false);
  // q + U+0301 has no composed form.
  const runs = splitByFace(set, '中文faq\u0301 x', 'fang');
  expect(runs.map((r) => r.text)).toEqual(['中文fa', 'q\u0301', ' x']);
  const accent = runs[1]!.face;
  expect(accent.has(0x71) && accent.has(0x301)).toBe(true);
  // Measured as cut: the cluster in one face.
  expect(set.measure('faq\u0301', 'fang')).toBeCloseTo(set.advance('fa', fang) + set.advance('q\u0301', accent), 6);
});

test('a cluster with a composed form is drawn from it: "e + U+0301" as FandolFang’s own é (CLUSTER.marks)', () => {
  const fang = set.chain('fang')[0]!;
  expect(fang.has(0xe9)).toBe(true);
  const runs = splitByFace(set, '中文cafe\u0301 x', 'fang');
  expect(runs.map((r) => [r.text, r.face])).toEqual([['中文café x', fang]]);
  expect(set.measure('cafe\u0301', 'fang')).toBe(set.measure('café', 'fang'));
});

test('a variation selector stays with its Han character and adds no width (U+FE00, U+E0100)', () => {
  for (const vs of ['\uFE00', '\u{E0100}']) {
    const runs = splitByFace(set, `葛${vs}天`, 'fang');
    expect(runs).toHaveLength(1);
    expect(runs[0]!.face).toBe(set.chain('fang')[0]);
    expect(set.measure(`葛${vs}天`, 'fang')).toBeCloseTo(set.measure('葛天', 'fang'), 6);
  }
});
