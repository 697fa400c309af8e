/**
 * Article titles on the page [GB/T 9704-2012 §7.3.1; FORMAT §4.2; TITLE_LINES in src/spec/format.ts]:
 * centred lines of whole words arranged as a 正梯形 (上短下长 or 等长) or a diamond, not broken
 * greedily. With the fake font one line of the title measure holds 18 characters.
 */
import { describe, expect, it } from 'vitest';
import type { FontRole } from '../../src/compose/types.js';
import { DEFAULT_LAYOUT, layout, type LayoutFonts } from '../../src/paginate/layout.js';
import type { GlyphRun } from '../../src/paginate/types.js';
import { loadIssue } from '../../src/source/load.js';
import { GB9704, geometry } from '../../src/spec/format.js';
import { collected } from '../helpers/frames.js';
import { ARTICLE } from '../schema/issue.js';

const fake: LayoutFonts = {
  measure: (text: string, _role: FontRole) => [...text].reduce((w, c) => w + (c === ' ' ? 0.25 : c.charCodeAt(0) < 0x2000 ? 0.5 : 1), 0),
  dashCentreEm: 0.3,
};
const g = geometry(GB9704);

/** The title's lines as laid out (text, and the centre of each line's ink). */
function titleLines(title: string): { text: string; width: number; centre: number }[] {
  const source = ARTICLE.replace('article: 老科协举办2022年度理事会', `article: ${title}`);
  const { issue } = loadIssue('x.yaml', Buffer.from(source));
  const out = collected(layout(issue!, fake, DEFAULT_LAYOUT).laidOut!);
  const runs = out.frames.flatMap((f) => f.items.filter((i): i is GlyphRun => i.kind === 'glyphs' && i.element === 'article-title'));
  return runs.map((r) => {
    const left = r.xPt + r.glyphs[0]!.xPt;
    const last = r.glyphs.at(-1)!;
    const right = r.xPt + last.xPt + r.sizePt; // every title here ends with a Han character (1 em)
    return { text: r.glyphs.map((x) => x.text).join(''), width: right - left, centre: (left + right) / 2 };
  });
}

/** Where ICU's dictionary puts word boundaries in `t`. */
const boundaries = (t: string): Set<number> => new Set([...new Intl.Segmenter('zh', { granularity: 'word' }).segment(t)].map((s) => s.index));

describe('article titles: 梯形 or 菱形, words whole [GB §7.3.1]', () => {
  it('sets a two-line title 上短下长: the first line no longer than the second (greedy gave 18 over 7)', () => {
    const lines = titleLines('关于进一步加强全市安全生产标准化建设工作的实施意见');
    expect(lines).toHaveLength(2);
    expect(lines[0]!.width).toBeLessThanOrEqual(lines[1]!.width + 1e-6);
    expect(lines.map((l) => l.text)).toEqual(['关于进一步加强全市', '安全生产标准化建设工作的实施意见']);
    for (const l of lines) expect(l.centre).toBeCloseTo(g.areaLeftPt + g.areaWidthPt / 2, 1);
  });

  it('breaks only between words: 分析会 stays whole (greedy split 分|析)', () => {
    const title = '区政府召开2021年第一季度经济运行分析会';
    const lines = titleLines(title);
    expect(lines.map((l) => l.text)).toEqual(['区政府召开2021年', '第一季度经济运行分析会']);
    expect(boundaries(title).has(lines[0]!.text.length)).toBe(true);
  });

  it('never splits a compound the dictionary cuts (安全|生产), nor a number and its unit', () => {
    const title = '集团公司召开2021年度安全生产工作会议暨安全生产责任书签订仪式';
    const lines = titleLines(title);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.width).toBeLessThanOrEqual(lines[1]!.width + 1e-6);
    const cut = lines[0]!.text.length;
    for (const whole of ['安全生产', '2021年度', '工作会议', '责任书']) {
      for (let p = title.indexOf(whole); p >= 0; p = title.indexOf(whole, p + 1)) expect(cut <= p || cut >= p + whole.length, `${whole} at ${p} cut at ${cut}`).toBe(true);
    }
  });

  it('sets a three-line title as a diamond with the 《书名》 on one line', () => {
    const lines = titleLines('市应急管理局关于开展《中华人民共和国安全生产法》宣传贯彻工作情况的专题报告');
    expect(lines.map((l) => l.text)).toEqual(['市应急管理局关于开展', '《中华人民共和国安全生产法》', '宣传贯彻工作情况的专题报告']);
    expect(lines[1]!.width).toBeGreaterThanOrEqual(lines[0]!.width);
    expect(lines[1]!.width).toBeGreaterThanOrEqual(lines[2]!.width);
    for (const l of lines) expect(l.centre).toBeCloseTo(g.areaLeftPt + g.areaWidthPt / 2, 1);
  });

  it('keeps a title that fits on one line on one line', () => {
    expect(titleLines('老科协举办2022年度理事会').map((l) => l.text)).toEqual(['老科协举办2022年度理事会']);
  });
});

