/**
 * linebreak: choose the lines of a paragraph by the greedy "先挤进，后推出" algorithm of FORMAT §5.6
 * (greedy first-fit is enough for 28-cell lines), with 禁则 (§5.3), overlong units and orphans.
 */
import {
  DASH_CELLS,
  endsInDigit,
  HANGABLE_CHARS,
  isLineEndForbidden,
  isLineStartForbidden,
  isUnitChar,
} from './classes.js';
import { itemWidth, lineWidth, squeezeCapacity, squeezables } from './compress.js';
import { EPS, type Context } from './context.js';
import { stretchPerGap, type LineBreak } from './justify.js';
import { snapCells, type Item } from './prepare.js';

/** A break is fine (0), breaks a 禁则 rule (1), or splits what must never be split (2). */
export type BreakRank = 0 | 1 | 2;

/** After these characters an overlong URL or word is broken first (brief; Chicago Manual 14.18). */
const SAFE_AFTER = '/.-_?&=';
/** After these a URL or e-mail address may break to keep a line within the stretch limit [FORMAT §5.6 item 5]. */
const URL_BREAK_AFTER = '/.-_?&=#@';
/** A Latin item that is a URL or an e-mail address. */
const URL_LIKE = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)|^[^@\s]+@[^@\s]+\.[a-z]{2,}/i;
/** How many items past the chosen end may be pulled up to keep a line within the stretch limit. */
const PULL_UP_MAX_ITEMS = 3;

/** True when a Latin unit's piece starting at `k` starts with a single "/" (not "//"). */
function isPathSlash(text: string, k: number): boolean {
  return text[k] === '/' && text[k + 1] !== '/' && text[k - 1] !== '/' && k > 0;
}

/**
 * True when a URL's piece starting at `k` starts with the "//" after its scheme's colon ("https:" |
 * "//www…"): a URL may break after a colon (Chicago Manual 14.18), and those slashes are a path's,
 * not the 分隔号 that may not start a line (15834 §5.1.9). A line never ends in "/" (15834; FORMAT §5.3).
 */
function isSchemeBreak(text: string, k: number): boolean {
  return k > 0 && text[k - 1] === ':' && text[k] === '/' && text[k + 1] === '/';
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
  if (numberUnit(a, items[e]!)) return 1;
  if (numberRange(items, e)) return 1;
  return 0;
}

/**
 * "1—|5月", "2021|～2023": a range of numbers joined by a 连接号 is kept on one line where a break
 * elsewhere will do, as the number and its unit are [FORMAT §5.3 never split; 15834 §4.12 连接号].
 */
function numberRange(items: readonly Item[], e: number): boolean {
  const digitEnd = (it: Item | undefined): boolean => it !== undefined && it.kind === 'latin' && endsInDigit(it.text);
  const digitStart = (it: Item | undefined): boolean => it !== undefined && it.kind === 'latin' && /^[0-9]/.test(it.text);
  const joins = (it: Item | undefined): boolean => it !== undefined && (it.kind === 'connector' || it.kind === 'half') && /^[—–～~-]$/u.test(it.text);
  return (joins(items[e - 1]) && digitEnd(items[e - 2]) && digitStart(items[e])) || (joins(items[e]) && digitEnd(items[e - 1]) && digitStart(items[e + 1]));
}

/** "47|人": a number and the unit character right after it, kept on one line [FORMAT §5.6 item 5]. */
function numberUnit(a: Item, b: Item): boolean {
  return b.kind === 'han' && a.kind === 'latin' && isUnitChar(b.text) && endsInDigit(a.text);
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
    const br = nextLine(items, s, avail, availRest, ctx);
    if (opts.justify && !br.hang && br.end < items.length && lines.length > 0 && stretchPerGap(items, br.start, br.end, avail, ctx) > ctx.maxStretchPt + EPS) {
      ctx.undo = [];
      const saved = snapshot(ctx);
      const alt = reflow(items, lines, availFirst, availRest, ctx);
      if (!alt) restore(ctx, saved);
      ctx.undo = undefined;
      if (alt) {
        lines.splice(alt.from, lines.length - alt.from, ...alt.lines);
        ctx.stats.pushedOutLines++;
        s = lines[lines.length - 1]!.end;
        continue;
      }
    }
    lines.push(br);
    s = br.end;
  }
  fixOrphan(items, lines, availFirst, availRest, ctx);
  return lines;
}

