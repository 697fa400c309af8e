/**
 * The document as frames (pure): runs the composer over the body and places the flow on pages,
 * with the masthead (./masthead.ts), the 报尾 and page numbers (./colophon.ts), every item at
 * absolute coordinates. Fonts come in as metrics only.
 */
import { compose } from '../compose/index.js';
import type { ComposedLine, ComposeOptions, FontMetrics, FontRole, InlineRun, KinsokuLevel } from '../compose/types.js';
import type { Diagnostic } from '../diag.js';
import { articleLead, chineseNumber, creditText, itemText } from '../model/parts.js';
import { joinTexts } from '../model/text.js';
import type { Issue, Item, PageDocument, Text } from '../model/types.js';
import { baselineInLine, COLOURS, COMPOSITION, type Format, GB9704, type Geometry, geometry, mm } from '../spec/format.js';
import { footerBlock, pageNumber, type PageNumberFonts } from './colophon.js';
import { type ComposeText, err, glyphOf, type LaidGlyph, lineWidth, runGlyphs, synthetic } from './lines.js';
import { mastheadItems, mastheadOf } from './masthead.js';
import { paginatePages } from './paginate.js';
import { element, tagged } from './structure.js';
import type { ElementKind, FlowBlock, Frame, FrameItem, GlyphRun, LaidOut, RunGlyph, RunTag, StructNode } from './types.js';

/** Metrics the layout needs beyond advances. */
export type LayoutFonts = PageNumberFonts;

/** Options a clerk or an office may set; defaults follow FORMAT.md §10. */
export interface LayoutOptions {
  format: Format;
  kinsoku: KinsokuLevel;
  hangPunctuation: boolean;
  /**
   * Item marker drawn in the first cell after the indent; '' for none (FORMAT §10.4); （一） and 1.
   * number the items of each section. Undefined: the issue's `item_marker`, else ➤. The command
   * line's --marker sets it.
   */
  marker?: string;
  /** Separator between recipients in the 报尾 (FORMAT §7.1: ，by default). */
  recipientSeparator: string;
  /**
   * Which line-final marks drop their blank half (FORMAT §5.4 item 2). 'hangable' trims only ，。、．
   * and keeps a full cell for closing brackets, so no glyph box crosses the 版心 edge.
   */
  lineEndCompression: 'all' | 'hangable';
  /** Straight quotes in Chinese text drawn as “ ” ‘ ’ (FORMAT §5.2, clreq). */
  curlQuotes: boolean;
  /**
   * Han–Latin/digit spacing everywhere (body, masthead, headings, 报尾): 'solid' (FORMAT §5.5) or the
   * old grid padding, kept as an option.
   */
  latin: 'solid' | 'grid';
  /**
   * Double-sided printing (FORMAT §1.4, §7.3, §10.5): even pages mirror the margins (inside 28 mm,
   * outside 26 mm) and the 报尾 goes on an even page, after an unnumbered blank page when needed.
   */
  duplex: boolean;
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  format: GB9704,
  // The product checker forbids 破折号/省略号 at a line start too, as Word does: strict (FORMAT §5.3).
  kinsoku: 'strict',
  hangPunctuation: false,
  recipientSeparator: '，',
  // A closing bracket trimmed at the line end has its ink flush right but its glyph box half a
  // cell past the 版心; print checks (and viewers' selection boxes) count the box: keep it inside.
  lineEndCompression: 'hangable',
  curlQuotes: true,
  latin: COMPOSITION.latin,
  duplex: false,
};

export interface LayoutResult {
  laidOut?: LaidOut;
  diagnostics: Diagnostic[];
  /**
   * Time spent composing lines and (the rest) paginating into frames, ms (for the benchmark); the
   * body's share is counted while the frames are read.
   */
  readonly timings: { readonly compose: number; readonly paginate: number };
}


/** The item marker when neither the command line nor the issue names one (FORMAT §10.4). */
export const DEFAULT_MARKER = '➤';

/** The label printed before the 编者按 text (FORMAT §2.2). */
export const NOTE_LABEL = '编者按：';

/** The marker the layout draws: the command line's, else the issue's `item_marker`, else ➤. */
export function resolveMarker(issue: Pick<Issue, 'itemMarker'>, options: Pick<LayoutOptions, 'marker'>): string {
  return options.marker ?? issue.itemMarker ?? DEFAULT_MARKER;
}

