/**
 * `bulletin index <issues...> [--year 2021] [-o output/2021-index.pdf]`: the annual contents list
 * (总目录) as a PDF in the bulletin's own style, plus the same rows as CSV beside it.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { describePdfError, extractSource, pdfFacts, PdfError } from '../../archive/extract.js';
import { readPdfFile } from '../../archive/read.js';
import { type BuildChoices, isDefault, parseCreator, variantLabel } from '../../archive/variant.js';
import { formatDiagnostic, UsageError } from '../../diag.js';
import { buildAnnualIndex, readIndexSource, type IssueSummary } from '../../annual/annual.js';
import { readMailSource } from '../../mail/source.js';
import { periodLabel } from '../../model/period.js';
import { runPool } from '../../batch/pool.js';
import { createProgress } from '../../batch/progress.js';
import { registerEntry, registerWarnings, type RegisterEntry } from '../../register/register.js';
import type { SummaryTask } from '../../batch/tasks.js';
import { defaultFontsDir } from '../../fonts/registry.js';
import { loadWorld } from '../../world/index.js';
import { assertNotInput, sha256Hex, writeAtomicAll } from '../../io/files.js';
import { expandInputs, parseJobs, readInput } from '../inputs.js';
import type { CliIO } from '../io.js';

/** Registers `index`. */
export function commandIndex(program: Command, io: CliIO, setCode: (c: number) => void): void {
  program
    .command('index')
    .description('生成全年总目录（PDF，另附同名 CSV 表格）：每期的年月、期号，各栏目条目的开头和所在页码')
    .argument('<issue...>', '期刊 YAML 文件、本工具生成的期刊 PDF，或它们所在的文件夹（如 issues/、output/）')
    .option('--year <year>', '年份（默认为最近一期所在的年份）')
    .option('-o, --output <file.pdf>', '输出的 PDF（默认 output/<年份>-index.pdf）；CSV 写在旁边，扩展名为 .csv')
    .option('--fonts <dir>', '单位自有字体所在的文件夹（默认为本工具的 fonts/）')
    .option('--no-pdfa', '输出普通 PDF（默认 PDF/A-3a）')
    .option('-j, --jobs <n>', '并行的工作线程数（默认按 CPU 核数和文件数自动决定；1 为不并行）')
    .action(async (args: string[], opts: { year?: string; output?: string; fonts?: string; pdfa: boolean; jobs?: string }) => {
      const inputs = await expandInputs(args, { pdf: true });
      const jobs = parseJobs(opts.jobs);
      if (opts.year !== undefined && !/^\d{4}$/.test(opts.year)) throw new UsageError(`--year 应为四位年份，如 2021，实际为“${opts.year}”`);
      if (opts.output !== undefined && !/\.pdf$/i.test(opts.output)) throw new UsageError(`-o 应为 .pdf 文件，实际为“${opts.output}”`);
      const candidates: Candidate[] = [];
      for (const input of inputs) {
        const c = /\.pdf$/i.test(input) ? await pdfCandidate(input, io) : await yamlCandidate(input);
        if (c) candidates.push(c);
        else if (!/\.pdf$/i.test(input)) io.err(`${input}：没有可用的年月（period），不收入总目录`);
      }
      const entries = dedupe(candidates, io).map((c) => c.entry);
      const tasks = new Map(candidates.map((c) => [c.entry, c.task]));
      if (!entries.length) {
        io.err(`${args.join('、')} 中没有可以收入总目录的期刊（期刊 YAML 文件，或本工具生成的期刊 PDF），未生成总目录`);
        setCode(1);
        return;
      }
      const year = opts.year !== undefined ? Number(opts.year) : Math.max(...entries.map((e) => e.period.year));
      const chosen = entries
        .filter((e) => e.period.year === year)
        .sort((a, b) => a.period.month - b.period.month || a.file.localeCompare(b.file));
      if (!chosen.length) {
        const years = [...new Set(entries.map((e) => e.period.year))].sort();
        io.err(`没有 ${year} 年的期刊（所给文件中的年份：${years.join('、')}），未生成总目录`);
        setCode(1);
        return;
      }
      for (const d of registerWarnings(chosen)) io.err(formatDiagnostic(d));
      const pdfPath = opts.output ?? `output/${year}-index.pdf`;
      const csvPath = pdfPath.replace(/\.pdf$/i, '.csv');
      // Against the files indexed: last run's index, found in the folder and left out, may be replaced.
      const used = chosen.map((e) => e.file);
      await assertNotInput(pdfPath, used);
      await assertNotInput(csvPath, used);

      const fontsDir = opts.fonts ?? defaultFontsDir();
      const world = loadWorld({ fontsDir });
      for (const d of world.fonts.diagnostics) io.err(formatDiagnostic(d));
      const progress = createProgress(io, chosen.length, '排版各期');
      const results = await runPool(chosen.map((e) => tasks.get(e)!), {
        jobs,
        fontsDir,
        world,
        onDone: (_t, r) => {
          // A PDF's messages point into the issue file embedded in it: say which PDF that is.
          const from = /\.pdf$/i.test(r.input) ? `${r.input} 内嵌的 ` : '';
          for (const d of r.diagnostics) progress.err(from + formatDiagnostic(d));
          if (r.error) progress.err(`${r.input}：${r.error}`);
          if (r.note) progress.err(`${r.input}：${r.note}`);
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
      const index = await buildAnnualIndex(summaries, year, world, { pdfa: opts.pdfa });
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
      const [first, last] = [periodLabel(summaries[0]!.period), periodLabel(summaries.at(-1)!.period)];
      const span = first === last ? first : `${first}至${last}`;
      io.out(`${year}年总目录 → ${pdfPath}（${index.pages} 页，${span}共 ${summaries.length} 期、${index.items} 条）`);
      // Say what the SHA-256 column is of: the PDFs given, or the archive copies build makes.
      const fromPdf = chosen.filter((e) => tasks.get(e)?.pdf).length;
      const of = [fromPdf ? '所给 PDF 的' : '', fromPdf < chosen.length ? `期刊文件用 build 默认选项生成的存档版 PDF（${path.join('output', '<文件名>.pdf')}）的` : ''].filter(Boolean).join('，');
      io.out(`表格 → ${csvPath}（SHA-256 一栏为${of}校验值）`);
    });
}

/** One file given to `index`: its register fields and the task that summarises it. */
interface Candidate {
  input: string;
  entry: RegisterEntry;
  task: SummaryTask;
  /** The issue file's bytes, by SHA-256: a PDF and its variants and YAML are one issue. */
  sourceKey: string;
  /** For a PDF: its recorded build options. */
  choices?: BuildChoices;
}

async function yamlCandidate(input: string): Promise<Candidate | undefined> {
  const bytes = await readInput(input);
  const entry = registerEntry(input, bytes);
  return entry && { input, entry, task: { kind: 'summary', input }, sourceKey: sha256Hex(bytes) };
}

/**
 * A PDF given to `index`: an issue made by this tool, read through its embedded issue file and
 * build options (the pages are those of this PDF). Another PDF — an index, a damaged file, one
 * without an embedded issue — is left out with a message.
 */
async function pdfCandidate(input: string, io: CliIO): Promise<Candidate | undefined> {
  let bytes: Buffer;
  let src;
  let creator: string | undefined;
  try {
    bytes = await readPdfFile(input);
    src = extractSource(bytes);
    creator = pdfFacts(bytes).creator;
  } catch (e) {
    if (!(e instanceof PdfError)) throw e;
    io.err(`${input}：${e.code === 'E_PDF_NO_SOURCE' ? '不是期刊 PDF（没有内嵌的期刊文件），' : `${describePdfError(e)}，`}不收入总目录`);
    return undefined;
  }
  if (readMailSource(src.name, src.bytes) !== undefined) {
    io.err(`${input}：是 bulletin mail 生成的分发用文件（信封、地址标签或分发登记表），不收入总目录`);
    return undefined;
  }
  if (readIndexSource(src.name, src.bytes) !== undefined) {
    io.err(`${input}：是全年总目录，不收入总目录`);
    return undefined;
  }
  const made = parseCreator(creator);
  if (!made) {
    io.err(`${input}：不是本工具生成的期刊 PDF（Creator：${creator ?? '无'}），不收入总目录`);
    return undefined;
  }
  const entry = registerEntry(input, src.bytes);
  if (!entry) {
    io.err(`${input}：内嵌的期刊文件没有可用的年月（period），不收入总目录`);
    return undefined;
  }
  const pdf = { name: path.basename(input), sha256: sha256Hex(bytes) };
  return { input, entry, task: { kind: 'summary', input, source: { name: src.name, bytes: src.bytes }, choices: made.choices, pdf }, sourceKey: sha256Hex(src.bytes), choices: made.choices };
}

/**
 * One entry per issue file: the archive copy's PDF is preferred, then the YAML, then a print
 * variant (its pages may differ: --duplex adds a blank page). The others are named and left out.
 */
function dedupe(candidates: readonly Candidate[], io: CliIO): Candidate[] {
  const rank = (c: Candidate): number => (!c.choices ? 1 : isDefault(c.choices) ? 0 : 2);
  const best = new Map<string, Candidate>();
  for (const c of candidates) {
    const b = best.get(c.sourceKey);
    if (!b || rank(c) < rank(b)) best.set(c.sourceKey, c);
  }
  const kept = new Set(best.values());
  for (const c of candidates) {
    if (kept.has(c)) continue;
    const what = c.choices ? (isDefault(c.choices) ? '存档版' : variantLabel(c.choices)) : '期刊文件';
    io.err(`${c.input}：与 ${best.get(c.sourceKey)!.input} 是同一期（${what}），不重复收入总目录`);
  }
  return candidates.filter((c) => kept.has(c));
}
