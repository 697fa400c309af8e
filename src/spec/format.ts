/**
 * THE table of official measurements. No other file holds a millimetre or point figure.
 *
 * Sources (see ../shared/FORMAT.md, cited per row): [GB] = GB/T 9704-2012; [15834] = GB/T 15834-2011;
 * [clreq] = W3C Requirements for Chinese Text Layout; [rec] = chosen by FORMAT.md where no source fixes a
 * value (every [rec] value is a default a caller may override through `Format`).
 *
 * Units: the standard's own (mm, 号, 字, 行) are kept as given; `*Pt` values are derived here.
 */

import type { FontRole } from '../compose/types.js';
import type { HeadingStyle } from '../model/types.js';

/** 1 mm in PDF points (1 pt = 1/72 in). */
export const PT_PER_MM = 72 / 25.4;
export const mm = (v: number): number => v * PT_PER_MM;

/** Chinese point sizes (字号), DTP values [FORMAT §2.1]. */
export const ZIHAO = {
  chuhao: 42,
  xiaochu: 36,
  yihao: 26,
  erhao: 22,
  xiaoer: 18,
  sanhao: 16,
  sihao: 14,
  wuhao: 10.5,
} as const;

/** RGB colours for the default (PDF/A, sRGB) output [FORMAT §2.4, §10.7]. */
export const COLOURS = {
  /** Text, 报尾 rules, page numbers: 100 % black only [GB §6.2]. */
  black: '#000000',
  /** Masthead name and rule: Word "red" in the sRGB output [FORMAT §10.7]. */
  red: '#FF0000',
} as const;

