/**
 * Office-font fixtures built at test time from DejaVu Sans: rename it through a hand-written name
 * table, change OS/2 fsType, drop tables, pack faces into a TTC or a WOFF. Nothing is committed.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { tableChecksum, writeSfnt, type SfntTableData } from '../../src/fonts/sfnt.js';

const require = createRequire(import.meta.url);

export const DEJAVU = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf/DejaVuSans.ttf');

export function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'bulletin-fonts-'));
}

/** The tables of a plain sfnt, copied out. */
export function readTables(buf: Uint8Array): { flavor: number; tables: SfntTableData[] } {
  const v = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const n = v.getUint16(4);
  const tables: SfntTableData[] = [];
  for (let i = 0; i < n; i++) {
    const o = 12 + i * 16;
    const tag = String.fromCharCode(buf[o]!, buf[o + 1]!, buf[o + 2]!, buf[o + 3]!);
    const off = v.getUint32(o + 8);
    const len = v.getUint32(o + 12);
    // A real copy: Buffer#slice would alias the file buffer.
    tables.push({ tag, data: Uint8Array.from(buf.subarray(off, off + len)) });
  }
  return { flavor: v.getUint32(0), tables };
}

export interface NameSpec {
  platformID: number;
  encodingID: number;
  languageID: number;
  nameID: number;
  /** Text, or raw bytes for legacy encodings. */
  value: string | Uint8Array;
}

function utf16be(s: string): Uint8Array {
  const out = new Uint8Array(s.length * 2);
  for (let i = 0; i < s.length; i++) {
    out[i * 2] = s.charCodeAt(i) >> 8;
    out[i * 2 + 1] = s.charCodeAt(i) & 0xff;
  }
  return out;
}

/** A format-0 name table. Strings are UTF-16BE except Mac Roman (platform 1) records, written as ASCII. */
export function buildNameTable(records: readonly NameSpec[]): Uint8Array {
  const sorted = [...records].sort((a, b) => a.platformID - b.platformID || a.encodingID - b.encodingID || a.languageID - b.languageID || a.nameID - b.nameID);
  const strings = sorted.map((r) => (typeof r.value !== 'string' ? r.value : r.platformID === 1 ? Uint8Array.from(r.value, (c) => c.charCodeAt(0)) : utf16be(r.value)));
  const headLen = 6 + 12 * sorted.length;
  const total = headLen + strings.reduce((n, s) => n + s.length, 0);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  v.setUint16(0, 0);
  v.setUint16(2, sorted.length);
  v.setUint16(4, headLen);
  let at = 0;
  sorted.forEach((r, i) => {
    const o = 6 + i * 12;
    v.setUint16(o, r.platformID);
    v.setUint16(o + 2, r.encodingID);
    v.setUint16(o + 4, r.languageID);
    v.setUint16(o + 6, r.nameID);
    v.setUint16(o + 8, strings[i]!.length);
    v.setUint16(o + 10, at);
    out.set(strings[i]!, headLen + at);
    at += strings[i]!.length;
  });
  return out;
}

/** Windows names: English (0x409) family/full/PostScript, plus optional Chinese (0x804) family/full. */
export function windowsNames(opts: { family: string; familyZh?: string; postscriptName: string }): NameSpec[] {
  const en = (nameID: number, value: string): NameSpec => ({ platformID: 3, encodingID: 1, languageID: 0x409, nameID, value });
  const zh = (nameID: number, value: string): NameSpec => ({ platformID: 3, encodingID: 1, languageID: 0x804, nameID, value });
  const recs = [en(1, opts.family), en(2, 'Regular'), en(4, opts.family), en(6, opts.postscriptName)];
  if (opts.familyZh) recs.push(zh(1, opts.familyZh), zh(2, 'Regular'), zh(4, opts.familyZh));
  return recs;
}

export interface FixtureOptions {
  names: NameSpec[];
  /** New OS/2 fsType. */
  fsType?: number;
  /** Tables to leave out (e.g. glyf and loca for a "bitmap-only" face). */
  drop?: string[];
}

