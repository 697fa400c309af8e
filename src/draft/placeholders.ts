/**
 * Placeholder text that `bulletin new` puts in each section. An issue still carrying it must not be
 * printed, so `check` and `build` reject it (the schema cannot know: it is valid text).
 */
import type { Diagnostic } from '../diag.js';
import { describeField, formatField } from '../schema/fields.js';
import { MAX_SOURCE_BYTES } from '../source/parse.js';
import { decodeLenient, eachString, readLenient } from '../source/lenient.js';

/** The stable part every placeholder starts with; a clerk's own text never says this. */
export const PLACEHOLDER_MARK = '请在此填写';

/** The placeholder item of each section of a new issue. */
export const PLACEHOLDER_ITEM = `${PLACEHOLDER_MARK}本栏目的第一条动态。`;

/** The placeholder title and paragraph of an article of a new issue. */
export const PLACEHOLDER_TITLE = `${PLACEHOLDER_MARK}文章标题`;
export const PLACEHOLDER_PARAGRAPH = `${PLACEHOLDER_MARK}文章的第一段。`;

/** One E_PLACEHOLDER error per string value of the file that still holds placeholder text. */
export function findPlaceholders(file: string, bytes: Uint8Array): Diagnostic[] {
  // Over the size limit loadIssue refuses the file; decoding it here first could exhaust memory.
  if (bytes.length > MAX_SOURCE_BYTES) return [];
  // Most files hold no placeholder: skip the second YAML parse (a tenth of the build of a long
  // issue) unless the mark is there as typed, or could be hidden in a double-quoted escape.
  const text = decodeLenient(bytes);
  if (!text.includes(PLACEHOLDER_MARK) && !/\\[uUx]/.test(text)) return [];
  const { doc, locator } = readLenient(file, bytes);
  const out: Diagnostic[] = [];
  eachString(doc, (value, node, path) => {
    const at = value.indexOf(PLACEHOLDER_MARK);
    if (at < 0) return;
    out.push({
      severity: 'error',
      code: 'E_PLACEHOLDER',
      span: locator.spanAt(node.range?.[0] ?? 0),
      field: formatField(path),
      message: `${describeField(path)}还是提示文字“${value.trim()}”，尚未填写`,
      hint: '请换成本期的内容；本栏目本期没有动态时，请删去整个栏目',
    });
  });
  return out;
}
