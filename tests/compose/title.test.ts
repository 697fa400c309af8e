/**
 * composeTitle [GB/T 9704-2012 §7.3.1; TITLE_LINES]: the break rules one by one, on a grid of 18
 * cells (the title measure at 22 pt), with the fake font of helpers.ts.
 */
import { describe, expect, it } from 'vitest';
import { compose } from '../../src/compose/index.js';
import type { ComposeOptions } from '../../src/compose/types.js';
import { FAKE, small } from './helpers.js';

const opts = (over: Partial<ComposeOptions> = {}): ComposeOptions => small({ measurePt: 180, justify: false, title: true, ...over });
const lines = (text: string, over: Partial<ComposeOptions> = {}): string[] =>
  compose([{ text, role: 'title', offset: 0 }], opts(over), FAKE).lines.map((l) => l.glyphs.map((g) => g.text).join(''));
const cells = (l: string): number => [...l].reduce((w, c) => w + (c.charCodeAt(0) < 0x2000 ? 0.5 : 1), 0);

describe('composeTitle', () => {
  it('keeps 第三十届 and 艺术节 whole, and the lines rise', () => {
    const got = lines('我校举办第三十届科技文化艺术节暨5G智慧校园建设成果展示活动');
    expect(got.join('')).toBe('我校举办第三十届科技文化艺术节暨5G智慧校园建设成果展示活动');
    expect(got.some((l) => l.includes('第三十届'))).toBe(true);
    expect(got.some((l) => l.includes('艺术节'))).toBe(true);
    for (let k = 1; k < got.length; k++) expect(cells(got[k - 1]!)).toBeLessThanOrEqual(cells(got[k]!));
  });

  it('keeps a number with its % and a percentage apart from nothing it belongs to', () => {
    const got = lines('全区一季度地区生产总值同比增长12.3%固定资产投资和社会消费品零售总额稳步回升工业经济运行总体平稳');
    expect(got).toHaveLength(3);
    expect(got.some((l) => l.includes('12.3%'))).toBe(true);
    // A diamond or a 正梯形: rises to a peak that is not the first line.
    const w = got.map(cells);
    expect(w[1]!).toBeGreaterThanOrEqual(w[0]!);
  });

  it('takes 9 over 11 at a word boundary rather than 10 over 10 inside 交通 (the heading rule splits 安全|管理)', () => {
    expect(lines('切实加强校园周边的交通安全管理和秩序整治')).toEqual(['切实加强校园周边的', '交通安全管理和秩序整治']);
    expect(lines('切实加强校园周边的交通安全管理和秩序整治', { title: false, heading: true })).toEqual(['切实加强校园周边的交通安全', '管理和秩序整治']);
  });

  it('breaks inside 《》 only when nothing else is a 梯形 or 菱形', () => {
    const got = lines('关于学习《中华人民共和国安全生产法》的通知');
    expect(got.some((l) => l.includes('《中华人民共和国安全生产法》'))).toBe(true);
  });

  it('breaks at a space typed between a headline\'s two clauses rather than at a more even place', () => {
    const title = '全市经济运行稳中向好 事故起数和死亡人数实现双下降';
    expect(lines(title)).toEqual(['全市经济运行稳中向好', '事故起数和死亡人数实现双下降']);
    expect(lines(title.replace(' ', ''))).toEqual(['全市经济运行稳中向好事故', '起数和死亡人数实现双下降']);
  });

  it('falls back to the heading rule when whole words give no 梯形 or 菱形', () => {
    const title = '关于ABCDEFGHIJKLNOPQRSTUVXYZABCDEFGH工作会议'; // 18 cells, then 4: only 上长下短 fits
    const heading = compose([{ text: title, role: 'title', offset: 0 }], opts({ title: false, heading: true }), FAKE);
    expect(compose([{ text: title, role: 'title', offset: 0 }], opts(), FAKE).lines.map((l) => l.glyphs.map((g) => g.text).join(''))).toEqual(
      heading.lines.map((l) => l.glyphs.map((g) => g.text).join('')),
    );
  });

  it('gives the same lines every time (no dependence on map order)', () => {
    const t = '市应急管理局关于开展《中华人民共和国安全生产法》宣传贯彻工作情况的专题报告';
    expect(lines(t)).toEqual(lines(t));
    expect(lines(t)).toEqual(['市应急管理局关于开展', '《中华人民共和国安全生产法》', '宣传贯彻工作情况的专题报告']);
  });
});