/**
 * The line starting at `s`: steps 1–4 of FORMAT §5.6, an overlong unit cut, then the stretch limit
 * (step 5). May cut items (overlong or pushed-down units).
 */
function nextLine(items: Item[], s: number, avail: number, availRest: number, ctx: Context): LineBreak {
  for (let guard = 0; ; guard++) {
    if (guard > 64) throw new Error('compose: line breaking did not terminate');
    // 1. Greedy fill, a line-final PS/CL counting half a cell.
    const fitEnd = scanFit(items, s, avail, ctx);
    if (fitEnd === items.length) return { start: s, end: fitEnd, hang: false };

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
    return ctx.opts.justify && !br.hang ? limitStretch(items, br, fitEnd, avail, ctx) : br;
  }
}

/** Lines above a line that stays too loose which may be re-broken for it (a bounded look-back). */
const REFLOW_LINES = 2;
/** Earlier ends tried per re-broken line. */
const REFLOW_CHOICES = 6;

interface Snapshot {
  undo: number;
  events: number;
  stats: Context['stats'];
}

/** A point a trial re-break can return to: cuts of `items` are logged in `ctx.undo`, not copied. */
function snapshot(ctx: Context): Snapshot {
  return { undo: ctx.undo?.length ?? 0, events: ctx.events.length, stats: { ...ctx.stats } };
}

function restore(ctx: Context, saved: Snapshot): void {
  const undo = ctx.undo ?? [];
  while (undo.length > saved.undo) undo.pop()!();
  ctx.events.length = saved.events;
  Object.assign(ctx.stats, saved.stats);
}

/** Cuts `items[j]` into `head` and `tail`, undoably while a trial runs. */
function cut(items: Item[], j: number, head: Item, tail: Item, ctx: Context): void {
  const unit = items[j]!;
  items.splice(j, 1, head, tail);
  ctx.undo?.push(() => items.splice(j, 2, unit));
}

/**
 * A line `br` that stays past the stretch limit by itself [FORMAT §5.6 item 5]: re-break the one or
 * two lines above it, each ending a few legal breaks earlier than it did, so that every line of them
 * and `br`'s new form are within the limit (a bounded look-back rather than a whole-paragraph
 * optimisation). Returns the new lines from index `from` on (the caller replaces lines[from…] and
 * continues after the last), or undefined with nothing changed.
 */
function reflow(items: Item[], lines: readonly LineBreak[], availFirst: number, availRest: number, ctx: Context): { from: number; lines: LineBreak[] } | undefined {
  const L = lines.length;
  for (let d = 1; d <= Math.min(REFLOW_LINES, L); d++) {
    const from = L - d;
    if (lines.slice(from).some((l) => l.hang)) return undefined;
    const found = search(items, lines[from]!.start, from, d, availFirst, availRest, ctx);
    if (found) return { from, lines: found };
  }
  return undefined;
}

