/** commander's help and usage errors reach the clerk in Chinese (issue 16, item 9). */
import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/cli/terminal.js';
import { translateError, wrapCjk } from '../../src/cli/zh.js';
import { runCli } from '../helpers/cli.js';

describe('the command line speaks Chinese', () => {
  it('help: 用法, 选项, 命令 and the argument names, with columns that line up in a terminal', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^用法： bulletin \[选项\] \[命令\]/);
    expect(r.out).toContain('选项：');
    expect(r.out).toContain('命令：');
    expect(r.out).toContain('build [选项] <期刊文件...>');
    expect(r.out).not.toMatch(/Usage|Options:|Commands:|display help/);
    // Every command's description starts in one terminal column (Han characters are two cells wide).
    const starts = r.out
      .split('\n')
      .filter((l) => /^ {2}[a-z]/.test(l))
      .map((l) => displayWidth(/^ {2}\S+(?: \S+)*? {2,}/.exec(l)![0]));
    expect(starts.length).toBeGreaterThan(8);
    expect(new Set(starts).size).toBe(1);
    const build = await runCli(['build', '--help']);
    expect(build.out).toContain('参数：');
    expect(build.out).toContain('期刊文件');
  });

  it('a misspelt option names the one meant, in Chinese, and exits 2', async () => {
    const r = await runCli(['build', '--duplx', 'issues/2021-01.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('未知选项 --duplx，是否要用 --duplex？');
    expect(r.err).not.toMatch(/error:|Did you mean|Usage/);
  });

  it('a misspelt command, a missing argument and a missing option value', async () => {
    expect((await runCli(['biuld'])).err).toContain('没有“biuld”这个命令，是否要用 build？');
    const missing = await runCli(['build']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('缺少参数 <期刊文件>');
    expect((await runCli(['build', 'issues/2021-01.yaml', '-j'])).err).toContain('后面缺少取值');
  });

  it('every usage error commander can raise is translated', () => {
    for (const en of [
      "error: unknown option '--x'",
      "error: missing required argument 'pdf'",
      "error: option '-o, --output <path>' argument missing",
      "error: required option '--year <y>' not specified",
      'error: too many arguments. Expected 1 argument but got 3.',
      "error: too many arguments for 'extract'. Expected 1 argument but got 2.",
      "error: option '--kinsoku <level>' argument 'x' is invalid.",
    ]) {
      const zh = translateError(en);
      expect(zh, en).not.toMatch(/error|argument|option|Expected/);
    }
  });

  it('help text wraps between Han characters, within the width, never starting a line with a closing mark', () => {
    const text = '生成全年总目录（PDF，另附同名 CSV 表格）：每期的年月、期号，各栏目条目的开头和所在页码，，，';
    const lines = wrapCjk(text, 40).split('\n');
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(displayWidth(l)).toBeLessThanOrEqual(40);
    for (const l of lines.slice(1)) expect(l).not.toMatch(/^[，。、；：）]/);
    // Nothing lost: only a space at a break may go.
    expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
  });
});
