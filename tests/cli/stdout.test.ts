/**
 * Issue 19 item 9: every command that writes to standard output, with standard output closed
 * (`>&-`), read by a reader that leaves at once (`| head -c 10` before anything is written: EPIPE)
 * and on a full disk (`> /dev/full`): one Chinese line (none for EPIPE), exit 1, no stack, never
 * Node's "Unhandled 'error' event". Through the compiled CLI (bin/, built by `npm ci`): only a real
 * process has a real stdout.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { put, sampleText, tempDir } from './fixtures.js';

const BIN = path.resolve('bin/bulletin.js');
const dir = tempDir('stdout');
const yaml = put(dir, 'a.yaml', sampleText());
const pdf = path.join(dir, 'a.pdf');

/** Each command that prints to stdout: a PDF (`build -o -`), a source, a report, a table, help. */
const COMMANDS: Array<[string, string[]]> = [
  ['build -o -', ['build', yaml, '-o', '-']],
  ['build (summary)', ['build', yaml, '-o', path.join(dir, 'b.pdf')]],
  ['extract', ['extract', pdf]],
  ['check', ['check', yaml]],
  ['verify', ['verify', pdf]],
  ['fonts', ['fonts', yaml]],
  ['index', ['index', yaml, '-o', path.join(dir, 'idx.pdf')]],
  ['--help', ['--help']],
];

interface Result {
  code: number | null;
  err: string;
}

function expectClean(r: Result, name: string): void {
  expect(r.err, name).not.toContain('Unhandled');
  expect(r.err, name).not.toContain('内部错误');
  expect(r.err, name).not.toMatch(/\n\s+at /);
  expect(r.code, name).toBe(1);
}

/** Runs `node bin …` with stdout set by `stdout`; stderr captured. */
function spawnWith(args: string[], stdout: 'closed' | 'epipe' | number): Promise<Result> {
  return new Promise((resolve) => {
    const child =
      stdout === 'closed'
        ? spawn('sh', ['-c', `exec "$0" "$@" >&-`, process.execPath, BIN, ...args], { stdio: ['ignore', 'inherit', 'pipe'] })
        : spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', stdout === 'epipe' ? 'pipe' : stdout, 'pipe'] });
    // The reader is gone before anything is written: every write gives EPIPE.
    if (stdout === 'epipe') child.stdout!.destroy();
    let err = '';
    child.stderr!.on('data', (d) => (err += String(d)));
    child.on('close', (code) => resolve({ code, err }));
  });
}

describe('standard output errors, every command that writes to it', () => {
  beforeAll(async () => {
    const io = { out: () => {}, err: () => {}, isTTY: false };
    expect(await run(['build', yaml, '-o', pdf], io)).toBe(0);
  }, 60_000);

  it('closed (>&-): the commands whose product goes to stdout say so in Chinese, exit 1', async () => {
    const data = COMMANDS.filter(([name]) => name === 'build -o -' || name === 'extract');
    const results = await Promise.all(data.map(([, args]) => spawnWith(args, 'closed')));
    results.forEach((r, i) => {
      const name = data[i]![0];
      expectClean(r, name);
      expect(r.err, name).toContain('标准输出已关闭');
      expect(r.err.match(/无法写入标准输出/g), name).toHaveLength(1);
    });
  }, 120_000);

  it('closed (>&-) for a report cannot be told from stdio "ignore" (both are /dev/null, read-write): exit 0, no stack', async () => {
    const reports = COMMANDS.filter(([name]) => name !== 'build -o -' && name !== 'extract');
    const results = await Promise.all(reports.map(([, args]) => spawnWith(args, 'closed')));
    results.forEach((r, i) => {
      const name = reports[i]![0];
      expect(r.code, name).toBe(0);
      expect(r.err, name).not.toContain('Unhandled');
      expect(r.err, name).not.toMatch(/\n\s+at /);
    });
    // A caller that discards the output keeps exit 0 (tests/fuzz/kill.test.ts spawns builds so).
    const ignored = spawnSync(process.execPath, [BIN, 'check', yaml], { stdio: 'ignore' });
    expect(ignored.status).toBe(0);
  }, 120_000);

  it('the reader left (EPIPE): quiet, exit 1', async () => {
    const results = await Promise.all(COMMANDS.map(([, args]) => spawnWith(args, 'epipe')));
    results.forEach((r, i) => {
      const name = COMMANDS[i]![0];
      expectClean(r, name);
      expect(r.err, name).not.toContain('无法写入标准输出');
    });
  }, 120_000);

  it('a full disk (/dev/full): one Chinese line, exit 1', async () => {
    const fd = openSync('/dev/full', 'w');
    try {
      const results = await Promise.all(COMMANDS.map(([, args]) => spawnWith(args, fd)));
      results.forEach((r, i) => {
        const name = COMMANDS[i]![0];
        expectClean(r, name);
        expect(r.err.match(/无法写入标准输出：磁盘空间不足/g), name).toHaveLength(1);
      });
    } finally {
      closeSync(fd);
    }
  }, 120_000);

  it('build -o - writes the very PDF that -o file writes, its summary to stderr', () => {
    const r = spawnSync(process.execPath, [BIN, 'build', yaml, '-o', '-'], { maxBuffer: 1 << 26 });
    expect(r.status).toBe(0);
    expect(Buffer.compare(r.stdout, readFileSync(pdf))).toBe(0);
    expect(String(r.stderr)).toContain('标准输出');
  }, 60_000);

  it('build -o - refuses a terminal and several files (exit 2)', async () => {
    const err: string[] = [];
    const io = { out: () => {}, err: (l: string) => err.push(l), isTTY: true, dataIsTerminal: () => true, data: async () => {} };
    expect(await run(['build', yaml, '-o', '-'], io)).toBe(2);
    expect(err.join('\n')).toContain('标准输出是终端');
    err.length = 0;
    expect(await run(['build', yaml, yaml, '-o', '-'], { ...io, dataIsTerminal: () => false })).toBe(2);
    expect(err.join('\n')).toContain('只能用于一个期刊文件');
  }, 60_000);
});
