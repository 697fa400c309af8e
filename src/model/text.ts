/** Text values that remember where each character came from in the issue file. */
import type { Scalar } from 'yaml';
import type { Span } from '../diag.js';
import type { Locator } from '../source/locate.js';
import type { Text } from './types.js';

/**
 * Wraps a string scalar as a {@link Text}. `span` is where the scalar starts (its opening quote
 * when quoted). `at(i)` gives the exact source position of value[i] for plain, quoted and block
 * scalars, single- or multi-line; if the value cannot be aligned with its source (should not
 * happen) it falls back to `span`. `at(value.length)` is the position just after the last character.
 * The offset table is built on the first `at` call, so unused texts cost nothing.
 */
export function textOf(node: Scalar, locator: Locator): Text {
  const value = String(node.value);
  const start = node.range?.[0] ?? 0;
  const span = locator.spanAt(start);
  let table: Alignment | null | undefined;
  return {
    value,
    span,
    at(offset: number): Span {
      if (table === undefined) table = align(node, value, locator.text);
      if (table === null) return span;
      let i = Math.max(0, Math.trunc(offset));
      if (i >= value.length) return locator.spanAt(table.end);
      // A low surrogate belongs to the character that starts one unit earlier.
      if (i > 0 && isLow(value.charCodeAt(i)) && isHigh(value.charCodeAt(i - 1))) i--;
      return locator.spanAt(table.offsets[i]!);
    },
  };
}

/**
 * A Text derived from `inner` by adding fixed characters around it (e.g. 【】 around a heading):
 * added characters map to where the inner text starts or ends.
 */
export function wrapText(inner: Text, prefix: string, suffix: string): Text {
  return {
    value: prefix + inner.value + suffix,
    span: inner.span,
    at(offset: number): Span {
      if (offset < prefix.length) return inner.at(0);
      return inner.at(Math.min(offset - prefix.length, inner.value.length));
    },
  };
}

interface Alignment {
  /** Source offset of each UTF-16 unit of the value. */
  offsets: Int32Array;
  /** Source offset just after the last character of the value. */
  end: number;
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n';

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * Walks value and source together. Non-space characters must match one to one (or via a quote
 * escape), so they map exactly; source whitespace that folding removed is skipped, and a folded
 * line break maps to the break it came from.
 */
function align(node: Scalar, value: string, text: string): Alignment | null {
  const range = node.range;
  if (!range) return null;
  let from = range[0];
  let to = range[1];
  const type = node.type;
  if (type === 'QUOTE_SINGLE' || type === 'QUOTE_DOUBLE') {
    from += 1;
    to -= 1;
  } else if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const nl = text.indexOf('\n', from); // content starts after the "|" / ">" header line
    from = nl === -1 || nl >= to ? to : nl + 1;
  }
  const offsets = new Int32Array(value.length);
  let i = 0;
  let p = from;
  let end = from;
  while (i < value.length) {
    if (p >= to) {
      // Only chomped/kept trailing line breaks may outrun the source.
      if (!isSpace(value[i])) return null;
      offsets[i++] = to;
      continue;
    }
    const s = text[p];
    const v = value[i];
    if (type === 'QUOTE_SINGLE' && s === "'" && text[p + 1] === "'" && v === "'") {
      offsets[i++] = p;
      p += 2;
      end = p;
    } else if (type === 'QUOTE_DOUBLE' && s === '\\') {
      const e = text[p + 1] ?? '';
      if (e === '\n') {
        // Escaped line break: it and the next line's indentation vanish.
        p += 2;
        while (p < to && (text[p] === ' ' || text[p] === '\t')) p++;
        continue;
      }
      let produced: string;
      let len: number;
      if (e in SIMPLE_ESCAPES) {
        produced = SIMPLE_ESCAPES[e]!;
        len = 2;
      } else if (e in HEX_ESCAPES) {
        const digits = HEX_ESCAPES[e]!;
        const code = Number.parseInt(text.slice(p + 2, p + 2 + digits), 16);
        if (!Number.isFinite(code) || code > 0x10ffff) return null;
        produced = String.fromCodePoint(code);
        len = 2 + digits;
      } else {
        return null;
      }
      if (!value.startsWith(produced, i)) return null;
      for (let k = 0; k < produced.length; k++) offsets[i++] = p;
      p += len;
      end = p;
    } else if (s === v) {
      offsets[i++] = p++;
      end = p;
    } else if ((v === ' ' || v === '\n') && s === '\n') {
      offsets[i++] = p++; // a folded line break
      end = p;
    } else if (isSpace(s)) {
      p++; // indentation or trailing space removed by folding
    } else {
      return null;
    }
  }
  return { offsets, end };
}

/** Texts joined end to end as one, each character mapping back to where it was written. */
export function joinTexts(parts: readonly Text[]): Text {
  const starts: number[] = [];
  let value = '';
  for (const p of parts) {
    starts.push(value.length);
    value += p.value;
  }
  return {
    value,
    span: parts[0]!.span,
    at(offset: number): Span {
      let k = parts.length - 1;
      while (k > 0 && starts[k]! > offset) k--;
      return parts[k]!.at(offset - starts[k]!);
    },
  };
}
