import { describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/cli/terminal.js';

/** Terminal cells per UAX #11 (EastAsianWidth.txt): W and F take two, the rest one. */
describe('displayWidth', () => {
  it.each([
    ['a', 1, 'Na'],
    ['中', 2, 'W'],
    ['\u3000', 2, 'F: ideographic space'],
    ['\u303e', 2, 'W: ideographic variation indicator'],
    ['\u303f', 1, 'N: ideographic half fill space (the copy in emit.ts said 2)'],
    ['Ａ', 2, 'F: fullwidth A'],
    ['ｱ', 1, 'H: halfwidth katakana'],
    ['“', 1, 'A: ambiguous, narrow when the context is unknown'],
    ['😀', 2, 'W: emoji'],
    ['\u{20000}', 2, 'W: CJK extension B'],
  ])('%s is %i cell(s) (%s)', (s, w) => {
    expect(displayWidth(s)).toBe(w);
  });

  it('adds up a mixed line', () => {
    expect(displayWidth('第1期　2021年')).toBe(2 + 1 + 2 + 2 + 4 + 2);
  });
});