/** Everything the layout needs, in one object so tests can shrink the grid. */
export interface Format {
  paper: { widthMm: number; heightMm: number };
  /** 天头 (paper top → 版心 top) [GB §5.2.1]. */
  topMarginMm: number;
  /** 订口 (paper left → 版心 left) [GB §5.2.1]. */
  leftMarginMm: number;
  /** 版心 size [GB §5.2.1]. */
  typeArea: { widthMm: number; heightMm: number };
  /** Lines per page and characters per line [GB §5.2.3]. */
  linesPerPage: number;
  charsPerLine: number;
  /** Body text size, 三号 [GB §5.2.2]. */
  bodySizePt: number;
  /** Ideographic em-box top above the baseline, in em [FORMAT §1.3: Source Han/Noto/Fandol 0.88]. */
  emBoxAscent: number;
  /** First-line indent of a paragraph, in cells (2 字) [GB §7.3.3]. */
  paragraphIndentCells: number;
  masthead: {
    /** Largest name size; the name is fitted continuously below it [FORMAT §10.2]. */
    nameMaxSizePt: number;
    /** Below this the name does not fit: an input error [FORMAT §10.2]. */
    nameMinSizePt: number;
    /** Letter-spacing for names of ≤ `spacedMaxChars` characters, in em [FORMAT §3.1]. */
    nameLetterSpacingEm: number;
    spacedMaxChars: number;
    /** The name must fit the 版心 width minus this many cells [FORMAT §3.1]. */
    nameSideReserveCells: number;
    /** Grid lines (1-based) of the name zone, the 期号 line and the editor/date line [FORMAT §3.1]. */
    nameFirstLine: number;
    nameLastLine: number;
    numberLine: number;
    editorLine: number;
    /** Inset of editor (left) and date (right), in cells [FORMAT §3.1]. */
    editorInsetCells: number;
    /** Red rule centre below the em-box bottom of the editor line [GB §7.2.7 analogue]. */
    ruleOffsetMm: number;
    /** Red rule thickness [FORMAT §3.1 rec]. */
    ruleThicknessMm: number;
    /** `classification` (内部资料 …): grid line and face, flush left, 三号 black [FORMAT §3.1 L1, §2.2]. */
    classificationLine: number;
    classificationRole: FontRole;
    /** First grid line of the body on page 1 [FORMAT §3.1: L8]. */
    bodyFirstLine: number;
  };
  pageNumber: {
    sizePt: number;
    /** The dash line centre below the 版心 bottom [GB §7.5]. */
    offsetBelowTypeAreaMm: number;
    /** Inset from the 版心 edge, in body cells [FORMAT §6]. */
    insetCells: number;
  };
  footer: {
    /** 报尾 text size, 四号 [GB §7.4.2]. */
    sizePt: number;
    /** "1 字" in the 报尾 = one 14 pt em [FORMAT §7.2]. */
    insetMm: number;
    thickRuleMm: number;
    thinRuleMm: number;
    /** Empty grid lines between the last body line and the top rule [FORMAT §7.3]. */
    gapLines: number;
    /** Minimum space between the printing office and the date, in 字 [FORMAT §7.2]. */
    minGapChars: number;
  };
  /** Article-style issues, 编者按, lead-ins and two-line mastheads (issue 14). */
  bulletin: {
    /** Gap between the two lines of a two-line masthead name, in em of the larger line [rec]. */
    nameLineGapEm: number;
    /**
     * A two-line name takes L1–L4: L1 is blank (no classification marks are printed), and in L2–L4
     * the lower line would crowd the 期号 line [rec, FORMAT §3.1 "reserveTopLine"].
     */
    twoLineNameFirstLine: number;
    /** Article title: 小标宋 二号 22 pt, black, centred [GB §7.3.1; FORMAT §2.2, §4.2]. */
    articleTitleSizePt: number;
    articleTitleRole: FontRole;
    /** Title lines keep this many body cells clear on each side, so a long title reads as a block [rec]. */
    articleTitleSideCells: number;
    /** Empty grid lines after an article title [FORMAT §4.2 rec]; before it, as before a 【section】. */
    articleTitleSpaceAfterLines: number;
    /** Subtitle or byline under an article title: 楷体 三号, centred, directly under the title [FORMAT §2.2]. */
    articleSubtitleRole: FontRole;
    /** The credit line （办公室供稿）: on its own line under the last paragraph, flush right, inset in cells [see the value's note]. */
    creditRightInsetCells: number;
    /**
     * An article paragraph opening with 一、 or （一） and its heading sentence: that lead-in in 黑体 or 楷体,
     * the rest in 仿宋; 1. and （1） stay 仿宋 [GB §7.3.3; FORMAT §4.2 "formatted inline"].
     */
    articleLevelRoles: { first: FontRole; second: FontRole };
    /** A heading sentence longer than this many characters is body text, not a lead-in [rec]. */
    articleLeadMaxChars: number;
    /** 编者按: 黑体 label, 楷体 text, 三号 [FORMAT §2.2]; one empty grid line after it [rec]. */
    noteLabelRole: FontRole;
    noteTextRole: FontRole;
    noteSpaceAfterLines: number;
    /** Item lead-in: 黑体, as issue 14's contract says (`lead`: "set in 黑体"); FORMAT §4.3 recommends 楷体 ('kai'). */
    leadRole: FontRole;
    /** Numbered item markers （一） and 1.: set in the body face, text after them on the next whole cell [FORMAT §4.3]. */
    numberedMarkerRole: FontRole;
    /** Section headings per `heading_style`: face and first-line indent in cells [FORMAT §4.2]. */
    headingStyles: Record<HeadingStyle, { role: FontRole; indentCells: number }>;
  };
}

