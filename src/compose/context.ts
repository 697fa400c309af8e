/** State shared by the steps of one `compose` call: options, cached measuring, events, counts. */
import { COMPOSITION } from '../spec/format.js';
import type { ComposeEvent, ComposeOptions, ComposeStats, FontMetrics, FontRole } from './types.js';

/** Tolerance for comparing widths in pt (float noise only; rules use their own figures). */
export const EPS = 1e-6;

/** One composition's environment. */
export interface Context {
  opts: ComposeOptions;
  /** Grid pitch (1 字), pt. */
  cell: number;
  /** Font size, pt (1 em). */
  size: number;
  /** Latin/digit runs set solid against Han (FORMAT §5.5), else padded to the grid. */
  solid: boolean;
  /** Most a mid-line mark's blank gives in the even shrink, pt (FORMAT §5.4 item 4 (4)). */
  markShrinkPt: number;
  /** Narrowest a space between Latin words gets, pt (FORMAT §5.4 item 4 (3)). */
  wordSpaceMinPt: number;
  /** Most justification space per gap, pt (FORMAT §5.6 item 5). */
  maxStretchPt: number;
  /** Advance of `text` in `role`, in pt at `size`; cached per (role, text) for this call. */
  measurePt(text: string, role: FontRole): number;
  /** The fonts' shaping (FontMetrics.shape), when they shape. */
  shape: FontMetrics['shape'];
  events: ComposeEvent[];
  stats: ComposeStats;
  /** Offsets of units already reported as broken (one event per unit). */
  brokenUnits: Set<number>;
  /** While the breaker tries a re-break it may take back: how to undo each cut of `items` so far. */
  undo?: (() => void)[];
}

/** Sets up the context of one `compose` call. */
export function createContext(opts: ComposeOptions, metrics: FontMetrics): Context {
  if (!(opts.cellPt > 0) || !(opts.sizePt > 0)) {
    throw new Error(`compose: cellPt and sizePt must be > 0, but were ${opts.cellPt} and ${opts.sizePt}`);
  }
  const cache = new Map<string, number>();
  return {
    opts,
    cell: opts.cellPt,
    size: opts.sizePt,
    solid: (opts.latin ?? COMPOSITION.latin) === 'solid',
    // The mark keeps 3/4 of its cell and of the em, whichever is wider (the body cell is 15.793 pt
    // for a 16 pt face): 0.237 em on the body grid, 1/4 em where cell = em.
    markShrinkPt: Math.max(0, opts.cellPt - COMPOSITION.markMinWidthEm * Math.max(opts.cellPt, opts.sizePt)),
    wordSpaceMinPt: COMPOSITION.wordSpaceMinEm * opts.sizePt,
    maxStretchPt: (opts.maxStretchEm ?? COMPOSITION.maxStretchEm) * opts.sizePt,
    measurePt(text, role) {
      const key = role + '\u0000' + text;
      let v = cache.get(key);
      if (v === undefined) {
        v = metrics.measure(text, role) * opts.sizePt;
        cache.set(key, v);
      }
      return v;
    },
    shape: metrics.shape?.bind(metrics),
    events: [],
    stats: { lines: 0, compressedMarks: 0, paddedRuns: 0, squeezedLines: 0, pushedOutLines: 0, hungMarks: 0, looseLines: 0 },
    brokenUnits: new Set(),
  };
}
