/**
 * finalize: place the items of one line — squeeze it if it is too long (先挤进), stretch it to the
 * measure if it is a justified line [FORMAT §5.6 item 5, §5.7], and turn items into PlacedGlyphs.
 */
import { EPS, type Context } from './context.js';
import { cutKind, distributeSqueeze, itemWidth, lineWidth, runFit, squeezables } from './compress.js';
import type { Item } from './prepare.js';
import type { ComposedLine, PlacedGlyph } from './types.js';

/** A line chosen by the breaker: items [start, end); with `hang`, the last item hangs past the measure. */
export interface LineBreak {
  start: number;
  end: number;
  hang: boolean;
}

/**
 * May the gap between items `a` and `b` (adjacent on a line) take justification space? [FORMAT §5.6
 * item 5; clreq line adjustment] Yes between Han characters, at Han–Latin boundaries, around
 * punctuation and after a space between words; never inside a word (two Latin items touching), next
 * to a connector, 间隔号 or 分隔号, nor between two marks that share a blank (§5.4 item 1).
 */
export function isStretchGap(a: Item, b: Item): boolean {
  if (a.kind === 'han' && b.kind === 'han') return true; // the common case: no blank to share
  if (b.kind === 'space') return false;
  if (a.kind === 'space') return true;
  if (a.kind === 'half' || b.kind === 'half' || a.kind === 'connector' || b.kind === 'connector') return false;
  if (a.kind === 'latin' && b.kind === 'latin') return false;
  return cutKind(a, b) === 0;
}

/**
 * Places the line [br.start, br.end) of a paragraph. `first` selects the start (firstLineStartPt or
 * restLineStartPt); `last` lines are start-aligned on the natural grid (§5.7), other lines are
 * stretched to the measure when `opts.justify`. A line longer than its width is squeezed in the
 * order of §5.4 item 4 (the breaker only makes lines that can be).
 */
export function finalizeLine(items: readonly Item[], br: LineBreak, first: boolean, last: boolean, ctx: Context): ComposedLine {
  const { opts, cell } = ctx;
  const x0 = first ? opts.firstLineStartPt : opts.restLineStartPt;
  const avail = opts.measurePt - x0;
  const s = br.start;
  const e = br.hang ? br.end - 1 : br.end; // a hanging mark is placed after the measure

  const n = e - s;
  const slot = new Array<number>(n);
  const padL = new Array<number>(n).fill(0);
  const lbCut = new Array<number>(n).fill(0); // left blank removed from an opening mark (drawn earlier)
  let natural = 0;
  for (let k = 0; k < n; k++) {
    const i = s + k;
    const it = items[i]!;
    const hasLeft = k > 0;
    const hasRight = k < n - 1;
    slot[k] = itemWidth(items, i, hasLeft, hasRight, ctx);
    if (it.kind === 'OP') lbCut[k] = ctx.cell - slot[k]!;
    if (it.kind === 'latin' && !ctx.solid) padL[k] = runFit(items, i, hasLeft, hasRight, ctx).padL;
    natural += slot[k]!;
  }

  let justified = false;
  let squeezed = false;
  if (natural > avail + EPS) {
    // 先挤进: give way in §5.4 item 4 order until the line fits exactly.
    const sq = squeezables(items, s, e, ctx);
    const take = distributeSqueeze(sq, natural - avail);
    for (let j = 0; j < sq.length; j++) {
      const q = sq[j]!;
      const t = take[j]!;
      if (t <= 0) continue;
      const k = q.i - s;
      slot[k] = slot[k]! - t;
      if (q.side === 'l' && items[q.i]!.kind === 'OP') lbCut[k] = lbCut[k]! + t;
      if (q.side === 'l' && items[q.i]!.kind === 'latin') padL[k] = padL[k]! - t;
    }
    justified = true;
    squeezed = true;
  }

  // Stretch: equal space in every eligible gap [§5.6 item 5]. A line with none (e.g. only marks and
  // connectors) uses every gap except inside a word; a line of one word stays start-aligned.
  let gap = 0;
  // Which gaps take the space (a mode, not a closure: this runs for every line).
  let gaps = Gaps.None;
  if (!squeezed && opts.justify && !last && n > 1 && avail - natural > EPS) {
    let count = 0;
    for (let k = 1; k < n; k++) if (gapOk(Gaps.Eligible, items, s + k)) count++;
    gaps = Gaps.Eligible;
    if (count === 0) {
      for (let k = 1; k < n; k++) if (gapOk(Gaps.AnyButWord, items, s + k)) count++;
      gaps = Gaps.AnyButWord;
    }
    if (count > 0) {
      gap = (avail - natural) / count;
      justified = true;
    }
  } else if (!squeezed && opts.justify && !last && Math.abs(avail - natural) <= EPS) {
    justified = true;
  }
  if (gap > ctx.maxStretchPt + EPS) reportLoose(items, s, e, gap, ctx);

  const glyphs: PlacedGlyph[] = [];
  let x = x0;
  for (let k = 0; k < n; k++) {
    const it = items[s + k]!;
    if (k > 0 && gapOk(gaps, items, s + k)) x += gap;
    place(it, x, slot[k]!, padL[k]!, lbCut[k]!, glyphs, ctx);
    x += slot[k]!;
  }
  const endPt = x;
  if (br.hang) {
    const it = items[br.end - 1]!;
    place(it, x, cell / 2, 0, 0, glyphs, ctx);
    ctx.stats.hungMarks++;
  }

  countStats(items, s, e, slot, ctx);
  if (squeezed) ctx.stats.squeezedLines++;

  const line: ComposedLine = { glyphs, first, last, justified, endPt };
  if (br.hang) line.hanging = true;
  return line;
}

