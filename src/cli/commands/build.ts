/** `bulletin build <issue.yaml...> [-o file-or-dir]`. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic, UsageError } from '../../diag.js';
import { compileIssue } from '../../clerk/checks.js';
import { defaultFontsDir, loadFontSet } from '../../fonts/registry.js';
import { writeAtomic } from '../../io/writeAtomic.js';
import { expandInputs, outputFor } from '../inputs.js';
import type { CliIO } from '../io.js';

export function commandBuild(program: Command, io: CliIO, setCode: (c: number) => void): void {
  program
    .command('build')
    .description('把期刊文件排成 PDF（默认写到 output/<文件名>.pdf）')
    .argument('<issue...>', '期刊 YAML 文件或文件夹')
    .option('-o, --output <path>', '输出的 PDF 文件，或输出文件夹')
    .option('--fonts <dir>', '单位自有字体所在的文件夹（默认为本工具的 fonts/）')
    .option('--no-pdfa', '输出普通 PDF（默认 PDF/A-3b 并内嵌源文件）')
    .option('--report', '列出排版中规则让步之处和统计')
    .action(async (args: string[], opts: { output?: string; fonts?: string; pdfa: boolean; report?: boolean }) => {
      const inputs = await expandInputs(args);
      const fonts = loadFontSet({ fontsDir: opts.fonts ?? defaultFontsDir() });
      for (const d of fonts.diagnostics) io.err(formatDiagnostic(d));
      let failed = 0;
      for (const input of inputs) {
        const target = outputFor(input, opts.output, inputs.length > 1);
        if (path.resolve(target) === path.resolve(input)) throw new UsageError(`输出文件不能与输入文件相同：“${target}”`);
        const bytes = await fs.readFile(input);
        // compileIssue: compile plus the clerk's checks (placeholders left by `bulletin new`).
        const r = await compileIssue(input, bytes, { fonts, pdfa: opts.pdfa });
        for (const d of r.diagnostics) io.err(formatDiagnostic(d));
        if (!r.pdf) {
          failed++;
          io.err(`${input}：有错误，未生成 PDF${inputs.length > 1 ? '' : '（原有的 PDF 保持不变）'}`);
          continue;
        }
        await writeAtomic(target, r.pdf);
        const pages = r.laidOut?.stats.pages ?? 0;
        io.out(`${input} → ${target}（${pages} 页，${Math.round(r.pdf.length / 1024)} KB）`);
        if (opts.report && r.laidOut) {
          io.out(`  行数 ${r.laidOut.stats.lines}，页数 ${pages}，刊名字号 ${r.laidOut.nameSizePt.toFixed(1)} 磅`);
          for (const e of r.laidOut.events) io.out(`  ${e.span.file}:${e.span.line}:${e.span.column} ${e.message}`);
        }
      }
      if (failed) setCode(1);
    });
}
