/**
 * `bulletin watch` (issue 16 item 11): print variants named as build names them, a deleted file
 * said in Chinese and waited for, Ctrl-C ending with a goodbye line, exit 0 and no temporary file.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfFacts } from '../../src/archive/extract.js';
import { VERSION } from '../../src/version.js';
import { runCli } from '../helpers/cli.js';
import { startWatch, until } from '../helpers/watch.js';
import { put, smallIssue, tempDir } from './fixtures.js';

describe('bulletin watch, more', () => {
  it('says when the file is deleted, keeps waiting, and builds it again when it is back', async () => {
    const w = startWatch('watch-gone');
    const { file, output, text, attempts, missing } = w;
    await until(() => attempts.length === 1);
    const first = readFileSync(output);
    rmSync(file);
    await until(() => missing.length === 1);
    expect(missing).toEqual([false]);
    expect(readFileSync(output).equals(first)).toBe(true); // the last PDF stays
    // Put back with the very same text: built again all the same, so the clerk sees it work.
    writeFileSync(file, text);
    await until(() => attempts.length === 2);
    expect(missing).toEqual([false, true]);
    expect(attempts[1]).toMatchObject({ ok: true });
    await w.stop();
  }, 90_000);

  it('--duplex --cmyk: writes the print variant under its own name, and Ctrl-C says goodbye, exits 0, leaves no temporary file', async () => {
    const dir = tempDir('watch-variant');
    const file = put(dir, '2021-02.yaml', smallIssue({ period: '2021-02', printed: '2021-02-26' }));
    const out = path.join(dir, 'out');
    // The in-process CLI listens for SIGINT like the real one; other listeners (the test runner's)
    // are set aside while the signal is delivered to it.
    const others = process.listeners('SIGINT');
    const running = runCli(['watch', file, '-o', out, '--duplex', '--cmyk']);
    const pdf = path.join(out, '2021-02-duplex-cmyk.pdf');
    await until(() => existsSync(pdf));
    await new Promise((r) => setTimeout(r, 300));
    for (const l of others) process.removeListener('SIGINT', l);
    try {
      expect(process.listenerCount('SIGINT')).toBe(1);
      process.emit('SIGINT');
      const r = await running;
      expect(r.code).toBe(0);
      expect(r.err).toContain('（双面印刷版、CMYK 印刷厂版）');
      expect(r.err.split('\n').at(-1)).toBe(`已停止监视 ${file}，再见`);
      // The progress line names the variant written, as build's does.
      expect(r.out).toMatch(/第 1 次：/);
      expect(r.out).toContain(`→ ${pdf}（双面印刷版、CMYK 印刷厂版；2 页，`);
    } finally {
      for (const l of others) process.on('SIGINT', l);
    }
    expect(process.listeners('SIGINT')).toEqual(others);
    expect(readdirSync(out)).toEqual(['2021-02-duplex-cmyk.pdf']);
    expect(pdfFacts(readFileSync(pdf)).creator).toBe(`bulletin ${VERSION} (--duplex --cmyk)`);
  }, 90_000);
});
