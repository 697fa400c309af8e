/**
 * CFF subsetting for PDF FontFile3 /CIDFontType0C: a CID-keyed CFF holding only the glyphs asked for
 * (CID = new glyph id), with only the subroutines they call, renumbered. Charstrings are copied
 * byte for byte (only subroutine numbers change), so outlines and hints are exactly the font's.
 *
 * Each glyph is run through a Type 2 interpreter (charstring.ts) with one operand stack and hint
 * count across its subroutine calls, which finds every call and where its number is written. fontkit's
 * subsetter keeps every subroutine number (an empty entry for each unused one); renumbering makes
 * subsets of Noto/Source Han CJK about half of fontkit's. Every subset is decoded again and compared
 * with the source outlines before it is used; anything unusual sends the face to fontkit's subsetter.
 */
import { CharstringError, runGlyph, subrBias, type CallSite, type SubrTable } from './charstring.js';
import type { FontSource, TableReader } from './source.js';

/** Random access to the CFF table with a small page cache (the header area is read in pieces). */
class Bytes {
  private readonly pages = new Map<number, Uint8Array>();
  private static readonly PAGE = 16384;
  constructor(readonly r: TableReader) {}
  byte(pos: number): number {
    const p = Math.floor(pos / Bytes.PAGE);
    let page = this.pages.get(p);
    if (!page) this.pages.set(p, (page = this.r.read(p * Bytes.PAGE, Bytes.PAGE)));
    const b = page[pos - p * Bytes.PAGE];
    if (b === undefined) throw new CffError('CFF 数据越界');
    return b;
  }
  slice(pos: number, len: number): Uint8Array {
    if (len <= 64) {
      const out = new Uint8Array(len);
      for (let i = 0; i < len; i++) out[i] = this.byte(pos + i);
      return out;
    }
    return this.r.read(pos, len);
  }
  u16(pos: number): number {
    return (this.byte(pos) << 8) | this.byte(pos + 1);
  }
  offset(pos: number, size: number): number {
    let v = 0;
    for (let i = 0; i < size; i++) v = v * 256 + this.byte(pos + i);
    return v;
  }
}

class CffError extends Error {}

/** An INDEX: where each entry's data lies (absolute offsets in the table). */
interface Index {
  start: number;
  /** Byte just past the INDEX. */
  end: number;
  count: number;
  /** Absolute start of entry i; entryAt(count) is the end of the data. */
  entryAt(i: number): number;
}

function readIndex(b: Bytes, at: number): Index {
  const count = b.u16(at);
  if (count === 0) return { start: at, end: at + 2, count: 0, entryAt: () => at + 2 };
  const offSize = b.byte(at + 2);
  const offsets = at + 3;
  const dataBase = offsets + (count + 1) * offSize - 1;
  // Read the offsets array in one go (CharStrings: tens of thousands of entries).
  const raw = b.slice(offsets, (count + 1) * offSize);
  const entryAt = (i: number): number => {
    let v = 0;
    for (let k = 0; k < offSize; k++) v = v * 256 + raw[i * offSize + k]!;
    return dataBase + v;
  };
  return { start: at, end: entryAt(count), count, entryAt };
}

/** A DICT as a list of entries, each with its operator, decoded operands and raw bytes. */
interface DictEntry {
  op: number;
  operands: number[];
  raw: Uint8Array;
}

function readDict(data: Uint8Array): DictEntry[] {
  const out: DictEntry[] = [];
  let operands: number[] = [];
  let start = 0;
  let i = 0;
  while (i < data.length) {
    const b = data[i]!;
    if (b <= 21) {
      let op = b;
      i++;
      if (b === 12) op = 1200 + data[i++]!;
      out.push({ op, operands, raw: data.subarray(start, i) });
      operands = [];
      start = i;
    } else if (b === 28) {
      operands.push(((data[i + 1]! << 8) | data[i + 2]!) << 16 >> 16);
      i += 3;
    } else if (b === 29) {
      operands.push((data[i + 1]! << 24) | (data[i + 2]! << 16) | (data[i + 3]! << 8) | data[i + 4]!);
      i += 5;
    } else if (b === 30) {
      // Real: nibbles until 0xf. Not needed as a value here (only offsets are rewritten).
      i++;
      for (;;) {
        const n = data[i++]!;
        if ((n & 0x0f) === 0x0f || (n >> 4) === 0x0f || i >= data.length) break;
      }
      operands.push(NaN);
    } else if (b >= 32 && b <= 246) {
      operands.push(b - 139);
      i++;
    } else if (b >= 247 && b <= 250) {
      operands.push((b - 247) * 256 + data[i + 1]! + 108);
      i += 2;
    } else if (b >= 251 && b <= 254) {
      operands.push(-(b - 251) * 256 - data[i + 1]! - 108);
      i += 2;
    } else throw new CffError('CFF DICT 损坏');
  }
  return out;
}

