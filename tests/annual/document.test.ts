/** The annual index is a document of its own, laid out by the page layout an issue uses (issue 15). */
import { describe, expect, it } from 'vitest';
import type { FontRole } from '../../src/compose/types.js';
import { indexDocument, type IssueSummary } from '../../src/annual/annual.js';
import { layoutDocument, type LayoutFonts } from '../../src/paginate/layout.js';
import type { GlyphRun } from '../../src/paginate/types.js';

const fake: LayoutFonts = {
  measure: (text: string, _role: FontRole) => [...text].reduce((w, c) => w + (c.charCodeAt(0) < 0x2000 ? 0.5 : 1), 0),
  dashCentreEm: 0.3,
};
const summary = (month: number, extra: Partial<IssueSummary> = {}): IssueSummary => ({
  file: `2021-0${month}.yaml`,
  publication: '某协会信息动态',
  editor: '某协会办公室编',
  period: { year: 2021, month },
  number: month,
  printed: { year: 2021, month, day: 20 },
  pages: 2,
  sections: [{ title: '工作动态', items: [{ opening: `${month}月5日，协会召开会议`, page: 1 }] }],
  ...extra,
});

describe('the annual index document', () => {
  const doc = indexDocument([summary(1), summary(2, { editor: '某协会秘书处编', printer: '某协会办公室' })], 2021, (o, p) => `${o}……${p}`);

  it('has its own masthead: the year on the 期号 line, the last issue’s name, editor and date', () => {
    expect(doc.masthead.numberLine.value).toBe('2021年总目录');
    expect(doc.masthead.editor.value).toBe('某协会秘书处编');
    expect(doc.masthead.date.value).toBe('2021年2月20日');
    expect(doc.colophon).toMatchObject({ distribution: [], printer: { value: '某协会办公室' } });
  });

  it('has a part per issue and per section, an entry per item', () => {
    expect(doc.parts.map((p) => p.heading.value)).toEqual(['2021年1月　第1期', '【工作动态】', '2021年2月　第2期', '【工作动态】']);
    expect(doc.parts[1]!.kind === 'items' && doc.parts[1]!.items.map((i) => i.text.value)).toEqual(['1月5日，协会召开会议……1']);
  });

  it('is set by the page layout with no issue behind it: the 期号 line reads 2021年总目录, centred', () => {
    const r = layoutDocument(doc, fake);
    expect(r.diagnostics).toEqual([]);
    const items = [...r.laidOut!.frames][0]!.items.filter((i): i is GlyphRun => i.kind === 'glyphs');
    const number = items.find((i) => i.element === 'masthead-number')!;
    expect(number.glyphs.map((g) => g.text).join('')).toBe('2021年总目录');
    const date = items.find((i) => i.element === 'masthead-date')!;
    expect(date.glyphs.map((g) => g.text).join('')).toBe('2021年2月20日');
  });
});