/**
 * Justification space per gap the line [s, e) gets when it is justified to `avail` (what
 * `finalizeLine` will add; 0 when it fills the measure or must be squeezed; Infinity when it is
 * short of the measure with no gap to spread over, so it stays ragged).
 */
export function stretchPerGap(items: readonly Item[], s: number, e: number, avail: number, ctx: Context): number {
  const natural = lineWidth(items, s, e, ctx);
  if (natural >= avail - EPS) return 0;
  let count = 0;
  for (let i = s + 1; i < e; i++) if (gapOk(Gaps.Eligible, items, i)) count++;
  if (count === 0) for (let i = s + 1; i < e; i++) if (gapOk(Gaps.AnyButWord, items, i)) count++;
  // No gap to spread over: the line stays short of the measure, worse than any spacing.
  return count === 0 ? Infinity : (avail - natural) / count;
}

/** A line spread past the stretch limit: counted, and reported at its first character [FORMAT §5.6 item 5]. */
function reportLoose(items: readonly Item[], s: number, e: number, gap: number, ctx: Context): void {
  ctx.stats.looseLines++;
  let text = '';
  for (let i = s; i < e && text.length < 14; i++) text += items[i]!.text;
  if (text.length > 12) text = text.slice(0, 12) + '…';
  const em = (x: number): string => (x / ctx.size).toFixed(2);
  ctx.events.push({
    kind: 'loose-line',
    offset: items[s]!.offset,
    message: `以“${text}”开头的一行字距被拉开 ${em(gap)} 字（上限 ${em(ctx.maxStretchPt)} 字）：其他断行方式都排不下，可适当增删附近的文字`,
  });
}

const enum Gaps {
  None,
  /** isStretchGap. */
  Eligible,
  /** Every gap except inside a word. */
  AnyButWord,
}

/** Does the gap before item `i` (between i − 1 and i) take stretch space? */
function gapOk(gaps: Gaps, items: readonly Item[], i: number): boolean {
  if (gaps === Gaps.Eligible) return isStretchGap(items[i - 1]!, items[i]!);
  if (gaps === Gaps.AnyButWord) return !(items[i - 1]!.kind === 'latin' && items[i]!.kind === 'latin');
  return false;
}

function glyph(out: PlacedGlyph[], it: Item, text: string, xPt: number, advancePt: number, offset: number, ctx: Context): void {
  // Shaped here, once: the renderer draws these glyphs and never chooses a face again.
  const shape = ctx.shape;
  const p: PlacedGlyph = shape ? { text, role: it.role, xPt, advancePt, offset, shaped: shape(text, it.role) } : { text, role: it.role, xPt, advancePt, offset };
  if (it.bold) p.bold = true;
  out.push(p);
}

/** Turns one item in its slot into glyphs (FORMAT §5.2 placement). */
function place(it: Item, x: number, slotW: number, padL: number, lbCut: number, out: PlacedGlyph[], ctx: Context): void {
  if (it.kind === 'han') {
    glyph(out, it, it.text, x, it.natPt, it.offset, ctx); // the common case, ahead of the switch
    return;
  }
  switch (it.kind) {
    case 'OP':
      // Ink in the right half: with its left blank removed the em box starts that much earlier.
      glyph(out, it, it.text, x - lbCut, it.natPt, it.offset, ctx);
      break;
    case 'marks': {
      // ？？: each mark's ink takes half a cell [15834 §5.1.2].
      for (let j = 0; j < it.text.length; j++) glyph(out, it, it.text[j]!, x + (j * ctx.cell) / 2, it.natPt, it.offset + j, ctx);
      break;
    }
    case 'half':
      // 间隔号/分隔号/短横连接号: centred in half a cell.
      glyph(out, it, it.text, x + (slotW - it.natPt) / 2, it.natPt, it.offset, ctx);
      break;
    case 'latin':
      glyph(out, it, it.text, x + padL, it.natPt, it.offset, ctx);
      break;
    default:
      // Han, PS, CL (ink left), connectors and 2-em units: em box from the slot's left edge.
      glyph(out, it, it.text, x, it.natPt, it.offset, ctx);
  }
}

function countStats(items: readonly Item[], s: number, e: number, slot: readonly number[], ctx: Context): void {
  for (let i = s; i < e; i++) {
    const it = items[i]!;
    if (it.kind === 'han') continue;
    const w = slot[i - s]!;
    if ((it.kind === 'PS' || it.kind === 'CL' || it.kind === 'OP' || it.kind === 'marks') && w < it.cells * ctx.cell - EPS) {
      ctx.stats.compressedMarks++;
    } else if (it.kind === 'latin' && !ctx.solid) {
      const f = runFit(items, i, i > s, i < e - 1, ctx);
      if (f.padL > EPS || f.padR > EPS) ctx.stats.paddedRuns++;
    }
  }
}
