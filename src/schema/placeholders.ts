/**
 * Placeholder text that `bulletin new` puts in each section. An issue still carrying it must not be
 * printed, so validation rejects it (the schema cannot know: it is valid text) and no stage after it
 * runs: `check`, `build` and every caller of `compile` refuse it alike.
 */
import type { Diagnostic } from '../diag.js';
import { eachString } from '../source/lenient.js';
import type { Locator } from '../source/locate.js';
import type { IssueDocument } from '../source/parse.js';
import { formatField } from './fields.js';

/** The stable part every placeholder starts with; a clerk's own text never says this. */
export const PLACEHOLDER_MARK = '请在此填写';

/** The placeholder item of each section of a new issue. */
export const PLACEHOLDER_ITEM = `${PLACEHOLDER_MARK}本栏目的第一条动态。`;

/** The placeholder title and paragraph of an article of a new issue. */
export const PLACEHOLDER_TITLE = `${PLACEHOLDER_MARK}文章标题`;
export const PLACEHOLDER_PARAGRAPH = `${PLACEHOLDER_MARK}文章的第一段。`;

/**
 * One E_PLACEHOLDER error per string value of the document that still holds placeholder text. Runs
 * on any parsed document, even one with YAML or schema errors, so every placeholder is reported in
 * the same run as the other problems.
 */
export function checkPlaceholders(doc: IssueDocument, locator: Locator, text: string): Diagnostic[] {
  // Most files hold no placeholder: skip the walk unless the mark is there as typed, or could be
  // hidden in a double-quoted escape.
  if (!text.includes(PLACEHOLDER_MARK) && !/\\[uUx]/.test(text)) return [];
  const out: Diagnostic[] = [];
  eachString(doc, (value, node, path) => {
    if (!value.includes(PLACEHOLDER_MARK)) return;
    out.push({
      severity: 'error',
      code: 'E_PLACEHOLDER',
      span: locator.spanAt(node.range?.[0] ?? 0),
      field: formatField(path),
      message: `还是提示文字“${value.trim()}”，尚未填写`,
      hint: path.includes('paragraphs') || path.includes('article') ? '请换成本期的内容；这篇文章本期不用时，请删去整篇（article 和 paragraphs）' : '请换成本期的内容；本栏目本期没有动态时，请删去整个栏目',
    });
  });
  return out;
}
