/**
 * Frames → PDF bytes (the edge). pdfkit is driven with absolute coordinates only: we give it no
 * width or alignment (STYLE.md §7). Text is written as our own TJ operators through pdfkit's embedded
 * fonts, so every glyph lands where the composer put it and fonts are subset with ToUnicode maps.
 */
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import type { Face, FontSet } from '../fonts/types.js';
import type { Frame, GlyphRun, LaidOut, Rule } from '../paginate/types.js';
import { geometry, GB9704, type Format } from '../spec/format.js';

/** Document metadata (info dictionary and XMP). */
export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  /** Creation and modification date: the print date, never the clock (determinism). */
  date: Date;
  producer: string;
  creator: string;
}

export interface RenderOptions {
  format?: Format;
  /** PDF/A-3b (default) or a plain PDF 1.7. */
  pdfa: boolean;
  /**
   * 'rgb' (default, for PDF/A with its sRGB intent) or 'cmyk' for a print shop: red as CMYK 0/100/100/0
   * [FORMAT §2.4]. Black is DeviceGray 0 in both, so it prints with black ink only, never rich black [GB §6.2].
   */
  colour?: 'rgb' | 'cmyk';
  /** The source bytes, embedded as an associated file (AFRelationship /Source). */
  source?: { name: string; bytes: Uint8Array };
}

/** Fake bold stroke width: 1/35 em, as Word does [FORMAT §2.2]. */
const FAKE_BOLD_EM = 1 / 35;

/** Minimal view of pdfkit internals we rely on (pinned pdfkit 0.20.2). */
interface EmbeddedFontLike {
  id: string;
  encode(text: string): [string[], Array<{ xAdvance: number; advanceWidth: number }>];
  ref(): unknown;
}
interface DocInternals {
  _font: EmbeddedFontLike;
  page: { fonts: Record<string, unknown>; height: number };
  addContent(op: string): unknown;
}

/** The fill (lower case) or stroke (upper case) colour operator for one of our colours. */
function colourOp(hex: string, mode: 'rgb' | 'cmyk', stroke: boolean): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  let op: string;
  if (r === g && g === b) op = `${num(r)} g`;
  else if (mode === 'cmyk') {
    const k = 1 - Math.max(r, g, b);
    const c = (1 - r - k) / (1 - k);
    const m = (1 - g - k) / (1 - k);
    const y = (1 - b - k) / (1 - k);
    op = `${num(c)} ${num(m)} ${num(y)} ${num(k)} k`;
  } else op = `${num(r)} ${num(g)} ${num(b)} rg`;
  return stroke ? op.replace(/ (g|k|rg)$/, (m) => m.toUpperCase()) : op;
}

