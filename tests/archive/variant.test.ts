/**
 * Print variants (issue 16 item 5): --duplex, --cmyk, --no-pdfa … never write over the archive copy,
 * record their options in the PDF, and verify as genuine; `verify` recognises the index PDF too.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfFacts } from '../../src/archive/extract.js';
import { choiceFlags, choicesOf, creatorText, parseCreator, variantSuffix, worldOf, type BuildChoices } from '../../src/archive/variant.js';
import { VERSION } from '../../src/version.js';
import { runCli } from '../helpers/cli.js';
import { SAMPLE, tempDir } from '../cli/fixtures.js';

describe('build options recorded in /Creator', () => {
  const cases: BuildChoices[] = [
    {},
    { duplex: true },
    { cmyk: true },
    { duplex: true, cmyk: true },
    { pdfa: false },
    { kinsoku: 'gb', latin: 'grid', hangPunctuation: true },
    { marker: '' },
    { marker: '（一）' },
    { marker: '1.', duplex: true },
  ];

  it('reads back what it writes, for every option', () => {
    for (const c of cases) {
      const text = creatorText('9.9.9', c);
      const back = parseCreator(text);
      expect(back, text).toBeDefined();
      expect(back!.version).toBe('9.9.9');
      expect(choiceFlags(back!.choices), text).toEqual(choiceFlags(c));
      // And the world it gives records the same options again.
      expect(choiceFlags(choicesOf(worldOf(back!.choices)))).toEqual(choiceFlags(c));
    }
    expect(creatorText('1.2.3', {})).toBe('bulletin 1.2.3');
    expect(creatorText('1.2.3', { cmyk: true, duplex: true })).toBe('bulletin 1.2.3 (--duplex --cmyk)');
  });

  it('leaves out defaults and what another option implies', () => {
    expect(choicesOf({ layout: { kinsoku: 'strict', latin: 'solid', duplex: false } })).toEqual({});
    expect(choiceFlags(choicesOf({ cmyk: true, pdfa: false }))).toEqual(['--cmyk']);
  });

  it('refuses a creator it did not write', () => {
    for (const t of ['Microsoft Word', 'bulletin 1.2.3 (--duplx)', 'bulletin 1.2.3 (--kinsoku loose)', 'bulletin 1.2.3 (--marker *)', 'bulletin 1.2.3 ()', undefined]) {
      expect(parseCreator(t), String(t)).toBeUndefined();
    }
  });

  it('names each variant apart from the archive copy', () => {
    const names = cases.map(variantSuffix);
    expect(names[0]).toBe('');
    expect(new Set(names).size).toBe(names.length);
    expect(variantSuffix({ duplex: true, cmyk: true })).toBe('-duplex-cmyk');
    for (const n of names) expect(n).toMatch(/^[a-z0-9-]*$/);
  });
});

describe('print variants on the command line', () => {
  const dir = tempDir('variant');
  const out = path.join(dir, 'output');
  const archive = path.join(out, '2021-01.pdf');
  const runs: Record<string, Awaited<ReturnType<typeof runCli>>> = {};
  let archiveBytes: Buffer;
  beforeAll(async () => {
    runs.plain = await runCli(['build', SAMPLE, '-o', out]);
    archiveBytes = readFileSync(archive);
    runs.duplex = await runCli(['build', SAMPLE, '-o', out, '--duplex']);
    runs.cmyk = await runCli(['build', SAMPLE, '-o', out, '--cmyk']);
    runs.both = await runCli(['build', SAMPLE, '-o', out, '--cmyk', '--duplex']);
    runs.grid = await runCli(['build', SAMPLE, '-o', out, '--no-pdfa', '--latin', 'grid']);
    runs.index = await runCli(['index', SAMPLE, '-o', path.join(out, '2021-index.pdf')]);
  }, 240_000);

  it('writes each variant under its own name, never over the archive copy', () => {
    for (const r of Object.values(runs)) expect(r.code, r.err).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['2021-01-cmyk.pdf', '2021-01-duplex-cmyk.pdf', '2021-01-duplex.pdf', '2021-01-nopdfa-latin-grid.pdf', '2021-01.pdf', '2021-index.csv', '2021-index.pdf']);
    expect(readFileSync(archive).equals(archiveBytes)).toBe(true);
  });

  it('says which variant it wrote', () => {
    expect(runs.plain!.out).toContain(`→ ${archive}（存档版 PDF/A；`);
    expect(runs.duplex!.out).toContain(`→ ${path.join(out, '2021-01-duplex.pdf')}（双面印刷版；`);
    expect(runs.both!.out).toContain('（双面印刷版、CMYK 印刷厂版；');
    expect(runs.grid!.out).toContain('普通 PDF 版（非 PDF/A）');
  });

  it('records the options in /Creator and xmp:CreatorTool', () => {
    const creator = (f: string): string | undefined => pdfFacts(readFileSync(path.join(out, f))).creator;
    expect(creator('2021-01.pdf')).toBe(`bulletin ${VERSION}`);
    expect(creator('2021-01-duplex-cmyk.pdf')).toBe(`bulletin ${VERSION} (--duplex --cmyk)`);
    expect(creator('2021-01-nopdfa-latin-grid.pdf')).toBe(`bulletin ${VERSION} (--no-pdfa --latin grid)`);
    // Both places say the same (qpdf-independent: the Info string is plain ASCII here).
    const bytes = readFileSync(path.join(out, '2021-01-duplex.pdf')).toString('latin1');
    expect(bytes).toContain(`/Creator (bulletin ${VERSION} \\(--duplex\\))`);
    expect(bytes).toContain(`<xmp:CreatorTool>bulletin ${VERSION} (--duplex)</xmp:CreatorTool>`);
  });

  it('verifies the whole folder: archive copy, every variant and the index', async () => {
    const files = readdirSync(out).filter((f) => f.endsWith('.pdf')).map((f) => path.join(out, f));
    const r = await runCli(['verify', ...files]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')).toHaveLength(files.length);
    expect(r.out).toContain('生成选项 --duplex --cmyk（双面印刷版、CMYK 印刷厂版）');
    expect(r.out).toMatch(/2021-index\.pdf：核验通过，与内嵌的总目录数据重新生成的结果逐字节一致（2021年总目录，1 期、13 条/);
    // The index made from the YAML names the archive copy build makes, which is the one here.
    expect(r.out).toContain('其中 1 期与同时核验的 PDF 的 SHA-256 一致');
  }, 120_000);

  it('verifies the envelopes, labels and register of `mail` from the issue, address book and options they embed; a changed byte fails', async () => {
    const mail = path.join(dir, 'mail');
    expect((await runCli(['mail', SAMPLE, '--book', 'issues/address-book.yaml', '-o', mail, '--envelope', 'C5', '--no-boxes', '--skip-labels', '5'])).code).toBe(0);
    const files = ['envelopes', 'labels', 'register'].map((d) => path.join(mail, `2021-01-${d}.pdf`));
    const r = await runCli(['verify', ...files, archive]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`${files[0]}：核验通过，与内嵌的期刊文件、通讯录和选项重新生成的结果逐字节一致（bulletin mail 的信封，据 2021-01.yaml 和 address-book.yaml，PDF/A-3b，`);
    expect(r.out).toContain('生成选项 --envelope C5 --labels 3x8 --skip-labels 5 --no-boxes）');
    expect(r.out).toContain(`${files[2]}：核验通过`);
    expect(r.out).toContain(`${archive}：核验通过`);
    // What they were made from comes back with extract: the issue file's bytes among it.
    const json = path.join(dir, 'labels.json');
    expect((await runCli(['extract', files[1]!, '-o', json])).code).toBe(0);
    const data = JSON.parse(readFileSync(json, 'utf8')) as { kind: string; document: string; options: Record<string, unknown>; issue: { name: string; text: string }; book: { name: string } };
    expect(data).toMatchObject({ kind: 'bulletin-mail', document: 'labels', options: { envelope: 'C5', labels: '3x8', skipLabels: 5, boxes: false, pdfa: true }, issue: { name: '2021-01.yaml' }, book: { name: 'address-book.yaml' } });
    expect(data.issue.text).toBe(readFileSync(SAMPLE, 'utf8'));
    // `index` leaves them out by what they embed, naming them.
    const ix = await runCli(['index', mail, '-o', path.join(dir, 'mail-index.pdf')]);
    expect(ix.err).toContain(`${files[0]}：是 bulletin mail 生成的分发用文件（信封、地址标签或分发登记表），不收入总目录`);

    // One byte changed where the file still reads (the XMP's creation date, one second later; the
    // metadata stream is stored uncompressed, outside any object stream): the rebuild differs there.
    const bytes = readFileSync(files[0]!);
    const date = '<xmp:CreateDate>2021-01-29T00:00:00';
    const at = bytes.indexOf(date) + date.length - 1;
    expect(at).toBeGreaterThan(date.length);
    const bent = Buffer.from(bytes);
    bent[at] = '1'.charCodeAt(0);
    const changed = path.join(dir, 'changed-envelopes.pdf');
    writeFileSync(changed, bent);
    const bad = await runCli(['verify', changed]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(`${changed}：核验失败（bulletin mail 的信封`);
    expect(bad.err).toContain((`  - 与重新生成的文件不同：大小 ${bytes.length} 与 ${bytes.length} 字节，自第 ${at} 字节起不同（`));
  }, 120_000);

  it('an explicit -o file is taken as it is, variant or not', async () => {
    const o = path.join(dir, 'print.pdf');
    const r = await runCli(['build', SAMPLE, '-o', o, '--duplex']);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`→ ${o}（双面印刷版；`);
    expect((await runCli(['verify', o])).code).toBe(0);
  }, 60_000);

  it('a variant whose recorded options were changed fails', async () => {
    // Same length, so only the rebuild can tell: the duplex copy claims to be a --cmyk one.
    const bytes = readFileSync(path.join(out, '2021-01-duplex.pdf')).toString('latin1');
    const forged = bytes.replace('(--duplex)</xmp:CreatorTool>', '(--cmyk)</xmp:CreatorTool>  ');
    expect(forged.length).toBe(bytes.length);
    const f = path.join(dir, 'forged.pdf');
    writeFileSync(f, Buffer.from(forged, 'latin1'));
    const r = await runCli(['verify', f]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('核验失败');
  }, 60_000);
});