/** The official format: GB/T 9704-2012 geometry with FORMAT.md §10 decisions. */
export const GB9704: Format = {
  paper: { widthMm: 210, heightMm: 297 }, // A4 [GB §5.1]
  topMarginMm: 37, // [GB §5.2.1]
  leftMarginMm: 28, // [GB §5.2.1]
  typeArea: { widthMm: 156, heightMm: 225 }, // [GB §5.2.1]
  linesPerPage: 22, // [GB §5.2.3]
  charsPerLine: 28, // [GB §5.2.3]
  bodySizePt: ZIHAO.sanhao, // 3号 仿宋 [GB §5.2.2]
  emBoxAscent: 0.88, // [FORMAT §1.3]
  paragraphIndentCells: 2, // [GB §7.3.3]
  masthead: {
    nameMaxSizePt: ZIHAO.chuhao, // [FORMAT §10.2]
    nameMinSizePt: 22, // [FORMAT §10.2]
    nameLetterSpacingEm: 0.3, // [FORMAT §3.1 rec]
    spacedMaxChars: 6, // [FORMAT §3.1 rec]
    nameSideReserveCells: 2, // 156 mm − 2 字 [FORMAT §3.1]
    classificationLine: 1, // L1, left [FORMAT §3.1]
    classificationRole: 'hei', // 黑体 三号 [FORMAT §2.2 'Classification / 内部资料 mark']
    nameFirstLine: 2, // L2–L4 [FORMAT §3.1]
    nameLastLine: 4,
    numberLine: 5, // L5
    editorLine: 6, // L6
    editorInsetCells: 1, // [FORMAT §10.2]
    ruleOffsetMm: 4, // [GB §7.2.7 analogue]
    ruleThicknessMm: 0.5, // [FORMAT §3.1 rec]
    bodyFirstLine: 8, // L8 [FORMAT §3.1]
  },
  pageNumber: {
    sizePt: ZIHAO.sihao, // 四号 [GB §7.5]
    offsetBelowTypeAreaMm: 7, // [GB §7.5]
    insetCells: 1, // [FORMAT §6]
  },
  footer: {
    sizePt: ZIHAO.sihao, // 四号 仿宋 [GB §7.4.2]
    insetMm: 4.94, // one 14 pt em [FORMAT §7.2]
    thickRuleMm: 0.35, // [GB §7.4.1]
    thinRuleMm: 0.25, // [GB §7.4.1]
    gapLines: 1, // [FORMAT §7.3 rec]
    minGapChars: 2, // [FORMAT §7.2]
  },
  bulletin: {
    nameLineGapEm: 0.2, // [rec]: two lines read as one name, not as two headings
    twoLineNameFirstLine: 1, // L1–L4 [FORMAT §3.1 rec]
    articleTitleSizePt: ZIHAO.erhao, // 二号 小标宋 [GB §7.3.1; FORMAT §2.2]
    articleTitleRole: 'title', // 小标宋 (the masthead's face, set black) [FORMAT §2.2, §2.3]
    articleTitleSideCells: 1, // [rec]
    articleTitleSpaceAfterLines: 1, // [FORMAT §4.2 rec]
    articleSubtitleRole: 'kai', // 楷体 三号, centred [FORMAT §2.2 "Subtitle / byline"; practice: cooxue, 360doc 副标题 楷体]
    // Flush right, as Word's right alignment sets it. No source fixes the credit line of a bulletin
    // article: the 简报 guides (dawenge.com, feapp.net, chazidian 简报的格式结构) describe 报头/标题/正文/报尾 and
    // say nothing of it, and the offices' own pasted bulletins (tests/fixtures/import 01, 04, 07) set
    // （…供稿） at the right margin. GB/T 9704 has no credit line; its nearest elements are the 发文机关署名 of
    // a document without seal, 右空二字 [GB §7.3.5.2], and the 成文日期 of a sealed one, 右空四字 [GB
    // §7.3.5.1] — both leave room for a seal or signature block, which a credit line does not have, so
    // they are analogies, not rules for it. Kept at 0 [rec]; an office that wants the 署名 look sets 2.
    creditRightInsetCells: 0,
    articleLevelRoles: { first: 'hei', second: 'kai' }, // 第一层黑体、第二层楷体 [GB §7.3.3]
    articleLeadMaxChars: 30, // [rec] a heading sentence is a phrase; beyond this it is an opening sentence
    noteLabelRole: 'hei', // 黑体 label [FORMAT §2.2]
    noteTextRole: 'kai', // 楷体 text [FORMAT §2.2]
    noteSpaceAfterLines: 1, // [rec]
    leadRole: 'hei', // 黑体 [issue 14 contract; FORMAT §4.3 rec is 楷体]
    numberedMarkerRole: 'fang', // the marker is part of the paragraph [FORMAT §4.3]
    headingStyles: {
      '【】': { role: 'hei', indentCells: 0 }, // 黑体, flush left [FORMAT §4.2 rec]
      '一、': { role: 'hei', indentCells: 2 }, // 黑体, 2 字 [GB §7.3.3; FORMAT §4.2]
      '（一）': { role: 'kai', indentCells: 2 }, // 楷体, 2 字 [GB §7.3.3; FORMAT §4.2]
    },
  },
};

/** Derived figures in points; computed once from a `Format`. */
export interface Geometry {
  pageWidthPt: number;
  pageHeightPt: number;
  /** 版心 left/top edge on the paper, in pt from the paper's left/top. */
  areaLeftPt: number;
  areaTopPt: number;
  areaWidthPt: number;
  areaHeightPt: number;
  /** Grid cell (1 字) = 版心 width / 28 [FORMAT §1.2]: 15.793 pt. */
  cellPt: number;
  /** Line pitch, option A = 版心 height / 22 [FORMAT §1.3, §10.3]: 28.991 pt. */
  linePitchPt: number;
}

