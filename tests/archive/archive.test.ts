import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractSource, pdfFacts } from '../../src/archive/extract.js';
import { runCli } from '../helpers/cli.js';
import { makePdf } from '../helpers/pdfMaker.js';
import { objectText } from '../helpers/pdf.js';

const SAMPLE = 'issues/2021-01.yaml';

describe('archival PDFs (PDF/A-3a, source inside, byte-identical rebuilds)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-archive-'));
  const a = path.join(dir, 'a.pdf');
  const b = path.join(dir, 'b.pdf');
  beforeAll(async () => {
    expect((await runCli(['build', SAMPLE, '-o', a])).code).toBe(0);
    expect((await runCli(['build', SAMPLE, '-o', b])).code).toBe(0);
  }, 120_000);

  it('builds the same bytes twice', () => {
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });

  it('passes qpdf --check', () => {
    const r = spawnSync('qpdf', ['--check', a], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).not.toMatch(/WARNING/i);
    expect(r.stdout).toContain('No syntax or stream encoding errors found');
    expect(r.status).toBe(0);
  });

  it('identifies as PDF/A-3a and PDF/UA-1 with complete XMP, an OutputIntent, no encryption, every font embedded', () => {
    const bytes = readFileSync(a);
    const facts = pdfFacts(bytes);
    expect(facts.pdfaPart).toBe('3');
    expect(facts.pdfaConformance).toBe('A');
    expect(facts.pdfuaPart).toBe('1');
    expect(facts.tagged).toBe(true);
    expect(facts.encrypted).toBe(false);
    expect(facts.fontDescriptors).toBeGreaterThan(0);
    expect(facts.embeddedFontFiles).toBe(facts.fontDescriptors);
    const text = objectText(bytes);
    expect(text).toMatch(/\/OutputIntents\s*\[/);
    const xmp = Buffer.from(text.slice(text.indexOf('<x:xmpmeta'), text.indexOf('</x:xmpmeta>')), 'latin1').toString('utf8');
    expect(xmp).toContain('上海市安全生产协会信息动态 2021年1月');
    expect(xmp).toContain('<rdf:li>上海市安全生产协会办公室编</rdf:li>');
    expect(xmp).toContain('<rdf:li>协会党建</rdf:li>');
    expect(xmp).toContain('<rdf:li>zh-CN</rdf:li>');
    // The print date at 00:00 Beijing time, not the clock, written with its offset so that readers
    // show the 29th (in UTC it read as the 28th).
    expect(xmp).toContain('<xmp:CreateDate>2021-01-29T00:00:00+08:00</xmp:CreateDate>');
    expect(xmp).toContain('<xmp:ModifyDate>2021-01-29T00:00:00+08:00</xmp:ModifyDate>');
    const info = execFileSync('pdfinfo', ['-isodates', a], { encoding: 'utf8', env: { ...process.env, TZ: 'Asia/Shanghai' } });
    expect(info).toMatch(/CreationDate:\s+2021-01-29T00:00:00\+08/);
    expect(text).toContain("/CreationDate (D:20210129000000+08'00')");
    expect(xmp).toMatch(/<pdf:Producer>bulletin \d+\.\d+\.\d+<\/pdf:Producer>/);
    // Every font has a ToUnicode map (text stays copyable).
    expect([...text.matchAll(/\/ToUnicode\s+\d+\s+\d+\s+R/g)].length).toBeGreaterThanOrEqual(facts.fontDescriptors);
  });

  it('embeds the source as an associated file that qpdf lists and extract returns byte for byte', async () => {
    const list = execFileSync('qpdf', ['--list-attachments', a], { encoding: 'utf8' });
    expect(list).toContain('2021-01.yaml');
    const src = extractSource(readFileSync(a));
    expect(src?.checksumOk).toBe(true);
    // /CheckSum is the 16-byte MD5 digest (ISO 32000-1 Table 45), which qpdf prints in hex; it was the
    // 32 ASCII characters of the hex text, which a fixity check reads as a different 32-byte value.
    const verbose = execFileSync('qpdf', ['--list-attachments', '--verbose', a], { encoding: 'utf8' });
    const md5 = createHash('md5').update(readFileSync(SAMPLE)).digest('hex');
    expect(verbose).toMatch(new RegExp(`checksum: ${md5}\\s`));
    expect(src?.bytes.equals(readFileSync(SAMPLE))).toBe(true);
    expect(objectText(readFileSync(a))).toMatch(/\/AFRelationship\s*\/Source/);
    const out = path.join(dir, 'back.yaml');
    expect((await runCli(['extract', a, '-o', out])).code).toBe(0);
    expect(readFileSync(out).equals(readFileSync(SAMPLE))).toBe(true);
  });

  it('verify passes on a fresh PDF', async () => {
    const r = await runCli(['verify', a]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('核验通过');
  }, 60_000);

  it('verify fails with a clear message on an appended byte', async () => {
    const bad = path.join(dir, 'appended.pdf');
    copyFileSync(a, bad);
    appendFileSync(bad, Buffer.from([0x0a]));
    const r = await runCli(['verify', bad]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/核验失败[\s\S]*自第 \d+ 字节起不同/);
  }, 60_000);

  it('verify fails on a qpdf --qdf round trip', async () => {
    const qdf = path.join(dir, 'qdf.pdf');
    execFileSync('qpdf', ['--qdf', a, qdf]);
    const r = await runCli(['verify', qdf]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('核验失败');
  }, 60_000);

  it('verify fails on a PDF that bulletin did not make', async () => {
    const other = path.join(dir, 'other.pdf');
    writeFileSync(other, makePdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']));
    const r = await runCli(['verify', other]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('不是 bulletin 生成的');
    expect(r.err).toContain('E_PDF_NO_SOURCE');
  });
});

describe('extract -o never loses an edited issue file (issue 16, item 6)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-extract-'));
  const pdf = path.join(dir, 'a.pdf');
  beforeAll(async () => {
    expect((await runCli(['build', SAMPLE, '-o', pdf])).code).toBe(0);
  }, 60_000);

  it('refuses to replace a file with other content, exit 1, file untouched; --overwrite replaces it', async () => {
    const edited = path.join(dir, 'edited.yaml');
    writeFileSync(edited, readFileSync(SAMPLE, 'utf8').replace('协会党建', '协会党建（已修改）'));
    const before = readFileSync(edited);
    const r = await runCli(['extract', pdf, '-o', edited]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('文件已存在，内容与 PDF 中的源文件不同，没有覆盖');
    expect(r.err).toContain('--overwrite');
    expect(readFileSync(edited).equals(before)).toBe(true);
    const o = await runCli(['extract', pdf, '-o', edited, '--overwrite']);
    expect(o.code).toBe(0);
    expect(readFileSync(edited).equals(readFileSync(SAMPLE))).toBe(true);
  }, 60_000);

  it('the same bytes already there: exit 0, nothing written; a symlink to an edited file is refused too', async () => {
    const same = path.join(dir, 'same.yaml');
    copyFileSync(SAMPLE, same);
    const r = await runCli(['extract', pdf, '-o', same]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('完全相同');
    const target = path.join(dir, 'target.yaml');
    writeFileSync(target, 'edited\n');
    symlinkSync(target, path.join(dir, 'link.yaml'));
    expect((await runCli(['extract', pdf, '-o', path.join(dir, 'link.yaml')])).code).toBe(1);
    expect(readFileSync(target, 'utf8')).toBe('edited\n');
  }, 60_000);
});
