/**
 * The worker-thread path of batch builds. Workers need compiled JavaScript, which vitest (running
 * the TypeScript sources) does not have, so the sources are compiled into a temp copy of the
 * package (package.json copied; node_modules, schema and fonts linked) and the pool runs from there.
 * Nothing is written into the checkout.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type * as PoolModule from '../../src/batch/pool.js';
import type * as RegistryModule from '../../src/fonts/registry.js';
import { put, smallIssue, tempDir } from './fixtures.js';

const ROOT = tempDir('compiled');
const OUT = path.join(ROOT, 'dist');

describe('batch builds on worker threads', () => {
  let pool: typeof PoolModule;
  let registry: typeof RegistryModule;
  beforeAll(async () => {
    copyFileSync('package.json', path.join(ROOT, 'package.json'));
    for (const d of ['node_modules', 'schema', 'fonts', 'src']) symlinkSync(path.resolve(d), path.join(ROOT, d), 'dir');
    try {
      execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', OUT], { stdio: 'pipe' });
    } catch {
      // Type errors elsewhere in the tree still emit JavaScript; what matters is that the files exist.
    }
    pool = (await import(pathToFileURL(path.join(OUT, 'batch/pool.js')).href)) as typeof PoolModule;
    registry = (await import(pathToFileURL(path.join(OUT, 'fonts/registry.js')).href)) as typeof RegistryModule;
  }, 120_000);

  it('spreads files over workers that each take several, and a bad file fails alone', async () => {
    expect(existsSync(path.join(OUT, 'batch/worker.js'))).toBe(true);
    expect(pool.defaultWorkerUrl()).not.toBeNull();
    const dir = tempDir('pool');
    const inputs = ['2021-01', '2021-02', '2021-03', '2021-04'].map((p) => put(dir, `${p}.yaml`, smallIssue({ period: p, printed: `${p}-20` })));
    inputs.push(put(dir, 'bad.yaml', 'period: 2021-05\n'));
    const fontsDir = registry.defaultFontsDir();
    const tasks = inputs.map((input) => ({ kind: 'build' as const, input, target: input.replace(/\.yaml$/, '.pdf'), pdfa: false }));
    const results = await pool.runPool(tasks, { jobs: 2, fontsDir, world: { fonts: registry.loadFontSet({ fontsDir }), srgb: readFileSync('src/render/icc/sRGB.icc') } });
    expect(results.map((r) => r.input)).toEqual(inputs);
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true, false]);
    expect(results[4]!.diagnostics.some((d) => d.field === 'publication')).toBe(true);
    for (const t of tasks.slice(0, 4)) expect(readFileSync(t.target).subarray(0, 5).toString()).toBe('%PDF-');
    // Two workers, neither the main thread, and at least one of them reused for a second file.
    const threads = results.map((r) => r.thread ?? 0);
    expect(threads.every((t) => t > 0)).toBe(true);
    const counts = new Map<number, number>();
    for (const t of threads) counts.set(t, (counts.get(t) ?? 0) + 1);
    expect(counts.size).toBe(2);
    expect(Math.max(...counts.values())).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it('runs one file in-process, without a worker', async () => {
    const dir = tempDir('pool-one');
    const input = put(dir, 'a.yaml', smallIssue({ period: '2021-01', printed: '2021-01-20' }));
    const fontsDir = registry.defaultFontsDir();
    const [r] = await pool.runPool([{ kind: 'build', input, target: path.join(dir, 'a.pdf'), pdfa: false }], { jobs: 4, fontsDir, world: { fonts: registry.loadFontSet({ fontsDir }), srgb: readFileSync('src/render/icc/sRGB.icc') } });
    expect(r!.ok).toBe(true);
    expect(r!.thread).toBeUndefined();
  }, 60_000);

  it('chooses in-process for small batches by default', () => {
    expect(pool.workerCount(1)).toBe(1);
    expect(pool.workerCount(pool.MIN_FILES_PER_WORKER - 1)).toBe(1);
    expect(pool.workerCount(3, 8)).toBe(3);
    expect(pool.workerCount(10, 1)).toBe(1);
  });
});
