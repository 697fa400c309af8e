/**
 * `bulletin index`: the annual contents list (总目录). Each issue is compiled as for printing, so the
 * page where each item starts is the page of the real PDF; the list itself is a document of its own
 * ({@link indexDocument}: one heading per issue, one per section, one paragraph per item ending with
 * dot leaders and the page), set by the page layout and renderer an issue uses, so it has the same
 * masthead, grid and page numbers.
 */
import path from 'node:path';
import type { ComposeOptions } from '../compose/types.js';
import { compose } from '../compose/index.js';
import type { Diagnostic, Span } from '../diag.js';
import { hasErrors } from '../diag.js';
import { preflight } from '../fonts/preflight.js';
import { compile, documentUses, layoutFonts, printDate } from '../index.js';
import type { World } from '../world/index.js';
import { sha256Hex } from '../io/files.js';
import { itemText } from '../model/parts.js';
import type { Colophon, Issue, Masthead, PageDocument, Section, Text } from '../model/types.js';
import { DEFAULT_LAYOUT, layoutDocument } from '../paginate/layout.js';
import type { Frame } from '../paginate/types.js';
import { renderPdf } from '../render/pdf.js';
import { GB9704, geometry } from '../spec/format.js';
import { VERSION } from '../version.js';
import { type Day, dayKey, dayLabel, type Period, periodKey, periodLabel } from '../model/period.js';
import { type BuildChoices, creatorText, worldOf } from '../archive/variant.js';

/** One issue as the index needs it (plain data: it comes back from worker threads). */
export interface IssueSummary {
  /** The issue file's name (for an index made from PDFs, the issue file embedded in the PDF). */
  file: string;
  publication: string;
  /** The masthead's lines (a two-line name stays two lines in the index). */
  publicationLines?: string[];
  editor: string;
  printer?: string;
  period: Period;
  number?: number;
  total?: number;
  printed: Day;
  /** Pages of the issue's PDF. */
  pages: number;
  /** 印数. */
  copies?: number;
  /**
   * The PDF this entry stands for: the PDF given to `index`, or for an issue file the archive copy
   * `bulletin build` makes from it (output/<name>.pdf, default options), with its SHA-256.
   */
  pdf?: { name: string; sha256: string };
  sections: Array<{ title: string; items: Array<{ opening: string; page: number }> }>;
}

/**
 * Compiles one issue as `build` would with `choices` (nothing written) and summarises it with each
 * item's start page. `pdf`: the PDF the issue came from (its name and SHA-256); without it, the
 * summary names the archive copy build makes and its SHA-256. `differs`: the given PDF is not what
 * this version makes from its source (another version or other fonts), so its pages may differ.
 */
export async function summarizeIssue(
  file: string,
  bytes: Uint8Array,
  world: World,
  opts: { choices?: BuildChoices; pdf?: { name: string; sha256: string } } = {},
): Promise<{ summary?: IssueSummary; diagnostics: Diagnostic[]; differs?: boolean }> {
  // Where each line went, read as the pages are laid out (they are not kept once drawn).
  const lines: PageLine[] = [];
  const r = await compile(file, bytes, world, { ...worldOf(opts.choices ?? {}), onFrame: (frame) => lines.push(...pageLines(frame)) });
  if (!r.pdf || !r.issue || !r.laidOut) return { diagnostics: r.diagnostics };
  const issue = r.issue;
  const pages = itemStartPages(issue, lines);
  let k = 0;
  const summary: IssueSummary = {
    file,
    publication: issue.publication.value,
    publicationLines: issue.publicationLines.map((l) => l.value),
    editor: issue.editor.value,
    period: { year: issue.period.year, month: issue.period.month },
    printed: { year: issue.printed.year, month: issue.printed.month, day: issue.printed.day },
    pages: r.laidOut.stats.pages,
    ...(issue.copies ? { copies: issue.copies.value } : {}),
    // An article is one entry: its title.
    sections: issue.sections.map((s) => ({
      title: s.kind === 'article' ? s.heading.value : s.title.value,
      items: s.kind === 'article' ? [{ opening: openingPhrase(s.heading.value), page: pages[k++] ?? 1 }] : s.items.map((it) => ({ opening: openingPhrase(itemText(it)), page: pages[k++] ?? 1 })),
    })),
  };
  if (issue.printer) summary.printer = issue.printer.value;
  if (issue.number) summary.number = issue.number.value;
  if (issue.total) summary.total = issue.total.value;
  const sha256 = sha256Hex(r.pdf);
  summary.pdf = opts.pdf ?? { name: `${path.basename(file).replace(/\.ya?ml$/i, '')}.pdf`, sha256 };
  return { summary, diagnostics: r.diagnostics, ...(opts.pdf && opts.pdf.sha256 !== sha256 ? { differs: true } : {}) };
}

