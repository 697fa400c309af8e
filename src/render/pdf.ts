/**
 * Frames → PDF bytes (the edge). Every glyph is written where the composer put it, as our own TJ
 * operators; fonts are embedded as subsets with widths and ToUnicode maps; the file is PDF/A-3b with
 * the issue source attached. The PDF syntax is written by ./pdfWriter.ts (no PDF library: pdfkit
 * took longer to load than a whole build takes now).
 *
 * The renderer chooses no face and shapes or measures nothing: the frames carry each glyph's faces
 * (ids in the font set) and glyph ids with their advances, shaped once by the layout
 * (src/paginate/shape.ts), and it writes exactly those — widths and kerning adjustments in the TJ
 * arrays, as pdfkit 0.20.2 wrote them before, with the same colours, rules and fake bold.
 */
import { createHash } from 'node:crypto';
import type { ShapedGlyph, ShapedPiece } from '../compose/types.js';
import { ROLES } from '../fonts/catalog.js';
import type { Face, FontSet } from '../fonts/types.js';
import type { Box, Frame, GlyphRun, LaidOut, Line, Rule } from '../paginate/types.js';
import { geometry, GB9704, type Format } from '../spec/format.js';
import { OBJECT_STREAM_SIZE, pdfDate, pdfName, pdfNumber, pdfString, PdfWriter, ref, xmpDate } from './pdfWriter.js';
import { ARTIFACT_LAYOUT, StructureBuilder, type StructureReport } from './structure.js';

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
  /** The ICC profile of PDF/A's sRGB output intent (the World's; required with `pdfa`). */
  srgb?: Uint8Array;
  /**
   * 'rgb' (default, for PDF/A with its sRGB intent) or 'cmyk' for a print shop: red as CMYK 0/100/100/0
   * [FORMAT §2.4]. Black is DeviceGray 0 in both, so it prints with black ink only, never rich black [GB §6.2].
   */
  colour?: 'rgb' | 'cmyk';
  /**
   * The issue's source bytes, embedded as an associated file (AFRelationship /Source); `type` and
   * `description` default to the issue's YAML (the annual index embeds its JSON data instead).
   */
  source?: { name: string; bytes: Uint8Array; type?: string; description?: string };
  /** When given, receives ms spent drawing pages ('draw') and embedding font subsets ('fonts'). */
  timings?: Record<string, number>;
  /**
   * Print-dialog hint (/ViewerPreferences /Duplex): true = both sides, flipped on the long edge
   * (`build --duplex`); false = one side (labels, envelopes); absent = the reader's default.
   */
  duplex?: boolean;
  /** /PickTrayByPDFSize: let the printer choose its tray by the page size (envelopes). */
  pickTrayBySize?: boolean;
  /**
   * When given, receives the structure check: the file claims PDF/A-3a (with `pdfa`) and PDF/UA-1
   * only when it found no problem; otherwise PDF/A-3b and no PDF/UA.
   */
  structure?: Partial<StructureReport>;
  /**
   * Objects per compressed object stream (default {@link OBJECT_STREAM_SIZE}); 0 writes every object
   * at the top level with a classic xref table, the layout before object streams. For tests and size
   * measurements only: it is not recorded in the file, so `verify` rebuilds with the default.
   */
  objectStreams?: number;
}

/** Fake bold stroke width: 1/35 em, as Word does [FORMAT §2.2]. */
const FAKE_BOLD_EM = 1 / 35;

/** Coordinates in content streams: 1/1000 pt is far below any device's resolution. */
function num(v: number): string {
  const r = Math.round(v * 1000);
  if (r === lastNum) return lastNumText;
  lastNum = r;
  lastNumText = r === 0 ? '0' : String(r / 1000);
  return lastNumText;
}
// The last figure written: a justified line repeats one glyph-to-glyph adjustment all along.
let lastNum = 0;
let lastNumText = '0';

