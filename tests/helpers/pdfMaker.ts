/**
 * Hand-made PDFs for the reader's tests: objects in order with a correct classic xref, and
 * incremental updates appended as other software writes them (PDF 32000 §7.5.6).
 */
import { createHash } from 'node:crypto';
import { constants, deflateSync } from 'node:zlib';

export type Obj = string | Buffer;

/** `<<dict /Length n>> stream … endstream` as an object body. */
export function streamObj(dict: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
}

function body(num: number, o: Obj): Buffer {
  return Buffer.concat([Buffer.from(`${num} 0 obj\n`), typeof o === 'string' ? Buffer.from(o, 'latin1') : o, Buffer.from('\nendobj\n')]);
}

function xref(entries: Array<[number, number]>, start: number, trailer: string): Buffer {
  // One subsection per run of consecutive numbers.
  const sorted = [...entries].sort((a, b) => a[0] - b[0]);
  let out = 'xref\n';
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1]![0] === sorted[j]![0] + 1) j++;
    out += `${sorted[i]![0]} ${j - i + 1}\n`;
    for (let k = i; k <= j; k++) out += sorted[k]![0] === 0 ? '0000000000 65535 f \n' : `${String(sorted[k]![1]).padStart(10, '0')} 00000 n \n`;
    i = j + 1;
  }
  return Buffer.from(`${out}trailer\n${trailer}\nstartxref\n${start}\n%%EOF\n`, 'latin1');
}

/** A PDF whose objects are numbered 1… in order; `trailer` is the trailer dictionary's inside. */
export function makePdf(objects: Obj[], trailer = '/Root 1 0 R'): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let at = parts[0]!.length;
  const entries: Array<[number, number]> = [[0, 0]];
  objects.forEach((o, i) => {
    const b = body(i + 1, o);
    entries.push([i + 1, at]);
    parts.push(b);
    at += b.length;
  });
  parts.push(xref(entries, at, `<< /Size ${objects.length + 1} ${trailer} >>`));
  return Buffer.concat(parts);
}

/** The offset after `startxref` at the end of a PDF. */
export function lastStartxref(pdf: Buffer): number {
  const at = pdf.lastIndexOf('startxref');
  return Number(/\d+/.exec(pdf.subarray(at + 9, at + 40).toString('latin1'))![0]);
}

/** Appends an incremental update that (re)defines `objects`; `trailer` is the new trailer's inside. */
export function appendUpdate(pdf: Buffer, objects: Map<number, Obj>, size: number, trailer: string): Buffer {
  const parts: Buffer[] = [pdf];
  let at = pdf.length;
  const entries: Array<[number, number]> = [];
  for (const [num, o] of objects) {
    const b = body(num, o);
    entries.push([num, at]);
    parts.push(b);
    at += b.length;
  }
  parts.push(xref(entries, at, `<< /Size ${size} ${trailer} /Prev ${lastStartxref(pdf)} >>`));
  return Buffer.concat(parts);
}

/**
 * A zlib stream that inflates to `bytes` zero bytes, made without holding them: one compressed
 * 1 MiB block of zeros (ending on a byte boundary thanks to a sync flush) repeated, then an empty
 * final block and the Adler-32 of the whole (for n zeros: a = 1, b = n mod 65521).
 */
export function zeroBomb(bytes: number): Buffer {
  const MiB = 1 << 20;
  const block = deflateSync(Buffer.alloc(MiB), { finishFlush: constants.Z_SYNC_FLUSH, level: 9 });
  const header = block.subarray(0, 2);
  const chunk = block.subarray(2);
  const n = Math.floor(bytes / MiB);
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((n * MiB) % 65521) << 16) + 1 >>> 0);
  return Buffer.concat([header, ...Array<Buffer>(n).fill(chunk), Buffer.from([0x03, 0x00]), adler]);
}

/** A bulletin-like PDF carrying `source` as the catalogue's /AF Source file (objects 1–5). */
export function sourcePdf(source: Buffer, opts: { size?: number | string; compressed?: Buffer; decoyFirst?: Buffer; info?: string; sum?: string; tail?: string } = {}): Buffer {
  const data = opts.compressed ?? deflateSync(source);
  const size = opts.size ?? source.length;
  const sum = opts.sum ?? `(${createHash('md5').update(source).digest('hex')})`;
  const objects: Obj[] = [
    '<< /Type /Catalog /Pages 2 0 R /AF [4 0 R] /Names << /EmbeddedFiles << /Names [(issue.yaml) 4 0 R] >> >> >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] >>',
    `<< /Type /Filespec /AFRelationship /Source /F (issue.yaml) /UF (issue.yaml) /EF << /F 5 0 R >> >>${opts.tail ?? ''}`,
    streamObj(`/Type /EmbeddedFile /Subtype /application#2Fyaml /Params << /CheckSum ${sum} /Size ${size} >> /Filter /FlateDecode`, data),
    `<< /Producer ${opts.info ?? '(bulletin test)'} >>`,
  ];
  if (opts.decoyFirst) {
    // The decoy comes first in the file (object 7 is written before object 1 by reordering below).
    const decoy = streamObj(`/Type /EmbeddedFile /Params << /Size ${opts.decoyFirst.length} >>`, opts.decoyFirst);
    objects.push(decoy);
  }
  return makePdfOrdered(objects, opts.decoyFirst ? [7, 1, 2, 3, 4, 5, 6] : undefined, '/Root 1 0 R /Info 6 0 R');
}


/** Like makePdf but writes the objects in `order` (1-based numbers) in the file. */
export function makePdfOrdered(objects: Obj[], order: number[] | undefined, trailer: string): Buffer {
  if (!order) return makePdf(objects, trailer);
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let at = parts[0]!.length;
  const entries: Array<[number, number]> = [[0, 0]];
  for (const num of order) {
    const b = body(num, objects[num - 1]!);
    entries.push([num, at]);
    parts.push(b);
    at += b.length;
  }
  parts.push(xref(entries, at, `<< /Size ${objects.length + 1} ${trailer} >>`));
  return Buffer.concat(parts);
}