/** Lines from `s` (line index `idx`) such that `left` lines later a line within the limit is reached. */
function search(items: Item[], s: number, idx: number, left: number, availFirst: number, availRest: number, ctx: Context): LineBreak[] | undefined {
  const avail = idx === 0 ? availFirst : availRest;
  const limit = ctx.maxStretchPt + EPS;
  const saved = snapshot(ctx);
  const br = nextLine(items, s, avail, availRest, ctx);
  if (br.end >= items.length) return [br];
  if (left === 0) {
    if (stretchPerGap(items, br.start, br.end, avail, ctx) <= limit) return [br];
    restore(ctx, saved);
    return undefined;
  }
  let tries = 0;
  for (let e = br.end; e > s && tries <= REFLOW_CHOICES; e--) {
    if (e !== br.end) {
      if (items[e - 1]!.kind === 'space' || breakRank(items, e, ctx) !== 0) continue;
      tries++;
    }
    if (stretchPerGap(items, s, e, avail, ctx) > limit) {
      if (e === br.end) continue;
      break; // ending earlier only makes it looser
    }
    let ns = e;
    while (ns < items.length && items[ns]!.kind === 'space') ns++;
    const rest = search(items, ns, idx + 1, left - 1, availFirst, availRest, ctx);
    if (rest) return [e === br.end ? br : { start: s, end: e, hang: false }, ...rest];
  }
  restore(ctx, saved);
  return undefined;
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
  if (endOk && b.kind !== 'space' && (isLineStartForbidden(b.text, level) || numberUnit(a, b))) {
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

/**
 * The stretch limit [FORMAT §5.6 item 5]: a line chosen by steps 1–4 that would be spread by more
 * than `maxStretchEm` per gap is re-broken — first the unit pushed down is broken at a legal inner
 * point (a URL or e-mail address after / . - _ ? & = # @, a hyphenated word after its hyphen, a
 * standard number at its space "GB/T | 9704-2012"), else the next characters are pulled up by the
 * §5.4 item 4 push-in, else a number is parted from its unit if that is what keeps the line tight.
 * Otherwise the line stays as chosen (finalizeLine reports it).
 */
function limitStretch(items: Item[], br: LineBreak, fitEnd: number, avail: number, ctx: Context): LineBreak {
  const s = br.start;
  const limit = ctx.maxStretchPt + EPS;
  if (stretchPerGap(items, s, br.end, avail, ctx) <= limit) return br;

  const split = splitPushedUnit(items, s, br.end, fitEnd, avail, limit, ctx);
  if (split > 0) return { start: s, end: split, hang: false };

  for (let e = br.end + 1; e <= Math.min(items.length, Math.max(fitEnd, br.end) + PULL_UP_MAX_ITEMS); e++) {
    if (items[e - 1]!.kind === 'space' || breakRank(items, e, ctx) !== 0) continue;
    if (!fitsSqueezed(items, s, e, avail, ctx)) break;
    if (stretchPerGap(items, s, e, avail, ctx) <= limit) {
      ctx.stats.squeezedLines += lineWidth(items, s, e, ctx) > avail + EPS ? 1 : 0;
      return { start: s, end: e, hang: false };
    }
  }

  // "Unless nothing else fits": the greedy end, when only the number–unit rule is against it.
  if (fitEnd > br.end && fitEnd < items.length) {
    const a = items[fitEnd - 1]!;
    const b = items[fitEnd]!;
    const level = ctx.opts.kinsoku;
    if (numberUnit(a, b) && !a.glueNext && !isLineEndForbidden(a.text, level) && !isLineStartForbidden(b.text, level) && stretchPerGap(items, s, fitEnd, avail, ctx) <= limit) {
      return { start: s, end: fitEnd, hang: false };
    }
  }
  // Nothing within the limit: at least the least loose of the splits, if it is less loose.
  const better = splitPushedUnit(items, s, br.end, fitEnd, avail, stretchPerGap(items, s, br.end, avail, ctx) - EPS, ctx);
  return better > 0 ? { start: s, end: better, hang: false } : br;
}

/**
 * Breaks a unit pushed down from the line [s, end) at a legal inner point so that the line, with
 * the unit's head, is within the stretch limit (`limit`, pt per gap). The unit is any Latin item
 * from `end` to just past `fitEnd`, or a designation glued to its number. Cuts the item in `items`
 * and returns the new end of the line, or −1.
 */
function splitPushedUnit(items: Item[], s: number, end: number, fitEnd: number, avail: number, limit: number, ctx: Context): number {
  const level = ctx.opts.kinsoku;
  let best: { e: number; j: number; k: number; stretch: number } | undefined;
  const consider = (e: number, j: number, k: number): void => {
    const st = stretchPerGap(items, s, e, avail, ctx);
    if (Number.isFinite(st) && st <= limit && (!best || st < best.stretch)) best = { e, j, k, stretch: st };
  };
  const last = Math.min(items.length - 1, fitEnd + 1);
  for (let j = end; j <= last; j++) {
    const it = items[j]!;
    if (it.kind !== 'latin') continue;
    // A standard designation and its number: "GB/T | 9704-2012" at the space.
    if (it.soft && it.glueNext && j > s && items[j + 1]?.kind === 'space' && !isLineEndForbidden(it.text, level)) {
      if (fitsSqueezed(items, s, j + 1, avail, ctx)) consider(j + 1, -1, 0);
    }
    if (j === s) continue;
    for (const k of innerBreaks(it.text, level)) {
      const head = piece(it, 0, k, ctx);
      items[j] = head;
      const fits = fitsSqueezed(items, s, j + 1, avail, ctx);
      if (fits) consider(j + 1, j, k);
      items[j] = it;
    }
  }
  if (!best) return -1;
  if (best.j < 0) return best.e;
  const unit = items[best.j]!;
  const head = piece(unit, 0, best.k, ctx);
  const tail = piece(unit, best.k, unit.text.length, ctx);
  const origin = unit.unitOffset ?? unit.offset;
  head.unitOffset = origin;
  tail.unitOffset = origin;
  tail.glueNext = unit.glueNext;
  tail.soft = unit.soft;
  cut(items, best.j, head, tail, ctx);
  return best.j + 1;
}

/**
 * Where a Latin item may break when a line would otherwise be too loose [FORMAT §5.6 item 5]: a URL
 * or e-mail address after / . - _ ? & = # @ (before a single "/", which may not end a line at the GB
 * level; after the scheme's colon, before its "//"), a hyphenated word after a hyphen between letters. No one-character pieces, nothing inside
 * "//", and 禁则 kept. Numbers ("9704-2012", "3.5") never break.
 */
function innerBreaks(text: string, level: Context['opts']['kinsoku']): number[] {
  const out: number[] = [];
  const url = URL_LIKE.test(text);
  for (let k = 2; k <= text.length - 2; k++) {
    const p = text[k - 1]!;
    const c = text[k]!;
    let ok: boolean;
    const scheme = url && isSchemeBreak(text, k);
    if (url) {
      if (p === '/' && c === '/') continue;
      ok = scheme || (URL_BREAK_AFTER.includes(p) && p !== '/') || isPathSlash(text, k);
    } else {
      ok = p === '-' && /[A-Za-z]/.test(text[k - 2]!) && /[A-Za-z]/.test(c);
    }
    if (!ok) continue;
    if (isLineEndForbidden(text.slice(0, k), level)) continue;
    if (!isPathSlash(text, k) && !scheme && isLineStartForbidden(text.slice(k), level)) continue;
    out.push(k);
  }
  return out;
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
  cut(items, j, head, tail, ctx);

  if (!ctx.brokenUnits.has(origin)) {
    ctx.brokenUnits.add(origin);
    ctx.undo?.push(() => ctx.brokenUnits.delete(origin));
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
  // The first legal move, unless a later one keeps the line above within the stretch limit (§5.6 item 5).
  let pick: { e: number; ns: number } | undefined;
  for (let e = prev.end - 1, steps = 0; e > prev.start && steps < ORPHAN_MAX_ITEMS; e--, steps++) {
    if (items[e - 1]!.kind === 'space' || breakRank(items, e, ctx) !== 0) continue;
    const ns = items[e]!.kind === 'space' ? e + 1 : e;
    if (!fitsSqueezed(items, ns, last.end, availRest, ctx)) break;
    if (countChars(items, ns, last.end) < 2) continue;
    if (!fitsSqueezed(items, prev.start, e, availPrev, ctx)) continue;
    pick ??= { e, ns };
    if (!ctx.opts.justify || stretchPerGap(items, prev.start, e, availPrev, ctx) <= ctx.maxStretchPt + EPS) {
      pick = { e, ns };
      break;
    }
  }
  if (pick) {
    prev.end = pick.e;
    prev.hang = false;
    last.start = pick.ns;
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
