/** `bulletin import <old.txt> [-o issues/x.yaml]`: a plain-text bulletin → an issue file. */
import path from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic, hasErrors } from '../../diag.js';
import { defaultFontsDir } from '../../fonts/registry.js';
import { loadWorld } from '../../world/index.js';
import { compile } from '../../index.js';
import { emitIssueYaml, modelineFor, writeNewFile } from '../../draft/emit.js';
import { MAX_TEXT_BYTES } from '../../io/files.js';
import { ImportTooLarge, importText } from '../../import/importText.js';
import { periodKey } from '../../model/period.js';
import { decodeSource } from '../../source/decode.js';
import { readInput } from '../inputs.js';
import type { CliIO } from '../io.js';

/** Registers `import`. */
export function commandImport(program: Command, io: CliIO, setCode: (c: number) => void): void {
  program
    .command('import')
    .description('把纯文本格式的旧简报（.txt）转换为期刊文件（.yaml），无法识别的内容会逐行列出')
    .argument('<text>', '纯文本简报（UTF-8 或 GBK 编码）')
    .option('-o, --output <file.yaml>', '生成的期刊文件（默认 issues/<YYYY-MM>.yaml）')
    .action(async (input: string, opts: { output?: string }) => {
      const bytes = await readInput(input, MAX_TEXT_BYTES);
      const text = decodeText(input, bytes, io);
      if (text === undefined) {
        setCode(1);
        return;
      }
      let r: ReturnType<typeof importText>;
      try {
        r = importText(input, text);
      } catch (e) {
        if (!(e instanceof ImportTooLarge)) throw e;
        io.err(`${input}：${e.message}，不像是一期简报；请只转换一期的文字`);
        setCode(1);
        return;
      }
      for (const d of r.notes) io.err(formatDiagnostic(d));
      const base = path.basename(input).replace(/\.[^.]*$/, '');
      const target = opts.output ?? path.join('issues', `${r.draft.period ? periodKey(r.draft.period) : base}.yaml`);
      const footer = r.unplaced.length
        ? ['', `以下 ${r.unplaced.length} 行未能识别，没有导入（括号中为 ${path.basename(input)} 的行号）：`, ...r.unplaced.map((u) => `  （${u.line}）${u.text}`)]
        : [];
      const yaml = emitIssueYaml(r.draft, {
        modeline: modelineFor(target),
        header: [`由 bulletin import 从 ${path.basename(input)} 转换而来，请与原文核对后再生成 PDF。`],
        footer,
      });
      if (!(await writeNewFile(target, yaml))) {
        io.err(`${target}：文件已存在，没有覆盖。请先删除或改名原文件，或用 -o 指定其他路径`);
        setCode(1);
        return;
      }
      const items = r.draft.sections.reduce((n, s) => n + ('items' in s ? s.items.length : 0), 0);
      const articles = r.draft.sections.filter((s) => 'article' in s);
      const paragraphs = articles.reduce((n, s) => n + ('article' in s ? s.paragraphs.length : 0), 0);
      // As `check` would: the layout too (a two-line name too long, a character no font has).
      const world = loadWorld({ fontsDir: defaultFontsDir() });
      const checked = await compile(target, Buffer.from(yaml, 'utf8'), world, { render: false });
      for (const d of checked.diagnostics) io.err(formatDiagnostic(d));
      const skipped = r.unplaced.length ? `，${r.unplaced.length} 行未能识别（已作为注释留在文件末尾）` : '';
      const sections = r.draft.sections.length - articles.length;
      const what = [sections || !articles.length ? `${sections} 个栏目，${items} 条` : '', articles.length ? `${articles.length} 篇文章，${paragraphs} 段` : ''].filter(Boolean).join('，');
      io.out(`${input} → ${target}（${what}${skipped}）`);
      if (!checked.issue || hasErrors(checked.diagnostics)) {
        io.err(`${target}：还有需要补充或改正的地方（见上），改好后运行 bulletin check ${target}`);
        setCode(1);
      }
    });
}

/** UTF-8 (BOM or not), else GB18030/GBK — common for old text files from Chinese Windows. */
function decodeText(file: string, bytes: Uint8Array, io: CliIO): string | undefined {
  const utf8 = decodeSource(file, bytes);
  if (utf8.ok) return utf8.text;
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    io.err(`${file}：不是 UTF-8 编码，已按 GBK（GB18030）编码读取`);
    return text;
  } catch {
    io.err(formatDiagnostic(utf8.diagnostic));
    return undefined;
  }
}
