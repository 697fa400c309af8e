/**
 * `bulletin build <issue.yaml|folder...> [-o file-or-dir]`. One file is built in-process with the
 * messages it always had; several are built in parallel (one worker per core, fonts loaded once per
 * worker), past any bad file, with a progress bar on a terminal and a summary table at the end.
 */
import type { Command } from 'commander';
import { formatDiagnostic, UsageError } from '../../diag.js';
import { compile } from '../../index.js';
import { runPool } from '../../batch/pool.js';
import { createProgress, formatTable, kb } from '../../batch/progress.js';
import type { BuildTask, TaskResult } from '../../batch/tasks.js';
import { defaultFontsDir } from '../../fonts/registry.js';
import { loadWorld } from '../../world/index.js';
import { assertNotInput, outputKey, writeAtomic } from '../../io/files.js';
import { expandInputs, outputFor, parseJobs, readInput } from '../inputs.js';
import { type CliIO, processIO } from '../io.js';
import { formatReport } from '../report.js';
import { choicesOf, isDefault, KINSOKU_LEVELS, LATIN_MODELS, MARKERS, variantLabel, variantSuffix } from '../../archive/variant.js';

interface BuildOptions {
  output?: string;
  fonts?: string;
  pdfa: boolean;
  report?: boolean;
  jobs?: string;
  kinsoku?: string;
  hangPunctuation?: boolean;
  duplex?: boolean;
  marker?: string;
  latin?: string;
  cmyk?: boolean;
}

// Item markers (FORMAT §4.3, §10.4: 'none' draws none, （一） and 1. number the items), 禁则 levels
// and Han–Latin spacing models (FORMAT §5.5) a clerk may choose: archive/variant.ts.

