/**
 * Output safety: where a build writes, what happens when it cannot, and that the previous good PDF
 * is never lost or left half-written. Through the CLI (runCli, in temp folders) and writeAtomic.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOST_TAG, OutputError, removeStaleTemps, writeAtomic } from '../../src/io/writeAtomic.js';
import { runCli } from '../helpers/cli.js';
import { put, sampleText, tempDir } from '../cli/fixtures.js';
import { checkPdf } from './harness.mjs';

/** Runs `fn` with the permissions of an ordinary user: root may write into read-only folders. */
async function unprivileged<T>(fn: () => Promise<T>): Promise<T> {
  if (process.getuid?.() !== 0 || !process.seteuid || !process.setegid) return fn();
  process.setegid(65534);
  process.seteuid(65534);
  try {
    return await fn();
  } finally {
    process.seteuid(0);
    process.setegid(0);
  }
}

/** A temp folder anyone may read (mkdtemp makes them 0700). */
function openDir(name: string): string {
  const dir = tempDir(name);
  chmodSync(dir, 0o755);
  return dir;
}

const tmpFiles = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.tmp'));
/** A process id that is certainly not running: a child that has already exited. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('where a build writes', () => {
  it('-o into a folder that does not exist: the folders are created', async () => {
    const dir = tempDir('out-missing');
    const input = put(dir, 'issue.yaml', sampleText());
    const out = path.join(dir, 'a', 'b', 'c', '2021-01.pdf');
    const r = await runCli(['build', input, '-o', out]);
    expect(r.code).toBe(0);
    expect(checkPdf(readFileSync(out))).toEqual([]);
    expect(tmpFiles(path.dirname(out))).toEqual([]);
  });

  it('-o equal to the input (the same file, however it is spelled) is a usage error, exit 2, input untouched', async () => {
    const dir = tempDir('out-same');
    // An issue file that happens to be called .pdf, built onto itself.
    const input = put(dir, 'issue.pdf', sampleText());
    for (const o of [input, path.join(dir, '..', path.basename(dir), 'issue.pdf'), path.relative(process.cwd(), input)]) {
      const r = await runCli(['build', input, '-o', o]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('输出文件不能与输入文件相同');
    }
    expect(readFileSync(input, 'utf8')).toBe(sampleText());
  });

  it('a build with errors writes nothing and keeps the previous PDF (exit 1)', async () => {
    const dir = tempDir('out-keep');
    const input = put(dir, 'issue.yaml', sampleText());
    const out = path.join(dir, 'issue.pdf');
    expect((await runCli(['build', input, '-o', out])).code).toBe(0);
    const good = readFileSync(out);
    writeFileSync(input, sampleText().replace('period: 2021-01', 'period: 2021-13'));
    const r = await runCli(['build', input, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('原有的 PDF 保持不变');
    expect(readFileSync(out).equals(good)).toBe(true);
  });

  it('two builds of the same issue at once to the same output: both succeed, the PDF is whole, no temp file left', async () => {
    const dir = tempDir('out-race');
    const input = put(dir, 'issue.yaml', sampleText());
    const out = path.join(dir, 'out', 'issue.pdf');
    const [a, b] = await Promise.all([runCli(['build', input, '-o', out]), runCli(['build', input, '-o', out])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const pdf = readFileSync(out);
    expect(checkPdf(pdf)).toEqual([]);
    // Builds are deterministic: the result is exactly what one build alone writes.
    const alone = path.join(dir, 'alone.pdf');
    expect((await runCli(['build', input, '-o', alone])).code).toBe(0);
    expect(pdf.equals(readFileSync(alone))).toBe(true);
    expect(tmpFiles(path.dirname(out))).toEqual([]);
  }, 60_000);

  it('temporary files left by a killed build are removed by the next build into that folder', async () => {
    const dir = tempDir('out-stale');
    const input = put(dir, 'issue.yaml', sampleText());
    const outDir = path.join(dir, 'out');
    mkdirSync(outDir);
    const dead = deadPid();
    const mine = (pid: number, rand: string) => `.${'issue.pdf'}.${pid}.${HOST_TAG}${rand}.tmp`;
    const other = HOST_TAG === 'ffff' ? 'eeee' : 'ffff';
    // Left by killed builds on this machine, and by another machine's build long ago.
    const stale = [mine(dead, '0bad'), `.other.pdf.${dead}.${HOST_TAG}1234.tmp`, `.issue.pdf.${dead}.${other}0001.tmp`];
    // Not ours to remove: running processes' (pid 1, this process), another machine's recent one
    // (its process cannot be checked from here), and files that only look similar.
    const kept = [mine(1, 'cafe'), mine(process.pid, 'beef'), `.issue.pdf.${dead}.${other}0002.tmp`, 'notes.tmp', `.issue.pdf.${dead}.tmp`];
    for (const n of [...stale, ...kept]) writeFileSync(path.join(outDir, n), '%PDF-1.7 partial');
    const hoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(path.join(outDir, stale[2]!), hoursAgo, hoursAgo);
    const r = await runCli(['build', input, '-o', path.join(outDir, 'issue.pdf')]);
    expect(r.code).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual([...kept, 'issue.pdf'].sort());
  });
});

describe('writeAtomic: typed Chinese errors, and nothing replaced when it fails', () => {
  it('a read-only folder: OutputError naming the path and the reason; the old file stays', async () => {
    const dir = openDir('ro');
    const ro = path.join(dir, 'ro');
    mkdirSync(ro);
    writeFileSync(path.join(ro, 'a.pdf'), 'old');
    chmodSync(ro, 0o555);
    const e = await unprivileged(() => writeAtomic(path.join(ro, 'a.pdf'), new Uint8Array([1, 2, 3]))).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OutputError);
    const err = e as OutputError;
    expect(err.message).toBe(`无法写入“${path.join(ro, 'a.pdf')}”：没有写入权限（文件夹或文件是只读的，或属于其他用户）（原有的文件保持不变）`);
    expect(err.exitCode).toBe(1);
    expect(err.code).toBe('E_OUTPUT');
    expect(readFileSync(path.join(ro, 'a.pdf'), 'utf8')).toBe('old');
    expect(readdirSync(ro)).toEqual(['a.pdf']);
  });

  it('a folder that cannot be created, a path through a file, a target that is a folder', async () => {
    const dir = openDir('bad-paths');
    const ro = path.join(dir, 'ro');
    mkdirSync(ro, { mode: 0o555 });
    chmodSync(ro, 0o555);
    const create = await unprivileged(() => writeAtomic(path.join(ro, 'new', 'a.pdf'), new Uint8Array(1))).catch((x: unknown) => x);
    expect((create as OutputError).message).toMatch(/^无法创建输出文件夹“.*new”：没有写入权限/);
    const file = path.join(dir, 'file.yaml');
    writeFileSync(file, 'x');
    const through = await writeAtomic(path.join(file, 'a.pdf'), new Uint8Array(1)).catch((x: unknown) => x);
    expect(through).toBeInstanceOf(OutputError);
    expect((through as OutputError).message).toContain('不是文件夹');
    expect(readFileSync(file, 'utf8')).toBe('x');
    const folder = path.join(dir, 'folder.pdf');
    mkdirSync(folder);
    const isDir = await writeAtomic(folder, new Uint8Array(1)).catch((x: unknown) => x);
    expect((isDir as OutputError).message).toBe(`无法写入“${folder}”：这是一个文件夹，不是 PDF 文件`);
    expect(statSync(folder).isDirectory()).toBe(true);
  });

  it('removeStaleTemps removes only the temp files of dead processes', async () => {
    const dir = tempDir('stale-unit');
    const dead = deadPid();
    writeFileSync(path.join(dir, `.a.pdf.${dead}.${HOST_TAG}0000.tmp`), '');
    writeFileSync(path.join(dir, `.a.pdf.${process.pid}.${HOST_TAG}0000.tmp`), '');
    const removed = await removeStaleTemps(dir);
    expect(removed.map((f) => path.basename(f))).toEqual([`.a.pdf.${dead}.${HOST_TAG}0000.tmp`]);
    expect(readdirSync(dir)).toEqual([`.a.pdf.${process.pid}.${HOST_TAG}0000.tmp`]);
    expect(await removeStaleTemps(path.join(dir, 'missing'))).toEqual([]);
  });
});

describe('the CLI reports output errors in Chinese and exits 1', () => {
  it('-o into a read-only folder', async () => {
    const dir = openDir('cli-ro');
    const input = put(dir, 'issue.yaml', sampleText());
    chmodSync(input, 0o644);
    const ro = path.join(dir, 'ro');
    mkdirSync(ro);
    chmodSync(ro, 0o555);
    const r = await unprivileged(() => runCli(['build', input, '-o', path.join(ro, 'issue.pdf')]));
    expect(r.code).toBe(1);
    expect(r.err).toBe(`bulletin：无法写入“${path.join(ro, 'issue.pdf')}”：没有写入权限（文件夹或文件是只读的，或属于其他用户）`);
    expect(existsSync(path.join(ro, 'issue.pdf'))).toBe(false);
  });

  it('-o naming the input file itself as a folder: exit 1, the input untouched', async () => {
    const dir = tempDir('cli-through');
    const input = put(dir, 'issue.yaml', sampleText());
    const r = await runCli(['build', input, '-o', input]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`“${input}”是一个文件，不是文件夹`);
    expect(readFileSync(input, 'utf8')).toBe(sampleText());
  });
});
