/**
 * Just enough of the sfnt/WOFF binary formats to identify a face without parsing it with fontkit:
 * the table directory, the name table and OS/2. Reads a few kilobytes per face with positioned
 * reads, so listing an office folder full of 20 MB CJK fonts stays cheap.
 */
import { TextDecoder } from 'node:util';
import { inflateSync } from 'node:zlib';
import type { FontFile } from './file.js';

/** One decoded record of a face's name table. */
export interface NameRecord {
  platformID: number;
  encodingID: number;
  languageID: number;
  nameID: number;
  value: string;
}

/** What a face says about itself, read without fontkit. */
export interface FaceHeader {
  /** Index of the face in a TTC/OTC; 0 for a single font. */
  index: number;
  /** True when the file is a TrueType/OpenType collection. */
  collection: boolean;
  /** 'sfnt' (TTF/OTF/TTC), 'woff' (WOFF 1.0, converted on load). */
  container: 'sfnt' | 'woff';
  /** Table tags present. */
  tags: string[];
  names: NameRecord[];
  /** Name ID 6 (PostScript name), '' when absent. */
  postscriptName: string;
  /** Name IDs 1, 16 and 21 in every language, distinct, in table order. */
  familyNames: string[];
  /** Name ID 4 in every language. */
  fullNames: string[];
  /** OS/2 fsType (embedding permissions); undefined when the face has no OS/2 table. */
  fsType: number | undefined;
  /** OS/2 fsSelection (bit 0 italic, bit 5 bold, bit 9 oblique); 0 when absent. */
  fsSelection: number;
  usWeightClass: number;
  /** Outline format: glyf (TrueType), 'CFF ' or CFF2; null for bitmap-only faces. */
  outlines: 'glyf' | 'CFF ' | 'CFF2' | null;
  /** Where each table lies in the file (WOFF: stored, possibly compressed, lengths too). */
  tables: TableEntry[];
}

/** A table directory entry. */
export interface TableEntry {
  tag: string;
  offset: number;
  length: number;
  /** WOFF only: stored (possibly zlib-compressed) length. */
  compLength: number;
  checksum: number;
}

/** Raised for a file that is not a readable TTF/OTF/TTC/WOFF. */
export class FontFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FontFormatError';
  }
}

const tagOf = (b: Uint8Array, at: number): string => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

/** Sniffs the container from the first four bytes. */
export function sniff(head: Uint8Array): 'sfnt' | 'ttc' | 'woff' | 'woff2' | null {
  if (head.length < 4) return null;
  const t = tagOf(head, 0);
  if (t === 'ttcf') return 'ttc';
  if (t === 'wOFF') return 'woff';
  if (t === 'wOF2') return 'woff2';
  if (t === 'OTTO' || t === 'true' || t === '\0\x01\0\0') return 'sfnt';
  return null;
}

/** Positioned reads of a font file, failing loudly on truncation. */
class Reader {
  constructor(
    private readonly file: FontFile,
    private readonly size: number,
  ) {}
  read(pos: number, len: number): Buffer {
    if (pos < 0 || len < 0 || pos + len > this.size) throw new FontFormatError('文件被截断或表目录损坏');
    const b = this.file.read([[pos, len]])[0]!;
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  }
}

function readDirectory(r: Reader, at: number, container: 'sfnt' | 'woff'): TableEntry[] {
  const entries: TableEntry[] = [];
  if (container === 'woff') {
    const h = r.read(at, 44);
    const n = h.readUInt16BE(12);
    const d = r.read(at + 44, n * 20);
    for (let i = 0; i < n; i++) {
      const o = i * 20;
      entries.push({
        tag: tagOf(d, o),
        offset: d.readUInt32BE(o + 4),
        compLength: d.readUInt32BE(o + 8),
        length: d.readUInt32BE(o + 12),
        checksum: d.readUInt32BE(o + 16),
      });
    }
    return entries;
  }
  const h = r.read(at, 12);
  const n = h.readUInt16BE(4);
  const d = r.read(at + 12, n * 16);
  for (let i = 0; i < n; i++) {
    const o = i * 16;
    const length = d.readUInt32BE(o + 12);
    entries.push({ tag: tagOf(d, o), checksum: d.readUInt32BE(o + 4), offset: d.readUInt32BE(o + 8), length, compLength: length });
  }
  return entries;
}

function readTable(r: Reader, e: TableEntry): Buffer {
  const raw = r.read(e.offset, e.compLength);
  if (e.compLength < e.length) return inflateSync(raw);
  return raw;
}

