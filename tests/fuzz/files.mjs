/**
 * `npm run fuzz -- --files N`: the compiled CLI (bin/bulletin.js) run as a careless or hostile user
 * would, one process per case. Each case picks a command, what its input is (a good or fuzzed issue,
 * a PDF, a FIFO, /dev/zero, a folder, a missing, unreadable, huge or symlinked file), where its
 * output goes (a fresh path, the input itself by another spelling, a FIFO, a symlink to one, a
 * folder, a path through a file, a read-only folder, a full disk, a 250-byte name) and what its
 * standard output is (a pipe, /dev/full, closed, a reader that leaves at once). Checked:
 * - exit code 0, 1 or 2 within the time limit (3, a signal or a hang is a failure);
 * - no English stack, "Unhandled 'error' event" or internal error on stderr; a failure says
 *   something in Chinese;
 * - every other file of the case folder, the input included, keeps its bytes; the output is complete
 *   when the command succeeded (a PDF from %PDF- to %%EOF) and absent or unchanged when it failed;
 * - no temporary file left behind.
 * Memory is capped (--max-old-space-size) so an unbounded read crashes instead of passing.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, existsSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rng } from '../../scripts/fuzz-pool.mjs';

const NOBODY = 65534;

const pick = (r, list) => list[Math.floor(r() * list.length)];

export const COMMANDS = ['build', 'check', 'extract', 'verify', 'new', 'import', 'index', 'preview', 'fonts', 'watch'];
const INPUTS = ['good', 'fuzzed', 'fifo', 'zero', 'folder', 'missing', 'unreadable', 'huge', 'symlink', 'pdf', 'damaged-pdf', 'text'];
const OUTPUTS = ['fresh', 'existing', 'same', 'symlink-to-input', 'dir-symlink-to-input', 'fifo', 'symlink-to-fifo', 'dangling', 'folder', 'through-file', 'readonly', 'full', 'long-name'];
const STDOUTS = ['pipe', 'pipe', 'full', 'closed', 'early'];

/** Commands that write a file, with the extension of what they write; the others write none. */
const WRITES = { build: '.pdf', extract: '.yaml', new: '.yaml', import: '.yaml', index: '.pdf', preview: '', watch: '.pdf' };

/** The case `index` of `seed`: plain data, so a failure can be replayed. */
export function scenarioAt(seed, index) {
  const r = rng(seed * 1_000_003 + index);
  const command = pick(r, COMMANDS);
  return { index, command, input: pick(r, INPUTS), output: WRITES[command] !== undefined ? pick(r, OUTPUTS) : 'none', stdout: pick(r, STDOUTS), fuzz: Math.floor(r() * 1e9) };
}

const sha = (p) => createHash('sha256').update(readFileSync(p)).digest('hex');

/** Regular files under `dir` (not following symlinks) with their hashes. */
function snapshot(dir) {
  const out = new Map();
  const walk = (d) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      const st = lstatSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && st.size < 64 * 1024 * 1024) out.set(p, sha(p));
      else if (st.isFile()) out.set(p, `size:${st.size}`);
    }
  };
  walk(dir);
  return out;
}

/**
 * Runs one case. `env`: { bin, sample (issue text), samplePdf (bytes), sampleTxt, fuzzed(index) →
 * bytes, root (a folder every user may enter), asNobody (root and the package readable by
 * uid 65534), full (a full tmpfs folder, or undefined), timeoutMs }. Returns the problems found.
 */
