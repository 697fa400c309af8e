/**
 * The 报尾 (FORMAT §7.2–7.3, §10.8) and the page numbers (GB §7.5, FORMAT §6): what closes the
 * issue and marks its pages. Pure: fonts come in as metrics only.
 */
import type { ComposedLine, FontMetrics } from '../compose/types.js';
import { dayLabel } from '../model/period.js';
import type { Colophon } from '../model/types.js';
import { COLOURS, type Format, type Geometry, mm } from '../spec/format.js';
import type { ComposeText, Natural } from './lines.js';
import { glyphOf, moved, synthetic } from './lines.js';
import { element, tagged } from './structure.js';
import type { FrameItem, GlyphRun, RunGlyph, RunTag, StructNode } from './types.js';

/** Metrics the page number needs beyond advances. */
export interface PageNumberFonts extends FontMetrics {
  /** Height of the em dash stroke centre above the baseline in the page-number face, in em. */
  dashCentreEm: number;
}

/** "— N —" in 宋体 14 pt, 7 mm below the 版心, outside corner inset 1 字 [GB §7.5, FORMAT §6]. */
export function pageNumber(n: number, fonts: PageNumberFonts, f: Format, g: Geometry): GlyphRun {
  const text = `— ${n} —`;
  const size = f.pageNumber.sizePt;
  const inset = f.pageNumber.insetCells * g.cellPt;
  // Measured only where it is right-aligned: every number is a new string to shape.
  const x = n % 2 === 1 ? g.areaLeftPt + g.areaWidthPt - inset - fonts.measure(text, 'song') * size : g.areaLeftPt + inset;
  const dashY = g.areaTopPt + g.areaHeightPt + mm(f.pageNumber.offsetBelowTypeAreaMm);
  return { kind: 'glyphs', xPt: 0, baselinePt: dashY + fonts.dashCentreEm * size, sizePt: size, colour: COLOURS.black, glyphs: [glyphOf(fonts, text, 'song', x)], artifact: 'pagination', element: 'page-number' };
}

/**
 * The 报尾: thick rule, 报/送/… rows (wrapped after the label), thin rule, the print row(s), thick
 * rule on the 版心 bottom edge (FORMAT §7.2–7.3). Rows are body grid lines counted from the bottom.
 */
