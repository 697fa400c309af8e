/**
 * A letter-spaced masthead line (≤ 6 characters, 0.3 em apart, FORMAT §10.2) reads unbroken: its run
 * carries the line as /ActualText, so pdftotext (what a reader's search and check_pdf.py's `search`
 * use) gives "科普工作简报", not "科 普 工 作 简 报"; the glyphs stay where they were. Readers that ignore
 * /ActualText and split words at gaps (mutool 1.21, pdf.js) read it whole as well: the spacing is part
 * of each glyph's advance (a widened copy of the glyph in the subset, its /W the same).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { compile } from '../../src/index.js';
import { loadWorld } from '../../src/world/index.js';
import type { Frame, GlyphRun } from '../../src/paginate/types.js';
import { pdfLines, searchText, tool } from '../helpers/pdf.js';

const world = loadWorld({ fontsDir: 'fonts', only: 'free' });
const dir = mkdtempSync(path.join(os.tmpdir(), 'bulletin-masthead-'));

async function build(file: string, bytes: Buffer = readFileSync(file)): Promise<{ pdf: string; name: GlyphRun[]; lines: string[] }> {
  const frames: Frame[] = [];
  const r = await compile(file, bytes, world, { onFrame: (f) => frames.push(f) });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const pdf = path.join(dir, `${path.basename(file, '.yaml')}.pdf`);
  writeFileSync(pdf, r.pdf!);
  const name = frames[0]!.items.filter((it): it is GlyphRun => it.kind === 'glyphs' && it.element === 'masthead-name');
  return { pdf, name, lines: r.issue!.publicationLines.map((l) => l.value) };
}

for (const fixture of ['tests/fixtures/import/01-article-two-line.yaml', 'tests/fixtures/import/08-inner-mark-squares.yaml']) {
  test(`${path.basename(fixture)}: both name lines are found by search, the spaced one drawn as before`, async () => {
    const { pdf, name, lines } = await build(fixture);
    expect(lines).toHaveLength(2);
    const spaced = lines.filter((l) => [...l].length <= 6);
    expect(spaced.length).toBeGreaterThan(0);
    const text = searchText(pdf);
    for (const line of lines) expect(text).toContain(line.normalize('NFKC'));
    // Still letter-spaced on the page: each glyph where the frames put it, 0.3 em past the previous one's advance.
    const pdfName = pdfLines(pdf).filter((l) => l.page === 1 && l.chars.every((c) => c.size > 20));
    for (const run of name) {
      const line = pdfName.find((l) => Math.abs(l.y - run.baselinePt) < 0.5)!;
      expect(line.chars.map((c) => c.x)).toEqual(run.glyphs.map((g) => expect.closeTo(run.xPt + g.xPt, 1)));
      const isSpaced = run.glyphs.length <= 6;
      expect(run.actualText).toBe(isSpaced ? run.glyphs.map((g) => g.text).join('') : undefined);
      // The spacing is part of each glyph's advance but the last (a widened copy: the font program and
      // /W agree), so mutool sees no gap between glyphs and puts no space in.
      if (isSpaced) {
        const natural = run.glyphs[0]!.shaped!.advanceEm * run.sizePt;
        expect(line.chars[0]!.w).toBeCloseTo(natural + 0.3 * run.sizePt, 2);
        expect(line.chars[1]!.x - line.chars[0]!.x - line.chars[0]!.w).toBeCloseTo(0, 2);
      }
    }
    // Every reader that splits words by gaps reads the spaced line whole: mutool as pdftotext does.
    const mutool = tool('mutool', ['draw', '-q', '-F', 'txt', '-o', '-', pdf, '1']);
    for (const line of spaced) expect(mutool.split('\n').map((l) => l.trim())).toContain(line);
  });
}

test('a one-line name of ≤ 6 characters reads unbroken too', async () => {
  const yaml = readFileSync('issues/2021-01.yaml', 'utf8').replace(/^publication: .*$/m, 'publication: 安全简报');
  const { pdf, name } = await build(path.join(dir, 'short.yaml'), Buffer.from(yaml));
  expect(name[0]!.actualText).toBe('安全简报');
  expect(searchText(pdf)).toContain('安全简报');
  expect(tool('mutool', ['draw', '-q', '-F', 'txt', '-o', '-', pdf, '1']).split('\n')[0]!.trim()).toBe('安全简报');
  expect(tool('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', pdf, '-']).split('\n')[0]!.trim()).toBe('安全简报');
});

test('a widened glyph is the same outline with a wider advance (fontTools reads the subset)', () => {
  const face = world.fonts.chain('title')[0]!;
  expect(face.widenable).toBe(true);
  const gid = face.shape('安')[0]!.id;
  const extra = Math.round(0.3 * face.unitsPerEm);
  const sub = face.subset([0, gid, gid], [0, extra, 0]);
  const file = path.join(dir, 'widened.ttf');
  writeFileSync(file, sub.data);
  const py = `import sys, json
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
g = f['glyf']
order = f.getGlyphOrder()
print(json.dumps({'hmtx': [f['hmtx'][n] for n in order], 'same': g[order[1]].getCoordinates(g)[0] == g[order[2]].getCoordinates(g)[0], 'max': f['hhea'].advanceWidthMax}))`;
  const got = JSON.parse(execFileSync('/usr/bin/python3', ['-c', py, file], { encoding: 'utf8' })) as { hmtx: Array<[number, number]>; same: boolean; max: number };
  const advance = face.shape('安')[0]!.advanceWidth;
  expect(got.hmtx[1]).toEqual([advance + extra, got.hmtx[2]![1]]);
  expect(got.hmtx[2]![0]).toBe(advance);
  expect(got.same).toBe(true);
  expect(got.max).toBeGreaterThanOrEqual(advance + extra);
});