export function geometry(f: Format): Geometry {
  const areaWidthPt = mm(f.typeArea.widthMm);
  const areaHeightPt = mm(f.typeArea.heightMm);
  return {
    pageWidthPt: mm(f.paper.widthMm),
    pageHeightPt: mm(f.paper.heightMm),
    areaLeftPt: mm(f.leftMarginMm),
    areaTopPt: mm(f.topMarginMm),
    areaWidthPt,
    areaHeightPt,
    cellPt: areaWidthPt / f.charsPerLine,
    linePitchPt: areaHeightPt / f.linesPerPage,
  };
}

/**
 * Baseline of text of size `sizePt` centred in grid line `line` (1-based), in pt from the 版心 top
 * [FORMAT §1.3: baseline = cellTop + (P − s)/2 + a·s].
 */
export function baselineInLine(g: Geometry, f: Format, line: number, sizePt: number): number {
  const cellTop = (line - 1) * g.linePitchPt;
  return cellTop + (g.linePitchPt - sizePt) / 2 + f.emBoxAscent * sizePt;
}

/**
 * Clusters [Unicode UAX #29 §3.1, extended grapheme clusters; issue 15]: a character and the
 * combining marks, variation selectors and joiners after it are one unit. It is never cut by a line
 * break, never spread by justification, and set in one face: its base's face when that face has
 * every mark, else the role chain's first face that has the base and every mark. A variation
 * selector whose face maps no variant (cmap format 14) is dropped from drawing but kept in the
 * text (the glyph carries it as /ActualText).
 *
 * Combining marks [Unicode §3.11 canonical equivalence, conformance clause C6; OpenType GPOS
 * lookup types 4–6]: a cluster holding marks is first composed (NFC) and, when some face of the
 * chain has every character of the composed form, drawn from that form by the rule above, so
 * "a + U+0308" and "ä" print alike (as HarfBuzz composes when the face has the composed glyph).
 * Marks left over are placed by the face's mark-to-base and mark-to-mark anchors (x and y
 * offsets); a face without anchors draws them at the pen, as its designer set them. The typed
 * text is kept for extraction (/ActualText) whenever the glyphs spell it otherwise.
 */
export const CLUSTER = {
  /** What joins the character before it (UAX #29 Grapheme_Cluster_Break Extend and ZWJ, as used here). */
  extend: /^[\p{Mn}\p{Me}\p{Variation_Selector}\u200C\u200D]$/u,
  /** The face of a cluster: its base's when that face has every mark (see above). */
  face: 'base-if-it-has-every-mark',
  /** A variation selector with no variant in the cluster's face. */
  unmappedSelector: 'not-drawn-kept-in-text',
  /** A cluster with combining marks: its NFC form when a face has all of it, else as typed. */
  marks: 'composed-when-a-face-has-it-then-anchored',
} as const;

/**
 * Line composition figures [FORMAT §5.4–5.6, revised 2026-12, binding; §10 item 10]. The composer
 * (src/compose) takes them as defaults of its options; every one may be overridden per call.
 */
export const COMPOSITION = {
  /**
   * Han–Latin/digit spacing: 'solid' (no space added, "2021年1月29日") [FORMAT §5.5, §8 row 54];
   * 'grid' pads each run to whole cells (clreq grid model), kept only as an option.
   */
  latin: 'solid' as 'solid' | 'grid',
  /** Spaces between Latin words may shrink down to this, in em [FORMAT §5.4 item 4 (3)]. */
  wordSpaceMinEm: 0.25,
  /**
   * A mid-line pause/stop mark or bracket keeps at least this share of its cell when a line is
   * pushed in: the even shrink takes at most 1/4 em per mark [FORMAT §5.4 item 4 (4); §10 item 10:
   * "no mid-line 、，；：。？！ narrower than 3/4 em"].
   */
  markMinWidthEm: 0.75,
  /** Grid model only: CJK–Latin padding may shrink to this per side, in em [clreq; FORMAT §8 row 53]. */
  gridPadMinEm: 0.125,
  /** Justification spreads a line by at most this per gap, in em [FORMAT §5.6 item 5, stretch limit]. */
  maxStretchEm: 0.15,
  /** A wrapped heading's last line holds at least this share of the heading [FORMAT §5.6, note on headings]. */
  headingLastLineMin: 1 / 3,
} as const;

