/**
 * TrueType subsetting: the glyphs asked for (and the components of composite glyphs), renumbered,
 * with the tables a PDF FontFile2 needs — head, hhea, maxp, hmtx, loca, glyf, and cvt/fpgm/prep
 * as they are (the same set fontkit's TTFSubset writes). Glyph data is read by positioned reads.
 */
import { writeSfnt, type SfntTableData } from '../sfnt.js';
import type { FaceEngine } from './face.js';
import type { FontSource } from './source.js';

const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

/** loca as absolute offsets into glyf (numGlyphs + 1 entries). */
function locaOffsets(source: FontSource, head: DataView): (gid: number) => [number, number] {
  const loca = source.table('loca');
  if (!loca) throw new Error(`字体文件 ${source.file} 缺少 loca 表`);
  const v = new DataView(loca.buffer, loca.byteOffset, loca.byteLength);
  const long = head.getInt16(50) === 1;
  const count = long ? loca.byteLength >> 2 : loca.byteLength >> 1;
  const at = (i: number): number => (long ? v.getUint32(i * 4) : v.getUint16(i * 2) * 2);
  return (gid) => (gid + 1 < count ? [at(gid), at(gid + 1)] : [0, 0]);
}

/** The yMin/yMax of a glyph from its header; undefined for an empty glyph. */
export function glyphBox(source: FontSource, head: DataView, gid: number): { yMin: number; yMax: number } | undefined {
  const [start, end] = locaOffsets(source, head)(gid);
  if (end - start < 10) return undefined;
  const h = source.reader('glyf')!.read(start, 10);
  const v = new DataView(h.buffer, h.byteOffset, h.byteLength);
  return { yMin: v.getInt16(4), yMax: v.getInt16(8) };
}

/** Glyph records read so far, per face (a batch builds many issues from the same faces). */
const glyphCache = new WeakMap<FontSource, Map<number, Uint8Array>>();

/**
 * A TrueType font holding `glyphs` (in this order; composite components are appended). `widen[i]` is
 * added to glyph i's advance (a letter-spaced copy of a glyph; the outline is the same).
 */
export function subsetGlyf(face: FaceEngine, glyphs: readonly number[], widen?: readonly number[]): Uint8Array {
  const source = face.source;
  const headRaw = source.table('head')!;
  const head = new DataView(headRaw.buffer, headRaw.byteOffset, headRaw.byteLength);
  const range = locaOffsets(source, head);
  const glyf = source.reader('glyf')!;
  let cache = glyphCache.get(source);
  if (!cache) glyphCache.set(source, (cache = new Map()));
  const known = cache;
  const readGlyphs = (ids: readonly number[]): Uint8Array[] => {
    const missing = ids.filter((g) => !known.has(g));
    const got = glyf.readMany(
      missing.map((g) => {
        const [s, e] = range(g);
        return [s, Math.max(0, e - s)] as const;
      }),
    );
    missing.forEach((g, i) => known.set(g, new Uint8Array(got[i]!)));
    return ids.map((g) => known.get(g)!);
  };

  const order = [...glyphs];
  const newId = new Map<number, number>();
  order.forEach((g, i) => newId.set(g, i));
  const data: Uint8Array[] = [];
  // Read in batches: the requested glyphs first, then any components they pull in.
  let next = 0;
  while (next < order.length) {
    const batch = order.slice(next);
    const bytes = readGlyphs(batch);
    for (let k = 0; k < batch.length; k++) {
      let b = bytes[k]!;
      if (b.byteLength >= 10 && new DataView(b.buffer, b.byteOffset, b.byteLength).getInt16(0) < 0) {
        b = new Uint8Array(b); // we rewrite component ids (in a copy: the cache keeps the original)
        const v = new DataView(b.buffer);
        let p = 10;
        for (;;) {
          const flags = v.getUint16(p);
          const comp = v.getUint16(p + 2);
          let id = newId.get(comp);
          if (id === undefined) {
            id = order.length;
            order.push(comp);
            newId.set(comp, id);
          }
          v.setUint16(p + 2, id);
          p += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
          if (flags & WE_HAVE_A_SCALE) p += 2;
          else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
          else if (flags & WE_HAVE_A_TWO_BY_TWO) p += 8;
          if (!(flags & MORE_COMPONENTS) || p + 4 > b.byteLength) break;
        }
      }
      data.push(b);
    }
    next += batch.length;
  }

  // glyf with each glyph padded to an even length, so the short loca format fits small subsets.
  let total = 0;
  for (const d of data) total += (d.byteLength + 1) & ~1;
  const short = total / 2 <= 0xffff;
  const glyfOut = new Uint8Array(total);
  const loca = new Uint8Array((order.length + 1) * (short ? 2 : 4));
  const lv = new DataView(loca.buffer);
  let at = 0;
  data.forEach((d, i) => {
    if (short) lv.setUint16(i * 2, at / 2);
    else lv.setUint32(i * 4, at);
    glyfOut.set(d, at);
    at += (d.byteLength + 1) & ~1;
  });
  if (short) lv.setUint16(order.length * 2, at / 2);
  else lv.setUint32(order.length * 4, at);

  const hmtx = new Uint8Array(order.length * 4);
  const hv = new DataView(hmtx.buffer);
  let widest = 0;
  order.forEach((g, i) => {
    const advance = face.advance(g) + (widen?.[i] ?? 0);
    widest = Math.max(widest, advance);
    hv.setUint16(i * 4, advance);
    hv.setInt16(i * 4 + 2, face.leftBearing(g));
  });

  const headOut = new Uint8Array(headRaw);
  const hov = new DataView(headOut.buffer);
  hov.setUint32(8, 0); // checkSumAdjustment, set below
  hov.setInt16(50, short ? 0 : 1);
  const hhea = new Uint8Array(source.table('hhea')!);
  new DataView(hhea.buffer).setUint16(34, order.length);
  // advanceWidthMax covers a widened glyph.
  if (widen && widest > new DataView(hhea.buffer).getUint16(10)) new DataView(hhea.buffer).setUint16(10, widest);
  const maxp = new Uint8Array(source.table('maxp')!);
  new DataView(maxp.buffer).setUint16(4, order.length);

  const tables: SfntTableData[] = [
    { tag: 'head', data: headOut },
    { tag: 'hhea', data: hhea },
    { tag: 'maxp', data: maxp },
    { tag: 'hmtx', data: hmtx },
    { tag: 'loca', data: loca },
    { tag: 'glyf', data: glyfOut },
  ];
  for (const tag of ['cvt ', 'fpgm', 'prep']) {
    const t = source.table(tag);
    if (t) tables.push({ tag, data: t });
  }
  const font = writeSfnt(0x00010000, tables);
  // head.checkSumAdjustment = 0xB1B0AFBA − sum of the whole font.
  let sum = 0;
  const fv = new DataView(font.buffer, font.byteOffset, font.byteLength);
  for (let i = 0; i + 4 <= font.byteLength; i += 4) sum = (sum + fv.getUint32(i)) >>> 0;
  const headAt = findTable(fv, 'head');
  if (headAt >= 0) fv.setUint32(headAt + 8, (0xb1b0afba - sum) >>> 0);
  return font;
}

function findTable(v: DataView, tag: string): number {
  const n = v.getUint16(4);
  for (let i = 0; i < n; i++) {
    const o = 12 + i * 16;
    const t = String.fromCharCode(v.getUint8(o), v.getUint8(o + 1), v.getUint8(o + 2), v.getUint8(o + 3));
    if (t === tag) return v.getUint32(o + 8);
  }
  return -1;
}
