/**
 * Atomic output: a failed or killed build never leaves a partial file at the output path nor
 * replaces a good one, and the temporary files of killed builds do not pile up.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
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

/** The temporary file name for `target` in `dir`, for this process. */
function tempPath(dir: string, target: string): string {
  return path.join(dir, `.${path.basename(target)}.${process.pid}.${HOST_TAG}${randomBytes(2).toString('hex')}.tmp`);
}

/**
 * Writes `data` to a temporary file in the target's own folder (same file system, so the rename is
 * atomic), flushes it to disk, then renames it over `target`, and flushes the folder. The folder
 * is created when missing. Temporary files left in that folder by builds that were killed (their
 * process is gone) are removed first. Any failure throws an {@link OutputError} with a Chinese
 * message; the previous file at `target`, if any, is then untouched.
 */
export async function writeAtomic(target: string, data: Uint8Array): Promise<void> {
  const dir = path.dirname(path.resolve(target));
  const existing = await fs.stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new OutputError(`无法写入“${target}”：这是一个文件夹，不是 PDF 文件`, target);
  try {
    await fs.mkdir(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const file = code === 'EEXIST' || code === 'ENOTDIR' ? await fileOnPath(dir) : undefined;
    const why = file ? `其中的“${shortPath(file)}”是一个文件，不是文件夹` : reason(e);
    throw new OutputError(`无法创建输出文件夹“${path.dirname(target)}”：${why}`, target, { cause: e });
  }
  await removeStaleTemps(dir);
  const tmp = tempPath(dir, target);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx');
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new OutputError(`无法写入“${target}”：${reason(e)}${existing ? '（原有的文件保持不变）' : ''}`, target, { cause: e });
  }
  await syncDir(dir);
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
