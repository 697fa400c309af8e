/** Character classes the font code treats specially. */
import { CLUSTER } from '../spec/format.js';

/** Spaces, controls and format characters: the composer draws no glyph for them. */
const UNDRAWN = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Variation_Selector}]$/u;

/** Marks that belong to the preceding character and must stay in its font run (FORMAT terms: CLUSTER). */
const ATTACHED = CLUSTER.extend;

/**
 * True for characters that need no glyph: white space (U+3000 included), controls, format characters
 * (ZWSP, ZWJ, BOM, soft hyphen, bidi marks) and variation selectors.
 */
export function isUndrawn(cp: number): boolean {
  return cachedTest(UNDRAWN, undrawnBmp, cp);
}

/** True for combining marks, variation selectors and joiners, which go with the previous character. */
export function isAttached(cp: number): boolean {
  return cachedTest(ATTACHED, attachedBmp, cp);
}

// Answers for BMP code points (0 = not asked yet, 1 = no, 2 = yes): the tests run once per
// character of every issue, and a Unicode property regex costs far more than a table read.
const undrawnBmp = new Uint8Array(0x10000);
const attachedBmp = new Uint8Array(0x10000);

function cachedTest(re: RegExp, bmp: Uint8Array, cp: number): boolean {
  if (cp > 0xffff || cp < 0) return re.test(String.fromCodePoint(cp));
  let v = bmp[cp]!;
  if (v === 0) bmp[cp] = v = re.test(String.fromCodePoint(cp)) ? 2 : 1;
  return v === 2;
}

/** True for Private Use Area code points (input-method or 造字 characters that no standard font has). */
export function isPrivateUse(cp: number): boolean {
  return (cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0xf0000 && cp <= 0xffffd) || (cp >= 0x100000 && cp <= 0x10fffd);
}

/** True for a lone UTF-16 surrogate (a broken character). */
export function isSurrogate(cp: number): boolean {
  return cp >= 0xd800 && cp <= 0xdfff;
}

/** "U+20BB7" style. */
export function uPlus(cp: number): string {
  return 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
}

/**
 * A character of a script other than Han, or the script-neutral Common and Inherited: a text with none
 * is laid out as Simplified Chinese ('hani', ZHS), by our reader (otf/face.ts) and by fontkit (registry.ts) alike.
 */
export const NON_HAN = /[^\p{Script=Han}\p{Script=Common}\p{Script=Inherited}]/u;

/**
 * Invisible format characters that the composer drops (src/compose/prepare.ts, the one list): zero-width
 * space, non-joiner and joiner, word joiner, a BOM inside the text, soft hyphen. Dropping them loses
 * nothing visible, so they are warnings (W_INVISIBLE_CHAR), not errors.
 */
export const DROPPED_CHARS: ReadonlySet<number> = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad]);

/** Chinese names of the characters a clerk meets by accident, for the messages. */
const CHAR_NAMES: Readonly<Record<number, string>> = {
  0x00: '空字符 NUL',
  0x07: '响铃控制符',
  0x08: '退格控制符',
  0x0b: '垂直制表符（Word 的手动换行）',
  0x0c: '换页符（Word 的分页符）',
  0x0d: '回车符',
  0x1b: '转义控制符 ESC',
  0x7f: '删除控制符 DEL',
  0x85: '下一行控制符 NEL',
  0xad: '软连字符',
  0x061c: '阿拉伯文字母标记',
  0x200b: '零宽空格',
  0x200c: '零宽不连字',
  0x200d: '零宽连字',
  0x200e: '从左到右标记',
  0x200f: '从右到左标记',
  0x2028: '行分隔符',
  0x2029: '段分隔符',
  0x202a: '从左到右嵌入符',
  0x202b: '从右到左嵌入符',
  0x202c: '方向格式结束符',
  0x202d: '从左到右强制符',
  0x202e: '从右到左强制符',
  0x2060: '零宽不断字符',
  0x2066: '从左到右隔离符',
  0x2067: '从右到左隔离符',
  0x2068: '方向隔离符',
  0x2069: '方向隔离结束符',
  0xfeff: '字节顺序标记 BOM',
  0xfffd: '替换字符“�”',
};

/** What is wrong with a character that must not reach the page, or undefined when it may. */
export type CharProblem =
  /** Dropped with a warning (W_INVISIBLE_CHAR). */
  | { kind: 'dropped'; code: 'W_INVISIBLE_CHAR'; name: string }
  /** An error: control and format characters, separators, broken and unassigned characters. */
  | { kind: 'error'; code: 'E_CONTROL_CHAR' | 'E_BROKEN_CHAR' | 'E_BAD_CHAR'; name: string; hint: string };

/** Quick test: true when `text` may hold a character {@link charProblem} reports (no false negatives). */
const SUSPECT = /[\0-\x08\x0b-\x1f\x7f-\x9f\u00ad\u2028\u2029\ufffd\p{Cf}\p{Cn}\p{Cs}]/u;
/**
 * Text made only of characters that are certainly fine (ASCII, Latin-1 but the soft hyphen, general
 * punctuation but separators and format characters, CJK punctuation, the unified ideographs, full-width
 * forms): what nearly every field is. Tested first because SUSPECT's \p{Cn} class is slow to match.
 */
const PLAIN = /^[\t\n\x20-\x7e\u00a0-\u00ac\u00ae-\u00ff\u2010-\u2027\u2030-\u205e\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]*$/;
export function mayHaveCharProblems(text: string): boolean {
  return !PLAIN.test(text) && SUSPECT.test(text);
}

