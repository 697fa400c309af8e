/**
 * The font matrix (issue 15): the sample built with each face of Debian's CJK fonts put at the head
 * of every role's chain — fonts-noto-cjk (OTC, CID-keyed CFF with subroutines), AR PL UKai/UMing
 * (TrueType collections) and WenQuanYi Zen Hei/Micro Hei (TrueType collections with composites).
 * Each build must:
 * - embed exactly the subsets our subsetter made (mutool extract, byte for byte), and every glyph of
 *   those subsets must draw as the source face's glyph (fontTools, an independent reader);
 * - keep every subset of the face within 1.5× the size of fontkit's subset of the same glyphs;
 * - pass `qpdf --check` and draw without a complaint from mupdf or poppler.
 * `npm test` runs one face per family; `npm run fontmatrix` (FONT_MATRIX=full) runs every face and
 * prints the figures, and with CHECK_PDF=path/to/check_pdf.py also runs that checker on each PDF.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, test } from 'vitest';
import { ROLES } from '../../src/fonts/catalog.js';
import { loadFontSet } from '../../src/fonts/registry.js';
import { readFaceHeaders } from '../../src/fonts/sfnt.js';
import type { SubsetFont } from '../../src/fonts/types.js';
import { compile } from '../../src/index.js';
import { diskFontFile } from '../../src/world/disk.js';
import { srgbProfile } from '../../src/world/index.js';

const FULL = process.env.FONT_MATRIX === 'full';
const CHECK_PDF = process.env.CHECK_PDF;

const FILES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc',
  '/usr/share/fonts/truetype/arphic/ukai.ttc',
  '/usr/share/fonts/truetype/arphic/uming.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
];
/** The fast slice: one face of each family (file, face index). */
const SLICE: Array<[string, number]> = [
  [FILES[0]!, 2], // Noto Sans CJK SC Regular: CFF with subroutines
  [FILES[3]!, 0], // Noto Serif CJK JP Bold
  [FILES[4]!, 0], // AR PL UKai CN
  [FILES[5]!, 2], // AR PL UMing TW
  [FILES[6]!, 0], // WenQuanYi Zen Hei
  [FILES[7]!, 0], // WenQuanYi Micro Hei
];

const require = createRequire(import.meta.url);
const fontkit = require('fontkit') as {
  create(b: Uint8Array): { fonts?: Array<{ postscriptName: string; createSubset(): { includeGlyph(g: number): number; encode(): Uint8Array } }> };
};
const fontkitFiles = new Map<string, ReturnType<typeof fontkit.create>>();

const SAMPLE = readFileSync('issues/2021-01.yaml');
const OUT = path.join(tmpdir(), `bulletin-matrix-${process.pid}`);

function faces(): Array<[string, number, string]> {
  const present = FILES.filter((f) => existsSync(f));
  if (present.length < FILES.length) console.warn(`font matrix: missing ${FILES.filter((f) => !present.includes(f)).join(', ')} (scripts/ensure-tools.mjs installs them)`);
  const list: Array<[string, number]> = FULL ? present.flatMap((f) => readFaceHeaders(diskFontFile(f)).map((h) => [f, h.index] as [string, number])) : SLICE.filter(([f]) => present.includes(f));
  return list.map(([f, i]) => [f, i, readFaceHeaders(diskFontFile(f))[i]!.postscriptName]);
}

interface Row {
  face: string;
  pages: number;
  glyphs: number;
  own: number;
  fontkit: number;
}
const rows: Row[] = [];

// A failed face's files stay for a look; otherwise the folder goes (rmdir removes only an empty one).
afterAll(() => {
  try {
    if (!FULL) rmdirSync(OUT);
  } catch {
    // not empty, or never made
  }
});

