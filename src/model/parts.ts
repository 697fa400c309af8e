/** Small helpers over the body's parts (【栏目】 of items, articles). */
import type { Item, Part, YearPrefix } from './types.js';

/** The paragraphs of a part in order: a section's items or an article's paragraphs. */
export function partItems(p: Part): Item[] {
  return p.kind === 'article' ? p.paragraphs : p.items;
}

/** The printed text of an item: its lead-in (if any) followed by its text. */
export function itemText(item: Item): string {
  return item.lead ? item.lead.value + item.text.value : item.text.value;
}

/** The credit line as printed: （办公室供稿）; kept as written when already in parentheses. */
export function creditText(source: string): string {
  const t = source.trim();
  return /^[（(].*[）)]$/u.test(t) ? t : `（${t}）`;
}

/** Chinese numerals for a positive whole number below 10 000: 9 → 九, 10 → 十, 101 → 一百零一. */
export function chineseNumber(n: number): string {
  const digits = '零一二三四五六七八九';
  if (!Number.isInteger(n) || n < 1 || n >= 10_000) return String(n);
  if (n < 10) return digits[n]!;
  const units = ['', '十', '百', '千'];
  const parts = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  parts.forEach((d, i) => {
    const unit = units[parts.length - 1 - i]!;
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += '零';
    zero = false;
    // 10–19 read 十, 十一 …, not 一十.
    out += (d === 1 && unit === '十' && !out ? '' : digits[d]) + unit;
  });
  return out;
}

/** What year_prefix prints before 第N期: 〔2022〕, 2022年 or nothing. */
export function yearPrefixText(prefix: YearPrefix | undefined, year: number): string {
  return prefix === '年' ? `${year}年` : prefix ? `〔${year}〕` : '';
}

/**
 * The 期号 line's serial (FORMAT §10.2 as extended by issue 14; §3.1 L5): 〔2022〕第九期（总第683期） or
 * 2022年第九期（总第683期）. The year prefix goes with a 期号 only; 总第N期 is always in Arabic digits.
 */
export function serialText(f: { number?: number; total?: number; numberStyle: 'arabic' | 'chinese'; yearPrefix: YearPrefix; year: number }): string {
  const no = f.number === undefined ? '' : `${yearPrefixText(f.yearPrefix, f.year)}第${f.numberStyle === 'chinese' ? chineseNumber(f.number) : f.number}期`;
  const total = f.total === undefined ? '' : no ? `（总第${f.total}期）` : `总第${f.total}期`;
  return no + total;
}

/**
 * The structure number and heading sentence an article paragraph opens with [GB/T 9704 §7.3.3:
 * 文中结构层次序数依次可以用“一、”“（一）”“1.”“（1）”标注；一般第一层用黑体字、第二层用楷体字]: “一、主要
 * 指标运行特点” alone (a sub-heading: the whole paragraph), or “三、下阶段工作建议。” before the text (up to
 * its first 。！？, FORMAT §4.2 "formatted inline"). Level 1 is 一、, level 2 （一）; 1. and （1） stay in
 * the body face and are not returned. `maxChars` bounds the heading sentence; a longer one is text.
 */
export function articleLead(text: string, maxChars: number): { end: number; level: 1 | 2; whole: boolean } | undefined {
  const m = /^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)])/u.exec(text);
  if (!m) return undefined;
  const level = m[0].endsWith('、') ? 1 : 2;
  const stop = /[。！？]/u.exec(text.slice(m[0].length));
  if (!stop) {
    // A sub-heading on its own: short, no sentence inside it.
    return [...text].length <= maxChars && !/[，；：]/u.test(text) ? { end: text.length, level, whole: true } : undefined;
  }
  const end = m[0].length + stop.index + 1;
  if ([...text.slice(0, end)].length > maxChars || /[，；]/u.test(text.slice(0, end))) return undefined;
  return { end, level, whole: end >= text.trimEnd().length };
}