/** Registers `build`. */
export function commandBuild(program: Command, io: CliIO, setCode: (c: number) => void): void {
  program
    .command('build')
    .description('把期刊文件排成 PDF（默认写到 output/<文件名>.pdf）；可一次生成整个文件夹')
    .argument('<issue...>', '期刊 YAML 文件或文件夹')
    .option('-o, --output <path>', '输出的 PDF 文件，或输出文件夹（印刷版的文件名带选项，如 2021-01-duplex.pdf，不覆盖存档版）；“-”为写到标准输出')
    .option('--fonts <dir>', '单位自有字体所在的文件夹（默认为本工具的 fonts/）')
    .option('--cmyk', '印刷厂用 CMYK 色：红色为 C0 M100 Y100 K0，黑色只用黑墨（输出普通 PDF，不是 PDF/A）')
    .option('--no-pdfa', '输出普通 PDF（默认 PDF/A-3a 并内嵌源文件）')
    .option('--report', '列出排版中规则让步之处和统计')
    .option('--kinsoku <level>', '避头尾（禁则）级别：basic 基本、gb 国标、strict 严格（默认，破折号、省略号也不居行首）')
    .option('--marker <mark>', `条目前的符号：${MARKERS.join(' ')}（默认 ➤；none 为不加符号）`)
    .option('--duplex', '双面印刷：偶数页镜像页边距（订口 28 毫米），报尾排在偶数页（必要时加不编页码的空白页）')
    .option('--latin <model>', '数字、西文与汉字之间：solid 紧排（默认，如“2021年1月29日”）、grid 补足到整字格（旧式，数字两侧留空）')
    .option('--hang-punctuation', '行末句号、逗号、顿号悬挂在版心外（仿 Word；默认不悬挂）')
    .option('-j, --jobs <n>', '并行的工作线程数（默认按 CPU 核数和文件数自动决定；1 为不并行）')
    .action(async (args: string[], opts: BuildOptions) => {
      if (opts.kinsoku !== undefined && !(KINSOKU_LEVELS as readonly string[]).includes(opts.kinsoku)) {
        throw new UsageError(`--kinsoku 应为 ${KINSOKU_LEVELS.join('、')} 之一，实际为“${opts.kinsoku}”`);
      }
      if (opts.latin !== undefined && !(LATIN_MODELS as readonly string[]).includes(opts.latin)) {
        throw new UsageError(`--latin 应为 ${LATIN_MODELS.join('、')} 之一，实际为“${opts.latin}”`);
      }
      const layout = {
        ...(opts.latin ? { latin: opts.latin as (typeof LATIN_MODELS)[number] } : {}),
        ...(opts.kinsoku ? { kinsoku: opts.kinsoku as (typeof KINSOKU_LEVELS)[number] } : {}),
        ...(opts.hangPunctuation ? { hangPunctuation: true } : {}),
        ...(opts.duplex ? { duplex: true } : {}),
        ...(opts.marker !== undefined ? { marker: opts.marker === 'none' ? '' : opts.marker } : {}),
      };
      if (opts.marker !== undefined && !(MARKERS as readonly string[]).includes(opts.marker)) {
        throw new UsageError(`--marker 应为 ${MARKERS.join(' ')} 之一，实际为“${opts.marker}”`);
      }
      const inputs = await expandInputs(args);
      const jobs = parseJobs(opts.jobs);
      const many = inputs.length > 1;
      // `-o -`: the PDF to standard output (a pipe or a file), the summary to stderr.
      const toStdout = opts.output === '-';
      if (toStdout && many) throw new UsageError('-o - 只能用于一个期刊文件：多个文件请用 -o 指定输出文件夹');
      if (toStdout && (io.dataIsTerminal?.() ?? false)) throw new UsageError('标准输出是终端，不能直接显示 PDF：请用“> 文件名.pdf”重定向或通过管道交给其他程序，或用 -o 指定文件');
      // A print variant gets its own name (output/2021-01-duplex.pdf): never over the archive copy.
      const choices = choicesOf({ layout, pdfa: opts.pdfa, cmyk: opts.cmyk ?? false });
      const label = variantLabel(choices);
      const targets = toStdout ? ['-'] : inputs.map((input) => outputFor(input, opts.output, many, variantSuffix(choices)));
      // By real identity: a symlinked folder or a link to the source must not let a PDF replace it.
      if (!toStdout) for (const t of targets) await assertNotInput(t, inputs);
      const seen = new Map<string, string>();
      for (const [i, t] of targets.entries()) {
        const key = await outputKey(t);
        const other = seen.get(key);
        if (other) throw new UsageError(`“${other}”和“${inputs[i]}”会写到同一个文件“${t}”，请分开生成`);
        seen.set(key, inputs[i]!);
      }
      const fontsDir = opts.fonts ?? defaultFontsDir();
      const world = loadWorld({ fontsDir });
      for (const d of world.fonts.diagnostics) io.err(formatDiagnostic(d));

      if (!many) {
        const [input, target] = [inputs[0]!, targets[0]!];
        const r = await compile(input, await readInput(input), world, { pdfa: opts.pdfa, cmyk: opts.cmyk ?? false, layout });
        for (const d of r.diagnostics) io.err(formatDiagnostic(d));
        if (!r.pdf) {
          io.err(`${input}：有错误，未生成 PDF（原有的 PDF 保持不变）`);
          setCode(1);
          return;
        }
        const pages = r.laidOut?.stats.pages ?? 0;
        if (toStdout) {
          await (io.data ?? processIO.data!)(r.pdf);
          io.err(`${input} → 标准输出（${label}；${pages} 页，${Math.round(r.pdf.length / 1024)} KB）`);
          if (opts.report && r.laidOut) for (const line of formatReport(input, r.laidOut)) io.err(line);
          return;
        }
        await writeAtomic(target, r.pdf);
        io.out(`${input} → ${target}（${label}；${pages} 页，${Math.round(r.pdf.length / 1024)} KB）`);
        if (opts.report && r.laidOut) for (const line of formatReport(input, r.laidOut)) io.out(line);
        return;
      }

      const tasks: BuildTask[] = inputs.map((input, i) => ({ kind: 'build', input, target: targets[i]!, pdfa: opts.pdfa, cmyk: opts.cmyk ?? false, layout }));
      const progress = createProgress(io, tasks.length);
      const results = await runPool(tasks, {
        jobs,
        fontsDir,
        world,
        onDone: (task, r: TaskResult) => {
          for (const d of r.diagnostics) progress.err(formatDiagnostic(d));
          if (r.error) progress.err(`${r.input}：${r.error}`);
          if (!r.ok) progress.err(`${r.input}：有错误，未生成 PDF`);
          else {
            progress.out(`${r.input} → ${(task as BuildTask).target}（${label}；${r.pages ?? 0} 页，${kb(r.bytes ?? 0)}）`);
            if (opts.report && r.report) for (const line of formatReport(r.input, r.report)) progress.out(line, true);
          }
          progress.tick(r.input);
        },
      });
      progress.finish();
      const failed = results.filter((r) => !r.ok).length;
      const rows = results.map((r, i) => [
        r.input,
        r.ok ? String(r.pages ?? 0) : '—',
        r.ok ? kb(r.bytes ?? 0) : '—',
        r.ok ? `成功 → ${targets[i]}` : r.error ? `失败：${r.error}` : `失败（${r.diagnostics.filter((d) => d.severity === 'error').length} 处错误）`,
      ]);
      io.out('');
      for (const line of formatTable(['文件', '页数', '大小', '结果'], rows, [false, true, true, false])) io.out(line);
      io.out(`共 ${results.length} 个文件${isDefault(choices) ? '' : `（${label}）`}：${results.length - failed} 个成功${failed ? `，${failed} 个失败（原有的 PDF 保持不变）` : ''}`);
      if (failed) setCode(1);
    });
}
