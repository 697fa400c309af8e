/**
 * A build killed with SIGKILL at a random moment — before, during or after writing — never leaves
 * a partial PDF at the output path: the old PDF stays byte for byte, or the complete new one is
 * there. The next build removes the killed builds' temporary files. Runs the real command line
 * (`node bin/bulletin.js build …`) from a compiled copy of the package in a temp folder (vitest runs
 * the TypeScript sources, a child process needs JavaScript), as tests/cli/pool.test.ts does.
 * `npm run fuzz -- --kill 200` does the same many more times.
 */
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sampleText, tempDir } from '../cli/fixtures.js';
import { HOST_TAG } from '../../src/io/writeAtomic.js';
import { checkPdf } from './harness.mjs';

const ROOT = tempDir('kill-pkg');
const BIN = path.join(ROOT, 'bin', 'bulletin.js');

/** Runs the CLI as a child; kills it with SIGKILL after `killAfter` ms when given. */
function build(args: string[], killAfter?: number): Promise<{ code: number | null; signal: string | null; ms: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, 'build', ...args], { stdio: 'ignore' });
    const timer = killAfter === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfter);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ms: performance.now() - t0 });
    });
  });
}

describe('builds killed at random moments', () => {
  beforeAll(() => {
    copyFileSync('package.json', path.join(ROOT, 'package.json'));
    cpSync('bin', path.join(ROOT, 'bin'), { recursive: true });
    for (const d of ['node_modules', 'schema', 'fonts', 'src']) symlinkSync(path.resolve(d), path.join(ROOT, d), 'dir');
    try {
      execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', path.join(ROOT, 'dist')], { stdio: 'pipe' });
    } catch {
      // Type errors elsewhere in the tree still emit JavaScript; what matters is that the files exist.
    }
  }, 180_000);

  it('never leave a partial PDF at the output path, and the next build clears their temp files', async () => {
    expect(existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))).toBe(true);
    const dir = tempDir('kill');
    const input = path.join(dir, 'issue.yaml');
    const out = path.join(dir, 'out', 'issue.pdf');
    // The complete new PDF, and an old one from a different issue.
    writeFileSync(input, sampleText());
    const first = await build([input, '-o', out]);
    expect(first.code).toBe(0);
    const fresh = readFileSync(out);
    writeFileSync(input, sampleText().replace('printed: 2021-01-29', 'printed: 2021-01-30'));
    expect((await build([input, '-o', out])).code).toBe(0);
    const old = readFileSync(out);
    expect(old.equals(fresh)).toBe(false);
    writeFileSync(input, sampleText());

    let killed = 0;
    for (let i = 0; i < 10; i++) {
      writeFileSync(out, old);
      // Mostly near the end, where the PDF is written and renamed; some anywhere.
      const delay = i % 3 === 2 ? first.ms * Math.random() : first.ms * (0.7 + 0.4 * Math.random());
      const r = await build([input, '-o', out], delay);
      if (r.signal === 'SIGKILL') killed++;
      else expect(r.code).toBe(0);
      const now = readFileSync(out);
      expect(now.equals(old) || now.equals(fresh), `round ${i}: ${now.length} bytes, neither the old PDF nor the new one`).toBe(true);
    }
    expect(killed).toBeGreaterThan(0);

    // A killed build's temp file (simulated if no kill happened to land mid-write) goes with the next build.
    const outDir = path.dirname(out);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, `.issue.pdf.999999999.${HOST_TAG}c0fe.tmp`), '%PDF-1.7 half');
    const last = await build([input, '-o', out]);
    expect(last.code).toBe(0);
    expect(readdirSync(outDir)).toEqual(['issue.pdf']);
    expect(checkPdf(readFileSync(out))).toEqual([]);
    expect(readFileSync(out).equals(fresh)).toBe(true);
  }, 180_000);

  it('two builds started together into the same file both succeed and leave one whole PDF', async () => {
    const dir = tempDir('kill-race');
    const input = path.join(dir, 'issue.yaml');
    writeFileSync(input, sampleText());
    const out = path.join(dir, 'issue.pdf');
    const [a, b] = await Promise.all([build([input, '-o', out]), build([input, '-o', out])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(checkPdf(readFileSync(out))).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['issue.pdf', 'issue.yaml']);
  }, 60_000);
});
