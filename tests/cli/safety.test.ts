/**
 * Issue 19, attacked as a careless or hostile user would: nothing the office owns is damaged, no
 * input hangs a command, every failure is one Chinese message with the documented exit code.
 * In-process through run() where that is enough; through the compiled CLI (bin/, built by
 * `npm ci`) for what only a real process shows: stdout errors, other users, a full disk, hangs.
 */
import { execFileSync, spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { accessSync, chmodSync, closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchIssue, type WatchAttempt } from '../../src/watch/watch.js';
import { visible } from '../../src/cli/terminal.js';
import { defaultFontsDir } from '../../src/fonts/registry.js';
import { loadWorld } from '../../src/world/index.js';
import { MAX_INTEGERS } from '../../src/schema/semantic.js';
import { runCli } from '../helpers/cli.js';
import { put, SAMPLE, sampleText, smallIssue, tempDir } from './fixtures.js';

const BIN = path.resolve('bin/bulletin.js');
const NOBODY = 65534;

/** Runs the compiled CLI; a hang is killed after `timeout` ms (and shows as status null). */
function bin(args: string[], opts: SpawnSyncOptions & { timeout?: number } = {}): { code: number | null; out: string; err: string; ms: number } {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 20_000, ...opts });
  return { code: r.status, out: String(r.stdout ?? ''), err: String(r.stderr ?? ''), ms: Date.now() - t0 };
}

/** A folder every user may enter and write (mkdtemp makes it 0700). */
function openDir(name: string): string {
  const d = tempDir(name);
  chmodSync(d, 0o777);
  return d;
}

