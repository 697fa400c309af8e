/**
 * The one way commands touch the files a clerk names: inputs are regular files read with a hard cap,
 * outputs never land on an input (compared by real identity, not by spelling) nor on a device,
 * pipe or socket, and every file written goes through {@link writeAtomic} (temp file + rename).
 */
import { createHash } from 'node:crypto';
import { constants, promises as fs, type Stats } from 'node:fs';
import { readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../diag.js';
import { tooLargeMessage } from '../source/size.js';
import { describeKind, OutputError, writeAtomic, writeAtomicAll, writeAtomicNew } from './writeAtomic.js';

export { describeKind, OutputError, writeAtomic, writeAtomicAll, writeAtomicNew };

/** Stable codes of {@link InputError}, listed in the README. */
export type InputErrorCode = 'E_NOT_FOUND' | 'E_NOT_FILE' | 'E_UNREADABLE' | 'E_TOO_LARGE';

/**
 * A file named on the command line cannot be read: missing, not a regular file (a folder, a FIFO,
 * a device), not readable by this user, or over the size limit. The message is Chinese and names
 * the file. Exit 2 (the command was pointed at the wrong thing), except E_TOO_LARGE: exit 1 (the
 * file is there, it is just not a valid issue), as when the loader refused it.
 */
export class InputError extends Error {
  readonly exitCode: 1 | 2;
  constructor(
    message: string,
    /** The path as the clerk wrote it. */
    readonly file: string,
    /** Stable code. */
    readonly code: InputErrorCode,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'InputError';
    this.exitCode = code === 'E_TOO_LARGE' ? 1 : 2;
  }
}

/** Plain-text bulletins for `import`: a real one is a few dozen KB. */
export const MAX_TEXT_BYTES = 1024 * 1024;

/** A system error on reading `file` as an {@link InputError}. */
export function inputError(file: string, e: unknown): InputError {
  if (e instanceof InputError) return e;
  const err = e as NodeJS.ErrnoException;
  switch (err?.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new InputError(`找不到文件“${file}”`, file, 'E_NOT_FOUND', { cause: e });
    case 'EACCES':
    case 'EPERM':
      return new InputError(`没有权限读取“${file}”：文件或它所在的文件夹不允许当前用户读取（请检查文件的权限或属主）`, file, 'E_UNREADABLE', { cause: e });
    case 'EISDIR':
      return new InputError(`“${file}”是一个文件夹，不是文件`, file, 'E_NOT_FILE', { cause: e });
    case 'ELOOP':
      return new InputError(`无法读取“${file}”：符号链接形成了循环`, file, 'E_NOT_FOUND', { cause: e });
    case 'ENAMETOOLONG':
      return new InputError(`无法读取“${file}”：路径或文件名太长`, file, 'E_NOT_FOUND', { cause: e });
    case 'EIO':
      return new InputError(`无法读取“${file}”：磁盘读写出错`, file, 'E_UNREADABLE', { cause: e });
    default:
      return new InputError(`无法读取“${file}”：系统错误 ${err?.code ?? ''}${err?.message ? `（${err.message}）` : ''}`.trim(), file, 'E_UNREADABLE', { cause: e });
  }
}

/** The refusal of a path that exists but is not a regular file (E_NOT_FILE, exit 2). */
export function notAFile(file: string, st: Stats): InputError {
  return new InputError(`“${file}”是${describeKind(st)}，不是普通文件`, file, 'E_NOT_FILE');
}

/** stat (following symlinks) of an input, its failures as {@link InputError}. */
export async function statInput(file: string): Promise<Stats> {
  return fs.stat(file).catch((e: unknown) => {
    throw inputError(file, e);
  });
}

/**
 * Reads a regular file of at most `limit` bytes. Anything else is refused before it is opened for
 * reading proper: a folder, a FIFO (opened non-blocking, so a pipe with no writer cannot hang us),
 * a device such as /dev/zero, a socket. The read stops at `limit + 1` bytes whatever the file system
 * claimed (a file growing under us, a /proc file of size 0), so memory stays bounded.
 */
export async function readFileBounded(file: string, limit: number): Promise<Buffer> {
  const st = await statInput(file);
  if (!st.isFile()) throw notAFile(file, st);
  if (st.size > limit) throw new InputError(`${file}：${tooLargeMessage(st.size, limit)}`, file, 'E_TOO_LARGE');
  let handle: fs.FileHandle;
  try {
    // O_NONBLOCK: a FIFO swapped in after the stat must not block the open (nor a thread of the pool).
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (e) {
    throw inputError(file, e);
  }
  try {
    const st2 = await handle.stat();
    if (!st2.isFile()) throw notAFile(file, st2);
    const chunks: Buffer[] = [];
    let total = 0;
    // One read of the size stat gave, then small ones until end of file or one byte past the limit.
    let want = Math.min(st2.size, limit) + 1;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(want, limit + 1 - total));
      const { bytesRead } = await handle.read(buf, 0, buf.length, null);
      if (bytesRead === 0) break;
      chunks.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit) throw new InputError(`${file}：${tooLargeMessage(total, limit, true)}`, file, 'E_TOO_LARGE');
      want = 64 * 1024;
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    throw inputError(file, e);
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** A regular file's identity (device + inode), or undefined when `p` does not exist. */
async function identity(p: string): Promise<{ dev: number; ino: number } | undefined> {
  const st = await fs.stat(p).catch(() => undefined);
  return st ? { dev: st.dev, ino: st.ino } : undefined;
}

/**
 * Refuses (exit 2) an output that is one of the `inputs`: same device and inode, so a symlinked
 * folder (d2 → d1), a symlink to the source or a hard link cannot make the output replace an input.
 */
export async function assertNotInput(target: string, inputs: readonly string[]): Promise<void> {
  const out = await identity(target);
  if (!out) return;
  for (const input of inputs) {
    const id = await identity(input);
    if (id && id.dev === out.dev && id.ino === out.ino) {
      const same = path.resolve(target) === path.resolve(input) ? '' : `（与“${input}”是同一个文件）`;
      throw new UsageError(`输出文件不能与输入文件相同：“${target}”${same}`);
    }
  }
}

/**
 * Expands folders to their *.yaml / *.yml entries (sorted) that `keep` accepts. A named path that is missing,
 * unreadable or neither a regular file nor a folder is refused here; entries of a folder are
 * kept as they are and refused one by one when read, so a FIFO in a batch folder fails only itself.
 */
export async function expandInputs(args: readonly string[], keep: (name: string) => boolean = () => true, ext: { pattern: RegExp; what: string } = { pattern: /\.ya?ml$/i, what: '.yaml 期刊文件' }): Promise<string[]> {
  const out: string[] = [];
  for (const a of args) {
    const st = await statInput(a);
    if (st.isDirectory()) {
      const names = await fs.readdir(a).catch((e: unknown) => {
        throw inputError(a, e);
      });
      const yaml = names.filter((n) => ext.pattern.test(n) && keep(n)).sort();
      if (!yaml.length) throw new UsageError(`文件夹“${a}”中没有 ${ext.what}`);
      out.push(...yaml.map((n) => path.join(a, n)));
    } else if (st.isFile()) out.push(a);
    else throw notAFile(a, st);
  }
  return out;
}

/**
 * True when this process's standard output was closed by whoever started it (`cmd >&-`). Node then
 * reopens fd 1 on /dev/null read-write; a shell's `> /dev/null` opens it write-only. Linux only
 * (false elsewhere): it reads /proc.
 */
export function isStdoutClosed(): boolean {
  try {
    if (readlinkSync('/proc/self/fd/1') !== '/dev/null') return false;
    const flags = /^flags:\s*([0-7]+)/m.exec(readFileSync('/proc/self/fdinfo/1', 'utf8'))?.[1];
    return flags !== undefined && (parseInt(flags, 8) & 3) === constants.O_RDWR;
  } catch {
    return false;
  }
}

/**
 * A key naming where `target` will really be written: its folder's real path (symlinks resolved)
 * plus its name, so two spellings of one output compare equal.
 */
export async function outputKey(target: string): Promise<string> {
  const abs = path.resolve(target);
  const real = await fs.realpath(abs).catch(() => undefined);
  if (real) return real;
  const dir = await fs.realpath(path.dirname(abs)).catch(() => path.dirname(abs));
  return path.join(dir, path.basename(abs));
}

/** SHA-256 of `bytes` as lowercase hex: the fixity value the archive records and compares. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