const OP = {
  charset: 15,
  Encoding: 16,
  CharStrings: 17,
  Private: 18,
  Subrs: 19,
  ROS: 1230,
  CIDCount: 1234,
  FDArray: 1236,
  FDSelect: 1237,
} as const;

/** A DICT operand as a 5-byte integer, so DICT sizes do not depend on the offsets they hold. */
function int5(v: number): number[] {
  return [29, (v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff];
}
function opBytes(op: number): number[] {
  return op >= 1200 ? [12, op - 1200] : [op];
}
/** A DICT operand in its shortest integer form. */
function dictInt(v: number): number[] {
  if (v >= -107 && v <= 107) return [v + 139];
  if (v >= 108 && v <= 1131) return [((v - 108) >> 8) + 247, (v - 108) & 0xff];
  if (v >= -1131 && v <= -108) return [((-v - 108) >> 8) + 251, (-v - 108) & 0xff];
  if (v >= -32768 && v <= 32767) return [28, (v >> 8) & 0xff, v & 0xff];
  return int5(v);
}

/** A Type 2 charstring number in its shortest form (the forms a subr index may take). */
function csInt(v: number): number[] {
  if (v >= -107 && v <= 107) return [v + 139];
  if (v >= 108 && v <= 1131) return [((v - 108) >> 8) + 247, (v - 108) & 0xff];
  if (v >= -1131 && v <= -108) return [((-v - 108) >> 8) + 251, (-v - 108) & 0xff];
  return [28, (v >> 8) & 0xff, v & 0xff];
}

function writeIndex(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length === 0) return new Uint8Array([0, 0]);
  let dataLen = 0;
  for (const e of entries) dataLen += e.byteLength;
  const offSize = dataLen + 1 < 0x100 ? 1 : dataLen + 1 < 0x10000 ? 2 : dataLen + 1 < 0x1000000 ? 3 : 4;
  const out = new Uint8Array(3 + (entries.length + 1) * offSize + dataLen);
  out[0] = entries.length >> 8;
  out[1] = entries.length & 0xff;
  out[2] = offSize;
  let off = 1;
  let at = 3 + (entries.length + 1) * offSize;
  const put = (i: number, v: number): void => {
    for (let k = offSize - 1; k >= 0; k--) {
      out[3 + i * offSize + k] = v & 0xff;
      v = Math.floor(v / 256);
    }
  };
  entries.forEach((e, i) => {
    put(i, off);
    out.set(e, at);
    at += e.byteLength;
    off += e.byteLength;
  });
  put(entries.length, off);
  return out;
}

/** Where each kept subroutine's calls are, and which subroutines the subset reaches. */
interface SubrUse {
  /** Call sites inside each subroutine reached (the same in every run, else the subset is refused). */
  sites: Map<number, CallSite[]>;
  /** Subroutines reached, with the FDs of the glyphs that reached them (globals run in any FD). */
  used: Map<number, Set<number>>;
}

const sameSites = (a: readonly CallSite[], b: readonly CallSite[]): boolean =>
  a.length === b.length && a.every((e, k) => e.pos === b[k]!.pos && e.len === b[k]!.len && e.target === b[k]!.target && e.global === b[k]!.global);

/** Writes new subroutine numbers into a charstring at its call sites. */
function rewrite(cs: Uint8Array, edits: readonly CallSite[], renumber: (e: CallSite) => number): Uint8Array {
  if (edits.length === 0) return cs;
  const out: number[] = [];
  let at = 0;
  for (const e of [...edits].sort((a, b) => a.pos - b.pos)) {
    for (let k = at; k < e.pos; k++) out.push(cs[k]!);
    out.push(...csInt(renumber(e)));
    at = e.pos + e.len;
  }
  for (let k = at; k < cs.length; k++) out.push(cs[k]!);
  return Uint8Array.from(out);
}

