/**
 * bulletin's public surface: `compile(file, bytes, world, options)` runs every stage —
 * load (YAML with positions) → validate (JSON Schema + semantics) → model → preflight fonts →
 * compose lines → paginate → render PDF — and returns the PDF bytes or the diagnostics.
 *
 * @example
 *   const world = loadWorld({ fontsDir: 'fonts' }); // once per process: fonts and the sRGB profile
 *   const r = await compile('issues/2021-01.yaml', readFileSync('issues/2021-01.yaml'), world);
 *   if (r.pdf) writeFileSync('out.pdf', r.pdf); else r.diagnostics.forEach((d) => console.error(formatDiagnostic(d)));
 */
import { type BuildChoices, choicesOf, creatorText } from './archive/variant.js';
import type { Diagnostic } from './diag.js';
import { hasErrors, sortDiagnostics, withPlaces } from './diag.js';
import { formatField, type SectionNames } from './schema/fields.js';
import { type FontUse, preflight } from './fonts/preflight.js';
import type { Face, FontSet } from './fonts/types.js';
import { articleLead, creditText } from './model/parts.js';
import { dayLabel, periodLabel } from './model/period.js';
import type { Issue, PageDocument } from './model/types.js';
import { DEFAULT_LAYOUT, issueDocument, layout, type LayoutFonts, NOTE_LABEL, type LayoutOptions } from './paginate/layout.js';
import { shapingFonts } from './paginate/shape.js';
import type { Frame, LaidOut } from './paginate/types.js';
import { renderPdf, type PdfMetadata } from './render/pdf.js';
import type { StructureReport } from './render/structure.js';
import { loadIssue } from './source/load.js';
import { GB9704 } from './spec/format.js';
import { VERSION } from './version.js';
import type { World } from './world/index.js';

export type { World } from './world/index.js';
export { loadWorld } from './world/index.js';

/** How to build: the options of one compile (what it reads from outside comes in the World). */
export interface CompileOptions {
  layout?: Partial<LayoutOptions>;
  /** PDF/A-3a (PDF/A-3b if the structure check fails) with the source embedded (default true). */
  pdfa?: boolean;
  /** Print-shop colours: red as CMYK 0/100/100/0 [FORMAT §2.4]; implies a plain (non-PDF/A) PDF. */
  cmyk?: boolean;
  /**
   * False: stop after the layout (`check`): every error a build would report — fonts, masthead fit,
   * 报尾 size — without drawing or writing a PDF. Default true.
   */
  render?: boolean;
  /** Objects per object stream, 0 for the classic layout (tests and size measurements; see RenderOptions). */
  objectStreams?: number;
  /**
   * Shown each page as it is laid out, before it is drawn (the annual index reads where each item
   * starts): an issue's pages are not kept after they are drawn.
   */
  onFrame?: (frame: Frame) => void;
}

export interface CompileResult {
  pdf?: Buffer;
  issue?: Issue;
  laidOut?: LaidOut;
  /** Errors and warnings, sorted by position. */
  diagnostics: Diagnostic[];
  /** The tagged structure written into the PDF and its check (no problems: PDF/A-3a and PDF/UA-1 claimed). */
  structure?: StructureReport;
  /**
   * Time spent per stage, ms (for the benchmark): load (decode, YAML, schema, semantics, model),
   * preflight (fonts), compose (lines), paginate (frames), draw (page contents), fonts (subsets),
   * pdf (the rest of the file).
   */
  timings: Record<string, number>;
}

/**
 * Builds one issue. Never throws for bad input: errors come back as diagnostics and no PDF. Opens no
 * file: fonts and the colour profile come from `world`.
 */
