/**
 * Reading back what bulletin put into a PDF: the embedded issue source (the catalogue's /AF entry
 * with /AFRelationship /Source) and a few facts for `verify`. Everything goes through the bounded
 * reader in ./pdf.ts (no regular expressions over the file); every failure is a PdfError with a
 * stable E_PDF_… code and a Chinese message.
 */
import { createHash } from 'node:crypto';
import { MAX_SOURCE_BYTES } from '../source/limits.js';
import { asPdfError, isDict, Name, nameOf, openPdf, PdfDocument, PdfError, PdfString, Ref, Stream, textOf, type Value } from './pdf.js';

export { PdfError, type PdfErrorCode, PDF_LIMITS } from './pdf.js';

/** The option of `bulletin extract` that takes the source out of a file changed after it was made. */
export const FORCE_OPTION = '--force';

/** The embedded source file of a bulletin PDF. */
export interface EmbeddedSource {
  name: string;
  bytes: Buffer;
  /** Always true: a missing or mismatching /Params /CheckSum (MD5) is an E_PDF_CHECKSUM error. */
  checksumOk: boolean;
  /** Set when the file had incremental updates and `allowChanged` let it through. */
  changed?: { sourceReplaced: boolean };
}

export interface ExtractOptions {
  /** Read the source even when the file was changed by an incremental update (`extract --force`). */
  allowChanged?: boolean;
  /** The largest source accepted (default: the issue-file limit, 8 MB). */
  maxBytes?: number;
}

/** Facts about a PDF read from its bytes. */
export interface PdfFacts {
  producer?: string;
  /** xmp:CreatorTool, else the Info /Creator: bulletin writes its version and build options there. */
  creator?: string;
  /** The Info /Title. */
  title?: string;
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
  /** The file was changed by an incremental update after it was written. */
  updated: boolean;
  /** The faces bulletin recorded as used (XMP bulletin:fonts); absent in other PDFs and older ones. */
  fonts?: RecordedFace[];
}

/** One face a bulletin PDF says it was set in (src/render/pdf.ts, `usedFace`). */
export interface RecordedFace {
  postscriptName: string;
  /** Face.fingerprint: SHA-256 of the table directory, hex. */
  fingerprint: string;
  /** The roles whose font chains hold the face (not which of them drew with it). */
  chains: string[];
  family: string;
}

/** The faces of an XMP packet's bulletin:fonts, or undefined when it has none. */
function recordedFaces(xmp: string): RecordedFace[] | undefined {
  const list = xmpField(xmp, '<bulletin:fonts>', '</bulletin:fonts>');
  if (list === undefined) return undefined;
  const out: RecordedFace[] = [];
  for (const m of list.matchAll(/<rdf:li>([^<]*)<\/rdf:li>/g)) {
    const f = /^(\S+) sha256:([0-9a-f]{64}) chains=(\S*) family=(.*)$/.exec(unxml(m[1]!));
    if (f) out.push({ postscriptName: f[1]!, fingerprint: f[2]!, chains: f[3] ? f[3].split(',') : [], family: f[4]! });
  }
  // A list none of whose entries reads (another writer's) says nothing about the fonts.
  return out.length ? out : undefined;
}

/** The catalogue's /AF file specification with /AFRelationship /Source, and the objects on the way. */
function sourceSpec(doc: PdfDocument): { spec: Map<string, Value>; ef: Stream; touched: number[] } {
  const rootRef = doc.trailer.get('Root');
  const catalog = doc.dict(rootRef);
  if (!catalog) throw new PdfError('E_PDF_DAMAGED', '文件已损坏：找不到文档目录（/Root）');
  const touched: number[] = [];
  if (rootRef instanceof Ref) touched.push(rootRef.num);
  const afRef = catalog.get('AF');
  if (afRef instanceof Ref) touched.push(afRef.num);
  const af = doc.resolve(afRef);
  const noSource = new PdfError('E_PDF_NO_SOURCE', '没有找到内嵌的源文件（文档目录的 /AF 中没有 /AFRelationship /Source 的附件；不是 bulletin 生成的 PDF/A，或已被其他软件改写）');
  if (!Array.isArray(af)) throw noSource;
  for (const item of af.slice(0, 64)) {
    const spec = doc.dict(item);
    if (!spec || nameOf(spec.get('AFRelationship')) !== 'Source') continue;
    if (item instanceof Ref) touched.push(item.num);
    const efRef = doc.dict(spec.get('EF'));
    const fileRef = efRef?.get('F') ?? efRef?.get('UF');
    if (fileRef instanceof Ref) touched.push(fileRef.num);
    const ef = doc.resolve(fileRef);
    if (!(ef instanceof Stream)) throw new PdfError('E_PDF_DAMAGED', '文件已损坏：源文件附件的 /EF 没有指向数据流');
    const type = ef.dict.get('Type');
    if (type !== undefined && nameOf(type) !== 'EmbeddedFile') throw new PdfError('E_PDF_DAMAGED', `文件已损坏：源文件附件的 /EF 指向的不是内嵌文件（/Type /${nameOf(type) ?? '?'}）`);
    return { spec, ef, touched };
  }
  throw noSource;
}

