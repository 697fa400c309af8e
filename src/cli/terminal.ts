import { eastAsianWidth } from 'get-east-asian-width';

/**
 * What reaches the clerk's terminal. Text from files (YAML keys and values, 报/送 labels, a PDF's
 * embedded file name) is untrusted: an ESC or BEL in it would let a file clear the screen, retitle
 * the window or fake a message. Every line the CLI prints goes through {@link visible}.
 */

/**
 * C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional overrides and isolates
 * that reorder what is shown (the "Trojan Source" characters).
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/** `s` with every unsafe character written as `<U+001B>`, so it is seen and cannot act. */
export function visible(s: string): string {
  return s.replace(UNSAFE, (c) => `<U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** True when `s` has a character {@link visible} would rewrite. */
export function hasUnsafe(s: string): boolean {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(s);
}

/**
 * Width of `s` in terminal (and editor) cells: 2 for each East Asian Wide or Fullwidth character,
 * 1 for the rest, ambiguous ones included, as UAX #11 advises when the context is unknown (so
 * U+303F IDEOGRAPHIC HALF FILL SPACE, Neutral, is 1). The table is Unicode's, kept by
 * get-east-asian-width.
 */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += eastAsianWidth(ch.codePointAt(0)!, { ambiguousAsWide: false });
  return w;
}
