/** Test helpers: fake fonts with fixed advances and small grids (STYLE.md §6: numbers that multiply nicely). */
import { classify } from '../../src/compose/classes.js';
import { compose } from '../../src/compose/index.js';
import type { ComposeOptions, ComposeResult, FontMetrics, FontRole, InlineRun } from '../../src/compose/types.js';

/** Every CJK character 1 em; Latin letters and digits 0.5 em, W and M 1.0 em; space 0.5 em. */
export const FAKE: FontMetrics = {
  measure(text: string): number {
    let w = 0;
    for (const ch of text) {
      const c = classify(ch);
      if (c === 'latin' || c === 'space' || c === 'solidus' || c === 'interpunct' || c === 'enDash') {
        w += ch === 'W' || ch === 'M' ? 1 : 0.5;
      } else w += 1;
    }
    return w;
  },
};

/** Times-like advances from FORMAT §5.2 (W 0.944, S 0.556, I 0.333, H 0.722, E 0.611; digits 0.5; space 0.25). */
const TIMES: Record<string, number> = { W: 0.944, S: 0.556, I: 0.333, H: 0.722, E: 0.611, ' ': 0.25 };
export const TIMESLIKE: FontMetrics = {
  measure(text: string): number {
    let w = 0;
    for (const ch of text) {
      const c = classify(ch);
      if (c === 'latin' || c === 'space' || c === 'solidus' || c === 'interpunct' || c === 'enDash') w += TIMES[ch] ?? 0.5;
      else w += 1;
    }
    return w;
  },
};

/** Small grid: cells of 10 pt, text 10 pt, 10 cells per line, no indent. */
export function small(over: Partial<ComposeOptions> = {}): ComposeOptions {
  return {
    cellPt: 10,
    sizePt: 10,
    measurePt: 100,
    firstLineStartPt: 0,
    restLineStartPt: 0,
    kinsoku: 'strict',
    hangPunctuation: false,
    justify: true,
    ...over,
  };
}

/** The body grid: 15.793 pt cells, 16 pt text, 28 cells, first line after 2 字 indent + marker cell. */
export const CELL = 442.204 / 28;
export function body(over: Partial<ComposeOptions> = {}): ComposeOptions {
  return {
    cellPt: CELL,
    sizePt: 16,
    measurePt: 28 * CELL,
    firstLineStartPt: 3 * CELL,
    restLineStartPt: 0,
    kinsoku: 'strict',
    hangPunctuation: false,
    justify: true,
    ...over,
  };
}

export function run(text: string, role: FontRole = 'fang', offset = 0): InlineRun {
  return { text, role, offset };
}

/** Composes one string. */
export function set(text: string, opts: ComposeOptions = small(), metrics: FontMetrics = FAKE): ComposeResult {
  return compose([run(text)], opts, metrics);
}

/** The lines as strings. */
export function texts(r: ComposeResult): string[] {
  return r.lines.map((l) => l.glyphs.map((g) => g.text).join(''));
}

/** Rounds to 0.001 for readable assertions. */
export function r3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
