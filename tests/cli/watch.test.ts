import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchIssue, type WatchAttempt } from '../../src/watch/watch.js';
import { defaultFontsDir } from '../../src/fonts/registry.js';
import { loadWorld } from '../../src/world/index.js';
import { runCli } from '../helpers/cli.js';
import { put, smallIssue, tempDir } from './fixtures.js';

describe('bulletin watch', () => {
  it('rebuilds on each save (also saves by rename), keeps the last good PDF on a bad save, stops on abort', async () => {
    const dir = tempDir('watch');
    const file = put(dir, '2021-02.yaml', smallIssue({ period: '2021-02', printed: '2021-02-26', items: ['第一版。'] }));
    const output = path.join(dir, 'out', '2021-02.pdf');
    const attempts: WatchAttempt[] = [];
    const waiters: Array<{ n: number; resolve: () => void }> = [];
    const seen = (n: number): Promise<void> =>
      attempts.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }));
    const controller = new AbortController();
    const done = watchIssue({
      file,
      output,
      world: loadWorld({ fontsDir: defaultFontsDir() }),
      pdfa: false,
      signal: controller.signal,
      onAttempt: (a) => {
        attempts.push(a);
        for (const w of waiters.filter((w) => attempts.length >= w.n)) w.resolve();
      },
    });

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
    controller.abort();
    await done;
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
