/**
 * Reading back what bulletin put into a PDF: the embedded issue source (AFRelationship /Source) and
 * a few facts for `verify`. Only our own, pdfkit-written files need to be understood here; anything
 * else is answered with "not found" rather than guessed at.
 */
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';

/** The embedded source file of a bulletin PDF. */
export interface EmbeddedSource {
  name: string;
  bytes: Buffer;
  /** True when the /Params /CheckSum (MD5) matches the bytes. */
  checksumOk: boolean;
}

/** Facts about a PDF read from its bytes. */
export interface PdfFacts {
  producer?: string;
  pdfaPart?: string;
  pdfaConformance?: string;
  /** PDF/UA part claimed in the XMP (pdfuaid:part). */
  pdfuaPart?: string;
  /** A tagged PDF: the catalog has a structure tree and /MarkInfo << /Marked true >>. */
  tagged: boolean;
  pages: number;
  /** Page sizes in pt, as written in /MediaBox. */
  mediaBoxes: Array<[number, number]>;
  /** Fonts declared (FontDescriptor count) and how many carry an embedded font file. */
  fontDescriptors: number;
  embeddedFontFiles: number;
  encrypted: boolean;
}

const latin1 = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** Decodes a PDF literal string body (escapes per PDF 32000 §7.3.4.2), then UTF-16BE when marked. */
function pdfString(raw: string): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = raw[++i] ?? '';
    const map: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
    if (n in map) out += map[n];
    else if (/[0-7]/.test(n)) {
      let oct = n;
      while (oct.length < 3 && /[0-7]/.test(raw[i + 1] ?? '')) oct += raw[++i];
      out += String.fromCharCode(parseInt(oct, 8));
    } else if (n === '\r' || n === '\n') {
      if (n === '\r' && raw[i + 1] === '\n') i++;
    } else out += n;
  }
  return decodeText(Buffer.from(out, 'latin1'));
}

function decodeText(b: Buffer): string {
  if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return b.subarray(3).toString('utf8');
  return b.toString('latin1');
}

/** Reads a string value (literal or hex) that follows `key` in a dictionary text. */
function stringAfter(dict: string, key: string): string | undefined {
  const at = dict.search(new RegExp(`${key.replace('/', '\\/')}\\s*[(<]`));
  if (at < 0) return undefined;
  let i = dict.indexOf(key, at) + key.length;
  while (/\s/.test(dict[i] ?? '')) i++;
  if (dict[i] === '<') {
    const end = dict.indexOf('>', i);
    return decodeText(Buffer.from(dict.slice(i + 1, end).replace(/\s+/g, ''), 'hex'));
  }
  let depth = 0;
  let j = i;
  for (; j < dict.length; j++) {
    if (dict[j] === '\\') {
      j++;
      continue;
    }
    if (dict[j] === '(') depth++;
    else if (dict[j] === ')' && --depth === 0) break;
  }
  return pdfString(dict.slice(i + 1, j));
}

/** Finds the embedded /Source file, or undefined when the PDF carries none. */
export function extractSource(pdf: Uint8Array): EmbeddedSource | undefined {
  const text = latin1(pdf);
  const typeAt = text.search(/\/Type\s*\/EmbeddedFile\b/);
  if (typeAt < 0) return undefined;
  const objStart = text.lastIndexOf(' obj', typeAt);
  const header = text.slice(0, objStart).match(/(\d+)\s+(\d+)$/);
  const streamKw = text.indexOf('stream', typeAt);
  if (objStart < 0 || streamKw < 0 || !header) return undefined;
  const dict = text.slice(objStart, streamKw);
  const lengthMatch = dict.match(/\/Length\s+(\d+)(\s+\d+\s+R)?/);
  if (!lengthMatch || lengthMatch[2]) return undefined;
  let dataStart = streamKw + 'stream'.length;
  if (text[dataStart] === '\r') dataStart++;
  if (text[dataStart] === '\n') dataStart++;
  const raw = Buffer.from(pdf.subarray(dataStart, dataStart + Number(lengthMatch[1])));
  let bytes: Buffer;
  try {
    bytes = /\/Filter\s*\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
  } catch {
    return undefined;
  }
  // pdfkit writes the MD5 as a literal string of hex digits; the spec's form is a hex string.
  const sum = dict.match(/\/CheckSum\s*[<(]([0-9a-fA-F]{32})[>)]/)?.[1]?.toLowerCase();
  const checksumOk = sum !== undefined && sum === createHash('md5').update(bytes).digest('hex');
  // The file specification that points at this stream names the file.
  const ref = new RegExp(`/F\\s+${header[1]}\\s+${header[2]}\\s+R`);
  const refAt = text.search(ref);
  let name = 'source.yaml';
  if (refAt >= 0) {
    const specStart = text.lastIndexOf(' obj', refAt);
    const specEnd = text.indexOf('endobj', refAt);
    const spec = text.slice(specStart, specEnd);
    name = stringAfter(spec, '/UF') ?? stringAfter(spec, '/F') ?? name;
  }
  return { name, bytes, checksumOk };
}

/** Reads producer, PDF/A identification, pages, page sizes and font embedding from a PDF. */
export function pdfFacts(pdf: Uint8Array): PdfFacts {
  const text = latin1(pdf);
  const xmpProducer = text.match(/<pdf:Producer>([^<]*)<\/pdf:Producer>/)?.[1];
  const infoProducer = text.match(/\/Producer\s*(\((?:\\.|[^\\)])*\)|<[0-9a-fA-F\s]*>)/)?.[1];
  const producer = xmpProducer
    ? Buffer.from(xmpProducer, 'latin1').toString('utf8')
    : infoProducer
    ? infoProducer.startsWith('(')
      ? pdfString(infoProducer.slice(1, -1))
      : decodeText(Buffer.from(infoProducer.slice(1, -1).replace(/\s+/g, ''), 'hex'))
    : undefined;
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.+-]+)\s+([\d.+-]+)\s+([\d.+-]+)\s+([\d.+-]+)\s*\]/g)].map(
    (m) => [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])] as [number, number],
  );
  return {
    producer,
    pdfaPart: text.match(/<pdfaid:part>\s*(\d)\s*<\/pdfaid:part>/)?.[1],
    pdfaConformance: text.match(/<pdfaid:conformance>\s*([ABU])\s*<\/pdfaid:conformance>/)?.[1],
    pdfuaPart: text.match(/<pdfuaid:part>(\d)<\/pdfuaid:part>/)?.[1],
    tagged: /\/StructTreeRoot \d+ 0 R/.test(text) && text.includes('/MarkInfo << /Marked true >>'),
    pages: [...text.matchAll(/\/Type\s*\/Page\b(?!s)/g)].length,
    mediaBoxes: boxes,
    fontDescriptors: [...text.matchAll(/\/Type\s*\/FontDescriptor\b/g)].length,
    embeddedFontFiles: [...text.matchAll(/\/FontFile[23]?\s+\d+\s+\d+\s+R/g)].length,
    encrypted: /\/Encrypt\s+\d+\s+\d+\s+R/.test(text),
  };
}
