/**
 * The bounded PDF reader behind `extract` and `verify` (issue 18): every kind of hostile or broken
 * file ends in its own E_PDF_… code, exit 1, nothing written; files rewritten by qpdf and
 * Ghostscript (independent writers) are read the same way as ours.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractSource, pdfFacts, PdfError } from '../../src/archive/extract.js';
import { runCli } from '../helpers/cli.js';
import { appendUpdate, makePdf, type Obj, sourcePdf, streamObj, zeroBomb } from '../helpers/pdfMaker.js';

const SAMPLE = 'issues/2021-01.yaml';
const source = readFileSync(SAMPLE);
const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-pdfread-'));
const ours = path.join(dir, 'ours.pdf');
let pdf: Buffer;

/** The code extractSource fails with (or 'ok'). */
function codeOf(bytes: Buffer, opts = {}): string {
  try {
    extractSource(bytes, opts);
    return 'ok';
  } catch (e) {
    if (e instanceof PdfError) return e.code;
    throw e;
  }
}

/** `bulletin extract` into a file that already exists: on failure it must be left as it was. */
async function extractInto(bytes: Buffer, name: string, extra: string[] = []): Promise<{ code: number; err: string; kept: boolean; out: string }> {
  const input = path.join(dir, `${name}.pdf`);
  const out = path.join(dir, `${name}.yaml`);
  writeFileSync(input, bytes);
  writeFileSync(out, 'previous contents\n');
  // --overwrite: a good extract may replace the file (without it, an existing file is never replaced);
  // a bad PDF must leave it alone all the same.
  const r = await runCli(['extract', input, '-o', out, '--overwrite', ...extra]);
  return { code: r.code, err: r.err, kept: readFileSync(out, 'utf8') === 'previous contents\n', out };
}

beforeAll(async () => {
  expect((await runCli(['build', SAMPLE, '-o', ours])).code).toBe(0);
  pdf = readFileSync(ours);
}, 120_000);

describe('reading what independent writers made', () => {
  it('reads the source and the facts of our own file', () => {
    const src = extractSource(pdf);
    expect(src.bytes.equals(source)).toBe(true);
    expect(src.name).toBe('2021-01.yaml');
    expect(src.checksumOk).toBe(true);
    const f = pdfFacts(pdf);
    expect(f).toMatchObject({ pdfaPart: '3', pages: 5, encrypted: false, updated: false });
    expect(['A', 'B']).toContain(f.pdfaConformance);
    expect(f.producer).toMatch(/^bulletin /);
    expect(f.mediaBoxes).toHaveLength(5);
  });

  it.each([
    ['--qdf', ['--qdf']],
    ['object streams and an xref stream', ['--object-streams=generate']],
    ['linearized', ['--linearize']],
    ['linearized with object streams', ['--linearize', '--object-streams=generate']],
  ])('reads a qpdf rewrite (%s): same source, same page count, not taken for an update', (_label, args) => {
    const out = path.join(dir, `qpdf-${args.join('')}.pdf`);
    execFileSync('qpdf', [...args, ours, out]);
    const bytes = readFileSync(out);
    expect(extractSource(bytes).bytes.equals(source)).toBe(true);
    const f = pdfFacts(bytes);
    expect(f.pages).toBe(5);
    expect(f.updated).toBe(false);
    expect(f.embeddedFontFiles).toBe(pdfFacts(pdf).embeddedFontFiles);
  });

  it('reads a Ghostscript rewrite (which drops the attachment): the right page count, E_PDF_NO_SOURCE', () => {
    const out = path.join(dir, 'gs.pdf');
    execFileSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pdfwrite', `-sOutputFile=${out}`, ours], { stdio: 'pipe' });
    const bytes = readFileSync(out);
    expect(pdfFacts(bytes).pages).toBe(5);
    expect(pdfFacts(bytes).producer).toMatch(/GPL Ghostscript|Artifex/i);
    expect(codeOf(bytes)).toBe('E_PDF_NO_SOURCE');
  }, 60_000);
});

