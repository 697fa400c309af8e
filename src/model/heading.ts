/** How section headings are printed, shared by the semantic check and the model builder. */
import { chineseNumber } from './parts.js';
import { wrapText } from './text.js';
import type { HeadingStyle, Text } from './types.js';

/** True when the title is already wrapped in 【】 (outer spaces ignored): it is then printed as is. */
export function isBracketed(title: string): boolean {
  const t = title.trim();
  return t.length >= 2 && t.startsWith('【') && t.endsWith('】');
}

/** A title that already carries the style's number (一、… or （一）…) is printed as written. */
const NUMBERED: Record<Exclude<HeadingStyle, '【】'>, RegExp> = {
  '一、': /^[一二三四五六七八九十百零〇两]+、/u,
  '（一）': /^（[一二三四五六七八九十百零〇两]+）/u,
};

/**
 * The heading as printed for the `n`-th (1-based) section of items: 【title】, 一、title or
 * （一）title [FORMAT §4.2]; a title the clerk already wrapped (for 【】) or numbered is kept as written.
 */
export function sectionHeading(title: Text, style: HeadingStyle, n: number): Text {
  if (style === '【】') return isBracketed(title.value) ? title : wrapText(title, '【', '】');
  if (NUMBERED[style].test(title.value.trim())) return title;
  // 【】 written round a title give way to the number: switching styles needs no edit of the titles.
  return wrapText(bareTitle(title), style === '一、' ? `${chineseNumber(n)}、` : `（${chineseNumber(n)}）`, '');
}

/** The title less the 【】 the clerk wrote round it (an empty 【】 stays as written). */
export function bareTitle(title: Text): Text {
  if (!isBracketed(title.value) || !/\S/u.test(title.value.trim().slice(1, -1))) return title;
  const lead = title.value.indexOf('【') + 1;
  const value = title.value.slice(lead, title.value.lastIndexOf('】'));
  return { value, span: title.span, at: (offset: number) => title.at(offset + lead) };
}
