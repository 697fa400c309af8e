/**
 * Shape once (issue 15): the layout chooses faces and shapes, the renderer only writes what the frames
 * say. Read back from the PDF (mutool, pdftotext), every glyph stands where the frames put it and is
 * as wide as the composer measured it, clusters included (FORMAT terms: CLUSTER).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { compile } from '../../src/index.js';
import { loadWorld } from '../../src/world/index.js';
import type { Frame, GlyphRun } from '../../src/paginate/types.js';
import { pdfLines, tool } from '../helpers/pdf.js';

const world = loadWorld({ fontsDir: 'fonts', only: 'free' });
const fonts = world.fonts;
const dir = mkdtempSync(path.join(os.tmpdir(), 'bulletin-shaped-'));

// Ａ̈: FandolFang has A but not U+0308, so the cluster goes whole to a face that has both; a per-code-point
// choice drew the A from FandolFang and the mark as .notdef. cafe + U+0301: FandolFang's own é.
// 葛 + U+E0100: FandolFang has no variant; the selector must add no cell and stay in the text.
const ITEM = '葛\\U000E0100天，Ａ\\u0308好，中文cafe\\u0301和x，2021年GB/T 9704-2012。';
const YAML = `publication: 测试简报
period: 2021-01
editor: 测试办公室编
sections:
  - title: 测试
    items:
      - "${ITEM}"
distribution:
  报: 市应急管理局领导
printed: 2021-01-29
`;

async function build(): Promise<{ pdf: string; runs: GlyphRun[] }> {
  const file = path.join(dir, 'shaped.yaml');
  const frames: Frame[] = [];
  const r = await compile(file, Buffer.from(YAML), world, { onFrame: (f) => frames.push(f) });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const pdf = path.join(dir, 'shaped.pdf');
  writeFileSync(pdf, r.pdf!);
  const runs = frames[0]!.items.filter((it): it is GlyphRun => it.kind === 'glyphs' && it.element === 'item');
  return { pdf, runs };
}

test('every glyph of the item is drawn where the frames put it, as wide as it was measured', async () => {
  const { pdf, runs } = await build();
  const run = runs[0]!;
  const line = pdfLines(pdf).find((l) => l.page === 1 && Math.abs(l.y - run.baselinePt) < 0.5)!;
  expect(line).toBeDefined();
  // Nothing drawn as .notdef (mutool reads U+FFFD for a glyph without a mapping).
  expect(line.text).not.toContain('\uFFFD');
  let checked = 0;
  run.glyphs.forEach((gl, k) => {
    const placed = gl as typeof gl & { advancePt?: number };
    if (placed.advancePt === undefined || gl.text.trim() === '' || gl.shaped?.actualText) return;
    const x = run.xPt + gl.xPt;
    const next = run.glyphs[k + 1] ? run.xPt + run.glyphs[k + 1]!.xPt : Infinity;
    // The glyphs the PDF has from this glyph's left edge to the next glyph's.
    const drawn = line.chars.filter((c) => c.x > x - 0.01 && c.x < Math.max(next, x + 0.02) - 0.01);
    expect(drawn.length, gl.text).toBeGreaterThan(0);
    expect(drawn[0]!.x, gl.text).toBeCloseTo(x, 2);
    const end = Math.max(...drawn.map((c) => c.x + c.w));
    expect(end - x, `${gl.text}: drawn ${end - x} pt, measured ${placed.advancePt} pt`).toBeCloseTo(placed.advancePt, 2);
    checked++;
  });
  expect(checked).toBeGreaterThan(12);
  // The accented letters came out whole: base and mark from one face, as measured.
  const aUmlaut = run.glyphs.find((g) => g.text === 'A\u0308')!;
  expect(aUmlaut.shaped!.pieces).toHaveLength(1);
  expect(fonts.chain('fang')[0]!.has(0x308)).toBe(false);
  expect(aUmlaut.shaped!.pieces[0]!.face).not.toBe(fonts.chain('fang')[0]!.id);
  // e + U+0301 is drawn as the é FandolFang has (CLUSTER.marks), and reads as typed.
  expect(run.glyphs.find((g) => g.text.includes('cafe\u0301'))!.shaped!.pieces.map((p) => p.glyphs.length).reduce((a, b) => a + b)).toBe(4);
  expect(tool('pdftotext', ['-enc', 'UTF-8', pdf, '-'])).toContain('cafe\u0301');
});

test('a variation selector without a variant adds no cell, is not drawn, and stays in the text', async () => {
  const { pdf, runs } = await build();
  const run = runs[0]!;
  const ge = run.glyphs.find((g) => g.text.startsWith('葛'))!;
  const tian = run.glyphs.find((g) => g.text === '天')!;
  // One cluster, one cell: 天 follows 葛 at the grid pitch.
  expect(ge.text).toBe('葛\u{E0100}');
  expect(tian.xPt - ge.xPt).toBeCloseTo(15.793, 2);
  // One glyph drawn (FandolFang maps no variant), the selector kept as the glyph's /ActualText.
  expect(ge.shaped!.pieces.flatMap((p) => p.glyphs)).toHaveLength(1);
  expect(ge.shaped!.actualText).toBe(true);
  expect(tool('pdftotext', ['-enc', 'UTF-8', pdf, '-'])).toContain('葛\u{E0100}天');
});
