/**
 * Atomic output: a failed or killed build never leaves a partial file at the output path nor
 * replaces a good one, and the temporary files of killed builds do not pile up.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs, type Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The output could not be written (no permission, disk full, the path is a folder …). The message
 * is Chinese and names the path; the CLI prints it and exits 1 (the input was fine, nothing was
 * replaced). `cause` keeps the system error.
 */
export class OutputError extends Error {
  readonly exitCode = 1;
  /** Stable code, listed in the README with the diagnostics. */
  readonly code = 'E_OUTPUT';
  constructor(
    message: string,
    /** The path that could not be written. */
    readonly target: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OutputError';
  }
}

/**
 * `.<name>.<pid>.<8 hex>.tmp`: the temporary file of a write in progress (or of a killed one). The
 * first 4 hex digits name the machine (see {@link HOST_TAG}), the other 4 are random.
 */
const TEMP_NAME = /^\..+\.([0-9]+)\.([0-9a-f]{4})[0-9a-f]{4}\.tmp$/;

/**
 * This machine, in 4 hex digits of its host name's hash: a process id means something only on the
 * machine that made the file (an output folder may be a network share written by several PCs).
 */
export const HOST_TAG = createHash('sha256').update(os.hostname()).digest('hex').slice(0, 4);

/** Another machine's temp file is left alone until it is this old (its build has long ended). */
const FOREIGN_TEMP_AGE_MS = 60 * 60 * 1000;

/** Longest file name (in bytes) on the usual file systems (ext4, NTFS, APFS …). */
const NAME_MAX = 255;

/**
 * The temporary file name for `target` in `dir`, for this process. A long target name is cut (at
 * a character boundary) so the temporary name never exceeds {@link NAME_MAX}: a legal 255-byte
 * output name must not fail because of our suffix.
 */
function tempPath(dir: string, target: string): string {
  const suffix = `.${process.pid}.${HOST_TAG}${randomBytes(2).toString('hex')}.tmp`;
  let base = path.basename(target);
  const room = NAME_MAX - 1 - Buffer.byteLength(suffix);
  while (Buffer.byteLength(base) > room) base = [...base].slice(0, -1).join('');
  return path.join(dir, `.${base}${suffix}`);
}

/** What a non-regular file is, in the clerk's words. */
export function describeKind(st: Stats): string {
  if (st.isDirectory()) return '一个文件夹';
  if (st.isFIFO()) return '一个命名管道（FIFO）';
  if (st.isCharacterDevice()) return '一个设备文件（如 /dev/null、/dev/zero、终端）';
  if (st.isBlockDevice()) return '一个块设备（磁盘）';
  if (st.isSocket()) return '一个套接字';
  if (st.isSymbolicLink()) return '一个符号链接';
  return '一个特殊文件';
}

/** " PDF 文件", " CSV 表格" …: what the output is, from its extension, for messages (a space before Latin). */
function kindOf(target: string): string {
  const ext = path.extname(target).toLowerCase();
  if (ext === '.pdf') return ' PDF 文件';
  if (ext === '.yaml' || ext === '.yml') return ' YAML 文件';
  if (ext === '.csv') return ' CSV 表格';
  if (ext === '.png') return ' PNG 图片';
  return '文件';
}

/** One output of a write: where it goes, and its temporary file once written. */
interface Pending {
  /** The path as the caller spelled it (for messages). */
  target: string;
  /** Where the rename lands: `target`, or the file a symlink at `target` points to. */
  real: string;
  dir: string;
  /** A regular file is already there (it will be replaced). */
  existing: boolean;
  tmp?: string;
}

/**
 * Where `target` really is, refusing what must never be replaced by a regular file: a folder, a
 * device (/dev/null), a FIFO, a socket, or a symlink to one of them (/dev/stdout) or to nothing.
 * A symlink to a regular file is followed: the file it names is replaced, the link stays.
 */
async function locate(target: string): Promise<Pending> {
  let real = path.resolve(target);
  let existing = false;
  const lst = await fs.lstat(target).catch(() => undefined);
  if (lst) {
    let st = lst;
    if (lst.isSymbolicLink()) {
      const followed = await fs.stat(target).catch(() => undefined);
      if (!followed) throw new OutputError(`无法写入“${target}”：这是一个指向不存在位置的符号链接`, target);
      st = followed;
      if (st.isFile()) real = await fs.realpath(target);
    }
    if (st.isDirectory()) throw new OutputError(`无法写入“${target}”：这是一个文件夹，不是${kindOf(target)}`, target);
    if (!st.isFile()) throw new OutputError(`无法写入“${target}”：这是${describeKind(st)}，不是普通文件，不会覆盖它`, target);
    existing = true;
  }
  return { target, real, dir: path.dirname(real), existing };
}

