/**
 * linebreak: choose the lines of a paragraph by the greedy "先挤进，后推出" algorithm of FORMAT §5.6
 * (greedy first-fit is enough for 28-cell lines), with 禁则 (§5.3), overlong units and orphans.
 */
import {
  DASH_CELLS,
  HANGABLE_CHARS,
  isLineEndForbidden,
  isLineStartForbidden,
} from './classes.js';
import { itemWidth, lineWidth, squeezeCapacity, squeezables } from './compress.js';
import { EPS, type Context } from './context.js';
import type { LineBreak } from './justify.js';
import { snapCells, type Item } from './prepare.js';

/** A break is fine (0), breaks a 禁则 rule (1), or splits what must never be split (2). */
export type BreakRank = 0 | 1 | 2;

/** After these characters an overlong URL or word is broken first (brief; Chicago Manual 14.18). */
const SAFE_AFTER = '/.-_?&=';

/** True when a Latin unit's piece starting at `k` starts with a single "/" (not "//"). */
function isPathSlash(text: string, k: number): boolean {
  return text[k] === '/' && text[k + 1] !== '/' && text[k - 1] !== '/' && k > 0;
}

/** How many items past the greedy end push-in may pull onto the line (runs of closing marks). */
const PUSH_IN_MAX_ITEMS = 4;

/** How many items the orphan fix may move down before giving up. */
const ORPHAN_MAX_ITEMS = 8;

/**
 * Rates the break between items e−1 and e (a space item at e is where the break happens; it is
 * dropped). Paragraph edges are always fine. [FORMAT §5.3]
 */
export function breakRank(items: readonly Item[], e: number, ctx: Context): BreakRank {
  if (e <= 0 || e >= items.length) return 0;
  const a = items[e - 1]!;
  if (a.kind === 'space') return 2; // the break belongs before the space
  let b = items[e]!;
  if (a.unitOffset !== undefined && b.unitOffset === a.unitOffset) return 0; // chosen split of an overlong unit
  if (b.kind === 'space') {
    if (b.glueNext) return 2;
    const c = items[e + 1];
    if (!c) return 0;
    b = c;
  }
  if (a.glueNext) return 2; // inside a word, number, grouping marker or NBSP [FORMAT §5.3 never split]
  const level = ctx.opts.kinsoku;
  if (isLineEndForbidden(a.text, level) || isLineStartForbidden(b.text, level)) return 1;
  return 0;
}

/** True when [s, e) can be set in `avail`, squeezing if need be (FORMAT §5.4 item 4). */
function fitsSqueezed(items: readonly Item[], s: number, e: number, avail: number, ctx: Context): boolean {
  const nat = lineWidth(items, s, e, ctx);
  if (nat <= avail + EPS) return true;
  return nat - squeezeCapacity(squeezables(items, s, e, ctx)) <= avail + EPS;
}

/** The largest e such that [s, e) fits at its natural width and does not end on a space; s if none. */
function scanFit(items: readonly Item[], s: number, avail: number, ctx: Context): number {
  let fit = s;
  let fixed = 0; // width of items s … e−2, whose right neighbour is on the line
  for (let e = s + 1; e <= items.length; e++) {
    const last = e - 1;
    if (last > s) fixed += itemWidth(items, last - 1, last - 1 > s, true, ctx);
    if (items[last]!.kind === 'space') continue;
    // A line-final 点号 or closing mark counts half a cell (itemWidth drops its blank) [§5.6 item 1].
    const w = fixed + itemWidth(items, last, last > s, false, ctx);
    if (w <= avail + EPS) fit = e;
    else break;
  }
  return fit;
}

/**
 * Characters on [s, e) that the orphan rule counts (FORMAT §4.1): Han characters, and a Latin word
 * or number as 2 when it has two characters or more (a word is never an orphan), else 1.
 */