/** Reads the MD5 of /Params /CheckSum: the spec's 16 raw bytes, or pdfkit's 32 hex digits. */
function checksumOf(v: Value | undefined): string | undefined {
  if (!(v instanceof PdfString)) return undefined;
  const b = v.bytes;
  if (b.length === 16) return b.toString('hex');
  const s = b.toString('latin1');
  return /^[0-9a-fA-F]{32}$/.test(s) ? s.toLowerCase() : undefined;
}

/**
 * The embedded /Source file that the catalogue's /AF points to (never merely the first attachment
 * in the file). Throws PdfError: E_PDF_NOT_PDF, E_PDF_TRUNCATED, E_PDF_DAMAGED, E_PDF_NO_SOURCE,
 * E_PDF_SOURCE_TOO_LARGE, E_PDF_SIZE_MISMATCH, E_PDF_CHECKSUM, E_PDF_ENCRYPTED, E_PDF_CHANGED, …
 */
export function extractSource(pdf: Uint8Array, opts: ExtractOptions = {}): EmbeddedSource {
  const max = opts.maxBytes ?? MAX_SOURCE_BYTES;
  try {
    const doc = openPdf(pdf);
    if (doc.trailer.has('Encrypt')) throw new PdfError('E_PDF_ENCRYPTED', '文件已加密，无法取出源文件');
    const { spec, ef, touched } = sourceSpec(doc);
    let changed: EmbeddedSource['changed'];
    if (doc.updated) {
      const sourceReplaced = touched.some((n) => doc.changedByUpdate(n));
      if (!opts.allowChanged)
        throw new PdfError(
          'E_PDF_CHANGED',
          `文件在生成之后被改动过（末尾追加了增量更新${sourceReplaced ? '，内嵌源文件或其目录项也被替换了' : ''}），取出的源文件未必是生成这份 PDF 的那一份；如确需取出改动后文件中的源文件，请加 ${FORCE_OPTION}`,
        );
      changed = { sourceReplaced };
    }
    const params = doc.dict(ef.dict.get('Params'));
    const declared = doc.resolve(params?.get('Size'));
    let bytes: Buffer;
    try {
      bytes = doc.decode(ef, max, '内嵌源文件');
    } catch (e) {
      if (e instanceof PdfError && e.code === 'E_PDF_TOO_COMPLEX')
        throw new PdfError('E_PDF_SOURCE_TOO_LARGE', `内嵌源文件超过期刊文件的上限 ${max} 字节（${Math.round(max / 1024 / 1024)} MB），拒绝取出`);
      throw e;
    }
    if (declared !== undefined && declared !== null) {
      if (typeof declared !== 'number' || !Number.isInteger(declared) || declared < 0) throw new PdfError('E_PDF_SIZE_MISMATCH', '内嵌源文件声明的大小（/Params /Size）不是有效的字节数');
      if (declared !== bytes.length)
        throw new PdfError('E_PDF_SIZE_MISMATCH', `内嵌源文件声明的大小为 ${declared} 字节，实际解出 ${bytes.length} 字节，文件已损坏或被篡改`);
    }
    if (bytes.length === 0) throw new PdfError('E_PDF_NO_SOURCE', '内嵌的源文件是空的');
    const sum = checksumOf(doc.resolve(params?.get('CheckSum')));
    // bulletin always writes the MD5; without it nothing shows that these are the bytes it embedded.
    if (sum === undefined) throw new PdfError('E_PDF_CHECKSUM', '内嵌源文件没有校验和（/Params /CheckSum），无法确认它完好');
    const checksumOk = sum === createHash('md5').update(bytes).digest('hex');
    if (!checksumOk) throw new PdfError('E_PDF_CHECKSUM', '内嵌源文件的校验和（/Params /CheckSum）不符，文件已损坏或被篡改');
    const name = textOf(doc.resolve(spec.get('UF'))) ?? textOf(doc.resolve(spec.get('F'))) ?? 'source.yaml';
    return { name, bytes, checksumOk, ...(changed ? { changed } : {}) };
  } catch (e) {
    throw asPdfError(e);
  }
}

const xmpField = (xmp: string, open: string, close: string): string | undefined => {
  const at = xmp.indexOf(open);
  if (at < 0) return undefined;
  const end = xmp.indexOf(close, at + open.length);
  return end < 0 ? undefined : xmp.slice(at + open.length, end);
};

/** The five XML escapes bulletin's XMP writer uses (a marker such as （一） needs none; & would). */
const unxml = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);