/** A face as used in this document: its subset glyphs, widths and the characters each stands for. */
class FontUse {
  readonly glyphs: number[] = [0];
  readonly widths: number[];
  readonly unicode: (readonly number[])[] = [[0]];
  /** Font units added to each subset glyph's advance (a letter-spaced copy of a glyph), else 0. */
  readonly widen: number[] = [0];
  private readonly index = new Map<number, number>([[0, 0]]);
  /** Letter-spaced copies by "glyph id+extra". */
  private readonly widened = new Map<string, number>();
  readonly scale: number;

  constructor(
    readonly face: Face,
    readonly id: string,
  ) {
    this.scale = 1000 / face.unitsPerEm;
    this.widths = [face.metrics().notdefAdvance * this.scale];
  }

  /**
   * The glyph's subset id as `<hex>`, added to the subset on first use; with `extra` (font units), a
   * copy of the glyph whose advance, in the font program and in /W alike, is that much wider.
   */
  private code(g: ShapedGlyph, extra = 0): string {
    const key = extra === 0 ? undefined : `${g.id}+${extra}`;
    let gid = key === undefined ? this.index.get(g.id) : this.widened.get(key);
    if (gid === undefined) {
      gid = this.glyphs.length;
      this.glyphs.push(g.id);
      if (key === undefined) this.index.set(g.id, gid);
      else this.widened.set(key, gid);
      this.widen[gid] = extra;
      this.widths[gid] = (g.advanceWidth + extra) * this.scale;
      this.unicode[gid] = g.codePoints;
      this.hex[gid] = `<${gid.toString(16).padStart(4, '0')}>`;
    }
    return this.hex[gid]!;
  }

  /** `<hex>` of each subset glyph id. */
  private readonly hex: string[] = ['<0000>'];

  /** encodeInto's results, by piece (pieces are shared: a character recurs all through an issue). */
  private readonly encoded = new Map<ShapedPiece, { code: string; adv: number }>();

  /**
   * Writes a piece's glyphs into a TJ array as 4-digit hex of the subset ids, any advance beyond a
   * glyph's own width as an explicit adjustment (1/1000 em). Returns the piece's advance in 1/1000 em.
   * A positioned mark (xOffset/yOffset) is moved by adjustments around it and raised by text rise
   * (Ts, `sizePt` gives its scale): every reader honours both, and its character stays in reading order.
   * `extra` (font units) widens the piece's last glyph: letter-spacing as part of the glyph's advance.
   */
  encodeInto(piece: ShapedPiece, parts: string[], sizePt: number, extra = 0): number {
    // A piece set the same way recurs all through an issue: encoded once (letter-spaced ones are few).
    let hit = extra === 0 ? this.encoded.get(piece) : undefined;
    if (!hit) {
      const own: string[] = [];
      let adv = 0;
      const last = piece.glyphs.length - 1;
      for (const [k, g] of piece.glyphs.entries()) {
        const track = k === last ? extra : 0;
        // A mark moved left of the pen is drawn from a copy whose advance brings the pen back to where
        // it was: no gap after it, so readers that split words at gaps (mutool) put no space in.
        const back = g.xOffset !== undefined && g.xOffset < 0 && Number.isInteger(g.xOffset) && this.face.widenable ? -g.xOffset : 0;
        const dx = (g.xOffset ?? 0) * this.scale;
        const rise = ((g.yOffset ?? 0) * sizePt) / piece.unitsPerEm;
        if (dx !== 0) own.push(num(-dx));
        // Text rise is a text-state parameter: set for the mark alone, outside the TJ array.
        if (rise !== 0) own.push(`] TJ ${num(rise)} Ts [`);
        own.push(this.code(g, track + back));
        if (rise !== 0) own.push('] TJ 0 Ts [');
        const xAdvance = (g.xAdvance + track) * this.scale;
        // Any advance beyond the drawn glyph's own (kerning, a moved mark's way back) is explicit.
        const kern = xAdvance - (g.advanceWidth + track + back) * this.scale - dx;
        if (Math.abs(kern) > 1e-9) own.push(num(-kern));
        adv += xAdvance;
      }
      hit = { code: own.join(' '), adv };
      if (extra === 0) this.encoded.set(piece, hit);
    }
    if (hit.code !== '') parts.push(hit.code);
    return hit.adv;
  }
}