describe.skipIf(!FILES.some((f) => existsSync(f)))('font matrix: Debian CJK faces in every role', () => {
  test.each(faces())('%s #%i (%s)', async (file, index, ps) => {
    const fonts = loadFontSet({ fontsDir: 'fonts', only: 'free', faces: [{ file: diskFontFile(file), index, roles: ROLES }] });
    const face = fonts.chain('fang')[0]!;
    expect(face.postscriptName).toBe(ps);
    // Every subset made, as the PDF should embed it.
    const made: Array<{ face: typeof face; glyphs: number[]; sub: SubsetFont }> = [];
    for (const f of fonts.faces()) {
      const subset = f.subset.bind(f);
      f.subset = (glyphs) => {
        const sub = subset(glyphs);
        made.push({ face: f, glyphs: [...glyphs], sub });
        return sub;
      };
    }
    const r = await compile('issues/2021-01.yaml', SAMPLE, { fonts, srgb: srgbProfile() });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const dir = path.join(OUT, ps);
    mkdirSync(dir, { recursive: true });
    const pdf = path.join(dir, 'sample.pdf');
    writeFileSync(pdf, r.pdf!);

    // qpdf finds nothing; mupdf and poppler draw every page without a word.
    const q = spawnSync('qpdf', ['--check', pdf], { encoding: 'utf8' });
    expect(q.status, q.stdout + q.stderr).toBe(0);
    expect(q.stdout + q.stderr).not.toMatch(/WARNING|error:/i);
    const mu = spawnSync('mutool', ['draw', '-q', '-r', '20', '-o', path.join(dir, 'mu-%d.png'), pdf], { encoding: 'utf8' });
    // Debian's mupdf is built without lcms: it says so for every file with an ICC profile.
    expect(mu.stderr.replace(/^warning: ICC support is not available\n?/gm, '').trim(), 'mutool draw').toBe('');
    const pop = spawnSync('pdftoppm', ['-r', '20', '-png', pdf, path.join(dir, 'pop')], { encoding: 'utf8' });
    expect(pop.stderr.trim(), 'pdftoppm').toBe('');

    // The PDF embeds exactly the subsets made.
    const ext = path.join(dir, 'fonts');
    mkdirSync(ext, { recursive: true });
    execFileSync('mutool', ['extract', pdf], { cwd: ext, stdio: 'pipe' });
    const embedded = readdirSync(ext).filter((n) => n.startsWith('font-')).map((n) => readFileSync(path.join(ext, n)));
    const own = made.filter((m) => m.face === face);
    expect(own.length, 'the face under test drew something').toBeGreaterThan(0);
    for (const e of embedded) expect(made.some((m) => Buffer.from(m.sub.data).equals(e)), 'an embedded font program that was not made by the subsetter').toBe(true);
    const ownInPdf = own.filter((m) => embedded.some((e) => Buffer.from(m.sub.data).equals(e)));
    expect(ownInPdf.length).toBeGreaterThan(0);

    // Every glyph of the face's subsets draws as the source glyph (fontTools).
    const jobs = ownInPdf.map((m, k) => {
      const sub = path.join(dir, `own-${k}.${m.sub.cff ? 'cff' : 'ttf'}`);
      writeFileSync(sub, m.sub.data);
      return { source: file, index, subset: sub, cff: m.sub.cff, gids: m.glyphs };
    });
    const py = spawnSync('/usr/bin/python3', ['tests/helpers/outlines.py'], { input: JSON.stringify(jobs), encoding: 'utf8', maxBuffer: 1 << 24 });
    expect(py.stderr).toBe('');
    expect(py.stdout.trim().split('\n')).toEqual(jobs.map((j) => `same ${j.gids.length}`));

    // Sizes against fontkit's subset of the same glyphs.
    let fk = fontkitFiles.get(file);
    if (!fk) fontkitFiles.set(file, (fk = fontkit.create(readFileSync(file))));
    const fkFace = fk.fonts!.find((f) => f.postscriptName === ps)!;
    let ownBytes = 0;
    let fkBytes = 0;
    for (const m of ownInPdf) {
      const s = fkFace.createSubset();
      for (const g of m.glyphs) s.includeGlyph(g);
      const theirs = s.encode().byteLength;
      expect(m.sub.data.byteLength, `${ps}: ${m.glyphs.length} glyphs`).toBeLessThanOrEqual(1.5 * theirs);
      ownBytes += m.sub.data.byteLength;
      fkBytes += theirs;
    }

    if (CHECK_PDF) {
      const c = spawnSync('/usr/bin/python3', [CHECK_PDF, 'issues/2021-01.yaml', pdf], { encoding: 'utf8' });
      expect(c.status, c.stdout + c.stderr).toBe(0);
    }
    rows.push({ face: ps, pages: r.laidOut!.stats.pages, glyphs: ownInPdf.reduce((n, m) => n + m.glyphs.length, 0), own: ownBytes, fontkit: fkBytes });
    // The full run keeps its PDFs and page images to look at; npm test leaves nothing behind.
    if (!FULL) rmSync(dir, { recursive: true, force: true });
  }, 600_000);

  test.runIf(FULL)('figures', () => {
    const kb = (n: number): string => (n / 1024).toFixed(1);
    console.log(['face | pages | glyphs | own KB | fontkit KB | ratio', ...rows.map((r) => `${r.face} | ${r.pages} | ${r.glyphs} | ${kb(r.own)} | ${kb(r.fontkit)} | ${(r.own / r.fontkit).toFixed(2)}`)].join('\n'));
    console.log(`PDFs and page images: ${OUT}`);
    expect(rows.length).toBe(faces().length);
  });
});
