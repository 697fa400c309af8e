/**
 * Combining marks (FORMAT terms: CLUSTER.marks): a cluster is drawn composed when a face has the
 * composed form, else its marks are placed by the face's GPOS anchors. Offsets are checked against
 * HarfBuzz (Debian's libharfbuzz-bin, an implementation independent of fontkit and of ours) and the
 * drawn PDF against mutool (where each mark stands) and pdftotext (what it reads).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadFontSet } from '../../src/fonts/registry.js';
import { splitByFace } from '../../src/fonts/runs.js';
import { compile } from '../../src/index.js';
import { shapeText } from '../../src/paginate/shape.js';
import { diskFontFile } from '../../src/world/disk.js';
import { srgbProfile } from '../../src/world/index.js';
import { tool } from '../helpers/pdf.js';

const DEJAVU = path.resolve('node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const NOTO_CJK = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

/** The free set with `file` at the head of 仿宋's chain: Latin letters and marks go to it, Han to FandolFang. */
const headed = (file: string) => loadFontSet({ fontsDir: 'fonts', only: 'free', faces: [{ file: diskFontFile(file), index: 0, roles: ['fang'] }] });

// Marks over and under letters with and without a composed form, stacked marks, non-canonical order.
const CASES = [
  'x\u0301', 'q\u0308', 'b\u0303', 'x\u0323', 'k\u0331', 'y\u030a', 'j\u030c', 'p\u0304',
  'x\u0302\u0301', '\u1e0c\u0307', 'D\u0323\u0307', 'Q\u0308', 'H\u0303',
  'a\u0308', 'o\u0302\u0301', 'a\u0323\u0308', 'n\u0303', 'a\u0308\u0323', 'e\u0301',
];

interface HbGlyph { g: number; ax: number; dx: number; dy: number }

/** What HarfBuzz gives for `text` in the face at `file`: glyph, advance and offset. */
function harfbuzz(file: string, text: string): HbGlyph[] {
  const u = [...text].map((c) => 'U+' + c.codePointAt(0)!.toString(16)).join(',');
  const out = JSON.parse(execFileSync('hb-shape', ['-O', 'json', '--no-glyph-names', '-u', u, file], { encoding: 'utf8' })) as HbGlyph[];
  return out.map(({ g, ax, dx, dy }) => ({ g, ax, dx, dy }));
}

/** Our glyphs for `text` in role fang, in HarfBuzz's terms. */
function ours(set: ReturnType<typeof headed>, text: string): HbGlyph[] {
  return shapeText(set, text, 'fang').pieces.flatMap((p) => p.glyphs.map((g) => ({ g: g.id, ax: g.xAdvance, dx: g.xOffset ?? 0, dy: g.yOffset ?? 0 })));
}

test('mark offsets equal HarfBuzz’s in DejaVu Sans (mark-to-base, mark-to-mark, composed forms)', () => {
  const set = headed(DEJAVU);
  let moved = 0;
  for (const text of CASES) {
    expect(splitByFace(set, text, 'fang').map((r) => r.face.postscriptName), text).toEqual(['DejaVuSans']);
    const got = ours(set, text);
    expect(got, text).toEqual(harfbuzz(DEJAVU, text));
    if (got.some((g) => g.dx !== 0 || g.dy !== 0)) moved++;
  }
  // Most cases really move a mark (the rest are drawn composed).
  expect(moved).toBeGreaterThanOrEqual(10);
});

describe.skipIf(!existsSync(NOTO_CJK))('a face whose mark feature leaves these marks at the pen', () => {
  test('Noto Sans CJK: the same glyphs and (zero) offsets as HarfBuzz', () => {
    const set = headed(NOTO_CJK);
    for (const text of ['x\u0301', 'x\u030c', 'q\u0307', 'q\u0301', 'j\u0301', 'e\u0301']) {
      expect(splitByFace(set, text, 'fang').map((r) => r.face.postscriptName), text).toEqual(['NotoSansCJKjp-Regular']);
      expect(ours(set, text), text).toEqual(harfbuzz(NOTO_CJK, text));
    }
  });
});

test('a cluster is drawn composed when a face has the composed form: "a + U+0308" prints as "ä" does', () => {
  const set = loadFontSet({ fontsDir: 'fonts', only: 'free' });
  const typed = shapeText(set, 'a\u0308', 'fang');
  const composed = shapeText(set, '\u00e4', 'fang');
  expect(typed.pieces.map((p) => [p.face, p.glyphs.map((g) => g.id)])).toEqual(composed.pieces.map((p) => [p.face, p.glyphs.map((g) => g.id)]));
  expect(typed.advanceEm).toBe(composed.advanceEm);
  expect(set.measure('a\u0308', 'fang')).toBe(typed.advanceEm);
  // The glyph spells "ä": the typed text goes to /ActualText.
  expect(typed.actualText).toBe(true);
  expect(composed.actualText).toBeUndefined();
  // A compatibility ideograph is not replaced by its unified twin (NFC singleton) to compose a mark.
  expect(splitByFace(set, '\uf900\u0308', 'fang')[0]!.text).toBe('\uf900\u0308');
});

