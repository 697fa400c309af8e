/**
 * The masthead (报头, FORMAT §3.1, §10.2): the red name on one or two lines, the 期号 line, the
 * editor and date line and the red rule under them. Pure: fonts come in as metrics only.
 */
import type { FontMetrics } from '../compose/types.js';
import type { Diagnostic } from '../diag.js';
import { serialText } from '../model/parts.js';
import { dayLabel, periodLabel } from '../model/period.js';
import type { Issue, Masthead } from '../model/types.js';
import { baselineInLine, COLOURS, type Format, type Geometry, mm } from '../spec/format.js';
import { clusters, err, glyphOf, type Natural, run, synthetic } from './lines.js';
import { element, tagged } from './structure.js';
import type { FrameItem, GlyphRun, RunGlyph, StructNode } from './types.js';


/**
 * Page 1's masthead items, its elements added to `doc` in reading order; `nameSizePt` is the size
 * the name was set at (undefined when it does not fit, with an error in `diagnostics`).
 */
/**
 * The masthead of an issue: its name, classification, 期号 line [FORMAT §10.2], editor and print date.
 * 第N期（总第M期）, else the period. The date line shows the print date, so when that falls in another
 * month the period would appear nowhere: it then leads the 期号 line. Issue 14: 第九期 (number_style:
 * chinese), 〔2022〕 or 2022年 before it (year_prefix).
 */
export function mastheadOf(issue: Issue): Masthead {
  const serial = serialText({ number: issue.number?.value, total: issue.total?.value, numberStyle: issue.numberStyle, yearPrefix: issue.yearPrefix, year: issue.period.year });
  const printedInPeriod = issue.printed.year === issue.period.year && issue.printed.month === issue.period.month;
  const period = periodLabel(issue.period);
  const numberText = !serial ? period : printedInPeriod ? serial : `${period}\u3000${serial}`;
  const m: Masthead = {
    publication: issue.publication,
    publicationLines: issue.publicationLines,
    numberLine: synthetic(numberText, issue.period.span),
    editor: issue.editor,
    date: synthetic(dayLabel(issue.printed), issue.printed.span),
  };
  if (issue.classification) m.classification = issue.classification;
  return m;
}

/**
 * Page 1's masthead items, its elements added to `doc` in reading order; `nameSizePt` is the size
 * the name was set at (undefined when it does not fit, with an error in `diagnostics`).
 */
export function mastheadItems(issue: Masthead, fonts: FontMetrics, f: Format, g: Geometry, natural: Natural, doc: StructNode, diagnostics: Diagnostic[]): { items: FrameItem[]; nameSizePt?: number } {
  const items: FrameItem[] = [];
  // 内部资料 … on L1, flush left, 黑体 三号, black [FORMAT §3.1, §2.2]; it comes first in reading order.
  if (issue.classification) {
    const mark = natural(issue.classification, f.masthead.classificationRole, f.bodySizePt, g.cellPt);
    const baseline = g.areaTopPt + baselineInLine(g, f, f.masthead.classificationLine, f.bodySizePt);
    items.push(run(mark.line, g.areaLeftPt, baseline, f.bodySizePt, COLOURS.black, element('P', doc, issue.classification.value), 'masthead-classification'));
  }
  const name = issue.publicationLines.length > 1 ? mastheadLines(issue, fonts, f, g, diagnostics) : masthead(issue, fonts, f, g, diagnostics);
  if (name) {
    // A two-line name is one heading.
    const h1 = element('H1', doc, issue.publication.value);
    for (const r of name.runs) r.tags = tagged(h1);
    items.push(...name.runs);
  }
  const numberText = issue.numberLine.value;
  const numberLine = natural(issue.numberLine, 'fang', f.bodySizePt, g.cellPt);
  items.push(
    run(numberLine.line, g.areaLeftPt + (g.areaWidthPt - numberLine.widthPt) / 2, g.areaTopPt + baselineInLine(g, f, f.masthead.numberLine, f.bodySizePt), f.bodySizePt, COLOURS.black, element('P', doc, numberText), 'masthead-number'),
  );
  const editorBaseline = g.areaTopPt + baselineInLine(g, f, f.masthead.editorLine, f.bodySizePt);
  const editor = natural(issue.editor, 'fang', f.bodySizePt, g.cellPt);
  const inset = f.masthead.editorInsetCells * g.cellPt;
  items.push(run(editor.line, g.areaLeftPt + inset, editorBaseline, f.bodySizePt, COLOURS.black, element('P', doc, issue.editor.value), 'masthead-editor'));
  const dateText = issue.date.value;
  const date = natural(issue.date, 'fang', f.bodySizePt, g.cellPt);
  items.push(run(date.line, g.areaLeftPt + g.areaWidthPt - inset - date.widthPt, editorBaseline, f.bodySizePt, COLOURS.black, element('P', doc, dateText), 'masthead-date'));
  if (editor.widthPt + date.widthPt + 2 * inset + g.cellPt > g.areaWidthPt) {
    diagnostics.push(err(issue.editor.span, 'editor', 'E_EDITOR_TOO_LONG', `太长，与日期排不进同一行（最多约 ${Math.floor((g.areaWidthPt - date.widthPt - 2 * inset) / g.cellPt) - 1} 个字），实际为 ${[...issue.editor.value].length} 个字`));
  }
  // Red rule: centre 4 mm below the em-box bottom of the editor line [GB §7.2.7 analogue].
  const editorEmBottom = g.areaTopPt + (f.masthead.editorLine - 1) * g.linePitchPt + (g.linePitchPt + f.bodySizePt) / 2;
  items.push({
    kind: 'rule',
    x1Pt: g.areaLeftPt,
    x2Pt: g.areaLeftPt + g.areaWidthPt,
    yPt: editorEmBottom + mm(f.masthead.ruleOffsetMm),
    thicknessPt: mm(f.masthead.ruleThicknessMm),
    colour: COLOURS.red,
  });
  return name ? { items, nameSizePt: name.sizePt } : { items };
}

