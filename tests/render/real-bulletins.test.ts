/**
 * The three bulletins of other offices (tests/fixtures/import 12–14: a 区政府办 信息专报, a school's
 * 工作简报, a company's 安全生产简报) laid out with the bundled fonts: article titles of whole words in a
 * 梯形 or 菱形 [GB §7.3.1], 一、/（一） lead-ins of article paragraphs in 黑体/楷体 [GB §7.3.3], a credit
 * line never alone at the top of a page.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/index.js';
import type { Frame, GlyphRun } from '../../src/paginate/types.js';
import { loadWorld } from '../../src/world/index.js';

const world = loadWorld({ fontsDir: 'fonts', only: 'free' });
const FIXTURES = ['12-district-special-report', '13-school-newsletter', '14-enterprise-safety'];

async function laid(name: string) {
  const file = `tests/fixtures/import/${name}.yaml`;
  // The pages as they are drawn (they are not kept once drawn, issue 18).
  const frames: Frame[] = [];
  const r = await compile(file, readFileSync(file), world, { onFrame: (f) => frames.push(f) });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return frames.map((f) => f.items.filter((i): i is GlyphRun => i.kind === 'glyphs'));
}

/** Ink width of a run: from its first glyph's left edge to its last glyph's advance. */
const width = (r: GlyphRun): number => {
  const last = r.glyphs.at(-1)!;
  return last.xPt + (last.shaped?.advanceEm ?? 1) * r.sizePt - r.glyphs[0]!.xPt;
};
const text = (r: GlyphRun): string => r.glyphs.map((g) => g.text).join('');

describe('real bulletins of other offices', () => {
  for (const name of FIXTURES) {
    it(`${name}: every article title is one line, or whole words rising (梯形) or rising then falling (菱形)`, async () => {
      const pages = await laid(name);
      const titles = new Map<number, GlyphRun[]>();
      for (const r of pages.flat()) if (r.element === 'article-title') titles.set(r.block!, [...(titles.get(r.block!) ?? []), r]);
      for (const lines of titles.values()) {
        if (lines.length < 2) continue;
        const whole = lines.map(text).join('');
        const bounds = new Set([...new Intl.Segmenter('zh', { granularity: 'word' }).segment(whole)].map((s) => s.index));
        let at = 0;
        for (const l of lines.slice(0, -1)) {
          at += text(l).length;
          expect(bounds.has(at), `“${whole}” broken inside a word at ${at}`).toBe(true);
        }
        const w = lines.map(width);
        expect(w[0]!, lines.map(text).join(' | ')).toBeLessThanOrEqual(w[1]! + 0.01);
        const peak = w.indexOf(Math.max(...w));
        for (let k = 1; k <= peak; k++) expect(w[k - 1]!).toBeLessThanOrEqual(w[k]! + 0.01);
        for (let k = peak + 1; k < w.length; k++) expect(w[k]!).toBeLessThanOrEqual(w[k - 1]! + 0.01);
      }
    });

    it(`${name}: no page opens with a credit line`, async () => {
      const pages = await laid(name);
      for (const runs of pages.slice(1)) {
        const body = runs.filter((r) => r.block !== undefined && r.element !== 'page-number' && r.element !== 'footer');
        if (body.length > 0) expect(body.sort((a, b) => a.baselinePt - b.baselinePt)[0]!.element).not.toBe('credit');
      }
    });
  }

  it('12: the 专报 sets 一、 sub-headings in 黑体 and （一） lead-ins in 楷体, 1. in 仿宋, and its title in two lines 上短下长', async () => {
    const runs = (await laid('12-district-special-report')).flat();
    const firsts = runs.filter((r) => r.element === 'paragraph' && r.line === 0);
    const roleOf = (start: string) => firsts.find((r) => text(r).startsWith(start))!.glyphs[0]!.role;
    expect(roleOf('一、主要指标运行特点')).toBe('hei');
    expect(roleOf('（一）')).toBe('kai');
    expect(roleOf('1.')).toBe('fang');
    const title = runs.filter((r) => r.element === 'article-title');
    expect(title.map(text)).toEqual(['关于2023年1—5月全区经济运行', '情况及下阶段工作建议的专题报告']);
  });
});
