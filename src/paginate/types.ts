/** Types of the pure paginator and of the frames it hands to the renderer. */
import type { FontRole, ShapedText } from '../compose/types.js';
import type { Span } from '../diag.js';

/** One block of the flow: a heading or a paragraph, already broken into lines. */
export interface FlowBlock {
  kind: 'heading' | 'paragraph';
  /** Number of grid lines the block needs. */
  lines: number;
  /** Empty grid lines wanted before the block (dropped at the top of a page). */
  spaceBefore: number;
  /** Never leave the block as the last thing on a page (headings, FORMAT §4.2). */
  keepWithNext: boolean;
  /**
   * Never start a page with this block alone (an article's credit line （办公室供稿）): the last line of
   * the block before comes over with it, when that leaves two or more of its lines behind.
   */
  keepWithPrevious?: boolean;
}

/** Page capacities and the page-level 报尾 reservation. */
export interface PaginateOptions {
  /** Body grid lines on page 1 (below the masthead) and the grid line they start at. */
  firstPageLines: number;
  firstPageFirstLine: number;
  /** Body grid lines on every other page. */
  pageLines: number;
  /** Grid lines the 报尾 block takes at the foot of the last page (0 = none). */
  footerLines: number;
  /** Empty grid lines between the last body line and the 报尾 (FORMAT §7.3). */
  footerGap: number;
  /** Minimum body lines on page 1 for the 报尾 to share page 1 (FORMAT §7.3). */
  footerMinBodyLinesOnFirstPage: number;
  /** Avoid a page that starts with the last line of a paragraph begun before (FORMAT §4.4, soft). */
  avoidWidows: boolean;
  /**
   * Duplex: the 报尾 faces on an even page, on a page of its own after an odd one, after an
   * unnumbered blank page when it stood alone on an odd one (FORMAT §7.3, GB §7.5).
   */
  footerOnEvenPage?: boolean;
}

/** Where one line of one block goes. */
export interface LineSlot {
  block: number;
  /** Index of the line within its block. */
  line: number;
  /** 1-based grid line on the page. */
  gridLine: number;
}

export interface PageLayout {
  /** 1-based page number. */
  number: number;
  slots: LineSlot[];
  /** True on the page that carries the 报尾. */
  footer: boolean;
  /** False for the unnumbered blank and 报尾 pages of a duplex issue [GB §7.5]; numbered otherwise. */
  numbered?: boolean;
}

/**
 * One glyph (a character, a cluster, a Latin word …) of a run; `actualText`: the source characters
 * when the drawn ones differ (written as PDF /ActualText).
 */
export interface RunGlyph {
  /** The characters it stands for (ToUnicode, /ActualText, tagging). */
  text: string;
  /** The role whose chain the faces came from. */
  role: FontRole;
  /** Left edge, pt right of the run's `xPt`. */
  xPt: number;
  bold?: boolean;
  actualText?: string;
  /**
   * What is drawn: faces (ids in the font set) and glyph ids with their advances, chosen and shaped
   * by the layout (src/paginate/shape.ts). The renderer writes exactly this; it needs it on every glyph.
   */
  shaped?: ShapedText;
}

/**
 * Standard structure types (PDF 32000 §14.8.4) the bulletin's logical structure uses; standard
 * types need no RoleMap. New kinds of content pick from these.
 */
export type StructRole = 'Document' | 'Sect' | 'Div' | 'H1' | 'H2' | 'H3' | 'P' | 'L' | 'LI' | 'Lbl' | 'LBody' | 'BlockQuote' | 'Note' | 'Span';

/**
 * One element of the document's logical structure (a PDF structure element), made by the layout
 * from the model, in reading order. Glyph runs point at the leaf elements their glyphs belong to;
 * an element has either kids or content, never both.
 */
export interface StructNode {
  role: StructRole;
  kids: StructNode[];
  /** Language (BCP 47) when it is not the document's zh-CN, e.g. 'en' for an all-Latin heading. */
  lang?: string;
  /**
   * The text the element stands for, as the model has it: the glyphs tagged with this element must
   * read as this text (whitespace and NFKC differences aside), however lines and pages split it.
   */
  text?: string;
  /**
   * An L's numbering (its /ListNumbering attribute, PDF 32000 §14.8.5.5): 'None' when the labels
   * are arbitrary marks (➤, 报：), 'Decimal' for 1. 2. 3. …
   */
  listNumbering?: 'None' | 'Disc' | 'Circle' | 'Square' | 'Decimal' | 'UpperRoman' | 'LowerRoman' | 'UpperAlpha' | 'LowerAlpha';
}

/** From glyph `from` of a run on (to the next tag or the run's end), the glyphs belong to `node`. */
export interface RunTag {
  from: number;
  node: StructNode;
}