/** Renders laid-out frames to PDF bytes. */
export async function renderPdf(laid: LaidOut, fonts: FontSet, meta: PdfMetadata, options: RenderOptions): Promise<Buffer> {
  const g = geometry(options.format ?? GB9704);
  const W = g.pageWidthPt;
  const H = g.pageHeightPt;
  const pdf = new PdfWriter('1.7', options.objectStreams ?? OBJECT_STREAM_SIZE);
  const catalog = pdf.reserve();
  const pagesRoot = pdf.reserve();
  const info = pdf.reserve();

  // The faces the frames name, by id: every face of every role's chain.
  const faces = new Map<string, Face>();
  for (const role of ROLES) for (const face of fonts.chain(role)) faces.set(face.id, face);
  const faceOf = (id: string): Face => {
    const face = faces.get(id);
    if (!face) throw new Error(`render: the frames name a face (${id}) the font set does not have`);
    return face;
  };
  const uses = new Map<Face, FontUse>();
  const useOf = (face: Face): FontUse => {
    let u = uses.get(face);
    if (!u) uses.set(face, (u = new FontUse(face, `F${uses.size + 1}`)));
    return u;
  };
  const fontRefs = new Map<FontUse, number>();
  const fontRef = (u: FontUse): number => {
    let r = fontRefs.get(u);
    if (r === undefined) fontRefs.set(u, (r = pdf.reserve()));
    return r;
  };

  let drawMs = 0;
  const kids: number[] = [];
  // Frames without a structure (documents not yet tagged) give an untagged PDF, as before.
  const tags = laid.structure ? new StructureBuilder(laid.structure) : undefined;
  // An issue's frames are laid out as they are read: each page is drawn, compressed and let go
  // before the next is made (only its compressed content stream stays, issue 18).
  for (const frame of laid.frames) {
    const d0 = performance.now();
    const page = pdf.reserve();
    const contents = pdf.reserve();
    const onPage = new Set<FontUse>();
    const [pw, ph] = [frame.widthPt ?? W, frame.heightPt ?? H];
    tags?.beginPage();
    const ops = drawFrame(frame, faceOf, ph, options.colour ?? 'rgb', useOf, onPage, tags);
    pdf.stream(contents, '', Buffer.from(ops, 'latin1'));
    const fontDict = [...onPage].map((u) => `/${u.id} ${ref(fontRef(u))}`).join(' ');
    pdf.object(
      page,
      `<< /Type /Page /Parent ${ref(pagesRoot)} /MediaBox [0 0 ${pdfNumber(pw)} ${pdfNumber(ph)}] /Resources << /Font << ${fontDict} >> >> /Contents ${ref(contents)}${tags ? ` /StructParents ${tags.pageKey} /Tabs /S` : ''} >>`,
    );
    kids.push(page);
    drawMs += performance.now() - d0;
  }
  pdf.object(pagesRoot, `<< /Type /Pages /Kids [${kids.map(ref).join(' ')}] /Count ${kids.length} >>`);

  const t1 = performance.now();
  for (const [u, r] of fontRefs) embedFont(pdf, u, r);
  if (options.timings) {
    options.timings.draw = drawMs;
    options.timings.fonts = performance.now() - t1;
  }

  // Catalog extras: structure, metadata, the attached source, PDF/A output intent.
  const structure = tags?.write(pdf, kids);
  if (options.structure && structure) Object.assign(options.structure, structure.report);
  // Claimed only when the structure check holds; a document title is a PDF/UA rule too (§7.1).
  const accessible = structure !== undefined && structure.report.problems.length === 0 && meta.title.trim() !== '';
  const entries = [`/Type /Catalog /Pages ${ref(pagesRoot)}`, '/Lang (zh-CN)', viewerPreferences(options)];
  if (structure) entries.push('/MarkInfo << /Marked true >>', `/StructTreeRoot ${ref(structure.root)}`);
  const metadata = pdf.reserve();
  // The faces the document is set in, for verify to name a font a rebuild lacks (see Face.fingerprint).
  const used = [...uses.keys()].map((face) => usedFace(face, fonts)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  pdf.stream(metadata, '/Type /Metadata /Subtype /XML', Buffer.from(xmp(meta, options.pdfa, accessible, used), 'utf8'), false);
  entries.push(`/Metadata ${ref(metadata)}`);
  if (options.source) {
    const file = pdf.reserve();
    const spec = pdf.reserve();
    const bytes = options.source.bytes;
    // ISO 32000-1 §7.11.4 Table 45: the 16-byte MD5 digest itself, written as a hex string.
    const checksum = createHash('md5').update(bytes).digest('hex').toUpperCase();
    pdf.stream(
      file,
      `/Type /EmbeddedFile /Subtype ${pdfName(options.source.type ?? 'application/yaml')} /Params << /CreationDate ${pdfDate(meta.date)} /ModDate ${pdfDate(meta.date)} /CheckSum <${checksum}> /Size ${bytes.byteLength} >>`,
      bytes,
    );
    const name = pdfString(options.source.name);
    pdf.object(spec, `<< /Type /Filespec /AFRelationship /Source /F ${name} /UF ${name} /EF << /F ${ref(file)} >> /Desc ${pdfString(options.source.description ?? 'Issue source (YAML) this PDF was built from')} >>`);
    entries.push(`/Names << /EmbeddedFiles << /Names [${name} ${ref(spec)}] >> >>`, `/AF [${ref(spec)}]`);
  }
  if (options.pdfa) {
    const profile = pdf.reserve();
    const intent = pdf.reserve();
    if (!options.srgb) throw new Error('renderPdf: a PDF/A file needs the sRGB profile (World.srgb)');
    pdf.stream(profile, '/N 3', options.srgb);
    pdf.object(intent, `<< /Type /OutputIntent /S /GTS_PDFA1 /Info (sRGB IEC61966-2.1) /OutputConditionIdentifier (sRGB IEC61966-2.1) /DestOutputProfile ${ref(profile)} >>`);
    entries.push(`/OutputIntents [${ref(intent)}]`);
  }
  pdf.object(catalog, `<< ${entries.join(' ')} >>`);
  pdf.object(
    info,
    `<< /Title ${pdfString(meta.title)} /Author ${pdfString(meta.author)} /Subject ${pdfString(meta.subject)} /Keywords ${pdfString(meta.keywords.join(', '))} /CreationDate ${pdfDate(meta.date)} /ModDate ${pdfDate(meta.date)} /Producer ${pdfString(meta.producer)} /Creator ${pdfString(meta.creator)} >>`,
  );
  return await pdf.finish(catalog, info);
}

/**
 * Print hints for the print dialog: actual size (PrintScaling /None, PDF 32000 §12.2: the 版心 must
 * not shrink to the printer's margins), and duplex or tray choice when asked for.
 */
function viewerPreferences(options: RenderOptions): string {
  const duplex = options.duplex === undefined ? '' : options.duplex ? ' /Duplex /DuplexFlipLongEdge' : ' /Duplex /Simplex';
  return `/ViewerPreferences << /DisplayDocTitle true /PrintScaling /None${duplex}${options.pickTrayBySize ? ' /PickTrayByPDFSize true' : ''} >>`;
}

const xml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * One face as recorded in the XMP (bulletin:fonts): "FandolFang-Regular sha256:… chains=fang
 * family=FandolFang" — PostScript name, fingerprint, the roles whose chains hold it (not which of them drew with it), family last
 * (it may hold spaces). Read back by src/archive/extract.ts (`recordedFaces`).
 */
function usedFace(face: Face, fonts: FontSet): string {
  const roles = ROLES.filter((r) => fonts.chain(r).includes(face));
  return `${face.postscriptName || face.id} sha256:${face.fingerprint} chains=${roles.join(',')} family=${face.family}`;
}

/**
 * The XMP packet: PDF/A identification (3a when `accessible`, else 3b), PDF/UA-1 identification
 * when `accessible`, the faces used (bulletin:fonts), each with its PDF/A extension schema (neither
 * is one of PDF/A's predefined schemas), dates, Dublin Core title/creator/description/subject, language.
 */
function xmp(meta: PdfMetadata, pdfa: boolean, accessible: boolean, fonts: readonly string[]): string {
  const date = xmpDate(meta.date);
  const keywords = meta.keywords.map((k) => `<rdf:li>${xml(k)}</rdf:li>`).join('');
  const pdfaid = pdfa
    ? `
        <rdf:Description xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" rdf:about="">
            <pdfaid:part>3</pdfaid:part>
            <pdfaid:conformance>${accessible ? 'A' : 'B'}</pdfaid:conformance>
        </rdf:Description>`
    : '';
  const schemas = [...(pdfa && accessible ? [PDFUA_SCHEMA] : []), ...(pdfa ? [FONTS_SCHEMA] : [])];
  const extension = schemas.length
    ? `
        <rdf:Description xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#" rdf:about="">
            <pdfaExtension:schemas>
                <rdf:Bag>${schemas.join('')}
                </rdf:Bag>
            </pdfaExtension:schemas>
        </rdf:Description>`
    : '';
  const faces = `
        <rdf:Description xmlns:bulletin="${FONTS_NS}" rdf:about="">
            <bulletin:fonts><rdf:Seq>${fonts.map((f) => `<rdf:li>${xml(f)}</rdf:li>`).join('')}</rdf:Seq></bulletin:fonts>
        </rdf:Description>`;
  const pdfuaid = accessible
    ? `
        <rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about="">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>`
    : '';
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
    <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">${pdfaid}${extension}${pdfuaid}${faces}
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
        </rdf:Description>
    </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

/** The namespace of bulletin's own XMP property (the faces a document is set in). */
const FONTS_NS = 'http://ns.bulletin.example/fonts/1.0/';

/** The PDF/A extension schema that declares bulletin:fonts (PDF/A-3 §6.6.2.3: custom properties are declared). */
const FONTS_SCHEMA = `
                    <rdf:li rdf:parseType="Resource">
                        <pdfaSchema:schema>bulletin fonts</pdfaSchema:schema>
                        <pdfaSchema:namespaceURI>${FONTS_NS}</pdfaSchema:namespaceURI>
                        <pdfaSchema:prefix>bulletin</pdfaSchema:prefix>
                        <pdfaSchema:property>
                            <rdf:Seq>
                                <rdf:li rdf:parseType="Resource">
                                    <pdfaProperty:name>fonts</pdfaProperty:name>
                                    <pdfaProperty:valueType>Seq Text</pdfaProperty:valueType>
                                    <pdfaProperty:category>internal</pdfaProperty:category>
                                    <pdfaProperty:description>Font faces the document is set in: PostScript name, SHA-256 of the table directory, font chains holding it, family</pdfaProperty:description>
                                </rdf:li>
                            </rdf:Seq>
                        </pdfaSchema:property>
                    </rdf:li>`;

/** The PDF/A extension schema that declares pdfuaid:part (ISO 14289-1 §5, PDF/A-3 §6.6.2.3). */
const PDFUA_SCHEMA = `
                    <rdf:li rdf:parseType="Resource">
                        <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
                        <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                        <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                        <pdfaSchema:property>
                            <rdf:Seq>
                                <rdf:li rdf:parseType="Resource">
                                    <pdfaProperty:name>part</pdfaProperty:name>
                                    <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                                    <pdfaProperty:category>internal</pdfaProperty:category>
                                    <pdfaProperty:description>Indicates which part of ISO 14289 the file conforms to</pdfaProperty:description>
                                </rdf:li>
                            </rdf:Seq>
                        </pdfaSchema:property>
                    </rdf:li>`;

/** Six capital letters from the subset's content: the subset tag of the font's name (PDF 32000 §9.6.4). */
function subsetTag(u: FontUse): string {
  const h = createHash('md5').update(u.face.postscriptName).update(Uint32Array.from(u.glyphs)).digest();
  return Array.from(h.subarray(0, 6), (b) => String.fromCharCode(65 + (b % 26))).join('');
}

/** The /W array, runs of equal widths as `first last w`, the rest as `first [w …]`. */
function widthsArray(widths: readonly number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < widths.length) {
    let j = i;
    while (j + 1 < widths.length && widths[j + 1] === widths[i]) j++;
    if (j - i >= 2) {
      parts.push(`${i} ${j} ${pdfNumber(widths[i]!)}`);
      i = j + 1;
      continue;
    }
    const start = i;
    const list: string[] = [];
    while (i < widths.length) {
      let k = i;
      while (k + 1 < widths.length && widths[k + 1] === widths[i]) k++;
      if (k - i >= 2) break;
      list.push(pdfNumber(widths[i]!));
      i++;
    }
    parts.push(`${start} [${list.join(' ')}]`);
  }
  return `[${parts.join(' ')}]`;
}

/** Subset program, descriptor, CID font, ToUnicode and the Type0 font at `at`. */
function embedFont(pdf: PdfWriter, u: FontUse, at: number): void {
  const face = u.face;
  const m = face.metrics();
  const s = u.scale;
  const sub = face.subset(u.glyphs, u.widen.some((w) => w !== 0) ? u.widen : undefined);
  const file = pdf.reserve();
  pdf.stream(file, sub.cff ? '/Subtype /CIDFontType0C' : '', sub.data);
  const familyClass = m.familyClass >> 8;
  let flags = 4;
  if (m.isFixedPitch) flags |= 1;
  if (familyClass >= 1 && familyClass <= 7) flags |= 2;
  if (familyClass === 10) flags |= 8;
  if (m.italic) flags |= 64;
  const name = pdfName(`${subsetTag(u)}+${face.postscriptName.replaceAll(' ', '_')}`);
  const descriptor = pdf.reserve();
  pdf.object(
    descriptor,
    `<< /Type /FontDescriptor /FontName ${name} /Flags ${flags} /FontBBox [${m.bbox.map((v) => pdfNumber(v * s)).join(' ')}] /ItalicAngle ${pdfNumber(m.italicAngle)} /Ascent ${pdfNumber(m.ascent * s)} /Descent ${pdfNumber(m.descent * s)} /CapHeight ${pdfNumber((m.capHeight || m.ascent) * s)} /XHeight ${pdfNumber((m.xHeight || 0) * s)} /StemV 0 /${sub.cff ? 'FontFile3' : 'FontFile2'} ${ref(file)} >>`,
  );
  const cid = pdf.reserve();
  pdf.object(
    cid,
    `<< /Type /Font /Subtype /${sub.cff ? 'CIDFontType0' : 'CIDFontType2'} /BaseFont ${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${ref(descriptor)} /W ${widthsArray(u.widths)}${sub.cff ? '' : ' /CIDToGIDMap /Identity'} >>`,
  );
  const toUnicode = pdf.reserve();
  pdf.stream(toUnicode, '', Buffer.from(toUnicodeCmap(u.unicode), 'latin1'));
  pdf.object(at, `<< /Type /Font /Subtype /Type0 /BaseFont ${name} /Encoding /Identity-H /DescendantFonts [${ref(cid)}] /ToUnicode ${ref(toUnicode)} >>`);
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** ToUnicode CMap: every subset glyph to the characters it was drawn for (UTF-16BE). */
function toUnicodeCmap(unicode: readonly (readonly number[])[]): string {
  const entries = unicode.map((cps) => {
    const units: string[] = [];
    for (let v of cps) {
      if (v > 0xffff) {
        v -= 0x10000;
        units.push(hex4(((v >>> 10) & 0x3ff) | 0xd800));
        v = 0xdc00 | (v & 0x3ff);
      }
      units.push(hex4(v));
    }
    return `<${units.join('')}>`;
  });
  const ranges: string[] = [];
  for (let i = 0; i < entries.length; i += 256) {
    const end = Math.min(i + 256, entries.length);
    ranges.push(`<${hex4(i)}> <${hex4(end - 1)}> [${entries.slice(i, end).join(' ')}]`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <ffff>
endcodespacerange
${ranges.length} beginbfrange
${ranges.join('\n')}
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
}

type ColourMode = 'rgb' | 'cmyk';

const colourOps = new Map<string, string>();

/** The fill (lower case) or stroke (upper case) colour operator for one of our colours. */
function colourOp(hex: string, mode: ColourMode, stroke: boolean): string {
  const key = `${hex}|${mode}|${stroke}`;
  let op = colourOps.get(key);
  if (op === undefined) colourOps.set(key, (op = makeColourOp(hex, mode, stroke)));
  return op;
}

function makeColourOp(hex: string, mode: ColourMode, stroke: boolean): string {
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

function drawFrame(frame: Frame, faceOf: (id: string) => Face, H: number, mode: ColourMode, useOf: (face: Face) => FontUse, onPage: Set<FontUse>, tags: StructureBuilder | undefined): string {
  const out: string[] = [];
  // Every item inside marked content: runs as their structure elements' pieces, rules as artifacts.
  const draw = (o: string[], run: GlyphRun): void => drawGlyphs(o, run, faceOf, H, mode, useOf, onPage);
  for (const item of frame.items) {
    if (item.kind === 'rule' || item.kind === 'box' || item.kind === 'line') {
      tags?.close(out);
      if (tags) out.push(ARTIFACT_LAYOUT);
      if (item.kind === 'rule') drawRule(out, item, H, mode);
      else drawShape(out, item, H, mode);
      if (tags) out.push('EMC');
    } else if (tags) tags.run(out, item, draw);
    else draw(out, item);
  }
  tags?.close(out);
  return out.join('\n');
}

function drawRule(out: string[], r: Rule, H: number, mode: ColourMode): void {
  const y = pdfNumber(H - r.yPt);
  out.push('q', `${pdfNumber(r.thicknessPt)} w`, '0 J', colourOp(r.colour, mode, true), `${pdfNumber(r.x1Pt)} ${y} m`, `${pdfNumber(r.x2Pt)} ${y} l`, 'S', 'Q');
}

/** A stroked rectangle or line, square-capped so a table's corners close. */
function drawShape(out: string[], s: Box | Line, H: number, mode: ColourMode): void {
  out.push('q', `${pdfNumber(s.thicknessPt)} w`, '2 J', '0 j', colourOp(s.colour, mode, true));
  if (s.kind === 'box') out.push(`${pdfNumber(s.xPt)} ${pdfNumber(H - s.yPt - s.heightPt)} ${pdfNumber(s.widthPt)} ${pdfNumber(s.heightPt)} re`, 'S', 'Q');
  else out.push(`${pdfNumber(s.x1Pt)} ${pdfNumber(H - s.y1Pt)} m`, `${pdfNumber(s.x2Pt)} ${pdfNumber(H - s.y2Pt)} l`, 'S', 'Q');
}

const utf16beHex = (s: string): string => Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase();

/**
 * Draws one run as the layout shaped it: each glyph's pieces (one face each) at the glyph's place and
 * their offsets; consecutive pieces in the same face and boldness share one text object and one TJ
 * array, their gaps written as adjustments. No face is chosen and nothing is shaped or measured here.
 */
function drawGlyphs(out: string[], run: GlyphRun, faceOf: (id: string) => Face, H: number, mode: ColourMode, useOf: (face: Face) => FontUse, onPage: Set<FontUse>): void {
  if (run.glyphs.length === 0) return;
  const size = run.sizePt;
  const y = num(H - run.baselinePt);
  // The open text object, as plain locals: this runs once per glyph of the issue.
  let openFace: Face | undefined;
  let openFont: FontUse | undefined;
  let openBold = false;
  let openActual = false;
  let parts: string[] = [];
  let pen = 0;
  const close = (): void => {
    if (!openFont) return;
    out.push(`[${parts.join(' ')}] TJ`, 'ET');
    if (openBold) out.push('0 Tr');
    if (openActual) out.push('EMC');
    openFace = undefined;
    openFont = undefined;
  };
  const piece = (face: Face, p: ShapedPiece, x: number, bold: boolean, actualText: string | undefined, extra: number): void => {
    if (openFace !== face || openBold !== bold || openActual || actualText) {
      close();
      const font = useOf(face);
      onPage.add(font);
      openFace = face;
      openFont = font;
      openBold = bold;
      openActual = !!actualText;
      // A glyph standing for other typed characters gets its own marked-content span (PDF 32000 §14.9.4).
      if (actualText) out.push(`/Span << /ActualText <FEFF${utf16beHex(actualText)}> >> BDC`);
      out.push('BT', `/${font.id} ${num(size)} Tf`);
      if (bold) out.push(colourOp(run.colour, mode, true), `${num(size * FAKE_BOLD_EM)} w`, '2 Tr');
      out.push(`1 0 0 1 ${num(x)} ${y} Tm`);
      parts = [];
      pen = x;
    }
    const gap = x - pen;
    if (Math.abs(gap) > 1e-4) parts.push(num((-gap * 1000) / size));
    const adv = openFont!.encodeInto(p, parts, size, extra);
    pen = x + (adv * size) / 1000;
  };
  // The run's own reading (a letter-spaced masthead line) stands for every glyph in it.
  const whole = run.actualText;
  if (whole) out.push(`/Span << /ActualText <FEFF${utf16beHex(whole)}> >> BDC`);
  out.push('q', colourOp(run.colour, mode, false));
  const x0 = run.xPt;
  // Letter-spacing is written into the advance of a widened copy of each glyph but the last (the
  // font program and /W agree, as PDF/A asks): readers that insert a space at a gap wider than a
  // fraction of an em (mutool, pdf.js) then see none. Faces we cannot widen keep the gap in the TJ.
  const tracking = run.trackingEm ?? 0;
  const lastGlyph = run.glyphs.length - 1;
  for (const [k, gl] of run.glyphs.entries()) {
    const shaped = gl.shaped;
    if (!shaped) throw new Error(`render: the glyph "${gl.text}" was not shaped by the layout`);
    const bold = gl.bold ?? false;
    // The typed characters (curled quotes), or the text when the glyphs do not spell it (CLUSTER).
    const actual = whole ? undefined : (gl.actualText ?? (shaped.actualText ? gl.text : undefined));
    const x = x0 + gl.xPt;
    shaped.pieces.forEach((p, j) => {
      const face = faceOf(p.face);
      const extra = tracking !== 0 && k < lastGlyph && j === shaped.pieces.length - 1 && face.widenable ? Math.round(tracking * face.unitsPerEm) : 0;
      piece(face, p, p.xEm === 0 ? x : x + p.xEm * size, bold, actual, extra);
    });
  }
  close();
  out.push('Q');
  if (whole) out.push('EMC');
}
