/** Issue 14's fields in the schema, the semantic checks and the model: messages at file:line:col. */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diag.js';
import { partItems } from '../../src/model/parts.js';
import { ARTICLE, brief, load } from './issue.js';

const swap = (from: string, to: string): string => {
  expect(ARTICLE).toContain(from);
  return ARTICLE.replace(from, to);
};
const errors = (text: string) => load(text).diagnostics.filter((d) => d.severity === 'error');

describe('issue 14 fields', () => {
  it('reads the article issue: two masthead lines, 期号 style, 编者按, article, lead-in', () => {
    const { issue, diagnostics } = load(ARTICLE);
    expect(diagnostics).toEqual([]);
    expect(issue!.publicationLines.map((l) => l.value)).toEqual(['中国科学院老科学技术工作者协会', '科普工作简报']);
    expect(issue!.publication.value).toBe('中国科学院老科学技术工作者协会科普工作简报');
    expect(issue!.publication.at(15)).toMatchObject({ line: 1, column: 32 });
    expect([issue!.numberStyle, issue!.yearPrefix]).toEqual(['chinese', true]);
    expect(issue!.note?.value).toBe('本期刊发老科协2022年度理事会的情况。');
    const [article, section] = issue!.sections;
    expect(article).toMatchObject({ kind: 'article', heading: { value: '老科协举办2022年度理事会' }, source: { value: '办公室供稿' } });
    expect(partItems(article!).map((p) => p.text.span.line)).toEqual([12, 13]);
    expect(section!.kind).toBe('items');
    expect(partItems(section!)[1]).toMatchObject({ lead: { value: '党建引领。' }, text: { value: '1月26日，协会党支部召开组织生活会。' } });
  });

  it('keeps every older file valid with the defaults: arabic, no prefix, marker from the command line', () => {
    const { issue } = load(swap('number_style: chinese\nyear_prefix: true\n', ''));
    expect([issue!.numberStyle, issue!.yearPrefix, issue!.itemMarker]).toEqual(['arabic', false, undefined]);
  });

  it('takes item_marker: 1. (YAML reads a number) and none', () => {
    expect(load(swap('year_prefix: true', 'item_marker: 1.')).issue!.itemMarker).toBe('1.');
    expect(load(swap('year_prefix: true', 'item_marker: none')).issue!.itemMarker).toBe('');
    expect(load(swap('year_prefix: true', 'item_marker: （一）')).issue!.itemMarker).toBe('（一）');
  });

  it('names a wrong value of number_style, item_marker or year_prefix with what it takes', () => {
    const [style] = errors(swap('number_style: chinese', 'number_style: 汉字'));
    expect(formatDiagnostic(style!)).toBe('issues/x.yaml:5:15 期号写法（number_style）：应为 arabic、chinese 之一，实际为“汉字”（如“number_style: chinese”） [E_SCHEMA_ENUM]');
    expect(brief(errors(swap('year_prefix: true', 'item_marker: ★'))[0]!)).toBe('6:14 item_marker E_SCHEMA_ENUM');
    const [prefix] = errors(swap('year_prefix: true', 'year_prefix: 是'));
    expect(formatDiagnostic(prefix!)).toBe('issues/x.yaml:6:14 年份前缀（year_prefix）：应为 true、false、年 之一，实际为“是”（如“year_prefix: 年”） [E_SCHEMA_ENUM]');
  });

  it('allows at most two masthead lines', () => {
    const [d] = errors(swap('科普工作简报]', '科普, 工作简报]'));
    expect(brief(d!)).toBe('1:14 publication E_SCHEMA_RANGE');
    expect(formatDiagnostic(d!)).toContain(' 刊名（publication）：最多写两行，实际写了 3 行');
  });

  it('asks an article for its paragraphs, and says where a 【栏目】 title was used for one', () => {
    expect(errors(swap('    paragraphs:\n      - 3月4日', '    text:\n      - 3月4日')).map(brief)).toEqual(['10:5 sections[1].paragraphs E_SCHEMA_REQUIRED', '11:5 sections[1].text E_SCHEMA_UNKNOWN']);
    const d = errors(swap('  - article: 老科协举办2022年度理事会', '  - title: 老科协举办2022年度理事会')).find((x) => x.code === 'E_SCHEMA_UNKNOWN');
    expect(brief(d!)).toBe('11:5 sections[1].paragraphs E_SCHEMA_UNKNOWN');
    expect(d!.hint).toContain('“article:”');
  });

  it('reads a paragraph that became a field because of “: ” as such', () => {
    const [d] = errors(swap('      - 会议强调，', '      - 会议强调: '));
    expect(brief(d!)).toBe('13:9 sections[1].paragraphs[2] E_SCHEMA_ITEM_COLON');
    expect(formatDiagnostic(d!)).toContain(' 第1篇文章（老科协举办2022年度理…）的第2段：其中的英文冒号加空格“: ”有特殊含义，这一段被当作了字段“会议强调”');
  });

  it('checks the characters of the new texts at their positions', () => {
    const [d] = errors(swap('    source: 办公室供稿', '    source: 办公室\u0007供稿'));
    expect(brief(d!)).toBe('14:16 sections[1].source E_CONTROL_CHAR');
    const [lead] = errors(swap('{lead: 党建引领。', '{lead: 党建\uFFFD引领。'));
    expect(brief(lead!)).toBe('18:18 sections[2].items[2].lead E_BROKEN_CHAR');
    expect(formatDiagnostic(lead!)).toContain(' 第2个栏目（工作动态）第2条的小标题（lead）：有');
  });
});