const decoders = new Map<string, TextDecoder>();
function decoder(label: string): TextDecoder {
  let d = decoders.get(label);
  if (!d) {
    d = new TextDecoder(label);
    decoders.set(label, d);
  }
  return d;
}

/** Windows encodings 2–6 store legacy double-byte text in 16-bit units; drop the zero high bytes. */
function packedDoubleByte(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    if (bytes[i] !== 0) out.push(bytes[i]!);
    out.push(bytes[i + 1]!);
  }
  return Uint8Array.from(out);
}

/** Decodes one name string; undefined for encodings that cannot matter here (symbol, Johab…). */
function decodeName(platformID: number, encodingID: number, bytes: Uint8Array): string | undefined {
  if (platformID === 0 || (platformID === 3 && (encodingID === 0 || encodingID === 1 || encodingID === 10))) {
    return decoder('utf-16be').decode(bytes);
  }
  if (platformID === 3) {
    // PRC (GB2312/GBK) and Big5 names appear in older 方正/Windows fonts.
    if (encodingID === 3) return decoder('gbk').decode(packedDoubleByte(bytes));
    if (encodingID === 4) return decoder('big5').decode(packedDoubleByte(bytes));
    return undefined;
  }
  if (platformID === 1) {
    if (encodingID === 0) return decoder('macintosh').decode(bytes);
    if (encodingID === 25) return decoder('gbk').decode(bytes);
    if (encodingID === 2) return decoder('big5').decode(bytes);
    return undefined;
  }
  return undefined;
}

/** Parses a name table (format 0 or 1); records whose encoding is unknown are skipped. */
export function parseNameTable(t: Uint8Array): NameRecord[] {
  const v = new DataView(t.buffer, t.byteOffset, t.byteLength);
  if (t.byteLength < 6) return [];
  const count = v.getUint16(2);
  const strings = v.getUint16(4);
  const out: NameRecord[] = [];
  for (let i = 0; i < count; i++) {
    const o = 6 + i * 12;
    if (o + 12 > t.byteLength) break;
    const platformID = v.getUint16(o);
    const encodingID = v.getUint16(o + 2);
    const languageID = v.getUint16(o + 4);
    const nameID = v.getUint16(o + 6);
    const len = v.getUint16(o + 8);
    const off = strings + v.getUint16(o + 10);
    if (off + len > t.byteLength) continue;
    const value = decodeName(platformID, encodingID, t.subarray(off, off + len));
    if (value !== undefined) out.push({ platformID, encodingID, languageID, nameID, value: value.replace(/\0+$/, '') });
  }
  return out;
}

function distinct(values: Iterable<string>): string[] {
  return [...new Set([...values].map((s) => s.trim()).filter((s) => s !== ''))];
}

function faceHeader(r: Reader, at: number, index: number, collection: boolean, container: 'sfnt' | 'woff'): FaceHeader {
  const dir = readDirectory(r, at, container);
  const byTag = new Map(dir.map((e) => [e.tag, e]));
  const nameEntry = byTag.get('name');
  const names = nameEntry ? parseNameTable(readTable(r, nameEntry)) : [];
  const os2Entry = byTag.get('OS/2');
  let fsType: number | undefined;
  let fsSelection = 0;
  let usWeightClass = 400;
  if (os2Entry) {
    const os2 = readTable(r, os2Entry);
    if (os2.length >= 10) {
      usWeightClass = os2.readUInt16BE(4);
      fsType = os2.readUInt16BE(8);
    }
    if (os2.length >= 64) fsSelection = os2.readUInt16BE(62);
  }
  const ps =
    names.find((n) => n.nameID === 6 && n.platformID === 3) ??
    names.find((n) => n.nameID === 6);
  const outlines = byTag.has('glyf') ? 'glyf' : byTag.has('CFF ') ? 'CFF ' : byTag.has('CFF2') ? 'CFF2' : null;
  return {
    index,
    collection,
    container,
    tags: dir.map((e) => e.tag),
    names,
    postscriptName: ps?.value.trim() ?? '',
    familyNames: distinct(names.filter((n) => n.nameID === 1 || n.nameID === 16 || n.nameID === 21).map((n) => n.value)),
    fullNames: distinct(names.filter((n) => n.nameID === 4).map((n) => n.value)),
    fsType,
    fsSelection,
    usWeightClass,
    outlines,
    tables: dir,
  };
}

/**
 * Lists the faces of a font file (one, or every face of a TTC/OTC) from their name and OS/2 tables,
 * reading only those tables. Throws FontFormatError (Chinese message) for anything else, WOFF2 included.
 */