/** Whether the CLI can be run as another user here: root, and the package readable by `nobody`. */
function canRunAsNobody(): boolean {
  if (process.getuid?.() !== 0) return false;
  const r = spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)}); require('fs').accessSync(${JSON.stringify(path.resolve('dist/cli/main.js'))})`], { uid: NOBODY, gid: NOBODY });
  return r.status === 0;
}

const mkfifo = (p: string): string => {
  execFileSync('mkfifo', [p]);
  return p;
};

describe('data loss: an output never replaces an input or a special file', () => {
  const dir = tempDir('safety-loss');
  const yaml = put(dir, 'a.yaml', sampleText());
  const pdf = path.join(dir, 'a.pdf');
  beforeAll(async () => {
    expect((await runCli(['build', yaml, '-o', pdf])).code).toBe(0);
  }, 60_000);

  it('1. extract -o onto its own input: exit 2, the PDF untouched', async () => {
    const before = readFileSync(pdf);
    const r = await runCli(['extract', pdf, '-o', pdf]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('输出文件不能与输入文件相同');
    expect(readFileSync(pdf).equals(before)).toBe(true);
  });

  it('2. watch -o onto its own input (also by the default output path): exit 2', async () => {
    const w = put(dir, 'w.pdf', sampleText());
    const r = await runCli(['watch', w, '-o', w]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('输出文件不能与输入文件相同');
    expect(readFileSync(w, 'utf8')).toBe(sampleText());
  });

  it('3. build through a symlinked folder or onto a symlink / hard link of the source: exit 2', async () => {
    const d1 = path.join(dir, 'd1');
    const src = put(d1, 'i.pdf', sampleText());
    symlinkSync(d1, path.join(dir, 'd2'));
    symlinkSync(src, path.join(dir, 'ln.pdf'));
    for (const out of [path.join(dir, 'd2', 'i.pdf'), path.join(dir, 'ln.pdf')]) {
      const r = await runCli(['build', src, '-o', out]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('输出文件不能与输入文件相同');
    }
    expect(readFileSync(src, 'utf8')).toBe(sampleText());
  });

  it('4. extract -o onto a FIFO, or a symlink to one (as /dev/stdout is): refused, not replaced', async () => {
    const p = mkfifo(path.join(dir, 'fifo.yaml'));
    symlinkSync(p, path.join(dir, 'stdout'));
    for (const out of [p, path.join(dir, 'stdout')]) {
      const r = await runCli(['extract', pdf, '-o', out]);
      expect(r.code).toBe(1);
      expect(r.err).toContain('命名管道（FIFO），不是普通文件，不会覆盖它');
    }
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('5. a full disk: a clear message, exit 1, no partial file, and the rerun works', () => {
  const dir = openDir('safety-full');
  const mnt = path.join(dir, 'small');
  let mounted = false;
  beforeAll(() => {
    mkdirSync(mnt);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt], { stdio: 'ignore' });
      mounted = true;
    } catch {
      // Not root, or no CAP_SYS_ADMIN (a container): the tests below say they were skipped.
    }
  });
  afterAll(() => {
    if (mounted) execFileSync('umount', [mnt]);
  });
  const fill = (): void => {
    // Every byte of the small disk taken: the write stops with ENOSPC when it is full.
    try {
      writeFileSync(path.join(mnt, 'fill'), Buffer.alloc(128 * 1024));
    } catch (e) {
      expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
  };
  const free = (): void => rmSync(path.join(mnt, 'fill'), { force: true });

  it('new, import, build, extract, index and preview on a full disk', async (ctx) => {
    if (!mounted) ctx.skip();
    const yaml = put(dir, '2021-01.yaml', sampleText());
    const pdf = path.join(dir, 'a.pdf');
    expect((await runCli(['build', yaml, '-o', pdf])).code).toBe(0);
    const txt = put(dir, 'old.txt', '上海市安全生产协会信息动态\n2021年第1期\n【工作动态】\n1月14日，协会召开了总结会。\n报：市应急管理局\n2021年1月29日印发\n');
    fill();
    const cases: Array<[string[], string]> = [
      [['new', '--from', yaml, '-o', path.join(mnt, 'n.yaml')], 'n.yaml'],
      [['import', txt, '-o', path.join(mnt, 'i.yaml')], 'i.yaml'],
      [['build', yaml, '-o', path.join(mnt, 'b.pdf')], 'b.pdf'],
      [['extract', pdf, '-o', path.join(mnt, 'e.yaml')], 'e.yaml'],
      [['index', yaml, '-o', path.join(mnt, 'x.pdf')], 'x.pdf'],
      [['preview', yaml, '-o', mnt, '-r', '30'], '2021-01-1.png'],
    ];
    for (const [args, file] of cases) {
      const r = bin(args, { timeout: 60_000 });
      expect(r.err, args[0]).toContain('磁盘空间不足');
      expect(r.err, args[0]).not.toMatch(/内部错误|Error:|at /);
      expect(r.code, args[0]).toBe(1);
      expect(existsSync(path.join(mnt, file)), args[0]).toBe(false);
      expect(readdirSync(mnt).filter((n) => n !== 'fill'), args[0]).toEqual([]);
    }
    free();
    // The rerun works (no stub left behind saying "文件已存在").
    for (const [args] of cases.slice(0, 2)) expect(bin(args).code, args[0]).toBeLessThanOrEqual(1);
    expect(existsSync(path.join(mnt, 'n.yaml'))).toBe(true);
    expect(existsSync(path.join(mnt, 'i.yaml'))).toBe(true);
  }, 180_000);
});

describe('6. special and huge inputs never hang nor fill memory', () => {
  const dir = tempDir('safety-special');
  const fifo = mkfifo(path.join(dir, 'pipe.yaml'));

  it('a FIFO given to any command: exit 2 at once', () => {
    for (const args of [['check', fifo], ['build', fifo, '-o', path.join(dir, 'x.pdf')], ['extract', fifo], ['verify', fifo], ['import', fifo], ['new', '--from', fifo], ['fonts', fifo], ['watch', fifo]]) {
      const r = bin(args, { timeout: 10_000 });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toContain('命名管道（FIFO），不是普通文件');
    }
  }, 120_000);

  it('a FIFO inside a batch folder fails alone; the other file is built', () => {
    const batch = path.join(dir, 'batch');
    put(batch, '2021-01.yaml', smallIssue({ period: '2021-01', printed: '2021-01-29' }));
    mkfifo(path.join(batch, '2021-02.yaml'));
    const r = bin(['build', batch, '-o', path.join(dir, 'out')], { timeout: 30_000 });
    expect(r.code).toBe(1);
    expect(r.err).toContain('命名管道（FIFO）');
    expect(existsSync(path.join(dir, 'out', '2021-01.pdf'))).toBe(true);
  }, 60_000);

  it('/dev/zero and /dev/urandom: refused before reading', () => {
    for (const args of [['check', '/dev/zero'], ['extract', '/dev/urandom'], ['import', '/dev/zero']]) {
      const r = bin(args, { timeout: 10_000 });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toContain('设备');
    }
  }, 60_000);

  it('a 600 MB and a 3 GiB (sparse) file: "文件过大" at once, exit 1, not exit 3', () => {
    for (const [name, size] of [['600m.yaml', 600 * 1024 * 1024], ['3g.pdf', 3 * 1024 ** 3]] as const) {
      const f = path.join(dir, name);
      execFileSync('truncate', ['-s', String(size), f]);
      const r = bin([name.endsWith('.pdf') ? 'extract' : 'check', f], { timeout: 10_000 });
      expect(r.code, name).toBe(1);
      expect(r.err, name).toMatch(/文件过大：\d+ MB，超出了 (8|64) MB 的上限/);
      expect(r.ms, name).toBeLessThan(5_000);
    }
  }, 60_000);

  it('extract and verify: a folder is named as a folder, not "找不到文件"', async () => {
    for (const cmd of ['extract', 'verify', 'import']) {
      const r = await runCli([cmd, dir]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('是一个文件夹，不是普通文件');
    }
  });
});

describe('8. unreadable inputs and read-only folders, as an ordinary user', () => {
  const ok = canRunAsNobody();
  const dir = openDir('safety-perm');
  const secret = put(dir, 'secret.yaml', sampleText());
  chmodSync(secret, 0o600);
  const readable = put(dir, 'a.yaml', sampleText());
  chmodSync(readable, 0o644);
  const ro = path.join(dir, 'ro');
  mkdirSync(ro, { mode: 0o555 });
  chmodSync(ro, 0o555);
  const as = { uid: NOBODY, gid: NOBODY, cwd: dir };

  it('every command says "没有权限读取" with exit 2, never a stack', (ctx) => {
    if (!ok) ctx.skip();
    for (const args of [['build', secret, '-o', 'x.pdf'], ['check', secret], ['index', secret, '-o', 'i.pdf'], ['new', '--from', secret, '-o', 'n.yaml'], ['import', secret, '-o', 'm.yaml'], ['extract', secret], ['verify', secret]]) {
      const r = bin(args, as);
      expect(r.err, args[0]).toContain('没有权限读取');
      expect(r.err, args[0]).not.toContain('内部错误');
      expect(r.code, args[0]).toBe(args[0] === 'verify' ? 2 : 2);
    }
  }, 120_000);

  it('new -o, import -o, preview -o into a read-only folder: "没有写入权限", exit 1', (ctx) => {
    if (!ok) ctx.skip();
    const txt = put(dir, 'old.txt', '上海市安全生产协会信息动态\n【工作动态】\n1月14日，协会召开了总结会。\n');
    chmodSync(txt, 0o644);
    for (const args of [['new', '--from', readable, '-o', 'ro/n.yaml'], ['import', txt, '-o', 'ro/i.yaml'], ['preview', readable, '-o', 'ro', '-r', '30']]) {
      const r = bin(args, { ...as, timeout: 60_000 });
      expect(r.err, args[0]).toContain('没有写入权限');
      expect(r.code, args[0]).toBe(1);
    }
    expect(readdirSync(ro)).toEqual([]);
  }, 120_000);
});

describe('9. standard output that cannot be written', () => {
  const dir = tempDir('safety-stdout');
  const yaml = put(dir, 'a.yaml', sampleText());
  const pdf = path.join(dir, 'a.pdf');
  beforeAll(async () => {
    expect((await runCli(['build', yaml, '-o', pdf])).code).toBe(0);
  }, 60_000);

  it('> /dev/full: one Chinese line, exit 1 (no "Unhandled \'error\' event")', () => {
    for (const args of [['build', yaml, '-o', path.join(dir, 'b.pdf')], ['extract', pdf]]) {
      const out = openSync('/dev/full', 'w');
      const r = bin(args, { stdio: ['ignore', out, 'pipe'], timeout: 60_000 });
      closeSync(out);
      expect(r.err, args[0]).toContain('无法写入标准输出：磁盘空间不足');
      expect(r.err, args[0]).not.toContain('Unhandled');
      expect(r.code, args[0]).toBe(1);
    }
  }, 120_000);

  it('a reader that leaves early (| head): quiet, exit 1, no stack', async () => {
    const child = spawn(process.execPath, [BIN, 'extract', pdf], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy(); // the reader is gone before anything is written: EPIPE
    let err = '';
    child.stderr.on('data', (d) => (err += String(d)));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(err).not.toContain('Unhandled');
    expect(err).not.toContain('内部错误');
    expect(code).toBe(1);
  }, 30_000);

  it('closed stdout (>&-): extract says so and exits 1 instead of 0 with nothing written', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" extract "${pdf}" >&-`], { encoding: 'utf8' });
    expect(r.stderr).toContain('标准输出已关闭');
    expect(r.status).toBe(1);
    // A real redirect to /dev/null is not "closed".
    expect(spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" extract "${pdf}" > /dev/null`]).status).toBe(0);
  }, 30_000);
});

