/** Where the CLI writes; tests pass their own sinks. */
import { isStdoutClosed, OutputError } from '../io/files.js';
import { outputReason } from '../io/writeAtomic.js';
import { visible } from './terminal.js';

export interface CliIO {
  out(line: string): void;
  err(line: string): void;
  /** True when stderr is a terminal (progress bars); false in tests and pipes. */
  isTTY: boolean;
  /**
   * A line to stderr as it is, with our own control sequences (the progress bar redrawing itself);
   * everything else goes through `err`, which makes control characters visible.
   */
  errRaw?(line: string): void;
  /**
   * Bytes to standard output (`extract` without -o); resolves once written, throws an OutputError
   * when they cannot be (closed stdout, full disk). Default: the process's stdout.
   */
  data?(bytes: Uint8Array): Promise<void>;
  /** True when standard output is a terminal: binary data (`build -o -`) is then refused. */
  dataIsTerminal?(): boolean;
}

/** The first error standard output gave, if any; later writes are dropped. */
let stdoutError: NodeJS.ErrnoException | undefined;
/** Whether its message was printed (once, by whoever saw it first). */
let stdoutSaid = false;
let guarded = false;

/**
 * Listens for errors of the process's stdout: a reader that went away (`| head`: EPIPE, quietly) or
 * a full disk (`> /dev/full`: ENOSPC, said in Chinese). Either way the exit code becomes at least 1,
 * instead of Node's English "Unhandled 'error' event" crash.
 *
 * A closed stdout (`>&-`) is looked for only where stdout carries the command's product (`data`:
 * `extract`, `build -o -`). Node reopens a closed fd 1 on /dev/null, read-write, exactly as a
 * parent's `stdio: 'ignore'` (or a service manager) opens it, so for a report the two cannot be told
 * apart: a caller that discards the report on purpose must keep its exit code 0.
 */
function guardStdout(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => failStdout(e));
}

/**
 * Records the first failure of standard output (exit code at least 1). `say`: print its reason now
 * (the listener and `out`); `data` hands it to main as an OutputError instead. Later failures are dropped.
 */
function failStdout(e: NodeJS.ErrnoException, say = true): void {
  if (stdoutError) return;
  stdoutError = e;
  process.exitCode = Math.max(Number(process.exitCode ?? 0), 1);
  if (say) sayOnce();
}

/** The reason, once, in Chinese; nothing for EPIPE (the reader had what it wanted, `| head`). */
function sayOnce(): void {
  const m = messageOnce();
  if (m) process.stderr.write(`bulletin：${m}\n`);
}

/** The reason for main to print (once), or '' when it was said already or is EPIPE. */
function messageOnce(): string {
  if (stdoutSaid || !stdoutError || stdoutError.code === 'EPIPE') return '';
  stdoutSaid = true;
  return stdoutMessage(stdoutError);
}

function stdoutMessage(e: unknown): string {
  if ((e as NodeJS.ErrnoException).code === 'ECLOSED') return '无法写入标准输出：标准输出已关闭（命令行中用了“>&-”？）：去掉“>&-”，或用“> 文件名”写到文件';
  return `无法写入标准输出：${outputReason(e)}`;
}

/** True once standard output has failed (the exit code is then at least 1). */
export function stdoutFailed(): boolean {
  return stdoutError !== undefined;
}

export const processIO: CliIO = {
  out: (l) => {
    guardStdout();
    if (!stdoutError) process.stdout.write(l + '\n');
  },
  err: (l) => process.stderr.write(l + '\n'),
  errRaw: (l) => process.stderr.write(l + '\n'),
  isTTY: Boolean(process.stderr.isTTY),
  dataIsTerminal: () => Boolean(process.stdout.isTTY),
  data: (bytes) => {
    guardStdout();
    // `cmd >&-`: the product would go to /dev/null with exit 0. Said by main, once.
    if (isStdoutClosed()) failStdout(Object.assign(new Error('closed'), { code: 'ECLOSED' }), false);
    if (stdoutError) return Promise.reject(new OutputError(messageOnce(), '-'));
    // On a terminal the text is for reading, and a hostile file's escapes must not act: made visible.
    // To a file or a pipe the bytes go out exactly as they are.
    const out = process.stdout.isTTY ? Buffer.from(visible(new TextDecoder().decode(bytes)), 'utf8') : bytes;
    return new Promise((resolve, reject) => {
      process.stdout.write(out, (e) => {
        if (!e) return resolve();
        // Handed to main to print, so the 'error' event that follows stays quiet.
        failStdout(e as NodeJS.ErrnoException, false);
        reject(new OutputError(messageOnce(), '-', { cause: e }));
      });
    });
  },
};
