/**
 * Character classes and 禁则 (line-start / line-end prohibition) data of the CJK composer.
 *
 * Everything here is data plus tiny lookups; the rules that use it live in prepare.ts (widths,
 * units), linebreak.ts (breaking) and justify.ts (placement). Clauses cited:
 * [15834] = GB/T 15834-2011 §5.1 (placement of punctuation in horizontal text), [15835] = GB/T 15835
 * (numbers), [clreq] = W3C Requirements for Chinese Text Layout, [FORMAT] = ../shared/FORMAT.md.
 */
import type { KinsokuLevel } from './types.js';

/**
 * The class of one character [FORMAT §5.2].
 *
 * - `han`: ideographs, kana, hangul, 〇, CJK symbols, circled numbers, geometric marks: one cell.
 * - `ideoSpace`: U+3000, a blank one cell wide.
 * - `PS`: 点号, ink left, blank right [15834 §5.1.1–5.1.2].
 * - `CL`: closing quotes and brackets, ink left, blank right [15834 §5.1.3].
 * - `OP`: opening quotes and brackets, blank left, ink right [15834 §5.1.3].
 * - `interpunct`: 间隔号, 0.5 cell, centred [15834 §5.1.7].
 * - `solidus`: 分隔号, 0.5 cell, centred [15834 §5.1.9]. An ASCII `/` between Latin letters or
 *   digits is part of the word instead (GB/T, km/h, URLs): that is decided in prepare.ts.
 * - `enDash`: 短横连接号 –, 0.5 cell [15834 §5.1.6].
 * - `emDash`: — ― (1 cell each; a single one is the 长横连接号, two or more form the 2-em 破折号),
 *   ⸺ (2 cells), ⸻ (3 cells) [15834 §5.1.4, §5.1.6].
 * - `wave`: 浪纹连接号 ～, 1 cell [15834 §5.1.6].
 * - `ellipsis`: … ⋯, 1 cell each; the 省略号 is two of them [15834 §5.1.5].
 * - `space`: typed white space other than U+3000.
 * - `latin`: everything else (letters, digits, ASCII punctuation, %, ℃, ￥ …): proportional,
 *   measured with the font and snapped to the grid [FORMAT §5.5].
 */
export type CharClass =
  | 'han'
  | 'ideoSpace'
  | 'PS'
  | 'CL'
  | 'OP'
  | 'interpunct'
  | 'solidus'
  | 'enDash'
  | 'emDash'
  | 'wave'
  | 'ellipsis'
  | 'space'
  | 'latin';

/** 点号 [FORMAT §5.2 PS; 15834 §5.1.1–5.1.2], plus the half-width ideographic ｡ ､ variants. */
export const PS_CHARS = '、。，．：；？！｡､';
/** 点号 that pause (compressed before the stops, FORMAT §5.4 item 4 step 5). */
export const PAUSE_CHARS = '，、；：､';
/** Closing quotes and brackets [FORMAT §5.2 CL; 15834 §5.1.3]. */
export const CL_CHARS = '”’）〕】〗］｝》〉」』〙〛｠｣〞〟';
/** Opening quotes and brackets [FORMAT §5.2 OP; 15834 §5.1.3]. */
export const OP_CHARS = '“‘（〔【〖［｛《〈「『〘〚｟｢〝';
/** 间隔号 [15834 §5.1.7]. */
export const INTERPUNCT_CHARS = '·・‧';
/** 分隔号 [15834 §5.1.9]. */
export const SOLIDUS_CHARS = '/／';
/** 短横连接号 [15834 §5.1.6]. */
export const EN_DASH_CHARS = '–';
/** Dashes; the cells each occupies are in `DASH_CELLS` [15834 §5.1.4, §5.1.6]. */
export const EM_DASH_CHARS = '—―⸺⸻';
/** 浪纹连接号 [15834 §5.1.6]. */
export const WAVE_CHARS = '～〜';
/** Ellipsis halves: the 省略号 is …… or ⋯⋯ [15834 §5.1.5]. */
export const ELLIPSIS_CHARS = '…⋯';
/** Cells taken by one dash or ellipsis character [15834 §5.1.4–5.1.5]. */
export const DASH_CELLS: Readonly<Record<string, number>> = { '—': 1, '―': 1, '⸺': 2, '⸻': 3, '…': 1, '⋯': 1 };
/** Doubled 问号/叹号 share cells [15834 §5.1.2]. */
export const DOUBLING_CHARS = '？！';
/** Hangable marks when hanging punctuation is on [FORMAT §5.6 item 7]. */
export const HANGABLE_CHARS = '。，、';

