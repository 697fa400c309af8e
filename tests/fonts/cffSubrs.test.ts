/**
 * The CFF subsetter on real subroutinized CID-keyed CFF fonts nobody here made: Debian's
 * fonts-noto-cjk (OTC collections, thousands of global and local subrs, many FDs). Every glyph of
 * each subset is read back by fontkit (an independent decoder) and must have the source glyph's
 * path; the subset must stay within 1.5× fontkit's own. scripts/ensure-tools.mjs and .ci/run
 * install the package; the tests skip (and say so) only where it could not be installed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { subsetCff } from '../../src/fonts/otf/cff.js';
import { PATH, runGlyph } from '../../src/fonts/otf/charstring.js';
import { FontSource } from '../../src/fonts/otf/source.js';
import { readFaceHeaders, writeSfnt } from '../../src/fonts/sfnt.js';
import { diskFontFile } from '../../src/world/disk.js';
import { NOTO_CJK, notoMissing } from '../helpers/notoCjk.js';

const require = createRequire(import.meta.url);
interface FkGlyph {
  path: { commands: Array<{ command: string; args: number[] }> };
}
interface FkFont {
  numGlyphs: number;
  postscriptName: string;
  getGlyph(id: number): FkGlyph;
  glyphForCodePoint(cp: number): { id: number };
  createSubset(): { includeGlyph(g: number): number; encode(): Uint8Array };
}
const fontkit = require('fontkit') as { create(b: Uint8Array, name?: string): FkFont & { fonts?: FkFont[] } };

/** fontkit's path as our opcode list (moveTo/lineTo/bezierCurveTo/closePath). */
function fkPath(g: FkGlyph): number[] {
  const out: number[] = [];
  for (const c of g.path.commands) {
    if (c.command === 'moveTo') out.push(PATH.M, ...c.args);
    else if (c.command === 'lineTo') out.push(PATH.L, ...c.args);
    else if (c.command === 'bezierCurveTo') out.push(PATH.C, ...c.args);
    else if (c.command === 'closePath') out.push(PATH.Z);
    else throw new Error(`unexpected ${c.command}`);
  }
  return out;
}

const near = (a: number[], b: number[]): boolean => a.length === b.length && a.every((v, k) => Math.abs(v - b[k]!) < 1e-6);

/** A bare CFF wrapped in an OpenType file that fontkit reads (tables borrowed from the source face). */
function wrap(source: FontSource, cff: Uint8Array, n: number): Uint8Array {
  const tables = ['head', 'OS/2', 'name', 'post', 'cmap'].map((tag) => ({ tag, data: source.table(tag)! }));
  const maxp = Uint8Array.from(source.table('maxp')!);
  new DataView(maxp.buffer).setUint16(4, n);
  const hhea = Uint8Array.from(source.table('hhea')!);
  new DataView(hhea.buffer).setUint16(34, n);
  return writeSfnt(0x4f54544f, [...tables, { tag: 'hhea', data: hhea }, { tag: 'maxp', data: maxp }, { tag: 'hmtx', data: new Uint8Array(n * 4) }, { tag: 'CFF ', data: cff }]);
}

/** Text of a real bulletin page plus glyphs spread over the whole font (every FD, many subrs). */
const TEXT = '上海市安全生产协会信息动态稿街微，（2021年1月）——“HSE”①②③，。、；：？！《》【】…葛蒋聂藤霞';
function glyphsFor(font: FkFont, step?: number): number[] {
  const ids = new Set<number>([0]);
  for (const ch of TEXT) ids.add(font.glyphForCodePoint(ch.codePointAt(0)!).id);
  if (step) for (let g = 1; g < font.numGlyphs; g += step) ids.add(g);
  return [...ids];
}

