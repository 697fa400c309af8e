/**
 * prepare: normalise the runs of a paragraph and cut them into items, the unbreakable pieces the
 * line breaker works with (a Han character, a punctuation mark, a 破折号, a Latin word or number…).
 */
import {
  classifyCode,
  DASH_CELLS,
  DOUBLING_CHARS,
} from './classes.js';
// Invisible format characters are dropped on input (as the shared checker drops them); the preflight warns of them.
import { DROPPED_CHARS } from '../fonts/chars.js';
import type { Context } from './context.js';
import { isAttached } from '../fonts/chars.js';
import { isChineseContext, normalizeText } from './normalize.js';
import type { FontRole, InlineRun } from './types.js';

/**
 * What an item is, which decides its width and its behaviour [FORMAT §5.2]:
 * `han` one cell (also U+3000); `PS`/`CL`/`OP` full-width marks with a blank half; `marks` doubled
 * ？？ ！！ (two marks share a cell, 15834 §5.1.2); `half` 间隔号/分隔号/短横连接号 (0.5 cell);
 * `connector` a single — or ～ (one cell); `unit` 破折号/省略号 (two or more cells, never split);
 * `latin` a Latin word, number or URL (measured, snapped to cells); `space` a space between two
 * Latin items.
 */
export type ItemKind = 'han' | 'PS' | 'CL' | 'OP' | 'marks' | 'half' | 'connector' | 'unit' | 'latin' | 'space';

/** One unbreakable piece of a paragraph. */
export interface Item {
  kind: ItemKind;
  /** Normalised text as drawn. */
  text: string;
  role: FontRole;
  bold: boolean;
  /** Source offset of text[0]; text[k] comes from offset + k (normalisation keeps code units). */
  offset: number;
  /** Natural advance of `text` at the font size, pt (for `marks`: of one mark). */
  natPt: number;
  /** Cells occupied when nothing is compressed (for `latin`: the snapped count n, FORMAT §5.5). */
  cells: number;
  /** Blank half on the left (OP), pt [FORMAT §5.1]. */
  lb: number;
  /** Blank half on the right (PS, CL, odd `marks`), pt [FORMAT §5.1]. */
  rb: number;
  /**
   * `glueNext` is soft: a standard designation and its number ("GB/T | 9704-2012"), which a line
   * may still break at rather than be spread past the stretch limit (FORMAT §5.6 item 5).
   */
  soft: boolean;
  /** No line break between this item and the next (符号分离禁则, FORMAT §5.3; NBSP). */
  glueNext: boolean;
  /** For a piece of an overlong unit that had to be broken: the unit's offset (one event per unit). */
  unitOffset?: number;
}

/** The paragraph as the breaker sees it. */
export interface Preparation {
  items: Item[];
  /** The normalised paragraph text (all runs joined). */
  text: string;
}

/**
 * Cells a Latin/digit run of advance `wPt` occupies on the grid [FORMAT §5.5: n = ceil(w − 1e-6)].
 *
 * FORMAT counts w in em. On the body grid the cell (15.793 pt) is narrower than the em (16 pt):
 * every Han glyph already overhangs its cell by sizePt − cellPt. A run gets the same allowance per
 * em, so it counts as n cells when it is at most n em wide: "2021" (2.0 em = 32 pt) takes 2 cells
 * (31.59 pt) and sits solid against 年, its 0.41 pt overhang split over its two sides, just as two
 * Han glyphs overhang theirs. When the cell is wider than the em, the width in cells is the smaller
 * figure and is used. 1e-4 em absorbs float noise from font units.
 */
export function snapCells(wPt: number, sizePt: number, cellPt: number): number {
  const w = Math.min(wPt / sizePt, wPt / cellPt);
  return Math.max(1, Math.ceil(w - 1e-4));
}