/** A line of glyphs on a page, as the index reads it: its text, and whether an entry starts there. */
export interface PageLine {
  page: number;
  text: string;
  start: boolean;
}

/** The lines of glyphs of one page (markers left out). */
export function pageLines(frame: Frame): PageLine[] {
  const lines: PageLine[] = [];
  for (const it of frame.items) {
    if (it.kind !== 'glyphs') continue;
    const start = it.line === 0 && (it.element === 'item' || it.element === 'article-title');
    lines.push({ page: frame.number, text: it.glyphs.slice(it.prefixGlyphs ?? 0).map((g) => g.text).join(''), start });
  }
  return lines;
}

/**
 * The page each entry of `issue` starts on, in order: each item, and each article (by its title),
 * from the lines of its pages (`pageLines`). The layout marks every body run with its element and
 * line; the runs' text is checked against the entries, and when they do not line up (should not
 * happen) entries are matched by their text in order.
 */
export function itemStartPages(issue: Issue, lines: readonly PageLine[]): number[] {
  const items = issue.sections.flatMap((s) => (s.kind === 'article' ? [s.heading.value] : s.items.map((it) => itemText(it))));
  const starts = lines.filter((l) => l.start);
  if (starts.length === items.length && starts.every((s, i) => sameStart(s.text, items[i]!))) return starts.map((s) => s.page);
  let cursor = 0;
  let last = 1;
  return items.map((item) => {
    for (let k = cursor; k < lines.length; k++) {
      if (sameStart(lines[k]!.text, item)) {
        cursor = k + 1;
        last = lines[k]!.page;
        return last;
      }
    }
    return last;
  });
}

/** True when a laid-out line begins like `item` (the composer normalises widths and quotes). */
function sameStart(line: string, item: string): boolean {
  const key = (s: string): string => s.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
  const a = key(line);
  const b = key(item);
  const n = Math.min(8, a.length, b.length);
  return n > 0 && a.slice(0, n) === b.slice(0, n);
}

/** A first clause that only says when (1月25日, 近日, 1月11日上午) tells the reader nothing alone. */
const WHEN_ONLY = /^(?:\d{1,2}月(?:\d{1,2}日|[上中下]旬|初|底|中)?|\d{1,2}日|近日|日前|近期|本月|月初|月底|上周|本周|年初|年底)(?:上午|下午|晚上|晚间|晚)?$/;