describe('article paragraphs: 一、 in 黑体, （一） in 楷体, 1. in 仿宋 [GB §7.3.3]', () => {
  const paragraphs = ['一、主要指标运行特点', '（一）工业经济稳中有进。全区规模以上工业企业412家。', '1.部分行业下行压力加大。订单减少。', '三、下阶段工作建议。一是强化运行调度。', '一、这一句太长了，不是小标题而是正文的开头，所以不改字体。'];
  const source = ARTICLE.replace(
    /    paragraphs:\n(?:      - .*\n)+/u,
    `    paragraphs:\n${paragraphs.map((p) => `      - ${p}\n`).join('')}`,
  );
  const { issue } = loadIssue('x.yaml', Buffer.from(source));
  const out = collected(layout(issue!, fake, DEFAULT_LAYOUT).laidOut!);
  const paras = out.frames.flatMap((f) => f.items.filter((i): i is GlyphRun => i.kind === 'glyphs' && i.element === 'paragraph'));
  /** The roles of one paragraph's first line, as runs: [role, text]. */
  const roles = (k: number): [string, string][] => {
    const first = paras.filter((r) => r.line === 0)[k]!;
    const out: [string, string][] = [];
    for (const g of first.glyphs) {
      const last = out[out.length - 1];
      if (last && last[0] === g.role) last[1] += g.text;
      else out.push([g.role, g.text]);
    }
    return out;
  };

  it('sets a 一、 sub-heading wholly in 黑体', () => {
    expect(roles(0)).toEqual([['hei', '一、主要指标运行特点']]);
  });

  it('sets only the （一） heading sentence in 楷体, the rest in 仿宋', () => {
    expect(roles(1)).toEqual([
      ['kai', '（一）工业经济稳中有进。'],
      ['fang', '全区规模以上工业企业412家。'],
    ]);
  });

  it('leaves 1. and a long opening sentence in 仿宋', () => {
    expect(new Set(roles(2).map((r) => r[0]))).toEqual(new Set(['fang']));
    expect(new Set(roles(4).map((r) => r[0]))).toEqual(new Set(['fang']));
  });

  it('sets a 一、 heading sentence before the text in 黑体', () => {
    expect(roles(3)[0]).toEqual(['hei', '三、下阶段工作建议。']);
    expect(roles(3)[1]![0]).toBe('fang');
  });
});

describe('an article subtitle (副标题) [FORMAT §2.2 "Subtitle / byline": 楷体 三号, centred]', () => {
  it('sits centred in 楷体 on the grid line under the title, the first paragraph a blank line below it', () => {
    const source = ARTICLE.replace('article: 老科协举办2022年度理事会', 'article: 老科协举办2022年度理事会\n    subtitle: ——理事会工作报告摘要');
    const { issue, diagnostics } = loadIssue('x.yaml', Buffer.from(source));
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const runs = collected(layout(issue!, fake, DEFAULT_LAYOUT).laidOut!).frames[0]!.items.filter((i): i is GlyphRun => i.kind === 'glyphs');
    const title = runs.find((r) => r.element === 'article-title')!;
    const sub = runs.find((r) => r.element === 'article-subtitle')!;
    const first = runs.find((r) => r.element === 'paragraph')!;
    expect(sub.glyphs.map((x) => x.text).join('')).toBe('——理事会工作报告摘要');
    expect(new Set(sub.glyphs.map((x) => x.role))).toEqual(new Set([GB9704.bulletin.articleSubtitleRole]));
    expect(GB9704.bulletin.articleSubtitleRole).toBe('kai');
    const left = sub.xPt + sub.glyphs[0]!.xPt;
    const right = sub.xPt + sub.glyphs.at(-1)!.xPt + sub.sizePt;
    expect((left + right) / 2).toBeCloseTo(g.areaLeftPt + g.areaWidthPt / 2, 0);
    // One grid line below the title's, and the paragraph two below (a blank line between).
    expect(sub.baselinePt - title.baselinePt).toBeGreaterThan(g.linePitchPt * 0.5);
    expect(sub.baselinePt - title.baselinePt).toBeLessThan(g.linePitchPt * 1.5);
    expect(first.baselinePt - sub.baselinePt).toBeCloseTo(2 * g.linePitchPt, 1);
    // The keep-with-next chain: title, subtitle and the first paragraph line never part.
    expect(runs.indexOf(sub)).toBe(runs.indexOf(title) + 1);
  });
});
