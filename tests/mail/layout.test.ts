/** The mailing layouts with a fake font (every character 1 em): rows, pages and areas, no PDF. */
import { describe, expect, it } from 'vitest';
import type { FontMetrics } from '../../src/compose/types.js';
import type { Unit } from '../../src/mail/book.js';
import { envelopeFrames, labelFrames, registerFrames } from '../../src/mail/layout.js';
import type { Recipient } from '../../src/mail/recipients.js';
import type { Text } from '../../src/model/types.js';
import type { Frame, GlyphRun } from '../../src/paginate/types.js';
import { GB9704, mm } from '../../src/spec/format.js';
import { ENVELOPE_LAYOUT, ENVELOPE_SIZES, LABEL_SHEETS } from '../../src/spec/mail.js';

const fonts: FontMetrics = { measure: (s) => [...s].length };
const span = { file: 'x', line: 1, column: 1, offset: 0 };
const t = (value: string): Text => ({ value, span, at: () => span });
const unit = (name: string, address: string, extra: Partial<Unit> = {}): Unit => ({ name: t(name), address: t(address), postcode: t('200002'), copies: 1, ...extra });
const recipient = (name: string, address = '上海市某区某路2号', label = '送'): Recipient => ({ label, name: t(name), unit: unit(name, address), copies: 1 });
const runs = (f: Frame): GlyphRun[] => f.items.filter((i): i is GlyphRun => i.kind === 'glyphs');
const textOf = (f: Frame): string[] => runs(f).map((r) => r.glyphs.map((g) => g.text).join(''));
const sender = { name: '上海市安全生产协会办公室', address: '上海市黄浦区某路1号', postcode: '200001' };

describe('envelopes', () => {
  it('a long address is broken over lines inside the addressee block; a long unit name shrinks, then breaks; nothing leaves the paper', () => {
    const long = '上海市浦东新区张江高科技园区某某路一千二百三十四弄五十六号七楼七百零八室（某某大厦北楼）';
    const name = '上海市某某区应急管理局安全生产综合监督管理科暨危险化学品安全监督管理科';
    const [f] = envelopeFrames([{ label: '送', name: t(name), unit: unit(name, long, { attention: t('办公室') }), copies: 1 }], sender, fonts, { size: ENVELOPE_SIZES.DL });
    const W = mm(220);
    const H = mm(110);
    const rl = ENVELOPE_LAYOUT.recipient;
    for (const r of runs(f!)) {
      const w = [...r.glyphs[0]!.text].length * r.sizePt;
      expect(r.xPt).toBeGreaterThanOrEqual(0);
      expect(r.xPt + w).toBeLessThanOrEqual(W - mm(Math.min(rl.rightMm, ENVELOPE_LAYOUT.sender.rightMm)) + 0.01);
      expect(r.baselinePt).toBeLessThan(H - mm(ENVELOPE_LAYOUT.barcodeZone.heightMm) + 0.01);
    }
    const lines = textOf(f!);
    // The address, split without loss.
    const addressLines = runs(f!).filter((r) => r.xPt === mm(rl.leftMm)).map((r) => r.glyphs[0]!.text);
    expect(addressLines.join('')).toBe(long);
    expect(addressLines.length).toBeGreaterThan(1);
    expect(lines.join('')).toContain('办公室　收');
    expect(lines).toContain(sender.name);
    // The unit name: every line inside the addressee block, the whole name kept.
    const unitRuns = runs(f!).filter((r) => name.includes(r.glyphs[0]!.text) && r.glyphs[0]!.text.length > 1);
    expect(unitRuns.map((r) => r.glyphs[0]!.text).join('')).toBe(name);
    for (const r of unitRuns) expect(r.xPt + [...r.glyphs[0]!.text].length * r.sizePt).toBeLessThanOrEqual(W - mm(rl.rightMm) + 0.01);
  });

  it('one page per recipient that has an address, in order; --no-boxes keeps the digits and drops the boxes', () => {
    const rs = [recipient('甲单位', undefined, '报'), { label: '送', name: t('乙单位'), copies: 1 }, recipient('丙单位')];
    const frames = envelopeFrames(rs, sender, fonts, { size: ENVELOPE_SIZES.ZL });
    expect(frames.map((f) => textOf(f).find((s) => s.endsWith('单位')))).toEqual(['甲单位', '丙单位']);
    expect(frames[0]!.items.filter((i) => i.kind === 'box')).toHaveLength(6);
    const plain = envelopeFrames(rs, sender, fonts, { size: ENVELOPE_SIZES.ZL, boxes: false });
    expect(plain[0]!.items.filter((i) => i.kind === 'box')).toHaveLength(0);
    expect(textOf(plain[0]!).slice(0, 6).join('')).toBe('200002');
    expect([plain[0]!.widthPt, plain[0]!.heightPt]).toEqual([mm(230), mm(120)]);
  });
});