/** Creates the output's folder when missing. */
async function makeDir(p: Pending): Promise<void> {
  try {
    await fs.mkdir(p.dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const file = code === 'EEXIST' || code === 'ENOTDIR' ? await fileOnPath(p.dir) : undefined;
    const why = file ? `其中的“${shortPath(file)}”是一个文件，不是文件夹` : reason(e);
    throw new OutputError(`无法创建输出文件夹“${path.dirname(p.target)}”：${why}`, p.target, { cause: e });
  }
}

/** Writes `data` to a fresh temporary file beside the output and flushes it to disk. */
async function writeTemp(p: Pending, data: Uint8Array): Promise<void> {
  await removeStaleTemps(p.dir);
  const tmp = tempPath(p.dir, p.real);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx');
    p.tmp = tmp;
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await discard(p);
    throw failure(p, e);
  }
}

function failure(p: Pending, e: unknown): OutputError {
  if (e instanceof OutputError) return e;
  return new OutputError(`无法写入“${p.target}”：${reason(e)}${p.existing ? '（原有的文件保持不变）' : ''}`, p.target, { cause: e });
}

async function discard(p: Pending): Promise<void> {
  if (p.tmp) await fs.rm(p.tmp, { force: true }).catch(() => undefined);
  p.tmp = undefined;
}

/**
 * Writes `data` to a temporary file in the target's own folder (same file system, so the rename is
 * atomic), flushes it to disk, then renames it over `target`, and flushes the folder. The folder
 * is created when missing. Temporary files left in that folder by builds that were killed (their
 * process is gone) are removed first. Any failure throws an {@link OutputError} with a Chinese
 * message; the previous file at `target`, if any, is then untouched. A folder, device, FIFO or
 * socket at `target` (or a symlink to one) is refused, never replaced.
 */
export async function writeAtomic(target: string, data: Uint8Array): Promise<void> {
  await writeAtomicAll([{ target, data }]);
}

/**
 * A test's fault: called before each rename of {@link writeAtomicAll} with the target; throwing
 * there stands for a rename the system refused (tests/io/files.test.ts). Undefined in real runs.
 */
let renameFault: ((target: string) => void) | undefined;
export function setRenameFaultForTests(fault: ((target: string) => void) | undefined): void {
  renameFault = fault;
}

/**
 * Several outputs that belong together (the index PDF and its CSV) as near to one step as a file
 * system allows: every temporary file is written and flushed first, so a full disk or a read-only
 * folder leaves all the old files as they were. Then each old file is kept under a temporary name
 * (a hard link: no copy), the new ones are renamed into place one after the other, and when a
 * rename fails the ones already done are undone (the old files renamed back, new ones that had no
 * old file removed), so the pair is old–old or new–new, never a new PDF beside an old CSV. Only a
 * kill of the process in the microseconds between two renames can still leave a mixed pair; the
 * rerun then writes both (the kept copies are removed as stale temporary files).
 */
export async function writeAtomicAll(files: ReadonlyArray<{ target: string; data: Uint8Array }>): Promise<void> {
  const pending: Pending[] = [];
  /** The old file of each output, kept until every rename has succeeded. */
  const kept = new Map<Pending, string>();
  const done: Pending[] = [];
  try {
    for (const f of files) {
      const p = await locate(f.target);
      pending.push(p);
      await makeDir(p);
      await writeTemp(p, f.data);
    }
    if (pending.length > 1) {
      for (const p of pending) {
        if (!p.existing) continue;
        const keep = tempPath(p.dir, p.real);
        try {
          await fs.link(p.real, keep);
        } catch {
          // No hard links here (some network shares): a copy does the same.
          await fs.copyFile(p.real, keep).catch((e: unknown) => {
            throw failure(p, e);
          });
        }
        kept.set(p, keep);
      }
    }
    for (const p of pending) {
      try {
        renameFault?.(p.target);
        await fs.rename(p.tmp!, p.real);
        p.tmp = undefined;
        done.push(p);
      } catch (e) {
        await rollBack(done, kept);
        throw failure(p, e);
      }
    }
  } finally {
    for (const p of pending) await discard(p);
    for (const keep of kept.values()) await fs.rm(keep, { force: true }).catch(() => undefined);
  }
  for (const dir of new Set(pending.map((p) => p.dir))) await syncDir(dir);
}