/** Prefix symbols that belong to the number after them [FORMAT §5.3; 15835]. */
export const PREFIX_CHARS = '￥¥＄$£￡€№';
/** Suffix symbols that belong to the number before them [FORMAT §5.3; 15835]. */
export const SUFFIX_CHARS = '%％‰‱℃℉°′″〃';

/**
 * Unit and measure characters that stay on the line of the number written right before them
 * ("47人", "283份", "3000吨", "2月"), unless nothing else fits [FORMAT §5.6 item 5; 15835: a number and
 * its unit are read as one]. Suffix symbols such as ％ ‰ ℃ are part of the number's own item already.
 */
export const UNIT_CHARS = '年月日时分秒点人名位家个项条份期号次届轮批例起宗件元角万亿千百米吨克斤里亩升度倍岁天周台辆架艘座栋层间所户种类支只块篇本页册部处款余多';
const UNIT_SET = new Set(UNIT_CHARS);

/** True when `text` (a whole item) is a unit character that belongs to a number before it. */
export function isUnitChar(text: string): boolean {
  return text.length === 1 && UNIT_SET.has(text);
}

/** True when a Latin item ends in an Arabic digit (a number a unit may follow). */
export function endsInDigit(text: string): boolean {
  const c = text.charCodeAt(text.length - 1);
  return c >= 0x30 && c <= 0x39;
}

const CLASS_OF = new Map<number, CharClass>();
function fill(chars: string, cls: CharClass): void {
  for (const ch of chars) CLASS_OF.set(ch.codePointAt(0)!, cls);
}
fill(PS_CHARS, 'PS');
fill(CL_CHARS, 'CL');
fill(OP_CHARS, 'OP');
fill(INTERPUNCT_CHARS, 'interpunct');
fill(SOLIDUS_CHARS, 'solidus');
fill(EN_DASH_CHARS, 'enDash');
fill(EM_DASH_CHARS, 'emDash');
fill(WAVE_CHARS, 'wave');
fill(ELLIPSIS_CHARS, 'ellipsis');
CLASS_OF.set(0x3000, 'ideoSpace');

/** True for code points set as one full-width cell (ideographs and the symbols CJK fonts draw full-width). */
export function isHanLike(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x2fff) || // CJK radicals, Kangxi radicals
    (cp >= 0x3003 && cp <= 0x303f) || // CJK symbols (〃々〆〇, 〒, Hangzhou numerals …; brackets are caught earlier)
    (cp >= 0x3040 && cp <= 0x31ff) || // kana, bopomofo, hangul compatibility jamo, kanbun
    (cp >= 0x3200 && cp <= 0x4dbf) || // enclosed CJK, CJK compatibility (㎡), extension A
    (cp >= 0x4e00 && cp <= 0x9fff) || // unified ideographs
    (cp >= 0xa960 && cp <= 0xa97f) ||
    (cp >= 0xac00 && cp <= 0xd7af) || // hangul syllables
    (cp >= 0xf900 && cp <= 0xfaff) || // compatibility ideographs
    (cp >= 0xfe30 && cp <= 0xfe4f) || // CJK compatibility forms
    (cp >= 0x20000 && cp <= 0x3ffff) || // extensions B–H
    (cp >= 0x2460 && cp <= 0x24ff) || // ① … ⑳, ⒈
    (cp >= 0x2190 && cp <= 0x21ff) || // arrows
    (cp >= 0x2500 && cp <= 0x27bf) || // box drawing, geometric shapes ●◆■, misc symbols, dingbats ➤
    cp === 0x203b // ※
  );
}

