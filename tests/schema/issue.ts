/** A small valid issue for the schema and model tests, and helpers to run it through loadIssue. */
import { loadIssue } from '../../src/source/load.js';
import { placeText, type Diagnostic } from '../../src/diag.js';

/** Valid; line numbers matter to the tests (see the comments). */
export const VALID = [
  'publication: 信息动态', // 1
  'period: 2021-01', // 2
  'number: 1', // 3
  'editor: 办公室编', // 4
  'sections:', // 5
  '  - title: 协会党建', // 6
  '    items:', // 7
  '      - 第一条', // 8
  '      - text: 第二条', // 9
  'distribution:', // 10
  '  报: 市局', // 11
  '  送: [甲, 乙]', // 12
  'printed: 2021-01-29', // 13
  '',
].join('\n');

/** An article-style issue with every field of issue 14 (line numbers matter to the tests). */
export const ARTICLE = [
  'publication: [中国科学院老科学技术工作者协会, 科普工作简报]',
  'period: 2022-03',
  'number: 9',
  'total: 683',
  'number_style: chinese',
  'year_prefix: true',
  'editor: 中科院老科协办公室',
  'note: 本期刊发老科协2022年度理事会的情况。',
  'sections:',
  '  - article: 老科协举办2022年度理事会',
  '    paragraphs:',
  '      - 3月4日上午，中国科学院老科学技术工作者协会召开2022年度理事会，会议听取了工作报告，审议通过了有关事项。',
  '      - 会议强调，要充分发挥老科技工作者的优势和作用。',
  '    source: 办公室供稿',
  '  - title: 工作动态',
  '    items:',
  '      - 1月25日，科普宣讲团开展主题宣讲活动。',
  '      - {lead: 党建引领。, text: 1月26日，协会党支部召开组织生活会。}',
  'distribution:',
  '  发: 各分会',
  'printed: 2022-03-07',
  '',
].join('\n');

export const FILE = 'issues/x.yaml';

/** Loads text as an issue file. */
export const load = (text: string) => loadIssue(FILE, new TextEncoder().encode(text));

/** Replaces one line (1-based) of VALID. */
export const withLine = (line: number, replacement: string): string => {
  const lines = VALID.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
};

/** "line:column field code" for compact assertions. */
export const brief = (d: Diagnostic): string => `${d.span.line}:${d.span.column} ${d.field} ${d.code}`;

/** What the CLI line says between the position and the hint: the place, a colon, the message. */
export const said = (d: Diagnostic): string => {
  const place = placeText(d);
  return place ? `${place}：${d.message}` : d.message;
};