/*
 * A letter-spaced name line (≤ 6 characters, 0.3 em apart) carries its text as the run's /ActualText
 * and its spacing as `trackingEm`, which the renderer writes into the glyphs' advances: extraction
 * (pdftotext by /ActualText; mutool and pdf.js, which ignore it, by the advances) and a reader's
 * search then find "科普工作简报", not "科 普 工 作 简 报", and the page looks the same.
 */

/**
 * The masthead name: red, one line, centred in grid lines 2–4, at the largest size ≤ 42 pt that fits
 * 156 mm − 2 字 (continuous fit), 0.3 em letter-spacing for ≤ 6 characters (FORMAT §10.2).
 */
function masthead(issue: Masthead, fonts: FontMetrics, f: Format, g: Geometry, diagnostics: Diagnostic[]): { runs: GlyphRun[]; sizePt: number } | undefined {
  const m = f.masthead;
  const chars = clusters(issue.publication.value);
  const spacing = chars.length <= m.spacedMaxChars ? m.nameLetterSpacingEm : 0;
  const advances = chars.map((c) => fonts.measure(c, 'title'));
  const widthEm = advances.reduce((a, b) => a + b, 0) + spacing * (chars.length - 1);
  const avail = g.areaWidthPt - m.nameSideReserveCells * g.cellPt;
  const sizePt = Math.min(m.nameMaxSizePt, avail / widthEm);
  if (sizePt < m.nameMinSizePt) {
    const maxChars = Math.floor(avail / m.nameMinSizePt);
    diagnostics.push({
      ...err(issue.publication.span, 'publication', 'E_TITLE_TOO_LONG', `太长：在一行内排下需小于 ${m.nameMinSizePt} 磅的字号；应不超过约 ${maxChars} 个字，实际为 ${chars.length} 个字`),
      hint: '可分两行印：写成“publication: [单位名称, 工作简报]”，每行各自确定字号',
    });
    return undefined;
  }
  const zoneTop = (m.nameFirstLine - 1) * g.linePitchPt;
  const zoneHeight = (m.nameLastLine - m.nameFirstLine + 1) * g.linePitchPt;
  const baselinePt = g.areaTopPt + zoneTop + (zoneHeight - sizePt) / 2 + f.emBoxAscent * sizePt;
  let x = g.areaLeftPt + (g.areaWidthPt - widthEm * sizePt) / 2;
  const glyphs: RunGlyph[] = chars.map((c, i) => {
    const gl = glyphOf(fonts, c, 'title', x);
    x += (advances[i]! + spacing) * sizePt;
    return gl;
  });
  const run: GlyphRun = { kind: 'glyphs', xPt: 0, baselinePt, sizePt, colour: COLOURS.red, glyphs, element: 'masthead-name' };
  if (spacing > 0) Object.assign(run, { actualText: issue.publication.value, trackingEm: spacing });
  return { runs: [run], sizePt };
}

