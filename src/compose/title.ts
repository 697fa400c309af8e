/**
 * Article titles [GB/T 9704-2012 §7.3.1; FORMAT §4.2]: a title that needs more than one line is
 * broken only between words, and its lines are arranged as a 正梯形 (each line no longer than the
 * next) or, from three lines on, a diamond (longest in the middle), as even as the words allow.
 * The rule and its figures are TITLE_LINES in src/spec/format.ts.
 */
import { endsInDigit, isUnitChar } from './classes.js';
import { lineWidth } from './compress.js';
import { createContext, EPS } from './context.js';
import { finalizeLine, type LineBreak } from './justify.js';
import { breakRank } from './linebreak.js';
import { prepare, type Item } from './prepare.js';
import { TITLE_LINES } from '../spec/format.js';
import type { ComposeOptions, ComposeResult, FontMetrics, InlineRun } from './types.js';

/**
 * Terms the ICU dictionary cuts in two (安全|生产, 标准|化) that a title must keep whole: the usual
 * compounds of government and corporate bulletins. A break inside any occurrence is not offered.
 */
const COMPOUNDS = [
  '安全生产', '生产安全事故', '应急管理', '疫情防控', '高质量发展', '十四五', '十三五', '乡村振兴', '营商环境', '生态环境',
  '人民政府', '常委会', '委员会', '办公室', '办公厅', '党支部', '党总支', '党委会', '党史学习教育', '主题教育',
  '工作会议', '座谈会', '推进会', '动员会', '现场会', '培训班', '研讨会', '交流会', '报告会', '表彰会', '新闻发布会',
  '标准化', '现代化', '信息化', '数字化', '智能化', '规范化', '法治化', '一体化', '专业化', '常态化', '网格化',
  '双随机', '一公开', '放管服', '最多跑一次', '一网通办', '河长制', '林长制', '三重一大', '两学一做',
  '责任书', '责任制', '安全月', '宣传周', '活动月', '开放日', '艺术节', '科技节', '运动会', '文化节',
];

/** Single characters ICU leaves as words of their own that belong to the word before them (标准|化). */
const SUFFIXES = new Set('化性型式率者员界级类会班节展赛书制度费量值处科室站所院馆');
/** Single characters that belong to the word after them (总|产值, 副|局长, 第|三). */
const PREFIXES = new Set('总副非超第各本该原');
/** Chinese numerals: 第三十届 is one word whatever the dictionary says. */
const NUMERALS = new Set('零〇一二两三四五六七八九十百千万亿');
/** Words around which a title reads as two phrases: a break next to them is the best kind. */
const FUNCTION_WORDS = new Set(['的', '和', '与', '及', '暨', '并', '等', '之', '关于', '对于', '为', '在', '以及']);
/** Pairs a break inside of which is avoided where possible: 书名号 and quotation marks. */
const QUOTES: Record<string, string> = { '《': '》', '“': '”', '‘': '’', '「': '」', '『': '』', '〈': '〉' };

/** A place a title may break: line ends at item `end`, the next line starts at `next`. */
interface Cand {
  end: number;
  next: number;
  /** Added to the arrangement's cost (cells²) [TITLE_LINES]. */
  penalty: number;
}

/**
 * Composes an article title [GB §7.3.1]; undefined when no arrangement of whole words is a 正梯形 or
 * diamond (the caller then falls back to the heading rule).
 */
export function composeTitle(runs: readonly InlineRun[], opts: ComposeOptions, metrics: FontMetrics): ComposeResult | undefined {
  const ctx = createContext({ ...opts, justify: false }, metrics);
  const { items, text } = prepare(runs, ctx);
  const n = items.length;
  if (n === 0) return undefined;
  const avail = opts.measurePt - Math.max(opts.firstLineStartPt, opts.restLineStartPt);
  if (lineWidth(items, 0, n, ctx) <= avail + EPS) return finish(items, [{ start: 0, end: n, hang: false }], ctx);

  const cands = candidates(items, runs, text, ctx);
  if (cands.length > TITLE_LINES.maxCandidates) return undefined;
  // Positions: the title's start, each candidate, its end. Line k runs from starts[i] to ends[j].
  const points: Cand[] = [{ end: 0, next: 0, penalty: 0 }, ...cands, { end: n, next: n, penalty: 0 }];
  const P = points.length;
  const cell = ctx.cell;
  const width = new Map<number, number>();
  const w = (i: number, j: number): number => {
    const key = i * P + j;
    let v = width.get(key);
    if (v === undefined) {
      v = lineWidth(items, points[i]!.next, points[j]!.end, ctx) / cell;
      width.set(key, v);
    }
    return v;
  };
  const fits = (i: number, j: number): boolean => points[i]!.next < points[j]!.end && w(i, j) <= avail / cell + EPS;

  // Fewest lines of whole words.
  const fewest = new Array<number>(P).fill(Infinity);
  fewest[0] = 0;
  for (let j = 1; j < P; j++) for (let i = 0; i < j; i++) if (fewest[i]! + 1 < fewest[j]! && fits(i, j)) fewest[j] = fewest[i]! + 1;
  const lines = fewest[P - 1]!;
  if (!Number.isFinite(lines)) return undefined;

  // Arrangements of exactly `lines` lines that rise (正梯形) or rise then fall (diamond, peak on a
  // middle line), the cheapest by Σ width² (even lines) plus the breaks' penalties.
  interface State { cost: number; back: string | undefined; i: number; j: number }
  let layer = new Map<string, State>();
  for (let j = 1; j < P; j++) if (fits(0, j)) layer.set(`0,${j},u`, { cost: w(0, j) ** 2 + points[j]!.penalty, back: undefined, i: 0, j });
  const layers: Map<string, State>[] = [layer];
  for (let k = 2; k <= lines; k++) {
    const nextLayer = new Map<string, State>();
    for (const [key, s] of layer) {
      const down = key.endsWith('d');
      const prev = w(s.i, s.j);
      for (let l = s.j + 1; l < P; l++) {
        if (!fits(s.j, l)) continue;
        if (k === lines && l !== P - 1) continue;
        const cur = w(s.j, l);
        let phase: 'u' | 'd';
        if (!down && cur >= prev - EPS) phase = 'u';
        else if (cur <= prev + EPS && (down || k - 1 >= 2) && lines >= 3) phase = 'd';
        else continue;
        const cost = s.cost + cur ** 2 + points[l]!.penalty;
        const nk = `${s.j},${l},${phase}`;
        const old = nextLayer.get(nk);
        if (!old || cost < old.cost - EPS) nextLayer.set(nk, { cost, back: key, i: s.j, j: l });
      }
    }
    layers.push(nextLayer);
    layer = nextLayer;
  }
  let best: [string, State] | undefined;
  for (const e of layer) if (e[1].j === P - 1 && (!best || e[1].cost < best[1].cost - EPS)) best = e;
  if (!best) return undefined;

  const chosen: LineBreak[] = [];
  let key: string | undefined = best[0];
  for (let k = lines - 1; k >= 0 && key !== undefined; k--) {
    const s: State = layers[k]!.get(key)!;
    chosen.unshift({ start: points[s.i]!.next, end: points[s.j]!.end, hang: false });
    key = s.back;
  }
  return finish(items, chosen, ctx);
}

