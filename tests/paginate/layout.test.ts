import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FontRole } from '../../src/compose/types.js';
import { DEFAULT_LAYOUT, layout, type LayoutFonts } from '../../src/paginate/layout.js';
import type { Frame, GlyphRun, Rule } from '../../src/paginate/types.js';
import { loadIssue } from '../../src/source/load.js';
import { mm } from '../../src/spec/format.js';
import { collected } from '../helpers/frames.js';

/** Han and full-width marks 1 em, ASCII 0.5 em, "— N —" as in a CJK font: dashes 1 em, space 0.25 em. */
const fake: LayoutFonts = {
  measure: (text: string, _role: FontRole) => [...text].reduce((w, c) => w + (c === ' ' ? 0.25 : c.charCodeAt(0) < 0x2000 ? 0.5 : 1), 0),
  dashCentreEm: 0.3,
};

const SAMPLE = readFileSync('issues/2021-01.yaml', 'utf8');
function laid(text: string) {
  const { issue, diagnostics } = loadIssue('x.yaml', Buffer.from(text));
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const r = layout(issue!, fake, DEFAULT_LAYOUT);
  return { ...r, laidOut: r.laidOut && collected(r.laidOut) };
}
const runs = (f: Frame): GlyphRun[] => f.items.filter((i): i is GlyphRun => i.kind === 'glyphs');
const rules = (f: Frame): Rule[] => f.items.filter((i): i is Rule => i.kind === 'rule');
const text = (r: GlyphRun): string => r.glyphs.map((g) => g.text).join('');
const toMm = (pt: number): number => pt / mm(1);