describe('each kind of bad file has its code; extract exits 1 and leaves the output file alone', () => {
  it('not a PDF', async () => {
    expect(codeOf(Buffer.from('period: 2021-01\n'))).toBe('E_PDF_NOT_PDF');
    const r = await extractInto(Buffer.from('just text'), 'notpdf');
    expect(r).toMatchObject({ code: 1, kept: true });
    expect(r.err).toContain('E_PDF_NOT_PDF');
    expect(r.err).toContain('不是 PDF 文件');
  });

  it('a file over the 64 MB reader limit is refused before it is read (a sparse 600 MB file)', async () => {
    const big = path.join(dir, 'huge.pdf');
    writeFileSync(big, '%PDF-1.7\n');
    truncateSync(big, 600 * 1024 * 1024);
    const out = path.join(dir, 'huge.yaml');
    writeFileSync(out, 'previous contents\n');
    const r = await runCli(['extract', big, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('E_PDF_FILE_TOO_LARGE');
    expect(readFileSync(out, 'utf8')).toBe('previous contents\n');
    const v = await runCli(['verify', big]);
    expect(v.code).toBe(1);
    expect(v.err).toContain('E_PDF_FILE_TOO_LARGE');
  });

  it('truncated, at many places', () => {
    for (const cut of [0.1, 0.5, 0.9, 0.999]) expect(codeOf(pdf.subarray(0, Math.floor(pdf.length * cut)))).toBe('E_PDF_TRUNCATED');
  });

  it('damaged: a wrong startxref, a wrong object offset, a bit flipped in the compressed source', async () => {
    const text = pdf.toString('latin1');
    const sx = text.lastIndexOf('startxref\n') + 10;
    const wrongStart = Buffer.from(text.slice(0, sx) + '1' + text.slice(sx + 1), 'latin1');
    expect(codeOf(wrongStart)).toBe('E_PDF_DAMAGED');
    // The source's own xref entry (object 5) pointing 3 bytes off.
    const src = sourcePdf(source);
    const at = src.lastIndexOf('xref\n0 7\n') + 9 + 5 * 20;
    const shifted = Buffer.from(src);
    shifted.write(String(Number(src.subarray(at, at + 10).toString()) + 3).padStart(10, '0'), at, 'latin1');
    expect(codeOf(shifted)).toBe('E_PDF_DAMAGED');
    // A flipped bit in the deflate data: the inflater, the size or the checksum notices.
    const flipped = Buffer.from(pdf);
    const stream = pdf.indexOf('stream\n', pdf.indexOf('/Type /EmbeddedFile')) + 7;
    flipped[stream + 200]! ^= 0x10;
    expect(['E_PDF_DAMAGED', 'E_PDF_SIZE_MISMATCH', 'E_PDF_CHECKSUM']).toContain(codeOf(flipped));
    const r = await extractInto(flipped, 'flipped');
    expect(r).toMatchObject({ code: 1, kept: true });
    expect(r.err).toMatch(/损坏|篡改/);
  });

  it('no source: no /AF, an empty stream', () => {
    expect(codeOf(makePdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>']))).toBe('E_PDF_NO_SOURCE');
    expect(codeOf(sourcePdf(Buffer.alloc(0), { compressed: Buffer.alloc(0), size: 0 }))).toBe('E_PDF_NO_SOURCE');
    expect(codeOf(sourcePdf(Buffer.alloc(0), { compressed: deflateSync(Buffer.alloc(0)), size: 0 }))).toBe('E_PDF_NO_SOURCE');
  });

  it('an embedded size that lies (10 GB claimed, or an empty stream claiming the real size)', async () => {
    expect(codeOf(sourcePdf(source, { size: 10 * 1024 ** 3 }))).toBe('E_PDF_SIZE_MISMATCH');
    expect(codeOf(sourcePdf(source, { compressed: deflateSync(Buffer.alloc(0)) }))).toBe('E_PDF_SIZE_MISMATCH');
    const r = await extractInto(sourcePdf(source, { size: 10 * 1024 ** 3 }), 'lies');
    expect(r).toMatchObject({ code: 1, kept: true });
    expect(r.err).toContain('E_PDF_SIZE_MISMATCH');
  });

  it('a checksum that does not match', () => {
    expect(codeOf(sourcePdf(source, { sum: '(00000000000000000000000000000000)' }))).toBe('E_PDF_CHECKSUM');
  });

  it('an /EF pointing at another stream (the XMP metadata) or a source without a checksum is not handed out', () => {
    // Edited as text: qpdf writes our file with every object at the top level (none in object streams).
    const unpacked = path.join(dir, 'unpacked.pdf');
    execFileSync('qpdf', ['--object-streams=disable', ours, unpacked]);
    const plain = readFileSync(unpacked);
    expect(codeOf(plain)).toBe('ok');
    const text = plain.toString('latin1');
    const xmp = /\/Metadata (\d+) 0 R/.exec(text)![1]!;
    const retargeted = Buffer.from(text.replace(/(\/EF << \/F )\d+( 0 R)/, `$1${xmp}$2`), 'latin1');
    expect(codeOf(retargeted)).toBe('E_PDF_DAMAGED');
    const noSum = Buffer.from(text.replace(/\/CheckSum\s*(<[0-9a-fA-F]{32}>|\([0-9a-f]{32}\))/, (m) => ' '.repeat(m.length)), 'latin1');
    expect(noSum.equals(plain)).toBe(false);
    expect(codeOf(noSum)).toBe('E_PDF_CHECKSUM');
  });

  it('takes the source the catalogue /AF points to, never an unreferenced decoy placed first', async () => {
    const decoy = Buffer.from('period: 1999-01\n');
    const bytes = sourcePdf(source, { decoyFirst: decoy });
    expect(bytes.indexOf('/Type /EmbeddedFile')).toBeLessThan(bytes.indexOf('/AF'));
    expect(extractSource(bytes).bytes.equals(source)).toBe(true);
    const r = await extractInto(bytes, 'decoy');
    expect(r.code).toBe(0);
    expect(readFileSync(r.out).equals(source)).toBe(true);
  });

  it('an incremental update replacing the source: extract refuses and names --force; --force gives the new one', async () => {
    const forged = Buffer.from('period: 2099-12\n');
    const md5 = (await import('node:crypto')).createHash('md5').update(forged).digest('hex');
    const updated = appendUpdate(pdf, new Map<number, Obj>([[99, streamObj(`/Type /EmbeddedFile /Params << /CheckSum (${md5}) /Size ${forged.length} >>`, forged)], [98, `<< /Type /Filespec /AFRelationship /Source /F (x.yaml) /EF << /F 99 0 R >> >>`], [1, catalogWith(pdf, '98 0 R')]]), 100, rootAndInfo(pdf));
    expect(codeOf(updated)).toBe('E_PDF_CHANGED');
    const r = await extractInto(updated, 'updated');
    expect(r).toMatchObject({ code: 1, kept: true });
    expect(r.err).toContain('E_PDF_CHANGED');
    expect(r.err).toContain('--force');
    expect(r.err).toContain('内嵌源文件或其目录项也被替换了');
    const f = await extractInto(updated, 'updated-forced', ['--force']);
    expect(f.code).toBe(0);
    expect(readFileSync(f.out).equals(forged)).toBe(true);
    expect(f.err).toContain('改动');
    // verify says so as well.
    const v = await runCli(['verify', path.join(dir, 'updated.pdf')]);
    expect(v.code).toBe(1);
    expect(v.err).toContain('增量更新');
  }, 60_000);

  it('an incremental update elsewhere (the Info dictionary) is still a change, without "replaced"', () => {
    const updated = appendUpdate(pdf, new Map([[3, '<< /Producer (someone else) >>']]), 100, rootAndInfo(pdf));
    try {
      extractSource(updated);
      expect.unreachable();
    } catch (e) {
      expect((e as PdfError).code).toBe('E_PDF_CHANGED');
      expect((e as PdfError).message).not.toContain('替换');
    }
    expect(extractSource(updated, { allowChanged: true }).bytes.equals(source)).toBe(true);
  });

  it('a file changed by appending a complete second edition without /Prev is seen by its second %%EOF', () => {
    const second = Buffer.concat([pdf, pdf.subarray(pdf.indexOf('\n') + 1)]);
    // Offsets of the appended copy are wrong, so this is damaged or changed, never silently read.
    expect(['E_PDF_CHANGED', 'E_PDF_DAMAGED']).toContain(codeOf(second));
  });
});

/** The catalogue of our PDF with its /AF replaced (for an update). */
function catalogWith(bytes: Buffer, af: string): string {
  const text = bytes.toString('latin1');
  const at = text.indexOf('/Type /Catalog');
  const start = text.lastIndexOf('<<', at);
  const end = text.indexOf('endobj', at);
  return text.slice(start, end).replace(/\/AF \[[^\]]*\]/, `/AF [${af}]`).trim();
}

/** The /Root and /Info entries of our PDF's trailer (a cross-reference stream's dictionary). */
function rootAndInfo(bytes: Buffer): string {
  const t = bytes.toString('latin1');
  const tr = t.slice(Math.max(t.lastIndexOf('trailer'), t.lastIndexOf('/Type /XRef')));
  return `${/\/Root \d+ \d+ R/.exec(tr)![0]} ${/\/Info \d+ \d+ R/.exec(tr)![0]}`;
}

describe('hostile files end in bounded time and memory', () => {
  it('a 1 GB decompression bomb (made here, not committed) is refused as too large, in under 200 MB, nothing written', async () => {
    const bomb = zeroBomb(1024 ** 3);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    const file = path.join(dir, 'bomb.pdf');
    writeFileSync(file, sourcePdf(Buffer.alloc(0), { compressed: bomb, size: 1024 ** 3, sum: '(00000000000000000000000000000000)' }));
    // In a fresh process, so that its peak memory is the reader's alone.
    const bundle = path.join(dir, 'reader.cjs');
    await esbuild({ entryPoints: ['src/archive/extract.ts'], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'silent' });
    const script = `const { extractSource } = require(${JSON.stringify(bundle)}); const { readFileSync } = require('node:fs');
      let code = 'ok'; try { extractSource(readFileSync(${JSON.stringify(file)})); } catch (e) { code = e.code; }
      console.log(JSON.stringify({ code, maxRssMb: process.resourceUsage().maxRSS / 1024 }));`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { code: string; maxRssMb: number };
    expect(out.code).toBe('E_PDF_SOURCE_TOO_LARGE');
    expect(out.maxRssMb).toBeLessThan(200);
    const cli = await extractInto(readFileSync(file), 'bomb-cli');
    expect(cli).toMatchObject({ code: 1, kept: true });
    expect(cli.err).toContain('E_PDF_SOURCE_TOO_LARGE');
    expect(existsSync(path.join(dir, 'bomb-cli.yaml.tmp'))).toBe(false);
  }, 60_000);

  it('a 2 MB /Producer string of nested "/Producer (" and a long crafted object header are read normally', () => {
    // The old regular expressions rescanned the rest of the file from each of these (60 s and 11.5 s);
    // the reader tokenizes each byte once. `npm run bench` times both files.
    const k = 180_000;
    const producer = `(${'/Producer ('.repeat(k)}${')'.repeat(k)})`;
    const big = sourcePdf(source, { info: producer });
    expect(big.length).toBeGreaterThan(2_000_000);
    expect(extractSource(big).bytes.equals(source)).toBe(true);
    expect(pdfFacts(big).producer?.length).toBe(producer.length - 2);
    // Digits and spaces just before the source's `5 0 obj`, where the old reader looked for its number.
    const crafted = sourcePdf(source, { tail: ` ${'1 '.repeat(60_000)}` });
    expect(extractSource(crafted).bytes.equals(source)).toBe(true);
    // Junk before %PDF- beyond the first 1 KB: not a PDF at all.
    expect(codeOf(Buffer.concat([Buffer.from('1 '.repeat(60_000)), sourcePdf(source)]))).toBe('E_PDF_NOT_PDF');
  });

  it('deep nesting, a huge xref count, a reference loop and a self-referencing /Length are damage, not a crash', () => {
    expect(codeOf(makePdf([`<< /Type /Catalog /AF ${'['.repeat(100_000)} >>`]))).toBe('E_PDF_DAMAGED');
    const huge = Buffer.from(makePdf(['<< /Type /Catalog >>']).toString('latin1').replace('xref\n0 2', 'xref\n0 999999999'), 'latin1');
    expect(codeOf(huge)).toBe('E_PDF_DAMAGED');
    expect(codeOf(makePdf(['<< /Type /Catalog /AF 2 0 R >>', '3 0 R', '2 0 R']))).toMatch(/E_PDF_(DAMAGED|NO_SOURCE)/);
    expect(codeOf(makePdf(['<< /Type /Catalog /AF [2 0 R] >>', '<< /AFRelationship /Source /EF << /F 3 0 R >> >>', '<< /Length 3 0 R >>\nstream\nabc\nendstream']))).toBe('E_PDF_DAMAGED');
  });
});
