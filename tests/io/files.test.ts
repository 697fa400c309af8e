/**
 * src/io/files.ts and the atomic writer under it (issue 19): regular files only, bounded reads,
 * outputs compared by real identity and never written over special files, every write atomic.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/diag.js';
import { assertNotInput, expandInputs, InputError, OutputError, readFileBounded, writeAtomic, writeAtomicAll, writeAtomicNew } from '../../src/io/files.js';
import { formatSize, tooLargeMessage } from '../../src/source/size.js';
import { setRenameFaultForTests } from '../../src/io/writeAtomic.js';
import { put, sampleText, tempDir } from '../cli/fixtures.js';
import { runCli } from '../helpers/cli.js';

const fifo = (p: string): string => {
  execFileSync('mkfifo', [p]);
  return p;
};

/** The rejection of `p`, or a failure when it resolves. */
async function rejection(p: Promise<unknown>): Promise<Error> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: Error) => e,
  );
}

describe('readFileBounded: regular files only, never more than limit + 1 bytes', () => {
  const dir = tempDir('files-read');

  it('refuses a FIFO at once (no writer: a blocking open would hang for ever)', async () => {
    const e = await rejection(readFileBounded(fifo(path.join(dir, 'pipe.yaml')), 1000));
    expect(e).toBeInstanceOf(InputError);
    expect((e as InputError).code).toBe('E_NOT_FILE');
    expect(e.message).toContain('命名管道（FIFO），不是普通文件');
    expect((e as InputError).exitCode).toBe(2);
  });

  it('refuses /dev/zero and /dev/urandom before reading a byte', async () => {
    for (const dev of ['/dev/zero', '/dev/urandom']) {
      const e = await rejection(readFileBounded(dev, 1000));
      expect((e as InputError).code).toBe('E_NOT_FILE');
      expect(e.message).toContain('设备');
    }
  });

  it('names a folder, a missing file and a path through a file', async () => {
    expect((await rejection(readFileBounded(dir, 1000))).message).toBe(`“${dir}”是一个文件夹，不是普通文件`);
    const missing = path.join(dir, 'none.yaml');
    expect((await rejection(readFileBounded(missing, 1000))).message).toBe(`找不到文件“${missing}”`);
    const file = path.join(dir, 'plain.txt');
    writeFileSync(file, 'x');
    const through = path.join(file, 'x.yaml');
    expect(((await rejection(readFileBounded(through, 1000))) as InputError).code).toBe('E_NOT_FOUND');
  });

  it('refuses a file over the limit from its size, without reading it (a sparse 3 GiB file)', async () => {
    const big = path.join(dir, 'big.yaml');
    writeFileSync(big, '');
    truncateSync(big, 3 * 1024 ** 3);
    const e = await rejection(readFileBounded(big, 8 * 1024 * 1024));
    expect((e as InputError).code).toBe('E_TOO_LARGE');
    expect((e as InputError).exitCode).toBe(1);
    expect(e.message).toBe(`${big}：文件过大：3072 MB，超出了 8 MB 的上限`);
  });

  it('stops at limit + 1 bytes whatever stat said (a /proc file reports size 0)', async () => {
    // /proc/self/maps has st_size 0 but several KB of content.
    const e = await rejection(readFileBounded('/proc/self/maps', 100));
    expect((e as InputError).code).toBe('E_TOO_LARGE');
    expect(e.message).toContain('文件过大：超过 ');
    // Within the limit it is read whole.
    expect((await readFileBounded('/proc/self/maps', 1024 * 1024)).length).toBeGreaterThan(100);
  });

  it('reads a file of exactly the limit', async () => {
    const f = path.join(dir, 'exact.yaml');
    writeFileSync(f, Buffer.alloc(4096, 0x61));
    expect((await readFileBounded(f, 4096)).length).toBe(4096);
    expect(((await rejection(readFileBounded(f, 4095))) as InputError).code).toBe('E_TOO_LARGE');
  });

  it('expandInputs refuses a named FIFO, keeps a FIFO inside a folder for its own failure', async () => {
    const d = path.join(dir, 'batch');
    mkdirSync(d);
    writeFileSync(path.join(d, 'a.yaml'), 'x');
    fifo(path.join(d, 'b.yaml'));
    expect(await expandInputs([d])).toEqual([path.join(d, 'a.yaml'), path.join(d, 'b.yaml')]);
    expect(((await rejection(expandInputs([path.join(d, 'b.yaml')]))) as InputError).code).toBe('E_NOT_FILE');
  });
});

