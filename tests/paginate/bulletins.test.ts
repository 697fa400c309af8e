/**
 * Issue 14 on the page (with a fake font): two-line mastheads, 期号 styles, the 编者按, articles
 * (centred title, unmarked paragraphs, credit line), lead-ins and numbered items.
 */
import { describe, expect, it } from 'vitest';
import type { FontRole } from '../../src/compose/types.js';
import { DEFAULT_LAYOUT, layout, type LayoutFonts } from '../../src/paginate/layout.js';
import type { Frame, GlyphRun } from '../../src/paginate/types.js';
import { loadIssue } from '../../src/source/load.js';
import { COLOURS, GB9704, geometry, mm } from '../../src/spec/format.js';
import { collected } from '../helpers/frames.js';
import { ARTICLE } from '../schema/issue.js';

const fake: LayoutFonts = {
  measure: (text: string, _role: FontRole) => [...text].reduce((w, c) => w + (c === ' ' ? 0.25 : c.charCodeAt(0) < 0x2000 ? 0.5 : 1), 0),
  dashCentreEm: 0.3,
};
const g = geometry(GB9704);
const runs = (f: Frame): GlyphRun[] => f.items.filter((i): i is GlyphRun => i.kind === 'glyphs');
const text = (r: GlyphRun): string => r.glyphs.map((x) => x.text).join('');



function laid(source: string, options = DEFAULT_LAYOUT) {
  const { issue, diagnostics } = loadIssue('x.yaml', Buffer.from(source));
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const r = layout(issue!, fake, options);
  expect(r.diagnostics).toEqual([]);
  return collected(r.laidOut!);
}