const num = (v: number): string => {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

/** Renders laid-out frames to PDF bytes. */
export async function renderPdf(laid: LaidOut, fonts: FontSet, meta: PdfMetadata, options: RenderOptions): Promise<Buffer> {
  const g = geometry(options.format ?? GB9704);
  const doc = new PDFDocument({
    size: [g.pageWidthPt, g.pageHeightPt],
    margin: 0,
    autoFirstPage: false,
    compress: true,
    pdfVersion: '1.7',
    lang: 'zh-CN',
    displayTitle: true,
    ...(options.pdfa ? { subset: 'PDF/A-3b' as const } : {}),
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Keywords: meta.keywords.join(', '),
      CreationDate: meta.date,
      ModDate: meta.date,
      Producer: meta.producer,
      Creator: meta.creator,
    },
  });
  writeXmp(doc, meta);
  // The file ID comes from what the file is made of, not from the clock (determinism, PDF/A).
  (doc as unknown as { _id: Buffer })._id = fileId(laid, meta, options);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  const internals = doc as unknown as DocInternals;
  const embedded = new Map<Face, EmbeddedFontLike>();
  const fontFor = (face: Face): EmbeddedFontLike => {
    let e = embedded.get(face);
    if (!e) {
      doc.font(face.font as never);
      e = internals._font;
      embedded.set(face, e);
    }
    return e;
  };

  for (const frame of laid.frames) {
    doc.addPage({ size: [g.pageWidthPt, g.pageHeightPt], margin: 0 });
    drawFrame(doc, internals, frame, fonts, fontFor, options.colour ?? 'rgb');
  }
  if (options.source) {
    doc.file(Buffer.from(options.source.bytes), {
      name: options.source.name,
      type: 'application/yaml',
      relationship: 'Source',
      description: 'Issue source (YAML) this PDF was built from',
      creationDate: meta.date,
      modifiedDate: meta.date,
    } as never);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

const xml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

const xmpDate = (d: Date): string => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Replaces pdfkit's XMP info block (which neither escapes XML nor records the language or the
 * modification date) with a complete, escaped one. pdfkit still appends the pdfaid part/conformance.
 */
function writeXmp(doc: PDFKit.PDFDocument, meta: PdfMetadata): void {
  (doc as unknown as { _addInfo: () => void })._addInfo = function (this: { appendXML(x: string): void }) {
    const date = xmpDate(meta.date);
    const keywords = meta.keywords.map((k) => `<rdf:li>${xml(k)}</rdf:li>`).join('');
    this.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreateDate>${date}</xmp:CreateDate>
            <xmp:ModifyDate>${date}</xmp:ModifyDate>
            <xmp:MetadataDate>${date}</xmp:MetadataDate>
            <xmp:CreatorTool>${xml(meta.creator)}</xmp:CreatorTool>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:format>application/pdf</dc:format>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xml(meta.title)}</rdf:li></rdf:Alt></dc:title>
            <dc:creator><rdf:Seq><rdf:li>${xml(meta.author)}</rdf:li></rdf:Seq></dc:creator>
            <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xml(meta.subject)}</rdf:li></rdf:Alt></dc:description>
            <dc:subject><rdf:Bag>${keywords}</rdf:Bag></dc:subject>
            <dc:language><rdf:Bag><rdf:li>zh-CN</rdf:li></rdf:Bag></dc:language>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Producer>${xml(meta.producer)}</pdf:Producer>
            <pdf:Keywords>${xml(meta.keywords.join(', '))}</pdf:Keywords>
        </rdf:Description>`);
  };
}

/** A stable file identifier: a hash of the laid-out pages, the metadata and the embedded source. */
function fileId(laid: LaidOut, meta: PdfMetadata, options: RenderOptions): Buffer {
  const h = createHash('md5');
  h.update(JSON.stringify(laid.frames));
  h.update(JSON.stringify(meta));
  if (options.source) h.update(options.source.bytes);
  return h.digest();
}

function drawFrame(
  doc: PDFKit.PDFDocument,
  internals: DocInternals,
  frame: Frame,
  fonts: FontSet,
  fontFor: (face: Face) => EmbeddedFontLike,
  mode: 'rgb' | 'cmyk',
): void {
  for (const item of frame.items) {
    if (item.kind === 'rule') drawRule(doc, internals, item, mode);
    else drawGlyphs(doc, internals, item, fonts, fontFor, mode);
  }
}

function drawRule(doc: PDFKit.PDFDocument, internals: DocInternals, r: Rule, mode: 'rgb' | 'cmyk'): void {
  doc.save();
  doc.lineWidth(r.thicknessPt).lineCap('butt');
  internals.addContent(colourOp(r.colour, mode, true));
  doc.moveTo(r.x1Pt, r.yPt).lineTo(r.x2Pt, r.yPt).stroke();
  doc.restore();
}

/** A stretch of text in one face, at an absolute x (pt from the paper's left). */
interface Segment {
  face: Face;
  text: string;
  x: number;
  bold: boolean;
  actualText?: string;
}

/** Splits each glyph entry into runs of one face; pieces of one entry follow at natural advances. */
function segments(run: GlyphRun, fonts: FontSet): Segment[] {
  const out: Segment[] = [];
  for (const gl of run.glyphs) {
    let x = gl.xPt;
    let cur: Segment | undefined;
    for (const ch of gl.text) {
      const face = fonts.faceFor(ch.codePointAt(0)!, gl.role) ?? fonts.chain(gl.role)[0]!;
      if (cur && cur.face === face) {
        cur.text += ch;
        continue;
      }
      if (cur) {
        out.push(cur);
        x += fonts.advance(cur.text, cur.face) * run.sizePt;
      }
      cur = { face, text: ch, x, bold: gl.bold ?? false, ...(gl.actualText ? { actualText: gl.actualText } : {}) };
    }
    if (cur) out.push(cur);
  }
  return out;
}

const utf16beHex = (s: string): string => Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase();

function drawGlyphs(
  doc: PDFKit.PDFDocument,
  internals: DocInternals,
  run: GlyphRun,
  fonts: FontSet,
  fontFor: (face: Face) => EmbeddedFontLike,
  mode: 'rgb' | 'cmyk',
): void {
  const segs = segments(run, fonts);
  if (!segs.length) return;
  doc.save();
  internals.addContent(colourOp(run.colour, mode, false));
  // pdfkit's user space has y downwards; text space needs it upwards.
  doc.transform(1, 0, 0, -1, 0, internals.page.height);
  const y = internals.page.height - run.baselinePt;
  let i = 0;
  while (i < segs.length) {
    // One text object per face (and boldness): consecutive segments become one TJ with adjustments.
    const first = segs[i]!;
    const font = fontFor(first.face);
    internals.page.fonts[font.id] = font.ref();
    // A glyph standing for other typed characters gets its own marked-content span (PDF 32000 §14.9.4).
    if (first.actualText) internals.addContent(`/Span << /ActualText <FEFF${utf16beHex(first.actualText)}> >> BDC`);
    internals.addContent('BT');
    internals.addContent(`/${font.id} ${num(run.sizePt)} Tf`);
    if (first.bold) {
      internals.addContent(colourOp(run.colour, mode, true));
      internals.addContent(`${num(run.sizePt * FAKE_BOLD_EM)} w 2 Tr`);
    }
    internals.addContent(`1 0 0 1 ${num(first.x)} ${num(y)} Tm`);
    const parts: string[] = [];
    let pen = first.x;
    while (i < segs.length && segs[i]!.face === first.face && segs[i]!.bold === first.bold && (segs[i] === first || (!first.actualText && !segs[i]!.actualText))) {
      const s = segs[i]!;
      const gap = s.x - pen;
      if (Math.abs(gap) > 1e-4) parts.push(num((-gap * 1000) / run.sizePt));
      const [hex, pos] = font.encode(s.text);
      let adv = 0;
      pos.forEach((p, k) => {
        parts.push(`<${hex[k]}>`);
        // pdfkit positions are in 1/1000 em; any kerning beyond the glyph's own advance is explicit.
        const extra = p.xAdvance - p.advanceWidth;
        if (extra !== 0) parts.push(num(-extra));
        adv += p.xAdvance;
      });
      pen = s.x + (adv * run.sizePt) / 1000;
      i++;
    }
    internals.addContent(`[${parts.join(' ')}] TJ`);
    internals.addContent('ET');
    if (first.actualText) internals.addContent('EMC');
  }
  doc.restore();
}