/**
 * A two-line masthead name (issue 14): each line fitted on its own as a one-line name is (largest
 * size ≤ 42 pt that fits 156 mm − 2 字, 0.3 em letter-spacing for ≤ 6 characters, 22 pt the least),
 * the two stacked with a gap and centred in L1–L4 (in L2–L4 the lower line crowds the 期号 line),
 * and when that is too low for both, both scaled down alike.
 */
function mastheadLines(issue: Masthead, fonts: FontMetrics, f: Format, g: Geometry, diagnostics: Diagnostic[]): { runs: GlyphRun[]; sizePt: number } | undefined {
  const m = f.masthead;
  const avail = g.areaWidthPt - m.nameSideReserveCells * g.cellPt;
  const lines = issue.publicationLines.map((text, k) => {
    const chars = clusters(text.value);
    const spacing = chars.length <= m.spacedMaxChars ? m.nameLetterSpacingEm : 0;
    const advances = chars.map((c) => fonts.measure(c, 'title'));
    const widthEm = advances.reduce((a, b) => a + b, 0) + spacing * (chars.length - 1);
    const sizePt = Math.min(m.nameMaxSizePt, avail / widthEm);
    if (sizePt < m.nameMinSizePt) {
      const maxChars = Math.floor(avail / m.nameMinSizePt);
      diagnostics.push(err(text.span, `publication[${k + 1}]`, 'E_TITLE_TOO_LONG', `太长：在一行内排下需小于 ${m.nameMinSizePt} 磅的字号；应不超过约 ${maxChars} 个字，实际为 ${chars.length} 个字`));
    }
    return { text, chars, spacing, advances, widthEm, sizePt };
  });
  if (lines.some((l) => l.sizePt < m.nameMinSizePt)) return undefined;
  const largest = Math.max(...lines.map((l) => l.sizePt));
  const height = (scale: number): number => lines.reduce((h, l) => h + l.sizePt * scale, 0) + f.bulletin.nameLineGapEm * largest * scale;
  // L1 holds the classification when there is one: the two lines then share L2–L4, as one line does.
  const zoneFirst = issue.classification ? m.nameFirstLine : f.bulletin.twoLineNameFirstLine;
  const zoneTop = (zoneFirst - 1) * g.linePitchPt;
  const zoneHeight = (m.nameLastLine - zoneFirst + 1) * g.linePitchPt;
  const scale = Math.min(1, zoneHeight / height(1));
  const smallest = Math.min(...lines.map((l) => l.sizePt)) * scale;
  if (smallest < m.nameMinSizePt) {
    diagnostics.push(err(issue.publicationLines[0]!.span, 'publication', 'E_TITLE_TOO_LONG', `两行排不进报头：两行合起来需小于 ${m.nameMinSizePt} 磅的字号`));
    return undefined;
  }
  // Em boxes stacked from the top of the block, which is centred in the zone.
  let emTop = g.areaTopPt + zoneTop + (zoneHeight - height(scale)) / 2;
  const runs: GlyphRun[] = lines.map((l) => {
    const sizePt = l.sizePt * scale;
    const baselinePt = emTop + f.emBoxAscent * sizePt;
    emTop += sizePt + f.bulletin.nameLineGapEm * largest * scale;
    let x = g.areaLeftPt + (g.areaWidthPt - l.widthEm * sizePt) / 2;
    const glyphs: RunGlyph[] = l.chars.map((c, i) => {
      const gl = glyphOf(fonts, c, 'title', x);
      x += (l.advances[i]! + l.spacing) * sizePt;
      return gl;
    });
    const run: GlyphRun = { kind: 'glyphs', xPt: 0, baselinePt, sizePt, colour: COLOURS.red, glyphs, element: 'masthead-name' };
    if (l.spacing > 0) Object.assign(run, { actualText: l.text.value, trackingEm: l.spacing });
    return run;
  });
  return { runs, sizePt: largest * scale };
}