/** The class of one character (one code point) [FORMAT §5.2]. */
export function classify(ch: string): CharClass {
  return classifyCode(ch.codePointAt(0) ?? 0);
}

/** `classify` by code point (the composer's hot path: no string allocation). */
export function classifyCode(cp: number): CharClass {
  if (cp >= 0x4e00 && cp <= 0x9fff) return 'han'; // the common case first
  const known = CLASS_OF.get(cp);
  if (known) return known;
  if (cp === 0x20 || cp === 0xa0 || (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x2000 && cp <= 0x200a) || cp === 0x202f || cp === 0x205f) {
    return 'space';
  }
  if (isHanLike(cp)) return 'han';
  return 'latin';
}

/** True for the characters of full-width CJK punctuation (PS, CL, OP) [FORMAT §5.2]. */
export function isCjkPunctuation(ch: string): boolean {
  const c = CLASS_OF.get(ch.codePointAt(0) ?? 0);
  return c === 'PS' || c === 'CL' || c === 'OP';
}

// ---------------------------------------------------------------------------------------------
// 禁则 [FORMAT §5.3]. clreq defines the levels none ⊂ basic ⊂ GB ⊂ strict: GB adds "a solidus may
// not end a line" (15834 §5.1.9), strict adds "破折号 and 省略号 may not start a line". The product
// passes 'strict' because the shared checker forbids lines starting with … or — too.

/** One prohibition: the characters of a class may not start (or end) a line from `level` upwards. */
export interface KinsokuRule {
  /** 'start': may not start a line (避头); 'end': may not end a line (避尾). */
  side: 'start' | 'end';
  /** Lowest level the rule applies at. */
  level: KinsokuLevel;
  /** Name of the class, in Chinese (for reports). */
  name: string;
  /** The characters. */
  chars: string;
  /**
   * True when the rule is about 破折号/省略号 units (two or more dashes or ellipsis halves, ⸺, ⸻,
   * or a lone …): it then applies to such a unit, not to a single — (the 长横连接号, a connector).
   */
  unit?: true;
  /** The clause it comes from. */
  cite: string;
}

/** The 禁则 table [FORMAT §5.3]. */
export const KINSOKU_RULES: readonly KinsokuRule[] = [
  { side: 'start', level: 'basic', name: '点号', chars: PS_CHARS, cite: '15834 §5.1.1–5.1.2 (不出现在一行之首); clreq 行首禁则' },
  { side: 'start', level: 'basic', name: '后引号、后括号、后书名号', chars: CL_CHARS, cite: '15834 §5.1.3; clreq 行首禁则' },
  { side: 'start', level: 'basic', name: '连接号', chars: '–—―～〜', cite: '15834 §5.1.6 (连接号不出现在一行之首); clreq' },
  { side: 'start', level: 'basic', name: '间隔号', chars: INTERPUNCT_CHARS, cite: '15834 §5.1.7 (不出现在一行之首); clreq' },
  { side: 'start', level: 'basic', name: '分隔号', chars: SOLIDUS_CHARS, cite: '15834 §5.1.9 (不出现在一行之首或一行之末)' },
  { side: 'start', level: 'basic', name: '后置符号', chars: SUFFIX_CHARS, cite: 'FORMAT §5.3; 15835 (数值不断开)' },
  { side: 'start', level: 'basic', name: '西文后标点', chars: ')]},.;:?!', cite: 'FORMAT §5.3 (Latin closers in CJK context); clreq' },
  { side: 'start', level: 'strict', name: '破折号、省略号', chars: '—―⸺⸻…⋯', unit: true, cite: 'clreq 严格级; FORMAT §5.3' },
  { side: 'end', level: 'basic', name: '前引号、前括号、前书名号', chars: OP_CHARS, cite: '15834 §5.1.3 (不出现在一行之末); clreq 行尾禁则' },
  { side: 'end', level: 'basic', name: '前置符号', chars: PREFIX_CHARS, cite: 'FORMAT §5.3; 15835 (数值不断开)' },
  { side: 'end', level: 'basic', name: '西文前括号', chars: '([{', cite: 'FORMAT §5.3 (Latin openers in CJK context)' },
  { side: 'end', level: 'gb', name: '分隔号', chars: SOLIDUS_CHARS, cite: '15834 §5.1.9; clreq GB 级' },
];

