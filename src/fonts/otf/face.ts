/**
 * One face read with our own small OpenType reader: metrics, cmap, shaping and subsetting, from
 * only the tables each needs (see FontSource). fontkit stays the reference and the fallback for what
 * the reader does not cover (FaceEngine.supported).
 */
import { NON_HAN } from '../chars.js';
import { parseCmap, type Cmap } from './cmap.js';
import { subsetCff } from './cff.js';
import { subsetGlyf, glyphBox } from './glyf.js';
import { detectScript, Shaper, Unsupported, type ShapedGlyph } from './layout.js';
import type { FontSource } from './source.js';

/** Values a PDF FontDescriptor needs, in font units (as pdfkit took them from fontkit). */
export interface FaceMetrics {
  unitsPerEm: number;
  /** hhea ascender and descender. */
  ascent: number;
  descent: number;
  /** OS/2 sCapHeight / sxHeight when the table has them (version ≥ 2), else undefined. */
  capHeight?: number;
  xHeight?: number;
  /** head xMin, yMin, xMax, yMax. */
  bbox: [number, number, number, number];
  italicAngle: number;
  isFixedPitch: boolean;
  /** OS/2 sFamilyClass (0 without OS/2). */
  familyClass: number;
  italic: boolean;
  /** Advance of glyph 0 (.notdef). */
  notdefAdvance: number;
}

/** A subset font program, ready for FontFile2 (TrueType) or FontFile3 /CIDFontType0C (CFF). */
export interface SubsetFont {
  data: Uint8Array;
  cff: boolean;
}

const i16 = (v: DataView, o: number): number => v.getInt16(o);
const u16 = (v: DataView, o: number): number => v.getUint16(o);

const view = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.byteLength);

export class FaceEngine {
  private cmapParsed?: Cmap | null;
  private shaper?: Shaper | null;
  private hmtx?: { v: DataView; count: number };
  private head?: DataView;
  readonly outlines: 'glyf' | 'CFF ' | null;

  constructor(readonly source: FontSource) {
    this.outlines = source.has('glyf') ? 'glyf' : source.has('CFF ') ? 'CFF ' : null;
  }

  /**
   * Whether this reader can stand in for fontkit for this face: a Unicode cmap we read, no AAT
   * shaping, no variations, TrueType or CFF outlines.
   */
  get supported(): boolean {
    return (
      this.cmap !== undefined &&
      !this.source.has('morx') &&
      !this.source.has('fvar') &&
      !this.source.has('sbix') &&
      !(this.source.has('COLR') && this.source.has('CPAL')) &&
      this.outlines !== null &&
      this.source.has('hmtx') &&
      this.source.has('hhea') &&
      this.source.has('head')
    );
  }

  private get headView(): DataView {
    if (!this.head) {
      const t = this.source.table('head');
      if (!t || t.byteLength < 54) throw new Error(`字体文件 ${this.source.file} 缺少 head 表`);
      this.head = view(t);
    }
    return this.head;
  }

  get unitsPerEm(): number {
    return u16(this.headView, 18);
  }

  get numGlyphs(): number {
    const t = this.source.table('maxp');
    return t && t.byteLength >= 6 ? u16(view(t), 4) : 0;
  }

  get cmap(): Cmap | undefined {
    if (this.cmapParsed === undefined) {
      const t = this.source.table('cmap');
      this.cmapParsed = (t && parseCmap(t)) || null;
    }
    return this.cmapParsed ?? undefined;
  }

  /** The glyph for a code point, 0 when none (fontkit's hasGlyphForCodePoint is `!= 0`). */
  glyph(cp: number): number {
    return this.cmap?.lookup(cp) ?? 0;
  }

  /** Advance width of a glyph in font units (hmtx; past numberOfHMetrics, the last advance). */
  advance(gid: number): number {
    if (!this.hmtx) {
      const hhea = this.source.table('hhea');
      const hmtx = this.source.table('hmtx');
      if (!hhea || !hmtx) throw new Error(`字体文件 ${this.source.file} 缺少 hhea/hmtx 表`);
      this.hmtx = { v: view(hmtx), count: Math.min(u16(view(hhea), 34), hmtx.byteLength >> 2) };
    }
    const { v, count } = this.hmtx;
    if (count === 0) return 0;
    return u16(v, 4 * (gid < count ? gid : count - 1));
  }

  /** Left side bearing from hmtx (for the TrueType subset's hmtx). */
  leftBearing(gid: number): number {
    this.advance(0);
    const { v, count } = this.hmtx!;
    if (gid < count) return i16(v, 4 * gid + 2);
    const at = 4 * count + 2 * (gid - count);
    return at + 2 <= v.byteLength ? i16(v, at) : 0;
  }