describe('layout (FORMAT §3, §6, §7 on the page)', () => {
  const r = laid(SAMPLE);
  const frames = r.laidOut!.frames;

  it('masthead name: red, fitted to 156 mm − 2 字 on one line, centred in grid lines 2–4', () => {
    const name = runs(frames[0]!).find((x) => text(x) === '上海市安全生产协会信息动态')!;
    expect(name.colour).toBe('#FF0000');
    // 13 characters of 1 em into 156 − 2 × 5.571 mm.
    expect(name.sizePt).toBeCloseTo(mm(156 - (2 * 156) / 28) / 13, 3);
    const left = name.glyphs[0]!.xPt;
    const right = name.glyphs[12]!.xPt + name.sizePt;
    expect(toMm((left + right) / 2)).toBeCloseTo(28 + 78, 2);
    // em box centred in the 3-line zone 10.23–40.91 mm below the 版心 top
    const emTop = toMm(name.baselinePt - 0.88 * name.sizePt) - 37;
    const emBottom = emTop + toMm(name.sizePt);
    expect((emTop + emBottom) / 2).toBeCloseTo((225 / 22) * 2.5, 2);
  });

  it('short names get 0.3 em letter-spacing at 42 pt', () => {
    const short = laid(SAMPLE.replace('publication: 上海市安全生产协会信息动态', 'publication: 信息动态'));
    const name = runs(short.laidOut!.frames[0]!).find((x) => text(x) === '信息动态')!;
    expect(name.sizePt).toBe(42);
    expect(name.glyphs[1]!.xPt - name.glyphs[0]!.xPt).toBeCloseTo(42 * 1.3, 6);
  });

  it('a name that would need less than 22 pt is an error on the field', () => {
    const { issue } = loadIssue('x.yaml', Buffer.from(SAMPLE.replace('publication: 上海市安全生产协会信息动态', `publication: ${'长'.repeat(19)}`)));
    const res = layout(issue!, fake, DEFAULT_LAYOUT);
    expect(res.laidOut).toBeUndefined();
    expect(res.diagnostics[0]).toMatchObject({ code: 'E_TITLE_TOO_LONG', field: 'publication', span: { line: 2, column: 14 } });
  });

  it('red rule 4 mm below the editor line: 100.07 mm from the paper top, 156 mm wide, 0.5 mm', () => {
    const red = rules(frames[0]!).find((x) => x.colour === '#FF0000')!;
    expect(toMm(red.yPt)).toBeCloseTo(100.07, 1);
    expect(toMm(red.x2Pt - red.x1Pt)).toBeCloseTo(156, 3);
    expect(toMm(red.thicknessPt)).toBeCloseTo(0.5, 3);
  });

  it('the body starts on grid line 8 of page 1 and line 1 of later pages, 28.99 pt apart', () => {
    const heading = runs(frames[0]!).find((x) => text(x) === '【协会党建】')!;
    const pitch = mm(225) / 22;
    expect(heading.baselinePt).toBeCloseTo(mm(37) + 7 * pitch + (pitch - 16) / 2 + 0.88 * 16, 3);
    const page2 = runs(frames[1]!).filter((x) => x.sizePt === 16);
    expect(page2[0]!.baselinePt).toBeCloseTo(mm(44.26), 0);
    expect(page2[1]!.baselinePt - page2[0]!.baselinePt).toBeCloseTo(pitch, 6);
  });

  it('page numbers: "— N —" 14 pt, odd right end at 178.43 mm, even left end at 33.57 mm, dash at 269 mm', () => {
    for (const f of frames) {
      const pn = runs(f).find((x) => /^— \d+ —$/.test(text(x)))!;
      expect(text(pn)).toBe(`— ${f.number} —`);
      expect(pn.sizePt).toBe(14);
      expect(toMm(pn.baselinePt - 0.3 * 14)).toBeCloseTo(269, 2);
      const width = fake.measure(text(pn), 'song') * 14;
      if (f.number % 2) expect(toMm(pn.glyphs[0]!.xPt + width)).toBeCloseTo(178.43, 2);
      else expect(toMm(pn.glyphs[0]!.xPt)).toBeCloseTo(33.57, 2);
    }
  });

  it('报尾 on the last page: thick rules, the last one on the 版心 bottom edge, thin rule above the print row', () => {
    const last = frames[frames.length - 1]!;
    const black = rules(last).filter((x) => x.colour === '#000000').sort((a, b) => a.yPt - b.yPt);
    expect(black.map((x) => Math.round(toMm(x.thicknessPt) * 100) / 100)).toEqual([0.35, 0.25, 0.35]);
    const bottom = black[2]!;
    expect(toMm(bottom.yPt + bottom.thicknessPt / 2)).toBeCloseTo(262, 3);
    const pitchMm = 225 / 22;
    expect(toMm(black[1]!.yPt)).toBeCloseTo(262 - pitchMm, 3);
    expect(toMm(black[0]!.yPt)).toBeCloseTo(262 - 3 * pitchMm, 3);
    const rows = runs(last).filter((x) => x.sizePt === 14 && !/^— \d+ —$/.test(text(x)));
    expect(rows.map(text)).toEqual(['报：市应急管理局领导', '送：市应急管理局机关各处室', '2021年1月29日印']);
    // label inset 1 字 (4.94 mm); date right end 1 字 inside the right edge
    expect(toMm(rows[0]!.glyphs[0]!.xPt)).toBeCloseTo(28 + 4.94, 2);
    // the body ends at least one empty grid line above the top rule
    const body = runs(last).filter((x) => x.sizePt === 16);
    const lowest = Math.max(...body.map((x) => x.baselinePt));
    expect(black[0]!.yPt - lowest).toBeGreaterThan(mm(pitchMm));
  });

  it('（共印N份）shares the print row when it fits, else takes its own row below', () => {
    const withCopies = laid(SAMPLE.replace('printed: 2021-01-29', 'printed: 2021-01-29\ncopies: 300\nprinter: 上海市安全生产协会办公室'));
    const last = withCopies.laidOut!.frames.at(-1)!;
    const rows = runs(last).filter((x) => x.sizePt === 14 && !/^— \d+ —$/.test(text(x))).map(text);
    expect(rows.at(-1)).toBe('上海市安全生产协会办公室2021年1月29日印（共印300份）');
    const long = laid(SAMPLE.replace('printed: 2021-01-29', 'printed: 2021-01-29\ncopies: 300\nprinter: 上海市安全生产协会办公室综合管理部'));
    const rows2 = runs(long.laidOut!.frames.at(-1)!).filter((x) => x.sizePt === 14 && !/^— \d+ —$/.test(text(x))).map(text);
    expect(rows2.slice(-2)).toEqual(['上海市安全生产协会办公室综合管理部2021年1月29日印', '（共印300份）']);
  });

  it('a printing office too long to share the row with the date is an error on the field', () => {
    const { issue } = loadIssue('x.yaml', Buffer.from(SAMPLE.replace('printed: 2021-01-29', `printed: 2021-01-29\nprinter: ${'文'.repeat(24)}`)));
    const res = layout(issue!, fake, DEFAULT_LAYOUT);
    expect(res.diagnostics.map((d) => d.code)).toContain('E_PRINTER_TOO_LONG');
  });
});

