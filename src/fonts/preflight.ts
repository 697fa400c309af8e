/**
 * Font preflight: before composing, check that every printed character has a glyph in its role's
 * chain, so a missing glyph is a positioned error instead of a box in the PDF (FONTS.md trap 5).
 */
import type { FontRole } from '../compose/types.js';
import type { Diagnostic, Span } from '../diag.js';
import { ROLES, ROLE_NAMES } from './catalog.js';
import { graphemeAt, isAttached, isEmoji, isPrivateUse, isSurrogate, isUndrawn, uPlus, uPlusAll } from './chars.js';
import { faceLabel } from './registry.js';
import type { Face, FontSet } from './types.js';

/** One printed string of the issue, with its role and where its characters are in the source. */
export interface FontUse {
  text: string;
  role: FontRole;
  /** Maps a UTF-16 code-unit offset in `text` to its source position. */
  at: (offset: number) => Span;
  /** Field path for the diagnostic, e.g. "sections[1].items[2]". */
  field: string;
}

/** An office font an office could buy to get a role's characters from one design. */
const FULLER_FONT: Readonly<Record<FontRole, string>> = {
  title: '方正小标宋_GBK',
  fang: '方正仿宋_GBK',
  kai: '方正楷体_GBK',
  hei: '方正黑体_GBK',
  song: '方正书宋_GBK',
  symbol: 'DejaVu Sans',
};

const showChar = (cp: number): string => (isSurrogate(cp) ? '（损坏的字符）' : `「${String.fromCodePoint(cp)}」`);

function missingHint(set: FontSet, cp: number, role: FontRole, chain: readonly Face[], cluster: string): string {
  if (isSurrogate(cp)) return '文件中此处有一个损坏的字符，请删除后重新输入这段文字';
  if (isEmoji(cluster)) return '公文用的字体都没有彩色表情符号 emoji：请删除它，或改用文字表达';
  if (isPrivateUse(cp)) {
    return '这是 Unicode 私用区字符，多来自输入法造字或别的系统的自造字，换一台电脑或换一种字体就显示不出来：请改成标准汉字，或删除';
  }
  // Only on the error path: may open faces that the build would not otherwise need.
  const others = [...new Set(ROLES.flatMap((r) => set.chain(r)))].filter((f) => !chain.includes(f) && f.has(cp));
  if (others.length > 0) {
    return `${others.map(faceLabel).join('、')} 有此字，但${ROLE_NAMES[role]}不用它排印：请改用常用字，或把含有此字的${ROLE_NAMES[role]}字体放入 fonts/ 文件夹`;
  }
  return '随附的免费字体都没有此字：请改用常用字，或把含有此字的字体，例如方正或思源系列，放入 fonts/ 文件夹后重试';
}

/**
 * Checks every drawn character of `uses` against its role's chain (white space, controls, format
 * characters and variation selectors are skipped). Returns:
 * - E_MISSING_GLYPH (error) for each character no font of the chain has, at its exact position,
 *   naming the character and its code point, with a hint;
 * - W_FALLBACK_FONT (warning), one per field, listing the characters drawn by a later face of the
 *   chain than the first (the symbol role is exempt: its chain is a union of symbol sets by design).
 */
/**
 * Where, from `i` on, `text` has its first character that preflight has something to say about
 * (no face, or a fallback face outside the symbol role); text.length when none. The common case
 * in a small loop of its own, which V8 optimises sooner and more cheaply than preflight().
 */
function quietUpTo(text: string, i: number, first: Face | undefined, set: FontSet, role: FontRole): number {
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    if (!isUndrawn(cp)) {
      const found = set.faceFor(cp, role);
      if (!found || (found !== first && role !== 'symbol')) return i;
    }
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

export function preflight(set: FontSet, uses: ReadonlyArray<FontUse>): Diagnostic[] {
  const out: Diagnostic[] = [];
  interface Fallback {
    span: Span;
    byRole: Map<FontRole, Map<string, Face>>;
  }
  const fallbacks = new Map<string, Fallback>();
  for (const use of uses) {
    const chain = set.chain(use.role);
    const first = chain[0];
    const text = use.text;
    for (let i = 0; i < text.length; ) {
      i = quietUpTo(text, i, first, set, use.role);
      if (i >= text.length) break;
      const cp = text.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      if (!isUndrawn(cp)) {
        const face = set.faceFor(cp, use.role);
        if (!face) {
          const names = chain.length > 0 ? chain.map(faceLabel).join('、') : '（没有可用的字体）';
          // The whole user-perceived character: an emoji sequence, or a letter with its marks.
          const g = isSurrogate(cp) ? { start: i, end: i + len } : graphemeAt(text, i);
          const cluster = text.slice(g.start, g.end);
          const single = cluster === String.fromCodePoint(cp);
          const what = isEmoji(cluster) ? '表情符号' : single ? '字符' : isAttached(cp) ? `字符「${cluster}」中的附加符号` : '字符';
          const shown = single || isAttached(cp) ? `${showChar(cp)}（${uPlus(cp)}）` : `「${cluster}」（${uPlusAll(cluster)}）`;
          const described = isEmoji(cluster) && !single ? `「${cluster}」（${uPlusAll(cluster)}）` : shown;
          out.push({
            severity: 'error',
            code: 'E_MISSING_GLYPH',
            span: use.at(isAttached(cp) ? i : g.start),
            field: use.field,
            message: `${what}${described}在${ROLE_NAMES[use.role]}字体（${names}）中都没有字形，印出来会是方框`,
            hint: missingHint(set, cp, use.role, chain, cluster),
          });
          // One error per emoji sequence or letter-with-marks: the rest of the cluster is covered.
          if (!isAttached(cp) && g.end > i + len) {
            i = g.end;
            continue;
          }
        } else if (face !== first && use.role !== 'symbol') {
          let fb = fallbacks.get(use.field);
          if (!fb) {
            fb = { span: use.at(i), byRole: new Map() };
            fallbacks.set(use.field, fb);
          }
          let chars = fb.byRole.get(use.role);
          if (!chars) fb.byRole.set(use.role, (chars = new Map()));
          // A combining mark is shown on its base letter: 「é」中的 U+0301.
          const key = isAttached(cp) ? `${text.slice(graphemeAt(text, i).start, i)}\u0000${String.fromCodePoint(cp)}` : String.fromCodePoint(cp);
          chars.set(key, face);
        }
      }
      i += len;
    }
  }
  for (const [field, fb] of fallbacks) {
    const parts = [...fb.byRole].map(([role, chars]) => {
      const list = [...chars]
        .map(([key, face]) => {
          const [base, mark] = key.includes('\u0000') ? key.split('\u0000') as [string, string] : ['', key];
          const cp = mark.codePointAt(0)!;
          return base ? `「${base}${mark}」中的附加符号 ${uPlus(cp)}（用 ${faceLabel(face)}）` : `「${mark}」（${uPlus(cp)}，用 ${faceLabel(face)}）`;
        })
        .join('、');
      return `${ROLE_NAMES[role]}首选字体 ${faceLabel(set.chain(role)[0]!)} 没有 ${list}`;
    });
    const roles = [...fb.byRole.keys()];
    out.push({
      severity: 'warning',
      code: 'W_FALLBACK_FONT',
      span: fb.span,
      field,
      message: `${parts.join('；')}；这些字改用后备字体排印，字形风格会与前后文字略有不同`,
      hint: `如需字形统一，可改用常用字，或把字库更全的字体，例如${roles.map((r) => FULLER_FONT[r]).join('、')}，放入 fonts/ 文件夹`,
    });
  }
  return out;
}