export async function runScenario(s, env) {
  const dir = mkdtempSync(path.join(env.root, `case-${s.index}-`));
  chmodSync(dir, 0o777);
  const problems = [];
  try {
    // ---- the input
    const ext = s.command === 'extract' || s.command === 'verify' ? '.pdf' : s.command === 'import' ? '.txt' : '.yaml';
    let input = path.join(dir, `2021-01${ext}`);
    let asNobody = false;
    const good = () => (ext === '.pdf' ? env.samplePdf : ext === '.txt' ? env.sampleTxt : env.sample);
    switch (s.input) {
      case 'good': writeFileSync(input, good()); break;
      case 'fuzzed': writeFileSync(input, ext === '.pdf' ? fuzzBytes(env.samplePdf, s.fuzz) : env.fuzzed(s.fuzz)); break;
      case 'fifo': execFileSync('mkfifo', [input]); break;
      case 'zero': input = '/dev/zero'; break;
      case 'folder': mkdirSync(input); break;
      case 'missing': break;
      case 'unreadable':
        writeFileSync(input, good());
        chmodSync(input, 0o600);
        asNobody = env.asNobody;
        break;
      case 'huge': writeFileSync(input, ''); truncateSync(input, 3 * 1024 ** 3); break;
      case 'symlink': {
        const real = path.join(dir, 'real', path.basename(input));
        mkdirSync(path.dirname(real));
        writeFileSync(real, good());
        symlinkSync(real, input);
        break;
      }
      case 'pdf': writeFileSync(input, env.samplePdf); break;
      case 'damaged-pdf': writeFileSync(input, env.samplePdf.subarray(0, Math.floor(env.samplePdf.length * ((s.fuzz % 97) / 97)))); break;
      case 'text': writeFileSync(input, env.sampleTxt); break;
    }
    // A decoy beside the input that no command may touch.
    writeFileSync(path.join(dir, 'decoy.pdf'), 'decoy');

    // ---- the output
    const wext = WRITES[s.command] || '';
    let target = s.command === 'preview' ? path.join(dir, 'pngs') : path.join(dir, `out${wext}`);
    let expectWrite = s.output !== 'none';
    const input0 = s.input === 'zero' ? path.join(dir, 'nothing') : input;
    switch (s.output) {
      case 'fresh': case 'none': break;
      case 'existing': if (wext) writeFileSync(target, 'old'); break;
      case 'same': target = input0; expectWrite = false; break;
      case 'symlink-to-input':
        if (existsSync(input0)) {
          symlinkSync(input0, target);
          expectWrite = false;
        }
        break;
      case 'dir-symlink-to-input': symlinkSync(path.dirname(input0), path.join(dir, 'alias')); target = path.join(dir, 'alias', path.basename(input0)); expectWrite = false; break;
      case 'fifo': execFileSync('mkfifo', [target]); expectWrite = false; break;
      case 'symlink-to-fifo': execFileSync('mkfifo', [path.join(dir, 'fifo')]); symlinkSync(path.join(dir, 'fifo'), target); expectWrite = false; break;
      case 'dangling': symlinkSync(path.join(dir, 'nowhere'), target); expectWrite = false; break;
      case 'folder': mkdirSync(target); if (s.command !== 'preview') expectWrite = false; break;
      case 'through-file': writeFileSync(path.join(dir, 'file'), 'x'); target = path.join(dir, 'file', path.basename(target)); expectWrite = false; break;
      case 'readonly': {
        const ro = path.join(dir, 'ro');
        mkdirSync(ro);
        chmodSync(ro, 0o555);
        target = path.join(ro, path.basename(target));
        if (env.asNobody) asNobody = true;
        else expectWrite = false;
        break;
      }
      case 'full': if (env.full) target = path.join(env.full, path.basename(target)); else expectWrite = false; break;
      case 'long-name': target = path.join(dir, 'n'.repeat(250 - wext.length) + wext); break;
    }

    // ---- the command line
    const args = [s.command];
    if (s.command === 'new') args.push('--from', input);
    else args.push(input);
    if (s.command === 'preview') args.push('-r', '30');
    if (s.output !== 'none' && s.command !== 'watch') args.push('-o', target);
    if (s.command === 'watch') args.push('-o', target);

    const before = snapshot(dir);
    // Run as uid 65534 only where that user can reach everything but what is meant to be unreadable.
    const fullBefore = env.full ? new Set(readdirSync(env.full)) : undefined;
    const r = await runCli(env, args, { stdout: s.stdout, asNobody, cwd: dir, watch: s.command === 'watch' });
    const what = `${args.join(' ')}（输入 ${s.input}，输出 ${s.output}，标准输出 ${s.stdout}${asNobody ? '，uid 65534' : ''}）`;

    // ---- exit code, time, messages
    if (r.timedOut) problems.push(`hang: ${what} 超过 ${env.timeoutMs} ms`);
    else if (r.code === null || ![0, 1, 2].includes(r.code)) problems.push(`exit: ${what} 退出码 ${r.code}（信号 ${r.signal}）\n${r.err.slice(-1500)}`);
    if (/Unhandled|内部错误|\n\s+at .+:\d+:\d+\)?\n|ERR_[A-Z_]+/.test(r.err)) problems.push(`stack: ${what}\n${r.err.slice(-1500)}`);
    if (r.code !== 0 && !r.timedOut && !/[\u4e00-\u9fff]/.test(r.err) && !(s.stdout === 'early' && r.code === 1)) problems.push(`silent: ${what} 退出码 ${r.code} 但没有中文说明`);

    // ---- files: nothing but the output changed; the output complete or absent
    const after = snapshot(dir);
    const realTarget = (() => {
      try {
        return lstatSync(target).isSymbolicLink() && statSync(target).isFile() ? path.resolve(path.dirname(target), readlinkReal(target)) : target;
      } catch {
        return target;
      }
    })();
    // The output was written, then printing the result line failed (stdout full or gone): exit 1.
    const printFailed = r.code === 1 && s.stdout !== 'pipe' && (/无法写入标准输出/.test(r.err) || s.stdout === 'early');
    // import writes its draft and exits 1 when the draft still needs the clerk's corrections.
    const draftWritten = s.command === 'import' && r.code === 1 && /还有需要补充或改正的地方/.test(r.err);
    const done = r.code === 0 || printFailed || draftWritten;
    for (const [p, h] of before) {
      const mayChange = done && expectWrite && (p === target || p === realTarget);
      if (!mayChange && after.get(p) !== h) problems.push(`touched: ${what} 改动了 ${path.relative(dir, p)}`);
    }
    const tmp = [...after.keys()].filter((p) => /\.tmp$/.test(p));
    if (tmp.length) problems.push(`temp: ${what} 留下了临时文件 ${tmp.map((p) => path.relative(dir, p)).join(', ')}`);
    // Whatever was written at the target must be whole (an unchanged old file says nothing).
    const written = existsSync(realTarget) && statSync(realTarget).isFile() && after.get(realTarget) !== before.get(realTarget);
    if (written && expectWrite && wext === '.pdf' && s.command !== 'watch') {
      const b = readFileSync(realTarget);
      if (!b.subarray(0, 5).equals(Buffer.from('%PDF-')) || !b.subarray(-6).toString('latin1').includes('%%EOF')) problems.push(`partial: ${what} 生成的 PDF 不完整`);
    }
    if (!done && (s.output === 'fresh' || s.output === 'long-name') && s.command !== 'preview' && existsSync(target) && s.command !== 'watch') problems.push(`leftover: ${what} 失败了却留下了 ${path.relative(dir, target)}`);
    if (fullBefore) {
      const left = readdirSync(env.full).filter((n) => !fullBefore.has(n));
      if (r.code !== 0 && left.length) problems.push(`leftover: ${what} 在已满的磁盘上留下了 ${left.join(', ')}`);
      for (const n of left) rmSync(path.join(env.full, n), { recursive: true, force: true });
    }
    return { problems, code: r.code, ms: r.ms, what };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function readlinkReal(p) {
  return execFileSync('readlink', ['-f', p], { encoding: 'utf8' }).trim();
}

/** A few bytes of `bytes` changed or cut, deterministically. */
function fuzzBytes(bytes, seed) {
  const r = rng(seed);
  const b = Buffer.from(bytes);
  const n = 1 + Math.floor(r() * 20);
  for (let i = 0; i < n; i++) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
  return r() < 0.3 ? b.subarray(0, Math.floor(r() * b.length)) : b;
}

/** Runs the CLI with the given standard output; `watch` is stopped with SIGINT after a while. */
function runCli(env, args, { stdout, asNobody, cwd, watch }) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const argv = ['--max-old-space-size=256', env.bin, ...args];
    let child;
    let devFull;
    const ids = asNobody ? { uid: NOBODY, gid: NOBODY } : {};
    if (stdout === 'closed') {
      const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;
      child = spawn('sh', ['-c', `exec ${[process.execPath, ...argv].map(q).join(' ')} >&-`], { cwd, stdio: ['ignore', 'ignore', 'pipe'], ...ids });
    } else if (stdout === 'full') {
      devFull = openSync('/dev/full', 'w');
      child = spawn(process.execPath, argv, { cwd, stdio: ['ignore', devFull, 'pipe'], ...ids });
    } else {
      child = spawn(process.execPath, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'], ...ids });
      if (stdout === 'early') child.stdout.destroy();
      else child.stdout.on('data', () => undefined);
    }
    let err = '';
    child.stderr.on('data', (d) => (err = (err + d).slice(-8000)));
    let timedOut = false;
    const stopWatch = watch ? setTimeout(() => child.kill('SIGINT'), 6000) : undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, env.timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(stopWatch);
      if (devFull !== undefined) closeSync(devFull);
      resolve({ code, signal, err, timedOut, ms: Date.now() - t0 });
    });
  });
}

/** Whether uid 65534 can run the CLI from `root` (the package must be readable by it). */
export function canRunAsNobody(bin) {
  if (process.getuid?.() !== 0) return false;
  try {
    execFileSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(bin)})`], { uid: NOBODY, gid: NOBODY, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** A full tmpfs under `root` (root only), or undefined when it cannot be mounted here. */
export function mountFull(root) {
  const mnt = path.join(root, 'full');
  mkdirSync(mnt, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,mode=1777', 'tmpfs', mnt], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  try {
    writeFileSync(path.join(mnt, 'fill'), Buffer.alloc(128 * 1024));
  } catch {
    // ENOSPC: full, as wanted.
  }
  return mnt;
}

export function unmount(mnt) {
  if (mnt) execFileSync('umount', [mnt], { stdio: 'ignore' });
}

/** A folder for the cases that every user may enter. */
export function caseRoot() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'bulletin-fuzz-files-'));
  chmodSync(root, 0o777);
  return root;
}
