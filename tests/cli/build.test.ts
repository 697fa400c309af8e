import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIO } from '../../src/cli/io.js';
import { createProgress, formatTable } from '../../src/batch/progress.js';
import { runCli } from '../helpers/cli.js';
import { put, sampleText, smallIssue, tempDir } from './fixtures.js';

describe('bulletin build on a folder', () => {
  it('builds every good file past a broken one, prints a summary table and exits 1', async () => {
    const dir = tempDir('batch');
    const src = path.join(dir, 'issues');
    const out = path.join(dir, 'out');
    const jan = put(src, '2021-01.yaml', sampleText());
    const feb = put(src, '2021-02.yaml', smallIssue({ period: '2021-02', printed: '2021-02-26' }));
    const bad = put(src, '2021-03.yaml', 'publication: 上海市安全生产协会信息动态\nperiod: 2021-13\n');
    const r = await runCli(['build', src, '-o', out]);
    expect(r.code).toBe(1);
    expect(existsSync(path.join(out, '2021-01.pdf'))).toBe(true);
    expect(existsSync(path.join(out, '2021-02.pdf'))).toBe(true);
    expect(existsSync(path.join(out, '2021-03.pdf'))).toBe(false);
    expect(readFileSync(path.join(out, '2021-01.pdf')).subarray(0, 5).toString()).toBe('%PDF-');

    // The bad file's problems are printed positioned, like a single build.
    expect(r.err).toContain(`${bad}:2:14 年月（period）：`);
    expect(r.err).toContain(`${bad}：有错误，未生成 PDF`);

    const lines = r.out.split('\n');
    const head = lines.findIndex((l) => /^文件\s+页数\s+大小\s+结果$/.test(l));
    expect(head).toBeGreaterThanOrEqual(0);
    const rows = lines.slice(head + 2, head + 5);
    expect(rows[0]).toMatch(new RegExp(`^${esc(jan)}\\s+5\\s+\\d+ KB\\s+成功 → ${esc(path.join(out, '2021-01.pdf'))}$`));
    expect(rows[1]).toMatch(new RegExp(`^${esc(feb)}\\s+1\\s+\\d+ KB\\s+成功`));
    expect(rows[2]).toMatch(new RegExp(`^${esc(bad)}\\s+—\\s+—\\s+失败（\\d+ 处错误）$`));
    expect(lines.at(-1)).toBe('共 3 个文件：2 个成功，1 个失败（原有的 PDF 保持不变）');
  }, 60_000);

  it('keeps the single-file messages', async () => {
    const dir = tempDir('batch-one');
    const bad = put(dir, 'bad.yaml', 'publication: x\n');
    const r = await runCli(['build', bad, '-o', path.join(dir, 'bad.pdf')]);
    expect(r.code).toBe(1);
    expect(r.err.split('\n').at(-1)).toBe(`${bad}：有错误，未生成 PDF（原有的 PDF 保持不变）`);
    expect(r.out).toBe('');
  });

  it('refuses two inputs that would write the same PDF, and a bad --jobs', async () => {
    const dir = tempDir('batch-clash');
    const a = put(path.join(dir, 'a'), 'x.yaml', 'x: 1\n');
    const b = put(path.join(dir, 'b'), 'x.yaml', 'x: 1\n');
    const clash = await runCli(['build', a, b, '-o', path.join(dir, 'out')]);
    expect(clash.code).toBe(2);
    expect(clash.err).toContain('会写到同一个文件');
    const jobs = await runCli(['build', a, '-j', 'zero']);
    expect(jobs.code).toBe(2);
    expect(jobs.err).toContain('-j/--jobs 应为正整数');
  });
});

describe('batch progress', () => {
  const sink = (isTTY: boolean) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIO = { out: (l) => out.push(l), err: (l) => err.push(l), isTTY };
    return { io, out, err };
  };

  it('redraws one bar in place on a terminal, with messages above it', () => {
    const s = sink(true);
    const p = createProgress(s.io, 2);
    p.tick('a.yaml');
    p.err('a.yaml:1:1 有错误');
    p.out('a.yaml → a.pdf');
    p.tick('b.yaml');
    p.finish();
    expect(s.out).toEqual([]);
    expect(s.err[0]).toMatch(/^生成 \[█{12}░{12}\] 1\/2 a\.yaml$/);
    expect(s.err[1]).toBe('\x1b[1A\x1b[2Ka.yaml:1:1 有错误');
    expect(s.err[2]).toMatch(/^生成 \[/);
    expect(s.err[3]).toMatch(/^\x1b\[1A\x1b\[2K生成 \[█{24}\] 2\/2 b\.yaml$/);
    expect(s.err.at(-1)).toMatch(/2\/2 完成$/);
  });

  it('prints plain lines when not a terminal', () => {
    const s = sink(false);
    const p = createProgress(s.io, 2);
    p.err('e');
    p.out('o');
    p.tick('a');
    p.finish();
    expect(s.err).toEqual(['e']);
    expect(s.out).toEqual(['o']);
  });

  it('pads table columns by display width', () => {
    expect(formatTable(['文件', 'n'], [['a', '10'], ['长文件名', '2']], [false, true])).toEqual([
      '文件       n',
      '--------  --',
      'a         10',
      '长文件名   2',
    ]);
  });
});

function esc(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