export async function compile(file: string, bytes: Uint8Array, world: World, options: CompileOptions = {}): Promise<CompileResult> {
  const timings: Record<string, number> = {};
  const t = (name: string, since: number): number => {
    const now = performance.now();
    timings[name] = now - since;
    return now;
  };
  let now = performance.now();
  const loaded = loadIssue(file, bytes);
  now = t('load', now);
  const diagnostics = [...loaded.diagnostics];
  const issue = loaded.issue;
  if (!issue || hasErrors(diagnostics)) return { diagnostics, timings };

  const names = issueSectionNames(issue);
  diagnostics.push(...withPlaces(preflight(world.fonts, textUses(issue)), names));
  now = t('preflight', now);
  if (hasErrors(diagnostics)) return { issue, diagnostics, timings };

  const layoutOptions: LayoutOptions = { ...DEFAULT_LAYOUT, ...options.layout };
  const fonts = world.fonts;
  // Faces are chosen and text shaped here, once: the renderer draws what the frames say.
  const laid = layout(issue, layoutFonts(fonts), layoutOptions);
  // layout = compose (lines) + paginate (frames); reported apart for the benchmark. The body is laid
  // out while the renderer reads the frames, so these are read once it has.
  const layoutTimings = (): void => {
    timings.compose = laid.timings.compose;
    timings.paginate = laid.timings.paginate;
  };
  layoutTimings();
  diagnostics.push(...withPlaces(laid.diagnostics, names));
  // Every error the layout finds (masthead, 报尾) is found before the first page: no PDF is begun.
  if (!laid.laidOut || hasErrors(diagnostics)) return { issue, diagnostics, timings };
  const laidOut = laid.laidOut;
  const { onFrame } = options;
  const frames = onFrame ? tapped(laidOut.frames, onFrame) : laidOut.frames;
  /** Composition notes as warnings: complete once every page is laid out. */
  const warnings = (): void => {
    for (const e of laidOut.events) {
      diagnostics.push({ severity: 'warning', code: `W_${e.kind.toUpperCase().replace(/-/g, '_')}`, span: e.span, field: '', message: e.message });
    }
  };
  if (options.render === false) {
    // Every page is laid out (and dropped): `check` reports what `build` would.
    for (const frame of frames) void frame;
    layoutTimings();
    warnings();
    return { issue, laidOut, diagnostics: sortDiagnostics(diagnostics), timings };
  }

  const structure: Partial<StructureReport> = {};
  // The byte-changing options are recorded in /Creator, so `verify` can rebuild this very file.
  const pdf = await renderPdf({ ...laidOut, frames }, fonts, metadata(issue, choicesOf(options)), {
    format: layoutOptions.format,
    // DeviceCMYK next to PDF/A's sRGB output intent would break PDF/A: a CMYK file is a plain PDF.
    pdfa: (options.pdfa ?? true) && !options.cmyk,
    srgb: world.srgb,
    colour: options.cmyk ? 'cmyk' : 'rgb',
    source: { name: baseName(file), bytes: issue.sourceBytes },
    timings,
    ...(layoutOptions.duplex ? { duplex: true } : {}),
    ...(options.objectStreams !== undefined ? { objectStreams: options.objectStreams } : {}),
    structure,
  });
  layoutTimings();
  warnings();
  // layout and render = compose + paginate + draw (pages) + fonts (subsets) + the rest of the file
  // (metadata, source, xref).
  timings.pdf = performance.now() - now - timings.compose! - timings.paginate! - (timings.draw ?? 0) - (timings.fonts ?? 0);
  return { pdf, issue, laidOut, diagnostics: sortDiagnostics(diagnostics), timings, structure: structure as StructureReport };
}

/** The frames, each shown to `see` as it is read. */
function* tapped<T>(frames: Iterable<T>, see: (frame: T) => void): Generator<T, void, undefined> {
  for (const frame of frames) {
    see(frame);
    yield frame;
  }
}

/** The sections of a valid issue, as the messages name them (第1个栏目（协会党建）…). */
function issueSectionNames(issue: Issue): SectionNames {
  return (i) => {
    const s = issue.sections[i];
    if (!s) return undefined;
    return s.kind === 'items' ? { kind: 'items', title: s.title.value } : { kind: 'article', title: s.heading.value };
  };
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() || 'issue.yaml';
}


/** Every printed string of the issue with its role, for the font preflight. */
export function textUses(issue: Issue): FontUse[] {
  return documentUses(issueDocument(issue));
}

