/**
 * The `bulletin` command line. `run(argv, io)` returns the exit code (0 ok, 1 invalid input or an
 * output that cannot be written, 2 usage) and can be called from tests; bin/bulletin.js maps it to
 * the process (3 for an internal error).
 */
import { Command, CommanderError } from 'commander';
import { UsageError } from '../diag.js';
import { InputError, OutputError } from '../io/files.js';
import { VERSION } from '../version.js';
import { type CliIO, processIO } from './io.js';
import { chinese } from './zh.js';
import { visible } from './terminal.js';

type Register = (program: Command, io: CliIO, setCode: (c: number) => void) => void;

/**
 * Each command's module, loaded only when that command runs: `check` never loads the PDF writer or
 * the font reader, `build` never loads `import` or `preview`. In help order.
 */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Register>]> = [
  ['build', async () => (await import('./commands/build.js')).commandBuild],
  ['check', async () => (await import('./commands/check.js')).commandCheck],
  ['extract', async () => (await import('./commands/extract.js')).commandExtract],
  ['fonts', async () => (await import('./commands/fonts.js')).commandFonts],
  ['verify', async () => (await import('./commands/verify.js')).commandVerify],
  ['new', async () => (await import('./commands/new.js')).commandNew],
  ['import', async () => (await import('./commands/import.js')).commandImport],
  ['index', async () => (await import('./commands/index.js')).commandIndex],
  ['watch', async () => (await import('./commands/watch.js')).commandWatch],
  ['preview', async () => (await import('./commands/preview.js')).commandPreview],
  ['mail', async () => (await import('./commands/mail.js')).commandMail],
];

/** The commands to register: the one named first on the command line, or all (help, errors). */
function wanted(argv: readonly string[]): ReadonlyArray<readonly [string, () => Promise<Register>]> {
  const one = COMMANDS.find(([name]) => name === argv[0]);
  return one ? [one] : COMMANDS;
}

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: string[], given: CliIO = processIO): Promise<number> {
  // Every printed line can carry text from a file: its control characters are made visible.
  const io: CliIO = {
    out: (l) => given.out(visible(l)),
    err: (l) => given.err(visible(l)),
    isTTY: given.isTTY,
    errRaw: given.errRaw ?? given.err,
    ...(given.data ? { data: given.data } : {}),
    ...(given.dataIsTerminal ? { dataIsTerminal: given.dataIsTerminal } : {}),
  };
  let code = 0;
  const setCode = (c: number): void => {
    code = Math.max(code, c);
  };
  const program = new Command('bulletin')
    .description('把 YAML 格式的简报/信息动态排成符合公文格式（GB/T 9704-2012）的 A4 PDF')
    .version(VERSION, '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .exitOverride()
    .configureOutput({ writeErr: (s) => io.err(s.trimEnd()) });
  chinese(program, io.out);
  for (const register of await Promise.all(wanted(argv).map(([, load]) => load()))) register(program, io, setCode);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    if (e instanceof UsageError) {
      io.err(`bulletin：${e.message}`);
      return 2;
    }
    // A file named on the command line that cannot be read: missing, a folder or device, no permission, too large.
    if (e instanceof InputError) {
      io.err(`bulletin：${e.message}`);
      return Math.max(code, e.exitCode);
    }
    // The PDF (or CSV, or extracted source) could not be written: a clear message, nothing replaced.
    // No message for a reader that left a pipe early (`| head`).
    if (e instanceof OutputError) {
      if (e.message) io.err(`bulletin：${e.message}`);
      return Math.max(code, e.exitCode);
    }
    throw e;
  }
  return code;
}
