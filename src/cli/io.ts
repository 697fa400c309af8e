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
}

/** The first error standard output gave, if any; later writes are dropped. */
let stdoutError: NodeJS.ErrnoException | undefined;
let guarded = false;

/**
 * Listens for errors of the process's stdout: a reader that went away (`| head`: EPIPE, quietly) or
 * a full disk (`> /dev/full`: ENOSPC, said in Chinese). Either way the exit code becomes at least 1,
 * instead of Node's English "Unhandled 'error' event" crash.
 */
function guardStdout(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (stdoutError) return;
    stdoutError = e;
    process.exitCode = Math.max(Number(process.exitCode ?? 0), 1);
    if (e.code !== 'EPIPE') process.stderr.write(`bulletin：${stdoutMessage(e)}\n`);
  });
}

function stdoutMessage(e: unknown): string {
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
  data: (bytes) => {
    guardStdout();
    // `cmd >&-`: Node quietly reopens fd 1 on /dev/null; writing there would "succeed" with nothing.
    if (isStdoutClosed()) return Promise.reject(new OutputError('无法写入标准输出：标准输出已关闭（命令行中用了“>&-”？），请用 -o 指定要写入的文件', '-'));
    if (stdoutError) return Promise.reject(new OutputError(stdoutMessage(stdoutError), '-'));
    // On a terminal the text is for reading, and a hostile file's escapes must not act: made visible.
    // To a file or a pipe the bytes go out exactly as they are.
    const out = process.stdout.isTTY ? Buffer.from(visible(new TextDecoder().decode(bytes)), 'utf8') : bytes;
    return new Promise((resolve, reject) => {
      process.stdout.write(out, (e) => {
        if (!e) return resolve();
        const err = e as NodeJS.ErrnoException;
        // EPIPE: the reader had what it wanted (`| head -c 10`); exit 1 without a message.
        reject(new OutputError(err.code === 'EPIPE' ? '' : stdoutMessage(err), '-', { cause: e }));
      });
    });
  },
};
