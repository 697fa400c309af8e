/**
 * `bulletin mail <issue.yaml> [--book FILE] [-o folder] [--envelope DL|C5|ZL] [--labels 3x8|2x7]`:
 * the envelopes, address labels and distribution register of an issue, from its 报/送/发 list and
 * the office's address book, written next to the issue's PDF (never over it).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { formatDiagnostic, hasErrors, UsageError } from '../../diag.js';
import { loadIssue } from '../../source/load.js';
import { defaultFontsDir } from '../../fonts/registry.js';
import { loadWorld } from '../../world/index.js';
import { assertNotInput, InputError, readFileBounded, writeAtomicAll } from '../../io/files.js';
import { MAX_SOURCE_BYTES } from '../../source/size.js';
import { defaultBookPath, loadAddressBook } from '../../mail/book.js';
import { buildMail } from '../../mail/build.js';
import { mailWarnings } from '../../mail/recipients.js';
import { ENVELOPE_SIZES, LABEL_SHEETS } from '../../spec/mail.js';
import { readInput } from '../inputs.js';
import type { CliIO } from '../io.js';

interface MailOptions {
  book?: string;
  output?: string;
  envelope: string;
  labels: string;
  skipLabels?: string;
  boxes: boolean;
  pdfa: boolean;
  fonts?: string;
}

/**
 * The three files for `input` in `folder`: <name>-envelopes.pdf, -labels.pdf, -register.pdf. By default
 * in output/mail/, not beside the archive PDFs: `verify output/*.pdf` then checks only what is archived.
 */
export function mailTargets(input: string, folder = path.join('output', 'mail')): { envelopes: string; labels: string; register: string } {
  const name = path.basename(input).replace(/\.ya?ml$/i, '');
  return {
    envelopes: path.join(folder, `${name}-envelopes.pdf`),
    labels: path.join(folder, `${name}-labels.pdf`),
    register: path.join(folder, `${name}-register.pdf`),
  };
}

