/**
 * Text pasted into an issue file the way a clerk pastes it (issue 16, item 4): each gets one message
 * that names what was done and what to type, instead of "缺少冒号", "缩进没有对齐" or "YAML 别名".
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diag.js';
import { loadIssue } from '../../src/source/load.js';

const FILE = 'issues/x.yaml';
const SAMPLE = readFileSync(new URL('../../issues/2021-01.yaml', import.meta.url), 'utf8');
const ITEM = '      - 1月26日，支部参加了';
const line = SAMPLE.split('\n').findIndex((l) => l.startsWith(ITEM)) + 1;
const errors = (text: string): Diagnostic[] =>
  loadIssue(FILE, new TextEncoder().encode(text)).diagnostics.filter((d) => d.severity === 'error');
const only = (text: string): Diagnostic => {
  const ds = errors(text);
  expect(ds, JSON.stringify(ds, null, 1)).toHaveLength(1);
  return ds[0]!;
};
const at = (d: Diagnostic): string => `${d.span.line}:${d.span.column}`;

describe('a line break pasted into an item', () => {
  it('at the start of the line: the rest of the item, not a field missing its colon', () => {
    const d = only(SAMPLE.replace('会前集中学习，全体党员', '会前集中学习，\n全体党员'));
    expect([d.span.line, d.span.column, d.code]).toEqual([9, 1, 'E_YAML_PASTED']);
    expect(d.message).toContain('像是从上一行断开的');
    expect(d.message).not.toContain('冒号');
    expect(d.hint).toContain('接回上一行末尾');
    expect(d.field).toBe('sections[1].items[1]');
  });

  it('at the column of the items\' "-", in the middle of a sentence', () => {
    const d = only(SAMPLE.replace('会前集中学习，全体党员', '会前集中学习，\n      全体党员'));
    expect([at(d), d.code]).toEqual(['9:7', 'E_YAML_PASTED']);
    expect(d.message).toContain('像是从上一行断开的');
  });

  it('in a field\'s value', () => {
    const d = only(SAMPLE.replace('publication: 上海市安全生产协会信息动态', 'publication: 上海市安全生产\n协会信息动态'));
    expect([at(d), d.code]).toEqual(['3:1', 'E_YAML_PASTED']);
    expect(d.message).toContain('一个字段的内容');
  });

  it('indented past the "-" is more of the item\'s text, as YAML reads it: no error', () => {
    expect(errors(SAMPLE.replace('会前集中学习，全体党员', '会前集中学习，\n        全体党员'))).toEqual([]);
  });
});

describe('an item that lost its "- "', () => {
  it('is named as such at an aligned line (not "缩进没有对齐")', () => {
    const d = only(SAMPLE.replace(ITEM, ITEM.replace('- ', '')));
    expect([at(d), d.code]).toEqual([`${line}:7`, 'E_YAML_PASTED']);
    expect(d.message).toContain('少了开头的“- ”');
    expect(d.message).not.toContain('缩进');
  });
});

describe('an item that begins with a character YAML reads as syntax', () => {
  const item = (start: string): Diagnostic => only(SAMPLE.replace(ITEM, `      - ${start}1月26日，支部参加了`));

  it('"[转载]" is not an indentation problem: quote it, or use 【】', () => {
    const d = item('[转载]');
    expect([at(d), d.code]).toEqual([`${line}:9`, 'E_YAML_START']);
    expect(d.message).toContain('以“[”开头');
    expect(d.hint).toContain('"[转载]1月26日');
    expect(d.hint).toContain('【转载】');
  });

  it('"*重要*" is not called a YAML alias (jargon): emphasis is not supported, quote or drop the stars', () => {
    const d = item('*重要* ');
    expect(d.code).toBe('E_YAML_START');
    expect(d.message).not.toContain('别名“');
    expect(d.hint).toContain('"*重要* 1月26日');
    expect(d.hint).toContain('星号');
  });

  it('"&", "!", "{…}", "|" and ">" followed by text', () => {
    for (const start of ['&重要 ', '!重要 ', '{转载}', '|重要 ', '>重要 ']) {
      const d = item(start);
      expect([at(d), d.code], start).toEqual([`${line}:9`, 'E_YAML_START']);
      expect(d.hint, start).toContain(`"${start}`);
    }
  });

  it('real YAML stays YAML: a flow list that closes at the end of its line, and anchors without Han text', () => {
    expect(errors(SAMPLE.replace('  送: 市应急管理局机关各处室', '  送: [市应急管理局机关各处室, 各区应急管理局]'))).toEqual([]);
    const ds = errors('a: &x 1\nb: *x\n');
    expect(ds.map((d) => d.code)).toEqual(['E_YAML_ANCHOR', 'E_YAML_ALIAS']);
  });
});
