/**
 * `bulletin check <issue.yaml|folder...>`: validate only. Besides each file's own checks (schema,
 * semantics, placeholders left by `bulletin new`), several files are checked as a register: 期号/总期号
 * gaps and repeats, two files for one month, print dates before the month (warnings only).
 */
import type { Command } from 'commander';
import { type Diagnostic, formatDiagnostic, hasErrors } from '../../diag.js';
import { compile } from '../../index.js';
import { defaultFontsDir } from '../../fonts/registry.js';
import { loadWorld } from '../../world/index.js';
import { registerEntry, registerWarnings, type RegisterEntry } from '../../register/register.js';
import { bookChecks } from '../../mail/check.js';
import { InputError } from '../../io/files.js';
import { expandInputs, readInput } from '../inputs.js';
import type { CliIO } from '../io.js';

/** Registers `check`. */
export function commandCheck(program: Command, io: CliIO, setCode: (c: number) => void): void {
  program
    .command('check')
    .description('只检查期刊文件，不生成 PDF；检查多个文件时，还核对期号是否连续')
    .argument('<issue...>', '期刊 YAML 文件或文件夹')
    .option('--fonts <dir>', '单位自有字体所在的文件夹（默认为本工具的 fonts/），与 build 相同')
    .action(async (args: string[], opts: { fonts?: string }) => {
      const inputs = await expandInputs(args);
      // The fonts and the layout too: check finds every error build would (missing glyphs, a name
      // too long for the masthead, a 报尾 too long for a page), without drawing a PDF.
      const world = loadWorld({ fontsDir: opts.fonts ?? defaultFontsDir() });
      for (const d of world.fonts.diagnostics) io.err(formatDiagnostic(d));
      // One file that cannot be read (no permission, a FIFO in the folder) fails alone; the rest are checked.
      const files: Array<{ input: string; bytes: Buffer }> = [];
      for (const input of inputs) {
        try {
          files.push({ input, bytes: await readInput(input) });
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          io.err(`bulletin：${e.message}`);
          setCode(e.exitCode);
        }
      }
      const entries = files.map((f) => registerEntry(f.input, f.bytes)).filter((e): e is RegisterEntry => e !== undefined);
      const register = registerWarnings(entries);
      const books = bookChecks();
      for (const { input, bytes } of files) {
        // An address book named on the command line is checked as one.
        if (books.isBook(input)) {
          if (books.check(input, bytes, io)) io.out(`${input}：通讯录格式正确`);
          else setCode(1);
          continue;
        }
        // Everything `build` checks (fonts, masthead and 报尾 fit too), without drawing the PDF.
        const r = await compile(input, bytes, world, { render: false });
        const issue = hasErrors(r.diagnostics) ? undefined : r.issue;
        // With an address book next to the issue: recipients it lacks, copies the list needs.
        const mail = issue ? await books.warnings(issue, io) : { diagnostics: [], ok: true };
        if (!mail.ok) setCode(1);
        const ds = [...r.diagnostics, ...mail.diagnostics, ...register.filter((d) => d.span.file === input)].sort(byPosition);
        for (const d of ds) io.err(formatDiagnostic(d));
        if (!issue) setCode(1);
        else io.out(`${input}：格式正确`);
      }
    });
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.span.line - b.span.line || a.span.column - b.span.column;
}