/** Registers `mail`. */
export function commandMail(program: Command, io: CliIO, setCode: (c: number) => void): void {
  program
    .command('mail')
    .description('按报/送/发名单和通讯录生成信封、地址标签和分发登记表（默认写到 output/mail/）')
    .argument('<issue>', '期刊 YAML 文件')
    .option('--book <file>', '通讯录文件（默认为期刊文件所在文件夹中的 address-book.yaml）')
    .option('-o, --output <folder>', '输出文件夹（默认 output/mail/，与存档的期刊 PDF 分开）')
    .option('--envelope <size>', `信封规格：${Object.values(ENVELOPE_SIZES).map((s) => `${s.code}（${s.oldName} ${s.widthMm}×${s.heightMm}）`).join('、')}，默认 DL`, 'DL')
    .option('--labels <layout>', '标签纸：3x8（每张 24 枚 70×37 毫米）或 2x7（每张 14 枚 99.1×38.1 毫米），默认 3x8', '3x8')
    .option('--skip-labels <n>', '第一张标签纸上已用掉的枚数（接着用半张标签纸时），从其后一枚开始印')
    .option('--no-boxes', '不画红色邮政编码框（信封上已印好框时用，只印数字）')
    .option('--no-pdfa', '输出普通 PDF（默认 PDF/A-3b）')
    .option('--fonts <dir>', '单位自有字体所在的文件夹（默认为本工具的 fonts/）')
    .action(async (input: string, opts: MailOptions) => {
      const envelope = ENVELOPE_SIZES[opts.envelope.toUpperCase() as keyof typeof ENVELOPE_SIZES];
      if (!envelope) throw new UsageError(`--envelope 应为 ${Object.keys(ENVELOPE_SIZES).join('、')} 之一，实际为“${opts.envelope}”`);
      const sheet = LABEL_SHEETS[opts.labels.toLowerCase().replace('×', 'x') as keyof typeof LABEL_SHEETS];
      if (!sheet) throw new UsageError(`--labels 应为 ${Object.keys(LABEL_SHEETS).join('、')} 之一，实际为“${opts.labels}”`);
      const skip = opts.skipLabels === undefined ? 0 : Number(opts.skipLabels);
      if (!Number.isInteger(skip) || skip < 0 || skip >= sheet.columns * sheet.rows) {
        throw new UsageError(`--skip-labels 应为 0 到 ${sheet.columns * sheet.rows - 1} 的整数（每张 ${sheet.columns * sheet.rows} 枚），实际为“${opts.skipLabels}”`);
      }
      if (opts.output && /\.pdf$/i.test(opts.output)) throw new UsageError(`-o 应为文件夹（会写出三个 PDF），而不是“${opts.output}”`);

      const bytes = await readInput(input);
      const checked = loadIssue(input, bytes);
      for (const d of checked.diagnostics) io.err(formatDiagnostic(d));
      if (!checked.issue) {
        io.err(`${input}：期刊文件有错误，未生成信封、标签和登记表`);
        setCode(1);
        return;
      }
      const bookFile = opts.book ?? defaultBookPath(input);
      const bookBytes = await readFileBounded(bookFile, MAX_SOURCE_BYTES).catch((e: unknown) => {
        // A book that exists but cannot be used (a folder, a FIFO, no permission, too large) says so.
        if (!(e instanceof InputError) || e.code !== 'E_NOT_FOUND') throw e;
        throw new UsageError(`找不到通讯录“${bookFile}”：请用 --book 指定，或在期刊文件旁建立 address-book.yaml（写法见 docs/印发与分发.md）`);
      });
      const loaded = loadAddressBook(bookFile, bookBytes);
      for (const d of loaded.diagnostics) io.err(formatDiagnostic(d));
      if (!loaded.book) {
        io.err(`${bookFile}：通讯录有错误，未生成信封、标签和登记表`);
        setCode(1);
        return;
      }
      for (const d of mailWarnings(checked.issue, loaded.book)) io.err(formatDiagnostic(d));

      const world = loadWorld({ fontsDir: opts.fonts ?? defaultFontsDir() });
      for (const d of world.fonts.diagnostics) io.err(formatDiagnostic(d));
      const r = await buildMail(checked.issue, loaded.book, world, { envelope, labels: sheet, skipLabels: skip, boxes: opts.boxes, pdfa: opts.pdfa });
      for (const d of r.diagnostics) io.err(formatDiagnostic(d));
      if (hasErrors(r.diagnostics)) {
        io.err(`${input}：有无法印出的字，未生成信封、标签和登记表`);
        setCode(1);
        return;
      }
      const targets = mailTargets(input, opts.output);
      // By real identity (symlinks, hard links), as every command does.
      for (const t of Object.values(targets)) await assertNotInput(t, [input, bookFile]);
      const withAddress = r.recipients.filter((x) => x.unit).length;
      // All three or none: a full disk must not leave new envelopes beside an old register.
      await writeAtomicAll(
        [
          r.envelopes && { target: targets.envelopes, data: r.envelopes },
          r.labels && { target: targets.labels, data: r.labels },
          r.register && { target: targets.register, data: r.register },
        ].filter((f): f is { target: string; data: Buffer } => Boolean(f)),
      );
      if (r.envelopes) {
        io.out(`${input} → ${targets.envelopes}（${r.pages.envelopes} 个信封，${envelope.code} ${envelope.widthMm}×${envelope.heightMm} 毫米）`);
      }
      if (r.labels) {
        io.out(`${input} → ${targets.labels}（${withAddress} 枚标签，${r.pages.labels} 张 ${sheet.code} 标签纸）`);
      }
      if (r.register) {
        const copies = r.recipients.reduce((n, x) => n + x.copies, 0);
        io.out(`${input} → ${targets.register}（${r.recipients.length} 个单位，共 ${copies} 份，${r.pages.register} 页）`);
      }
      if (!r.envelopes) {
        // Nothing to print on: say so, and that an older file there is not this issue's.
        const old = (await Promise.all([targets.envelopes, targets.labels].map(async (t) => ((await fs.stat(t).catch(() => undefined)) ? t : undefined)))).filter(Boolean);
        io.err(`${input}：警告 名单中没有一个单位在通讯录里有地址，未生成信封和标签${old.length ? `；文件夹中原有的 ${old.join('、')} 不是这一期的，请勿使用` : ''}`);
      }
      const missing = r.recipients.filter((x) => !x.unit);
      if (missing.length) {
        io.err(`${input}：警告 通讯录“${bookFile}”中没有以下 ${missing.length} 个单位，未生成它们的信封和标签（登记表中已列出并标 *）：${missing.map((x) => `${x.label}“${x.name.value}”`).join('、')}`);
      }
    });
}