describe('labels', () => {
  it('fills 3 × 8 sheets row by row; the 25th label starts a second sheet at the first cell', () => {
    const rs = Array.from({ length: 25 }, (_, i) => recipient(`单位${i + 1}`));
    const frames = labelFrames(rs, fonts, { sheet: LABEL_SHEETS['3x8'] });
    expect(frames).toHaveLength(2);
    const s = LABEL_SHEETS['3x8'];
    const firstLine = (f: Frame, name: string): GlyphRun => runs(f).find((r) => r.glyphs[0]!.text === name)!;
    const fourth = firstLine(frames[0]!, '单位4');
    expect(fourth.xPt).toBeCloseTo(mm(s.leftMm + s.paddingXMm), 6);
    expect(fourth.baselinePt).toBeGreaterThan(mm(s.topMm + s.pitchYMm));
    expect(fourth.baselinePt).toBeLessThan(mm(s.topMm + 2 * s.pitchYMm));
    const last = firstLine(frames[1]!, '单位25');
    expect(last.xPt).toBeCloseTo(mm(s.leftMm + s.paddingXMm), 6);
    expect(last.baselinePt).toBeLessThan(mm(s.topMm + s.pitchYMm));
  });

  it('--skip-labels: the first label goes after the used ones, the rest follow', () => {
    const s = LABEL_SHEETS['2x7'];
    const frames = labelFrames([recipient('甲单位'), recipient('乙单位')], fonts, { sheet: s, skip: 13 });
    expect(frames).toHaveLength(2);
    const only = (f: Frame, name: string) => runs(f).find((r) => r.glyphs[0]!.text === name);
    // Label 14 of a 2 × 7 sheet: second column, last row.
    const a = only(frames[0]!, '甲单位')!;
    expect(a.xPt).toBeCloseTo(mm(s.leftMm + s.pitchXMm + s.paddingXMm), 6);
    expect(a.baselinePt).toBeGreaterThan(mm(s.topMm + 6 * s.pitchYMm));
    expect(only(frames[1]!, '乙单位')!.xPt).toBeCloseTo(mm(s.leftMm + s.paddingXMm), 6);
  });

  it('a long address and name still fit inside the label', () => {
    const s = LABEL_SHEETS['3x8'];
    const name = '上海市某某区应急管理局安全生产综合监督管理科暨危险化学品安全监督管理科';
    const [f] = labelFrames([{ label: '送', name: t(name), unit: unit(name, '上海市浦东新区张江高科技园区某某路一千二百三十四弄五十六号七楼', { attention: t('办公室') }), copies: 1 }], fonts, { sheet: s });
    for (const r of runs(f!)) {
      expect(r.xPt + [...r.glyphs[0]!.text].length * r.sizePt).toBeLessThanOrEqual(mm(s.widthMm - s.paddingXMm) + 0.01);
      expect(r.baselinePt - 0.88 * r.sizePt).toBeGreaterThanOrEqual(mm(s.topMm) - 0.01);
      expect(r.baselinePt + 0.12 * r.sizePt).toBeLessThanOrEqual(mm(s.topMm + s.heightMm) + 0.01);
    }
  });
});

describe('register', () => {
  it('60 recipients: every row once and in order over several pages, header on each, totals and page numbers', () => {
    const rs = Array.from({ length: 60 }, (_, i) => ({ ...recipient(`单位${i + 1}`, undefined, i === 0 ? '报' : '送'), copies: (i % 3) + 1 }));
    const frames = registerFrames(rs, { publication: '刊名', issueLabel: '2021年1月（第1期）', printed: '2021年1月29日', copies: 300, sender: '办公室' }, fonts);
    expect(frames.length).toBeGreaterThan(1);
    const all = frames.flatMap(textOf);
    const rows = all.filter((s) => /^单位\d+$/.test(s));
    expect(rows).toEqual(rs.map((r) => r.name.value));
    for (const f of frames) expect(textOf(f)).toContain('收件单位');
    expect(all).toContain('合计：60个单位');
    expect(all).toContain(String(rs.reduce((n, r) => n + r.copies, 0)));
    expect(all).toContain(`第${frames.length}页　共${frames.length}页`);
    // Everything inside the 版心 except the page numbers below it.
    const bottom = mm(GB9704.topMarginMm + GB9704.typeArea.heightMm);
    for (const f of frames) for (const r of runs(f)) if (!r.glyphs[0]!.text.startsWith('第')) expect(r.baselinePt).toBeLessThan(bottom);
  });
});
