/** `bulletin preview <issue.yaml> [-o dir] [-r dpi]`: PNG images of the pages, to look at quickly. */
import path from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic, UsageError } from '../../diag.js';
import { compile } from '../../index.js';
import { hasPdftoppm, PDFTOPPM_MISSING, pdfToPngs } from '../../watch/preview.js';
import { defaultFontsDir } from '../../fonts/registry.js';
import { loadWorld } from '../../world/index.js';
import { readInput } from '../inputs.js';
import type { CliIO } from '../io.js';

/** Registers `preview`. */
export function commandPreview(program: Command, io: CliIO, setCode: (c: number) => void): void {
  program
    .command('preview')
    .description('生成各页的 PNG 预览图片（需要 poppler-utils 中的 pdftoppm）')
    .argument('<issue>', '期刊 YAML 文件')
    .option('-o, --output <dir>', '图片所在的文件夹（默认 output/preview/，不与 PDF 混在一起）')
    .option('-r, --resolution <dpi>', '分辨率（每英寸点数，30–600，默认 100）', '100')
    .option('--fonts <dir>', '单位自有字体所在的文件夹（默认为本工具的 fonts/）')
    .action(async (file: string, opts: { output?: string; resolution: string; fonts?: string }) => {
      const dpi = Number(opts.resolution);
      if (!Number.isInteger(dpi) || dpi < 30 || dpi > 600) throw new UsageError(`-r 应为 30–600 之间的整数，实际为“${opts.resolution}”`);
      const bytes = await readInput(file);
      // Checked first: no point in building when the images cannot be made.
      if (!(await hasPdftoppm())) {
        io.err(PDFTOPPM_MISSING);
        setCode(1);
        return;
      }
      const name = path.basename(file).replace(/\.ya?ml$/i, '');
      // Its own folder: images never sit among the archive PDFs in output/ (verify output/*.pdf).
      const dir = opts.output ?? path.join('output', 'preview');
      const world = loadWorld({ fontsDir: opts.fonts ?? defaultFontsDir() });
      for (const d of world.fonts.diagnostics) io.err(formatDiagnostic(d));
      // A plain PDF is enough for images; PDF/A only adds the embedded source and metadata.
      const r = await compile(file, bytes, world, { pdfa: false });
      for (const d of r.diagnostics) io.err(formatDiagnostic(d));
      if (!r.pdf) {
        io.err(`${file}：有错误，未生成预览`);
        setCode(1);
        return;
      }
      const pngs = await pdfToPngs(r.pdf, dir, name, dpi);
      io.out(`${file} → ${dir}（${pngs.length} 页，${dpi} dpi）`);
      for (const p of pngs) io.out(`  ${p}`);
    });
}
