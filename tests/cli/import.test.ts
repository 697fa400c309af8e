import { readFileSync } from 'node:fs';
import path from 'node:path';
import { partItems } from '../../src/model/parts.js';
import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/model/types.js';
import { runCli } from '../helpers/cli.js';
import { load, put, SAMPLE_TXT, SHARED_YAML, tempDir } from './fixtures.js';

/** The printed content of an issue, without positions. */
function content(issue: Issue) {
  return {
    publication: issue.publication.value,
    period: [issue.period.year, issue.period.month],
    number: issue.number?.value,
    total: issue.total?.value,
    editor: issue.editor.value,
    sections: issue.sections.map((s) => ({ heading: s.heading.value, items: partItems(s).map((i) => i.text.value) })),
    distribution: issue.distribution.map((d) => ({ label: d.label.value, recipients: d.recipients.map((r) => r.value) })),
    printed: [issue.printed.year, issue.printed.month, issue.printed.day],
    copies: issue.copies?.value,
    printer: issue.printer?.value,
  };
}

describe('bulletin import', () => {
  it('turns the sample text into an issue with every item and the distribution of the sample YAML', async () => {
    const dir = tempDir('import');
    const out = path.join(dir, 'issues', '2021-01.yaml');
    const r = await runCli(['import', SAMPLE_TXT, '-o', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(`${SAMPLE_TXT} → ${out}（7 个栏目，13 条）`);
    const imported = content(load(out));
    const expected = content(load(SHARED_YAML));
    // Item by item first, for a readable failure, then everything.
    expect(imported.sections.map((s) => s.heading)).toEqual(expected.sections.map((s) => s.heading));
    expected.sections.forEach((s, i) => s.items.forEach((item, j) => expect(imported.sections[i]?.items[j]).toBe(item)));
    expect(imported.distribution).toEqual(expected.distribution);
    expect(imported).toEqual(expected);
    // The modeline's $schema resolves, from the folder the file was written to, to the tool's schema.
    const modeline = /^# yaml-language-server: \$schema=(.+)$/.exec(readFileSync(out, 'utf8').split('\n')[0]!);
    expect(path.resolve(path.dirname(out), modeline![1]!)).toBe(path.resolve('schema/issue.schema.json'));
  });

  it('reads 期号, page breaks, wrapped 报/送 lists and the printer; reports what it cannot place at old.txt:line:col', async () => {
    const dir = tempDir('import-odd');
    const txt = put(
      dir,
      'old.txt',
      [
        '上海市安全生产协会信息动态',
        '第3期（总第217期）',
        '上海市安全生产协会办公室编　　　　2021年3月30日',
        '',
        '【工作动态】',
        '',
        '➤ 3月2日，协会召开了HSE',
        'working group会议，部署了',
        '',
        '— 2 —',
        '',
        '下一阶段的工作。',
        '',
        '这一段没有条目符号，但句子完整。',
        '• 3月9日，协会走访了会员单位。',
        '',
        '报：市应急管理局领导',
        '送：市应急管理局机关各处室，各区应急管理局，',
        '    有关行业协会',
        '',
        '  这一行不知道放在哪里',
        '上海市安全生产协会办公室    2021年3月30日印（共印300份）',
        '',
      ].join('\r\n'),
    );
    const out = path.join(dir, 'x.yaml');
    const r = await runCli(['import', txt, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.err.split('\n').map((l) => l.replace(/ \[[EW]_[A-Z0-9_]+\]$/, ''))).toEqual([
      `${txt}:21:3 警告 报尾中无法识别的一行，未导入：“这一行不知道放在哪里”`,
      `${txt}:3:1 警告 没有找到“YYYY 年 M 月”一行，年月按报头的日期取为 2021年3月，请核对`,
    ]);
    const issue = content(load(out));
    expect(issue).toMatchObject({
      publication: '上海市安全生产协会信息动态',
      period: [2021, 3],
      number: 3,
      total: 217,
      editor: '上海市安全生产协会办公室编',
      printed: [2021, 3, 30],
      copies: 300,
      printer: '上海市安全生产协会办公室',
    });
    expect(issue.sections).toEqual([
      {
        heading: '【工作动态】',
        items: ['3月2日，协会召开了HSE working group会议，部署了下一阶段的工作。', '这一段没有条目符号，但句子完整。', '3月9日，协会走访了会员单位。'],
      },
    ]);
    expect(issue.distribution).toEqual([
      { label: '报', recipients: ['市应急管理局领导'] },
      { label: '送', recipients: ['市应急管理局机关各处室', '各区应急管理局', '有关行业协会'] },
    ]);
    // Nothing is lost: the unplaced line is kept as a comment.
    expect(readFileSync(out, 'utf8')).toMatch(/^#\s+（21）这一行不知道放在哪里$/m);
  });

  it('leaves missing fields empty for check to ask for, and exits 1', async () => {
    const dir = tempDir('import-missing');
    const txt = put(dir, 'bare.txt', '【工作动态】\n- 一条动态。\n');
    const out = path.join(dir, 'bare.yaml');
    const r = await runCli(['import', txt, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('印发日期（printed）：现在为空，请填写');
    expect(r.err).toContain(`${out}：还有需要补充或改正的地方`);
    expect(readFileSync(out, 'utf8')).toMatch(/^publication: +# 刊名（必填），红色报头，原样印出：请填写$/m);
  });

  it('refuses to overwrite', async () => {
    const dir = tempDir('import-exists');
    const out = put(dir, 'x.yaml', 'keep me\n');
    const r = await runCli(['import', SAMPLE_TXT, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('文件已存在，没有覆盖');
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');
  });
});
