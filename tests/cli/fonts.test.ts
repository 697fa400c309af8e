import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('bulletin fonts', () => {
  it('lists every role chain with its free default first', async () => {
    const r = await runCli(['fonts']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/【仿宋】[\s\S]*?1\s+FandolFang/);
    expect(r.out).toMatch(/【小标宋】[\s\S]*?1\s+Noto Serif SC Black/);
    expect(r.out).toMatch(/【黑体】[\s\S]*?1\s+Noto Sans SC/);
  }, 30_000);

  it('with an issue, names a character no font has and exits 1', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-fonts-'));
    const file = path.join(dir, 'x.yaml');
    writeFileSync(file, readFileSync('issues/2021-01.yaml', 'utf8').replace('1月25日，协会', '1月25日，\uE000协会'));
    const r = await runCli(['fonts', file]);
    expect(r.code).toBe(1);
    expect(r.out + r.err).toContain('U+E000');
  }, 30_000);
});
