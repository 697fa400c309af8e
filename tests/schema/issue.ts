/** A small valid issue for the schema and model tests, and helpers to run it through loadIssue. */
import { loadIssue } from '../../src/source/load.js';
import type { Diagnostic } from '../../src/diag.js';

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
