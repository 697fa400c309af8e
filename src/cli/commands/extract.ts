/** `bulletin extract <pdf> [-o file]`: gives back the exact bytes of the embedded issue source. */
import type { Command } from 'commander';
import { extractSource } from '../../archive/extract.js';
import { writeAtomic } from '../../io/writeAtomic.js';
import { readInput } from '../inputs.js';
import type { CliIO } from '../io.js';

export function commandExtract(program: Command, io: CliIO, setCode: (c: number) => void): void {
  program
    .command('extract')
    .description('从 PDF 中取出内嵌的期刊源文件（YAML），逐字节还原')
    .argument('<pdf>', 'bulletin 生成的 PDF')
    .option('-o, --output <file>', '写入的文件（默认输出到屏幕）')
    .action(async (pdf: string, opts: { output?: string }) => {
      const bytes = await readInput(pdf);
      const src = extractSource(bytes);
      if (!src) {
        io.err(`${pdf}：没有找到内嵌的源文件（不是 bulletin 生成的 PDF/A，或已被其他软件改写）`);
        setCode(1);
        return;
      }
      if (!src.checksumOk) {
        io.err(`${pdf}：内嵌源文件的校验和不符，文件可能已损坏`);
        setCode(1);
        return;
      }
      if (opts.output) {
        await writeAtomic(opts.output, src.bytes);
        io.err(`${pdf} → ${opts.output}（${src.name}，${src.bytes.length} 字节）`);
      } else process.stdout.write(src.bytes);
    });
}
