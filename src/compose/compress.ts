/**
 * Widths of items on a line and punctuation compression (标点挤压) [FORMAT §5.4, §5.5].
 *
 * A line is the item range [s, e). An item's width on it depends only on its neighbours inside the
 * range: adjacent marks share a blank (§5.4 item 1), a 点号 or closing mark at the line end loses
 * its blank (§5.4 item 2; see `lineEndCompression`), and a Latin run is set solid at its own advance
 * (§5.5; with `latin: 'grid'` its grid padding goes to the sides facing Han characters). The breaker
 * (linebreak.ts) and the placer (justify.ts) both use these functions, so what is measured is what is
 * drawn.
 */
import { COMPOSITION } from '../spec/format.js';
import type { Context } from './context.js';
import type { Item } from './prepare.js';

/**
 * What gives way when a line must shrink, in this order [FORMAT §5.4 item 4, revised 2026-12]:
 * 1 the blank left between two adjacent marks (，“ → 1.25 em); 2 spaces between Latin words, down to
 * 0.25 em; 3 an even shrink of every other mark blank on the line, at most 1/4 em each (a lone
 * mid-line ，is never squeezed to half width); 4 (grid model only) CJK–Latin padding down to
 * 0.125 em. The line-end mark (§5.4 item 2) is already at half width in every line width.
 */
export type SqueezeStep = 1 | 2 | 3 | 4;
export const SQUEEZE_ORDER: readonly SqueezeStep[] = [1, 2, 3, 4];

/**
 * The blank removed between adjacent items `a` and `b` on one line [FORMAT §5.4 item 1; clreq]:
 * 0 none; 1 `a`'s right blank (closing+closing: ）。 。” — the second hugs the first); 2 `b`'s left
 * blank (closing+opening ，“ or ）（, opening+opening “《 — the opening mark hugs what follows). Either
 * way one blank half goes: 2 em → 1.5 em.
 */
export function cutKind(a: Item | undefined, b: Item): 0 | 1 | 2 {
  if (!a) return 0;
  if (a.rb > 0 && (b.kind === 'PS' || b.kind === 'CL' || b.kind === 'marks')) return 1;
  if (b.kind === 'OP' && b.lb > 0 && (a.rb > 0 || a.kind === 'OP')) return 2;
  return 0;
}

/** Marks the shared checker lets pass the measure by their blank half (its HANGABLE set, full-width). */
const HANGABLE_AT_END = '。，、．';

/** Does this mark drop its blank at the line end? (`opts.lineEndCompression`, FORMAT §5.4 item 2) */
export function trimsAtLineEnd(it: Item, ctx: Context): boolean {
  return ctx.opts.lineEndCompression !== 'hangable' || HANGABLE_AT_END.includes(it.text);
}

/** Placement of a Latin run on its cells [FORMAT §5.5]: width taken and padding on each side. */
export interface RunFit {
  slot: number;
  padL: number;
  padR: number;
}

/**
 * Grid model for a Latin/digit run [FORMAT §5.5; clreq grid alignment in mixed text]. The run
 * takes `cells` whole cells; the spare G = n·cell − w goes equally to the sides facing a Han
 * character in the same line (0 at the line start/end, next to punctuation, inside brackets). With
 * no such side it keeps its natural width (free model). G < 0 happens on the body grid (cell <
 * em, see `snapCells`): that overhang is split over both sides like a Han glyph's, but never
 * pushed past a line edge.
 */
export function runFit(items: readonly Item[], i: number, hasLeft: boolean, hasRight: boolean, ctx: Context): RunFit {
  const it = items[i]!;
  const full = it.cells * ctx.cell;
  const g = full - it.natPt;
  if (g <= 0) {
    if (!hasLeft && !hasRight) return { slot: it.natPt, padL: 0, padR: 0 };
    if (!hasRight) return { slot: full, padL: g, padR: 0 };
    if (!hasLeft) return { slot: full, padL: 0, padR: g };
    return { slot: full, padL: g / 2, padR: g / 2 };
  }
  const l = hasLeft && items[i - 1]!.kind === 'han';
  const r = hasRight && items[i + 1]!.kind === 'han';
  const k = (l ? 1 : 0) + (r ? 1 : 0);
  if (k === 0) return { slot: it.natPt, padL: 0, padR: 0 };
  return { slot: full, padL: l ? g / k : 0, padR: r ? g / k : 0 };
}

/**
 * Width of item `i` on a line, before squeezing: `hasLeft`/`hasRight` say whether its neighbours
 * are on the same line.
 */
