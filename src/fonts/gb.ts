/**
 * The hanzi of GB 2312 and GBK, derived from the code tables through the WHATWG gb18030 decoder
 * (Node's TextDecoder), so no list is committed. Only the fonts report uses them.
 */
import { TextDecoder } from 'node:util';

let gb2312: readonly number[] | undefined;
let gbk: readonly number[] | undefined;

function decodeRange(leadFrom: number, leadTo: number, trailFrom: number, trailTo: number, keep: (cp: number, ch: string) => boolean): number[] {
  const bytes: number[] = [];
  for (let a = leadFrom; a <= leadTo; a++) {
    for (let b = trailFrom; b <= trailTo; b++) {
      if (b === 0x7f) continue;
      bytes.push(a, b);
    }
  }
  const text = new TextDecoder('gb18030').decode(Uint8Array.from(bytes));
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (keep(cp, ch)) out.push(cp);
  }
  return out;
}

/**
 * The 6,763 hanzi of GB 2312 (levels 1 and 2): bytes 0xB0A1–0xF7FE. The five empty cells of row 55
 * (0xD7FA–0xD7FE) decode to Private Use code points and are dropped by the ideograph test.
 */
export function gb2312Hanzi(): readonly number[] {
  gb2312 ??= Object.freeze(decodeRange(0xb0, 0xf7, 0xa1, 0xfe, (_cp, ch) => /\p{Unified_Ideograph}/u.test(ch)));
  return gb2312;
}

/**
 * The 20,902 hanzi of GBK counted as FONTS.md counts them: every code point of the CJK Unified
 * Ideographs block U+4E00–U+9FA5 (GBK encodes all of them), decoded from 0x8140–0xFEFE. GBK's
 * often-quoted 21,003 hanzi add 80 CJK compatibility ideographs (U+F92C…) and 21 other characters
 * (〇 and radicals); those are not counted here.
 */
export function gbkHanzi(): readonly number[] {
  gbk ??= Object.freeze(decodeRange(0x81, 0xfe, 0x40, 0xfe, (cp) => cp >= 0x4e00 && cp <= 0x9fa5));
  return gbk;
}
