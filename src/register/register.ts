/**
 * Register checks across several issue files (`bulletin check issues/`): the numbering runs on
 * without gaps or repeats in period order, one file per month, and no issue printed before its
 * month began. Warnings only: an office may skip a number on purpose.
 */
import path from 'node:path';
import { type Diagnostic, type Span, sortDiagnostics } from '../diag.js';
import { comparePeriods, dayLabel, parseDay, parsePeriod, periodKey, periodLabel, type Day, type Period } from '../model/period.js';
import { chineseNumber } from '../model/parts.js';
import { readLenient } from '../source/lenient.js';

/** One file's register fields, each with the position of its value. */
export interface RegisterEntry {
  file: string;
  period: Period;
  periodSpan: Span;
  number?: { value: number; span: Span };
  total?: { value: number; span: Span };
  printed?: { value: Day; span: Span };
  /** How the file writes its 期号 (issue 14): the messages write it the same way. */
  numberStyle?: 'arabic' | 'chinese';
}

/** Reads the register fields leniently; undefined when the file has no usable period. */
export function registerEntry(file: string, bytes: Uint8Array): RegisterEntry | undefined {
  const doc = readLenient(file, bytes);
  const p = doc.field('period');
  const period = parsePeriod(p?.value);
  if (!p || !period) return undefined;
  const entry: RegisterEntry = { file, period, periodSpan: p.span };
  const int = (name: string): { value: number; span: Span } | undefined => {
    const f = doc.field(name);
    return f && typeof f.value === 'number' && Number.isInteger(f.value) ? { value: f.value, span: f.span } : undefined;
  };
  const number = int('number');
  const total = int('total');
  if (number) entry.number = number;
  if (total) entry.total = total;
  if (doc.field('number_style')?.value === 'chinese') entry.numberStyle = 'chinese';
  const pr = doc.field('printed');
  const day = parseDay(pr?.value);
  if (pr && day) entry.printed = { value: day, span: pr.span };
  return entry;
}

/**
 * Warnings over all `entries`: W_REGISTER_SAME_PERIOD, W_REGISTER_GAP, W_REGISTER_REPEAT (期号 and
 * 总期号, compared with the previous month's issue), W_REGISTER_PRINTED_EARLY. 期号 may restart at 1
 * in a new year; 总期号 never restarts.
 */
export function registerWarnings(entries: readonly RegisterEntry[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const warn = (span: Span, field: string, code: string, message: string, hint?: string): void => {
    const d: Diagnostic = { severity: 'warning', code, span, field, message };
    if (hint) d.hint = hint;
    out.push(d);
  };
  // Within a month, the file named after it (2021-04.yaml) is the real one; others are the extras.
  const named = (e: RegisterEntry): number => (path.basename(e.file).replace(/\.ya?ml$/i, '') === periodKey(e.period) ? 0 : 1);
  const sorted = [...entries].sort((a, b) => comparePeriods(a.period, b.period) || named(a) - named(b) || a.file.localeCompare(b.file));

  // One file per period; later duplicates are left out of the numbering checks (they would repeat).
  const seq: RegisterEntry[] = [];
  for (const e of sorted) {
    const first = seq.at(-1);
    if (first && comparePeriods(first.period, e.period) === 0) {
      warn(e.periodSpan, 'period', 'W_REGISTER_SAME_PERIOD', `与 ${first.file} 是同一个月（${periodLabel(e.period)}）的期刊：一个月应只有一个文件`, '请删去多余的文件，或改正其中一个的年月');
    } else seq.push(e);
  }

  for (let i = 1; i < seq.length; i++) {
    const prev = seq[i - 1]!;
    const cur = seq[i]!;
    const before = `上一期 ${prev.file}（${periodLabel(prev.period)}）`;
    const no = (n: number): string => `第${cur.numberStyle === 'chinese' ? chineseNumber(n) : n}期`;
    if (prev.number && cur.number) {
      const newYear = cur.period.year !== prev.period.year;
      const ok = cur.number.value === prev.number.value + 1 || (newYear && cur.number.value === 1);
      if (!ok) {
        const expected = newYear ? `${no(1)}或${no(prev.number.value + 1)}` : no(prev.number.value + 1);
        if (cur.number.value <= prev.number.value && !(newYear && cur.number.value === 1)) {
          warn(cur.number.span, 'number', 'W_REGISTER_REPEAT', `与${before}重复或倒退：应为${expected}，实际为${no(cur.number.value)}`);
        } else {
          warn(cur.number.span, 'number', 'W_REGISTER_GAP', `不连续：${before}为${no(prev.number.value)}，本期应为${expected}，实际为${no(cur.number.value)}`);
        }
      }
    }
    if (prev.total && cur.total && cur.total.value !== prev.total.value + 1) {
      const expected = prev.total.value + 1;
      if (cur.total.value <= prev.total.value) {
        warn(cur.total.span, 'total', 'W_REGISTER_REPEAT', `与${before}重复或倒退：应为总第${expected}期，实际为总第${cur.total.value}期`);
      } else {
        warn(cur.total.span, 'total', 'W_REGISTER_GAP', `不连续：${before}为总第${prev.total.value}期，本期应为总第${expected}期，实际为总第${cur.total.value}期`);
      }
    }
  }

  for (const e of sorted) {
    if (!e.printed) continue;
    const p = e.printed.value;
    if (comparePeriods(p, e.period) < 0) {
      warn(e.printed.span, 'printed', 'W_REGISTER_PRINTED_EARLY', `${dayLabel(p)} 早于本期所属的${periodLabel(e.period)}`, '请核对印发日期和年月（period）');
    }
  }
  return sortDiagnostics(out);
}
