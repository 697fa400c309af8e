/**
 * A batch reuses font subsets (by glyph list, per face) and their compressed bytes (by data object)
 * from one issue to the next. What it writes must not depend on what was built before it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaultFontsDir, loadFontSet } from '../../src/fonts/registry.js';
import { compile } from '../../src/index.js';
import { srgbProfile } from '../../src/world/index.js';


const sample = readFileSync('issues/2021-01.yaml', 'utf8');
/** Another month: one item fewer and a later print date, so some subsets differ and some do not. */
const other = sample
  .replace(/^period: .*$/m, 'period: 2021-02')
  .replace(/^printed: .*$/m, 'printed: 2021-02-26')
  .replace(/^ {6}- 1月18日.*\n/m, '');

const build = async (text: string, fonts = loadFontSet({ fontsDir: defaultFontsDir() })): Promise<Buffer> => {
  const r = await compile('issue.yaml', new TextEncoder().encode(text), { fonts, srgb: srgbProfile() });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.pdf!;
};

describe('reuse across the issues of a batch', () => {
  it('gives each issue the bytes it gets when built alone', async () => {
    expect(other).not.toBe(sample);
    const shared = loadFontSet({ fontsDir: defaultFontsDir() });
    const first = await build(sample, shared);
    const second = await build(other, shared);
    const again = await build(sample, shared);
    expect(again.equals(first)).toBe(true);
    expect(second.equals(await build(other))).toBe(true);
    expect(first.equals(await build(sample))).toBe(true);
    expect(second.equals(first)).toBe(false);
  }, 60_000);

  it('hands back the same subset for the same glyphs, and a new one for others', () => {
    const fonts = loadFontSet({ fontsDir: defaultFontsDir() });
    const face = fonts.faceFor('仿'.codePointAt(0)!, 'fang')!;
    const a = face.subset([0, 5, 9]);
    expect(face.subset([0, 5, 9])).toBe(a);
    const b = face.subset([0, 5, 10]);
    expect(b).not.toBe(a);
    expect(Buffer.from(b.data).equals(Buffer.from(a.data))).toBe(false);
  });
});