describe('10–11. verify goes on, long names, messages', () => {
  const dir = tempDir('safety-misc');
  const yaml = put(dir, 'a.yaml', sampleText());
  const pdf = path.join(dir, 'a.pdf');
  beforeAll(async () => {
    expect((await runCli(['build', yaml, '-o', pdf])).code).toBe(0);
  }, 60_000);

  it('10. verify a.pdf missing.pdf a.pdf checks both existing files, then exits 2', async () => {
    const r = await runCli(['verify', pdf, path.join(dir, 'missing.pdf'), pdf]);
    expect(r.out.split('\n').filter((l) => l.includes('核验通过'))).toHaveLength(2);
    expect(r.err).toContain('找不到文件');
    expect(r.code).toBe(2);
  }, 60_000);

  it('11. output file names of 234–255 bytes are written', async () => {
    for (const n of [234, 255]) {
      const out = path.join(dir, `${'x'.repeat(n - 4)}.pdf`);
      const r = await runCli(['build', yaml, '-o', out]);
      expect(r.err).toBe('');
      expect(existsSync(out)).toBe(true);
      const y = path.join(dir, `${'y'.repeat(n - 5)}.yaml`);
      expect((await runCli(['new', '--from', yaml, '-o', y])).code).toBe(0);
      expect(existsSync(y)).toBe(true);
    }
  }, 60_000);

  it('11. "..." then text names the "...", not a "---" that is not there', async () => {
    const f = put(dir, 'dots.yaml', `${sampleText()}...\n补充说明\n`);
    const r = await runCli(['check', f]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('“...”表示文件到此结束');
    expect(r.err).not.toContain('---');
  });

  it('11. a merge key is named as such, not as an indentation error', async () => {
    const f = put(dir, 'merge.yaml', sampleText().replace('editor:', 'base: &d\n  copies: 5\n<<: *d\neditor:'));
    const r = await runCli(['check', f]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('不支持 YAML 合并键“<<”');
    expect(r.err).not.toContain('缩进');
  });

  it('11. new from 2100-12 refuses clearly and writes nothing (check would refuse 2101)', async () => {
    const f = put(dir, '2100-12.yaml', smallIssue({ period: '2100-12', number: 12, total: 99999, printed: '2100-12-28' }));
    const r = await runCli(['new', '--from', f]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('年月将是 2101年1月，超出了 2100 年');
    expect(r.err).toContain('总期号将是 100000，超出了上限 99999');
    expect(existsSync(path.join(dir, '2101-01.yaml'))).toBe(false);
  });
});

describe('11. watch: comes back after its folder is deleted and made again, retries a failed write', () => {
  const world = loadWorld({ fontsDir: defaultFontsDir() });
  /** Runs watchIssue until `until` says so (or 20 s), returning the attempts. */
  async function watching(file: string, output: string, steps: (attempts: WatchAttempt[], next: (n: number) => Promise<void>) => Promise<void>): Promise<WatchAttempt[]> {
    const attempts: WatchAttempt[] = [];
    const waiters: Array<{ n: number; resolve: () => void }> = [];
    const next = (n: number): Promise<void> => (attempts.length >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve })));
    const controller = new AbortController();
    const done = watchIssue({
      file,
      output,
      world,
      pdfa: false,
      signal: controller.signal,
      pollMs: 100,
      retryMs: 100,
      debounceMs: 50,
      onAttempt: (a) => {
        attempts.push(a);
        for (const w of waiters.filter((w) => attempts.length >= w.n)) w.resolve();
      },
    });
    try {
      await steps(attempts, next);
    } finally {
      controller.abort();
      await done;
    }
    return attempts;
  }

  it('the folder deleted and recreated: the next save is built', async () => {
    const root = tempDir('safety-watch');
    const dir = path.join(root, 'issues');
    const file = put(dir, '2021-02.yaml', smallIssue({ period: '2021-02', printed: '2021-02-26', items: ['第一版。'] }));
    const output = path.join(root, 'out.pdf');
    const attempts = await watching(file, output, async (_a, next) => {
      await next(1);
      rmSync(dir, { recursive: true });
      await new Promise((r) => setTimeout(r, 300));
      put(dir, '2021-02.yaml', smallIssue({ period: '2021-02', printed: '2021-02-26', items: ['恢复之后。'] }));
      await next(2);
      await new Promise((r) => setTimeout(r, 300));
      writeFileSync(file, smallIssue({ period: '2021-02', printed: '2021-02-26', items: ['再次保存。'] }));
      await next(3);
    });
    expect(attempts.slice(0, 3).map((a) => a.ok)).toEqual([true, true, true]);
  }, 30_000);

  it('a write that failed is tried again without a new save', async () => {
    const root = tempDir('safety-watch-retry');
    const file = put(root, '2021-02.yaml', smallIssue({ period: '2021-02', printed: '2021-02-26' }));
    // The output folder is blocked by a file (as a full disk would block it): the write fails.
    const blocker = put(root, 'out', 'not a folder');
    const output = path.join(root, 'out', '2021-02.pdf');
    const attempts = await watching(file, output, async (a, next) => {
      await next(1);
      expect(a[0]!.ok).toBe(false);
      rmSync(blocker);
      while (!a.some((x) => x.ok)) await next(a.length + 1);
    });
    expect(attempts[0]!.error).toContain('无法创建输出文件夹');
    expect(attempts.at(-1)!.ok).toBe(true);
    expect(existsSync(output)).toBe(true);
  }, 30_000);
});

