/** Types of the pure line composer. No fs, pdfkit or fontkit here. */

/** A typographic role; each has its own font chain (FORMAT §2.2–2.3). */
export type FontRole =
  /** 小标宋: masthead name. */
  | 'title'
  /** 仿宋: body text, masthead lines, 报尾. */
  | 'fang'
  /** 楷体: item lead-ins, subtitles. */
  | 'kai'
  /** 黑体: 【section】 headings. */
  | 'hei'
  /** 宋体: page numbers. */
  | 'song'
  /** Symbols such as the item marker ➤. */
  | 'symbol';

/** What the composer needs to know of fonts (the real one lives in src/fonts; tests use a fake). */
export interface FontMetrics {
  /**
   * Advance width in em of `text` set as one run in `role`: the face the role's chain picks for each
   * character, kerning included. Used for Latin/digit runs and other proportional material. With
   * `shape`, it is `shape(text, role).advanceEm`.
   */
  measure(text: string, role: FontRole): number;
  /**
   * `text` in `role` as it will be drawn: faces chosen and glyphs shaped, once (src/paginate/shape.ts).
   * When given, every placed glyph carries it, and the renderer draws exactly that.
   */
  shape?(text: string, role: FontRole): ShapedText;
}

/** One glyph of a face, as shaping gave it (font units). */
export interface ShapedGlyph {
  /** Glyph id in the face. */
  id: number;
  /** Advance as shaped (kerning included). */
  xAdvance: number;
  /** The glyph's own advance (hmtx): the PDF's /W entry. */
  advanceWidth: number;
  /** The characters the glyph stands for (ToUnicode). */
  codePoints: readonly number[];
  /**
   * Where a mark is drawn from the pen (GPOS mark-to-base/mark-to-mark anchors), font units, y up;
   * absent when zero (every glyph but a positioned mark).
   */
  xOffset?: number;
  yOffset?: number;
}

/** A piece of a text set in one face. */
export interface ShapedPiece {
  /** The face's id in the font set (Face.id). */
  face: string;
  /** Where the piece starts, in em from the text's start (pieces follow at their natural advances). */
  xEm: number;
  /** The face's units per em (glyph advances are in font units). */
  unitsPerEm: number;
  glyphs: readonly ShapedGlyph[];
}

/**
 * A text as it will be drawn: the faces chosen for it (FORMAT terms: CLUSTER) and its glyphs. Shared:
 * read, never change, it.
 */
export interface ShapedText {
  /** The whole advance at 1 em, in em (what measuring returns). */
  advanceEm: number;
  pieces: readonly ShapedPiece[];
  /**
   * True when the glyphs' characters do not spell the text (a variation selector with no variant is
   * not drawn, a cluster drawn composed) or a mark is moved off the pen: the renderer then gives the
   * text as /ActualText, so it is kept in extraction.
   */
  actualText?: boolean;
}

/** 禁则 strictness [FORMAT §5.3; clreq]. */
export type KinsokuLevel = 'basic' | 'gb' | 'strict';

/** Options of one composition: the grid, the measure and the rules. */
export interface ComposeOptions {
  /** Grid pitch: the advance of one Han character (15.793 pt for the body). */
  cellPt: number;
  /** Font size the glyphs are drawn at (16 pt for the body). */
  sizePt: number;
  /** Width every line is justified to, in pt (28 cells for the body). */
  measurePt: number;
  /** Where the first line's text starts, in pt from the line's left edge (indent + marker cell). */
  firstLineStartPt: number;
  /** Where continuation lines start, in pt from the line's left edge (0 = 回行顶格). */
  restLineStartPt: number;
  /** 禁则 level (FORMAT §5.3); the product passes 'strict' (a superset of the shared checker's sets). */
  kinsoku: KinsokuLevel;
  /** Word look-alike: let one 。，、 hang past the measure (off by default, FORMAT §5.6 item 7). */
  hangPunctuation: boolean;
  /**
   * Which marks drop their blank half at a line end (FORMAT §5.4 item 2; 15834 §5.1.10). 'all'
   * (default): every 点号 and closing mark, ink flush right. 'hangable': only 。，、． — the shared
   * checker measures a glyph by its full em box, and excuses a box past the measure only for those;
   * other marks then keep their full cell at the line end.
   */
  lineEndCompression?: 'all' | 'hangable';
  /**
   * Turn straight quotes in Chinese text into “ ” ‘ ’ (FORMAT §5.2; default true). The shared
   * checker compares the PDF's text with the issue file after NFKC only, which keeps " and “ apart:
   * pass false to draw the clerk's straight quotes as typed.
   */
  curlQuotes?: boolean;
  /** Justify non-final lines to the measure (true for body text, FORMAT §5.7). */
  justify: boolean;
  /**
   * Han–Latin/digit spacing (FORMAT §5.5): 'solid' (default) adds no space, so "2021年1月29日" reads
   * and searches as typed; 'grid' pads each Latin/digit run to whole cells (the old clreq grid model).
   */
  latin?: 'solid' | 'grid';
  /**
   * Most justification space per gap, in em (FORMAT §5.6 item 5: 0.15). A line that would be looser
   * is first re-broken (a pushed-down URL or standard number split at a legal point, characters
   * pulled up); one that stays looser gets a 'loose-line' event.
   */
  maxStretchEm?: number;
  /**
   * A heading (【栏目】, article title): wrapped lines are not justified (no letter-spacing), and the
   * breaks are chosen so the last line holds at least a third of the heading (FORMAT §5.6, note on
   * headings).
   */
  heading?: boolean;
  /**
   * An article title (GB/T 9704 §7.3.1; TITLE_LINES in src/spec/format.ts): not justified, broken only
   * between words, lines arranged as a 正梯形 or diamond; the heading rule when no such arrangement exists.
   */
  title?: boolean;
}

