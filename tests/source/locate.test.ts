import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLocator } from '../../src/source/locate.js';

describe('createLocator', () => {
  it('gives 1-based line and column', () => {
    const l = createLocator('f.yaml', 'ab\ncd\n');
    expect(l.spanAt(0)).toEqual({ file: 'f.yaml', line: 1, column: 1, offset: 0 });
    expect(l.spanAt(4)).toEqual({ file: 'f.yaml', line: 2, column: 2, offset: 4 });
    expect(l.spanAt(6)).toMatchObject({ line: 3, column: 1 });
  });

  it('counts a character outside the BMP as one column', () => {
    const text = 'a: 𠮷x\n';
    const l = createLocator('f.yaml', text);
    expect(l.spanAt(text.indexOf('x'))).toMatchObject({ line: 1, column: 5 });
  });

  it('clamps offsets outside the text', () => {
    const l = createLocator('f.yaml', 'ab');
    expect(l.spanAt(-5)).toMatchObject({ line: 1, column: 1, offset: 0 });
    expect(l.spanAt(99)).toMatchObject({ line: 1, column: 3, offset: 2 });
  });

  it('agrees with a naive count on random text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '协', '𠮷', ' ') }), fc.nat(), (text, n) => {
        const offset = Math.min(n, text.length);
        // Only offsets at code point boundaries are meaningful.
        fc.pre(!(offset > 0 && /[\uDC00-\uDFFF]/.test(text[offset] ?? '')));
        const before = text.slice(0, offset);
        const line = before.split('\n').length;
        const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
        expect(createLocator('f', text).spanAt(offset)).toMatchObject({ line, column, offset });
      }),
    );
  });
});