/** True for the markers that number the items of a section: （一）（二）… and 1. 2. … */
export function isNumberedMarker(marker: string): boolean {
  return marker === '（一）' || marker === '1.';
}

/** The k-th (1-based) numbered marker: （一）, （二）… or 1., 2. … */
export function numberedMarker(marker: string, k: number): string {
  return marker === '1.' ? `${k}.` : `（${chineseNumber(k)}）`;
}

/** Lays out a whole issue. Returns diagnostics (never throws) for input that cannot be set. */
export function layout(issue: Issue, fonts: LayoutFonts, options: LayoutOptions = DEFAULT_LAYOUT): LayoutResult {
  return layoutDocument(issueDocument(issue), fonts, options);
}

/** What of an issue the pages show. */
export function issueDocument(issue: Issue): PageDocument {
  const d: PageDocument = { masthead: mastheadOf(issue), parts: issue.sections, headingStyle: issue.headingStyle, colophon: issue };
  if (issue.note) d.note = issue.note;
  if (issue.itemMarker !== undefined) d.itemMarker = issue.itemMarker;
  return d;
}

/**
 * Lays out a document on the bulletin's pages (an issue, the annual index). Never throws. The masthead
 * and the 报尾 are set here, and every error is found here, before any page; the body's pages are
 * laid out as `laidOut.frames` is iterated (once): a block is composed when the paginator needs its
 * lines and dropped once its last page is handed on, so a long issue holds about a page of composed
 * glyphs, not all of them (issue 18). The structure, events, stats and timings are complete when
 * the iteration ends.
 */
