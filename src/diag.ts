/** Diagnostics: what goes wrong in a clerk's file, with where. Messages are in Chinese. */
import { parseField, placeOf, type SectionNames } from './schema/fields.js';

/** A position in a source file, 1-based line and column (columns count code points). */
export interface Span {
  file: string;
  line: number;
  column: number;
  /** Character offset in the decoded source (for tools); -1 when unknown. */
  offset: number;
}

export type Severity = 'error' | 'warning';

/** One problem, positioned. `code` is stable (listed in the README); `message` is for the clerk. */
export interface Diagnostic {
  severity: Severity;
  /** Stable machine code, e.g. "E_SCHEMA_TYPE", "E_YAML_SYNTAX", "W_FALLBACK_FONT". */
  code: string;
  /** Where; absent only for whole-file problems that have no better place (then file:1:1 is used). */
  span: Span;
  /**
   * The field path in the issue file, for tools: e.g. "sections[2].items[1]" (1-based, as printed)
   * or "period"; "" for the file.
   */
  field: string;
  /**
   * The same place in the clerk's words, printed before the message: 第2个栏目（工作动态）第1条,
   * 刊名（publication）; "" when the message needs none. Filled in by the stage that knows the
   * section titles (`withPlaces`); when absent the printer derives it from `field`.
   */
  place?: string;
  /** Chinese message: what is wrong, what was expected, what was found. */
  message: string;
  /** Optional hint on how to fix it (Chinese). */
  hint?: string;
}

/** `issues/x.yaml:7:3 年月（period）：…` as the CLI prints it. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.span.file}:${d.span.line}:${d.span.column}`;
  const level = d.severity === 'warning' ? '警告 ' : '';
  const place = placeText(d);
  const field = place ? `${place}：` : '';
  const hint = d.hint ? `（${d.hint}）` : '';
  // The code last, as compilers print theirs: what a clerk reports or looks up in the README's table.
  return `${where} ${level}${field}${d.message}${hint} [${d.code}]`;
}

/** The place a diagnostic is printed with: its own, else its field path in words. */
export function placeText(d: Diagnostic): string {
  if (d.place !== undefined) return d.place;
  if (!d.field) return '';
  const path = parseField(d.field);
  return path ? placeOf(path) : d.field;
}

/**
 * Gives every diagnostic without a `place` the place of its `field`, naming the sections by the
 * titles `names` gives (第1个栏目（协会党建）第2条).
 */
export function withPlaces(ds: readonly Diagnostic[], names?: SectionNames): Diagnostic[] {
  return ds.map((d) => {
    if (d.place !== undefined) return d;
    const path = d.field ? parseField(d.field) : [];
    return { ...d, place: path ? placeOf(path, names) : d.field };
  });
}

/** Orders diagnostics as they appear in the files (file, line, column), keeping the order of ties. */
export function sortDiagnostics(ds: readonly Diagnostic[]): Diagnostic[] {
  return [...ds].sort((a, b) => a.span.file.localeCompare(b.span.file) || a.span.line - b.span.line || a.span.column - b.span.column);
}

export function hasErrors(ds: readonly Diagnostic[]): boolean {
  return ds.some((d) => d.severity === 'error');
}

/** Thrown by a stage when input is invalid; carries every diagnostic found. */
export class InvalidInput extends Error {
  readonly exitCode = 1;
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnostic).join('\n'));
    this.name = 'InvalidInput';
  }
}

/** A problem with how the tool was called (bad flag, missing file): exit 2. */
export class UsageError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
