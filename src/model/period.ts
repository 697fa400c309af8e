/** Year-month periods of issues: parsing, ordering and the month after. */

/** An issue's period, e.g. 2021-01. */
export interface Period {
  year: number;
  month: number;
}

/**
 * The numbers of "YYYY-MM" (`withDay` false) or "YYYY-MM-DD", exactly as written (no range check, no
 * spaces): the one reader of the issue file's date shapes, for validation and for the clerk's tools.
 */
export function splitDate(value: string, withDay: boolean): { year: number; month: number; day?: number } | undefined {
  const m = (withDay ? /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/ : /^([0-9]{4})-([0-9]{2})$/).exec(value);
  if (!m) return undefined;
  const parts = { year: Number(m[1]), month: Number(m[2]) };
  return withDay ? { ...parts, day: Number(m[3]) } : parts;
}

/** Reads "YYYY-MM" (month 1–12); undefined for anything else. */
export function parsePeriod(value: unknown): Period | undefined {
  if (typeof value !== 'string') return undefined;
  const p = splitDate(value.trim(), false);
  return p && p.month >= 1 && p.month <= 12 ? { year: p.year, month: p.month } : undefined;
}

/** The month after `p`, rolling December over into January of the next year. */
export function nextPeriod(p: Period): Period {
  return p.month === 12 ? { year: p.year + 1, month: 1 } : { year: p.year, month: p.month + 1 };
}

/** Negative when `a` comes before `b`. */
export function comparePeriods(a: Period, b: Period): number {
  return a.year - b.year || a.month - b.month;
}

/** "2021-01" (the file name and the YAML value). */
export function periodKey(p: Period): string {
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/** "2021年1月" (as printed). */
export function periodLabel(p: Period): string {
  return `${p.year}年${p.month}月`;
}

/** A calendar date as the issue file writes it (printed). */
export interface Day extends Period {
  day: number;
}

/** Reads "YYYY-MM-DD" of a real calendar day; undefined otherwise. */
export function parseDay(value: unknown): Day | undefined {
  if (typeof value !== 'string') return undefined;
  const s = splitDate(value.trim(), true);
  if (!s || s.day === undefined) return undefined;
  const d = { year: s.year, month: s.month, day: s.day };
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > daysIn(d)) return undefined;
  return d;
}

/** Days in the month of `p`. */
export function daysIn(p: Period): number {
  return new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
}

/** "2021-01-29". */
export function dayKey(d: Day): string {
  return `${periodKey(d)}-${String(d.day).padStart(2, '0')}`;
}

/** A print date to show as an example in the month of `p`: the 28th, which every month has. */
export function exampleDay(p: Period): string {
  return `${periodKey(p)}-28`;
}

/** "2021年1月29日". */
export function dayLabel(d: Day): string {
  return `${d.year}年${d.month}月${d.day}日`;
}