export function itemWidth(items: readonly Item[], i: number, hasLeft: boolean, hasRight: boolean, ctx: Context): number {
  const it = items[i]!;
  if (it.kind === 'han') return it.cells * ctx.cell; // the common case, ahead of the switch
  switch (it.kind) {
    case 'PS':
    case 'CL':
    case 'marks': {
      // Line end: the blank half is dropped, the ink sits flush right [§5.4 item 2; 15834 §5.1.10].
      if (hasRight) return it.cells * ctx.cell - (cutKind(it, items[i + 1]!) === 1 ? it.rb : 0);
      if (trimsAtLineEnd(it, ctx)) return it.cells * ctx.cell - it.rb;
      // Untrimmed: up to the end of the last glyph's em box (？？ boxes overlap by half a cell).
      return it.kind === 'marks' ? ((it.text.length + 1) / 2) * ctx.cell : it.cells * ctx.cell;
    }
    case 'OP':
      // Line start: not trimmed (FORMAT §5.4 item 3 default).
      return ctx.cell - (hasLeft && cutKind(items[i - 1], it) === 2 ? it.lb : 0);
    case 'space':
      return it.natPt;
    case 'latin':
      return ctx.solid ? it.natPt : runFit(items, i, hasLeft, hasRight, ctx).slot;
    default:
      return it.cells * ctx.cell;
  }
}

/** Natural width of the line [s, e) (no squeezing, no stretching). */
export function lineWidth(items: readonly Item[], s: number, e: number, ctx: Context): number {
  let w = 0;
  for (let i = s; i < e; i++) w += itemWidth(items, i, i > s, i < e - 1, ctx);
  return w;
}

/** One blank (or padding side, or space) that may give way, and how much. */
export interface Squeezable {
  /** Index of the item. */
  i: number;
  /** Which part: the left blank/padding, the right one, or the space itself. */
  side: 'l' | 'r' | 'space';
  step: SqueezeStep;
  cap: number;
}

/**
 * What may give way on the line [s, e) when it must shrink, by `SqueezeStep` [FORMAT §5.4 item 4].
 * Not squeezable: the blank of an opening mark at the line start (§5.4 item 3), blanks already
 * dropped (adjacent marks, line end), and more than 1/4 em of any other mark's blank.
 */
export function squeezables(items: readonly Item[], s: number, e: number, ctx: Context): Squeezable[] {
  const out: Squeezable[] = [];
  const even = ctx.markShrinkPt;
  for (let i = s; i < e; i++) {
    const it = items[i]!;
    const hasLeft = i > s;
    const hasRight = i < e - 1;
    switch (it.kind) {
      case 'space': {
        const cap = it.natPt - ctx.wordSpaceMinPt;
        if (cap > 0) out.push({ i, side: 'space', step: 2, cap });
        break;
      }
      case 'OP':
        // A blank still left before an opening mark faces text, not another mark (cutKind 2 drops it).
        if (hasLeft && it.lb > 0 && cutKind(items[i - 1], it) !== 2 && even > 0) out.push({ i, side: 'l', step: 3, cap: Math.min(it.lb, even) });
        break;
      case 'PS':
      case 'CL':
      case 'marks':
        if (hasRight && it.rb > 0) {
          const cut = cutKind(it, items[i + 1]!);
          // ，“: the blank between the two marks goes first, by as much as the even shrink (1.5 → 1.25 em;
          // a full 1-em pair would put both glyph boxes at one x, which text extraction may reorder).
          if (cut === 2) out.push({ i, side: 'r', step: 1, cap: Math.min(it.rb, even) });
          else if (cut === 0 && even > 0) out.push({ i, side: 'r', step: 3, cap: Math.min(it.rb, even) });
        }
        break;
      case 'latin': {
        if (ctx.solid) break;
        const f = runFit(items, i, hasLeft, hasRight, ctx);
        const min = COMPOSITION.gridPadMinEm * ctx.size;
        if (f.padL > min) out.push({ i, side: 'l', step: 4, cap: f.padL - min });
        if (f.padR > min) out.push({ i, side: 'r', step: 4, cap: f.padR - min });
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** Total that `squeezables` can give. */
export function squeezeCapacity(sq: readonly Squeezable[]): number {
  let t = 0;
  for (const q of sq) t += q.cap;
  return t;
}

/**
 * Decides how much each squeezable gives to remove `need` pt: step by step in FORMAT §5.4 order,
 * and within a step equally (water-filling: no member gives more than its cap). Returns the amount
 * per squeezable, aligned with `sq`.
 */
export function distributeSqueeze(sq: readonly Squeezable[], need: number): number[] {
  const take = new Array<number>(sq.length).fill(0);
  let rest = need;
  for (const step of SQUEEZE_ORDER) {
    if (rest <= 0) break;
    const members: number[] = [];
    let total = 0;
    sq.forEach((q, k) => {
      if (q.step === step) {
        members.push(k);
        total += q.cap;
      }
    });
    if (members.length === 0) continue;
    if (total <= rest) {
      for (const k of members) take[k] = sq[k]!.cap;
      rest -= total;
      continue;
    }
    // Water-filling: the level λ with Σ min(cap, λ) = rest.
    members.sort((a, b) => sq[a]!.cap - sq[b]!.cap);
    let left = rest;
    let count = members.length;
    for (const k of members) {
      const share = left / count;
      const cap = sq[k]!.cap;
      const t = cap < share ? cap : share;
      take[k] = t;
      left -= t;
      count--;
    }
    rest = 0;
  }
  return take;
}