const LEVEL_RANK: Readonly<Record<KinsokuLevel, number>> = { basic: 0, gb: 1, strict: 2 };
const LEVELS: readonly KinsokuLevel[] = ['basic', 'gb', 'strict'];

function charSet(side: 'start' | 'end', level: KinsokuLevel, units: boolean): Set<string> {
  const s = new Set<string>();
  for (const r of KINSOKU_RULES) {
    if (r.side === side && LEVEL_RANK[r.level] <= LEVEL_RANK[level] && Boolean(r.unit) === units) {
      for (const ch of r.chars) s.add(ch);
    }
  }
  return s;
}

function perLevel(side: 'start' | 'end', units: boolean): Record<KinsokuLevel, ReadonlySet<string>> {
  const out = {} as Record<KinsokuLevel, ReadonlySet<string>>;
  for (const l of LEVELS) out[l] = charSet(side, l, units);
  return out;
}

/**
 * Characters that may not start a line, per level, derived from `KINSOKU_RULES`. A single — here is
 * the 长横连接号; whether a line may start with a 破折号/省略号 unit is `DASH_UNIT_START_FORBIDDEN`.
 * Use `isLineStartForbidden` for the full rule.
 */
export const LINE_START_FORBIDDEN: Readonly<Record<KinsokuLevel, ReadonlySet<string>>> = perLevel('start', false);
/** Characters that may not end a line, per level, derived from `KINSOKU_RULES`. */
export const LINE_END_FORBIDDEN: Readonly<Record<KinsokuLevel, ReadonlySet<string>>> = perLevel('end', false);
/** First characters of 破折号/省略号 units that may not start a line, per level (only 'strict' has any). */
export const DASH_UNIT_START_FORBIDDEN: Readonly<Record<KinsokuLevel, ReadonlySet<string>>> = perLevel('start', true);

/** True when `text` is a 破折号/省略号 unit (—— ⸺ …… ⋯⋯, or a lone … ⋯) rather than one connector —. */
export function isDashUnit(text: string): boolean {
  const n = text.length;
  if (n === 0 || !isDashCode(text.charCodeAt(0))) return false;
  for (let i = 1; i < n; i++) if (!isDashCode(text.charCodeAt(i))) return false;
  return n >= 2 || (text !== '—' && text !== '―'); // a lone — or ― is the 长横连接号
}

function isDashCode(c: number): boolean {
  return c === 0x2014 || c === 0x2015 || c === 0x2e3a || c === 0x2e3b || c === 0x2026 || c === 0x22ef;
}

/** May a line start with `text` (a glyph or unbreakable unit as composed) at `level`? [FORMAT §5.3] */
export function isLineStartForbidden(text: string, level: KinsokuLevel): boolean {
  const first = firstChar(text);
  if (first === '') return false;
  if (isDashUnit(text)) return DASH_UNIT_START_FORBIDDEN[level].has(first);
  return LINE_START_FORBIDDEN[level].has(first);
}

/** May a line end with `text` (a glyph or unbreakable unit as composed) at `level`? [FORMAT §5.3] */
export function isLineEndForbidden(text: string, level: KinsokuLevel): boolean {
  const last = lastChar(text);
  return last !== '' && LINE_END_FORBIDDEN[level].has(last);
}

/** First code point of `s` as a string ('' when empty). */
export function firstChar(s: string): string {
  if (s.length === 0) return '';
  const hi = s.charCodeAt(0);
  return hi >= 0xd800 && hi <= 0xdbff && s.length >= 2 ? s.slice(0, 2) : s[0]!;
}

/** Last code point of `s` as a string ('' when empty). */
export function lastChar(s: string): string {
  if (s.length === 0) return '';
  const lo = s.charCodeAt(s.length - 1);
  if (lo >= 0xdc00 && lo <= 0xdfff && s.length >= 2) return s.slice(-2);
  return s.slice(-1);
}
