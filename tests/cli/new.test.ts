import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { latestIssueFile } from '../../src/draft/newIssue.js';
import { PLACEHOLDER_ITEM } from '../../src/schema/placeholders.js';
import { runCli } from '../helpers/cli.js';
import { put, sampleText, smallIssue, tempDir } from './fixtures.js';

describe('bulletin new', () => {
  it('drafts next month from the sample: check rejects it until the items and print date are filled', async () => {
    const dir = tempDir('new');
    const from = put(path.join(dir, 'issues'), '2021-01.yaml', sampleText());
    const made = await runCli(['new', '--from', from]);
    expect(made.err).toBe('');
    expect(made.code).toBe(0);
    const file = path.join(dir, 'issues', '2021-02.yaml');
    expect(made.out).toContain(file);
    const text = readFileSync(file, 'utf8');
    // The modeline's $schema resolves, from the folder the file was written to, to the tool's schema.
    const modeline = /^# yaml-language-server: \$schema=(.+)$/.exec(text.split('\n')[0]!);
    expect(path.resolve(path.dirname(file), modeline![1]!)).toBe(path.resolve('schema/issue.schema.json'));
    expect(text).toMatch(/^period: 2021-02 +# 年月/m);
    expect(text).toMatch(/^printed: +# 印发日期（必填）：请填写/m);
    const data = parse(text) as Record<string, unknown> & { sections: Array<{ title: string; items: string[] }> };
    const prev = parse(sampleText()) as typeof data;
    expect(data.sections.map((s) => s.title)).toEqual(prev.sections.map((s) => s.title));
    for (const s of data.sections) expect(s.items).toEqual([PLACEHOLDER_ITEM]);
    expect(data.publication).toBe(prev.publication);
    expect(data.editor).toBe(prev.editor);
    expect(data.distribution).toEqual(prev.distribution);
    expect(data.printed).toBeNull();

    // As drafted: the print date and all seven placeholders are reported, positioned.
    const rejected = await runCli(['check', file]);
    expect(rejected.code).toBe(1);
    expect(rejected.err).toMatch(new RegExp(`${escape(file)}:\\d+:1 印发日期（printed）：现在为空，请填写`));
    const placeholderLines = rejected.err.split('\n').filter((l) => l.includes('还是提示文字'));
    expect(placeholderLines).toHaveLength(7);
    expect(placeholderLines[0]).toMatch(new RegExp(`^${escape(file)}:11:9 第1个栏目（协会党建）第1条：还是提示文字`));
    expect(rejected.out).not.toContain('格式正确');

    // Print date filled, placeholders still there: still rejected, and build refuses too.
    const dated = text.replace(/^printed:.*$/m, 'printed: 2021-02-26');
    writeFileSync(file, dated);
    const still = await runCli(['check', file]);
    expect(still.code).toBe(1);
    expect(still.err).not.toContain('印发日期（printed）：现在为空');
    expect(still.err).toContain('还是提示文字');
    const pdf = path.join(dir, 'out.pdf');
    const build = await runCli(['build', file, '-o', pdf]);
    expect(build.code).toBe(1);
    expect(existsSync(pdf)).toBe(false);

    // Everything filled: accepted.
    let n = 0;
    writeFileSync(file, dated.replaceAll(PLACEHOLDER_ITEM, () => `2月${++n}日，协会召开了第${n}次工作会议。`));
    const accepted = await runCli(['check', file]);
    expect(accepted.err).toBe('');
    expect(accepted.code).toBe(0);
    expect(accepted.out).toContain(`${file}：格式正确`);
  }, 60_000);

  it('refuses to overwrite an existing file', async () => {
    const dir = tempDir('new-exists');
    const from = put(dir, '2021-01.yaml', sampleText());
    const target = put(dir, '2021-02.yaml', '# the clerk has already started this one\n');
    const r = await runCli(['new', '--from', from]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${target}：文件已存在，没有覆盖`);
    expect(readFileSync(target, 'utf8')).toBe('# the clerk has already started this one\n');
    // -o elsewhere works.
    const other = path.join(dir, 'draft.yaml');
    expect((await runCli(['new', '--from', from, '-o', other])).code).toBe(0);
    expect(readFileSync(other, 'utf8')).toContain('period: 2021-02');
  });

  it('rolls December over: period 2022-01, 期号 restarts at 1, 总期号 goes on; copies and printer kept', async () => {
    const dir = tempDir('new-year');
    const dec = smallIssue({ period: '2021-12', number: 12, total: 226, printed: '2021-12-28' }) + 'copies: 300\nprinter: 上海市安全生产协会办公室\n';
    const from = put(dir, '2021-12.yaml', dec);
    const r = await runCli(['new', '--from', from]);
    expect(r.code).toBe(0);
    const data = parse(readFileSync(path.join(dir, '2022-01.yaml'), 'utf8')) as Record<string, unknown>;
    expect(data).toMatchObject({ period: '2022-01', number: 1, total: 227, copies: 300, printer: '上海市安全生产协会办公室', printed: null });
  });

  it('adds one to 期号 and 总期号 within a year', async () => {
    const dir = tempDir('new-number');
    const from = put(dir, 'x.yaml', smallIssue({ period: '2021-03', number: 3, total: 217, printed: '2021-03-30' }));
    expect((await runCli(['new', '--from', from])).code).toBe(0);
    expect(parse(readFileSync(path.join(dir, '2021-04.yaml'), 'utf8'))).toMatchObject({ period: '2021-04', number: 4, total: 218 });
  });

  it('will not draft from an issue that is not finished', async () => {
    const dir = tempDir('new-unfinished');
    const from = put(dir, '2021-01.yaml', sampleText());
    expect((await runCli(['new', '--from', from])).code).toBe(0);
    const r = await runCli(['new', '--from', path.join(dir, '2021-02.yaml')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('印发日期（printed）：现在为空，请填写');
    expect(r.err).toContain('尚未填写完成');
    expect(existsSync(path.join(dir, '2021-03.yaml'))).toBe(false);
  });

  it('finds the latest issue by period, not by file name', async () => {
    const dir = tempDir('new-latest');
    put(dir, 'a.yaml', smallIssue({ period: '2021-11', printed: '2021-11-28' }));
    put(dir, 'b.yaml', smallIssue({ period: '2021-02', printed: '2021-02-26' }));
    put(dir, 'notes.txt', 'not an issue');
    expect(await latestIssueFile(dir)).toBe(path.join(dir, 'a.yaml'));
    expect(await latestIssueFile(path.join(dir, 'missing'))).toBeUndefined();
  });

  it('is a usage error when --from does not exist', async () => {
    const r = await runCli(['new', '--from', '/nonexistent/2021-01.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('找不到文件');
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