describe('12. terminal escapes in untrusted text are made visible', () => {
  const dir = tempDir('safety-escape');
  const ESC = '\x1b]0;X\x07\x1b[2J';

  it('a YAML key and a 报/送 label printed by check', async () => {
    const f = put(dir, 'a.yaml', sampleText().replace('distribution:\n', `distribution:\n  "\\e]0;X\\a\\e[2J": 某单位\n`).replace('editor:', '"\\e[2Jkey": 1\neditor:'));
    const r = await runCli(['check', f]);
    expect(r.code).toBe(1);
    expect(r.err).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f]/);
    expect(r.err).toContain('<U+001B>]0;X<U+0007><U+001B>[2J');
  });

  it('a PDF whose embedded file name holds escapes: extract and verify print them visibly', async () => {
    const src = put(dir, `x${ESC}.yaml`, sampleText());
    const pdf = path.join(dir, 'e.pdf');
    expect((await runCli(['build', src, '-o', pdf])).code).toBe(0);
    const e = await runCli(['extract', pdf, '-o', path.join(dir, 'back.yaml')]);
    expect(e.code).toBe(0);
    expect(e.err).toContain('<U+001B>[2J');
    expect(e.err).not.toContain('\x1b');
    expect(readFileSync(path.join(dir, 'back.yaml'), 'utf8')).toBe(sampleText());
  }, 60_000);

  it('visible() leaves text, tabs and line feeds alone and marks C0, C1, DEL and bidi overrides', () => {
    expect(visible('简报\t2021\n')).toBe('简报\t2021\n');
    expect(visible('a\x1bb\x9bc\x7fd\u202ee\r')).toBe('a<U+001B>b<U+009B>c<U+007F>d<U+202E>e<U+000D>');
  });
});