export function layoutDocument(doc0: PageDocument, fonts: LayoutFonts, options: LayoutOptions = DEFAULT_LAYOUT): LayoutResult {
  const f = options.format;
  const g = geometry(f);
  const diagnostics: Diagnostic[] = [];
  const events: LaidOut['events'] = [];
  // Where composition notes go: the 报尾 is set before the body but reported after it, as it reads.
  let eventSink = events;
  const counts: LaidOut['stats']['compose'] = { compressedMarks: 0, paddedRuns: 0, squeezedLines: 0, pushedOutLines: 0, hungMarks: 0, looseLines: 0 };
  let composeMs = 0;
  // Time spent laying out, composition included: up front here, then while the frames are read.
  let busyMs = 0;
  const started = performance.now();
  const timings: LayoutResult['timings'] = {
    get compose() {
      return composeMs;
    },
    get paginate() {
      return busyMs - composeMs;
    },
  };
  const composeText = (text: Text, role: FontRole, opts: Partial<ComposeOptions> & { sizePt: number; cellPt: number; measurePt: number }, runs?: InlineRun[]): ComposedLine[] => {
    const t0 = performance.now();
    try {
      return composeLines(text, role, opts, runs);
    } finally {
      composeMs += performance.now() - t0;
    }
  };
  const composeLines = (text: Text, role: FontRole, opts: Partial<ComposeOptions> & { sizePt: number; cellPt: number; measurePt: number }, runs?: InlineRun[]): ComposedLine[] => {
    const res = compose(runs ?? [{ text: text.value, role, offset: 0 }], {
      firstLineStartPt: 0,
      restLineStartPt: 0,
      kinsoku: options.kinsoku,
      hangPunctuation: options.hangPunctuation,
      lineEndCompression: options.lineEndCompression,
      curlQuotes: options.curlQuotes,
      latin: options.latin,
      justify: true,
      ...opts,
    }, fonts);
    if (res.stats) for (const k of Object.keys(counts) as Array<keyof typeof counts>) counts[k] = (counts[k] ?? 0) + res.stats[k];
    for (const e of res.events) {
      if (e.kind === 'punctuation-compressed' || e.kind === 'run-padded') continue;
      eventSink.push({ span: text.at(e.offset), kind: e.kind, message: e.message });
    }
    return res.lines.map((line) => withActualText(line, text.value));
  };
  /** One line of plain text at its natural width (masthead, 报尾 print row). */
  const natural = (text: Text, role: FontRole, sizePt: number, cellPt: number): { line: ComposedLine; widthPt: number } => {
    const lines = composeText(text, role, { sizePt, cellPt, measurePt: 1e6, justify: false });
    const line = lines[0] ?? { glyphs: [], first: true, last: true, justified: false };
    return { line, widthPt: line.endPt ?? lineWidth(line, cellPt) };
  };

  // The logical structure, in reading order, built alongside the frames (see StructNode).
  const doc = element('Document');

  // --- Masthead (FORMAT §3.1, §10.2) ---
  const mast = mastheadItems(doc0.masthead, fonts, f, g, natural, doc, diagnostics);
  const items1 = mast.items;

  // --- 报尾 (FORMAT §7.2, §7.3, §10.8), before the body: its size and errors come before any page.
  // Its elements and notes join the document after the body's, where it is read.
  const footerEvents: LaidOut['events'] = [];
  const footerHolder = element('Document');
  eventSink = footerEvents;
  const footer = footerBlock(doc0.colophon, options, f, g, natural, composeText, footerHolder);
  eventSink = events;
  if (footer.rows + f.footer.gapLines >= f.linesPerPage) {
    diagnostics.push(err(doc0.colophon.distribution[0]?.span ?? doc0.colophon.printed.span, 'distribution', 'E_FOOTER_TOO_LONG', `报/送名单共需 ${footer.rows} 行，一页最多容纳 ${f.linesPerPage - f.footer.gapLines - 1} 行`));
  }
  if (footer.printerTooLong) {
    const p = footer.printerTooLong;
    diagnostics.push(err(p.span, 'printer', 'E_PRINTER_TOO_LONG', `太长，与印发日期排不进报尾同一行：最多约 ${p.maxChars} 个字，实际为 ${p.chars} 个字`));
  }
  busyMs += performance.now() - started;
  if (diagnostics.some((d) => d.severity === 'error')) return { diagnostics, timings };

  const stats: LaidOut['stats'] = { lines: 0, pages: 0, compose: counts };
  // --- Body: 编者按, 【section】 headings and items, articles (FORMAT §4.2, §4.3, §10.4; issue 14) ---
  const body = new HeldBlocks(bodyBlocks(doc0, options, f, g, fonts, composeText, doc), (b) => (stats.lines += b.lines.length), () => {
    doc.kids.push(...footerHolder.kids);
    events.push(...footerEvents);
  });
  const pages = paginatePages((i) => body.at(i)?.block, {
    firstPageLines: f.linesPerPage - f.masthead.bodyFirstLine + 1,
    firstPageFirstLine: f.masthead.bodyFirstLine,
    pageLines: f.linesPerPage,
    footerLines: footer.rows,
    footerGap: f.footer.gapLines,
    footerMinBodyLinesOnFirstPage: 2,
    avoidWidows: true,
    footerOnEvenPage: options.duplex,
  });

  function* frames(): Generator<Frame, void, undefined> {
    let since = performance.now();
    for (const page of pages) {
      const items: FrameItem[] = page.number === 1 ? [...items1] : [];
      let lastBlock = -1;
      for (const slot of page.slots) {
        const b = body.at(slot.block)!;
        const line = b.lines[slot.line]!;
        const baselinePt = g.areaTopPt + baselineInLine(g, f, slot.gridLine, b.sizePt);
        // The composed glyphs themselves, not copies: they go with the frame once it is drawn.
        const prefix = slot.line === 0 ? b.prefix : undefined;
        const glyphs = prefix ? [...prefix, ...line.glyphs] : line.glyphs;
        const r: GlyphRun = { kind: 'glyphs', xPt: g.areaLeftPt + (b.xOffsets?.[slot.line] ?? 0), baselinePt, sizePt: b.sizePt, colour: COLOURS.black, glyphs, tags: slot.line === 0 ? b.firstTags : b.tags };
        r.element = b.element;
        r.block = slot.block;
        r.line = slot.line;
        if (prefix) r.prefixGlyphs = prefix.length;
        items.push(r);
        lastBlock = slot.block;
      }
      if (page.footer) items.push(...footer.items(g.areaTopPt));
      if (page.numbered !== false) items.push(pageNumber(page.number, fonts, f, g));
      // Even pages of a duplex issue: binding edge on the right, so the 版心 moves 2 mm left.
      if (options.duplex && page.number % 2 === 0) shiftX(items, mm(f.paper.widthMm - f.leftMarginMm - f.typeArea.widthMm - f.leftMarginMm));
      // Pages are final in order: the blocks before this page's last one are on no later page.
      if (lastBlock > 0) body.release(lastBlock);
      stats.pages += 1;
      busyMs += performance.now() - since;
      yield { number: page.number, items };
      since = performance.now();
    }
    busyMs += performance.now() - since;
  }

  return {
    diagnostics,
    timings,
    laidOut: {
      frames: once(frames),
      structure: doc,
      nameSizePt: mast.nameSizePt ?? 0,
      events,
      stats,
    },
  };
}