describe.skipIf(notoMissing())('CFF with subroutines (Debian fonts-noto-cjk)', () => {
  for (const file of NOTO_CJK) {
    test(`${file.split('/').pop()}: every face, every subset glyph has the source outline`, () => {
      const buf = readFileSync(file);
      const collection = fontkit.create(buf);
      const headers = readFaceHeaders(diskFontFile(file));
      expect(headers.length).toBeGreaterThan(1);
      let fkBytes = 0;
      let ownBytes = 0;
      for (const h of headers) {
        expect(h.outlines).toBe('CFF ');
        const source = new FontSource(diskFontFile(file), h.tables);
        const font = collection.fonts![h.index]!;
        // A page's text, then glyphs spread over the font (spread differently per face).
        for (const glyphs of [glyphsFor(font), glyphsFor(font, 601 + h.index * 14)]) {
          const data = subsetCff(source, glyphs);
          expect(data, `${h.postscriptName}: subset refused`).toBeDefined();
          const back = fontkit.create(wrap(source, data!, glyphs.length));
          glyphs.forEach((g, i) => {
            const want = fkPath(font.getGlyph(g));
            expect(near(fkPath(back.getGlyph(i)), want), `${h.postscriptName} glyph ${g} → ${i}`).toBe(true);
          });
        }
        if (h.index !== 2) continue; // sizes: the SC face (fontkit's subsetter is slow)
        const glyphs = glyphsFor(font, 211);
        const data = subsetCff(source, glyphs);
        const sub = font.createSubset();
        for (const g of glyphs) sub.includeGlyph(g);
        fkBytes += sub.encode().byteLength;
        ownBytes += data!.byteLength;
      }
      console.log(`${file.split('/').pop()}: own subsets ${(ownBytes / 1024).toFixed(0)} KB, fontkit's ${(fkBytes / 1024).toFixed(0)} KB`);
      expect(ownBytes).toBeLessThanOrEqual(1.5 * fkBytes);
    }, 300_000);
  }

  test('fontTools (second oracle) reads every subset glyph as the source glyph', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-cff-'));
    for (const file of NOTO_CJK.slice(0, 2)) {
      const h = readFaceHeaders(diskFontFile(file))[2]!; // the SC face (fontTools reads the whole CFF: slow)
      const font = fontkit.create(readFileSync(file)).fonts![h.index]!;
      for (const glyphs of [glyphsFor(font), glyphsFor(font, 797)]) {
        const data = subsetCff(new FontSource(diskFontFile(file), h.tables), glyphs)!;
        const out = path.join(dir, 'subset.cff');
        writeFileSync(out, data);
        const job = { source: file, index: h.index, subset: out, cff: true, gids: glyphs };
        const r = spawnSync('/usr/bin/python3', ['tests/helpers/outlines.py'], { input: JSON.stringify([job]), encoding: 'utf8' });
        expect(r.stderr).toBe('');
        expect(r.stdout.trim(), h.postscriptName).toBe(`same ${glyphs.length}`);
      }
    }
  }, 300_000);

  test('our Type 2 decoder reads the source glyphs as fontkit does', () => {
    const file = NOTO_CJK[0]!;
    const h = readFaceHeaders(diskFontFile(file))[0]!;
    const font = fontkit.create(readFileSync(file)).fonts![0]!;
    const source = new FontSource(diskFontFile(file), h.tables);
    // Decode through a one-glyph subset's own tables: the decoder is what subsetCff checks with.
    for (const g of glyphsFor(font, 997)) {
      const data = subsetCff(source, [0, g])!;
      expect(data).toBeDefined();
      const back = fontkit.create(wrap(source, data, 2));
      expect(near(fkPath(back.getGlyph(1)), fkPath(font.getGlyph(g))), `glyph ${g}`).toBe(true);
    }
  }, 120_000);
});

test('a charstring whose subroutine leaves operands for its caller keeps one stack', () => {
  // "0 50 hstem hintmask(1 byte) 5 5 rmoveto 10 <0> callgsubr rlineto endchar", where global subr 0
  // pushes 20 and returns: rlineto takes 10 (the glyph's) and 20 (the subr's).
  const gsubr = Uint8Array.of(139 + 20, 11);
  const glyph = Uint8Array.of(139, 139 + 50, 1, 19, 0x80, 139 + 5, 139 + 5, 21, 139 + 10, 139 - 107, 29, 5, 14);
  const run = runGlyph(glyph, { global: { count: 1, get: () => gsubr }, path: true });
  expect(run.path).toEqual([PATH.M, 5, 5, PATH.L, 15, 25, PATH.Z]);
  expect(run.sites).toEqual([{ pos: 9, len: 1, target: 0, global: true }]);
});

test('stem operands pushed before a call and declared by the callee fix the hintmask length', () => {
  // The glyph pushes four stem pairs, a global subr declares them (hstemhm), five more pairs before
  // hintmask are implicit vstems: 9 stems, so the mask takes 2 bytes. Counting per charstring
  // (0 + 9 pushed… or 4 + 5 lost) would read 0x80 as an operand.
  const gsubr = Uint8Array.of(18, 11); // hstemhm return
  const ops = [139, 149, 159, 149, 169, 149, 179, 149, 139 - 107, 29];
  for (let k = 0; k < 5; k++) ops.push(139, 139 + 1);
  ops.push(19, 0xff, 0x80); // hintmask, 2 bytes
  ops.push(139 + 1, 139 + 2, 21, 14);
  const run = runGlyph(Uint8Array.from(ops), { global: { count: 1, get: () => gsubr }, path: true });
  expect(run.path).toEqual([PATH.M, 1, 2, PATH.Z]);
});
