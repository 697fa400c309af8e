/** State shared by the steps of one `compose` call: options, cached measuring, events, counts. */
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
  /** Advance of `text` in `role`, in pt at `size`; cached per (role, text) for this call. */
  measurePt(text: string, role: FontRole): number;
  events: ComposeEvent[];
  stats: ComposeStats;
  /** Offsets of units already reported as broken (one event per unit). */
  brokenUnits: Set<number>;
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
    measurePt(text, role) {
      const key = role + '\u0000' + text;
      let v = cache.get(key);
      if (v === undefined) {
        v = metrics.measure(text, role) * opts.sizePt;
        cache.set(key, v);
      }
      return v;
    },
    events: [],
    stats: { lines: 0, compressedMarks: 0, paddedRuns: 0, squeezedLines: 0, pushedOutLines: 0, hungMarks: 0 },
    brokenUnits: new Set(),
  };
}