/** The parsed header area of a face's CFF, kept for later subsets (a batch builds many issues). */
interface CffFont {
  b: Bytes;
  header: Uint8Array;
  names: Index;
  strings: Index;
  gsubrIndex: Index;
  top: DictEntry[];
  isCid: boolean;
  charStrings: Index;
  fds: Array<{ dict: DictEntry[]; priv: DictEntry[]; subrsIndex?: Index }>;
  fdOf: (gid: number) => number;
  /** Charstrings read so far, by glyph id. */
  glyphs: Map<number, Uint8Array>;
  /** The data of each subr INDEX used so far. */
  subrs: Map<Index, Uint8Array>;
}

const parsedFonts = new WeakMap<FontSource, CffFont | null>();

const get = (dict: DictEntry[], op: number): DictEntry | undefined => dict.find((e) => e.op === op);

function parseCff(b: Bytes): CffFont {
  const hdrSize = b.byte(2);
  const header = b.slice(0, hdrSize);
  const names = readIndex(b, hdrSize);
  const tops = readIndex(b, names.end);
  const strings = readIndex(b, tops.end);
  const gsubrIndex = readIndex(b, strings.end);
  if (tops.count < 1) throw new CffError('CFF 没有 Top DICT');
  const top = readDict(b.slice(tops.entryAt(0), tops.entryAt(1) - tops.entryAt(0)));
  const isCid = get(top, OP.ROS) !== undefined;
  const csEntry = get(top, OP.CharStrings);
  if (!csEntry) throw new CffError('CFF 没有 CharStrings');
  const charStrings = readIndex(b, csEntry.operands[0]!);
  const readPrivate = (entry: DictEntry | undefined): { priv: DictEntry[]; subrsIndex?: Index } => {
    if (!entry || entry.operands.length < 2) return { priv: [] };
    const [size, offset] = entry.operands as [number, number];
    const priv = readDict(b.slice(offset, size));
    const s = get(priv, OP.Subrs);
    return { priv, ...(s ? { subrsIndex: readIndex(b, offset + s.operands[0]!) } : {}) };
  };
  const fds: CffFont['fds'] = [];
  let fdOf: (gid: number) => number = () => 0;
  if (isCid) {
    const fdArray = readIndex(b, get(top, OP.FDArray)!.operands[0]!);
    for (let i = 0; i < fdArray.count; i++) {
      const dict = readDict(b.slice(fdArray.entryAt(i), fdArray.entryAt(i + 1) - fdArray.entryAt(i)));
      fds.push({ dict, ...readPrivate(get(dict, OP.Private)) });
    }
    const selAt = get(top, OP.FDSelect)!.operands[0]!;
    const format = b.byte(selAt);
    if (format === 0) fdOf = (gid) => b.byte(selAt + 1 + gid);
    else if (format === 3) {
      const n = b.u16(selAt + 1);
      const ranges: Array<[number, number]> = [];
      for (let i = 0; i < n; i++) ranges.push([b.u16(selAt + 3 + i * 3), b.byte(selAt + 5 + i * 3)]);
      fdOf = (gid) => {
        let fd = 0;
        for (const [first, f] of ranges) {
          if (first > gid) break;
          fd = f;
        }
        return fd;
      };
    } else throw new CffError('CFF FDSelect 格式不支持');
  } else {
    fds.push({ dict: [], ...readPrivate(get(top, OP.Private)) });
  }
  return { b, header, names, strings, gsubrIndex, top, isCid, charStrings, fds, fdOf, glyphs: new Map(), subrs: new Map() };
}

/**
 * A CID-keyed CFF with `glyphs` (glyphs[i] becomes glyph and CID i); undefined when the CFF is
 * unreadable, uses what the interpreter does not follow, or the subset fails its check (every glyph's
 * outline decoded from the subset must equal the source's): the caller then takes fontkit's path,
 * since a wrong glyph in print is worse than a slower build.
 */
export function subsetCff(source: FontSource, glyphs: readonly number[]): Uint8Array | undefined {
  let cff = parsedFonts.get(source);
  if (cff === undefined) {
    const reader = source.reader('CFF ');
    try {
      cff = reader ? parseCff(new Bytes(reader)) : null;
    } catch (e) {
      if (!(e instanceof CffError)) throw e;
      cff = null;
    }
    parsedFonts.set(source, cff);
  }
  if (!cff) return undefined;
  try {
    const { data, paths, charstrings } = build(cff, glyphs);
    return (paths ? sameOutlines(data, paths) : sameCharstrings(data, charstrings)) ? data : undefined;
  } catch (e) {
    if (e instanceof CffError || e instanceof CharstringError) return undefined;
    throw e;
  }
}

