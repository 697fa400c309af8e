import { describe, expect, test } from 'vitest';
import { gb2312Hanzi, gbkHanzi } from '../../src/fonts/gb.js';
import { loadFontSet } from '../../src/fonts/registry.js';
import { fontsReport, formatFontsReport } from '../../src/fonts/report.js';

describe('GB tables', () => {
  test('GB 2312 has 6,763 hanzi from 啊 to 齄; GBK 20,902 (U+4E00–U+9FA5)', () => {
    const gb = gb2312Hanzi();
    expect(gb).toHaveLength(6763);
    expect(String.fromCodePoint(gb[0]!)).toBe('啊');
    expect(String.fromCodePoint(gb.at(-1)!)).toBe('齄');
    const gbk = gbkHanzi();
    expect(gbk).toHaveLength(20902);
    expect(new Set(gbk).size).toBe(20902);
  });
});

describe('fonts report', () => {
  const set = loadFontSet({ fontsDir: 'fonts', only: 'free' });
  const t = performance.now();
  const uses = [
    { text: '中文𠮷\uE000', role: 'fang' as const, at: (o: number) => ({ file: 'i.yaml', line: 2, column: 3 + o, offset: o }), field: 'editor' },
  ];
  const report = fontsReport(set, uses);
  const ms = performance.now() - t;

  test('coverage per face and per chain', () => {
    console.log(`fontsReport (all faces opened, coverage counted): ${ms.toFixed(0)} ms`);
    expect(report.totals).toEqual({ gb2312: 6763, gbk: 20902 });
    const fang = report.roles.find((r) => r.role === 'fang')!;
    expect(fang.faces[0]).toMatchObject({ id: 'FandolFang-Regular', origin: 'bundled', gb2312: 6763, gbk: 7942 });
    expect(fang.faces[0]!.licence).toContain('GPL-3.0');
    expect(fang.chainGbk).toBe(20902);
    const symbol = report.roles.find((r) => r.role === 'symbol')!;
    expect(symbol.faces[0]).toMatchObject({ id: 'DejaVuSans', gb2312: 0 });
  });

  test('issue section: which face draws what, fallbacks and missing characters', () => {
    const fang = report.issue!.roles.find((r) => r.role === 'fang')!;
    expect(fang.distinct).toBe(4);
    expect(fang.byFace).toEqual([
      { id: 'FandolFang-Regular', label: 'FandolFang', count: 2 },
      { id: 'LXGWWenKai-Regular', label: '霞鹜文楷', count: 1 },
    ]);
    expect(fang.fallback).toEqual(['𠮷']);
    expect(fang.missing).toEqual(['\uE000']);
    expect(report.issue!.diagnostics.map((d) => d.code)).toEqual(['E_MISSING_GLYPH', 'W_FALLBACK_FONT']);
  });

  test('the formatter prints a Chinese table', () => {
    const text = formatFontsReport(report, { cwd: process.cwd() });
    expect(text).toContain('【仿宋】');
    expect(text).toMatch(/FandolFang\s+FandolFang-Regular\s+随附\s+GPL-3\.0 WITH Font-exception-2\.0\s+6763（100\.0%）\s+7942（38\.0%）\s+fonts\/FandolFang-Regular\.otf/);
    expect(text).toContain('没有找到单位自己的字体');
    expect(text).toContain('缺字（会印成方框）：\uE000（U+E000）');
  });
});