/** Puts back the outputs already renamed: their old file where there was one, else none. */
async function rollBack(done: readonly Pending[], kept: ReadonlyMap<Pending, string>): Promise<void> {
  for (const p of [...done].reverse()) {
    const keep = kept.get(p);
    if (keep) await fs.rename(keep, p.real).catch(() => undefined);
    else await fs.rm(p.real, { force: true }).catch(() => undefined);
  }
}

/**
 * Writes a new file, atomically, and never over an existing one: returns false (writing nothing)
 * when `target` exists. The temporary file is hard-linked to `target`, which fails if the name was
 * taken meanwhile; where hard links are not supported it is renamed after a last check.
 */
export async function writeAtomicNew(target: string, data: Uint8Array): Promise<boolean> {
  if (await fs.lstat(target).then(() => true, () => false)) return false;
  const p = await locate(target);
  await makeDir(p);
  await writeTemp(p, data);
  try {
    try {
      await fs.link(p.tmp!, p.real);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') return false;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EMLINK') throw e;
      if (await fs.lstat(target).then(() => true, () => false)) return false;
      await fs.rename(p.tmp!, p.real);
      p.tmp = undefined;
    }
  } catch (e) {
    throw failure(p, e);
  } finally {
    await discard(p);
  }
  await syncDir(p.dir);
  return true;
}

/** `p` relative to the working folder when it lies inside it, else as it is. */
function shortPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

/** The first path from the root down to `dir` that exists and is not a folder. */
async function fileOnPath(dir: string): Promise<string | undefined> {
  const parts: string[] = [];
  for (let p = dir; ; p = path.dirname(p)) {
    parts.unshift(p);
    if (path.dirname(p) === p) break;
  }
  for (const p of parts) {
    const st = await fs.stat(p).catch(() => undefined);
    if (!st) return undefined;
    if (!st.isDirectory()) return p;
  }
  return undefined;
}

/** The folder entry of the rename reaches the disk too (best effort: not every system allows it). */
async function syncDir(dir: string): Promise<void> {
  const h = await fs.open(dir, 'r').catch(() => undefined);
  if (!h) return;
  await h.sync().catch(() => undefined);
  await h.close().catch(() => undefined);
}

/**
 * Removes `.<name>.<pid>.<rand>.tmp` files in `dir` left by builds that were killed mid-write: made
 * on this machine by a process that no longer runs. Files of running processes — this one included —
 * are left alone, and so are another machine's for an hour (its process cannot be checked from
 * here). Never throws.
 */
export async function removeStaleTemps(dir: string): Promise<string[]> {
  const removed: string[] = [];
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m) continue;
    const file = path.join(dir, name);
    if (m[2] === HOST_TAG) {
      const pid = Number(m[1]);
      if (pid === process.pid || isAlive(pid)) continue;
    } else {
      const st = await fs.stat(file).catch(() => undefined);
      if (!st || Date.now() - st.mtimeMs < FOREIGN_TEMP_AGE_MS) continue;
    }
    const ok = await fs.rm(file, { force: true }).then(
      () => true,
      () => false,
    );
    if (ok) removed.push(file);
  }
  return removed;
}

/** True when a process with this id exists (signal 0 only checks; EPERM means it exists). */
function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A system error on writing as a Chinese reason ("磁盘空间不足"). */
export function outputReason(e: unknown): string {
  return reason(e);
}

/** A system error as a Chinese reason. */
function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'EACCES':
    case 'EPERM':
      return '没有写入权限（文件夹或文件是只读的，或属于其他用户）';
    case 'EROFS':
      return '所在的磁盘或共享文件夹是只读的';
    case 'ENOSPC':
      return '磁盘空间不足';
    case 'EDQUOT':
      return '超出了磁盘配额';
    case 'ENOTDIR':
      return '路径中的某一级不是文件夹，而是一个文件';
    case 'EISDIR':
      return '这是一个文件夹，不是 PDF 文件';
    case 'ENAMETOOLONG':
      return '路径或文件名太长';
    case 'EBUSY':
    case 'ETXTBSY':
      return '文件正被其他程序占用，请关闭打开它的程序（如 PDF 阅读器）后重试';
    case 'EEXIST':
      return '路径已被占用';
    case 'EIO':
      return '磁盘读写出错';
    default:
      return `系统错误 ${err?.code ?? ''}${err?.message ? `（${err.message}）` : ''}`.trim();
  }
}
