/**
 * `bulletin verify <pdf...>`: the PDF was made by this tool and is unchanged — its embedded source
 * rebuilds to the very same bytes — plus PDF/A identification, font embedding and page size.
 */
import path from 'node:path';
import type { Command } from 'commander';
import { describePdfError, extractSource, pdfFacts, PdfError, type RecordedFace } from '../../archive/extract.js';
import type { LoadedFontSet } from '../../fonts/types.js';
import { readPdfFile } from '../../archive/read.js';
import { formatDiagnostic } from '../../diag.js';
import { defaultFontsDir } from '../../fonts/registry.js';
import { loadWorld } from '../../world/index.js';
import { compile } from '../../index.js';
import { choiceFlags, parseCreator, variantLabel, worldOf } from '../../archive/variant.js';
import { buildAnnualIndex, readIndexSource, type IssueSummary } from '../../annual/annual.js';
import { rebuildMail } from '../../mail/build.js';
import { MAIL_DOCUMENT_NAMES, mailFlags, readMailSource } from '../../mail/source.js';
import { ENVELOPE_SIZES, LABEL_SHEETS } from '../../spec/mail.js';
import { VERSION } from '../../version.js';
import { InputError, sha256Hex } from '../../io/files.js';
import type { CliIO } from '../io.js';