const CC = /^\p{Cc}$/u;
const CF = /^\p{Cf}$/u;
const CN = /^\p{Cn}$/u;

const DELETE_HINT = '多来自从 Word、网页或聊天软件复制的文字，看不见但会影响排版：请删除它；VS Code 会把它显示为红色小方块等特殊标记';

/**
 * Classifies one code point of printed text (tab and line feed are white space and are fine here;
 * one-line fields check line breaks themselves). Errors, so that nothing disappears unseen:
 * - E_CONTROL_CHAR: C0/C1 controls, DEL, format characters other than the dropped ones (direction
 *   marks and overrides, interlinear annotation, tags …), and U+2028/U+2029 line/paragraph separators;
 * - E_BROKEN_CHAR: U+FFFD (what a decoding accident leaves) and lone surrogates;
 * - E_BAD_CHAR: noncharacters (U+FFFE, U+FDD0 …) and code points Unicode has not assigned.
 * Warnings: the zero-width characters and soft hyphen in {@link DROPPED_CHARS}.
 * Private-use characters are left to the font preflight: an office font may have them.
 */
export function charProblem(cp: number): CharProblem | undefined {
  // Fast path: printable ASCII, CJK Extension A and the unified ideographs (all assigned).
  if ((cp >= 0x20 && cp < 0x7f) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff)) return undefined;
  if (cp === 0x09 || cp === 0x0a) return undefined;
  const name = CHAR_NAMES[cp];
  if (DROPPED_CHARS.has(cp)) return { kind: 'dropped', code: 'W_INVISIBLE_CHAR', name: name ?? '不可见字符' };
  if (isSurrogate(cp)) {
    return { kind: 'error', code: 'E_BROKEN_CHAR', name: '损坏的字符（孤立的 UTF-16 代理码位）', hint: '这里的文字在复制或转换时损坏了：请删除后按原文重新输入' };
  }
  if (cp === 0xfffd) {
    return { kind: 'error', code: 'E_BROKEN_CHAR', name: name!, hint: '它多半是文件在转换编码时损坏的文字留下的：请对照原稿，把这里的字重新输入' };
  }
  if (cp === 0x2028 || cp === 0x2029) {
    return { kind: 'error', code: 'E_CONTROL_CHAR', name: name!, hint: '一条内容印成一段，不能在其中换行：请删除它，需要分段请另起一条' };
  }
  const s = String.fromCodePoint(cp);
  if (CC.test(s)) return { kind: 'error', code: 'E_CONTROL_CHAR', name: name ?? '控制字符', hint: DELETE_HINT };
  if (cp === 0xe0001 || (cp >= 0xe0020 && cp <= 0xe007f)) {
    return { kind: 'error', code: 'E_CONTROL_CHAR', name: '标签字符（旗帜表情符号的一部分）', hint: '公文用的字体都没有彩色表情符号 emoji：请删除这个表情符号' };
  }
  if (CF.test(s)) return { kind: 'error', code: 'E_CONTROL_CHAR', name: name ?? '格式控制字符', hint: DELETE_HINT };
  if (isNoncharacter(cp)) {
    return { kind: 'error', code: 'E_BAD_CHAR', name: ' Unicode 规定不得用于文本的非字符', hint: '多是文件损坏或程序出错留下的：请删除它' };
  }
  if (CN.test(s) && !isPrivateUse(cp)) {
    return { kind: 'error', code: 'E_BAD_CHAR', name: ' Unicode 尚未分配的码位，不是有效字符', hint: '多是文件损坏或从别的系统复制时出错留下的：请删除它，或按原文重新输入' };
  }
  return undefined;
}

/** U+FDD0–U+FDEF and the last two code points of every plane (U+FFFE, U+FFFF, U+1FFFE …). */
export function isNoncharacter(cp: number): boolean {
  return (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;
}

/** "U+200B" plus the character itself when it is visible: 「�」（U+FFFD）. */
export function describeChar(cp: number): string {
  const visible = !isSurrogate(cp) && !/^[\p{Cc}\p{Cf}\p{Cn}\p{Z}]$/u.test(String.fromCodePoint(cp));
  return visible ? `「${String.fromCodePoint(cp)}」（${uPlus(cp)}）` : uPlus(cp);
}

/** Created on first use: an ICU segmenter costs more to create than a whole build of the sample. */
let graphemes: Intl.Segmenter | undefined;

/**
 * The user-perceived character (grapheme cluster) around UTF-16 offset `i` of `text`: a base with
 * its combining marks, an emoji ZWJ sequence, a flag. For messages only (it segments a window of
 * ±64 code units, so it stays cheap on long texts).
 */
export function graphemeAt(text: string, i: number): { start: number; end: number } {
  const from = Math.max(0, i - 64);
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const seg of graphemes.segment(text.slice(from, Math.min(text.length, i + 64)))) {
    const start = from + seg.index;
    const end = start + seg.segment.length;
    if (i >= start && i < end) return { start, end };
  }
  return { start: i, end: i + 1 };
}

/** True when `s` is (or contains) an emoji: pictographs, flags' regional indicators, keycaps. */
export function isEmoji(s: string): boolean {
  return /[\p{Extended_Pictographic}\p{Regional_Indicator}\u20e3]/u.test(s);
}

/** "U+0065 U+0301": every code point of `s`. */
export function uPlusAll(s: string): string {
  return [...s].map((c) => uPlus(c.codePointAt(0)!)).join(' ');
}
