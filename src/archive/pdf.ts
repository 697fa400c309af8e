/**
 * A small, bounded PDF object reader for the files `extract` and `verify` are handed (PDF 32000-1
 * §7.2–7.5): tokenizer, indirect objects, classic xref tables, xref streams, object streams, /Prev
 * chains. It reads only what it is asked for, each byte of the file is tokenized a bounded number
 * of times (parsed objects are cached, xref sections and object streams are read once), so the
 * time is linear in the file size whatever the content; every count, depth, length and inflated
 * size has a ceiling, so hostile files end in a PdfError, never in a hang, a crash or a huge
 * allocation. It does no repair: a file whose structure does not add up is "damaged".
 */
import { inflateSync } from 'node:zlib';

/** Stable codes for what can be wrong with a PDF handed to extract/verify (listed in the README). */
export type PdfErrorCode =
  | 'E_PDF_NOT_PDF'
  | 'E_PDF_TRUNCATED'
  | 'E_PDF_DAMAGED'
  | 'E_PDF_TOO_COMPLEX'
  | 'E_PDF_FILE_TOO_LARGE'
  | 'E_PDF_ENCRYPTED'
  | 'E_PDF_NO_SOURCE'
  | 'E_PDF_SOURCE_TOO_LARGE'
  | 'E_PDF_SIZE_MISMATCH'
  | 'E_PDF_CHECKSUM'
  | 'E_PDF_CHANGED';

export class PdfError extends Error {
  constructor(
    readonly code: PdfErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'PdfError';
  }
}

/** Ceilings. A bulletin PDF is far below each of them (the 5 MB issue: ~1 000 objects, 8 MB of PDF). */
export const PDF_LIMITS = {
  /** Files larger than this are not read at all. */
  fileBytes: 64 * 1024 * 1024,
  /** Object numbers (xref entries) a file may define. */
  objects: 500_000,
  /** Nesting of arrays and dictionaries. */
  depth: 32,
  /** Bytes in one string, and characters in one name or number. */
  stringBytes: 4 * 1024 * 1024,
  tokenChars: 4096,
  /** Tokens read in all, for one file (time and memory). */
  tokens: 8_000_000,
  /** xref sections in a /Prev chain. */
  xrefSections: 256,
  /** Inflated size of one structural stream (xref stream, object stream, metadata), and of all. */
  streamBytes: 16 * 1024 * 1024,
  inflatedTotal: 64 * 1024 * 1024,
  /** Steps when following references and page trees. */
  refChain: 32,
  pages: 100_000,
} as const;

export class Name {
  constructor(readonly name: string) {}
}
export class Ref {
  constructor(
    readonly num: number,
    readonly gen: number,
  ) {}
}
/** A string's raw bytes (not yet decoded as text). */
export class PdfString {
  constructor(readonly bytes: Buffer) {}
}
export type Dict = Map<string, Value>;
export class Stream {
  constructor(
    readonly dict: Dict,
    /** The encoded bytes between `stream` and `endstream`. */
    readonly raw: Uint8Array,
  ) {}
}
export type Value = null | boolean | number | Name | PdfString | Ref | Value[] | Dict | Stream;

const damaged = (what: string): PdfError => new PdfError('E_PDF_DAMAGED', `文件已损坏：${what}`);

// Character classes (PDF 32000 §7.2.2): 0 = regular, 1 = white space, 2 = delimiter.
const CLASS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;

const KEYWORD = Symbol('keyword');
interface Keyword {
  [KEYWORD]: string;
}
const kw = (s: string): Keyword => ({ [KEYWORD]: s });
const isKw = (v: unknown, s?: string): v is Keyword => typeof v === 'object' && v !== null && KEYWORD in v && (s === undefined || (v as Keyword)[KEYWORD] === s);
const END_ARRAY = kw(']');
const END_DICT = kw('>>');

