/** `bulletin watch <issue.yaml> [-o file]`: rebuilds the PDF every time the file is saved. */
import type { Command } from 'commander';
import { formatDiagnostic } from '../../diag.js';
import { kb } from '../../batch/progress.js';
import { watchIssue, type WatchAttempt } from '../../watch/watch.js';
import { defaultFontsDir } from '../../fonts/registry.js';
import { loadWorld } from '../../world/index.js';
import { assertNotInput, notAFile, statInput } from '../../io/files.js';
import { outputFor } from '../inputs.js';
import { choicesOf, variantLabel, variantSuffix } from '../../archive/variant.js';
import type { CliIO } from '../io.js';

/** Registers `watch`. */
export function commandWatch(program: Command, io: CliIO, setCode: (c: number) => void): void {
  program
    .command('watch')
    .description('监视期刊文件，每次保存后自动重新生成 PDF（按 Ctrl-C 停止）')
    .argument('<issue>', '期刊 YAML 文件')
    .option('-o, --output <file.pdf>', '输出的 PDF（默认 output/<文件名>.pdf）')
    .option('--fonts <dir>', '单位自有字体所在的文件夹（默认为本工具的 fonts/）')
    .option('--no-pdfa', '输出普通 PDF（默认 PDF/A-3a 并内嵌源文件）')
    .option('--duplex', '双面印刷版（与 build --duplex 相同，默认写到 output/<文件名>-duplex.pdf）')
    .option('--cmyk', '印刷厂用 CMYK 版（与 build --cmyk 相同，默认写到 output/<文件名>-cmyk.pdf）')
    .action(async (file: string, opts: { output?: string; fonts?: string; pdfa: boolean; duplex?: boolean; cmyk?: boolean }) => {
      const st = await statInput(file);
      if (!st.isFile()) throw notAFile(file, st);
      const layout = opts.duplex ? { duplex: true } : {};
      const cmyk = opts.cmyk ?? false;
      // Named as build names them: a print variant never replaces the archive copy.
      const choices = choicesOf({ layout, pdfa: opts.pdfa, cmyk });
      const label = variantLabel(choices);
      const output = outputFor(file, opts.output, false, variantSuffix(choices));
      // Checked once here, as build does: the PDF must never replace the file being edited.
      await assertNotInput(output, [file]);
      const world = loadWorld({ fontsDir: opts.fonts ?? defaultFontsDir() });
      for (const d of world.fonts.diagnostics) io.err(formatDiagnostic(d));
      const controller = new AbortController();
      let stopped = false;
      // Ctrl-C stops after a running build has written its file (no temporary file is left); a
      // second Ctrl-C meanwhile is not allowed to kill the process halfway through the write.
      const stop = (): void => {
        stopped = true;
        controller.abort();
      };
      process.on('SIGINT', stop);
      io.err(`正在监视 ${file}：每次保存后自动重新生成 ${output}（${label}）；按 Ctrl-C 停止`);
      let last: WatchAttempt | undefined;
      try {
        await watchIssue({
          file,
          output,
          world,
          pdfa: opts.pdfa,
          cmyk,
          layout,
          signal: controller.signal,
          onAttempt: (a) => {
            last = a;
            reportAttempt(io, file, output, a, label);
          },
          onMissing: (back) => {
            const time = new Date().toLocaleTimeString('zh-CN', { hour12: false });
            if (back) io.err(`[${time}] ${file} 又出现了，重新生成`);
            else io.err(`[${time}] ${file} 被删除或移走了：继续等它回来（${output} 保持不变；按 Ctrl-C 停止）`);
          },
        });
      } finally {
        process.removeListener('SIGINT', stop);
      }
      // Stopped by the user: not an error, whatever the last save was.
      io.err(`已停止监视 ${file}，再见`);
      if (!stopped && last && !last.ok) setCode(1);
    });
}

/**
 * Prints one attempt: its diagnostics, then one line saying what happened, with the time and, as
 * build's line does, which version was written (存档版 PDF/A, 双面印刷版 …).
 */
export function reportAttempt(io: CliIO, file: string, output: string, a: WatchAttempt, label: string): void {
  const time = new Date().toLocaleTimeString('zh-CN', { hour12: false });
  for (const d of a.diagnostics) io.err(formatDiagnostic(d));
  if (a.error) io.err(`[${time}] ${file}：${a.error}`);
  if (a.ok) io.out(`[${time}] 第 ${a.n} 次：${file} → ${output}（${label}；${a.pages ?? 0} 页，${kb(a.bytes ?? 0)}）`);
  else io.err(`[${time}] 第 ${a.n} 次：${file} 有错误，未生成 PDF（${label}；上一次生成的 PDF 保持不变）`);
}
