/**
 * A minimal PDF file writer: numbered objects, Flate streams, and (PDF 1.5+, allowed by PDF/A-2/3)
 * compressed object streams indexed by a cross-reference stream, whose /ID is the MD5 of everything
 * before it (same input, same bytes). The renderer builds each object's text; this module only
 * knows PDF syntax.
 */
import { createHash } from 'node:crypto';
import { deflate, deflateSync } from 'node:zlib';

/** A PDF number: at most 6 decimals (as pdfkit wrote them), no exponent, no "-0". */
export function pdfNumber(v: number, decimals = 6): string {
  if (!Number.isFinite(v)) throw new Error(`PDF number out of range: ${v}`);
  const f = 10 ** decimals;
  const r = Math.round(v * f) / f;
  if (Object.is(r, -0) || r === 0) return '0';
  if (Math.abs(r) >= 1e21) throw new Error(`PDF number out of range: ${v}`);
  const s = String(r);
  return s.includes('e') ? r.toFixed(decimals).replace(/\.?0+$/, '') : s;
}

/** A PDF name object (with # escapes for delimiters and bytes outside printable ASCII). */
export function pdfName(name: string): string {
  let out = '/';
  for (const byte of Buffer.from(name, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += byte < 0x21 || byte > 0x7e || '#()<>[]{}/%'.includes(c) ? `#${byte.toString(16).toUpperCase().padStart(2, '0')}` : c;
  }
  return out;
}

/** A PDF text string: literal when ASCII, else UTF-16BE with BOM as a hex string. */
export function pdfString(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return `(${s.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  return `<FEFF${Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase()}>`;
}

/**
 * Bulletins are dated in China Standard Time: written in UTC, readers showed 28 January for an issue
 * printed on the 29th. The offset is fixed (no daylight saving in China since 1991).
 */
export const CST_OFFSET_MIN = 8 * 60;

/** The fields of `d` as seen in China Standard Time. */
function cstParts(d: Date): string[] {
  const t = new Date(d.getTime() + CST_OFFSET_MIN * 60_000);
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return [p(t.getUTCFullYear(), 4), p(t.getUTCMonth() + 1), p(t.getUTCDate()), p(t.getUTCHours()), p(t.getUTCMinutes()), p(t.getUTCSeconds())];
}

/** A PDF date string in China Standard Time: (D:YYYYMMDDHHmmSS+08'00'). */
export function pdfDate(d: Date): string {
  const [y, mo, da, h, mi, s] = cstParts(d);
  return `(D:${y}${mo}${da}${h}${mi}${s}+08'00')`;
}

/** An XMP (ISO 8601) date in China Standard Time: YYYY-MM-DDTHH:mm:ss+08:00. */
export function xmpDate(d: Date): string {
  const [y, mo, da, h, mi, s] = cstParts(d);
  return `${y}-${mo}-${da}T${h}:${mi}:${s}+08:00`;
}

/** `n 0 R`. */
export const ref = (n: number): string => `${n} 0 R`;

/**
 * One object: a stream's text before its data, the data (maybe still compressing), the rest; or a
 * non-stream object's `body` (its value), written at the top level or into an object stream.
 */
interface Entry {
  num: number;
  head: string;
  data?: Uint8Array | Promise<Uint8Array>;
  tail: string;
  body?: string;
}

/**
 * Objects per object stream. Tagged issues are mostly small dictionaries (a structure element
 * each): packed and compressed together they take a fraction of their size as plain objects. A
 * reader inflates a whole object stream to reach one object in it, so each holds at most this
 * many (a few KB to inflate; measured in docs/performance.md).
 */
export const OBJECT_STREAM_SIZE = 100;

/** Bytes that hold `v` as an unsigned big-endian integer (at least 1). */
function widthOf(v: number): number {
  let w = 1;
  while (v >= 256 ** w) w++;
  return w;
}

/** Streams larger than this are compressed on the thread pool (a font program: 10–20 ms of zlib). */
const ASYNC_DEFLATE = 65536;

/**
 * Compressed bytes by the very data object compressed (and level): the same font subset object or
 * colour profile in the next issue of a batch is not compressed again. Weak: gone with the data.
 */
const deflated = new WeakMap<Uint8Array, { level: number; body: Uint8Array | Promise<Uint8Array> }>();

/**
 * Flate-compressed `data`: at once when small; a large stream (a font program) on the thread pool,
 * so that in a batch the next issue is laid out meanwhile (memLevel 9 gains ~0.3 % on it).
 */
function compressed(data: Uint8Array, level: number): Uint8Array | Promise<Uint8Array> {
  // One output buffer that holds the whole result: zlib works in `chunkSize` pieces, and each
  // piece of an asynchronous job is a round trip to the main thread. The bytes do not change.
  const chunkSize = data.byteLength + (data.byteLength >> 6) + 1024;
  if (data.byteLength <= ASYNC_DEFLATE) {
    // The result is a view of that buffer: kept as it is, a page's content stream would hold on to
    // its uncompressed size until the file is written (3–4 times its bytes, issue 18). Copied out.
    const out = deflateSync(data, { level, chunkSize });
    return out.byteLength < out.buffer.byteLength >> 1 ? Uint8Array.prototype.slice.call(out) : out;
  }
  return new Promise<Uint8Array>((resolve, reject) =>
    deflate(data, { level, memLevel: 9, chunkSize }, (err, out) => (err ? reject(err) : resolve(out))),
  );
}

export class PdfWriter {
  private readonly entries: Entry[] = [];
  private next = 1;

  /**
   * `objectStreams`: at most this many objects in each object stream (PDF 32000-1 §7.5.7), with a
   * cross-reference stream (§7.5.8); 0 writes every object at the top level with a classic
   * cross-reference table, as PDF 1.4 readers need (and as this writer did before).
   */
  constructor(
    private readonly version = '1.7',
    private readonly objectStreams = OBJECT_STREAM_SIZE,
  ) {
    if (objectStreams > 0 && Number(version) < 1.5) throw new Error(`PDF ${version} has no object streams`);
  }

  /** Reserves an object number (objects may be written in any order). */
  reserve(): number {
    return this.next++;
  }

  /** Writes object `num` with the given body (a dictionary, array, number or string). */
  object(num: number, body: string): void {
    // The `N 0 obj` wrapper is made only if it is written at the top level.
    this.entries.push({ num, head: '', tail: '', body });
  }

  /**
   * Writes a stream object. `dict` holds the entries besides /Length and /Filter (without << >>).
   * `compress`: Flate at zlib level 6 (or the level given); false leaves the data as it is (XMP
   * metadata must stay readable as text). Large streams are compressed on the thread pool (see
   * {@link compressed}); the bytes are the same either way.
   */
  stream(num: number, dict: string, data: Uint8Array, compress: boolean | number = true): void {
    const head = (length: number): string => `${num} 0 obj\n<<${dict ? ` ${dict}` : ''} /Length ${length}${compress === false ? '' : ' /Filter /FlateDecode'} >>\nstream\n`;
    const tail = '\nendstream\nendobj\n';
    if (compress === false) {
      this.entries.push({ num, head: head(data.byteLength), data, tail });
      return;
    }
    const level = compress === true ? 6 : compress;
    let known = deflated.get(data);
    if (!known || known.level !== level) deflated.set(data, (known = { level, body: compressed(data, level) }));
    const body = known.body;
    if (!(body instanceof Promise)) {
      this.entries.push({ num, head: head(body.byteLength), data: body, tail });
      return;
    }
    const entry: Entry = { num, head: '', tail };
    entry.data = body.then((b) => ((entry.head = head(b.byteLength)), b));
    this.entries.push(entry);
  }

  /**
   * Writes the objects and the cross-reference section. With object streams, every non-stream
   * object goes into one, in the order written, except the catalogue and the /Info dictionary:
   * they stay top-level objects, so that a tool that scans the bytes (repair after damage, a
   * format identifier) still finds them. Stream objects cannot be packed (§7.5.7).
   */
  async finish(root: number, info: number): Promise<Buffer> {
    let count = this.next;
    for (const e of this.entries) if (e.data instanceof Promise) e.data = await e.data;
    const chunks: Buffer[] = [Buffer.from(`%PDF-${this.version}\n%\xe2\xe3\xcf\xd3\n`, 'latin1')];
    let size = chunks[0]!.length;
    const offsets: number[] = [];
    /** Per packed object: [object stream's number, index in it]. */
    const packed: Array<[number, number]> = [];
    const push = (b: Buffer): void => {
      chunks.push(b);
      size += b.length;
    };
    const write = (e: Entry): void => {
      offsets[e.num] = size;
      push(Buffer.from(e.body === undefined ? e.head : `${e.num} 0 obj\n${e.body}\nendobj\n`, 'latin1'));
      if (e.data) {
        const d = e.data as Uint8Array;
        push(Buffer.isBuffer(d) ? d : Buffer.from(d.buffer, d.byteOffset, d.byteLength));
        push(Buffer.from(e.tail, 'latin1'));
      }
    };
    const pack = this.objectStreams > 0 ? this.entries.filter((e) => e.body !== undefined && e.num !== root && e.num !== info) : [];
    const packedSet = new Set(pack);
    for (const e of this.entries) if (!packedSet.has(e)) write(e);
    for (let i = 0; i < pack.length; i += this.objectStreams) {
      const group = pack.slice(i, i + this.objectStreams);
      const num = count++;
      const index: string[] = [];
      const bodies: string[] = [];
      let at = 0;
      group.forEach((e, k) => {
        index.push(`${e.num} ${at}`);
        bodies.push(e.body!);
        at += Buffer.byteLength(e.body!, 'latin1') + 1;
        packed[e.num] = [num, k];
      });
      const head = `${index.join(' ')}\n`;
      const data = deflateSync(Buffer.from(head + bodies.join('\n') + '\n', 'latin1'));
      write({
        num,
        head: `${num} 0 obj\n<< /Type /ObjStm /N ${group.length} /First ${head.length} /Length ${data.byteLength} /Filter /FlateDecode >>\nstream\n`,
        data,
        tail: '\nendstream\nendobj\n',
      });
    }
    for (let i = 1; i < count; i++) if (offsets[i] === undefined && packed[i] === undefined) throw new Error(`PDF object ${i} was reserved but never written`);
    const id = createHash('md5');
    for (const c of chunks) id.update(c);
    const hex = id.digest('hex');
    const xrefAt = size;
    const trailer = `/Root ${ref(root)} /Info ${ref(info)} /ID [<${hex}> <${hex}>]`;
    if (this.objectStreams <= 0) {
      const lines = [`xref\n0 ${count}\n0000000000 65535 f \n`];
      for (let i = 1; i < count; i++) lines.push(`${String(offsets[i]).padStart(10, '0')} 00000 n \n`);
      lines.push(`trailer\n<< /Size ${count} ${trailer} >>\nstartxref\n${xrefAt}\n%%EOF\n`);
      push(Buffer.from(lines.join(''), 'latin1'));
      return Buffer.concat(chunks, size);
    }
    // The cross-reference stream: one row per object (its own included), each row stored as the
    // difference from the row above (PNG "Up" predictor), which deflate shrinks to almost nothing.
    const xref = count++;
    offsets[xref] = xrefAt;
    const w1 = widthOf(Math.max(xrefAt, count));
    const w2 = widthOf(Math.min(this.objectStreams, pack.length) - 1);
    const row = 1 + w1 + w2;
    const rows = Buffer.alloc(count * row);
    const put = (at: number, width: number, v: number): void => {
      for (let k = width - 1; k >= 0; k--, v = Math.floor(v / 256)) rows[at + k] = v % 256;
    };
    for (let i = 0; i < count; i++) {
      const at = i * row;
      if (i === 0) continue; // the free list's head: type 0, next free 0, generation 0
      if (packed[i]) {
        rows[at] = 2;
        put(at + 1, w1, packed[i]![0]);
        put(at + 1 + w1, w2, packed[i]![1]);
      } else {
        rows[at] = 1;
        put(at + 1, w1, offsets[i]!);
      }
    }
    const predicted = Buffer.alloc(count * (row + 1));
    for (let i = 0; i < count; i++) {
      predicted[i * (row + 1)] = 2;
      for (let k = 0; k < row; k++) predicted[i * (row + 1) + 1 + k] = (rows[i * row + k]! - (i > 0 ? rows[(i - 1) * row + k]! : 0)) & 0xff;
    }
    const data = deflateSync(predicted);
    push(
      Buffer.from(
        `${xref} 0 obj\n<< /Type /XRef /Size ${count} /W [1 ${w1} ${w2}] ${trailer} /Length ${data.byteLength} /Filter /FlateDecode /DecodeParms << /Columns ${row} /Predictor 12 >> >>\nstream\n`,
        'latin1',
      ),
    );
    push(data);
    push(Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(chunks, size);
  }
}