describe('duplex (FORMAT §1.4, §7.3, §10.5)', () => {
  const both = (text: string) => {
    const { issue } = loadIssue('x.yaml', Buffer.from(text));
    return {
      simplex: [...layout(issue!, fake, DEFAULT_LAYOUT).laidOut!.frames],
      duplex: [...layout(issue!, fake, { ...DEFAULT_LAYOUT, duplex: true }).laidOut!.frames],
    };
  };

  it('mirrors even pages (版心 2 mm further left) and leaves odd pages alone', () => {
    const { simplex, duplex } = both(SAMPLE);
    const firstX = (f: Frame) => Math.min(...runs(f).filter((x) => x.sizePt === 16).map((x) => x.xPt + x.glyphs[0]!.xPt));
    expect(firstX(duplex[0]!)).toBeCloseTo(firstX(simplex[0]!), 6);
    expect(toMm(firstX(simplex[1]!) - firstX(duplex[1]!))).toBeCloseTo(2, 6);
    const pn = runs(duplex[1]!).find((x) => /^— \d+ —$/.test(text(x)))!;
    expect(toMm(pn.xPt + pn.glyphs[0]!.xPt)).toBeCloseTo(31.57, 2);
  });

  it('puts the 报尾 on an even page: its own page when it shared an odd one', () => {
    const { simplex, duplex } = both(SAMPLE);
    const footerPage = (fs: Frame[]) => fs.findIndex((f) => rules(f).some((x) => x.colour === '#000000')) + 1;
    expect(footerPage(simplex) % 2).toBe(1);
    expect(footerPage(duplex) % 2).toBe(0);
    expect(footerPage(duplex)).toBe(duplex.length);
  });

  it('when the 报尾 stands alone on an odd page, an unnumbered blank page goes first and the 报尾 page is unnumbered', () => {
    // Grow the last item until the 报尾 needs a page of its own in simplex, on an odd page.
    let found = false;
    for (let extra = 0; extra < 40 && !found; extra++) {
      const src = SAMPLE.replace('下一步将评选协会专家组优秀专家并颁发荣誉证书予以表彰。', `下一步将评选协会专家组优秀专家并颁发荣誉证书予以表彰。${'补充说明文字'.repeat(extra * 5)}`);
      const { simplex, duplex } = both(src);
      const last = simplex.at(-1)!;
      const alone = runs(last).every((x) => x.sizePt !== 16);
      if (!alone || simplex.length % 2 === 0) continue;
      found = true;
      expect(duplex).toHaveLength(simplex.length + 1);
      const blank = duplex.at(-2)!;
      expect(blank.items).toEqual([]);
      expect(runs(duplex.at(-1)!).some((x) => /^— \d+ —$/.test(text(x)))).toBe(false);
    }
    expect(found).toBe(true);
  });
});

describe('期号 line (FORMAT §10.2)', () => {
  const line5 = (src: string) => {
    const frames = laid(src).laidOut!.frames;
    const pitch = mm(225) / 22;
    return runs(frames[0]!).find((x) => Math.abs(x.baselinePt - (mm(37) + 4 * pitch + (pitch - 16) / 2 + 0.88 * 16)) < 0.01)!;
  };
  it('shows the period without a number, 第N期（总第M期） with one', () => {
    expect(text(line5(SAMPLE))).toBe('2021年1月');
    expect(text(line5(SAMPLE.replace('period: 2021-01', 'period: 2021-01\nnumber: 1\ntotal: 215')))).toBe('第1期（总第215期）');
  });
  it('keeps the period on the page when the print date falls in another month', () => {
    const src = SAMPLE.replace('period: 2021-01', 'period: 2021-01\nnumber: 1').replace('printed: 2021-01-29', 'printed: 2021-02-03');
    expect(text(line5(src)).replace(/\s/g, '')).toBe('2021年1月第1期');
    // a visible gap (one cell) between the period and the 期号
    const gl = line5(src).glyphs;
    const yue = gl.find((g) => g.text === '月')!;
    const di = gl.find((g) => g.text === '第')!;
    expect(di.xPt - yue.xPt).toBeGreaterThan(1.9 * (mm(156) / 28));
  });
});
