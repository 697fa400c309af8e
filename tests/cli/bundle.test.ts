/**
 * bin/bulletin.js runs the one-file bundle (dist/bundle/bulletin.cjs) with the V8 code cache made
 * by scripts/bundle.mjs. The bundle is built into a temp copy of the package (package.json, bin and
 * scripts copied; src, node_modules, schema, fonts, icc and issues linked; dist/ compiled) and must:
 * have its cache accepted, build the same bytes as the sources do in-process, ignore a cache that
 * is not its own or is damaged, leave the work to dist/ when it is damaged itself or older than
 * dist/ (tsc ran alone after it), and run batch
 * builds on worker threads through its worker stub.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readFileSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { put, SAMPLE, smallIssue, tempDir } from './fixtures.js';

const ROOT = tempDir('bundle-pkg');
const bin = (args: string[]): string => execFileSync(process.execPath, [path.join(ROOT, 'bin', 'bulletin.js'), ...args], { encoding: 'utf8', stdio: 'pipe' });

interface Loaded {
  exports: { run: unknown; serveBatch: unknown };
  cacheRejected: boolean | undefined;
}
const load = async (): Promise<Loaded> => {
  // loadBundle() reads the bundle and its cache afresh on every call.
  const mod = (await import(pathToFileURL(path.join(ROOT, 'bin', 'load.js')).href)) as { default: { loadBundle(): Loaded } };
  return mod.default.loadBundle();
};

const BUNDLE_FILE = path.join(ROOT, 'dist', 'bundle', 'bulletin.cjs');
const CACHE_FILE = path.join(ROOT, 'dist', 'bundle', 'bulletin.cache');

/** Runs `body` with `file` replaced by `change(its bytes)`, then puts the file back. */
async function withChanged(file: string, change: (bytes: Buffer) => Buffer, body: () => Promise<void>): Promise<void> {
  const original = readFileSync(file);
  try {
    writeFileSync(file, change(original));
    await body();
  } finally {
    writeFileSync(file, original);
  }
}

/** The sample built by the temp package's bin/bulletin.js into a new folder. */
function buildOnce(name: string): Buffer {
  const out = path.join(tempDir(name), 'a.pdf');
  bin(['build', SAMPLE, '-o', out]);
  return readFileSync(out);
}