/** An iterable that runs `make` once: a second iteration is a mistake (the pages are laid out as they are read). */
function once<T>(make: () => Iterator<T>): Iterable<T> {
  let used = false;
  return {
    [Symbol.iterator](): Iterator<T> {
      if (used) throw new Error('layout: the frames of a laid-out issue can be read only once (they are laid out as they are read)');
      used = true;
      return make();
    },
  };
}

/**
 * The body's blocks, composed in order as they are first asked for (the paginator's block and its
 * lookahead), and held until released: what the pages not yet handed on still need.
 */
class HeldBlocks {
  private readonly held = new Map<number, BodyBlock>();
  private pulled = 0;
  private released = 0;
  private ended = false;

  constructor(
    private readonly source: Iterator<BodyBlock>,
    private readonly onBlock: (b: BodyBlock) => void,
    private readonly onEnd: () => void,
  ) {}

  /** Block `i`, composing up to it; undefined past the last. */
  at(i: number): BodyBlock | undefined {
    if (i < this.released) throw new Error(`layout: block ${i} was asked for after it was released`);
    while (!this.ended && this.pulled <= i) {
      const r = this.source.next();
      if (r.done) {
        this.ended = true;
        this.onEnd();
        break;
      }
      this.held.set(this.pulled++, r.value);
      this.onBlock(r.value);
    }
    return this.held.get(i);
  }

  /** Drops the blocks before `i`. */
  release(i: number): void {
    for (const k of this.held.keys()) {
      if (k >= i) break;
      this.held.delete(k);
    }
    this.released = Math.max(this.released, i);
  }
}

function shiftX(items: FrameItem[], dx: number): void {
  for (const it of items) {
    if (it.kind === 'rule' || it.kind === 'line') {
      it.x1Pt += dx;
      it.x2Pt += dx;
    } else it.xPt += dx;
  }
}



/**
 * Marks glyphs the composer changed beyond NFKC (straight quotes curled) with the characters the clerk
 * typed, so text extraction and search give back the source while the page shows the right marks.
 */
