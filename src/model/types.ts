/** The typed issue, built from a validated YAML document. Every node keeps its source span. */
import type { Span } from '../diag.js';

/** A string from the issue file with where it came from. */
export interface Text {
  value: string;
  span: Span;
  /**
   * Maps a code-unit offset in `value` to its source position when the scalar is plain or quoted on
   * one line (exact); otherwise returns `span` (the scalar's start).
   */
  at(offset: number): Span;
}

export interface Item {
  text: Text;
  span: Span;
  /** The item's lead-in (`{lead, text}`), set in 黑体 before the text in the same paragraph. */
  lead?: Text;
}

/** A 【栏目】 of items (`{title, items}`). */
export interface Section {
  kind: 'items';
  /** The title as printed per `heading_style`: 【title】, 一、title or （一）title (kept as is when the clerk wrote them so). */
  heading: Text;
  /** The bare title, for the index, metadata and the next issue: as written, less 【】 the clerk put round it. */
  title: Text;
  items: Item[];
  span: Span;
}

/** An article (`{article, subtitle, paragraphs, source}`): a centred title, paragraphs without marker, a credit line. */
export interface Article {
  kind: 'article';
  /** The title as written (no 【】 added). */
  heading: Text;
  /** A subtitle or byline under the title, as written (——…) [FORMAT §2.2]. */
  subtitle?: Text;
  paragraphs: Item[];
  /** The credit as written (办公室供稿); printed in parentheses unless already in them. */
  source?: Text;
  span: Span;
}

/** The body: 【栏目】 and articles in the order written. */
export type Part = Section | Article;

/** How the 期号 is written [issue 14]: 第9期 (arabic) or 第九期 (chinese); 总第N期 stays Arabic. */
/** `heading_style`: the 【】 of bulletins, or GB/T 9704's first- and second-level headings. */
export type HeadingStyle = '【】' | '一、' | '（一）';

export type NumberStyle = 'arabic' | 'chinese';
/** The year_prefix value: 〔2022〕 (true), 2022年 ('年') or none (false). */
export type YearPrefix = boolean | '年';

export interface DistributionEntry {
  /** The label without colon, e.g. 报, 送, 发. */
  label: Text;
  recipients: Text[];
  span: Span;
}

export interface Issue {
  /** Path as given on the command line (used in diagnostics). */
  file: string;
  /** The exact bytes of the source file (for embedding and `extract`). */
  sourceBytes: Uint8Array;
  /**
   * The name as one string (the lines joined), for metadata and the index; the masthead prints
   * `publicationLines`.
   */
  publication: Text;
  /** 内部资料, 内部参阅 …: top left of the masthead, on the line above the name [FORMAT §3.1 L1]. */
  classification?: Text;
  /** The masthead's lines (1–2), each fitted on its own. */
  publicationLines: Text[];
  /** Year and month of the period. */
  period: { year: number; month: number; span: Span };
  number?: { value: number; span: Span };
  total?: { value: number; span: Span };
  /** 第9期 or 第九期 (default arabic). */
  numberStyle: NumberStyle;
  /** The year before the 期号: true 〔2022〕第九期, '年' 2022年第九期 (FORMAT §3.1 L5), false none (default). */
  yearPrefix: YearPrefix;
  /**
   * The issue's item marker as written in `item_marker` ('' for none), when given; the layout's
   * `marker` option (the command line) overrides it.
   */
  itemMarker?: string;
  /**
   * How 【栏目】 headings are printed (`heading_style`): 【工作动态】 (default), 一、工作动态 or
   * （一）工作动态, numbered in the order of the item sections [FORMAT §4.2].
   */
  headingStyle: HeadingStyle;
  /** 编者按, after the masthead and before the first section. */
  note?: Text;
  editor: Text;
  sections: Part[];
  distribution: DistributionEntry[];
  printed: { year: number; month: number; day: number; span: Span };
  copies?: { value: number; span: Span };
  printer?: Text;
}

/**
 * The masthead as printed: the name's lines, the classification, the 期号 line, the editor and the
 * date. An issue's comes from its fields ({@link import('../paginate/masthead.js').mastheadOf}); the
 * annual index has its own (its 期号 line reads 2021年总目录).
 */
export interface Masthead {
  /** The name as one string (metadata, the H1's text) and its printed lines (1–2). */
  publication: Text;
  publicationLines: Text[];
  classification?: Text;
  /** 第9期（总第215期）, 2021年1月, 2021年总目录 … */
  numberLine: Text;
  editor: Text;
  /** The date at the right of the editor line, as printed (2021年1月29日). */
  date: Text;
}

/** What closes the last page (报尾): the 报/送 lists and the print line. */
export type Colophon = Pick<Issue, 'distribution' | 'printed' | 'copies' | 'printer'>;

/**
 * What the page layout sets: a masthead, an optional 编者按, the parts of the body and a 报尾. An
 * issue is one ({@link import('../paginate/layout.js').issueDocument}); the annual index is another.
 */
export interface PageDocument {
  masthead: Masthead;
  note?: Text;
  parts: Part[];
  headingStyle: HeadingStyle;
  /** As `Issue.itemMarker`: the file's marker, overridden by the layout's option. */
  itemMarker?: string;
  colophon: Colophon;
}