const memoryBytes = (data: Uint8Array): Bytes =>
  new Bytes({ length: data.byteLength, read: (p, l) => data.subarray(p, p + l), readMany: (rs) => rs.map(([p, l]) => data.subarray(p, p + l)) });

/**
 * Subroutine tables of a parsed CFF for one FD. A subroutinized CJK font's glyphs call hundreds of
 * subrs scattered over the INDEX: its data is read in one piece on first use (about 1 MB for Noto
 * CJK's global subrs) rather than one file read per subr.
 */
function subrTable(cff: CffFont, index: Index | undefined): SubrTable | undefined {
  if (!index) return undefined;
  let data = cff.subrs.get(index);
  if (!data) {
    const start = index.entryAt(0);
    cff.subrs.set(index, (data = index.count > 0 ? cff.b.r.read(start, index.end - start) : new Uint8Array(0)));
  }
  const d = data;
  const base = index.entryAt(0);
  return {
    count: index.count,
    get: (n) => d.subarray(index.entryAt(n) - base, index.entryAt(n + 1) - base),
  };
}

/** Decodes every glyph of a subset we wrote and compares it with the source outlines. */
function sameOutlines(data: Uint8Array, paths: readonly number[][]): boolean {
  const out = parseCff(memoryBytes(data));
  if (out.charStrings.count !== paths.length) return false;
  const global = subrTable(out, out.gsubrIndex)!;
  for (let i = 0; i < paths.length; i++) {
    const cs = out.b.slice(out.charStrings.entryAt(i), out.charStrings.entryAt(i + 1) - out.charStrings.entryAt(i));
    const local = subrTable(out, out.fds[out.fdOf(i)]?.subrsIndex);
    const got = runGlyph(cs, { global, local, path: true }).path;
    const want = paths[i]!;
    if (got.length !== want.length || got.some((v, k) => v !== want[k])) return false;
  }
  return true;
}

/** A font without subroutines (Fandol) gets its charstrings byte for byte: compare the bytes. */
function sameCharstrings(data: Uint8Array, want: readonly Uint8Array[]): boolean {
  const out = parseCff(memoryBytes(data));
  if (out.charStrings.count !== want.length) return false;
  return want.every((w, i) => {
    const at = out.charStrings.entryAt(i);
    const got = out.b.r.read(at, out.charStrings.entryAt(i + 1) - at);
    return got.byteLength === w.byteLength && got.every((v, k) => v === w[k]);
  });
}

