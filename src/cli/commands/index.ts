/**
 * `bulletin index <issues...> [--year 2021] [-o output/2021-index.pdf]`: the annual contents list
 * (总目录) as a PDF in the bulletin's own style, plus the same rows as CSV beside it.
 */
import type { Command } from 'commander';
import { formatDiagnostic, UsageError } from '../../diag.js';
import { buildAnnualIndex, type IssueSummary } from '../../annual/annual.js';
import { periodLabel } from '../../model/period.js';
import { runPool } from '../../batch/pool.js';
import { createProgress } from '../../batch/progress.js';
import { registerEntry, registerWarnings, type RegisterEntry } from '../../register/register.js';
import type { SummaryTask } from '../../batch/tasks.js';
import { defaultFontsDir, loadFontSet } from '../../fonts/registry.js';
import { assertNotInput, writeAtomicAll } from '../../io/files.js';
import { expandInputs, parseJobs, readInput } from '../inputs.js';
import type { CliIO } from '../io.js';

/** Registers `index`. */
export function commandIndex(program: Command, io: CliIO, setCode: (c: number) => void): void {
  program
    .command('index')
    .description('生成全年总目录（PDF，另附同名 CSV 表格）：每期的年月、期号，各栏目条目的开头和所在页码')
    .argument('<issue...>', '期刊 YAML 文件或文件夹（如 issues/）')
    .option('--year <year>', '年份（默认为最近一期所在的年份）')
    .option('-o, --output <file.pdf>', '输出的 PDF（默认 output/<年份>-index.pdf）；CSV 写在旁边，扩展名为 .csv')
    .option('--fonts <dir>', '单位自有字体所在的文件夹（默认为本工具的 fonts/）')
    .option('--no-pdfa', '输出普通 PDF（默认 PDF/A-3a）')
    .option('-j, --jobs <n>', '并行的工作线程数（默认按 CPU 核数和文件数自动决定；1 为不并行）')
    .action(async (args: string[], opts: { year?: string; output?: string; fonts?: string; pdfa: boolean; jobs?: string }) => {
      const inputs = await expandInputs(args);
      const jobs = parseJobs(opts.jobs);
      if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) throw new UsageError(`--year 应为四位年份，如 2021，实际为“${opts.year}”`);
      if (opts.output !== undefined && !/\.pdf$/i.test(opts.output)) throw new UsageError(`-o 应为 .pdf 文件，实际为“${opts.output}”`);
      const entries: RegisterEntry[] = [];
      for (const input of inputs) {
        const e = registerEntry(input, await readInput(input));
        if (e) entries.push(e);
        else io.err(`${input}：没有可用的年月（period），不收入总目录`);
      }
      const year = opts.year !== undefined ? Number(opts.year) : Math.max(...entries.map((e) => e.period.year));
      const chosen = entries
        .filter((e) => e.period.year === year)
        .sort((a, b) => a.period.month - b.period.month || a.file.localeCompare(b.file));
      if (!chosen.length) {
        io.err(`没有 ${Number.isFinite(year) ? year : ''} 年的期刊，未生成总目录`);
        setCode(1);
        return;
      }
      for (const d of registerWarnings(chosen)) io.err(formatDiagnostic(d));
      const pdfPath = opts.output ?? `output/${year}-index.pdf`;
      const csvPath = pdfPath.replace(/\.pdf$/i, '.csv');
      await assertNotInput(pdfPath, inputs);
      await assertNotInput(csvPath, inputs);

      const fontsDir = opts.fonts ?? defaultFontsDir();
      const fonts = loadFontSet({ fontsDir });
      for (const d of fonts.diagnostics) io.err(formatDiagnostic(d));
      const tasks: SummaryTask[] = chosen.map((e) => ({ kind: 'summary', input: e.file }));
      const progress = createProgress(io, tasks.length, '排版各期');
      const results = await runPool(tasks, {
        jobs,
        fontsDir,
        fonts,
        onDone: (_t, r) => {
          for (const d of r.diagnostics) progress.err(formatDiagnostic(d));
          if (r.error) progress.err(`${r.input}：${r.error}`);
          progress.tick(r.input);
        },
      });
      progress.finish();
      const failed = results.filter((r) => !r.summary);
      if (failed.length) {
        for (const r of failed) io.err(`${r.input}：有错误，无法确定各条目的页码`);
        io.err(`有 ${failed.length} 期有错误，未生成总目录`);
        setCode(1);
        return;
      }
      const summaries = results.map((r) => r.summary!) as IssueSummary[];
      const index = await buildAnnualIndex(summaries, year, fonts, { pdfa: opts.pdfa });
      for (const d of index.diagnostics) io.err(formatDiagnostic(d));
      if (!index.pdf) {
        io.err('总目录排版出错，未生成');
        setCode(1);
        return;
      }
      // Both or neither: a full disk must not leave this year's PDF beside last run's CSV.
      await writeAtomicAll([
        { target: pdfPath, data: index.pdf },
        { target: csvPath, data: Buffer.from(index.csv, 'utf8') },
      ]);
      const span = `${periodLabel(summaries[0]!.period)}至${periodLabel(summaries.at(-1)!.period)}`;
      io.out(`${year}年总目录 → ${pdfPath}（${index.pages} 页，${span}共 ${summaries.length} 期、${index.items} 条）`);
      io.out(`表格 → ${csvPath}`);
    });
}