describe('size wording: a size just over the limit never reads as the limit', () => {
  it('adds digits (or bytes) until the two differ', () => {
    const MB = 1024 * 1024;
    expect(tooLargeMessage(8 * MB + 1, 8 * MB)).toBe('文件过大：8,388,609 字节，超出了 8 MB 的上限');
    expect(formatSize(8 * MB + 20_000, 8 * MB)).toBe('8.02 MB');
    expect(formatSize(9.5 * MB, 8 * MB)).toBe('9.5 MB');
    expect(formatSize(600 * MB)).toBe('600 MB');
  });
});

describe('assertNotInput: the same file however it is spelled', () => {
  const dir = tempDir('files-same');
  const d1 = path.join(dir, 'd1');
  mkdirSync(d1);
  const input = path.join(d1, 'i.pdf');
  writeFileSync(input, 'source');
  symlinkSync(d1, path.join(dir, 'd2'));
  symlinkSync(input, path.join(dir, 'link.pdf'));
  linkSync(input, path.join(dir, 'hard.pdf'));

  it('through a symlinked folder, a symlink to the file, a hard link', async () => {
    for (const out of [path.join(dir, 'd2', 'i.pdf'), path.join(dir, 'link.pdf'), path.join(dir, 'hard.pdf'), path.join(d1, '.', 'i.pdf')]) {
      const e = await rejection(assertNotInput(out, [input]));
      expect(e).toBeInstanceOf(UsageError);
      expect(e.message).toContain('输出文件不能与输入文件相同');
    }
    await assertNotInput(path.join(dir, 'other.pdf'), [input]);
  });
});

