/**
 * The pure CJK line composer [FORMAT §4.1, §5]: no fs, no pdfkit, no fontkit. Fonts come in through
 * the small `FontMetrics` interface, so tests use a fake font.
 */
import { createContext } from './context.js';
import { finalizeLine } from './justify.js';
import { linebreak } from './linebreak.js';
import { prepare } from './prepare.js';
import { composeTitle } from './title.js';
import { COMPOSITION } from '../spec/format.js';
import type { ComposeOptions, ComposeResult, FontMetrics, InlineRun } from './types.js';

/**
 * Composes one paragraph into lines on the character grid [FORMAT §5].
 *
 * Han characters and full-width marks take one cell (`opts.cellPt`) and are drawn at `opts.sizePt`;
 * Latin words and numbers are measured with `metrics` and snapped to whole cells (§5.5). Lines are
 * broken greedily with 禁则 at `opts.kinsoku` (§5.3), squeezing punctuation before moving items down
 * (先挤进，后推出, §5.4, §5.6); every line but the last is justified to `opts.measurePt`; the last
 * line keeps at least two characters (§4.1). Where a rule had to give way the result carries an
 * event with the source offset.
 *
 * @example
 * ```ts
 * const { lines } = compose(
 *   [{ text: '1月25日，协会党支部开展了学习。', role: 'fang', offset: 0 }],
 *   { cellPt: 15.793, sizePt: 16, measurePt: 28 * 15.793, firstLineStartPt: 3 * 15.793,
 *     restLineStartPt: 0, kinsoku: 'strict', hangPunctuation: false, justify: true },
 *   fonts, // a FontMetrics
 * );
 * for (const g of lines[0].glyphs) console.log(g.text, g.xPt);
 * ```
 */
export function compose(runs: InlineRun[], opts: ComposeOptions, metrics: FontMetrics): ComposeResult {
  if (opts.title) return composeTitle(runs, opts, metrics) ?? composeHeading(runs, opts, metrics);
  if (opts.heading) return composeHeading(runs, opts, metrics);
  return composeParagraph(runs, opts, metrics);
}

function composeParagraph(runs: readonly InlineRun[], opts: ComposeOptions, metrics: FontMetrics): ComposeResult {
  const ctx = createContext(opts, metrics);
  const { items } = prepare(runs, ctx); // normalise, cut into items, measure
  const breaks = linebreak(items, ctx); // 先挤进后推出, overlong units, orphans
  const lines = breaks.map((b, k) => finalizeLine(items, b, k === 0, k === breaks.length - 1, ctx)); // squeeze/stretch, place
  ctx.stats.lines = lines.length;
  return { lines, events: ctx.events, stats: ctx.stats };
}

/**
 * A heading [FORMAT §5.6, note on headings]: lines are not justified (a wrapped heading is never
 * letter-spaced), and when it wraps the measure is narrowed, one half cell at a time, until the last
 * line holds at least a third of the heading ("纪要】" alone on a line is wrong) without adding a line.
 */
function composeHeading(runs: readonly InlineRun[], opts: ComposeOptions, metrics: FontMetrics): ComposeResult {
  const plain: ComposeOptions = { ...opts, justify: false, heading: false, title: false };
  const first = composeParagraph(runs, plain, metrics);
  const n = first.lines.length;
  if (n < 2) return first;
  const chars = (l: ComposeResult['lines'][number]): number => l.glyphs.reduce((k, g) => k + (g.text === ' ' ? 0 : [...g.text].length), 0);
  const total = first.lines.reduce((k, l) => k + chars(l), 0);
  const enough = (r: ComposeResult): boolean => chars(r.lines[r.lines.length - 1]!) >= total * COMPOSITION.headingLastLineMin - 1e-9;
  if (enough(first)) return first;
  const start = Math.max(opts.firstLineStartPt, opts.restLineStartPt);
  for (let m = opts.measurePt - opts.cellPt / 2; m - start >= opts.cellPt * 2; m -= opts.cellPt / 2) {
    const r = composeParagraph(runs, { ...plain, measurePt: m }, metrics);
    if (r.lines.length > n) break;
    if (enough(r)) return r;
  }
  return first;
}

export {
  classify,
  isCjkPunctuation,
  isDashUnit,
  isHanLike,
  isLineEndForbidden,
  isLineStartForbidden,
  DASH_UNIT_START_FORBIDDEN,
  KINSOKU_RULES,
  LINE_END_FORBIDDEN,
  LINE_START_FORBIDDEN,
  CL_CHARS,
  OP_CHARS,
  PS_CHARS,
  HANGABLE_CHARS,
} from './classes.js';
export type { CharClass, KinsokuRule } from './classes.js';
export { normalizeText, isChineseContext } from './normalize.js';
export { snapCells } from './prepare.js';
export type * from './types.js';
