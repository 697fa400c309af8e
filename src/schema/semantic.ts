/** Checks the schema cannot express: real calendar dates, sensible years, heading brackets. */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Diagnostic, Span } from '../diag.js';
import type { IssueDocument } from '../source/parse.js';
import type { Locator } from '../source/locate.js';
import { isBracketed } from '../model/heading.js';
import { textOf } from '../model/text.js';
import { describeField, formatField, type FieldPath } from './fields.js';
import { locate } from './nodes.js';

/** Earliest year accepted for period and printed: a guard against typos such as 0221. */
export const MIN_YEAR = 1949;
/** Latest year accepted for period and printed: a guard against typos such as 2201. */
export const MAX_YEAR = 2100;

/** A date split into numbers, with the UTF-16 offsets of each part inside the written value. */
export interface DateParts {
  year: number;
  month: number;
  day?: number;
  /** Offsets of year, month and day inside the string (for pointing at the wrong part). */
  at: { year: number; month: number; day: number };
}

/**
 * Reads "YYYY-MM" (`withDay` false) or "YYYY-MM-DD"; a Date (from a YAML 1.1 parser) is read in UTC.
 * Returns undefined when the shape is wrong (the schema reports that).
 */
export function readDate(value: unknown, withDay: boolean): DateParts | undefined {
  const at = { year: 0, month: 5, day: 8 };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    const parts = { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, at };
    return withDay ? { ...parts, day: value.getUTCDate() } : parts;
  }
  if (typeof value !== 'string') return undefined;
  const m = (withDay ? /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/ : /^([0-9]{4})-([0-9]{2})$/).exec(value);
  if (!m) return undefined;
  const parts = { year: Number(m[1]), month: Number(m[2]), at };
  return withDay ? { ...parts, day: Number(m[3]) } : parts;
}

/** Days in a month of the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Semantic checks on a document whose shape may still be partly wrong: each check runs only on a
 * field whose shape is right, so it never repeats a schema error.
 */
export function checkSemantics(doc: IssueDocument, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  out.push(...checkDate(doc, locator, ['period'], false));
  out.push(...checkDate(doc, locator, ['printed'], true));
  out.push(...checkHeadings(doc, locator));
  return out;
}

/** Span of character `offset` inside the string value at `path` (its start when not a string). */
function spanIn(doc: IssueDocument, locator: Locator, path: FieldPath, offset: number): Span {
  const { node } = locate(doc, path);
  if (isScalar(node) && typeof node.value === 'string') return textOf(node, locator).at(offset);
  return locator.spanAt(node?.range?.[0] ?? 0);
}

function checkDate(doc: IssueDocument, locator: Locator, path: FieldPath, withDay: boolean): Diagnostic[] {
  const { node } = locate(doc, path);
  if (!isScalar(node)) return [];
  const d = readDate(node.value, withDay);
  if (!d) return [];
  const where = describeField(path);
  const error = (code: string, offset: number, message: string, hint?: string): Diagnostic => {
    const diag: Diagnostic = { severity: 'error', code, span: spanIn(doc, locator, path, offset), field: formatField(path), message: `${where}${message}` };
    if (hint) diag.hint = hint;
    return diag;
  };
  const out: Diagnostic[] = [];
  if (d.year < MIN_YEAR || d.year > MAX_YEAR) {
    out.push(error('E_DATE_RANGE', d.at.year, `的年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间，实际为 ${d.year}`));
  }
  if (d.month < 1 || d.month > 12) {
    out.push(error('E_DATE_INVALID', d.at.month, `的月份应为 01–12，实际为 ${pad(d.month)}`));
  } else if (d.day !== undefined) {
    const max = daysInMonth(d.year, d.month);
    if (d.day < 1 || d.day > max) {
      const text = d.day < 1 ? `的日应为 01–${max}，实际为 ${pad(d.day)}` : `不存在：${d.year}年${d.month}月只有 ${max} 天，实际写了 ${d.day} 日`;
      out.push(error('E_DATE_INVALID', d.at.day, text));
    }
  }
  return out;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A title with only one of 【 】 would print as 【【… or …】】; a title of bare 【】 prints nothing. */
function checkHeadings(doc: IssueDocument, locator: Locator): Diagnostic[] {
  const { node: sections } = locate(doc, ['sections']);
  if (!isSeq(sections)) return [];
  const out: Diagnostic[] = [];
  sections.items.forEach((section, i) => {
    if (!isMap(section)) return;
    const path: FieldPath = ['sections', i, 'title'];
    const { node } = locate(doc, path);
    if (!isScalar(node) || typeof node.value !== 'string') return;
    const title = node.value.trim();
    const opens = title.startsWith('【');
    const closes = title.endsWith('】');
    const span = spanIn(doc, locator, path, 0);
    const field = formatField(path);
    const where = describeField(path);
    if (isBracketed(title) && !/\S/u.test(title.slice(1, -1))) {
      out.push({ severity: 'error', code: 'E_SCHEMA_EMPTY', span, field, message: `${where}在【】中没有文字` });
    } else if (opens !== closes) {
      out.push({
        severity: 'warning',
        code: 'W_HEADING_BRACKET',
        span,
        field,
        message: `${where}只有半边括号，将印为“【${title}】”`,
        hint: '请写全【】，或都不写，会自动加上',
      });
    }
  });
  return out;
}