function countChars(items: readonly Item[], s: number, e: number): number {
  let n = 0;
  for (let i = s; i < e; i++) {
    const it = items[i]!;
    if (it.kind === 'han' && it.text !== '\u3000') n++;
    else if (it.kind === 'latin') n += [...it.text].length >= 2 ? 2 : 1;
  }
  return n;
}

function shortText(t: string): string {
  return t.length > 24 ? t.slice(0, 20) + '…' : t;
}

/**
 * Breaks the paragraph into lines [FORMAT §5.6]. `items` may be modified: an overlong unit is cut
 * into pieces. Events (relaxed 禁则, broken units, kept orphans) go to `ctx.events`.
 */
export function linebreak(items: Item[], ctx: Context): LineBreak[] {
  const { opts } = ctx;
  const availFirst = opts.measurePt - opts.firstLineStartPt;
  const availRest = opts.measurePt - opts.restLineStartPt;
  const lines: LineBreak[] = [];
  let s = 0;
  let guard = 0;
  for (;;) {
    while (s < items.length && items[s]!.kind === 'space') s++; // a space at a break is dropped
    if (s >= items.length) break;
    if (++guard > 4 * items.length + 64) throw new Error('compose: line breaking did not terminate');
    const avail = lines.length === 0 ? availFirst : availRest;

    // 1. Greedy fill, a line-final PS/CL counting half a cell.
    const fitEnd = scanFit(items, s, avail, ctx);
    if (fitEnd === items.length) {
      lines.push({ start: s, end: fitEnd, hang: false });
      break;
    }

    // A unit wider than a whole line is cut (FORMAT §5.3 gives way to "never exceed the measure").
    const j = items[fitEnd]!.kind === 'space' ? fitEnd + 1 : fitEnd;
    const next = items[j]!;
    if (next.kind === 'latin' || next.kind === 'unit') {
      const solo = itemWidth(items, j, false, false, ctx);
      if (solo > (j === s ? avail : availRest) + EPS && splitOverlong(items, s, j, fitEnd, avail, ctx)) continue;
    }
    if (fitEnd === s) {
      throw new Error(`compose: “${next.text}” is wider than the line (${avail.toFixed(2)} pt); the measure is too narrow`);
    }

    const br = chooseBreak(items, s, fitEnd, avail, ctx);
    lines.push(br);
    s = br.end;
  }
  fixOrphan(items, lines, availFirst, availRest, ctx);
  return lines;
}

/** Steps 2–4 of FORMAT §5.6 when the greedy end [s, fitEnd) is not a legal break. */
function chooseBreak(items: readonly Item[], s: number, fitEnd: number, avail: number, ctx: Context): LineBreak {
  const rank = breakRank(items, fitEnd, ctx);
  if (rank === 0) return { start: s, end: fitEnd, hang: false };
  const level = ctx.opts.kinsoku;
  const a = items[fitEnd - 1]!;
  const b = items[fitEnd]!.kind === 'space' ? items[fitEnd + 1]! : items[fitEnd]!;
  const endOk = !a.glueNext && !isLineEndForbidden(a.text, level);

  // Hanging punctuation, Word look-alike: one 。，、 past the measure [§5.6 item 7].
  if (ctx.opts.hangPunctuation && endOk && b === items[fitEnd] && b.kind === 'PS' && HANGABLE_CHARS.includes(b.text)) {
    if (breakRank(items, fitEnd + 1, ctx) === 0) return { start: s, end: fitEnd + 1, hang: true };
  }

  // 2. 先挤进: the next item may not start a line — take it (and what is glued to it) onto this
  // line if squeezing blanks in §5.4 order covers the shortfall.
  if (endOk && b.kind !== 'space' && isLineStartForbidden(b.text, level)) {
    for (let e2 = fitEnd + 1; e2 <= Math.min(items.length, fitEnd + PUSH_IN_MAX_ITEMS); e2++) {
      if (items[e2 - 1]!.kind === 'space' || breakRank(items, e2, ctx) !== 0) continue;
      if (fitsSqueezed(items, s, e2, avail, ctx)) return { start: s, end: e2, hang: false };
      break;
    }
  }

  // 3–4. 后推出: move items to the next line until the break is legal on both sides.
  for (let e3 = fitEnd - 1; e3 > s; e3--) {
    if (items[e3 - 1]!.kind !== 'space' && breakRank(items, e3, ctx) === 0) {
      ctx.stats.pushedOutLines++;
      return { start: s, end: e3, hang: false };
    }
  }

  // Last resort (clreq: the rule may give way for runs of marks that cannot be kept together):
  // break where only 禁则 is broken, else anywhere, and say so.
  for (const allowed of [1, 2] as const) {
    for (let e4 = fitEnd; e4 > s; e4--) {
      if (items[e4 - 1]!.kind === 'space' || breakRank(items, e4, ctx) > allowed) continue;
      reportRelaxed(items, e4, ctx);
      return { start: s, end: e4, hang: false };
    }
  }
  reportRelaxed(items, fitEnd, ctx);
  return { start: s, end: fitEnd, hang: false };
}