export function commandVerify(program: Command, io: CliIO, setCode: (c: number) => void): void {
  program
    .command('verify')
    .description('核验 PDF 由本工具生成且未被改动（用内嵌源文件按记录的生成选项重新生成并逐字节比较；全年总目录按内嵌的目录数据）')
    .argument('<pdf...>', '要核验的 PDF')
    .option('--fonts <dir>', '字体文件夹（须与生成时相同）')
    .action(async (pdfs: string[], opts: { fonts?: string }) => {
      const world = loadWorld({ fontsDir: opts.fonts ?? defaultFontsDir() });
      for (const pdf of pdfs) {
        let bytes: Buffer;
        let facts;
        try {
          bytes = await readPdfFile(pdf);
          facts = pdfFacts(bytes);
        } catch (e) {
          // A missing or unreadable file fails alone: the other PDFs are still verified.
          if (e instanceof InputError) {
            io.err(`${pdf}：核验失败（${e.message}）`);
            setCode(e.exitCode);
            continue;
          }
          if (!(e instanceof PdfError)) throw e;
          setCode(1);
          io.err(`${pdf}：核验失败`);
          io.err(`  - ${describePdfError(e)}`);
          continue;
        }
        const problems: string[] = [];
        // What the file embeds decides what it is: an issue (YAML), an annual index or a mail
        // document (JSON data). Read first, since a mail document is neither tagged nor A4.
        let src;
        let srcError: PdfError | undefined;
        try {
          src = extractSource(bytes, { allowChanged: true });
        } catch (e) {
          if (!(e instanceof PdfError)) throw e;
          srcError = e;
        }
        const mail = src ? readMailSource(src.name, src.bytes) : undefined;
        // The build options are recorded in /Creator (archive/variant.ts): a print variant
        // (--duplex, --cmyk …) is rebuilt with its own options, and only a PDF/A one claims PDF/A.
        const made = parseCreator(facts.creator);
        const choices = made?.choices ?? {};
        const flags = choiceFlags(choices);
        const plain = choices.cmyk === true || choices.pdfa === false;
        const notes = [
          plain ? '普通 PDF（非 PDF/A）' : `PDF/A-${facts.pdfaPart ?? '?'}${(facts.pdfaConformance ?? '?').toLowerCase()}${facts.pdfuaPart ? `，PDF/UA-${facts.pdfuaPart}` : ''}`,
          `${facts.pages} 页`,
          `字体 ${facts.embeddedFontFiles}/${facts.fontDescriptors} 已嵌入`,
        ];
        // 3a when the structure check held at build time, else 3b (the rebuild decides the same way).
        const mailPlain = mail ? !mail.options.pdfa : plain;
        if (!mailPlain && (facts.pdfaPart !== '3' || (facts.pdfaConformance !== 'A' && facts.pdfaConformance !== 'B'))) problems.push('没有 PDF/A-3 标识');
        // Envelopes, labels and the register are PDF/A-3b, untagged, and envelopes are not A4.
        if (!mail && !facts.tagged) problems.push('没有结构标签（无 /StructTreeRoot 或 /MarkInfo）');
        if (facts.embeddedFontFiles < facts.fontDescriptors) problems.push('有字体未嵌入');
        if (facts.encrypted) problems.push('文件已加密');
        const [pw, ph] = mail?.document === 'envelopes' ? [ENVELOPE_SIZES[mail.options.envelope].widthMm, ENVELOPE_SIZES[mail.options.envelope].heightMm].map((mm) => (mm * 72) / 25.4) : [595.28, 841.89];
        if (facts.mediaBoxes.some(([w, h]) => Math.abs(w - pw!) > 1 || Math.abs(h - ph!) > 1)) problems.push(mail?.document === 'envelopes' ? `页面不是 ${mail.options.envelope} 信封的大小` : '页面不是 A4');
        if (!facts.producer?.startsWith('bulletin ')) problems.push(`不是 bulletin 生成的（Producer：${facts.producer === undefined ? '无' : clip(facts.producer)}）`);
        else if (facts.producer !== `bulletin ${VERSION}`) problems.push(`由 ${facts.producer} 生成，当前为 bulletin ${VERSION}，无法逐字节核验`);
        else if (!made) problems.push(`生成选项无法识别（Creator：${facts.creator === undefined ? '无' : clip(facts.creator)}）`);
        if (facts.updated) problems.push('文件在生成之后被改动过（末尾追加了增量更新）');
        if (srcError) problems.push(describePdfError(srcError));
        const index = src && mail === undefined ? readIndexSource(src.name, src.bytes) : undefined;
        if (mail) {
          const doc = MAIL_DOCUMENT_NAMES[mail.document];
          notes.splice(0, 1, mail.options.pdfa ? `PDF/A-${facts.pdfaPart ?? '?'}${(facts.pdfaConformance ?? '?').toLowerCase()}` : '普通 PDF（非 PDF/A）');
          notes.unshift(`bulletin mail 的${doc}，据 ${mail.issue.name} 和 ${mail.book.name}`);
          notes.push(`生成选项 ${mailFlags(mail.options).join(' ')}`);
          if (!problems.length && src?.checksumOk) {
            // Rebuilt from the issue file, address book and options it embeds, as an issue is from its YAML.
            const r = await rebuildMail(mail, world);
            if (!r.pdf) {
              problems.push('内嵌的期刊文件和通讯录无法重新生成：');
              problems.push(...r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic));
            } else if (!r.pdf.equals(bytes)) problems.push(...fontProblems(facts.fonts, r.pdf, world.fonts, opts.fonts), differs(bytes, r.pdf));
          } else if (src && !src.checksumOk) problems.push('内嵌源文件没有校验和');
        } else if (mail === null) {
          problems.push(`内嵌的分发文件数据“${src!.name}”无法读取`);
        } else if (!src) {
          // The reason is in the list already; `bulletin mail`'s documents never carry a source.
          if (facts.producer?.startsWith('bulletin ') && MAIL_TITLE.test(facts.title ?? '')) {
            io.err(`${pdf}：无法核验（${facts.pages} 页）`);
            io.err('  - 这是 bulletin mail 生成的分发用文件（信封、地址标签或分发登记表）：不带源文件，无法逐字节核验，也不必存档；存档只需核验期刊 PDF（含印刷版）和全年总目录');
            setCode(1);
            continue;
          }
        } else if (!src.checksumOk) problems.push('内嵌源文件没有校验和');
        else if (index === null) problems.push(`内嵌的总目录数据“${src.name}”无法读取`);
        else if (!problems.length && index) {
          // An annual index (bulletin index): rebuilt from the data it embeds — each issue's
          // entries and pages as they were when it was made; the issues' own PDFs are not read.
          const r = await buildAnnualIndex(index.summaries, index.year, world, { pdfa: !plain });
          const items = index.summaries.reduce((n, s) => n + s.sections.reduce((m, sec) => m + sec.items.length, 0), 0);
          notes.unshift(`${index.year}年总目录，${index.summaries.length} 期、${items} 条`);
          if (!r.pdf) {
            problems.push('内嵌的总目录数据无法重新生成：');
            problems.push(...r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic));
          } else if (!r.pdf.equals(bytes)) problems.push(...fontProblems(facts.fonts, r.pdf, world.fonts, opts.fonts), differs(bytes, r.pdf));
          else {
            // The issues' PDFs named on the same command line are checked against the SHA-256 the
            // index records for them: a PDF rebuilt or changed since the index was made is caught.
            const { same, differ } = await crossCheck(index.summaries, pdfs);
            for (const d of differ) problems.push(`总目录记载的 ${d.name} 的 SHA-256 与所给的 ${d.file} 不同（该期在生成总目录之后重新生成或被改动过，请重新生成总目录）`);
            notes.push(same ? `其中 ${same} 期与同时核验的 PDF 的 SHA-256 一致` : '各期的条目、页码和 SHA-256 以生成总目录时为准，各期 PDF 请一并核验');
          }
        } else if (!problems.length) {
          const r = await compile(src.name, src.bytes, world, worldOf(choices));
          if (!r.pdf) {
            problems.push('内嵌源文件无法重新生成：');
            problems.push(...r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic));
          } else if (r.structure && r.pdf.equals(bytes)) {
            // Same bytes: the file's structure tree is the one built from the source, and the build
            // checked that every element's tagged glyphs read as the source text it stands for.
            const s = r.structure;
            notes.push(s.problems.length === 0 ? `结构标签 ${s.elements} 个元素，与内嵌源文件一致` : `结构标签不完整（${s.problems.length} 处不符），未声明 PDF/A-3a 与 PDF/UA-1`);
          }
          if (r.pdf && !r.pdf.equals(bytes)) problems.push(...fontProblems(facts.fonts, r.pdf, world.fonts, opts.fonts), differs(bytes, r.pdf));
        }
        if (mail || mail === null) {
          // The mail options are in the notes already; the issue's build options do not apply.
        } else if (flags.length) notes.push(`生成选项 ${flags.join(' ')}（${variantLabel(choices)}）`);
        else if (!index) notes.push(`默认生成选项（${variantLabel(choices)}）`);
        if (problems.length) {
          setCode(1);
          io.err(`${pdf}：核验失败（${notes.join('，')}）`);
          for (const p of problems) io.err(`  - ${p}`);
        } else io.out(`${pdf}：核验通过，与内嵌${index ? '的总目录数据' : mail ? '的期刊文件、通讯录和选项' : '源文件'}重新生成的结果逐字节一致（${notes.join('，')}）`);
      }
    });
}

