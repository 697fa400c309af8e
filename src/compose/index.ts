/**
 * The pure CJK line composer [FORMAT §4.1, §5]: no fs, no pdfkit, no fontkit. Fonts come in through
 * the small `FontMetrics` interface, so tests use a fake font.
 */
import { createContext } from './context.js';
import { finalizeLine } from './justify.js';
import { linebreak } from './linebreak.js';
import { prepare } from './prepare.js';
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
  const ctx = createContext(opts, metrics);
  const { items } = prepare(runs, ctx); // normalise, cut into items, measure
  const breaks = linebreak(items, ctx); // 先挤进后推出, overlong units, orphans
  const lines = breaks.map((b, k) => finalizeLine(items, b, k === 0, k === breaks.length - 1, ctx)); // squeeze/stretch, place
  ctx.stats.lines = lines.length;
  return { lines, events: ctx.events, stats: ctx.stats };
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