function reportRelaxed(items: readonly Item[], e: number, ctx: Context): void {
  const level = ctx.opts.kinsoku;
  const a = items[e - 1]!;
  const b = items[e]!.kind === 'space' ? items[e + 1]! : items[e]!;
  let offset: number;
  let message: string;
  if (isLineStartForbidden(b.text, level)) {
    offset = b.offset;
    message = `连续标点过多，无法避免“${shortText(b.text)}”出现在行首（已放宽避头尾规则）`;
  } else if (isLineEndForbidden(a.text, level)) {
    offset = a.offset;
    message = `连续标点过多，无法避免“${shortText(a.text)}”出现在行末（已放宽避头尾规则）`;
  } else {
    offset = b.offset;
    message = `不可拆分的内容超过一行，已在“${shortText(a.text)}”之后强行断开`;
  }
  ctx.events.push({ kind: 'kinsoku-relaxed', offset, message });
}

/** A piece [from, to) of a Latin or dash unit, measured like the unit. */
function piece(unit: Item, from: number, to: number, ctx: Context): Item {
  const text = unit.text.slice(from, to);
  const p: Item = { ...unit, text, offset: unit.offset + from, glueNext: false };
  if (unit.kind === 'latin') {
    p.natPt = ctx.measurePt(text, unit.role);
    p.cells = snapCells(p.natPt, ctx.size, ctx.cell);
  } else {
    let cells = 0;
    for (const ch of text) cells += DASH_CELLS[ch] ?? 1;
    p.cells = cells;
    p.natPt = cells * ctx.size;
  }
  return p;
}

/**
 * Cuts the overlong unit at `j` so that its head fills the line [s, …): at the last safe point
 * (after / . - _ ? & = for URLs and words, at an even cell for dashes) that fits and keeps 禁则,
 * else — when the unit cannot simply move to the next line — at any point that keeps 禁则, else
 * anywhere. Returns false when it did not cut (the unit then moves to the next line, where it is cut
 * at the line start). Emits 'overlong-unit-broken' once per unit.
 */