/**
 * Breaking an article title into lines [GB/T 9704-2012 §7.3.1: 标题“分一行或多行居中排布；回行时，要做到
 * 词意完整，排列对称，长短适宜，间距恰当，标题排列应当使用梯形或菱形”; FORMAT §4.2; the 老秘网 guide
 * “公文标题的13种排列形式” (caiyes.cn thread 70143) lists 上下等长, 上短下长, 正梯形 and 菱形 among the
 * accepted forms]. Implemented in src/compose/title.ts:
 * - 词意完整: a line ends only between two words (Intl.Segmenter 'zh', ICU's dictionary), never inside a
 *   compound term the dictionary cuts (安全生产, 标准化), a number and its unit, a Chinese numeral
 *   (第三十届), before a suffix or after a prefix, and never against 禁则 [FORMAT §5.3]; inside 《》 or
 *   quotation marks only when no other arrangement exists (`quotedBreakCost`).
 * - 梯形或菱形: the fewest lines such words allow; among them the lines form a 正梯形 (each no longer than
 *   the next, 上短下长 or 等长) or, from three lines, a diamond (rising to a middle line, then falling).
 *   The 倒梯形 上长下短 is not chosen when one of these exists [rec: GB names only 梯形/菱形].
 * - 长短适宜: the cheapest arrangement by Σ(line width in cells)² — the evenest — plus `wordBreakCost`
 *   for each break that is not at a phrase boundary (punctuation, a space, 的/和/与/及/暨/关于…), less
 *   `typedSpaceBonus` at a space the clerk typed between a headline's clauses [rec].
 * - When no arrangement of whole words is a 梯形 or 菱形 (a word wider than half the measure first, say),
 *   the heading rule applies (`COMPOSITION.headingLastLineMin`).
 * 【栏目】 headings do not use it: they are set flush left, not centred, so a trapezoid has no axis to be
 * symmetric about, and they are short enough to wrap seldom [FORMAT §4.2 table].
 */
export const TITLE_LINES = {
  /** Cost (cells²) of a break between two words that is not at a phrase boundary [rec]: a phrase break wins over one about 2 cells more even. */
  wordBreakCost: 2.5,
  /**
   * Taken off the cost (cells²) of a break at a space typed in the title, which parts a headline's two
   * clauses (…增长6.8% 生产安全事故…) [rec]: it wins over a line about 3 cells more even.
   */
  typedSpaceBonus: 50,
  /** Cost (cells²) of a break inside 《书名》 or quotation marks: taken only when nothing else is a 梯形/菱形 [rec]. */
  quotedBreakCost: 10_000,
  /** More legal breaks than this (a title of a paragraph's length) and the heading rule is used instead [rec]. */
  maxCandidates: 160,
} as const;

/**
 * Largest 期号 (`number`), 总期号 (`total`) and 印数 (`copies`) an issue file may give (issue 19
 * item 14); the schema's `maximum` (schema/issue.schema.json, so an editor flags them too) and
 * src/schema/semantic.ts's MAX_INTEGERS are these. Kept after checking what real bulletins print:
 * - 期号 restarts each year [FORMAT §3.1 item 3]; a monthly bulletin reaches 12, a weekly ~52, a
 *   daily 信息/要情 ~365, and offices that send several 专报 a day a few hundred more: four digits
 *   hold every series with room, and 第9999期 still centres on the 期号 line (L5, 16 pt).
 * - 总期号 counts since the first issue: the sample is 总第216期, bulletins decades old print
 *   总第3000–8000期, and even a daily issued since 1949 stays under 30 000: five digits.
 * - 印数 (共印N份) is a print run for the 报/送/发 lists: tens to a few thousand copies [FORMAT
 *   §7.2]; a million covers any internal publication, and 「（共印1000000份）」 still fits beside the
 *   print date on the 报尾's print line.
 * A value past these is a paste or a typo (a phone number, 2021 in the wrong field), and each stays
 * far inside the integers a double holds exactly, so what is printed is what was typed. The web
 * corpus searched for printed 总第/共印 figures gave no usable counts, so the ranges above come from
 * the format's own rules and the sample; widen one here (and in the schema) if an office needs it.
 */
export const INTEGER_LIMITS = { number: 9999, total: 99999, copies: 1_000_000 } as const;
