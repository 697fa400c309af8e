/** `bulletin watch <issue.yaml> [-o file]`: rebuilds the PDF every time the file is saved. */
import type { Command } from 'commander';
import { formatDiagnostic } from '../../diag.js';
import { kb } from '../../batch/progress.js';
import { watchIssue, type WatchAttempt } from '../../watch/watch.js';
import { defaultFontsDir, loadFontSet } from '../../fonts/registry.js';
import { assertNotInput, notAFile, statInput } from '../../io/files.js';
import { outputFor } from '../inputs.js';
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
    .action(async (file: string, opts: { output?: string; fonts?: string; pdfa: boolean }) => {
      const st = await statInput(file);
      if (!st.isFile()) throw notAFile(file, st);
      const output = outputFor(file, opts.output, false);
      // Checked once here, as build does: the PDF must never replace the file being edited.
      await assertNotInput(output, [file]);
      const fonts = loadFontSet({ fontsDir: opts.fonts ?? defaultFontsDir() });
      for (const d of fonts.diagnostics) io.err(formatDiagnostic(d));
      const controller = new AbortController();
      const stop = (): void => controller.abort();
      process.once('SIGINT', stop);
      io.err(`正在监视 ${file}：每次保存后自动重新生成 ${output}；按 Ctrl-C 停止`);
      let last: WatchAttempt | undefined;
      try {
        await watchIssue({
          file,
          output,
          fonts,
          pdfa: opts.pdfa,
          signal: controller.signal,
          onAttempt: (a) => {
            last = a;
            reportAttempt(io, file, output, a);
          },
        });
      } finally {
        process.removeListener('SIGINT', stop);
      }
      io.err('已停止监视');
      if (last && !last.ok) setCode(1);
    });
}

/** Prints one attempt: its diagnostics, then one line saying what happened, with the time. */
export function reportAttempt(io: CliIO, file: string, output: string, a: WatchAttempt): void {
  const time = new Date().toLocaleTimeString('zh-CN', { hour12: false });
  for (const d of a.diagnostics) io.err(formatDiagnostic(d));
  if (a.error) io.err(`[${time}] ${file}：${a.error}`);
  if (a.ok) io.out(`[${time}] 第 ${a.n} 次：${file} → ${output}（${a.pages ?? 0} 页，${kb(a.bytes ?? 0)}）`);
  else io.err(`[${time}] 第 ${a.n} 次：${file} 有错误，未生成 PDF（上一次生成的 PDF 保持不变）`);
}