/** Tokens still allowed for the current document (shared by every lexer over it). */
interface Budget {
  tokens: number;
  inflated: number;
}

class Lexer {
  pos: number;
  constructor(
    readonly buf: Uint8Array,
    start: number,
    readonly budget: Budget,
  ) {
    this.pos = start;
  }

  skipSpace(): void {
    const b = this.buf;
    while (this.pos < b.length) {
      const c = b[this.pos]!;
      if (CLASS[c] === 1) this.pos++;
      else if (c === 0x25 /* % */) {
        while (this.pos < b.length && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++;
      } else break;
    }
  }

  /** The next token: a simple value, a keyword, or a bracket keyword. Undefined at the end. */
  token(): Value | Keyword | undefined {
    if (--this.budget.tokens < 0) throw new PdfError('E_PDF_TOO_COMPLEX', `文件结构过于复杂（超过 ${PDF_LIMITS.tokens} 个记号），拒绝读取`);
    this.skipSpace();
    const b = this.buf;
    if (this.pos >= b.length) return undefined;
    const c = b[this.pos]!;
    if (c === 0x28 /* ( */) return this.literal();
    if (c === 0x3c /* < */) {
      if (b[this.pos + 1] === 0x3c) {
        this.pos += 2;
        return kw('<<');
      }
      return this.hex();
    }
    if (c === 0x3e /* > */) {
      if (b[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return END_DICT;
      }
      throw damaged(`第 ${this.pos} 字节处有多余的“>”`);
    }
    if (c === 0x5b) {
      this.pos++;
      return kw('[');
    }
    if (c === 0x5d) {
      this.pos++;
      return END_ARRAY;
    }
    if (c === 0x2f /* / */) return this.name();
    if (CLASS[c] === 2) throw damaged(`第 ${this.pos} 字节处有意外的“${String.fromCharCode(c)}”`);
    const start = this.pos;
    while (this.pos < b.length && CLASS[b[this.pos]!] === 0) {
      if (this.pos - start > PDF_LIMITS.tokenChars) throw damaged(`第 ${start} 字节处的记号过长`);
      this.pos++;
    }
    const word = Buffer.from(b.buffer, b.byteOffset + start, this.pos - start).toString('latin1');
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) return Number(word);
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    return kw(word);
  }

  private name(): Name {
    const b = this.buf;
    const start = ++this.pos;
    let hasEscape = false;
    while (this.pos < b.length && CLASS[b[this.pos]!] === 0) {
      if (b[this.pos] === 0x23) hasEscape = true;
      if (this.pos - start > PDF_LIMITS.tokenChars) throw damaged(`第 ${start} 字节处的名称过长`);
      this.pos++;
    }
    let s = Buffer.from(b.buffer, b.byteOffset + start, this.pos - start).toString('latin1');
    if (hasEscape) s = s.replace(/#([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
    return new Name(s);
  }

  private hex(): PdfString {
    const b = this.buf;
    const start = ++this.pos;
    const end = b.indexOf(0x3e, start);
    if (end < 0) throw damaged(`第 ${start} 字节起的十六进制字符串没有结束`);
    if (end - start > 2 * PDF_LIMITS.stringBytes + 1024) throw damaged(`第 ${start} 字节起的字符串过长`);
    const out = Buffer.allocUnsafe((end - start + 1) >> 1);
    let n = 0;
    let hi = -1;
    for (; this.pos < end; this.pos++) {
      const c = b[this.pos]!;
      if (CLASS[c] === 1) continue;
      const v = c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x41 && c <= 0x46 ? c - 55 : c >= 0x61 && c <= 0x66 ? c - 87 : -1;
      if (v < 0) throw damaged(`第 ${start} 字节起的十六进制字符串中有非十六进制字符`);
      if (hi < 0) hi = v;
      else {
        out[n++] = hi * 16 + v;
        hi = -1;
      }
    }
    this.pos++;
    if (hi >= 0) out[n++] = hi * 16;
    return new PdfString(Buffer.from(out.subarray(0, n)));
  }

  private literal(): PdfString {
    const b = this.buf;
    const start = ++this.pos;
    let out = Buffer.allocUnsafe(64);
    let n = 0;
    let depth = 1;
    const put = (c: number): void => {
      if (n >= out.length) {
        if (n >= PDF_LIMITS.stringBytes) throw damaged(`第 ${start} 字节起的字符串超过 ${PDF_LIMITS.stringBytes} 字节`);
        const grown = Buffer.allocUnsafe(Math.min(PDF_LIMITS.stringBytes, out.length * 2));
        out.copy(grown, 0, 0, n);
        out = grown;
      }
      out[n++] = c;
    };
    while (true) {
      if (this.pos >= b.length) throw damaged(`第 ${start} 字节起的字符串没有结束`);
      const c = b[this.pos++]!;
      if (c === 0x5c /* \ */) {
        const e = b[this.pos++];
        if (e === undefined) continue;
        const simple: Record<number, number> = { 0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (e in simple) put(simple[e]!);
        else if (e >= 0x30 && e <= 0x37) {
          let v = e - 0x30;
          for (let k = 0; k < 2 && b[this.pos]! >= 0x30 && b[this.pos]! <= 0x37; k++) v = v * 8 + (b[this.pos++]! - 0x30);
          put(v & 0xff);
        } else if (e === 13) {
          if (b[this.pos] === 10) this.pos++;
        } else if (e !== 10) put(e);
        continue;
      }
      if (c === 0x28) depth++;
      else if (c === 0x29 && --depth === 0) break;
      put(c);
    }
    return new PdfString(Buffer.from(out.subarray(0, n)));
  }

  /** A whole object (value), resolving `n g R` into a Ref. */
  value(depth = 0): Value {
    return this.afterNumber(this.token(), depth);
  }

  private finish(t: Value | Keyword | undefined, depth: number): Value {
    // The file ends properly (checked first), so running out of bytes here is damage, not truncation.
    if (t === undefined) throw damaged('对象在文件末尾中断');
    if (depth > PDF_LIMITS.depth) throw damaged(`数组或字典嵌套超过 ${PDF_LIMITS.depth} 层`);
    if (isKw(t)) {
      const k = t[KEYWORD];
      if (k === '[') {
        const arr: Value[] = [];
        while (true) {
          const u = this.token();
          if (u === END_ARRAY) return arr;
          arr.push(this.afterNumber(u, depth + 1));
        }
      }
      if (k === '<<') {
        const dict: Dict = new Map();
        while (true) {
          const key = this.token();
          if (key === END_DICT) return dict;
          if (!(key instanceof Name)) throw damaged(`第 ${this.pos} 字节附近：字典的键不是名称`);
          dict.set(key.name, this.value(depth + 1));
        }
      }
      throw damaged(`第 ${this.pos} 字节附近有意外的“${k.slice(0, 20)}”`);
    }
    return t;
  }

  /** After a non-negative integer, `g R` makes it a reference; otherwise the number stands. */
  private afterNumber(t: Value | Keyword | undefined, depth: number): Value {
    if (typeof t !== 'number') return this.finish(t, depth);
    if (!Number.isInteger(t) || t < 0) return t;
    const save = this.pos;
    const budget = this.budget.tokens;
    this.skipSpace();
    const g = this.peekInt();
    if (g !== undefined) {
      this.skipSpace();
      if (this.buf[this.pos] === 0x52 /* R */ && (this.pos + 1 >= this.buf.length || CLASS[this.buf[this.pos + 1]!] !== 0)) {
        this.pos++;
        return new Ref(t, g);
      }
    }
    this.pos = save;
    this.budget.tokens = budget;
    return t;
  }

  /** A run of digits at the position (consumed), or undefined (nothing consumed). */
  peekInt(): number | undefined {
    const b = this.buf;
    const start = this.pos;
    let v = 0;
    while (this.pos < b.length && b[this.pos]! >= 0x30 && b[this.pos]! <= 0x39 && this.pos - start < 12) v = v * 10 + (b[this.pos++]! - 0x30);
    if (this.pos === start || (this.pos < b.length && CLASS[b[this.pos]!] === 0)) {
      this.pos = start;
      return undefined;
    }
    return v;
  }

  /** Expects a keyword next. */
  expect(word: string): void {
    const t = this.token();
    if (!isKw(t, word)) throw damaged(`第 ${this.pos} 字节附近缺少“${word}”`);
  }
}

const asInt = (v: Value | undefined): number | undefined => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
export const nameOf = (v: Value | undefined): string | undefined => (v instanceof Name ? v.name : undefined);
export const isDict = (v: Value | undefined): v is Dict => v instanceof Map;

/** Where the newest version of an object is: at a byte offset, or inside an object stream. */
type Entry = { kind: 'offset'; offset: number; gen: number; section: number } | { kind: 'packed'; stream: number; index: number; section: number };

/** Decodes the ASCII PNG/TIFF-free subset of stream filters used by PDF writers for structure. */
function inflateCapped(raw: Uint8Array, cap: number, what: string, budget: Budget): Buffer {
  let out: Buffer;
  try {
    out = inflateSync(raw, { maxOutputLength: cap });
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || e instanceof RangeError) throw new PdfError('E_PDF_TOO_COMPLEX', `${what}解压后超过 ${cap} 字节，拒绝读取`);
    if (code === 'Z_BUF_ERROR') throw new PdfError('E_PDF_DAMAGED', `文件已损坏：${what}的压缩数据不完整`);
    throw damaged(`${what}的压缩数据无法解压（${(e as Error).message}）`);
  }
  budget.inflated -= out.length;
  if (budget.inflated < 0) throw new PdfError('E_PDF_TOO_COMPLEX', `文件中解压的数据合计超过 ${PDF_LIMITS.inflatedTotal} 字节，拒绝读取`);
  return out;
}

/** PNG predictors (PDF 32000 §7.4.4.4), as written in xref and object streams. */
function unpredict(data: Buffer, parms: Value | undefined): Buffer {
  if (!isDict(parms)) return data;
  const predictor = asInt(parms.get('Predictor')) ?? 1;
  if (predictor === 1) return data;
  if (predictor < 10) throw damaged(`不支持的预测器 ${predictor}`);
  const colors = asInt(parms.get('Colors')) ?? 1;
  const bpc = asInt(parms.get('BitsPerComponent')) ?? 8;
  const columns = asInt(parms.get('Columns')) ?? 1;
  if (colors < 1 || colors > 32 || ![1, 2, 4, 8, 16].includes(bpc) || columns < 1 || columns > 1 << 20) throw damaged('预测器参数不合理');
  const bpp = Math.max(1, Math.ceil((colors * bpc) / 8));
  const row = Math.ceil((colors * bpc * columns) / 8);
  const rows = Math.floor(data.length / (row + 1));
  const out = Buffer.alloc(rows * row);
  for (let r = 0; r < rows; r++) {
    const type = data[r * (row + 1)]!;
    const src = r * (row + 1) + 1;
    const dst = r * row;
    for (let i = 0; i < row; i++) {
      const x = data[src + i]!;
      const a = i >= bpp ? out[dst + i - bpp]! : 0;
      const b = r > 0 ? out[dst - row + i]! : 0;
      const c = r > 0 && i >= bpp ? out[dst - row + i - bpp]! : 0;
      let v: number;
      if (type === 0) v = x;
      else if (type === 1) v = x + a;
      else if (type === 2) v = x + b;
      else if (type === 3) v = x + ((a + b) >> 1);
      else if (type === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v = x + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      } else throw damaged(`预测器行类型 ${type} 无效`);
      out[dst + i] = v & 0xff;
    }
  }
  return out;
}

/** One PDF, opened: its xref, trailer and what was learned about incremental updates. */
export class PdfDocument {
  readonly trailer: Dict;
  /** xref sections in the /Prev chain (1 for a file written once; 2 for a linearized one). */
  readonly sections: number;
  /** `%%EOF` markers in the file. */
  readonly eofMarkers: number;
  readonly linearized: boolean;
  private readonly entries = new Map<number, Entry>();
  private readonly cache = new Map<number, Value>();
  private readonly packed = new Map<number, { data: Buffer; offsets: Map<number, number>; first: number }>();
  private readonly resolving = new Set<number>();
  readonly budget: Budget = { tokens: PDF_LIMITS.tokens, inflated: PDF_LIMITS.inflatedTotal };

  constructor(readonly bytes: Uint8Array) {
    if (bytes.length > PDF_LIMITS.fileBytes) throw new PdfError('E_PDF_FILE_TOO_LARGE', `文件有 ${bytes.length} 字节，超过 ${PDF_LIMITS.fileBytes} 字节的上限，拒绝读取`);
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const head = buf.subarray(0, 1024).indexOf('%PDF-');
    if (head < 0) throw new PdfError('E_PDF_NOT_PDF', '不是 PDF 文件（开头没有“%PDF-”）');
    const tailFrom = Math.max(0, buf.length - 1024);
    const eof = buf.lastIndexOf('%%EOF');
    if (eof < tailFrom) throw new PdfError('E_PDF_TRUNCATED', '文件不完整：末尾没有“%%EOF”，可能没有下载或复制完');
    let eofs = 0;
    for (let at = buf.indexOf('%%EOF'); at >= 0; at = buf.indexOf('%%EOF', at + 5)) eofs++;
    this.eofMarkers = eofs;
    const sx = buf.subarray(0, eof).lastIndexOf('startxref');
    if (sx < 0 || sx < eof - 1024) throw damaged('末尾没有“startxref”');
    const lx = new Lexer(bytes, sx + 9, this.budget);
    lx.skipSpace();
    const start = lx.peekInt();
    if (start === undefined || start >= bytes.length) throw damaged('“startxref”后的位置无效');

    // Walk the /Prev chain, newest section first; the first definition of an object wins.
    let trailer: Dict | undefined;
    const seen = new Set<number>();
    let next: number | undefined = start;
    let section = 0;
    while (next !== undefined) {
      if (seen.has(next)) throw damaged('交叉引用表的 /Prev 链成环');
      if (seen.size >= PDF_LIMITS.xrefSections) throw new PdfError('E_PDF_TOO_COMPLEX', `交叉引用表超过 ${PDF_LIMITS.xrefSections} 节`);
      seen.add(next);
      const t = this.readSection(next, section);
      trailer ??= t;
      const stm = asInt(t.get('XRefStm'));
      if (stm !== undefined && !seen.has(stm)) {
        seen.add(stm);
        this.readSection(stm, section);
      }
      const prev = t.get('Prev');
      next = prev === undefined ? undefined : asInt(prev);
      if (prev !== undefined && (next === undefined || next < 0 || next >= bytes.length)) throw damaged('/Prev 指向文件之外');
      section++;
    }
    this.trailer = trailer!;
    this.sections = section;
    // A linearized file's first object (by position) carries /Linearized; its two sections are one edition.
    let first: number | undefined;
    let firstAt = Infinity;
    for (const [num, e] of this.entries) if (e.kind === 'offset' && e.offset >= 0 && e.offset < firstAt) [first, firstAt] = [num, e.offset];
    let lin = false;
    try {
      const o = first === undefined ? undefined : this.get(first);
      lin = isDict(o) && o.has('Linearized');
    } catch {
      lin = false;
    }
    this.linearized = lin;
  }

  /** True when the file was changed after it was written: an incremental update appended. */
  get updated(): boolean {
    const allowed = this.linearized ? 2 : 1;
    return this.sections > allowed || this.eofMarkers > allowed;
  }

  /** Object numbers whose newest version was added by an update (not in the oldest xref section). */
  changedByUpdate(num: number): boolean {
    const e = this.entries.get(num);
    if (!e || !this.updated) return false;
    const original = this.linearized ? this.sections - 2 : this.sections - 1;
    return e.section < original;
  }

  /** Every object number the xref defines, ascending. */
  objectNumbers(): number[] {
    return [...this.entries.keys()].sort((a, b) => a - b);
  }

  private setEntry(num: number, e: Entry): void {
    if (this.entries.has(num)) return;
    if (this.entries.size >= PDF_LIMITS.objects) throw new PdfError('E_PDF_TOO_COMPLEX', `文件定义的对象超过 ${PDF_LIMITS.objects} 个，拒绝读取`);
    this.entries.set(num, e);
  }

  private readSection(offset: number, section: number): Dict {
    const lx = new Lexer(this.bytes, offset, this.budget);
    lx.skipSpace();
    if (Buffer.from(this.bytes.buffer, this.bytes.byteOffset + lx.pos, 4).toString('latin1') === 'xref') {
      lx.expect('xref');
      while (true) {
        const t = lx.token();
        if (isKw(t, 'trailer')) break;
        const count = asInt(lx.token() as Value);
        if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || count === undefined || count < 0) throw damaged(`第 ${offset} 字节处的交叉引用表格式不对`);
        if (count * 18 > this.bytes.length - lx.pos) throw damaged('交叉引用表的条目数超出文件长度');
        for (let i = 0; i < count; i++) {
          const off = lx.token();
          const gen = lx.token();
          const type = lx.token();
          if (typeof off !== 'number' || typeof gen !== 'number' || !(isKw(type, 'n') || isKw(type, 'f'))) throw damaged(`第 ${offset} 字节处的交叉引用表条目格式不对`);
          if (isKw(type, 'n')) this.setEntry(t + i, { kind: 'offset', offset: off, gen, section });
          else this.setEntry(t + i, { kind: 'offset', offset: -1, gen, section });
        }
      }
      const trailer = lx.value();
      if (!isDict(trailer)) throw damaged('trailer 不是字典');
      return trailer;
    }
    // An xref stream (PDF 32000 §7.5.8).
    const obj = this.parseAt(offset, undefined);
    if (!(obj.value instanceof Stream) || nameOf(obj.value.dict.get('Type')) !== 'XRef') throw damaged(`第 ${offset} 字节处不是交叉引用表`);
    const d = obj.value.dict;
    const w = d.get('W');
    if (!Array.isArray(w) || w.length !== 3 || w.some((x) => asInt(x) === undefined || (x as number) < 0 || (x as number) > 8)) throw damaged('交叉引用流的 /W 无效');
    const [w0, w1, w2] = w as number[];
    const size = asInt(d.get('Size'));
    if (size === undefined || size < 0) throw damaged('交叉引用流缺少 /Size');
    const index = d.get('Index') ?? [0, size];
    if (!Array.isArray(index) || index.length % 2 || index.some((x) => asInt(x) === undefined || (x as number) < 0)) throw damaged('交叉引用流的 /Index 无效');
    const data = this.decode(obj.value, PDF_LIMITS.streamBytes, '交叉引用流');
    const rowLen = w0! + w1! + w2!;
    if (rowLen === 0) throw damaged('交叉引用流的 /W 全为 0');
    let at = 0;
    const field = (width: number, dflt: number): number => {
      if (width === 0) return dflt;
      let v = 0;
      for (let k = 0; k < width; k++) v = v * 256 + data[at++]!;
      return v;
    };
    for (let p = 0; p < index.length; p += 2) {
      const from = index[p] as number;
      const count = index[p + 1] as number;
      if (at + count * rowLen > data.length) throw damaged('交叉引用流的数据比 /Index 声明的短');
      for (let i = 0; i < count; i++) {
        const type = field(w0!, 1);
        const a = field(w1!, 0);
        const b = field(w2!, 0);
        if (type === 1) this.setEntry(from + i, { kind: 'offset', offset: a, gen: b, section });
        else if (type === 2) this.setEntry(from + i, { kind: 'packed', stream: a, index: b, section });
        else this.setEntry(from + i, { kind: 'offset', offset: -1, gen: 0, section });
      }
    }
    return d;
  }

  /** Parses `num gen obj … endobj` at a byte offset; `expectNum` checks the header. */
  private parseAt(offset: number, expectNum: number | undefined): { num: number; value: Value } {
    if (offset < 0 || offset >= this.bytes.length) throw damaged(`对象位置 ${offset} 在文件之外`);
    const lx = new Lexer(this.bytes, offset, this.budget);
    lx.skipSpace();
    const num = lx.peekInt();
    lx.skipSpace();
    const gen = lx.peekInt();
    if (num === undefined || gen === undefined) throw damaged(`第 ${offset} 字节处不是对象的开头`);
    lx.expect('obj');
    if (expectNum !== undefined && num !== expectNum) throw damaged(`交叉引用表说第 ${offset} 字节处是 ${expectNum} 号对象，实际是 ${num} 号`);
    const value = lx.value();
    const save = lx.pos;
    const t = lx.token();
    if (isKw(t, 'stream') && isDict(value)) {
      const b = this.bytes;
      let start = lx.pos;
      if (b[start] === 13) start++;
      if (b[start] === 10) start++;
      const length = this.streamLength(value.get('Length'), num);
      if (length === undefined || length < 0) throw damaged(`${num} 号对象的流长度 /Length 无效`);
      const end = start + length;
      if (end > b.length) throw damaged(`${num} 号对象的流长度 /Length 超出文件末尾`);
      const after = new Lexer(b, end, this.budget);
      const kwEnd = after.token();
      if (!isKw(kwEnd, 'endstream')) throw damaged(`${num} 号对象的流长度 /Length 与内容不符`);
      return { num, value: new Stream(value, b.subarray(start, end)) };
    }
    lx.pos = save;
    return { num, value };
  }

  private streamLength(v: Value | undefined, owner: number): number | undefined {
    if (v instanceof Ref) {
      if (v.num === owner) return undefined;
      return asInt(this.get(v.num));
    }
    return asInt(v);
  }

  /** The object `num` (its newest version), or null when free or absent (PDF 32000 §7.3.10). */
  get(num: number): Value {
    const hit = this.cache.get(num);
    if (hit !== undefined) return hit;
    const e = this.entries.get(num);
    if (!e) return null;
    if (this.resolving.has(num)) throw damaged(`${num} 号对象引用了自身`);
    if (this.resolving.size >= PDF_LIMITS.refChain) throw damaged('对象之间的引用链过长');
    this.resolving.add(num);
    try {
      let v: Value;
      if (e.kind === 'offset') v = e.offset < 0 ? null : this.parseAt(e.offset, num).value;
      else v = this.fromObjectStream(e.stream, e.index, num);
      this.cache.set(num, v);
      return v;
    } finally {
      this.resolving.delete(num);
    }
  }

  /** Follows a reference (a few steps at most); other values come back as they are. */
  resolve(v: Value | undefined): Value | undefined {
    for (let i = 0; v instanceof Ref; i++) {
      if (i >= PDF_LIMITS.refChain) throw damaged('引用链过长');
      v = this.get(v.num);
    }
    return v;
  }

  dict(v: Value | undefined): Dict | undefined {
    const r = this.resolve(v);
    return isDict(r) ? r : r instanceof Stream ? r.dict : undefined;
  }

  private fromObjectStream(streamNum: number, index: number, num: number): Value {
    let os = this.packed.get(streamNum);
    if (!os) {
      const s = this.get(streamNum);
      if (!(s instanceof Stream) || nameOf(s.dict.get('Type')) !== 'ObjStm') throw damaged(`${streamNum} 号对象不是对象流`);
      const n = asInt(s.dict.get('N'));
      const first = asInt(s.dict.get('First'));
      if (n === undefined || first === undefined || n < 0 || first < 0) throw damaged(`对象流 ${streamNum} 的 /N 或 /First 无效`);
      const data = this.decode(s, PDF_LIMITS.streamBytes, `对象流 ${streamNum}`);
      if (n * 4 > data.length || first > data.length) throw damaged(`对象流 ${streamNum} 的 /N 或 /First 与内容不符`);
      const lx = new Lexer(data, 0, this.budget);
      const offsets = new Map<number, number>();
      for (let i = 0; i < n; i++) {
        const objNum = lx.token();
        const off = lx.token();
        if (typeof objNum !== 'number' || typeof off !== 'number') throw damaged(`对象流 ${streamNum} 的目录格式不对`);
        offsets.set(i, off);
        offsets.set(-1 - i, objNum);
      }
      os = { data, offsets, first };
      this.packed.set(streamNum, os);
    }
    const off = os.offsets.get(index);
    if (off === undefined || os.offsets.get(-1 - index) !== num) throw damaged(`对象流 ${streamNum} 中没有 ${num} 号对象`);
    const lx = new Lexer(os.data, os.first + off, this.budget);
    return lx.value();
  }

  /** A stream's decoded bytes (FlateDecode or none), at most `cap` bytes. */
  decode(s: Stream, cap: number, what: string): Buffer {
    const filter = this.resolve(s.dict.get('Filter'));
    const filters = filter === undefined || filter === null ? [] : Array.isArray(filter) ? filter : [filter];
    const parmsV = this.resolve(s.dict.get('DecodeParms'));
    const parms = Array.isArray(parmsV) ? parmsV : [parmsV];
    let data = Buffer.from(s.raw.buffer, s.raw.byteOffset, s.raw.byteLength);
    if (filters.length > 1) throw damaged(`${what}使用了不支持的多重压缩`);
    if (filters.length === 1 && data.length > 0) {
      if (nameOf(filters[0]) !== 'FlateDecode') throw damaged(`${what}使用了不支持的压缩方式 ${nameOf(filters[0]) ?? '?'}`);
      data = unpredict(inflateCapped(s.raw, cap, what, this.budget), this.resolve(parms[0] ?? undefined) ?? undefined);
    } else if (data.length > cap) throw new PdfError('E_PDF_TOO_COMPLEX', `${what}超过 ${cap} 字节，拒绝读取`);
    return data;
  }

  /** Parses one object without keeping it (for a pass over every object); errors are the caller's. */
  peek(num: number): Value {
    const hit = this.cache.get(num);
    if (hit !== undefined) return hit;
    const e = this.entries.get(num);
    if (!e) return null;
    if (e.kind === 'offset') return e.offset < 0 ? null : this.parseAt(e.offset, num).value;
    return this.fromObjectStream(e.stream, e.index, num);
  }
}

/** Text of a PDF text string: UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding (as Latin-1). */
export function textOf(v: Value | undefined): string | undefined {
  if (!(v instanceof PdfString)) return undefined;
  const b = v.bytes;
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  return b.toString('latin1');
}

/** Opens a PDF; throws PdfError for anything that is not a readable PDF. */
export function openPdf(bytes: Uint8Array): PdfDocument {
  try {
    return new PdfDocument(bytes);
  } catch (e) {
    throw asPdfError(e);
  }
}

/** Any failure while reading becomes a PdfError (a stack overflow or a bug is still "damaged", not a crash). */
export function asPdfError(e: unknown): PdfError {
  if (e instanceof PdfError) return e;
  return damaged(`无法读取（${e instanceof Error ? e.message : String(e)}）`);
}