function finish(items: Item[], breaks: LineBreak[], ctx: ReturnType<typeof createContext>): ComposeResult {
  const lines = breaks.map((b, k) => finalizeLine(items, b, k === 0, k === breaks.length - 1, ctx));
  ctx.stats.lines = lines.length;
  return { lines, events: ctx.events, stats: ctx.stats };
}

/**
 * The breaks a title may take [TITLE_LINES]: legal by 禁则 (breakRank 0), between two words of the
 * ICU dictionary (Intl.Segmenter), never inside a compound term, a number and its unit or a Chinese
 * numeral, nor before a suffix or after a prefix; inside 《》 or quotes only at a cost.
 */
function candidates(items: readonly Item[], runs: readonly InlineRun[], text: string, ctx: ReturnType<typeof createContext>): Cand[] {
  // Source offset → index in the joined, normalised text (normalisation keeps code units).
  const bases: { from: number; to: number; base: number }[] = [];
  let base = 0;
  for (const r of runs) {
    bases.push({ from: r.offset, to: r.offset + r.text.length, base });
    base += r.text.length;
  }
  const at = (offset: number): number => {
    for (const b of bases) if (offset >= b.from && offset < b.to) return b.base + offset - b.from;
    return -1;
  };

  const words = new Map<number, string>(); // boundary index → the word starting there
  const ends = new Map<number, string>(); // boundary index → the word ending there
  for (const s of new Intl.Segmenter('zh', { granularity: 'word' }).segment(text)) {
    words.set(s.index, s.segment);
    ends.set(s.index + s.segment.length, s.segment);
  }
  const inCompound = new Uint8Array(text.length + 1);
  for (const c of COMPOUNDS) {
    for (let p = text.indexOf(c); p >= 0; p = text.indexOf(c, p + 1)) for (let q = p + 1; q < p + c.length; q++) inCompound[q] = 1;
  }
  // Depth inside 《》 and quotes at each index.
  const quoted = new Uint8Array(text.length + 1);
  const open: string[] = [];
  for (let q = 0; q < text.length; q++) {
    const ch = text[q]!;
    if (open.length > 0 && ch === open[open.length - 1]) open.pop();
    else if (QUOTES[ch]) open.push(QUOTES[ch]!);
    quoted[q + 1] = open.length > 0 ? 1 : 0;
  }

  const out: Cand[] = [];
  for (let e = 1; e < items.length; e++) {
    const a = items[e - 1]!;
    if (a.kind === 'space') continue;
    if (breakRank(items, e, ctx) !== 0) continue;
    const b = items[e]!;
    const q = at(b.offset);
    if (q <= 0 || !words.has(q) || !ends.has(q)) continue; // inside a word
    if (inCompound[q]) continue;
    const before = ends.get(q)!;
    const after = words.get(q)!;
    const left = text[q - 1]!;
    const right = text[q]!;
    // A number and its unit, 2021|年 and 12.3|%: one item already when Latin; a Han numeral and its unit too.
    if ((a.kind === 'latin' && endsInDigit(a.text) && (isUnitChar(right) || right === '%')) || (NUMERALS.has(left) && (NUMERALS.has(right) || isUnitChar(right)))) continue;
    if (left === '第' && NUMERALS.has(right)) continue;
    if (after.length === 1 && SUFFIXES.has(after) && /\p{Script=Han}/u.test(left)) continue;
    if (before.length === 1 && PREFIXES.has(before) && /\p{Script=Han}/u.test(right)) continue;
    let next = e;
    while (next < items.length && items[next]!.kind === 'space') next++;
    let penalty: number = TITLE_LINES.wordBreakCost;
    if (b.kind === 'space' || a.kind === 'PS' || a.kind === 'CL' || b.kind === 'OP' || FUNCTION_WORDS.has(before) || FUNCTION_WORDS.has(after)) penalty = 0;
    // A space the clerk typed between two parts of a headline (…增长6.8% 生产安全事故…) is where it breaks.
    if (/\s/u.test(left)) penalty -= TITLE_LINES.typedSpaceBonus;
    if (quoted[q]) penalty += TITLE_LINES.quotedBreakCost;
    out.push({ end: e, next, penalty });
  }
  return out;
}