function withActualText(line: ComposedLine, source: string): ComposedLine {
  // Nearly every line is drawn as typed: it is then handed on as it is, not copied.
  let glyphs: LaidGlyph[] | undefined;
  const all = line.glyphs;
  for (let k = 0; k < all.length; k++) {
    const gl = all[k]!;
    // Checked without cutting a string out of the source.
    if (source.startsWith(gl.text, gl.offset)) continue;
    const typed = source.slice(gl.offset, gl.offset + gl.text.length);
    if (typed === gl.text || typed.normalize('NFKC') === gl.text.normalize('NFKC') || [...typed].length !== [...gl.text].length) continue;
    if (!/^["']+$/.test(typed)) continue;
    glyphs ??= all.slice();
    glyphs[k] = { ...gl, actualText: typed };
  }
  return glyphs ? { ...line, glyphs } : line;
}


/** One block of the body: its lines, where and at what size they are drawn, and what it is. */
interface BodyBlock {
  block: FlowBlock;
  lines: ComposedLine[];
  /** Structure tags of the first line and of the others (see StructNode). */
  firstTags: readonly RunTag[];
  tags: readonly RunTag[];
  element: ElementKind;
  sizePt: number;
  /** Per line, the x of the line's left edge from the 版心's left edge (centred and right-aligned lines). */
  xOffsets?: number[];
  /** Glyphs drawn before the first line's text (the marker), relative to the line's left edge. */
  prefix?: RunGlyph[];
}

/**
 * The body in reading order: the 编者按 (黑体 label, 楷体 text), then each part — a 【section】 heading
 * and its items (marker or number, optional 楷体 lead-in), or an article (centred 小标宋 title,
 * paragraphs indented 2 字 without marker, the credit line flush right).
 */
function* bodyBlocks(issue: PageDocument, options: LayoutOptions, f: Format, g: Geometry, fonts: FontMetrics, composeText: ComposeText, doc: StructNode): Generator<BodyBlock, void, undefined> {
  const size = f.bodySizePt;
  const cell = g.cellPt;
  const measurePt = f.charsPerLine * cell;
  const indent = f.paragraphIndentCells * cell;
  const b = f.bulletin;
  const marker = resolveMarker(issue, options);
  const numbered = isNumberedMarker(marker);
  const paragraph = (lines: ComposedLine[], kind: ElementKind, spaceBefore: number, tags: readonly RunTag[]): BodyBlock => ({
    block: { kind: 'paragraph', lines: lines.length, spaceBefore, keepWithNext: false },
    lines,
    firstTags: tags,
    tags,
    element: kind,
    sizePt: size,
  });
  // Space before the first part: none directly under the masthead, one line after the 编者按.
  let spaceBefore = 0;
  if (issue.note) {
    const label = synthetic(NOTE_LABEL, issue.note.span);
    const text = joinTexts([label, issue.note]);
    const lines = composeText(text, b.noteTextRole, { sizePt: size, cellPt: cell, measurePt, firstLineStartPt: indent }, [
      { text: NOTE_LABEL, role: b.noteLabelRole, offset: 0 },
      { text: issue.note.value, role: b.noteTextRole, offset: NOTE_LABEL.length },
    ]);
    // The 编者按 is a paragraph of its own: label and text read as one.
    yield paragraph(lines, 'note', 0, tagged(element('P', doc, text.value)));
    spaceBefore = b.noteSpaceAfterLines;
  }
  // The ➤ (or ● ◆ ■) is centred in the first cell after the 2-字 indent.
  const symbolAdvance = !numbered && marker ? fonts.measure(marker, 'symbol') * size : 0;
  const symbol: RunGlyph = glyphOf(fonts, marker, 'symbol', indent + (cell - symbolAdvance) / 2);
  for (const [pi, part] of issue.parts.entries()) {
    const before = pi === 0 ? spaceBefore : 1;
    // A part is a Sect: its heading (H2), then a list of items, or the article's paragraphs.
    const sect = element('Sect', doc);
    if (part.kind === 'article') {
      // Title: centred lines of 22 pt, one grid line each, whole words in a 梯形/菱形 [GB §7.3.1, FORMAT §4.2; TITLE_LINES].
      const titleSize = b.articleTitleSizePt;
      const titleMeasure = g.areaWidthPt - 2 * b.articleTitleSideCells * cell;
      const titleLines = composeText(part.heading, b.articleTitleRole, { sizePt: titleSize, cellPt: titleSize, measurePt: titleMeasure, justify: false, title: true });
      // Every line of a title of several lines belongs to its H2 (an untagged line would be an artifact).
      const titleTags = tagged(element('H2', sect, part.heading.value));
      yield {
        block: { kind: 'heading', lines: titleLines.length, spaceBefore: before, keepWithNext: true },
        lines: titleLines,
        firstTags: titleTags,
        tags: titleTags,
        element: 'article-title',
        sizePt: titleSize,
        xOffsets: titleLines.map((l) => (g.areaWidthPt - (l.endPt ?? lineWidth(l, titleSize))) / 2),
      };
      if (part.subtitle) {
        // Directly under the title, centred, 楷体 三号 [FORMAT §2.2]; wrapped as a heading, not letter-spaced.
        const lines = composeText(part.subtitle, b.articleSubtitleRole, { sizePt: size, cellPt: cell, measurePt: titleMeasure, justify: false, heading: true });
        const subtitleTags = tagged(element('P', sect, part.subtitle.value));
        yield {
          block: { kind: 'heading', lines: lines.length, spaceBefore: 0, keepWithNext: true },
          lines,
          firstTags: subtitleTags,
          tags: subtitleTags,
          element: 'article-subtitle',
          sizePt: size,
          xOffsets: lines.map((l) => (g.areaWidthPt - (l.endPt ?? lineWidth(l, cell))) / 2),
        };
      }
      for (const [k, p] of part.paragraphs.entries()) {
        // 一、… in 黑体, （一）… in 楷体: only the number and its heading sentence [GB §7.3.3].
        const v = p.text.value;
        const lead = articleLead(v, b.articleLeadMaxChars);
        const role = lead?.level === 1 ? b.articleLevelRoles.first : b.articleLevelRoles.second;
        const runs: InlineRun[] | undefined = lead ? [{ text: v.slice(0, lead.end), role, offset: 0 }, ...(lead.end < v.length ? [{ text: v.slice(lead.end), role: 'fang' as const, offset: lead.end }] : [])] : undefined;
        const lines = composeText(p.text, 'fang', { sizePt: size, cellPt: cell, measurePt, firstLineStartPt: indent }, runs);
        const block = paragraph(lines, 'paragraph', k === 0 ? b.articleTitleSpaceAfterLines : 0, tagged(element('P', sect, v)));
        // A sub-heading on its own (一、主要指标运行特点) stays with the paragraph after it.
        if (lead?.whole && k < part.paragraphs.length - 1) block.block.keepWithNext = true;
        yield block;
      }
      if (part.source) {
        // The credit line under the last paragraph, flush right (less the inset).
        const credit = synthetic(creditText(part.source.value), part.source.span);
        const right = g.areaWidthPt - b.creditRightInsetCells * cell;
        const lines = composeText(credit, 'fang', { sizePt: size, cellPt: cell, measurePt: right, justify: false });
        const block = paragraph(lines, 'credit', 0, tagged(element('P', sect, credit.value)));
        block.block.keepWithPrevious = true; // never alone at a page top, away from its article
        yield { ...block, xOffsets: lines.map((l) => right - (l.endPt ?? lineWidth(l, cell))) };
      }
      continue;
    }
    // A wrapped heading: not letter-spaced, at least a third on its last line (FORMAT §5.6).
    const style = b.headingStyles[issue.headingStyle];
    const heading = composeText(part.heading, style.role, { sizePt: size, cellPt: cell, measurePt, heading: true, firstLineStartPt: style.indentCells * cell });
    const headingTags = tagged(element('H2', sect, part.heading.value));
    yield { block: { kind: 'heading', lines: heading.length, spaceBefore: before, keepWithNext: true }, lines: heading, firstTags: headingTags, tags: headingTags, element: 'section-heading', sizePt: size };
    // Each item one LI (Lbl: the marker, LBody: lead-in and text) however many lines and pages it takes.
    const list = part.items.length > 0 ? element('L', sect) : undefined;
    if (list) list.listNumbering = marker === '1.' ? 'Decimal' : 'None';
    for (const [k, item] of part.items.entries()) {
      let prefix: RunGlyph[] | undefined;
      let start = indent + (marker ? cell : 0);
      if (numbered) {
        // （一） or 1. in the body face from the indent; the text starts at the next whole cell.
        const label = composeText(synthetic(numberedMarker(marker, k + 1), item.span), b.numberedMarkerRole, { sizePt: size, cellPt: cell, measurePt: 1e6, justify: false })[0];
        const width = label ? (label.endPt ?? lineWidth(label, cell)) : 0;
        prefix = label ? runGlyphs(label.glyphs, indent) : [];
        // “1.” before “1月25日” would read as 1.1: a text that starts with a digit keeps half a cell clear.
        const clear = marker === '1.' && /^\p{Nd}/u.test((item.lead ?? item.text).value.normalize('NFKC')) ? 0.5 : 0;
        // Full-width marks are set on the grid but end with a whole em: up to 0.05 cell over is still on it.
        start = indent + Math.ceil(width / cell + clear - 0.05) * cell;
      } else if (marker) prefix = [symbol];
      const lines = composeItem(item, start, composeText, b.leadRole, { sizePt: size, cellPt: cell, measurePt });
      const li = element('LI', list);
      const lbl = prefix && prefix.length > 0 ? element('Lbl', li, prefix.map((x) => x.text).join('')) : undefined;
      const tags = tagged(element('LBody', li, itemText(item)));
      const block: BodyBlock = paragraph(lines, 'item', 0, tags);
      if (lbl) block.firstTags = [{ from: 0, node: lbl }, { from: prefix!.length, node: tags[0]!.node }];
      if (prefix) block.prefix = prefix;
      yield block;
    }
  }
}

/** An item's lines: its lead-in (if any) in `leadRole`, then its text in 仿宋, as one paragraph. */
function composeItem(item: Item, start: number, composeText: ComposeText, leadRole: FontRole, opts: { sizePt: number; cellPt: number; measurePt: number }): ComposedLine[] {
  if (!item.lead) return composeText(item.text, 'fang', { ...opts, firstLineStartPt: start });
  const text = joinTexts([item.lead, item.text]);
  return composeText(text, 'fang', { ...opts, firstLineStartPt: start }, [
    { text: item.lead.value, role: leadRole, offset: 0 },
    { text: item.text.value, role: 'fang', offset: item.lead.value.length },
  ]);
}
