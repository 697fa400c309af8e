/** `bulletin fonts [issue.yaml]`: each role's font chain, and for an issue which characters fall back or are missing. */
import type { Command } from 'commander';
import { formatDiagnostic, hasErrors } from '../../diag.js';
import { defaultFontsDir, loadFontSet } from '../../fonts/registry.js';
import { fontsReport, formatFontsReport } from '../../fonts/report.js';
import { textUses } from '../../index.js';
import { loadIssue } from '../../source/load.js';
import { readInput } from '../inputs.js';
import type { CliIO } from '../io.js';

export function commandFonts(program: Command, io: CliIO, setCode: (c: number) => void): void {
  program
    .command('fonts')
    .description('列出各字体角色使用的字体（文件、字族、许可、GB2312/GBK 覆盖）；给出期刊文件时列出回退与缺字')
    .argument('[issue]', '期刊 YAML 文件')
    .option('--fonts <dir>', '单位自有字体所在的文件夹（默认为本工具的 fonts/）')
    .action(async (issueFile: string | undefined, opts: { fonts?: string }) => {
      const set = loadFontSet({ fontsDir: opts.fonts ?? defaultFontsDir() });
      for (const d of set.diagnostics) io.err(formatDiagnostic(d));
      let uses;
      if (issueFile) {
        const bytes = await readInput(issueFile);
        const r = loadIssue(issueFile, bytes);
        for (const d of r.diagnostics) io.err(formatDiagnostic(d));
        if (!r.issue || hasErrors(r.diagnostics)) {
          setCode(1);
          return;
        }
        uses = textUses(r.issue);
      }
      const report = fontsReport(set, uses);
      io.out(formatFontsReport(report, { cwd: process.cwd() }));
      if (report.issue && hasErrors(report.issue.diagnostics)) setCode(1);
    });
}