/** Every printed string of a document (an issue, the annual index) with its role, for the preflight. */
export function documentUses(doc: PageDocument): FontUse[] {
  const m = doc.masthead;
  // The faces the layout sets each part in (src/spec/format.ts), so preflight checks the same chains.
  const b = GB9704.bulletin;
  const uses: FontUse[] = m.publicationLines.map((line, k) => ({
    text: line.value,
    role: 'title' as const,
    at: line.at,
    field: m.publicationLines.length > 1 ? `publication[${k + 1}]` : 'publication',
  }));
  uses.push({ text: m.editor.value, role: 'fang' as const, at: m.editor.at, field: 'editor' });
  if (m.classification) uses.push({ text: m.classification.value, role: GB9704.masthead.classificationRole, at: m.classification.at, field: 'classification' });
  if (doc.note) {
    uses.push({ text: NOTE_LABEL, role: b.noteLabelRole, at: doc.note.at, field: 'note' });
    uses.push({ text: doc.note.value, role: b.noteTextRole, at: doc.note.at, field: 'note' });
  }
  // Numbered item markers are set in the body face.
  if (doc.itemMarker === '（一）' || doc.itemMarker === '1.') {
    uses.push({ text: doc.itemMarker === '1.' ? '0123456789.' : '（）零一二三四五六七八九十百', role: b.numberedMarkerRole, at: () => m.editor.span, field: 'item_marker' });
  }
  doc.parts.forEach((s, i) => {
    if (s.kind === 'article') {
      uses.push({ text: s.heading.value, role: b.articleTitleRole, at: s.heading.at, field: `sections[${i + 1}].article` });
      if (s.subtitle) uses.push({ text: s.subtitle.value, role: b.articleSubtitleRole, at: s.subtitle.at, field: `sections[${i + 1}].subtitle` });
      s.paragraphs.forEach((p, j) => {
        const field = `sections[${i + 1}].paragraphs[${j + 1}]`;
        // An opening 一、… or （一）… is set in 黑体 or 楷体, the rest in 仿宋 (as the layout sets it).
        const lead = articleLead(p.text.value, b.articleLeadMaxChars);
        if (lead) uses.push({ text: p.text.value.slice(0, lead.end), role: lead.level === 1 ? b.articleLevelRoles.first : b.articleLevelRoles.second, at: p.text.at, field });
        uses.push({ text: lead ? p.text.value.slice(lead.end) : p.text.value, role: 'fang' as const, at: (o: number) => p.text.at(o + (lead?.end ?? 0)), field });
      });
      if (s.source) uses.push({ text: creditText(s.source.value), role: 'fang' as const, at: s.source.at, field: `sections[${i + 1}].source` });
      return;
    }
    uses.push({ text: s.heading.value, role: b.headingStyles[doc.headingStyle].role, at: s.heading.at, field: `sections[${i + 1}].title` });
    s.items.forEach((it, j) => {
      if (it.lead) uses.push({ text: it.lead.value, role: b.leadRole, at: it.lead.at, field: `sections[${i + 1}].items[${j + 1}].lead` });
      uses.push({ text: it.text.value, role: 'fang' as const, at: it.text.at, field: `sections[${i + 1}].items[${j + 1}]` });
    });
  });
  for (const d of doc.colophon.distribution) {
    uses.push({ text: d.label.value, role: 'fang' as const, at: d.label.at, field: formatField(['distribution', d.label.value]) });
    for (const r of d.recipients) uses.push({ text: r.value, role: 'fang' as const, at: r.at, field: formatField(['distribution', d.label.value]) });
  }
  if (doc.colophon.printer) uses.push({ text: doc.colophon.printer.value, role: 'fang' as const, at: doc.colophon.printer.at, field: 'printer' });
  return uses;
}

/** What the page layout takes of a font set: shaping (faces chosen once, in layout) and the page numbers' dash. */
export function layoutFonts(fonts: FontSet): LayoutFonts {
  return { ...shapingFonts(fonts), dashCentreEm: dashCentreEm(fonts) };
}

/**
 * Centre of the em dash stroke above the baseline, in em, from the glyph's bounding box in the
 * song role's first face (the page numbers' font) [FORMAT §6]; 0.3 when it cannot be read.
 */
export function dashCentreEm(fonts: FontSet): number {
  const face: Face | undefined = fonts.chain('song')[0];
  const bb = face?.glyphExtent(0x2014);
  const c = face && bb ? (bb.yMin + bb.yMax) / 2 / face.unitsPerEm : NaN;
  return Number.isFinite(c) && c > 0 ? c : 0.3;
}

/** A print date as the PDF's creation date: 00:00 in Beijing (UTC+8), 16:00 UTC the day before. */
export function printDate(day: { year: number; month: number; day: number }): Date {
  return new Date(Date.UTC(day.year, day.month - 1, day.day, -8, 0, 0));
}

/**
 * Info and XMP metadata: title with period and number, the print date at 00:00 Beijing time, and as
 * creator the version with the byte-changing build options (archive/variant.ts).
 */
export function metadata(issue: Issue, choices: BuildChoices = {}): PdfMetadata {
  const period = periodLabel(issue.period);
  const no = issue.number ? `（第${issue.number.value}期）` : '';
  return {
    title: `${issue.publication.value} ${period}${no}`,
    author: issue.editor.value,
    subject: `${issue.publication.value} ${period}${no}，${dayLabel(issue.printed)}印`,
    keywords: issue.sections.map((s) => (s.kind === 'items' ? s.title.value : s.heading.value)),
    date: printDate(issue.printed),
    producer: `bulletin ${VERSION}`,
    creator: creatorText(VERSION, choices),
  };
}