/** Reads producer, creator, PDF/A identification, pages, page sizes and font embedding. Throws PdfError. */
export function pdfFacts(pdf: Uint8Array): PdfFacts {
  try {
    const doc = openPdf(pdf);
    const catalog = doc.dict(doc.trailer.get('Root'));
    if (!catalog) throw new PdfError('E_PDF_DAMAGED', '文件已损坏：找不到文档目录（/Root）');
    const encrypted = doc.trailer.has('Encrypt');
    let xmp = '';
    const meta = doc.resolve(catalog.get('Metadata'));
    if (meta instanceof Stream && !encrypted) xmp = doc.decode(meta, 16 * 1024 * 1024, '元数据').toString('utf8');
    const xmpProducer = xmpField(xmp, '<pdf:Producer>', '</pdf:Producer>');
    const info = encrypted ? undefined : doc.dict(doc.trailer.get('Info'));
    const producer = xmpProducer ?? textOf(doc.resolve(info?.get('Producer')));
    const xmpCreator = xmpField(xmp, '<xmp:CreatorTool>', '</xmp:CreatorTool>');
    const creator = xmpCreator !== undefined ? unxml(xmpCreator) : textOf(doc.resolve(info?.get('Creator')));
    const part = (xmpField(xmp, '<pdfaid:part>', '</pdfaid:part>') ?? xmpField(xmp, 'pdfaid:part="', '"'))?.trim();
    const conformance = (xmpField(xmp, '<pdfaid:conformance>', '</pdfaid:conformance>') ?? xmpField(xmp, 'pdfaid:conformance="', '"'))?.trim();
    const uaPart = (xmpField(xmp, '<pdfuaid:part>', '</pdfuaid:part>') ?? xmpField(xmp, 'pdfuaid:part="', '"'))?.trim();
    const fonts = recordedFaces(xmp);
    const tagged = catalog.get('StructTreeRoot') instanceof Ref && doc.dict(catalog.get('MarkInfo'))?.get('Marked') === true;

    // Pages: the page tree from the catalogue, with inherited /MediaBox; each node visited once.
    const mediaBoxes: Array<[number, number]> = [];
    let pages = 0;
    const seen = new Set<number>();
    const walk = (node: Value | undefined, box: Value | undefined, depth: number): void => {
      if (depth > 64) throw new PdfError('E_PDF_DAMAGED', '文件已损坏：页面树过深');
      if (node instanceof Ref) {
        if (seen.has(node.num)) throw new PdfError('E_PDF_DAMAGED', '文件已损坏：页面树中有环');
        seen.add(node.num);
      }
      const d = doc.dict(node);
      if (!d) return;
      const mb = doc.resolve(d.get('MediaBox')) ?? box;
      if (nameOf(d.get('Type')) === 'Page' || !d.has('Kids')) {
        if (++pages > 100_000) throw new PdfError('E_PDF_TOO_COMPLEX', '页数过多');
        const n = Array.isArray(mb) ? mb.map((v) => doc.resolve(v)) : [];
        if (n.length === 4 && n.every((v) => typeof v === 'number')) {
          const [x0, y0, x1, y1] = n as number[];
          mediaBoxes.push([x1! - x0!, y1! - y0!]);
        }
        return;
      }
      const kids = doc.resolve(d.get('Kids'));
      if (Array.isArray(kids)) for (const k of kids) walk(k, mb, depth + 1);
    };
    walk(catalog.get('Pages'), undefined, 0);

    // Fonts: one pass over every object (each parsed once, not kept).
    let fontDescriptors = 0;
    let embeddedFontFiles = 0;
    for (const num of doc.objectNumbers()) {
      const v = doc.peek(num);
      const d = isDict(v) ? v : v instanceof Stream ? v.dict : undefined;
      if (!d || !(d.get('Type') instanceof Name) || nameOf(d.get('Type')) !== 'FontDescriptor') continue;
      fontDescriptors++;
      if (['FontFile', 'FontFile2', 'FontFile3'].some((k) => d.get(k) instanceof Ref)) embeddedFontFiles++;
    }
    const title = textOf(doc.resolve(info?.get('Title')));
    return { producer, ...(creator !== undefined ? { creator } : {}), ...(title !== undefined ? { title } : {}), pdfaPart: part, pdfaConformance: conformance, pdfuaPart: uaPart, tagged, pages, mediaBoxes, fontDescriptors, embeddedFontFiles, encrypted, updated: doc.updated, ...(fonts ? { fonts } : {}) };
  } catch (e) {
    throw asPdfError(e);
  }
}

/** A PdfError as one line for the CLI: the Chinese message and its code, bracketed as every diagnostic's. */
export function describePdfError(e: PdfError): string {
  return `${e.message} [${e.code}]`;
}