/** Standard designations keep their number: "GB/T 9704-2012", "ISO 9001" (FORMAT §5.3, never split). */
const DESIGNATION = /^["'(\[]?[A-Z]{2,}(?:\/[A-Z]{1,2})?$/;
/** A token that starts like a URL or e-mail address keeps a trailing "/". */
const URL_START = /^(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)|@/i;
/** Numerals of grouping markers such as （一） and （12）, kept together with their brackets [FORMAT §5.3 rec]. */
const GROUP_NUMERALS = /^(?:[一二三四五六七八九十百零〇]{1,3}|[0-9]{1,3})$/;

/** One string per BMP character, so a long issue does not allocate one per Han character. */
const CHARS = new Map<number, string>();
function charOf(cp: number): string {
  let s = CHARS.get(cp);
  if (s === undefined) {
    s = String.fromCharCode(cp);
    if (CHARS.size < 65536) CHARS.set(cp, s);
  }
  return s;
}

function isJoiner(ch: string): boolean {
  return ch === '/' || ch === '\u00b7';
}

/** True when the character at `i` of `t` can continue a Latin token. */
function latinAt(t: string, i: number): boolean {
  const cp = t.codePointAt(i);
  return cp !== undefined && classifyCode(cp) === 'latin';
}

/**
 * Normalises the runs (normalize.ts) and segments them into items, measuring Latin material with
 * `ctx.measurePt` and giving every other item its nominal width [FORMAT §5.2].
 */
export function prepare(runs: readonly InlineRun[], ctx: Context): Preparation {
  const joined = runs.map((r) => r.text).join('');
  const norm = normalizeText(joined, ctx.opts.curlQuotes !== false && isChineseContext(joined));
  const { cell, size } = ctx;
  const items: Item[] = [];
  let pending: { offset: number; nbsp: boolean; role: FontRole; bold: boolean } | null = null;

  const push = (it: Item): void => {
    const prev = items[items.length - 1];
    if (pending && prev && prev.kind === 'latin' && it.kind === 'latin') {
      // A space between two Latin items stays: a break opportunity, compressible to 0.25 em
      // [FORMAT §5.4 item 4 step 2]. Next to anything CJK it is absorbed into the grid padding.
      const designation = !pending.nbsp && DESIGNATION.test(prev.text) && /^[0-9]/.test(it.text);
      const glue = pending.nbsp || designation;
      const sp: Item = {
        kind: 'space',
        text: ' ',
        role: pending.role,
        bold: pending.bold,
        offset: pending.offset,
        natPt: ctx.measurePt(' ', pending.role),
        cells: 0,
        lb: 0,
        rb: 0,
        soft: designation,
        glueNext: glue,
      };
      prev.glueNext = glue;
      prev.soft = designation;
      items.push(sp);
    } else if (!pending && prev && prev.kind === 'latin' && it.kind === 'latin') {
      prev.glueNext = true; // two Latin items with nothing between (a role change): one word
    }
    pending = null;
    items.push(it);
  };

  let base = 0;
  for (const run of runs) {
    const t = norm.slice(base, base + run.text.length);
    base += run.text.length;
    const role = run.role;
    const bold = run.bold === true;
    const make = (kind: ItemKind, i: number, text: string, natPt: number, cells: number): Item => ({
      kind,
      text,
      role,
      bold,
      offset: run.offset + i,
      natPt,
      cells,
      lb: 0,
      rb: 0,
      soft: false,
      glueNext: false,
    });

    let i = 0;
    while (i < t.length) {
      const unit = t.charCodeAt(i);
      if (unit >= 0x4e00 && unit <= 0x9fff) {
        // Unified ideographs (most of a paragraph): one cell each, no blank, nothing to glue; what
        // classifyCode and push would conclude, without their tests.
        i = hanRun(t, i, items, role, bold, run.offset, size);
        pending = null;
        continue;
      }
      const cp = t.codePointAt(i)!;
      const ch = cp > 0xffff ? t.slice(i, i + 2) : charOf(cp);
      const cls = classifyCode(cp);

      if (DROPPED_CHARS.has(cp)) {
        i += 1; // zero-width space/joiners and soft hyphens take no room and are not drawn
        continue;
      }

      if (!pending && isAttached(cp)) {
        // A combining mark or variation selector stays with the character before it: one item,
        // never cut by a break or spread by justification (FORMAT terms: CLUSTER). A Latin word
        // has taken its marks already; ？？ are drawn mark by mark, so a mark there stays apart.
        const prev = items[items.length - 1];
        if (prev && prev.kind !== 'marks' && prev.kind !== 'space' && prev.offset + prev.text.length === run.offset + i) {
          prev.text += ch;
          i += ch.length;
          continue;
        }
      }

      if (cls === 'space') {
        const nbsp = ch === '\u00a0' || ch === '\u202f';
        if (pending) pending.nbsp = pending.nbsp && nbsp;
        else pending = { offset: run.offset + i, nbsp, role, bold };
        i += ch.length;
        continue;
      }

      if (cls === 'latin') {
        // A Latin word, number or URL: the longest stretch of Latin characters, with ASCII / and
        // the 间隔号 · inside it when letters or digits follow (GB/T, km/h, l·l) [FORMAT §5.3].
        let j = i;
        while (j < t.length) {
          const cj = t.codePointAt(j)!;
          const c = t[j]!;
          if (DROPPED_CHARS.has(cj)) break;
          if (classifyCode(cj) === 'latin') {
            j += cj > 0xffff ? 2 : 1;
          } else if (isJoiner(c) && (latinAt(t, j + 1) || (c === '/' && (t[j + 1] === '/' || URL_START.test(t.slice(i, j)))))) {
            j += 1;
          } else break;
        }
        const text = t.slice(i, j);
        const w = ctx.measurePt(text, role);
        push(make('latin', i, text, w, snapCells(w, size, cell)));
        i = j;
        continue;
      }

      if (cls === 'PS' && DOUBLING_CHARS.includes(ch) && DOUBLING_CHARS.includes(t[i + 1] ?? '')) {
        // ？？ ！！ ？！: two marks share one cell, three take two [15834 §5.1.2].
        let j = i;
        while (j < t.length && DOUBLING_CHARS.includes(t[j]!)) j++;
        const k = j - i;
        const cells = Math.ceil(k / 2);
        const it = make('marks', i, t.slice(i, j), size, cells);
        it.rb = (cells - k / 2) * cell;
        push(it);
        i = j;
        continue;
      }

      if (cls === 'emDash' || cls === 'ellipsis') {
        // 破折号 / 省略号: 2 cells, never split [15834 §5.1.4–5.1.5]; a single — is the 长横连接号.
        let j = i;
        let cells = 0;
        while (j < t.length && classifyCode(t.charCodeAt(j)) === cls) cells += DASH_CELLS[t[j++]!] ?? 1;
        const text = t.slice(i, j);
        const single = cls === 'emDash' && (text === '—' || text === '―');
        push(make(single ? 'connector' : 'unit', i, text, cells * size, cells));
        i = j;
        continue;
      }

      let it: Item;
      switch (cls) {
        case 'PS':
          it = make('PS', i, ch, size, 1);
          it.rb = cell / 2;
          break;
        case 'CL':
          it = make('CL', i, ch, size, 1);
          it.rb = cell / 2;
          break;
        case 'OP':
          it = make('OP', i, ch, size, 1);
          it.lb = cell / 2;
          break;
        case 'interpunct':
        case 'solidus':
        case 'enDash':
          // 0.5 cell, centred, not adjustable [FORMAT §5.2; 15834 §5.1.6, 5.1.7, 5.1.9].
          it = make('half', i, ch, ctx.measurePt(ch, role), 0.5);
          break;
        case 'wave':
          it = make('connector', i, ch, size, 1);
          break;
        default:
          it = make('han', i, ch, size, 1);
      }
      push(it);
      i += ch.length;
    }
  }

  // Full-width spaces typed to indent (or after the end) are absorbed: the indent is the layout's
  // job (firstLineStartPt), and a trailing blank cell would only shift the last line's mark.
  while (items.length > 0 && items[0]!.text === '\u3000') items.shift();
  while (items.length > 0 && items[items.length - 1]!.text === '\u3000') items.pop();
  glueGroupingMarkers(items);
  return { items, text: norm };
}

/**
 * Pushes the items of the unified ideographs from t[i] on and returns where they end. A small
 * loop of its own: it runs for nearly every character, and V8 optimises it sooner and more
 * cheaply than the whole of prepare(). Items have prepare's `make` shape (same property order).
 */
function hanRun(t: string, i: number, items: Item[], role: FontRole, bold: boolean, offset: number, size: number): number {
  let j = i;
  for (; j < t.length; j++) {
    const c = t.charCodeAt(j);
    if (c < 0x4e00 || c > 0x9fff) break;
    items.push({ kind: 'han', text: charOf(c), role, bold, offset: offset + j, natPt: size, cells: 1, lb: 0, rb: 0, soft: false, glueNext: false });
  }
  return j;
}

/** Keeps （一） （十二） （3） on one line: OP + 1–3 numerals + CL [FORMAT §5.3, rec]. */
function glueGroupingMarkers(items: Item[]): void {
  for (let i = 0; i < items.length; i++) {
    if (items[i]!.kind !== 'OP') continue;
    let j = i + 1;
    let text = '';
    while (j < items.length && j - i <= 3 && (items[j]!.kind === 'han' || items[j]!.kind === 'latin')) text += items[j++]!.text;
    if (j > i + 1 && j < items.length && items[j]!.kind === 'CL' && GROUP_NUMERALS.test(text)) {
      for (let k = i; k < j; k++) items[k]!.glueNext = true;
    }
  }
}