describe('the bundle and its code cache', () => {
  beforeAll(() => {
    copyFileSync('package.json', path.join(ROOT, 'package.json'));
    for (const d of ['bin', 'scripts']) cpSync(d, path.join(ROOT, d), { recursive: true });
    for (const d of ['src', 'node_modules', 'schema', 'fonts', 'issues']) symlinkSync(path.resolve(d), path.join(ROOT, d), 'dir');
    // As `npm run build` does: the modules in dist/ (the fallback), then the bundle.
    try {
      execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', path.join(ROOT, 'dist')], { stdio: 'pipe' });
    } catch {
      // Type errors elsewhere in the tree still emit JavaScript; what matters is that the files exist.
    }
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bundle.mjs')], { stdio: 'pipe' });
  }, 180_000);

  it('loads with its cache accepted and builds the bytes the sources build', async () => {
    const loaded = await load();
    expect(typeof loaded.exports.run).toBe('function');
    expect(loaded.cacheRejected).toBe(false);
    const dir = tempDir('bundle-out');
    const viaBundle = path.join(dir, 'bundle.pdf');
    const viaSources = path.join(dir, 'sources.pdf');
    bin(['build', SAMPLE, '-o', viaBundle]);
    expect((await runCli(['build', SAMPLE, '-o', viaSources])).code).toBe(0);
    expect(readFileSync(viaBundle).equals(readFileSync(viaSources))).toBe(true);
  });

  it('ships the licence of every package whose code it holds', () => {
    const code = readFileSync(BUNDLE_FILE, 'utf8');
    const bundled = new Set([...code.matchAll(/^\/\/ node_modules\/((?:@[^/]+\/)?[^/\s]+)\//gm)].map((m) => m[1]!));
    expect(bundled.size).toBeGreaterThan(0);
    const notices = readFileSync(path.join(ROOT, 'dist', 'bundle', 'THIRD-PARTY-LICENSES.txt'), 'utf8');
    for (const pkg of bundled) expect(notices).toMatch(new RegExp(`^${pkg.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}@\\d`, 'm'));
  });

  it('does not use a damaged cache (V8 would crash on it), and still builds', async () => {
    await withChanged(CACHE_FILE, (cache) => {
      const damaged = Buffer.from(cache);
      for (let i = 1000; i < 1100; i++) damaged[i] = damaged[i]! ^ 0x5a;
      return damaged;
    }, async () => {
      expect((await load()).cacheRejected).toBeUndefined();
      expect(buildOnce('bundle-damaged').subarray(0, 5).toString()).toBe('%PDF-');
    });
  });

  it('falls back to the modules in dist/ when the bundle is damaged', async () => {
    await withChanged(BUNDLE_FILE, (bundle) => bundle.subarray(0, bundle.length >> 1), async () => {
      expect(await load()).toBeUndefined();
      const viaDist = buildOnce('bundle-cut');
      const viaSources = path.join(tempDir('bundle-cut-src'), 'b.pdf');
      expect((await runCli(['build', SAMPLE, '-o', viaSources])).code).toBe(0);
      expect(viaDist.equals(readFileSync(viaSources))).toBe(true);
    });
  });

  it('falls back as well when a cut bundle still parses, whether it then throws or only lacks the CLI', async () => {
    // Cut at a line end, so that what is left is complete statements (a cut mid-line may parse too).
    const cutAtLine = (bundle: Buffer, tail: string): Buffer => {
      const text = bundle.toString('utf8');
      return Buffer.from(text.slice(0, text.indexOf('\n// src/', text.length >> 1)) + tail);
    };
    for (const tail of ['\n', '\nthrow new Error("cut");\n']) {
      await withChanged(BUNDLE_FILE, (bundle) => cutAtLine(bundle, tail), async () => {
        expect(await load()).toBeUndefined();
        expect(buildOnce('bundle-cut-parses').subarray(0, 5).toString()).toBe('%PDF-');
      });
    }
  });

  it('leaves the work to dist/ when tsc ran after the bundle was made (a stale bundle is not run)', async () => {
    const main = path.join(ROOT, 'dist', 'cli', 'main.js');
    const was = statSync(main);
    const bundleTime = statSync(BUNDLE_FILE).mtime;
    try {
      utimesSync(main, was.atime, new Date(bundleTime.getTime() + 60_000));
      expect(await load()).toBeUndefined();
      // Proof that dist/ runs: a dist/ whose CLI prints something else is what bin runs.
      await withChanged(main, (js) => Buffer.from(js.toString('utf8').replace(/export (async )?function run\(/, 'export $1function runOriginal(') + '\nexport async function run() { process.stdout.write("from dist"); return 0; }\n'), async () => {
        utimesSync(main, was.atime, new Date(bundleTime.getTime() + 60_000));
        expect(bin(['--version'])).toBe('from dist');
      });
    } finally {
      utimesSync(main, was.atime, was.mtime);
    }
    expect((await load()).exports).toBeDefined();
  });

  it('does not use a cache made for another bundle', async () => {
    await withChanged(CACHE_FILE, (cache) => Buffer.concat([Buffer.from('0'.repeat(40)), cache.subarray(40)]), async () => {
      expect((await load()).cacheRejected).toBeUndefined();
      expect(buildOnce('bundle-stale').subarray(0, 5).toString()).toBe('%PDF-');
    });
  });

  it('runs batch builds on worker threads through its worker stub', async () => {
    const dir = tempDir('bundle-batch');
    const src = path.join(dir, 'in');
    mkdirSync(src);
    const periods = ['2021-01', '2021-02', '2021-03', '2021-04'];
    for (const p of periods) put(src, `${p}.yaml`, smallIssue({ period: p, printed: `${p}-20` }));
    bin(['build', src, '-j', '2', '-o', path.join(dir, 'out')]);
    for (const p of periods) {
      const alone = path.join(dir, `${p}-alone.pdf`);
      expect((await runCli(['build', path.join(src, `${p}.yaml`), '-o', alone])).code).toBe(0);
      expect(readFileSync(path.join(dir, 'out', `${p}.pdf`)).equals(readFileSync(alone))).toBe(true);
    }
  });
});
