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
}

export interface Section {
  /** The title as printed, always wrapped in 【】 (kept as is when the clerk wrote them). */
  heading: Text;
  items: Item[];
  span: Span;
}

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
  publication: Text;
  /** Year and month of the period. */
  period: { year: number; month: number; span: Span };
  number?: { value: number; span: Span };
  total?: { value: number; span: Span };
  editor: Text;
  sections: Section[];
  distribution: DistributionEntry[];
  printed: { year: number; month: number; day: number; span: Span };
  copies?: { value: number; span: Span };
  printer?: Text;
}