/** DejaVu Sans with a new name table (and optionally a new fsType or fewer tables). */
export function fixtureTables(opts: FixtureOptions): { flavor: number; tables: SfntTableData[] } {
  const { flavor, tables } = readTables(readFileSync(DEJAVU));
  const out: SfntTableData[] = [];
  for (const t of tables) {
    if (opts.drop?.includes(t.tag)) continue;
    if (t.tag === 'name') out.push({ tag: 'name', data: buildNameTable(opts.names) });
    else if (t.tag === 'OS/2' && opts.fsType !== undefined) {
      const data = Uint8Array.from(t.data);
      new DataView(data.buffer, data.byteOffset, data.byteLength).setUint16(8, opts.fsType);
      out.push({ tag: t.tag, data });
    } else out.push(t);
  }
  return { flavor, tables: out };
}

/** A TTF built from DejaVu Sans, see fixtureTables. */
export function fixtureFont(opts: FixtureOptions): Uint8Array {
  const { flavor, tables } = fixtureTables(opts);
  return writeSfnt(flavor, tables);
}

/** A TTC of the given faces (tables not shared: simple, and fontkit does not care). */
export function buildTtc(faces: ReadonlyArray<{ flavor: number; tables: SfntTableData[] }>): Uint8Array {
  const headerLen = 12 + 4 * faces.length;
  const dirLens = faces.map((f) => 12 + 16 * f.tables.length);
  let dataAt = headerLen + dirLens.reduce((a, b) => a + b, 0);
  const total = dataAt + faces.reduce((n, f) => n + f.tables.reduce((m, t) => m + ((t.data.length + 3) & ~3), 0), 0);
  const out = new Uint8Array(total);
  const v = new DataView(out.buffer);
  out.set([0x74, 0x74, 0x63, 0x66]); // 'ttcf'
  v.setUint32(4, 0x00010000);
  v.setUint32(8, faces.length);
  let dirAt = headerLen;
  faces.forEach((f, i) => {
    v.setUint32(12 + 4 * i, dirAt);
    const sorted = [...f.tables].sort((a, b) => (a.tag < b.tag ? -1 : 1));
    v.setUint32(dirAt, f.flavor);
    v.setUint16(dirAt + 4, sorted.length);
    sorted.forEach((t, k) => {
      const o = dirAt + 12 + 16 * k;
      for (let c = 0; c < 4; c++) out[o + c] = t.tag.charCodeAt(c);
      v.setUint32(o + 4, tableChecksum(t.data));
      v.setUint32(o + 8, dataAt);
      v.setUint32(o + 12, t.data.length);
      out.set(t.data, dataAt);
      dataAt += (t.data.length + 3) & ~3;
    });
    dirAt += dirLens[i]!;
  });
  return out;
}

/** A WOFF 1.0 of the given tables, each zlib-compressed when that makes it smaller. */
export function buildWoff(flavor: number, tables: readonly SfntTableData[]): Uint8Array {
  const sorted = [...tables].sort((a, b) => (a.tag < b.tag ? -1 : 1));
  const packed = sorted.map((t) => {
    const z = deflateSync(t.data);
    return { t, stored: z.length < t.data.length ? z : t.data };
  });
  const dirEnd = 44 + 20 * sorted.length;
  let at = dirEnd;
  const offsets = packed.map((p) => {
    const o = at;
    at += (p.stored.length + 3) & ~3;
    return o;
  });
  const out = new Uint8Array(at);
  const v = new DataView(out.buffer);
  out.set([0x77, 0x4f, 0x46, 0x46]); // 'wOFF'
  v.setUint32(4, flavor);
  v.setUint32(8, at);
  v.setUint16(12, sorted.length);
  v.setUint32(16, 12 + 16 * sorted.length + sorted.reduce((n, t) => n + ((t.data.length + 3) & ~3), 0));
  v.setUint16(20, 1);
  packed.forEach((p, i) => {
    const o = 44 + 20 * i;
    for (let c = 0; c < 4; c++) out[o + c] = p.t.tag.charCodeAt(c);
    v.setUint32(o + 4, offsets[i]!);
    v.setUint32(o + 8, p.stored.length);
    v.setUint32(o + 12, p.t.data.length);
    v.setUint32(o + 16, tableChecksum(p.t.data));
    out.set(p.stored, offsets[i]!);
  });
  return out;
}