describe('issue 14 layout', () => {
  const out = laid(ARTICLE);
  const page1 = runs(out.frames[0]!);
  const body = out.frames.flatMap((f) => runs(f)).filter((r) => r.block !== undefined);

  it('fits each masthead line on its own, the lower under the upper, both in L1–L4', () => {
    const names = page1.filter((r) => r.element === 'masthead-name');
    expect(names.map(text)).toEqual(['中国科学院老科学技术工作者协会', '科普工作简报']);
    const avail = g.areaWidthPt - 2 * g.cellPt;
    expect(names[0]!.sizePt).toBeCloseTo(avail / 15, 6); // 15 characters, no letter-spacing
    expect(names[1]!.sizePt).toBe(42); // 6 characters with 0.3 em spacing: capped at 初号
    expect(names[0]!.baselinePt).toBeLessThan(names[1]!.baselinePt - names[1]!.sizePt);
    const zoneBottom = g.areaTopPt + 4 * g.linePitchPt;
    expect(names[1]!.baselinePt + 0.12 * 42).toBeLessThan(zoneBottom);
    expect(names[0]!.baselinePt - 0.88 * names[0]!.sizePt).toBeGreaterThan(g.areaTopPt);
  });

  it('writes the 期号 line as 〔2022〕第九期（总第683期）', () => {
    expect(text(page1.find((r) => r.element === 'masthead-number')!)).toBe('〔2022〕第九期（总第683期）');
    // year_prefix: 年 — the other form FORMAT §3.1 L5 gives: 2022年第九期.
    const nian = runs(laid(ARTICLE.replace('year_prefix: true', 'year_prefix: 年')).frames[0]!);
    expect(text(nian.find((r) => r.element === 'masthead-number')!)).toBe('2022年第九期（总第683期）');
  });

  it('sets the 编者按 first: 黑体 label, 楷体 text, indented 2 字', () => {
    const note = body.filter((r) => r.element === 'note');
    expect(note[0]!.block).toBe(0);
    expect(note[0]!.glyphs.slice(0, 4).map((x) => [x.text, x.role])).toEqual([
      ['编', 'hei'],
      ['者', 'hei'],
      ['按', 'hei'],
      ['：', 'hei'],
    ]);
    expect(note[0]!.glyphs[4]!.role).toBe('kai');
    expect(note[0]!.glyphs[0]!.xPt).toBeCloseTo(2 * g.cellPt, 6);
  });

  it('centres the article title in 小标宋 22 pt, black, a blank line after it', () => {
    const title = body.find((r) => r.element === 'article-title')!;
    expect(title.sizePt).toBe(22);
    expect(title.colour).toBe('#000000');
    expect(title.glyphs.every((x) => x.role === 'title')).toBe(true);
    const left = title.xPt + title.glyphs[0]!.xPt;
    const last = title.glyphs.at(-1)!;
    const right = title.xPt + last.xPt + 22; // the last glyph is a Han character
    expect((left + right) / 2).toBeCloseTo(g.areaLeftPt + g.areaWidthPt / 2, 1);
    const firstPara = body.find((r) => r.element === 'paragraph')!;
    // The title's grid line, one blank line, then the paragraph.
    expect(firstPara.baselinePt - title.baselinePt).toBeCloseTo(2 * g.linePitchPt + (22 - 16) / 2 + 0.88 * (16 - 22), 6);
  });

  it('indents paragraphs 2 字 with no marker and sets the credit flush right on its own line', () => {
    const paras = body.filter((r) => r.element === 'paragraph' && r.line === 0);
    expect(paras).toHaveLength(2);
    for (const p of paras) {
      expect(p.prefixGlyphs).toBeUndefined();
      expect(p.glyphs[0]!.role).toBe('fang');
      expect(p.glyphs[0]!.xPt).toBeCloseTo(2 * g.cellPt, 6);
    }
    const credit = body.find((r) => r.element === 'credit')!;
    expect(text(credit)).toBe('（办公室供稿）');
    const last = credit.glyphs.at(-1)!;
    expect(credit.xPt + last.xPt + g.cellPt).toBeCloseTo(g.areaLeftPt + g.areaWidthPt, 1);
  });

  it('sets a lead-in in 黑体 (issue 14) before the text, after the ➤', () => {
    const items = body.filter((r) => r.element === 'item' && r.line === 0);
    expect(items).toHaveLength(2);
    const lead = items[1]!;
    expect(lead.prefixGlyphs).toBe(1);
    expect(lead.glyphs[0]!.text).toBe('➤');
    expect(lead.glyphs.slice(1, 6).map((x) => x.role)).toEqual(['hei', 'hei', 'hei', 'hei', 'hei']);
    expect(lead.glyphs[6]!.role).toBe('fang');
  });

  it('numbers items （一）（二） per section from item_marker, and the command line still overrides', () => {
    const numbered = laid(ARTICLE.replace('year_prefix: true', 'item_marker: （一）'));
    const items = numbered.frames.flatMap((f) => runs(f)).filter((r) => r.element === 'item' && r.line === 0);
    expect(items.map((r) => r.glyphs.slice(0, r.prefixGlyphs).map((x) => x.text).join(''))).toEqual(['（一）', '（二）']);
    // The text starts on the grid: 2 字 indent + the 3 cells of （一）.
    expect(items[0]!.glyphs[items[0]!.prefixGlyphs!]!.xPt).toBeCloseTo(5 * g.cellPt, 6);
    const dots = laid(ARTICLE.replace('year_prefix: true', 'item_marker: 1.'));
    const first = dots.frames.flatMap((f) => runs(f)).filter((r) => r.element === 'item' && r.line === 0);
    expect(first.map((r) => r.glyphs.slice(0, r.prefixGlyphs).map((x) => x.text).join(''))).toEqual(['1.', '2.']);
    // “1.” before “1月25日” keeps half a cell clear; before “党建引领。” one cell is enough.
    expect(first[0]!.glyphs[first[0]!.prefixGlyphs!]!.xPt).toBeCloseTo(4 * g.cellPt, 6);
    expect(first[1]!.glyphs[first[1]!.prefixGlyphs!]!.xPt).toBeCloseTo(3 * g.cellPt, 6);
    const overridden = laid(ARTICLE.replace('year_prefix: true', 'item_marker: （一）'), { ...DEFAULT_LAYOUT, marker: '●' });
    const marks = overridden.frames.flatMap((f) => runs(f)).filter((r) => r.element === 'item' && r.line === 0);
    expect(marks.map((r) => r.glyphs[0]!.text)).toEqual(['●', '●']);
  });

  it('sets heading_style 一、 in 黑体 and （一） in 楷体, both indented 2 字; 【】 flush left [FORMAT §4.2]', () => {
    const heading = (style: string): GlyphRun => {
      const text = style ? ARTICLE.replace('year_prefix: true', `heading_style: ${style}`) : ARTICLE;
      return laid(text).frames.flatMap((f) => runs(f)).find((r) => r.element === 'section-heading')!;
    };
    const ordinal = heading('一、');
    expect(text(ordinal)).toBe('一、工作动态');
    expect(ordinal.glyphs[0]!.xPt).toBeCloseTo(2 * g.cellPt, 6);
    expect(new Set(ordinal.glyphs.map((x) => x.role))).toEqual(new Set(['hei']));
    const paren = heading('（一）');
    expect(text(paren)).toBe('（一）工作动态');
    expect(new Set(paren.glyphs.map((x) => x.role))).toEqual(new Set(['kai']));
    // （ sits at the right of its cell: the cell starts at 2 字, the glyph may be pushed into it.
    expect(paren.glyphs[1]!.xPt).toBeGreaterThanOrEqual(2 * g.cellPt);
    const bracket = heading('');
    expect(text(bracket)).toBe('【工作动态】');
    expect(bracket.glyphs[0]!.xPt).toBeLessThan(g.cellPt);
  });

  it('prints classification (内部资料) on L1 flush left in 黑体 black, first in reading order, and moves a two-line name below it', () => {
    const out = laid(`classification: 内部参阅\n${ARTICLE}`);
    const first = runs(out.frames[0]!);
    const mark = first.find((r) => r.element === 'masthead-classification')!;
    expect(text(mark)).toBe('内部参阅');
    expect(mark.glyphs[0]!.xPt + mark.xPt).toBeCloseTo(g.areaLeftPt, 6);
    expect(new Set(mark.glyphs.map((x) => x.role))).toEqual(new Set(['hei']));
    expect(mark.colour).toBe(COLOURS.black);
    expect(mark.baselinePt).toBeGreaterThan(g.areaTopPt);
    expect(mark.baselinePt).toBeLessThan(g.areaTopPt + g.linePitchPt);
    expect(first.indexOf(mark)).toBeLessThan(first.findIndex((r) => r.element === 'masthead-name'));
    // The name's em boxes start below L1 (the mark's line) and still end above the 期号 line.
    const names = first.filter((r) => r.element === 'masthead-name');
    for (const n of names) expect(n.baselinePt - 0.88 * n.sizePt).toBeGreaterThanOrEqual(g.areaTopPt + g.linePitchPt - 1e-6);
    expect(names[1]!.baselinePt + 0.12 * names[1]!.sizePt).toBeLessThanOrEqual(g.areaTopPt + 4 * g.linePitchPt + 1e-6);
    // Without it the name keeps L1–L4 and nothing else moves.
    expect(runs(laid(ARTICLE).frames[0]!).some((r) => r.element === 'masthead-classification')).toBe(false);
  });

  it('a line of a two-line name too long for 22 pt is an error on that line', () => {
    const { issue } = loadIssue('x.yaml', Buffer.from(ARTICLE.replace('科普工作简报]', `${'长'.repeat(19)}]`)));
    const r = layout(issue!, fake, DEFAULT_LAYOUT);
    expect(r.laidOut).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ code: 'E_TITLE_TOO_LONG', field: 'publication[2]', span: { line: 1, column: 32 } });
  });
});

describe('a body block keeps its kind on every run (for the tagged PDF)', () => {
  it('marks masthead, headings, items, footer and page numbers', () => {
    const out = laid(ARTICLE);
    const kinds = new Set(out.frames.flatMap((f) => runs(f).map((r) => r.element)));
    expect([...kinds].sort()).toEqual(
      ['article-title', 'credit', 'footer', 'item', 'masthead-date', 'masthead-editor', 'masthead-name', 'masthead-number', 'note', 'page-number', 'paragraph', 'section-heading'].sort(),
    );
    expect(mm(1)).toBeGreaterThan(0);
  });
});