export function readFaceHeaders(file: FontFile): FaceHeader[] {
  try {
    const size = file.size;
    const r = new Reader(file, size);
    const kind = sniff(r.read(0, Math.min(4, size)));
    if (kind === 'woff2') throw new FontFormatError('WOFF2 格式不受支持，请改用 TTF、OTF 或 WOFF 文件');
    if (kind === null) throw new FontFormatError('不是 TTF/OTF/TTC/WOFF 字体文件');
    if (kind === 'ttc') {
      const h = r.read(0, 12);
      const n = h.readUInt32BE(8);
      if (n === 0 || n > 1000) throw new FontFormatError('TTC 头部损坏');
      const offs = r.read(12, n * 4);
      const faces: FaceHeader[] = [];
      for (let i = 0; i < n; i++) faces.push(faceHeader(r, offs.readUInt32BE(i * 4), i, true, 'sfnt'));
      return faces;
    }
    return [faceHeader(r, 0, 0, false, kind)];
  } catch (e) {
    if (e instanceof FontFormatError) throw e;
    throw new FontFormatError(`无法解析：${(e as Error).message}`);
  }
}

/** Checksum of an sfnt table: the sum of its big-endian uint32 words, zero-padded. */
export function tableChecksum(data: Uint8Array): number {
  let sum = 0;
  const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const full = data.byteLength & ~3;
  for (let i = 0; i < full; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  if (full < data.byteLength) {
    let last = 0;
    for (let i = full; i < full + 4; i++) last = (last << 8) | (i < data.byteLength ? data[i]! : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}

/** One table to write: tag, bytes and, when already known, its checksum. */
export interface SfntTableData {
  tag: string;
  data: Uint8Array;
  checksum?: number;
}

/**
 * Writes a plain sfnt (TTF/OTF) from its tables: sorted directory, 4-byte aligned data, checksums
 * computed where not given. head.checkSumAdjustment is left as found (fontkit and pdfkit ignore it).
 */
export function writeSfnt(flavor: number, tables: readonly SfntTableData[]): Uint8Array {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const n = sorted.length;
  const headerLen = 12 + 16 * n;
  let total = headerLen;
  for (const t of sorted) total += (t.data.byteLength + 3) & ~3;
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  const pow = n > 0 ? 2 ** Math.floor(Math.log2(n)) : 0;
  v.setUint32(0, flavor);
  v.setUint16(4, n);
  v.setUint16(6, pow * 16);
  v.setUint16(8, pow > 0 ? Math.log2(pow) : 0);
  v.setUint16(10, n * 16 - pow * 16);
  let at = headerLen;
  sorted.forEach((t, i) => {
    const o = 12 + i * 16;
    for (let k = 0; k < 4; k++) out[o + k] = t.tag.charCodeAt(k);
    v.setUint32(o + 4, t.checksum ?? tableChecksum(t.data));
    v.setUint32(o + 8, at);
    v.setUint32(o + 12, t.data.byteLength);
    out.set(t.data, at);
    at += (t.data.byteLength + 3) & ~3;
  });
  return out;
}

/**
 * Converts WOFF 1.0 to a plain sfnt in memory. fontkit reads WOFF directly but inflates tables on
 * every access, which made one paragraph take minutes (FONTS.md trap 2).
 */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const b = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  if (b.length < 44 || tagOf(b, 0) !== 'wOFF') throw new FontFormatError('不是 WOFF 文件');
  const flavor = b.readUInt32BE(4);
  const n = b.readUInt16BE(12);
  const tables: SfntTableData[] = [];
  for (let i = 0; i < n; i++) {
    const o = 44 + i * 20;
    const tag = tagOf(b, o);
    const offset = b.readUInt32BE(o + 4);
    const compLength = b.readUInt32BE(o + 8);
    const origLength = b.readUInt32BE(o + 12);
    const checksum = b.readUInt32BE(o + 16);
    if (offset + compLength > b.length) throw new FontFormatError(`WOFF 表 ${tag} 越界`);
    const raw = b.subarray(offset, offset + compLength);
    // One output chunk of the known size: about a quarter faster than zlib's 16 KB default.
    const data = compLength < origLength ? inflateSync(raw, { chunkSize: Math.max(origLength, 64) }) : raw;
    if (data.length !== origLength) throw new FontFormatError(`WOFF 表 ${tag} 解压后长度不符`);
    tables.push({ tag, data, checksum });
  }
  return writeSfnt(flavor, tables);
}
