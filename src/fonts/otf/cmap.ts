/**
 * Character to glyph lookups straight on the cmap bytes (nothing is unpacked): the subtable is chosen
 * and read as fontkit 2.0.4 chooses and reads it, so both give the same glyph for every code point.
 */

/** A Unicode cmap ready for lookups, or undefined when the face has none we read the same way. */
export interface Cmap {
  lookup(cp: number): number;
  /** The glyph for `cp` followed by variation selector `vs` (format 14), 0 when none is defined. */
  variation(cp: number, vs: number): number;
}

const PREFERENCE: ReadonlyArray<readonly [number, number]> = [
  [3, 10],
  [0, 6],
  [0, 4],
  [3, 1],
  [0, 3],
  [0, 2],
  [0, 1],
  [0, 0],
];

/** Parses the cmap header; undefined when no Unicode subtable in a format we read exists. */
export function parseCmap(t: Uint8Array): Cmap | undefined {
  const v = new DataView(t.buffer, t.byteOffset, t.byteLength);
  if (t.byteLength < 4) return undefined;
  const n = v.getUint16(2);
  const records: Array<{ platformID: number; encodingID: number; offset: number }> = [];
  for (let i = 0; i < n && 4 + i * 8 + 8 <= t.byteLength; i++) {
    records.push({ platformID: v.getUint16(4 + i * 8), encodingID: v.getUint16(6 + i * 8), offset: v.getUint32(8 + i * 8) });
  }
  const find = (p: number, e: number) => records.find((r) => r.platformID === p && r.encodingID === e);
  let main: { offset: number } | undefined;
  for (const [p, e] of PREFERENCE) {
    main = find(p, e);
    if (main) break;
  }
  if (!main || main.offset + 2 > t.byteLength) return undefined;
  const lookup = subtableLookup(v, main.offset);
  if (!lookup) return undefined;
  const uvsRecord = find(0, 5);
  const uvsAt = uvsRecord && uvsRecord.offset + 2 <= t.byteLength && v.getUint16(uvsRecord.offset) === 14 ? uvsRecord.offset : -1;
  return {
    lookup,
    variation: (cp, vs) => (uvsAt >= 0 ? variationGlyph(v, uvsAt, cp, vs) : 0),
  };
}

function subtableLookup(v: DataView, at: number): ((cp: number) => number) | undefined {
  const format = v.getUint16(at);
  switch (format) {
    case 0:
      return (cp) => (cp >= 0 && cp < 256 ? v.getUint8(at + 6 + cp) : 0);
    case 4: {
      const segCount = v.getUint16(at + 6) >> 1;
      const length = v.getUint16(at + 2);
      const ends = at + 14;
      const starts = ends + segCount * 2 + 2;
      const deltas = starts + segCount * 2;
      const rangeOffsets = deltas + segCount * 2;
      const glyphArray = rangeOffsets + segCount * 2;
      // fontkit sizes glyphIndexArray from the subtable's length field.
      const glyphCount = Math.max(0, (at + length - glyphArray) >> 1);
      return (cp) => {
        let min = 0;
        let max = segCount - 1;
        while (min <= max) {
          const mid = (min + max) >> 1;
          if (cp < v.getUint16(starts + mid * 2)) max = mid - 1;
          else if (cp > v.getUint16(ends + mid * 2)) min = mid + 1;
          else {
            const rangeOffset = v.getUint16(rangeOffsets + mid * 2);
            const delta = v.getInt16(deltas + mid * 2);
            let gid: number;
            if (rangeOffset === 0) gid = cp + delta;
            else {
              const index = rangeOffset / 2 + (cp - v.getUint16(starts + mid * 2)) - (segCount - mid);
              gid = index >= 0 && index < glyphCount && glyphArray + index * 2 + 2 <= v.byteLength ? v.getUint16(glyphArray + index * 2) : 0;
              if (gid !== 0) gid += delta;
            }
            return gid & 0xffff;
          }
        }
        return 0;
      };
    }
    case 6: {
      const first = v.getUint16(at + 6);
      const count = v.getUint16(at + 8);
      return (cp) => {
        const i = cp - first;
        return i >= 0 && i < count ? v.getUint16(at + 10 + i * 2) : 0;
      };
    }
    case 10: {
      const first = v.getUint32(at + 12);
      const count = v.getUint32(at + 16);
      return (cp) => {
        const i = cp - first;
        return i >= 0 && i < count ? v.getUint16(at + 20 + i * 2) : 0;
      };
    }
    case 12:
    case 13: {
      const nGroups = v.getUint32(at + 12);
      const groups = at + 16;
      return (cp) => {
        let min = 0;
        let max = nGroups - 1;
        while (min <= max) {
          const mid = (min + max) >> 1;
          const g = groups + mid * 12;
          const start = v.getUint32(g);
          if (cp < start) max = mid - 1;
          else if (cp > v.getUint32(g + 4)) min = mid + 1;
          else return format === 12 ? v.getUint32(g + 8) + (cp - start) : v.getUint32(g + 8);
        }
        return 0;
      };
    }
    default:
      return undefined;
  }
}

/** Format 14, as fontkit's getVariationSelector reads it (including its quirks). */
function variationGlyph(v: DataView, at: number, cp: number, vs: number): number {
  const n = v.getUint32(at + 6);
  let lo = 0;
  let hi = n - 1;
  let rec = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const sel = read24(v, at + 10 + mid * 11);
    if (vs < sel) hi = mid - 1;
    else if (vs > sel) lo = mid + 1;
    else {
      rec = at + 10 + mid * 11;
      break;
    }
  }
  if (rec < 0) return 0;
  const defaultOffset = v.getUint32(rec + 3);
  const nonDefaultOffset = v.getUint32(rec + 7);
  if (defaultOffset) {
    const d = at + defaultOffset;
    const count = v.getUint32(d);
    let found = false;
    let a = 0;
    let b = count - 1;
    while (a <= b) {
      const mid = (a + b) >> 1;
      const start = read24(v, d + 4 + mid * 4);
      const extra = v.getUint8(d + 4 + mid * 4 + 3);
      if (cp < start) b = mid - 1;
      else if (cp > start + extra) a = mid + 1;
      else {
        found = true;
        break;
      }
    }
    if (!found) return 0;
  }
  if (nonDefaultOffset) {
    const d = at + nonDefaultOffset;
    const count = v.getUint32(d);
    let a = 0;
    let b = count - 1;
    while (a <= b) {
      const mid = (a + b) >> 1;
      const u = read24(v, d + 4 + mid * 5);
      if (cp < u) b = mid - 1;
      else if (cp > u) a = mid + 1;
      else return v.getUint16(d + 4 + mid * 5 + 3);
    }
  }
  return 0;
}

const read24 = (v: DataView, at: number): number => (v.getUint8(at) << 16) | (v.getUint8(at + 1) << 8) | v.getUint8(at + 2);
