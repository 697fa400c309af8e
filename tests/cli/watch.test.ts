import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startWatch } from '../helpers/watch.js';
import { smallIssue, tempDir } from './fixtures.js';

describe('bulletin watch', () => {
  it('rebuilds on each save (also saves by rename), keeps the last good PDF on a bad save, stops on abort', async () => {
    const w = startWatch('watch');
    const { dir, file, output, attempts, seen } = w;
    await seen(1); // the build at start
    expect(attempts[0]).toMatchObject({ n: 1, ok: true, pages: 1 });

    // Two writes in quick succession are one save: one build, of the second text.
    writeFileSync(file, smallIssue({ period: '2021-02', printed: '2021-02-26', items: ['第二版（草稿）。'] }));
    writeFileSync(file, smallIssue({ period: '2021-02', printed: '2021-02-26', items: ['第二版。'] }));
    await seen(2);
    expect(attempts[1]).toMatchObject({ n: 2, ok: true });
    const good = readFileSync(output);

    // A broken save: reported, and the PDF of the last good build stays.
    writeFileSync(file, 'period: 2021-02\n');
    await seen(3);
    expect(attempts[2]!.ok).toBe(false);
    expect(attempts[2]!.diagnostics.some((d) => d.severity === 'error' && d.field === 'publication')).toBe(true);
    expect(readFileSync(output).equals(good)).toBe(true);

    // An editor that writes a temp file and renames it over the issue.
    const tmp = path.join(dir, '.2021-02.yaml.swp');
    writeFileSync(tmp, smallIssue({ period: '2021-02', printed: '2021-02-26', items: ['第三版。'] }));
    renameSync(tmp, file);
    await seen(4);
    expect(attempts[3]).toMatchObject({ n: 4, ok: true });
    expect(readFileSync(output).equals(good)).toBe(false);

    // Nothing else was built (the debounce merged the double write), then abort ends the loop.
    await new Promise((r) => setTimeout(r, 400));
    expect(attempts).toHaveLength(4);
    await w.stop();
    writeFileSync(file, smallIssue({ period: '2021-02', printed: '2021-02-26', items: ['停止之后。'] }));
    await new Promise((r) => setTimeout(r, 400));
    expect(attempts).toHaveLength(4);
  }, 60_000);

  it('is a usage error for a missing file', async () => {
    const r = await runCli(['watch', path.join(tempDir('watch-missing'), 'none.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('找不到文件');
  });
});
