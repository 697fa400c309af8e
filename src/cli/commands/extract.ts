/** `bulletin extract <pdf> [-o file]`: gives back the exact bytes of the embedded issue source. */
import type { Command } from 'commander';
import { describePdfError, extractSource, FORCE_OPTION, PdfError } from '../../archive/extract.js';
import { readPdfFile } from '../../archive/read.js';
import { stat } from 'node:fs/promises';
import { assertNotInput, readFileBounded, writeAtomic, writeAtomicNew } from '../../io/files.js';
import { type CliIO, processIO } from '../io.js';

export function commandExtract(program: Command, io: CliIO, setCode: (c: number) => void): void {
  program
    .command('extract')
    .description('从 PDF 中取出内嵌的期刊源文件（YAML），逐字节还原')
    .argument('<pdf>', 'bulletin 生成的 PDF')
    .option('-o, --output <file>', '写入的文件（默认输出到屏幕）')
    .option(`${FORCE_OPTION}`, '文件在生成后被改动过（增量更新）时仍取出改动后的源文件')
    .option('--overwrite', '-o 指定的文件已存在且内容不同时，仍然覆盖它（默认不覆盖）')
    .action(async (pdf: string, opts: { output?: string; force?: boolean; overwrite?: boolean }) => {
      if (opts.output) await assertNotInput(opts.output, [pdf]);
      let src;
      try {
        src = extractSource(await readPdfFile(pdf), { allowChanged: opts.force === true });
      } catch (e) {
        if (!(e instanceof PdfError)) throw e;
        io.err(`${pdf}：${describePdfError(e)}`);
        setCode(1);
        return;
      }
      if (src.changed) io.err(`${pdf}：注意：文件在生成之后被改动过，取出的是改动后的源文件（${FORCE_OPTION}）`);
      if (!src.checksumOk) {
        io.err(`${pdf}：内嵌源文件没有校验和（/Params /CheckSum），无法确认它完好 [E_PDF_CHECKSUM]`);
        setCode(1);
        return;
      }
      if (opts.output) {
        // An issue file edited since the PDF was made must not be lost to an extract (new and
        // import refuse the same way): only the same bytes, or --overwrite, go over it.
        const existing = opts.overwrite ? undefined : await stat(opts.output).catch(() => undefined);
        // A FIFO or device (or a symlink to one) is left to writeAtomic, which refuses it with its own message.
        if (existing?.isFile()) {
          const same = existing.size === src.bytes.length && (await readFileBounded(opts.output, src.bytes.length)).equals(src.bytes);
          if (same) {
            io.err(`${pdf} → ${opts.output}：文件已存在，内容与 PDF 中的源文件完全相同，未改动`);
            return;
          }
          io.err(`${opts.output}：文件已存在，内容与 PDF 中的源文件不同，没有覆盖。请用 -o 指定其他文件名，或加 --overwrite 覆盖它`);
          setCode(1);
          return;
        }
        if (!existing && !opts.overwrite) {
          if (!(await writeAtomicNew(opts.output, src.bytes))) {
            io.err(`${opts.output}：文件已存在，没有覆盖。请用 -o 指定其他文件名，或加 --overwrite 覆盖它`);
            setCode(1);
            return;
          }
        } else await writeAtomic(opts.output, src.bytes);
        io.err(`${pdf} → ${opts.output}（${src.name}，${src.bytes.length} 字节）`);
      } else await (io.data ?? processIO.data!)(src.bytes);
    });
}