/**
 * What a glyph run is part of, for consumers that need the document's structure (tagged PDF, the
 * annual index): masthead parts, the 编者按, 【section】 headings, items, article titles, paragraphs
 * and credit lines, the 报尾 and page numbers. The renderer draws every kind the same way.
 */
export type ElementKind =
  | 'masthead-name'
  | 'masthead-number'
  | 'masthead-editor'
  | 'masthead-date'
  | 'masthead-classification'
  | 'note'
  | 'section-heading'
  | 'item'
  | 'article-title'
  | 'article-subtitle'
  | 'paragraph'
  | 'credit'
  | 'footer'
  | 'page-number';

/** A run of glyphs on one baseline, positioned absolutely (pt from the paper's top-left). */
export interface GlyphRun {
  kind: 'glyphs';
  /** The element the run belongs to (set on every run the layout makes). */
  element?: ElementKind;
  /** Body runs: index of the block (heading, item, paragraph …) in reading order, and its line. */
  block?: number;
  line?: number;
  /**
   * Body runs: how many glyphs at the start are a marker (➤, （一）, 1.) or a label (编者按：) rather
   * than the element's text; a lead-in follows as glyphs of its own role (FORMAT §4.3).
   */
  prefixGlyphs?: number;
  /**
   * Where the glyphs' `xPt` count from. A body line shares the composer's glyphs (relative to the
   * line's left edge) instead of copying them; the masthead, 报尾 and page numbers give their glyphs
   * in page coordinates, with 0 here.
   */
  xPt: number;
  baselinePt: number;
  sizePt: number;
  colour: string;
  /** Shared with the composed line for body lines: read, never change, them. */
  glyphs: readonly RunGlyph[];
  /**
   * The structure elements the glyphs belong to, by ascending `from` (first 0). Absent: the run is
   * not content but an artifact, and then must say which (`artifact`); an untagged run without it
   * is drawn as an artifact too, but the file is then not claimed accessible (PDF/A-3a, PDF/UA-1).
   */
  tags?: readonly RunTag[];
  /** Page furniture that is not content: page numbers are 'pagination' (PDF 32000 §14.8.2.2). */
  artifact?: 'pagination';
  /**
   * What the whole run reads as, when extraction would read its glyphs otherwise (a letter-spaced
   * masthead line reads as spaced-out characters): written as one /ActualText span (PDF 32000 §14.9.4).
   */
  actualText?: string;
  /**
   * Letter-spacing between the glyphs, in em (a spaced masthead line): already in the glyphs' `xPt`;
   * tells the renderer the gaps are spacing, which it writes into the glyphs' advances.
   */
  trackingEm?: number;
}

/** A horizontal rule; `yPt` is the centre of the stroke. Rules are drawn as layout artifacts, never content. */
export interface Rule {
  kind: 'rule';
  x1Pt: number;
  x2Pt: number;
  yPt: number;
  thicknessPt: number;
  colour: string;
}

/** A stroked rectangle (envelope postcode boxes); `xPt`/`yPt`: its top-left corner, pt from the paper's top-left. */
export interface Box {
  kind: 'box';
  xPt: number;
  yPt: number;
  widthPt: number;
  heightPt: number;
  thicknessPt: number;
  colour: string;
}

/** A straight line from (x1, y1) to (x2, y2), pt from the paper's top-left (the register's table). */
export interface Line {
  kind: 'line';
  x1Pt: number;
  y1Pt: number;
  x2Pt: number;
  y2Pt: number;
  thicknessPt: number;
  colour: string;
}

export type FrameItem = GlyphRun | Rule | Box | Line;

/** One finished page. */
export interface Frame {
  number: number;
  items: FrameItem[];
  /** Paper size of this page, pt, when not the format's (an envelope). */
  widthPt?: number;
  heightPt?: number;
}

/** The whole laid-out document, ready for the renderer. */
export interface LaidOut {
  /**
   * The pages, in order. An issue's are laid out as they are read and can be read once (the
   * layout then keeps about one page of composed glyphs, not the issue's); read them all before
   * relying on `structure`, `events` and `stats`, which fill in as they go. Mail documents give an array.
   */
  frames: Iterable<Frame>;
  /**
   * The logical structure (a Document element), which the frames' runs are tagged with. Absent: the
   * PDF is not tagged (and so claims neither PDF/A-3a nor PDF/UA).
   */
  structure?: StructNode;
  /** Masthead name size actually used, pt. */
  nameSizePt: number;
  /** Positioned notes from composition (for --report and warnings). */
  events: Array<{ span: Span; kind: string; message: string }>;
  /** Body lines, pages, and the composer's counts over the whole issue (for `build --report`), once the frames are read. */
  stats: {
    lines: number;
    pages: number;
    compose: { compressedMarks: number; paddedRuns: number; squeezedLines: number; pushedOutLines: number; hungMarks: number; looseLines?: number };
  };
}
