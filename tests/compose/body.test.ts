/**
 * The body grid of GB/T 9704 (FORMAT §1.2, §4.1): 28 cells of 15.793 pt, 16 pt text, first line after
 * a 2-字 indent and the marker cell (3 cells), continuation lines flush left, strict 禁则, with the
 * items of ../shared/examples/2021-01.yaml.
 */
import { describe, expect, test } from 'vitest';
import { compose, isLineEndForbidden, isLineStartForbidden } from '../../src/compose/index.js';
import { body, CELL, texts, TIMESLIKE } from './helpers.js';
import { SAMPLE_ITEMS } from './sample.js';

const MEASURE = 28 * CELL;
const setBody = (text: string) => compose([{ text, role: 'fang', offset: 0 }], body(), TIMESLIKE);

describe('body grid with the 2021-01 sample', () => {
  test('every item: justified lines on the measure, first line after 3 cells, strict 禁则, no events', () => {
    for (const item of SAMPLE_ITEMS) {
      const r = setBody(item);
      expect(r.events).toEqual([]);
      r.lines.forEach((l, k) => {
        expect(l.glyphs[0]!.xPt).toBeCloseTo(k === 0 ? 3 * CELL : 0, 6);
        if (!l.last) {
          expect(l.justified).toBe(true);
          expect(l.endPt!).toBeCloseTo(MEASURE, 2);
        } else expect(l.endPt!).toBeLessThanOrEqual(MEASURE + 0.01);
        if (k > 0) expect(isLineStartForbidden(l.glyphs[0]!.text, 'strict')).toBe(false);
        if (!l.last) expect(isLineEndForbidden(l.glyphs[l.glyphs.length - 1]!.text, 'strict')).toBe(false);
      });
    }
  });

  test('first item, line by line (25 cells after the indent, then 28)', () => {
    const t = texts(setBody(SAMPLE_ITEMS[0]!));
    expect(t.slice(0, 3)).toEqual([
      '1月25日，协会党支部开展了2020年度组织生活会（民主',
      '生活会）会前集中学习，全体党员认真观看了党员教育片《复兴',
      '伟业启新程——一份历史性纲领的诞生》，深刻感受《中共中央',
    ]);
  });

  test('a full line of 28 characters sits on the 15.793 pt pitch', () => {
    const l = setBody(SAMPLE_ITEMS[8]!).lines[1]!;
    expect(texts({ lines: [l], events: [] })).toEqual(['开上海市安全社区总结表彰暨推进会，计划邀请中职协及市局领']);
    l.glyphs.forEach((g, i) => expect(g.xPt).toBeCloseTo(i * CELL, 6));
  });

  test('推荐表 283 份: typed spaces dropped, 283 set solid (only the line justification space)', () => {
    const r = setBody(SAMPLE_ITEMS[11]!);
    const all = r.lines.flatMap((l) => l.glyphs.map((g) => g.text));
    expect(all).not.toContain(' ');
    const l = r.lines.find((x) => x.glyphs.some((g) => g.text === '283'))!;
    const i = l.glyphs.findIndex((g) => g.text === '283');
    const [before, run, after] = [l.glyphs[i - 1]!, l.glyphs[i]!, l.glyphs[i + 1]!];
    // Solid: the gaps either side are the line's justification space, the same as between two Han
    // characters, and within the stretch limit.
    const hanGap = l.glyphs[1]!.xPt - l.glyphs[0]!.xPt - CELL;
    expect(run.xPt - (before.xPt + CELL)).toBeCloseTo(hanGap, 6);
    expect(after.xPt - (run.xPt + run.advancePt)).toBeCloseTo(hanGap, 6);
    expect(hanGap).toBeLessThanOrEqual(0.15 * 16);
  });

  test('WSI after ，and before （ keeps its natural width (no padding next to punctuation)', () => {
    const r = setBody(SAMPLE_ITEMS[5]!);
    const l = r.lines.find((x) => x.glyphs.some((g) => g.text === 'WSI'))!;
    const i = l.glyphs.findIndex((g) => g.text === 'WSI');
    expect(l.glyphs[i - 1]!.text).toBe('，');
  });

  test('the whole sample, as lines (golden)', () => {
    expect(SAMPLE_ITEMS.map((t) => texts(setBody(t)))).toMatchSnapshot();
  });
});