function build(cff: CffFont, glyphs: readonly number[]): { data: Uint8Array; paths?: number[][]; charstrings: Uint8Array[] } {
  const { b, header, names, strings, gsubrIndex, top, charStrings, fdOf } = cff;
  const fds = cff.fds;

  // The charstrings: those not read yet, in one batch of positioned reads.
  const missing = [...new Set(glyphs)].filter((g) => !cff.glyphs.has(g));
  const read = b.r.readMany(
    missing.map((g) => {
      if (g >= charStrings.count) return [charStrings.entryAt(0), 0] as const;
      const s = charStrings.entryAt(g);
      return [s, charStrings.entryAt(g + 1) - s] as const;
    }),
  );
  missing.forEach((g, i) => cff.glyphs.set(g, new Uint8Array(read[i]!)));
  const charstrings = glyphs.map((g) => cff.glyphs.get(g)!);
  const glyphFd = glyphs.map((g) => fdOf(g));
  if (glyphFd.some((fd) => fd >= fds.length)) throw new CffError('CFF FDSelect 越界');

  // Run every glyph: one operand stack and hint count per glyph, across its calls. Each call's
  // number must be a literal just before the call (else CharstringError: fontkit's path).
  const global = subrTable(cff, gsubrIndex)!;
  const locals = fds.map((f) => subrTable(cff, f.subrsIndex));
  const gUse: SubrUse = { sites: new Map(), used: new Map() };
  const lUse: SubrUse[] = fds.map(() => ({ sites: new Map(), used: new Map() }));
  const glyphSites: CallSite[][] = [];
  // Without subrs there is nothing to renumber and the charstrings are copied as they are.
  const anySubrs = gsubrIndex.count > 0 || fds.some((f) => f.subrsIndex && f.subrsIndex.count > 0);
  const paths: number[][] | undefined = anySubrs ? [] : undefined;
  if (paths) charstrings.forEach((cs, k) => {
    const fd = glyphFd[k]!;
    const run = runGlyph(cs, {
      global,
      local: locals[fd],
      path: true,
      literalCalls: true,
      onSubr(isGlobal, n, sites) {
        const use = isGlobal ? gUse : lUse[fd]!;
        const known = use.sites.get(n);
        if (!known) use.sites.set(n, sites);
        else if (!sameSites(known, sites)) throw new CffError('CFF 子程序在不同字形中解析不一致');
        let by = use.used.get(n);
        if (!by) use.used.set(n, (by = new Set()));
        by.add(fd);
      },
    });
    glyphSites.push(run.sites);
    paths.push(run.path);
  });

  // New FD numbering: the FDs the subset uses, in order of first use.
  const fdNew = new Map<number, number>();
  for (const fd of glyphFd) if (!fdNew.has(fd)) fdNew.set(fd, fdNew.size);
  const usedFds = [...fdNew.keys()];

  // A global subr that calls local subrs (itself or through other globals) runs in its caller's FD:
  // it is written once per FD that reaches it, each copy calling that FD's renumbered locals.
  const callsLocal = new Map<number, boolean>();
  const reachesLocal = (n: number): boolean => {
    let v = callsLocal.get(n);
    if (v === undefined) {
      callsLocal.set(n, false); // calls cannot recurse (depth-limited runs): a guard only
      v = (gUse.sites.get(n) ?? []).some((e) => !e.global || reachesLocal(e.target));
      callsLocal.set(n, v);
    }
    return v;
  };
  const gKey = (n: number, fd: number): string => `${n}:${reachesLocal(n) ? fd : -1}`;
  const gEntries: Array<{ n: number; fd: number }> = [];
  for (const n of [...gUse.used.keys()].sort((x, y) => x - y)) {
    if (reachesLocal(n)) for (const fd of [...gUse.used.get(n)!].sort((x, y) => x - y)) gEntries.push({ n, fd });
    else gEntries.push({ n, fd: -1 });
  }
  const gNew = new Map(gEntries.map((e, i) => [`${e.n}:${e.fd}`, i]));
  const gBias = subrBias(gEntries.length);
  const lOrder = new Map<number, number[]>();
  const lNew = new Map<number, Map<number, number>>();
  for (const fd of usedFds) {
    const order = [...lUse[fd]!.used.keys()].sort((x, y) => x - y);
    lOrder.set(fd, order);
    lNew.set(fd, new Map(order.map((n, i) => [n, i])));
  }
  if (gEntries.length > 65535) throw new CffError('CFF 子程序过多');
  const renumberIn = (fd: number) => (e: CallSite): number => {
    if (e.global) return gNew.get(gKey(e.target, fd))! - gBias;
    return lNew.get(fd)!.get(e.target)! - subrBias(lOrder.get(fd)!.length);
  };

  const gsubrsOut = writeIndex(gEntries.map((e) => rewrite(global.get(e.n), gUse.sites.get(e.n) ?? [], renumberIn(e.fd))));
  const csOut = charstrings.map((cs, k) => rewrite(cs, glyphSites[k] ?? [], renumberIn(glyphFd[k]!)));
  const localOut = new Map<number, Uint8Array | undefined>();
  for (const fd of usedFds) {
    const order = lOrder.get(fd)!;
    const table = locals[fd];
    localOut.set(fd, table && order.length > 0 ? writeIndex(order.map((n) => rewrite(table.get(n), lUse[fd]!.sites.get(n) ?? [], renumberIn(fd)))) : undefined);
  }

  // --- write: header, Name INDEX, Top DICT INDEX, String INDEX, Global Subrs, then the data.
  const n = glyphs.length;
  // The subset is CID-keyed with CID = new glyph id (identity charset below), so its ROS is
  // Adobe-Identity-0, as the PDF's CIDSystemInfo says: a CID-keyed source's own ROS (Fandol's
  // Adobe-GB1) would claim its character collection's CIDs for renumbered glyphs. Two strings are
  // appended, so every SID of the source keeps its meaning.
  const list: Uint8Array[] = [];
  for (let i = 0; i < strings.count; i++) list.push(b.slice(strings.entryAt(i), strings.entryAt(i + 1) - strings.entryAt(i)));
  const sid = 391 + list.length;
  list.push(Buffer.from('Adobe', 'latin1'), Buffer.from('Identity', 'latin1'));
  const stringIndex = writeIndex(list);
  const ros = [...dictInt(sid), ...dictInt(sid + 1), ...dictInt(0), 12, 30];
  const skip = new Set<number>([OP.charset, OP.Encoding, OP.CharStrings, OP.Private, OP.ROS, OP.CIDCount, OP.FDArray, OP.FDSelect]);
  const topRest: number[] = [];
  for (const e of top) if (!skip.has(e.op)) topRest.push(...e.raw);
  const makeTop = (charsetAt: number, fdSelectAt: number, charStringsAt: number, fdArrayAt: number): Uint8Array =>
    Uint8Array.from([
      ...ros,
      ...topRest,
      ...dictInt(n),
      ...opBytes(OP.CIDCount),
      ...int5(charsetAt),
      OP.charset,
      ...int5(fdSelectAt),
      ...opBytes(OP.FDSelect),
      ...int5(charStringsAt),
      OP.CharStrings,
      ...int5(fdArrayAt),
      ...opBytes(OP.FDArray),
    ]);
  const topSize = makeTop(0, 0, 0, 0).byteLength;
  const nameIndex = b.slice(names.start, names.end - names.start);
  const topIndexSize = writeIndex([new Uint8Array(topSize)]).byteLength;

  const charset = n > 1 ? new Uint8Array([2, 0, 1, ((n - 2) >> 8) & 0xff, (n - 2) & 0xff]) : new Uint8Array([0]);
  const ranges: Array<[number, number]> = [];
  glyphFd.forEach((fd, i) => {
    const nf = fdNew.get(fd)!;
    if (ranges.length === 0 || ranges[ranges.length - 1]![1] !== nf) ranges.push([i, nf]);
  });
  const fdSelect = new Uint8Array(3 + ranges.length * 3 + 2);
  fdSelect[0] = 3;
  fdSelect[1] = ranges.length >> 8;
  fdSelect[2] = ranges.length & 0xff;
  ranges.forEach(([first, fd], i) => {
    fdSelect[3 + i * 3] = first >> 8;
    fdSelect[4 + i * 3] = first & 0xff;
    fdSelect[5 + i * 3] = fd;
  });
  fdSelect[3 + ranges.length * 3] = n >> 8;
  fdSelect[4 + ranges.length * 3] = n & 0xff;
  const charStringsOut = writeIndex(csOut);

  // Private DICTs (Subrs offset relative to the Private DICT) followed by their subrs.
  const privates = usedFds.map((fd) => {
    const f = fds[fd]!;
    const body: number[] = [];
    for (const e of f.priv) if (e.op !== OP.Subrs) body.push(...e.raw);
    const subrs = localOut.get(fd);
    const size = body.length + (subrs ? 6 : 0);
    if (subrs) body.push(...int5(size), OP.Subrs);
    return { dict: Uint8Array.from(body), subrs };
  });

  let at = header.byteLength + nameIndex.byteLength + topIndexSize + stringIndex.byteLength + gsubrsOut.byteLength;
  const charsetAt = at;
  at += charset.byteLength;
  const fdSelectAt = at;
  at += fdSelect.byteLength;
  const charStringsAt = at;
  at += charStringsOut.byteLength;
  const fdArrayAt = at;
  // Font DICTs: the source's entries but Private, then Private (size, offset) as 5-byte ints.
  const fontDictBodies = usedFds.map((fd) => {
    const out: number[] = [];
    for (const e of fds[fd]!.dict) if (e.op !== OP.Private) out.push(...e.raw);
    return out;
  });
  const fdArraySize = writeIndex(fontDictBodies.map((d) => new Uint8Array(d.length + 11))).byteLength;
  at += fdArraySize;
  const fontDicts: Uint8Array[] = [];
  const privateBlobs: Uint8Array[] = [];
  privates.forEach((p, i) => {
    fontDicts.push(Uint8Array.from([...fontDictBodies[i]!, ...int5(p.dict.byteLength), ...int5(at), OP.Private]));
    privateBlobs.push(p.dict);
    at += p.dict.byteLength;
    if (p.subrs) {
      privateBlobs.push(p.subrs);
      at += p.subrs.byteLength;
    }
  });
  const fdArray = writeIndex(fontDicts);

  const topDict = makeTop(charsetAt, fdSelectAt, charStringsAt, fdArrayAt);
  if (topDict.byteLength !== topSize) throw new Error('CFF Top DICT size mismatch');
  const parts = [header, nameIndex, writeIndex([topDict]), stringIndex, gsubrsOut, charset, fdSelect, charStringsOut, fdArray, ...privateBlobs];
  let total = 0;
  for (const p of parts) total += p.byteLength;
  const out = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.byteLength;
  }
  return { data: out, charstrings, ...(paths ? { paths } : {}) };
}
