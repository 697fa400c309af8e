/**
 * A letter-spaced masthead line (≤ 6 characters, 0.3 em apart, FORMAT §10.2) reads unbroken: its run
 * carries the line as /ActualText, so pdftotext (what a reader's search and check_pdf.py's `search`
 * use) gives "科普工作简报", not "科 普 工 作 简 报"; the glyphs stay where they were.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { compile } from '../../src/index.js';
import { loadWorld } from '../../src/world/index.js';
import type { GlyphRun } from '../../src/paginate/types.js';
import { pdfLines, searchText } from '../helpers/pdf.js';

const world = loadWorld({ fontsDir: 'fonts', only: 'free' });
const dir = mkdtempSync(path.join(os.tmpdir(), 'bulletin-masthead-'));

async function build(file: string, bytes: Buffer = readFileSync(file)): Promise<{ pdf: string; name: GlyphRun[]; lines: string[] }> {
  const r = await compile(file, bytes, world);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const pdf = path.join(dir, `${path.basename(file, '.yaml')}.pdf`);
  writeFileSync(pdf, r.pdf!);
  const name = r.laidOut!.frames[0]!.items.filter((it): it is GlyphRun => it.kind === 'glyphs' && it.element === 'masthead-name');
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
      if (isSpaced) expect(line.chars[1]!.x - line.chars[0]!.x - line.chars[0]!.w).toBeCloseTo(0.3 * run.sizePt, 2);
    }
  });
}

test('a one-line name of ≤ 6 characters reads unbroken too', async () => {
  const yaml = readFileSync('issues/2021-01.yaml', 'utf8').replace(/^publication: .*$/m, 'publication: 安全简报');
  const { pdf, name } = await build(path.join(dir, 'short.yaml'), Buffer.from(yaml));
  expect(name[0]!.actualText).toBe('安全简报');
  expect(searchText(pdf)).toContain('安全简报');
});
