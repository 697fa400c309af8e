import fc from 'fast-check';
import { isMap, isScalar, type Scalar } from 'yaml';
import { describe, expect, it } from 'vitest';
import { textOf } from '../../src/model/text.js';
import { loadSource } from '../../src/source/parse.js';
import type { Text } from '../../src/model/types.js';

/** The Text of the value of key `a` in a one-key document. */
const textIn = (yaml: string): Text => {
  const p = loadSource('t.yaml', new TextEncoder().encode(yaml));
  expect(p.diagnostics).toEqual([]);
  const root = p.doc!.contents;
  if (!isMap(root)) throw new Error('not a map');
  const node = root.items[0]!.value;
  if (!isScalar(node)) throw new Error('not a scalar');
  return textOf(node as Scalar, p.locator);
};
const isLowSurrogate = (s: string, i: number): boolean => i > 0 && /[\uDC00-\uDFFF]/.test(s[i]!);

/** "line:column" of value[i]. */
const pos = (t: Text, i: number): string => `${t.at(i).line}:${t.at(i).column}`;

describe('Text.at maps value offsets to source positions', () => {
  it('plain scalar, with a character outside the BMP counted as one column', () => {
    const t = textIn('a: 甲𠮷乙\n');
    expect(t.value).toBe('甲𠮷乙');
    expect(t.span).toMatchObject({ line: 1, column: 4 });
    expect([pos(t, 0), pos(t, 1), pos(t, 2), pos(t, 3), pos(t, 4)]).toEqual(['1:4', '1:5', '1:5', '1:6', '1:7']);
  });

  it("single-quoted, with '' escapes", () => {
    const t = textIn("a: 'it''s 好'\n");
    expect(t.value).toBe("it's 好");
    expect(t.span).toMatchObject({ column: 4 }); // the opening quote
    expect([pos(t, 0), pos(t, 2), pos(t, 3), pos(t, 5)]).toEqual(['1:5', '1:7', '1:9', '1:11']);
  });

  it('double-quoted, with escapes', () => {
    const t = textIn('a: "x\\t\\u4e2d文"\n');
    expect(t.value).toBe('x\t中文');
    expect([pos(t, 0), pos(t, 1), pos(t, 2), pos(t, 3)]).toEqual(['1:5', '1:6', '1:8', '1:14']);
  });

  it('multi-line plain scalar: folded line break and next line', () => {
    const t = textIn('a: 第一行\n  第二行\n');
    expect(t.value).toBe('第一行 第二行');
    expect([pos(t, 2), pos(t, 3), pos(t, 4)]).toEqual(['1:6', '1:7', '2:3']);
  });

  it('block literal', () => {
    const t = textIn('a: |\n  甲乙\n  丙\n');
    expect(t.value).toBe('甲乙\n丙\n');
    expect([pos(t, 0), pos(t, 1), pos(t, 3)]).toEqual(['2:3', '2:4', '3:3']);
  });

  it('CRLF source: the same positions as LF', () => {
    const p = loadSource('t.yaml', new TextEncoder().encode('b: 1\r\na: 甲乙\r\n'));
    const root = p.doc!.contents;
    if (!isMap(root)) throw new Error('not a map');
    const t = textOf(root.items[1]!.value as Scalar, p.locator);
    expect(pos(t, 1)).toBe('2:5');
  });

  it('property: every character of a double-quoted scalar is found where at() says', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('甲', 'a', ' ', '"', '\\', '\t', '𠮷', '，', "'", '#') }), (s) => {
        // JSON string syntax is valid YAML double-quoted syntax.
        const yaml = `a: ${JSON.stringify(s)}\n`;
        const t = textIn(yaml);
        expect(t.value).toBe(s);
        for (let i = 0; i < s.length; i++) {
          const off = t.at(i).offset;
          if (isLowSurrogate(s, i)) {
            expect(off).toBe(t.at(i - 1).offset); // the second half of 𠮷 is where 𠮷 is
            continue;
          }
          // Either the character itself, or the backslash of the escape that produced it.
          if (yaml[off] !== '\\') expect(yaml.codePointAt(off)).toBe(s.codePointAt(i));
          else expect(JSON.parse(`"${yaml.slice(off, off + 2)}"`)).toBe(s[i]);
        }
      }),
    );
  });

  it('property: plain multi-word text maps every non-space character exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('甲', '乙', 'x', '，', '𠮷'), minLength: 1 }), { minLength: 1, maxLength: 6 }), (words) => {
        const yaml = `a: ${words.join('\n  ')}\n`;
        const t = textIn(yaml);
        expect(t.value).toBe(words.join(' '));
        for (let i = 0; i < t.value.length; i++) {
          if (t.value[i] === ' ' || isLowSurrogate(t.value, i)) continue;
          expect(yaml.codePointAt(t.at(i).offset)).toBe(t.value.codePointAt(i));
        }
      }),
    );
  });
});