test('with no composed form and no anchors (LXGW WenKai: no GPOS), marks stay at the pen as today', () => {
  const set = loadFontSet({ fontsDir: 'fonts', only: 'free' });
  const s = shapeText(set, '\u1ea1\u0308', 'fang');
  expect(s.pieces).toHaveLength(1);
  expect(set.faces().find((f) => f.id === s.pieces[0]!.face)!.postscriptName).toMatch(/LXGW/);
  expect(s.pieces[0]!.glyphs.map((g) => [g.xOffset, g.yOffset])).toEqual([[undefined, undefined], [undefined, undefined]]);
});

const WORDS = 'x\u0301q\u0308 \u1e0c\u0307 b\u0303 x\u0323 j\u030c';

test('in the PDF each mark stands over (or under) its base, raised as shaped, and reads in order', async () => {
  const fonts = headed(DEJAVU);
  const yaml = `publication: 测试简报\nperiod: 2021-01\neditor: 测试办公室编\nsections:\n  - title: 测试\n    items:\n      - "附件：${WORDS.replace(/[\u0300-\u036f]/g, (m) => '\\u' + m.codePointAt(0)!.toString(16).padStart(4, '0'))}。"\ndistribution:\n  报: 市应急管理局领导\nprinted: 2021-01-29\n`;
  const r = await compile('marks.yaml', Buffer.from(yaml), { fonts, srgb: srgbProfile() });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bulletin-marks-'));
  const pdf = path.join(dir, 'marks.pdf');
  writeFileSync(pdf, r.pdf!);
  expect(tool('qpdf', ['--check', pdf])).toMatch(/No syntax or stream encoding errors/);
  // pdftotext reads the words as typed (the words carry /ActualText).
  expect(tool('pdftotext', ['-enc', 'UTF-8', pdf, '-'])).toContain(`附件：${WORDS}。`);
  // mutool ignores /ActualText and puts a space at a gap: a mark moved left is drawn from a copy whose
  // advance brings the pen back, so it reads the words whole, in order (composed where drawn so).
  expect(tool('mutool', ['draw', '-q', '-F', 'txt', '-o', '-', pdf]).normalize('NFC')).toContain(`附件：${WORDS}。`.normalize('NFC'));

  // mutool: every char with its origin and baseline.
  const xml = tool('mutool', ['draw', '-q', '-F', 'stext', '-o', '-', pdf]);
  const chars = [...xml.matchAll(/<char\b[^>]*\bquad="([^"]+)"[^>]*\bx="([\d.-]+)"[^>]*\by="([\d.-]+)"[^>]*\bc="([^"]*)"/g)].map((m) => {
    const q = m[1]!.split(' ').map(Number);
    const c = m[4]!.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)));
    return { c, x: Number(m[2]), y: Number(m[3]), w: q[2]! - q[0]! };
  });
  const size = 16;
  const upem = 2048;
  let checked = 0;
  for (const text of WORDS.split(' ')) {
    const shaped = shapeText(fonts, text, 'fang').pieces.flatMap((p) => p.glyphs);
    const hb = harfbuzzExtents(DEJAVU, text);
    const marks = shaped.map((g, i) => ({ g, i })).filter(({ g }) => /\p{M}/u.test(String.fromCodePoint(...g.codePoints)));
    for (const { g, i } of marks) {
      const c = String.fromCodePoint(...g.codePoints);
      const mark = chars.find((ch) => ch.c === c && chars.indexOf(ch) > 0 && chars[chars.indexOf(ch) - 1]!.c === String.fromCodePoint(...shaped[i - 1]!.codePoints))!;
      expect(mark, c).toBeDefined();
      const base = chars[chars.indexOf(mark) - 1]!;
      // Raised (or lowered) by exactly the shaped offset.
      expect(base.y - mark.y, text).toBeCloseTo(((g.yOffset ?? 0) * size) / upem, 2);
      // The mark's ink (HarfBuzz's extents) is centred within its base's advance box.
      const inkCentre = mark.x + ((hb[i]!.xb + hb[i]!.w / 2) * size) / upem;
      expect(inkCentre, text).toBeGreaterThan(base.x + base.w * 0.2);
      expect(inkCentre, text).toBeLessThan(base.x + base.w * 0.8);
      checked++;
    }
  }
  expect(checked).toBe(5);
});

/** HarfBuzz's glyph extents (ink box, font units) for `text`. */
function harfbuzzExtents(file: string, text: string): Array<{ xb: number; w: number }> {
  const u = [...text].map((c) => 'U+' + c.codePointAt(0)!.toString(16)).join(',');
  return JSON.parse(execFileSync('hb-shape', ['-O', 'json', '--show-extents', '--no-glyph-names', '-u', u, file], { encoding: 'utf8' })) as Array<{ xb: number; w: number }>;
}
