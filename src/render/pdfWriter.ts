/**
 * A minimal PDF file writer: numbered objects, Flate streams, a classic cross-reference table and
 * a trailer whose /ID is the MD5 of everything before it (same input, same bytes). The renderer
 * builds each object's text; this module only knows PDF syntax.
 */
import { createHash } from 'node:crypto';
import { deflateSync } from 'node:zlib';

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

/** A PDF date string: D:YYYYMMDDHHmmSSZ (UTC). */
export function pdfDate(d: Date): string {
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `(D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}

/** `n 0 R`. */
export const ref = (n: number): string => `${n} 0 R`;

export class PdfWriter {
  private readonly chunks: Buffer[] = [];
  private readonly offsets: number[] = [];
  private size = 0;
  private next = 1;

  constructor(version = '1.7') {
    // The second line's high bytes mark the file as binary for transfer programs.
    this.push(Buffer.from(`%PDF-${version}\n%\xe2\xe3\xcf\xd3\n`, 'latin1'));
  }

  private push(b: Buffer): void {
    this.chunks.push(b);
    this.size += b.length;
  }

  /** Reserves an object number (objects may be written in any order). */
  reserve(): number {
    return this.next++;
  }

  /** Writes object `num` with the given body (a dictionary, array, number or string). */
  object(num: number, body: string): void {
    this.offsets[num] = this.size;
    this.push(Buffer.from(`${num} 0 obj\n${body}\nendobj\n`, 'latin1'));
  }

  /**
   * Writes a stream object. `dict` holds the entries besides /Length and /Filter (without << >>).
   * `compress`: Flate at zlib `level` (default 6); false leaves the data as it is (XMP metadata).
   */
  stream(num: number, dict: string, data: Uint8Array, compress: boolean | number = true): void {
    const body = compress === false ? data : deflateSync(data, { level: compress === true ? 6 : compress });
    this.offsets[num] = this.size;
    const filter = compress === false ? '' : ' /Filter /FlateDecode';
    this.push(Buffer.from(`${num} 0 obj\n<<${dict ? ` ${dict}` : ''} /Length ${body.length}${filter} >>\nstream\n`, 'latin1'));
    this.push(Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    this.push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  }

  /** Cross-reference table and trailer; returns the whole file. */
  finish(root: number, info: number): Buffer {
    const count = this.next;
    for (let i = 1; i < count; i++) if (this.offsets[i] === undefined) throw new Error(`PDF object ${i} was reserved but never written`);
    const id = createHash('md5');
    for (const c of this.chunks) id.update(c);
    const hex = id.digest('hex');
    const xrefAt = this.size;
    const lines = [`xref\n0 ${count}\n0000000000 65535 f \n`];
    for (let i = 1; i < count; i++) lines.push(`${String(this.offsets[i]).padStart(10, '0')} 00000 n \n`);
    lines.push(`trailer\n<< /Size ${count} /Root ${ref(root)} /Info ${ref(info)} /ID [<${hex}> <${hex}>] >>\nstartxref\n${xrefAt}\n%%EOF\n`);
    this.push(Buffer.from(lines.join(''), 'latin1'));
    return Buffer.concat(this.chunks, this.size);
  }
}
