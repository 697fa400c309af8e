/**
 * Input normalisation before composition. Every step maps one UTF-16 code unit to one code unit,
 * so a character's source offset is unchanged (PlacedGlyph.offset maps straight back).
 */
import { classify, classifyCode } from './classes.js';

/**
 * Full-width forms of U+FF01–U+FF5E kept as they are: the CJK punctuation of FORMAT §5.2
 * (！，．：；？（）［］｛｝／～). Every other one (letters, digits, ％＄＃…) becomes ASCII
 * [FORMAT §5.5: "full-width ASCII should be normalised to half-width on input"; clreq].
 */
const KEEP_FULL_WIDTH = new Set('！，．：；？（）［］｛｝／～');
/** Fast test: a full-width form that is not kept, or a full-width ． (decimal point rule). */
const NEEDS_NARROWING = /[\uff02-\uff07\uff0a\uff0b\uff0d\uff0e\uff10-\uff19\uff1c-\uff1e\uff20-\uff3a\uff3c\uff3e-\uff5a\uff5c]/;

function isLatinWordChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{L}\p{N}]/u.test(c) && classify(c) === 'latin';
}

/** Full-width ASCII → ASCII, one code unit each (FORMAT §5.5). */
function narrow(text: string): string {
  if (!NEEDS_NARROWING.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = c.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e && !KEEP_FULL_WIDTH.has(c)) out += String.fromCharCode(code - 0xfee0);
    else out += c;
  }
  // A full-width ． between digits is a decimal point written in full width (３．５ → 3.5).
  return out.replace(/(?<=[0-9])．(?=[0-9])/g, '.');
}

/** True when the text is Chinese running text (has at least one ideograph or CJK punctuation mark). */
export function isChineseContext(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    if (cp > 0xffff) i++;
    const c = classifyCode(cp);
    if (c === 'han' || c === 'PS' || c === 'CL' || c === 'OP') return true;
  }
  return false;
}

/**
 * Straight quotes → “ ” ‘ ’ in Chinese text [FORMAT §5.2: mainland quotes U+201C/U+201D/U+2018/U+2019].
 * Quotes alternate open/close with a stack, so nesting in either order works; an apostrophe inside a
 * Latin word (don't), or after one when no single quote is open (students'), stays as it is.
 */
function curlQuotes(text: string): string {
  if (!text.includes('"') && !text.includes("'")) return text;
  const stack: ('"' | "'")[] = [];
  const closeTo = (q: '"' | "'"): void => {
    while (stack.length > 0 && stack.pop() !== q) {
      /* unclosed inner quotes end here */
    }
  };
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      if (stack.includes('"')) {
        closeTo('"');
        out += '”';
      } else {
        stack.push('"');
        out += '“';
      }
    } else if (c === "'") {
      const prev = text[i - 1];
      const next = text[i + 1];
      if (isLatinWordChar(prev) && isLatinWordChar(next)) out += c;
      else if (stack.includes("'")) {
        closeTo("'");
        out += '’';
      } else if (isLatinWordChar(prev)) out += c;
      else {
        stack.push("'");
        out += '‘';
      }
    } else out += c;
  }
  return out;
}

/**
 * Normalises a paragraph's text as the composer sees it: full-width ASCII letters, digits and
 * symbols become half-width (Ａ→A, ０→0, ％→%) while the full-width Chinese punctuation of FORMAT §5.2
 * stays; in Chinese text, straight quotes become “ ” ‘ ’. The result has the same length in UTF-16
 * code units, and character i of the result comes from character i of the input.
 *
 * `chinese` forces the context (false: quotes stay straight); by default it is Chinese when the text
 * has any ideograph or CJK punctuation mark.
 */
export function normalizeText(text: string, chinese: boolean = isChineseContext(text)): string {
  const narrowed = narrow(text);
  return chinese ? curlQuotes(narrowed) : narrowed;
}