describe('13. index CSV: no cell a spreadsheet would run as a formula', () => {
  it('prefixes = + - @ tab CR with an apostrophe; a plain negative number stays a number', async () => {
    const dir = tempDir('safety-csv');
    const issue = smallIssue({ period: '2021-03', number: 3, printed: '2021-03-30', items: ['-5℃低温预警，协会提醒会员单位做好防冻。', '"@所有人：请于月底前报送材料。"'] }).replace(
      '  - title: 工作动态',
      '  - title: "=HYPERLINK(\\"http://x\\",\\"点击\\")"',
    );
    const f = put(dir, '2021-03.yaml', issue);
    const pdf = path.join(dir, 'i.pdf');
    const r = await runCli(['index', f, '-o', pdf]);
    expect(r.err).toBe('');
    const rows = readFileSync(path.join(dir, 'i.csv'), 'utf8').slice(1).split('\r\n').slice(1, -1);
    expect(rows[0]).toContain(`"'=HYPERLINK(""http://x"",""点击"")"`);
    expect(rows[0]).toContain(",'-5℃低温预警");
    expect(rows[1]).toContain(",'@所有人");
    const { defuseCell } = await import('../../src/annual/annual.js');
    expect(['-5', '+3.5', '12', '-', '=1+2', '\tx', '-1-2'].map(defuseCell)).toEqual(['-5', '+3.5', '12', "'-", "'=1+2", "'\tx", "'-1-2"]);
  }, 60_000);
});