/** A piece of a paragraph in one role (e.g. a 楷体 lead-in followed by 仿宋 body). */
export interface InlineRun {
  text: string;
  role: FontRole;
  /** Offset of `text[0]` in the paragraph's source string (for positioned warnings). */
  offset: number;
  /** Draw with fake bold (FORMAT §2.2). */
  bold?: boolean;
}

/** One glyph (or an unbreakable piece such as a Latin word) placed on a line. */
export interface PlacedGlyph {
  /** The characters drawn, as they should appear in the PDF (normalised: half-width ASCII, “” quotes). */
  text: string;
  role: FontRole;
  bold?: boolean;
  /** Left edge of the glyph's advance box, in pt from the line's left edge. */
  xPt: number;
  /** Natural advance of `text` at `sizePt`, in pt. */
  advancePt: number;
  /** Offset in the paragraph's source string of the first character. */
  offset: number;
  /** The glyphs that draw `text`, when the composer's fonts shape (FontMetrics.shape). */
  shaped?: ShapedText;
}

/** One composed line. */
export interface ComposedLine {
  glyphs: PlacedGlyph[];
  first: boolean;
  last: boolean;
  /** True when the line was stretched or squeezed to the measure. */
  justified: boolean;
  /**
   * Where the line's last item ends, in pt from the line's left edge: the end of its advance box as
   * laid out (for a line-final mark that dropped its blank half, the end of its ink). A hanging mark is not
   * counted. Equals `measurePt` (to 0.01 pt) on a justified line.
   */
  endPt?: number;
  /** True when a 。，、 hangs past the measure (only with `hangPunctuation`, FORMAT §5.6 item 7). */
  hanging?: boolean;
}

/** A place where a rule had to give way, or something the clerk should know (FORMAT §5, issue 3). */
export interface ComposeEvent {
  kind:
    | 'kinsoku-relaxed'
    | 'overlong-unit-broken'
    | 'orphan-kept'
    | 'punctuation-compressed'
    | 'run-padded'
    | 'loose-line';
  /** Offset in the paragraph's source string. */
  offset: number;
  /** Chinese description for the report. */
  message: string;
}

/** Counts for the CLI's --report (instead of one event per compressed mark or padded run). */
export interface ComposeStats {
  lines: number;
  /** Full-width marks drawn narrower than one cell: adjacent marks, line ends, push-in (FORMAT §5.4). */
  compressedMarks: number;
  /** Latin/digit runs given grid padding > 0 next to Han characters (grid model only, FORMAT §5.5). */
  paddedRuns: number;
  /** Lines squeezed to take a may-not-start item (先挤进, FORMAT §5.6 item 2). */
  squeezedLines: number;
  /** Breaks moved back to obey 禁则 (后推出, FORMAT §5.6 items 3–4), orphan fixes included. */
  pushedOutLines: number;
  /** Marks hung past the measure (hangPunctuation only). */
  hungMarks: number;
  /** Justified lines spread by more than `maxStretchEm` per gap (each also has a 'loose-line' event). */
  looseLines: number;
}

/** What `compose` returns: the lines, the places where a rule gave way, and counts. */
export interface ComposeResult {
  lines: ComposedLine[];
  events: ComposeEvent[];
  /** Counts of what the composer did (FORMAT §5.4–5.6). */
  stats?: ComposeStats;
}
