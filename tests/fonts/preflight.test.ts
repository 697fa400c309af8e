import { describe, expect, test } from 'vitest';
import type { FontRole } from '../../src/compose/types.js';
import type { Span } from '../../src/diag.js';
import { preflight, type FontUse } from '../../src/fonts/preflight.js';
import { loadFontSet } from '../../src/fonts/registry.js';

const set = loadFontSet({ fontsDir: 'fonts', only: 'free' });

/** A string that sits at `line`:`column` of issue.yaml, one line long (columns count code points). */
function use(text: string, role: FontRole, field: string, line = 4, column = 9): FontUse {
  const at = (offset: number): Span => ({ file: 'issue.yaml', line, column: column + [...text.slice(0, offset)].length, offset });
  return { text, role, at, field };
}

describe('preflight', () => {
  test('a private-use character is E_MISSING_GLYPH at its exact column, named with its code point', () => {
    // 会 议 𠮷 (two code units) then U+E000: code-unit offset 4, the fourth code point → column 9 + 3.
    const ds = preflight(set, [use('会议𠮷\uE000结束', 'fang', 'sections[1].items[2]')]);
    const errors = ds.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    const e = errors[0]!;
    expect(e.code).toBe('E_MISSING_GLYPH');
    expect(e.span).toEqual({ file: 'issue.yaml', line: 4, column: 12, offset: 4 });
    expect(e.field).toBe('sections[1].items[2]');
    expect(e.message).toContain('U+E000');
    expect(e.message).toContain('\uE000');
    expect(e.message).toContain('仿宋');
    expect(e.hint).toContain('私用区');
  });

  test('a character no bundled font has says so and suggests installing a font', () => {
    // U+30000, CJK Extension G: in none of the free fonts.
    const [e] = preflight(set, [use('甲\u{30000}', 'kai', 'editor')]);
    expect(e?.code).toBe('E_MISSING_GLYPH');
    expect(e?.message).toContain('U+30000');
    expect(e?.span.column).toBe(10);
    expect(e?.hint).toContain('随附的免费字体都没有此字');
    expect(e?.hint).toContain('fonts/');
  });

  test('characters from a fallback face give one W_FALLBACK_FONT per field, listing them', () => {
    const ds = preflight(set, [
      use('𠮷野家与𠮷', 'fang', 'sections[1].items[1]', 7, 5),
      use('喆', 'fang', 'sections[1].items[1]', 8, 5),
      use('全部在常用字内', 'fang', 'sections[1].items[2]'),
    ]);
    expect(ds.map((d) => d.code)).toEqual(['W_FALLBACK_FONT']);
    const w = ds[0]!;
    expect(w.severity).toBe('warning');
    expect(w.field).toBe('sections[1].items[1]');
    expect(w.span).toMatchObject({ line: 7, column: 5 });
    expect(w.message).toContain('「𠮷」（U+20BB7，用 霞鹜文楷）');
    expect(w.message).toContain('「喆」（U+5586，用 Noto Serif SC）');
    expect(w.message.match(/𠮷/g)).toHaveLength(1);
    expect(w.message).toContain('FandolFang');
  });

  test('white space, controls and variation selectors are skipped; symbols are not fallback warnings', () => {
    expect(preflight(set, [use('\u3000 \t中\u200B文\uFE0F\n', 'fang', 'x')])).toEqual([]);
    expect(preflight(set, [use('➤●①', 'symbol', 'marker')])).toEqual([]);
  });

  test('every role is checked against its own chain', () => {
    const ds = preflight(set, [use('信息动态', 'title', 'publication'), use('【工作动态】', 'hei', 'sections[1].title'), use('— 1 —', 'song', 'page')]);
    expect(ds).toEqual([]);
  });
});
