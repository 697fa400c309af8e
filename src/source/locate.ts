/** Offsets in decoded source text → 1-based line/column spans (columns count code points). */
import type { Span } from '../diag.js';

/** Turns UTF-16 offsets in one decoded source text into diagnostic spans. */
export interface Locator {
  /** The path used in every span, as the caller gave it. */
  readonly file: string;
  /** The decoded text the offsets refer to (BOM removed, line ends normalised to "\n"). */
  readonly text: string;
  /** Span of a UTF-16 offset into `text`; offsets outside the text are clamped. */
  spanAt(offset: number): Span;
}

/**
 * Builds a locator over `text`. Line starts are found once (O(n)); each lookup is a binary search
 * plus, only on lines that hold astral characters, a scan of the line prefix, so mapping every
 * character of a 5 MB file stays linear.
 */
export function createLocator(file: string, text: string): Locator {
  const starts = lineStarts(text);
  // Per line: 0 = not yet checked, 1 = only BMP characters, 2 = has surrogate pairs.
  const astral = new Uint8Array(starts.length);
  const lineHasAstral = (line: number): boolean => {
    if (astral[line] === 0) {
      const end = line + 1 < starts.length ? starts[line + 1]! : text.length;
      astral[line] = /[\uD800-\uDBFF]/.test(text.slice(starts[line]!, end)) ? 2 : 1;
    }
    return astral[line] === 2;
  };
  return {
    file,
    text,
    spanAt(offset: number): Span {
      const at = Math.max(0, Math.min(Math.trunc(offset), text.length));
      const line = findLine(starts, at);
      const start = starts[line]!;
      let column = at - start + 1;
      if (lineHasAstral(line)) column = countCodePoints(text, start, at) + 1;
      return { file, line: line + 1, column, offset: at };
    },
  };
}

/** Offsets at which each line starts; the text uses "\n" line ends only. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the last line start ≤ offset. */
function findLine(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Code points in text[from, to): a surrogate pair counts once. */
export function countCodePoints(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