describe('writeAtomic: never over a special file, long names, all or nothing', () => {
  const dir = tempDir('files-write');

  it('refuses to replace a FIFO, or a symlink to one (like /dev/stdout), or a dangling symlink', async () => {
    const p = fifo(path.join(dir, 'out.yaml'));
    symlinkSync(p, path.join(dir, 'stdout'));
    symlinkSync(path.join(dir, 'nowhere'), path.join(dir, 'dangling.pdf'));
    for (const target of [p, path.join(dir, 'stdout'), path.join(dir, 'dangling.pdf')]) {
      const e = await rejection(writeAtomic(target, Buffer.from('x')));
      expect(e).toBeInstanceOf(OutputError);
      expect(e.message).toMatch(/命名管道|不存在位置/);
    }
    expect(statSync(p).isFIFO()).toBe(true);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('writes through a symlink to a regular file: the file is replaced, the link stays', async () => {
    const real = path.join(dir, 'real.pdf');
    writeFileSync(real, 'old');
    symlinkSync(real, path.join(dir, 'alias.pdf'));
    await writeAtomic(path.join(dir, 'alias.pdf'), Buffer.from('new'));
    expect(readFileSync(real, 'utf8')).toBe('new');
  });

  it('writes names of 234–255 bytes (the temporary name is cut to fit)', async () => {
    for (const bytes of [234, 250, 255]) {
      const name = 'a'.repeat(bytes - 4) + '.pdf';
      await writeAtomic(path.join(dir, name), Buffer.from('x'));
      expect(readFileSync(path.join(dir, name), 'utf8')).toBe('x');
    }
    // Chinese: 3 bytes a character, cut at a character boundary.
    const han = '简'.repeat(83) + '.pdf'; // 253 bytes
    await writeAtomic(path.join(dir, han), Buffer.from('y'));
    expect(readFileSync(path.join(dir, han), 'utf8')).toBe('y');
  });

  it('writeAtomicNew never replaces and leaves nothing when it refuses', async () => {
    const t = path.join(dir, 'new.yaml');
    expect(await writeAtomicNew(t, Buffer.from('first'))).toBe(true);
    expect(await writeAtomicNew(t, Buffer.from('second'))).toBe(false);
    expect(readFileSync(t, 'utf8')).toBe('first');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('writeAtomicAll replaces nothing when one output fails (no new PDF beside an old CSV)', async () => {
    const pdf = path.join(dir, 'index.pdf');
    writeFileSync(pdf, 'old pdf');
    const blocked = path.join(dir, 'blocker');
    writeFileSync(blocked, '');
    const e = await rejection(
      writeAtomicAll([
        { target: pdf, data: Buffer.from('new pdf') },
        { target: path.join(blocked, 'index.csv'), data: Buffer.from('new csv') },
      ]),
    );
    expect(e).toBeInstanceOf(OutputError);
    expect(readFileSync(pdf, 'utf8')).toBe('old pdf');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(path.join(dir, 'index.csv'))).toBe(false);
  });

  it('writeAtomicAll undoes the first rename when the second fails (fault injected): old pair or new pair, never mixed', async () => {
    const pdf = path.join(dir, 'pair.pdf');
    const csv = path.join(dir, 'pair.csv');
    const fail = (target: string): void => {
      if (target === csv) throw Object.assign(new Error('injected'), { code: 'EIO' });
    };
    // With old files: both stay as they were.
    writeFileSync(pdf, 'old pdf');
    writeFileSync(csv, 'old csv');
    setRenameFaultForTests(fail);
    try {
      const e = await rejection(writeAtomicAll([{ target: pdf, data: Buffer.from('new pdf') }, { target: csv, data: Buffer.from('new csv') }]));
      expect(e).toBeInstanceOf(OutputError);
      expect(e.message).toContain('pair.csv');
      expect(readFileSync(pdf, 'utf8')).toBe('old pdf');
      expect(readFileSync(csv, 'utf8')).toBe('old csv');
      expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
      // Without old files: neither is left.
      const pdf2 = path.join(dir, 'fresh.pdf');
      const csv2 = path.join(dir, 'fresh.csv');
      setRenameFaultForTests((t) => {
        if (t === csv2) throw new Error('injected');
      });
      await rejection(writeAtomicAll([{ target: pdf2, data: Buffer.from('new pdf') }, { target: csv2, data: Buffer.from('new csv') }]));
      expect(existsSync(pdf2)).toBe(false);
      expect(existsSync(csv2)).toBe(false);
      expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    } finally {
      setRenameFaultForTests(undefined);
    }
    // Without a fault both are replaced, and the old files' kept links are gone.
    await writeAtomicAll([{ target: pdf, data: Buffer.from('new pdf') }, { target: csv, data: Buffer.from('new csv') }]);
    expect([readFileSync(pdf, 'utf8'), readFileSync(csv, 'utf8')]).toEqual(['new pdf', 'new csv']);
    expect(statSync(pdf).nlink).toBe(1);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('bulletin index: the CSV rename fails after the PDF one (fault injected): exit 1, the old PDF and CSV as they were', async () => {
    const d = tempDir('files-index-pair');
    const issue = put(d, '2021-01.yaml', sampleText());
    const pdf = path.join(d, 'out', '2021-index.pdf');
    const csv = path.join(d, 'out', '2021-index.csv');
    expect((await runCli(['index', issue, '--year', '2021', '-o', pdf])).code).toBe(0);
    const [oldPdf, oldCsv] = [readFileSync(pdf), readFileSync(csv)];
    writeFileSync(issue, sampleText().replace(/^(\s*- title:\s*)(.*)$/m, '$1改过的栏目'));
    setRenameFaultForTests((t) => {
      if (t === csv) throw Object.assign(new Error('injected'), { code: 'ENOSPC' });
    });
    try {
      const r = await runCli(['index', issue, '--year', '2021', '-o', pdf]);
      expect(r.code).toBe(1);
      expect(r.err).toContain('无法写入');
    } finally {
      setRenameFaultForTests(undefined);
    }
    expect(readFileSync(pdf).equals(oldPdf)).toBe(true);
    expect(readFileSync(csv).equals(oldCsv)).toBe(true);
    expect(readdirSync(path.dirname(pdf)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // The rerun writes both.
    expect((await runCli(['index', issue, '--year', '2021', '-o', pdf])).code).toBe(0);
    expect(readFileSync(csv, 'utf8')).toContain('改过的栏目');
  }, 60_000);
});
