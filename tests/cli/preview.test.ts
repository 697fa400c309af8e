import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { put, sampleText, smallIssue, tempDir } from './fixtures.js';

describe('bulletin preview', () => {
  it('writes one PNG per page and removes images left from an earlier preview', async () => {
    const dir = tempDir('preview');
    const file = put(dir, '2021-01.yaml', sampleText());
    const out = path.join(dir, 'png');
    put(out, '2021-01-9.png', 'stale');
    put(out, 'other.png', 'not ours');
    const r = await runCli(['preview', file, '-o', out, '-r', '30']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const pngs = readdirSync(out).filter((n) => /^2021-01-\d+\.png$/.test(n)).sort();
    expect(pngs).toEqual(['2021-01-1.png', '2021-01-2.png', '2021-01-3.png', '2021-01-4.png', '2021-01-5.png']);
    for (const p of pngs) expect([...readFileSync(path.join(out, p)).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(existsSync(path.join(out, 'other.png'))).toBe(true);
    expect(r.out.split('\n')[0]).toBe(`${file} → ${out}（5 页，30 dpi）`);
  }, 60_000);

  it('writes into output/preview/ by default, never among the PDFs in output/', async () => {
    const dir = tempDir('preview-default');
    const file = put(dir, '2021-01.yaml', smallIssue({ period: '2021-01', printed: '2021-01-20' }));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const r = await runCli(['preview', '2021-01.yaml', '-r', '30']);
      expect(r.code, r.err).toBe(0);
      expect(r.out.split('\n')[0]).toBe(`2021-01.yaml → ${path.join('output', 'preview')}（1 页，30 dpi）`);
    } finally {
      process.chdir(cwd);
    }
    expect(readdirSync(path.join(dir, 'output'))).toEqual(['preview']);
    expect(readdirSync(path.join(dir, 'output', 'preview'))).toEqual(['2021-01-1.png']);
    expect(existsSync(file)).toBe(true);
  }, 60_000);

  it('says how to install pdftoppm when it is missing', async () => {
    const dir = tempDir('preview-missing');
    const file = put(dir, 'a.yaml', smallIssue({ period: '2021-01', printed: '2021-01-20' }));
    const saved = process.env.PATH;
    process.env.PATH = dir; // no pdftoppm here
    try {
      const r = await runCli(['preview', file, '-o', path.join(dir, 'png')]);
      expect(r.code).toBe(1);
      expect(r.err).toContain('没有找到 pdftoppm');
      expect(r.err).toContain('sudo apt-get install poppler-utils');
      expect(existsSync(path.join(dir, 'png'))).toBe(false);
    } finally {
      process.env.PATH = saved;
    }
  });

  it('rejects a bad resolution and reports a broken issue', async () => {
    const dir = tempDir('preview-bad');
    const file = put(dir, 'a.yaml', 'period: 2021-01\n');
    expect((await runCli(['preview', file, '-r', '5'])).code).toBe(2);
    const r = await runCli(['preview', file, '-o', path.join(dir, 'png')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${file}：有错误，未生成预览`);
  });
});