  metrics(): FaceMetrics {
    const head = this.headView;
    const hhea = view(this.source.table('hhea')!);
    const os2t = this.source.table('OS/2');
    const post = this.source.table('post');
    const os2 = os2t ? view(os2t) : undefined;
    const version = os2 && os2.byteLength >= 2 ? u16(os2, 0) : 0;
    const hasCap = os2 !== undefined && version >= 2 && os2.byteLength >= 90;
    return {
      unitsPerEm: u16(head, 18),
      ascent: i16(hhea, 4),
      descent: i16(hhea, 6),
      capHeight: hasCap ? i16(os2, 88) : undefined,
      xHeight: hasCap ? i16(os2, 86) : undefined,
      bbox: [i16(head, 36), i16(head, 38), i16(head, 40), i16(head, 42)],
      italicAngle: post && post.byteLength >= 8 ? view(post).getInt32(4) / 65536 : 0,
      isFixedPitch: post !== undefined && post.byteLength >= 16 && view(post).getUint32(12) !== 0,
      familyClass: os2 && os2.byteLength >= 32 ? i16(os2, 30) : 0,
      italic: (u16(head, 44) & 2) !== 0,
      notdefAdvance: this.advance(0),
    };
  }

  /**
   * Ideographic em-box top in em: BASE idtp, else BASE ideo + 1 em, else OS/2 typo metrics when
   * they span exactly 1 em, else 0.88 (as the fontkit-based reader did).
   */
  emBoxAscent(): number {
    const upem = this.unitsPerEm;
    try {
      const base = this.source.table('BASE');
      if (base) {
        const v = view(base);
        const axisOff = u16(v, 4);
        if (axisOff) {
          const axis = axisOff;
          const tagListOff = u16(v, axis);
          const scriptListOff = u16(v, axis + 2);
          const tags: string[] = [];
          if (tagListOff) {
            const tl = axis + tagListOff;
            const n = u16(v, tl);
            for (let i = 0; i < n; i++) tags.push(String.fromCharCode(...base.subarray(tl + 2 + i * 4, tl + 6 + i * 4)));
          }
          if (tagListOff && scriptListOff) {
            const sl = axis + scriptListOff;
            const n = u16(v, sl);
            const records: Array<{ tag: string; at: number }> = [];
            for (let i = 0; i < n; i++) {
              const r = sl + 2 + i * 6;
              records.push({ tag: String.fromCharCode(...base.subarray(r, r + 4)), at: sl + u16(v, r + 4) });
            }
            if (records.length > 0) {
              const rec = records.find((s) => s.tag === 'hani') ?? records.find((s) => s.tag === 'DFLT') ?? records[0]!;
              const valuesOff = u16(v, rec.at);
              if (valuesOff) {
                const bv = rec.at + valuesOff;
                const count = u16(v, bv + 2);
                const coord = (i: number): number | undefined => (i >= 0 && i < count ? i16(v, bv + u16(v, bv + 4 + i * 2) + 2) : undefined);
                const idtp = coord(tags.indexOf('idtp'));
                if (idtp !== undefined) return idtp / upem;
                const ideo = coord(tags.indexOf('ideo'));
                if (ideo !== undefined) return (ideo + upem) / upem;
              }
            }
          }
        }
      }
    } catch {
      // A malformed BASE table is not worth failing over; fall through to OS/2.
    }
    const os2t = this.source.table('OS/2');
    if (os2t && os2t.byteLength >= 72) {
      const os2 = view(os2t);
      const asc = i16(os2, 68);
      const desc = i16(os2, 70);
      if (asc - desc === upem) return asc / upem;
    }
    return 0.88;
  }

  /** The outline's vertical extent of a glyph, font units (TrueType glyph header); undefined for CFF. */
  glyphBox(gid: number): { yMin: number; yMax: number } | undefined {
    if (this.outlines !== 'glyf') return undefined;
    return glyphBox(this.source, this.headView, gid);
  }

  /**
   * Shapes `text` exactly as fontkit's layout does with the registry's Chinese defaults ('hani' and
   * ZHS unless the text holds letters of another script). Undefined when the text or face needs
   * what only fontkit does (the caller then asks fontkit).
   */
  shape(text: string): ShapedGlyph[] | undefined {
    if (!this.supported) return undefined;
    try {
      if (this.shaper === undefined) {
        this.shaper = new Shaper({
          cmap: this.cmap!,
          advance: (g) => this.advance(g),
          GSUB: this.source.table('GSUB'),
          GPOS: this.source.table('GPOS'),
          GDEF: this.source.table('GDEF'),
          kern: this.source.table('kern'),
        });
      }
      const script = NON_HAN.test(text) ? detectScript(text) : 'hani';
      return this.shaper!.shape(text, script, 'ZHS');
    } catch (e) {
      if (e instanceof Unsupported || e instanceof RangeError) return undefined;
      throw e;
    }
  }

  /** A subset holding `glyphs` (new id = index; glyphs[0] must be 0, .notdef). */
  subset(glyphs: readonly number[], widen?: readonly number[]): SubsetFont | undefined {
    if (this.outlines === 'glyf') return { data: subsetGlyf(this, glyphs, widen), cff: false };
    if (widen?.some((w) => w !== 0)) return undefined;
    if (this.outlines === 'CFF ') {
      const data = subsetCff(this.source, glyphs);
      return data ? { data, cff: true } : undefined;
    }
    return undefined;
  }
}
