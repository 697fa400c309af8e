/**
 * The issue's 报/送/发 list matched against the address book: who gets an envelope, a label and a
 * register row, in the order the list is written, and what `check` warns about.
 */
import { sortDiagnostics, type Diagnostic } from '../diag.js';
import type { Issue, Text } from '../model/types.js';
import type { AddressBook, Unit } from './book.js';
import { formatField } from '../schema/fields.js';

/** One recipient of the issue, in 报/送/发 order. */
export interface Recipient {
  /** 报, 送, 发 … */
  label: string;
  /** The unit name as written in the issue. */
  name: Text;
  /** Its entry in the address book; undefined when the book has none. */
  unit?: Unit;
  /** Copies: the book's, or 1 when the unit is missing from it. */
  copies: number;
}

/**
 * Every unit of the list once, in the order written (a unit named under two labels keeps its first);
 * each with its address-book entry when there is one.
 */
export function recipientsOf(issue: Issue, book?: AddressBook): Recipient[] {
  const seen = new Set<string>();
  const out: Recipient[] = [];
  for (const entry of issue.distribution) {
    for (const name of entry.recipients) {
      const key = name.value.trim();
      if (seen.has(key)) continue;
      seen.add(key);
      const unit = book?.units.get(name.value) ?? book?.units.get(key);
      out.push({ label: entry.label.value, name, ...(unit ? { unit } : {}), copies: unit?.copies ?? 1 });
    }
  }
  return out;
}

/** Copies the list needs: the sum over its recipients. */
export function copiesNeeded(recipients: readonly Recipient[]): number {
  return recipients.reduce((n, r) => n + r.copies, 0);
}

/**
 * `check`'s warnings for an issue with an address book: each recipient the book does not have (with
 * the names it has that come closest), and an 印数 smaller than the copies the list needs.
 */
export function mailWarnings(issue: Issue, book: AddressBook): Diagnostic[] {
  const out: Diagnostic[] = [];
  const recipients = recipientsOf(issue, book);
  const names = [...book.units.keys()];
  for (const r of recipients) {
    if (r.unit) continue;
    const close = closeNames(r.name.value, names);
    out.push({
      severity: 'warning',
      code: 'W_MAIL_UNKNOWN_UNIT',
      span: r.name.span,
      field: formatField(['distribution', r.label]),
      message: `通讯录“${book.file}”中没有“${r.name.value}”：不能为它生成信封和标签${close.length ? `；通讯录中相近的单位：${close.map((n) => `“${n}”`).join('、')}` : ''}`,
      hint: close.length ? '两处的单位名称必须一字不差：改正其中一处' : `在通讯录的 units 下加上“${r.name.value}”的地址和邮政编码`,
    });
  }
  // A unit named twice gets one envelope, one label, one row: say so at the second mention.
  const first = new Map<string, { label: string; line: number }>();
  for (const entry of issue.distribution) {
    for (const name of entry.recipients) {
      const key = name.value.trim();
      const seen = first.get(key);
      if (!seen) {
        first.set(key, { label: entry.label.value, line: name.span.line });
        continue;
      }
      out.push({
        severity: 'warning',
        code: 'W_MAIL_DUPLICATE_UNIT',
        span: name.span,
        field: formatField(['distribution', entry.label.value]),
        message: `“${key}”在分送中已写过（第 ${seen.line} 行“${seen.label}”）：只为它生成一个信封、一枚标签和登记表中的一行`,
        hint: '删去重复的一处',
      });
    }
  }
  const needed = copiesNeeded(recipients);
  if (issue.copies && issue.copies.value < needed) {
    out.push({
      severity: 'warning',
      code: 'W_MAIL_COPIES',
      span: issue.copies.span,
      field: 'copies',
      message: `${issue.copies.value} 份少于分送所需的 ${needed} 份（${recipients.length} 个单位，按通讯录“${book.file}”的份数合计）`,
      hint: `把印数改为至少 ${needed}，或核对通讯录中各单位的 copies`,
    });
  }
  return sortDiagnostics(out);
}

/**
 * Up to three names of `names` closest to `name`: the same after dropping spaces and width
 * differences, one containing the other, or within a third of the length in edits.
 */
export function closeNames(name: string, names: readonly string[]): string[] {
  const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/gu, '');
  const a = norm(name);
  const scored: Array<[string, number]> = [];
  for (const n of names) {
    const b = norm(n);
    let d: number;
    if (a === b) d = 0;
    else if (a.includes(b) || b.includes(a)) d = 1 + Math.abs([...a].length - [...b].length) / 100;
    else d = editDistance([...a], [...b]);
    const limit = Math.max(2, Math.ceil(Math.min([...a].length, [...b].length) / 3));
    if (d <= limit) scored.push([n, d]);
  }
  return scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0])).slice(0, 3).map(([n]) => n);
}

function editDistance(a: readonly string[], b: readonly string[]): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