function splitOverlong(items: Item[], s: number, j: number, fitEnd: number, avail: number, ctx: Context): boolean {
  const unit = items[j]!;
  const text = unit.text;
  const level = ctx.opts.kinsoku;
  const cuts: number[] = [];
  for (let k = 1; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 0xdc00 || c > 0xdfff) cuts.push(k);
  }
  if (cuts.length === 0) return false;

  const headFits = (k: number): boolean => {
    items[j] = piece(unit, 0, k, ctx);
    const w = lineWidth(items, s, j + 1, ctx);
    items[j] = unit;
    return w <= avail + EPS;
  };
  let lo = -1;
  let hi = cuts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (headFits(cuts[mid]!)) lo = mid;
    else hi = mid - 1;
  }
  if (lo < 0) return false;

  // Inside a Latin unit a "/" is a path separator, not the 分隔号 of 15834 §5.1.9: a piece may
  // start with it (Chicago style: break before a single slash); it still may not end a line.
  const keepsKinsoku = (k: number): boolean =>
    !isLineEndForbidden(text.slice(0, k), level) &&
    (isPathSlash(text, k) || !isLineStartForbidden(text.slice(k), level));
  const isSafe = (k: number): boolean => {
    if (unit.kind === 'unit') {
      let cells = 0;
      for (const ch of text.slice(0, k)) cells += DASH_CELLS[ch] ?? 1;
      return cells % 2 === 0;
    }
    // No one-character piece, and never between the slashes of "//".
    if (k < 2 || k > text.length - 2 || (text[k - 1] === '/' && text[k] === '/')) return false;
    return SAFE_AFTER.includes(text[k - 1]!) || isPathSlash(text, k);
  };
  const pick = (ok: (k: number) => boolean): number => {
    for (let idx = lo; idx >= 0; idx--) if (ok(cuts[idx]!)) return cuts[idx]!;
    return -1;
  };

  let k = pick((c) => isSafe(c) && keepsKinsoku(c));
  if (k < 0 && j > s && breakRank(items, fitEnd, ctx) === 0) return false; // move it down whole first
  if (k < 0) k = pick(keepsKinsoku);
  const relaxed = k < 0;
  if (k < 0) k = cuts[lo]!;

  const head = piece(unit, 0, k, ctx);
  const tail = piece(unit, k, text.length, ctx);
  const origin = unit.unitOffset ?? unit.offset;
  head.unitOffset = origin;
  tail.unitOffset = origin;
  tail.glueNext = unit.glueNext;
  items.splice(j, 1, head, tail);

  if (!ctx.brokenUnits.has(origin)) {
    ctx.brokenUnits.add(origin);
    ctx.events.push({
      kind: 'overlong-unit-broken',
      offset: origin,
      message: `“${shortText(text)}”比一行还宽，已断开排在多行`,
    });
  }
  if (relaxed) {
    ctx.events.push({
      kind: 'kinsoku-relaxed',
      offset: tail.offset,
      message: `过长的“${shortText(text)}”找不到符合避头尾规则的断开位置，已强行断开`,
    });
  }
  return true;
}

/**
 * Orphan control [FORMAT §4.1, §5.6 item 6; clreq]: the last line must hold at least two
 * characters besides punctuation; else move the end of the line above down, at a legal break, as
 * long as both lines still fit. 'orphan-kept' when that is impossible.
 */
function fixOrphan(items: readonly Item[], lines: LineBreak[], availFirst: number, availRest: number, ctx: Context): void {
  if (lines.length < 2) return;
  const last = lines[lines.length - 1]!;
  const prev = lines[lines.length - 2]!;
  if (countChars(items, last.start, last.end) >= 2) return;
  const availPrev = lines.length === 2 ? availFirst : availRest;
  for (let e = prev.end - 1, steps = 0; e > prev.start && steps < ORPHAN_MAX_ITEMS; e--, steps++) {
    if (items[e - 1]!.kind === 'space' || breakRank(items, e, ctx) !== 0) continue;
    const ns = items[e]!.kind === 'space' ? e + 1 : e;
    if (!fitsSqueezed(items, ns, last.end, availRest, ctx)) break;
    if (countChars(items, ns, last.end) < 2) continue;
    if (!fitsSqueezed(items, prev.start, e, availPrev, ctx)) continue;
    prev.end = e;
    prev.hang = false;
    last.start = ns;
    ctx.stats.pushedOutLines++;
    return;
  }
  const first = items[last.start]!;
  ctx.events.push({
    kind: 'orphan-kept',
    offset: first.offset,
    message: `段落末行只有“${shortText(items.slice(last.start, last.end).map((it) => it.text).join(''))}”，无法在不违反避头尾规则的情况下从上一行移下文字`,
  });
}
