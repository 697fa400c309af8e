/**
 * The `bulletin` command line. `run(argv, io)` returns the exit code (0 ok, 1 invalid input,
 * 2 usage) and can be called from tests; bin/bulletin.js maps it to the process.
 */
import { Command, CommanderError } from 'commander';
import { UsageError } from '../diag.js';
import { VERSION } from '../version.js';
import { commandBuild } from './commands/build.js';
import { commandCheck } from './commands/check.js';
import { commandExtract } from './commands/extract.js';
import { commandImport } from './commands/import.js';
import { commandIndex } from './commands/index.js';
import { commandNew } from './commands/new.js';
import { commandPreview } from './commands/preview.js';
import { commandFonts } from './commands/fonts.js';
import { commandVerify } from './commands/verify.js';
import { commandWatch } from './commands/watch.js';
import { type CliIO, processIO } from './io.js';

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function run(argv: string[], io: CliIO = processIO): Promise<number> {
  let code = 0;
  const setCode = (c: number): void => {
    code = Math.max(code, c);
  };
  const program = new Command('bulletin')
    .description('把 YAML 格式的简报/信息动态排成符合公文格式（GB/T 9704-2012）的 A4 PDF')
    .version(VERSION, '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .showHelpAfterError();
  commandBuild(program, io, setCode);
  commandCheck(program, io, setCode);
  commandExtract(program, io, setCode);
  commandFonts(program, io, setCode);
  commandVerify(program, io, setCode);
  commandNew(program, io, setCode);
  commandImport(program, io, setCode);
  commandIndex(program, io, setCode);
  commandWatch(program, io, setCode);
  commandPreview(program, io, setCode);
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
    throw e;
  }
  return code;
}