/** Words for cutting openings: a number, a Latin word or a Chinese word stays whole (ICU's dictionary). */
const WORDS = new Intl.Segmenter('zh', { granularity: 'word' });
/** Marks an opening must not end on: an opening bracket or quote, or a pause before the cut. */
const NO_END = /[“‘《（【〔「『(\[、，；：,;:\s]+$/u;
/** A first word longer than this is cut anyway (a long URL or number run). */
const MAX_WORD = 40;

/**
 * An item's opening phrase: its first clause, up to the first ，or 。 (a clause that only gives the
 * date takes the next one too), at most `max` characters. A longer one is cut at a word boundary —
 * never inside a number, a Latin word or a Chinese word, never after an opening quote or bracket —
 * and ends in …; a cut at a punctuation mark drops the mark.
 */
export function openingPhrase(text: string, max = 20): string {
  const clauses = text.trim().split(/[，。]/);
  let s = clauses[0] ?? '';
  if (WHEN_ONLY.test(s) && clauses[1]) s = `${s}，${clauses[1]}`;
  if ([...s].length <= max) return s;
  let cut = '';
  let n = 0;
  for (const { segment } of WORDS.segment(s)) {
    const len = [...segment].length;
    if (n + len > max) {
      // A first word longer than the limit is kept whole when it is not absurdly long.
      if (n === 0) cut = len <= MAX_WORD ? segment : [...segment].slice(0, max).join('');
      break;
    }
    cut += segment;
    n += len;
  }
  const trimmed = cut.replace(NO_END, '');
  return `${trimmed || cut}…`;
}



/** The annual index as PDF bytes and CSV text. */
export interface AnnualIndex {
  pdf?: Buffer;
  csv: string;
  pages: number;
  items: number;
  diagnostics: Diagnostic[];
}

/**
 * CSV columns, in order. file: the issue file; pdf and sha256: the PDF the row stands for and its
 * SHA-256 (see IssueSummary.pdf); printed: the print date; pages: the issue's pages; copies: 印数.
 */
export const CSV_HEADER = ['year', 'period', 'number', 'total', 'section', 'item_index', 'opening', 'page', 'file', 'printed', 'pages', 'copies', 'pdf', 'sha256'] as const;

/**
 * The annual index as a document of its own (not an issue): the year's masthead, with 2021年总目录 on
 * its 期号 line and the last issue's name, editor and print date; one part per issue (its period and
 * 期号 as the heading) and one per section, an entry per item ("opening……page"); a 报尾 of the print
 * line only. Set by the same page layout as an issue, so grid, masthead and page numbers match.
 */
export function indexDocument(summaries: readonly IssueSummary[], year: number, entry: (opening: string, page: number) => string): PageDocument {
  const last = summaries.at(-1)!;
  const where: Span = { file: `${year}年总目录`, line: 1, column: 1, offset: -1 };
  const text = (value: string): Text => ({ value, span: where, at: () => where });
  const parts: Section[] = [];
  for (const s of summaries) {
    const label = [periodLabel(s.period), s.number !== undefined ? `第${s.number}期` : '', s.total !== undefined ? `总第${s.total}期` : ''].filter(Boolean).join('　');
    parts.push({ kind: 'items', heading: text(label), title: text(label), items: [], span: where });
    for (const sec of s.sections) {
      parts.push({
        kind: 'items',
        heading: text(`【${sec.title}】`),
        title: text(sec.title),
        items: sec.items.map((it) => ({ text: text(entry(it.opening, it.page)), span: where })),
        span: where,
      });
    }
  }
  const masthead: Masthead = {
    publication: text(last.publication),
    publicationLines: (last.publicationLines ?? [last.publication]).map(text),
    numberLine: text(`${year}年总目录`),
    editor: text(last.editor),
    date: text(dayLabel(last.printed)),
  };
  const colophon: Colophon = { distribution: [], printed: { ...last.printed, span: where } };
  if (last.printer) colophon.printer = text(last.printer);
  return { masthead, parts, headingStyle: '【】', colophon };
}

/** Sets the index of `year` from the issues' summaries (in period order). */
export async function buildAnnualIndex(summaries: readonly IssueSummary[], year: number, world: World, opts: { pdfa: boolean }): Promise<AnnualIndex> {
  const fonts = world.fonts;
  summaries = summaries.map((s) => ({ ...s, file: path.basename(s.file) }));
  const csv = annualCsv(summaries, year);
  const items = summaries.reduce((n, s) => n + s.sections.reduce((m, sec) => m + sec.items.length, 0), 0);
  const last = summaries.at(-1);
  if (!last) return { csv, pages: 0, items, diagnostics: [] };
  const f = GB9704;
  const g = geometry(f);
  const options = DEFAULT_LAYOUT;
  const composeOpts: ComposeOptions = {
    cellPt: g.cellPt,
    sizePt: f.bodySizePt,
    measurePt: f.charsPerLine * g.cellPt,
    firstLineStartPt: (f.paragraphIndentCells + 1) * g.cellPt, // entries are set as ➤ items
    restLineStartPt: 0,
    kinsoku: options.kinsoku,
    hangPunctuation: options.hangPunctuation,
    justify: true,
  };
  /** "opening……page", with as many leaders as keep it on one line. */
  const entry = (opening: string, page: number): string => {
    for (let n = f.charsPerLine; n >= 2; n--) {
      const s = `${opening}${'…'.repeat(n)}${page}`;
      if (compose([{ text: s, role: 'fang', offset: 0 }], composeOpts, fonts).lines.length === 1) return s;
    }
    return `${opening}　${page}`;
  };
  const doc = indexDocument(summaries, year, entry);
  const diagnostics = preflight(fonts, documentUses(doc));
  if (hasErrors(diagnostics)) return { csv, pages: 0, items, diagnostics };
  const laid = layoutDocument(doc, layoutFonts(fonts), options);
  diagnostics.push(...laid.diagnostics);
  if (!laid.laidOut || hasErrors(diagnostics)) return { csv, pages: 0, items, diagnostics };
  const title = `${last.publication} ${year}年总目录`;
  const pdf = await renderPdf(
    laid.laidOut,
    fonts,
    {
      title,
      author: last.editor,
      subject: `${title}（${summaries.map((s) => periodLabel(s.period)).join('、')}，共 ${items} 条）`,
      keywords: ['总目录', String(year)],
      // The last issue's print date at 00:00 Beijing time: the same input gives the same bytes.
      date: printDate(last.printed),
      producer: `bulletin ${VERSION}`,
      creator: creatorText(VERSION, opts.pdfa ? {} : { pdfa: false }),
    },
    // The data the index was set from, so `verify` can rebuild it byte for byte.
    { format: f, pdfa: opts.pdfa, srgb: world.srgb, source: { name: `${year}-index.json`, bytes: indexSourceBytes(summaries, year), type: 'application/json', description: INDEX_SOURCE_DESCRIPTION } },
  );
  return { pdf, csv, pages: laid.laidOut.stats.pages, items, diagnostics };
}

/** What the index PDF's embedded JSON says it is. */
const INDEX_SOURCE_KIND = 'bulletin-annual-index';
const INDEX_SOURCE_DESCRIPTION = 'Annual index data (JSON) this PDF was built from';

/**
 * The index's own source: the year and each issue's summary (entries, pages, file names, SHA-256),
 * as JSON. JSON.stringify of parsed JSON gives the same text back, so a rebuild is byte for byte.
 */
export function indexSourceBytes(summaries: readonly IssueSummary[], year: number): Buffer {
  return Buffer.from(JSON.stringify({ kind: INDEX_SOURCE_KIND, year, issues: summaries }, null, 1) + '\n', 'utf8');
}

/**
 * The data embedded in an index PDF by {@link buildAnnualIndex}: undefined when the source is not
 * an index's (an issue's YAML), null when it says it is one but cannot be read.
 */
export function readIndexSource(name: string, bytes: Uint8Array): { year: number; summaries: IssueSummary[] } | null | undefined {
  if (!/\.json$/i.test(name)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return null;
  }
  const d = data as { kind?: unknown; year?: unknown; issues?: unknown };
  if (!d || typeof d !== 'object' || d.kind !== INDEX_SOURCE_KIND) return null;
  if (typeof d.year !== 'number' || !Number.isInteger(d.year) || !Array.isArray(d.issues) || d.issues.length === 0) return null;
  const ok = (s: unknown): boolean => {
    const x = s as IssueSummary;
    return Boolean(x) && typeof x.file === 'string' && typeof x.publication === 'string' && typeof x.editor === 'string' && Number.isInteger(x.period?.year) && Number.isInteger(x.period?.month) && Number.isInteger(x.printed?.day) && Array.isArray(x.sections) && x.sections.every((sec) => typeof sec?.title === 'string' && Array.isArray(sec.items) && sec.items.every((it) => typeof it?.opening === 'string' && Number.isInteger(it.page)));
  };
  return d.issues.every(ok) ? { year: d.year, summaries: d.issues as IssueSummary[] } : null;
}

/**
 * A cell a spreadsheet would run as a formula (it begins with = + - @, a tab or a carriage return:
 * `=HYPERLINK(…)` in a section title) gets a leading apostrophe, as OWASP's "CSV injection" advice
 * and Excel/WPS users expect: shown as text, never evaluated. A cell that is a plain number, such
 * as -5 or +3.5, is left alone: spreadsheets read it as a number, not a formula, and it stays usable.
 */
export function defuseCell(v: string): string {
  if (!/^[=+\-@\t\r]/.test(v) || /^[-+]?[0-9]+(\.[0-9]+)?$/.test(v)) return v;
  return `'${v}`;
}

/** The index as CSV: UTF-8 with a BOM (so Excel reads it as UTF-8), CRLF line ends, RFC 4180 quoting. */
export function annualCsv(summaries: readonly IssueSummary[], year: number): string {
  const rows: string[][] = [[...CSV_HEADER]];
  for (const s of summaries) {
    for (const sec of s.sections) {
      sec.items.forEach((it, k) => {
        rows.push([
          String(year),
          periodKey(s.period),
          s.number?.toString() ?? '',
          s.total?.toString() ?? '',
          sec.title,
          String(k + 1),
          it.opening,
          String(it.page),
          path.basename(s.file),
          dayKey(s.printed),
          String(s.pages),
          s.copies?.toString() ?? '',
          s.pdf?.name ?? '',
          s.pdf?.sha256 ?? '',
        ]);
      });
    }
  }
  const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const cell = (v: string): string => quote(defuseCell(v));
  return '\uFEFF' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