export function footerBlock(issue: Colophon, options: { recipientSeparator: string }, f: Format, g: Geometry, natural: Natural, composeText: ComposeText, doc: StructNode) {
  const size = f.footer.sizePt;
  const inset = mm(f.footer.insetMm);
  const cell = size; // "1 字" in the 报尾 = one 14 pt em (FORMAT §7.2)
  const left = g.areaLeftPt + inset;
  const right = g.areaLeftPt + g.areaWidthPt - inset;
  // The 报尾 is a Sect of its own: the 报/送 rows a list (Lbl: "报：", LBody: the recipients), then the
  // printing office and the print date (with the copies) as paragraphs.
  const sect = element('Sect', doc);
  const list = issue.distribution.length > 0 ? element('L', sect) : undefined;
  if (list) list.listNumbering = 'None';
  type Row = { glyphs: RunGlyph[]; tags: RunTag[] };
  const distRows: Row[] = [];
  for (const entry of issue.distribution) {
    const labelText = `${entry.label.value}：`;
    const label = natural(synthetic(labelText, entry.label.span), 'fang', size, cell);
    const names = synthetic(entry.recipients.map((r) => r.value).join(options.recipientSeparator), entry.recipients[0]?.span ?? entry.span);
    const textLeft = left + label.widthPt;
    const lines = composeText(names, 'fang', { sizePt: size, cellPt: cell, measurePt: right - textLeft });
    const li = element('LI', list);
    const lbl = element('Lbl', li, labelText);
    const lbody = element('LBody', li, names.value);
    lines.forEach((line, i) => {
      const glyphs = line.glyphs.map((gl) => moved(gl, textLeft));
      if (i > 0) return distRows.push({ glyphs, tags: tagged(lbody) });
      glyphs.unshift(...label.line.glyphs.map((gl) => moved(gl, left)));
      distRows.push({ glyphs, tags: [{ from: 0, node: lbl }, { from: label.line.glyphs.length, node: lbody }] });
    });
  }
  const printedText = `${dayLabel(issue.printed)}印`;
  const printer = issue.printer ? natural(issue.printer, 'fang', size, cell) : undefined;
  const printerWidth = printer?.widthPt ?? 0;
  const copiesText = issue.copies ? `（共印${issue.copies.value}份）` : '';
  const joined = natural(synthetic(printedText + copiesText, issue.printed.span), 'fang', size, cell);
  const fitsOneRow = !issue.copies || printerWidth + f.footer.minGapChars * cell + joined.widthPt <= right - left;
  const printRows: Row[] = [];
  const rightAligned = (nat: { line: ComposedLine; widthPt: number }): Row['glyphs'] =>
    nat.line.glyphs.map((gl) => moved(gl, right - nat.widthPt));
  const printerGlyphs = printer?.line.glyphs.map((gl) => moved(gl, left)) ?? [];
  const printerP = issue.printer ? element('P', sect, issue.printer.value) : undefined;
  const dateP = element('P', sect, printedText + copiesText);
  const printTags = printerP ? [{ from: 0, node: printerP }, { from: printerGlyphs.length, node: dateP }] : tagged(dateP);
  if (fitsOneRow) {
    printRows.push({ glyphs: [...printerGlyphs, ...rightAligned(joined)], tags: printTags });
  } else {
    const date = natural(synthetic(printedText, issue.printed.span), 'fang', size, cell);
    const copies = natural(synthetic(copiesText, issue.copies!.span), 'fang', size, cell);
    printRows.push({ glyphs: [...printerGlyphs, ...rightAligned(date)], tags: printTags });
    printRows.push({ glyphs: rightAligned(copies), tags: tagged(dateP) });
  }
  const rows = distRows.length + printRows.length;
  // The printing office and the date share one row with at least 1 字 between them.
  const dateWidth = natural(synthetic(printedText, issue.printed.span), 'fang', size, cell).widthPt;
  const printerTooLong = issue.printer && printerWidth + cell + dateWidth > right - left
    ? { span: issue.printer.span, maxChars: Math.floor((right - left - dateWidth - cell) / cell), chars: [...issue.printer.value].length }
    : undefined;
  const items = (areaTopPt: number): FrameItem[] => {
    const P = g.linePitchPt;
    const bottom = areaTopPt + g.areaHeightPt;
    const out: FrameItem[] = [];
    const rule = (yPt: number, thicknessMm: number): FrameItem => ({ kind: 'rule', x1Pt: g.areaLeftPt, x2Pt: g.areaLeftPt + g.areaWidthPt, yPt, thicknessPt: mm(thicknessMm), colour: COLOURS.black });
    const all = [...distRows, ...printRows];
    all.forEach((row, i) => {
      const rowTop = bottom - (all.length - i) * P;
      out.push({ kind: 'glyphs', xPt: 0, baselinePt: rowTop + (P - size) / 2 + f.emBoxAscent * size, sizePt: size, colour: COLOURS.black, glyphs: row.glyphs, tags: row.tags, element: 'footer' });
    });
    // The last thick rule keeps its stroke inside the 版心, bottom edge on the 版心 edge (FORMAT §7.3).
    out.push(rule(bottom - mm(f.footer.thickRuleMm) / 2, f.footer.thickRuleMm));
    out.push(rule(bottom - printRows.length * P, f.footer.thinRuleMm));
    out.push(rule(bottom - rows * P, f.footer.thickRuleMm));
    return out;
  };
  return { rows, items, printerTooLong };
}
