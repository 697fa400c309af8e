/** Issue 14 through the CLI: check fails exactly when build does; new carries the new fields over. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_PARAGRAPH, PLACEHOLDER_TITLE } from '../../src/schema/placeholders.js';
import { runCli } from '../helpers/cli.js';
import { ARTICLE } from '../schema/issue.js';
import { put, sampleText, tempDir } from './fixtures.js';

/** The error lines of a run (warnings and summary lines left out). */
const errorLines = (err: string): string[] => err.split('\n').filter((l) => /:\d+:\d+ (?!警告)/.test(l));

describe('check and build agree', () => {
  const cases: Array<[string, string]> = [
    ['a one-line name too long for the masthead', sampleText().replace('publication: 上海市安全生产协会信息动态', `publication: ${'长'.repeat(23)}`)],
    ['a two-line name with a line too long', ARTICLE.replace('科普工作简报]', `${'长'.repeat(19)}]`)],
    ['a character no font has', ARTICLE.replace('会议强调，', '会议强调\uE000，')],
    ['an editor too long for the line with the date', sampleText().replace('editor: 上海市安全生产协会办公室编', `editor: ${'编'.repeat(24)}`)],
  ];
  for (const [what, text] of cases) {
    it(`both refuse ${what}, with the same messages`, async () => {
      const dir = tempDir('agree');
      const file = put(dir, 'x.yaml', text);
      const check = await runCli(['check', file]);
      const pdf = path.join(dir, 'x.pdf');
      const build = await runCli(['build', file, '-o', pdf]);
      expect(check.code).toBe(1);
      expect(build.code).toBe(1);
      expect(existsSync(pdf)).toBe(false);
      expect(errorLines(check.err).length).toBeGreaterThan(0);
      expect(errorLines(check.err)).toEqual(errorLines(build.err));
      expect(check.out).not.toContain('格式正确');
    });
  }

  it('both accept the article issue', async () => {
    const dir = tempDir('agree-ok');
    const file = put(dir, 'x.yaml', ARTICLE);
    expect((await runCli(['check', file])).code).toBe(0);
    const build = await runCli(['build', file, '-o', path.join(dir, 'x.pdf')]);
    expect(build.code).toBe(0);
  });
});

describe('bulletin new from an article issue', () => {
  it('carries the two-line name, 期号 style, year prefix and marker over; keeps the article with placeholders', async () => {
    const dir = tempDir('new-article');
    const from = put(path.join(dir, 'issues'), '2022-03.yaml', ARTICLE.replace('year_prefix: true', 'year_prefix: true\nitem_marker: （一）'));
    const made = await runCli(['new', '--from', from]);
    expect(made.code).toBe(0);
    const text = readFileSync(path.join(dir, 'issues', '2022-04.yaml'), 'utf8');
    const data = parse(text) as Record<string, unknown> & { sections: unknown[] };
    expect(data).toMatchObject({
      publication: ['中国科学院老科学技术工作者协会', '科普工作简报'],
      period: '2022-04',
      number: 10,
      total: 684,
      number_style: 'chinese',
      year_prefix: true,
      item_marker: '（一）',
    });
    expect(data.note).toBeUndefined();
    expect(data.sections[0]).toEqual({ article: PLACEHOLDER_TITLE, paragraphs: [PLACEHOLDER_PARAGRAPH], source: '办公室供稿' });
    expect(text).toMatch(/^number: 10 +# 期号（可选）→ 〔2022〕第十期$/m);
  });
});
