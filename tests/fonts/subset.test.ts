import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { loadFontSet } from '../../src/fonts/registry.js';
import { writeSfnt } from '../../src/fonts/sfnt.js';
import type { Face } from '../../src/fonts/types.js';

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as { create(b: Uint8Array): FkFont };
interface FkFont {
  numGlyphs: number;
  getGlyph(id: number): { path: { toSVG(): string }; advanceWidth: number };
  glyphForCodePoint(cp: number): { id: number };
}

/**
 * The subsets we embed must hold exactly the outlines of the glyphs asked for, under their new ids:
 * each subset glyph's path (as fontkit reads it back) equals the source glyph's path.
 */
describe('subsetting', () => {
  const set = loadFontSet({ fontsDir: 'fonts', only: 'free' });
  // é and Å are composite glyphs in DejaVu Sans: their components are pulled in and renumbered.
  const text = '上海市安全生产协会信息动态，（2021年1月）——“HSE”➤①Ωfiéǻ';

  const check = (face: Face, wrap: (data: Uint8Array, n: number) => Uint8Array) => {
    const source = face.font as unknown as FkFont;
    const glyphs = [0, ...new Set([...text].map((c) => source.glyphForCodePoint(c.codePointAt(0)!).id).filter((g) => g !== 0))];
    const sub = face.subset(glyphs);
    const back = fontkit.create(wrap(sub.data, glyphs.length));
    expect(glyphs.length).toBeGreaterThan(10);
    glyphs.forEach((g, i) => {
      if (i > 0) expect(source.getGlyph(g).path.toSVG().length).toBeGreaterThan(10);
      expect(back.getGlyph(i).path.toSVG(), `${face.id} glyph ${g} → ${i}`).toBe(source.getGlyph(g).path.toSVG());
    });
    return sub;
  };

  test('TrueType (Noto Serif SC Black, Noto Sans SC, DejaVu Sans): same outlines and advances', () => {
    for (const face of [set.chain('title')[0]!, set.chain('hei')[0]!, set.chain('symbol')[0]!]) {
      const sub = check(face, (d) => d);
      expect(sub.cff).toBe(false);
      const back = fontkit.create(sub.data);
      const source = face.font as unknown as FkFont;
      expect(back.getGlyph(1).advanceWidth).toBe(source.getGlyph(source.glyphForCodePoint([...text].find((c) => source.glyphForCodePoint(c.codePointAt(0)!).id !== 0)!.codePointAt(0)!).id).advanceWidth);
    }
  });

  test('CFF (FandolFang, FandolKai): a CID-keyed CFF with the same charstrings', () => {
    for (const face of [set.chain('fang')[0]!, set.chain('kai')[0]!]) {
      const engine = (face as unknown as { engine: { source: { table(t: string): Uint8Array | undefined } } }).engine;
      const sub = check(face, (cff, n) => {
        // Wrap the bare CFF in an OpenType file so fontkit reads it back.
        const tables = ['head', 'hhea', 'OS/2', 'name', 'post', 'cmap'].map((tag) => ({ tag, data: engine.source.table(tag)! }));
        const maxp = Uint8Array.from(engine.source.table('maxp')!);
        new DataView(maxp.buffer).setUint16(4, n);
        const hhea = Uint8Array.from(engine.source.table('hhea')!);
        new DataView(hhea.buffer).setUint16(34, n);
        return writeSfnt(0x4f54544f, [...tables.filter((t) => t.tag !== 'hhea'), { tag: 'hhea', data: hhea }, { tag: 'maxp', data: maxp }, { tag: 'hmtx', data: new Uint8Array(n * 4) }, { tag: 'CFF ', data: cff }]);
      });
      expect(sub.cff).toBe(true);
    }
  });
});