describe('14. number, total and copies: plain decimal integers in a sensible range', () => {
  const dir = tempDir('safety-int');
  const withField = (line: string): string => sampleText().replace(/^period: 2021-01$/m, `period: 2021-01\n${line}`);

  it.each([
    ['number: 123456789012345678901234567890', 'E_SCHEMA_RANGE', '期号（number）：应为 1–9999 之间的整数，实际为数字 12345678901234567890…'],
    ['copies: 1e21', 'E_SCHEMA_RANGE', '印数（copies）：应为 1–1000000 之间的整数，实际为数字 1e21'],
    ['total: 9007199254740993', 'E_SCHEMA_RANGE', '总期号（total）：应为 1–99999 之间的整数，实际为数字 9007199254740993'],
    ['number: 0x10', 'E_SCHEMA_TYPE', '期号（number）：应为只用数字 0–9 写的整数（如 16），实际为“0x10”'],
    ['copies: 3e2', 'E_SCHEMA_TYPE', '印数（copies）：应为只用数字 0–9 写的整数（如 300），实际为“3e2”'],
    ['number: +5', 'E_SCHEMA_TYPE', '实际为“+5”'],
    ['total: 216.0', 'E_SCHEMA_TYPE', '实际为“216.0”'],
  ])('%s', async (line, _code, message) => {
    const f = put(dir, 'x.yaml', withField(line));
    const r = await runCli(['check', f]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(message);
    expect(r.err).toMatch(/x\.yaml:4:\d+ (期号（number）|总期号（total）|印数（copies）)：/);
  });

  it('plain values still pass, leading zeros included', async () => {
    const f = put(dir, 'ok.yaml', withField('number: 01\ntotal: 99999\ncopies: 1000000'));
    expect((await runCli(['check', f])).code).toBe(0);
  });

  it('the schema (what the editor shows) has the same maxima', () => {
    const schema = JSON.parse(readFileSync('schema/issue.schema.json', 'utf8')) as { properties: Record<string, { maximum?: number }> };
    for (const [k, max] of Object.entries(MAX_INTEGERS)) expect(schema.properties[k]!.maximum).toBe(max);
  });
});

// Sanity for the helpers above: the sample is where the tests expect it.
it('the sample exists', () => accessSync(SAMPLE));
