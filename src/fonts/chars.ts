/** Character classes the font code treats specially. */

/** Spaces, controls and format characters: the composer draws no glyph for them. */
const UNDRAWN = /^[\p{White_Space}\p{Cc}\p{Cf}\p{Variation_Selector}]$/u;

/** Marks that belong to the preceding character and must stay in its font run. */
const ATTACHED = /^[\p{Mn}\p{Me}\p{Variation_Selector}\u200C\u200D]$/u;

/**
 * True for characters that need no glyph: white space (U+3000 included), controls, format characters
 * (ZWSP, ZWJ, BOM, soft hyphen, bidi marks) and variation selectors.
 */
export function isUndrawn(cp: number): boolean {
  return UNDRAWN.test(String.fromCodePoint(cp));
}

/** True for combining marks, variation selectors and joiners, which go with the previous character. */
export function isAttached(cp: number): boolean {
  return ATTACHED.test(String.fromCodePoint(cp));
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
