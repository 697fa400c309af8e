/** `heading_style`: 【工作动态】, 一、工作动态 or （一）工作动态, from the file to the model, `new` and the messages. */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diag.js';
import { nextDraft } from '../../src/draft/newIssue.js';
import { ARTICLE, load } from './issue.js';

const withStyle = (style: string, extra = ''): string =>
  ARTICLE.replace('year_prefix: true', `year_prefix: true\nheading_style: ${style}`).replace(
    'distribution:',
    `  - title: 【会员服务】\n    items:\n      - 2月1日，协会召开会员大会。\n${extra}distribution:`,
  );
const headings = (text: string): string[] => {
  const { issue, diagnostics } = load(text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return issue!.sections.map((s) => s.heading.value);
};

describe('heading_style', () => {
  it('prints 【】 by default, keeping brackets the clerk wrote', () => {
    expect(headings(withStyle('【】'))).toEqual(['老科协举办2022年度理事会', '【工作动态】', '【会员服务】']);
    expect(headings(withStyle('【】').replace('heading_style: 【】\n', ''))).toEqual(['老科协举办2022年度理事会', '【工作动态】', '【会员服务】']);
  });

  it('numbers the sections of items 一、二、 in order, skipping articles, and takes the bare title', () => {
    expect(headings(withStyle('一、'))).toEqual(['老科协举办2022年度理事会', '一、工作动态', '二、会员服务']);
    expect(headings(withStyle('（一）'))).toEqual(['老科协举办2022年度理事会', '（一）工作动态', '（二）会员服务']);
  });

  it('keeps a title the clerk already numbered as written', () => {
    const text = withStyle('一、', '  - title: 三、专家管理\n    items:\n      - 2月3日，专家组开会。\n');
    expect(headings(text)).toEqual(['老科协举办2022年度理事会', '一、工作动态', '二、会员服务', '三、专家管理']);
  });

  it('maps a title to its source characters behind the added number', () => {
    const { issue } = load(withStyle('一、'));
    const s = issue!.sections[1]!;
    // “一、工作动态”: offset 2 is 工, which the file has at line 16, column 12.
    expect(s.heading.at(2)).toMatchObject({ line: 16, column: 12 });
    expect(s.kind === 'items' && s.title.value).toBe('工作动态');
  });

  it('names a wrong value with the three it takes, each quoted (一、 holds a 、 itself)', () => {
    const [d] = load(withStyle('一')).diagnostics.filter((x) => x.severity === 'error');
    expect(formatDiagnostic(d!)).toBe(
      'issues/x.yaml:7:16 栏目标题样式（heading_style）：应为 “【】”“一、”“（一）” 之一，实际为“一”（如“heading_style: 一、”；不写时印为【栏目】） [E_SCHEMA_ENUM]',
    );
  });

  it('carries over to the next issue with bare titles, and the default is not written', () => {
    const { issue } = load(withStyle('（一）'));
    const draft = nextDraft(issue!);
    expect(draft.headingStyle).toBe('（一）');
    expect(draft.sections.map((s) => ('title' in s ? s.title : s.article))).toEqual([expect.any(String), '工作动态', '会员服务']);
    expect(nextDraft(load(withStyle('【】')).issue!).headingStyle).toBeUndefined();
  });
});