/** The titles `bulletin mail` gives its envelopes, labels and register (src/mail/build.ts). */
const MAIL_TITLE = /(?:信封（[^）]*）|地址标签（[^）]*）|分发登记表)$/;

/** A text from the file, shortened for one message line. */
function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 80)}…（共 ${s.length} 个字符）` : s;
}

/**
 * Why a rebuild may differ, font by font: a face the file was set in that this machine's fonts lack
 * (or have in another version), and a face the rebuild used that the file was not set in (a font put
 * into fonts/ since). Empty when the fonts agree, or when the file records none (made elsewhere or
 * by an older version).
 */
function fontProblems(recorded: readonly RecordedFace[] | undefined, rebuilt: Buffer, fonts: LoadedFontSet, dir: string | undefined): string[] {
  if (!recorded) return [];
  const here = dir ? `字体文件夹 ${dir}` : '本机字体目录';
  const ask = dir ? '请用 --fonts 指定当初排版用的字体文件夹' : '请用 --fonts 指定当初排版用的字体文件夹（排版时用的字体文件要与当初的完全相同）';
  const short = (fp: string): string => `${fp.slice(0, 8)}…`;
  const local = fonts.faces();
  const out: string[] = [];
  for (const f of recorded) {
    if (local.some((x) => x.postscriptName === f.postscriptName && x.fingerprint === f.fingerprint)) continue;
    const other = local.find((x) => x.postscriptName === f.postscriptName);
    const was = `本文件用 ${f.family}（${f.postscriptName}，sha256 ${short(f.fingerprint)}）排版`;
    out.push(other ? `${was}，${here}中的同名字体是另一个版本（sha256 ${short(other.fingerprint)}，${path.basename(other.file)}）：${ask}` : `${was}，${here}中没有这个字体：${ask}`);
  }
  // A face missing here explains the rebuild's substitutes; only when none is, an extra face is news.
  if (out.length) return out;
  let used: readonly RecordedFace[] = [];
  try {
    used = pdfFacts(rebuilt).fonts ?? [];
  } catch {
    // our own rebuild always reads; nothing to add if it does not
  }
  for (const u of used) {
    if (recorded.some((f) => f.postscriptName === u.postscriptName && f.fingerprint === u.fingerprint)) continue;
    out.push(`重新生成时用了 ${u.family}（${u.postscriptName}），本文件排版时没有用它（多半是之后放进字体文件夹的）：${ask}`);
  }
  return out;
}

/** Where the file and its rebuild part. */
function differs(bytes: Buffer, rebuilt: Buffer): string {
  let at = 0;
  while (at < rebuilt.length && at < bytes.length && rebuilt[at] === bytes[at]) at++;
  return `与重新生成的文件不同：大小 ${bytes.length} 与 ${rebuilt.length} 字节，自第 ${at} 字节起不同（文件被改动过，或字体不同）`;
}

/** The index's issues whose PDF (by file name) is among `files`: how many match its SHA-256, and which do not. */
async function crossCheck(summaries: readonly IssueSummary[], files: readonly string[]): Promise<{ same: number; differ: Array<{ name: string; file: string }> }> {
  let same = 0;
  const differ: Array<{ name: string; file: string }> = [];
  for (const s of summaries) {
    const file = s.pdf && files.find((f) => path.basename(f) === s.pdf!.name);
    if (!file || !s.pdf) continue;
    const bytes = await readPdfFile(file).catch(() => undefined);
    if (!bytes) continue; // reported on its own turn
    if (sha256Hex(bytes) === s.pdf.sha256) same++;
    else differ.push({ name: s.pdf.name, file });
  }
  return { same, differ };
}
