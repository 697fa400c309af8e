/**
 * Characters that cannot be printed, from a clerk's paste or a decoding accident: every one is
 * reported at its exact line:column, naming its code point — an error, or for the zero-width
 * characters the composer drops, a warning that says so. Nothing disappears unseen.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diag.js';
import { formatDiagnostic } from '../../src/diag.js';
import { charProblem } from '../../src/fonts/chars.js';
import { loadFontSet } from '../../src/fonts/registry.js';
import { srgbProfile } from '../../src/world/index.js';
import { compile } from '../../src/index.js';
import { loadIssue } from '../../src/source/load.js';
import { HOSTILE } from './generators.mjs';
import { checkDiagnostics } from './harness.mjs';

const fonts = loadFontSet({ fontsDir: 'fonts', only: 'free' });

/** A valid one-section issue; `item` is written after "      - " on line 8 (column 9). */
const issue = (item: string, edit: (lines: string[]) => void = () => undefined): string => {
  const lines = [
    'publication: 信息动态', // 1
    'period: 2021-01', // 2
    'editor: 办公室编', // 3
    'sections:', // 4
    '  - title: 协会党建', // 5
    '    items:', // 6
    '      - 第一条', // 7
    `      - ${item}`, // 8
    'distribution:', // 9
    '  报: 市局', // 10
    'printed: 2021-01-29', // 11
    '',
  ];
  edit(lines);
  return lines.join('\n');
};
const load = (text: string) => loadIssue('issue.yaml', new TextEncoder().encode(text));
const build = (text: string) => compile('issue.yaml', new TextEncoder().encode(text), { fonts, srgb: srgbProfile() }, { pdfa: false });
const brief = (d: Diagnostic) => `${d.span.line}:${d.span.column} ${d.code}`;

describe('control and broken characters: positioned errors naming the code point', () => {
  const cases: Array<[string, string, string, RegExp]> = [
    ['NUL', '会议\u0000结束', 'E_CONTROL_CHAR', /空字符 NUL（U\+0000）/],
    ['BEL', '会议\u0007结束', 'E_CONTROL_CHAR', /响铃控制符（U\+0007）/],
    ['vertical tab (Word line break)', '会议\u000b结束', 'E_CONTROL_CHAR', /U\+000B/],
    ['DEL', '会议\u007f结束', 'E_CONTROL_CHAR', /U\+007F/],
    ['C1 NEL', '会议\u0085结束', 'E_CONTROL_CHAR', /U\+0085/],
    ['C1 U+009F', '会议\u009f结束', 'E_CONTROL_CHAR', /U\+009F/],
    ['right-to-left override', '会议\u202e结束', 'E_CONTROL_CHAR', /从右到左强制符（U\+202E）/],
    ['left-to-right mark', '会议\u200e结束', 'E_CONTROL_CHAR', /U\+200E/],
    ['line separator', '会议\u2028结束', 'E_CONTROL_CHAR', /行分隔符（U\+2028）/],
    ['paragraph separator', '会议\u2029结束', 'E_CONTROL_CHAR', /段分隔符（U\+2029）/],
    ['replacement character', '会议\ufffd结束', 'E_BROKEN_CHAR', /U\+FFFD/],
    ['noncharacter U+FFFE', '会议\ufffe结束', 'E_BAD_CHAR', /U\+FFFE.*非字符/],
    ['noncharacter U+FDD0', '会议\ufdd0结束', 'E_BAD_CHAR', /U\+FDD0/],
    ['unassigned U+0378', '会议\u0378结束', 'E_BAD_CHAR', /U\+0378.*尚未分配/],
  ];
  for (const [name, item, code, message] of cases) {
    it(`${name}: ${code} at the character`, () => {
      const r = load(issue(item));
      expect(r.issue).toBeUndefined();
      const d = r.diagnostics.find((x) => x.code === code);
      expect(d, r.diagnostics.map(formatDiagnostic).join('\n')).toBeDefined();
      // 会 议 at columns 9, 10; the character at 11.
      expect(brief(d!)).toBe(`8:11 ${code}`);
      expect(d!.field).toBe('sections[1].items[2]');
      expect(d!.message).toMatch(message);
      expect(d!.place).toBe('第1个栏目（协会党建）第2条');
      expect(formatDiagnostic(d!)).toContain('第1个栏目（协会党建）第2条：有');
      expect(d!.hint).toMatch(/[\u4e00-\u9fff]/);
    });
  }

  it('through a double-quoted escape: a lone surrogate is a broken character at the escape', () => {
    const r = load(issue('"会议\\ud800结束"'));
    expect(r.diagnostics.map(brief)).toEqual(['8:12 E_BROKEN_CHAR']);
    expect(r.diagnostics[0]!.message).toContain('U+D800');
    const nul = load(issue('"会议\\0与\\x07"'));
    expect(nul.diagnostics.map(brief)).toEqual(['8:12 E_CONTROL_CHAR', '8:15 E_CONTROL_CHAR']);
  });

  it('a lone surrogate from a JavaScript string arrives as U+FFFD (invalid in UTF-8) and is reported', () => {
    const r = load(issue('会议\ud800结束'));
    expect(r.diagnostics.map(brief)).toEqual(['8:11 E_BROKEN_CHAR']);
  });

  it('repeats are one diagnostic per field and character, with the count', () => {
    const r = load(issue('甲\u0007乙\u0007丙\u0007'));
    expect(r.diagnostics.map(brief)).toEqual(['8:10 E_CONTROL_CHAR']);
    expect(r.diagnostics[0]!.message).toContain('共 3 处');
  });

  it('tab and line breaks inside an item are white space, not errors (a tab is said, as a warning)', () => {
    expect(load(issue('"会议\\t结束"')).diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'W_TAB_IN_TEXT']]);
    expect(load(issue('|\n        第一行\n        第二行')).diagnostics).toEqual([]);
  });

  it('every code point class is decided: C0/C1 controls error, format characters error unless dropped', () => {
    for (let cp = 0; cp < 0x20; cp++) {
      const p = charProblem(cp);
      if (cp === 0x09 || cp === 0x0a) expect(p).toBeUndefined();
      else expect(p?.code).toBe('E_CONTROL_CHAR');
    }
    for (let cp = 0x7f; cp <= 0x9f; cp++) expect(charProblem(cp)?.code).toBe('E_CONTROL_CHAR');
    for (const cp of [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x00ad]) expect(charProblem(cp)?.code).toBe('W_INVISIBLE_CHAR');
    for (const cp of [0x61c, 0x200e, 0x200f, 0x202a, 0x202e, 0x2066, 0x2069, 0xfff9, 0xe0001, 0xe0041]) expect(charProblem(cp)?.code).toBe('E_CONTROL_CHAR');
    for (const cp of [0xd800, 0xdfff, 0xfffd]) expect(charProblem(cp)?.code).toBe('E_BROKEN_CHAR');
    for (const cp of [0xfffe, 0xffff, 0x1fffe, 0x10ffff, 0xfdd0, 0xfdef, 0x378]) expect(charProblem(cp)?.code).toBe('E_BAD_CHAR');
    for (const cp of [0x20, 0x4e2d, 0x3000, 0xa0, 0x20bb7, 0xe000, 0xfe0f, 0x301, 0x1f600]) expect(charProblem(cp)).toBeUndefined();
  });
});

describe('invisible characters the composer drops: a warning with the position, and the PDF builds', () => {
  for (const [name, ch, label] of [
    ['zero-width space', '\u200b', '零宽空格（U+200B）'],
    ['soft hyphen', '\u00ad', '软连字符（U+00AD）'],
    ['BOM in the middle', '\ufeff', '字节顺序标记 BOM（U+FEFF）'],
    ['word joiner', '\u2060', 'U+2060'],
  ] as const) {
    it(name, async () => {
      const r = await build(issue(`会议${ch}结束`));
      expect(r.pdf).toBeDefined();
      expect(r.diagnostics.map(brief)).toEqual(['8:11 W_INVISIBLE_CHAR']);
      expect(r.diagnostics[0]!.message).toContain(label);
      expect(r.diagnostics[0]!.message).toContain('已去掉');
    });
  }

  it('the masthead is set glyph by glyph: there a zero-width character, tab or line break is an error', () => {
    const zw = load(issue('第二条', (l) => (l[0] = 'publication: 信息\u200b动态')));
    expect(zw.diagnostics.map(brief)).toEqual(['1:16 E_CONTROL_CHAR']);
    expect(zw.diagnostics[0]!.message).toContain('刊名');
    const nl = load(issue('第二条', (l) => (l[0] = 'publication: "信息\\n动态"')));
    expect(nl.diagnostics.map(brief)).toEqual(['1:17 E_LINE_BREAK']);
    const block = load(issue('第二条', (l) => (l[0] = 'publication: |\n  信息动态')));
    expect(block.diagnostics.map((d) => d.code)).toEqual(['E_LINE_BREAK']);
  });

  it('an inner line break in another one-line field is a warning: it is set as a space', () => {
    const r = load(issue('第二条', (l) => (l[4] = '  - title: "协会\\n党建"')));
    expect(r.diagnostics.map(brief)).toEqual(['5:15 W_LINE_BREAK']);
    expect(formatDiagnostic(r.diagnostics[0]!)).toContain('第1个栏目的标题（title）：只印一行：这里的换行将按空格排印');
    // A line break the block style adds at the end is no news.
    expect(load(issue('第二条', (l) => (l[4] = '  - title: |\n      协会党建'))).diagnostics).toEqual([]);
  });
});

describe('emoji, combining sequences, right-to-left text, private use, Extension B', () => {
  it('an emoji ZWJ sequence is one error naming the whole sequence and its code points', async () => {
    const r = await build(issue('会议👨‍👩‍👧结束'));
    expect(r.pdf).toBeUndefined();
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map(brief)).toEqual(['8:11 E_MISSING_GLYPH']);
    expect(errors[0]!.message).toContain('表情符号「👨‍👩‍👧」（U+1F468 U+200D U+1F469 U+200D U+1F467）');
    expect(errors[0]!.message).toContain('印出来会是方框');
    expect(errors[0]!.hint).toContain('表情符号');
    // The joiners inside the emoji are not reported separately.
    expect(r.diagnostics.some((d) => d.code === 'W_INVISIBLE_CHAR')).toBe(false);
  });

  it('a flag is one error, not two regional indicators', async () => {
    const r = await build(issue('国旗🇨🇳'));
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message)).toEqual([expect.stringContaining('表情符号「🇨🇳」（U+1F1E8 U+1F1F3）')]);
  });

  it('a combining mark is shown on its base letter', async () => {
    const r = await build(issue('café（cafe\u0301）'));
    const w = r.diagnostics.find((d) => d.code === 'W_FALLBACK_FONT');
    expect(w?.message).toContain('「e\u0301」中的附加符号 U+0301');
    const missing = await build(issue('记号a\u1ab0结束'));
    const e = missing.diagnostics.find((d) => d.code === 'E_MISSING_GLYPH');
    expect(e && brief(e)).toBe('8:12 E_MISSING_GLYPH');
    expect(e?.message).toContain('字符「a\u1ab0」中的附加符号');
    expect(e?.message).toContain('U+1AB0');
  });

  it('right-to-left text builds with a warning that it will not read right', async () => {
    const r = await build(issue('会见 مرحبا بالعالم 代表团'));
    expect(r.pdf).toBeDefined();
    const w = r.diagnostics.find((d) => d.code === 'W_RTL_TEXT');
    expect(w && brief(w)).toBe('8:12 W_RTL_TEXT');
    expect(w?.message).toContain('从右向左');
  });

  it('private use is a missing glyph with the 造字 hint; Extension B is drawn by the fallback font', async () => {
    const pua = await build(issue('会议\ue000结束'));
    expect(pua.diagnostics.map(brief)).toEqual(['8:11 E_MISSING_GLYPH']);
    expect(pua.diagnostics[0]!.hint).toContain('私用区');
    const extB = await build(issue('𠮷野家'));
    expect(extB.pdf).toBeDefined();
    expect(extB.diagnostics.map((d) => d.code)).toEqual(['W_FALLBACK_FONT']);
  });
});

describe('property: any hostile character anywhere in an item', () => {
  const sample = readFileSync('issues/2021-01.yaml', 'utf8');
  it('is either printable or reported on its own line, never a crash', () => {
    fc.assert(
      fc.property(fc.constantFrom(...HOSTILE), fc.nat(), fc.constantFrom('plain', 'double'), (piece, at, style) => {
        const lines = issue('x').split('\n');
        const base = '第二条内容，会议于上午召开。';
        const k = at % (base.length + 1);
        const text = base.slice(0, k) + piece + base.slice(k);
        lines[7] = style === 'double' ? `      - ${JSON.stringify(text)}` : `      - ${text}`;
        const src = lines.join('\n');
        const bytes = new TextEncoder().encode(src);
        const r = loadIssue('issue.yaml', bytes);
        expect(checkDiagnostics('issue.yaml', bytes, r.diagnostics)).toEqual([]);
        const errors = r.diagnostics.filter((d) => d.severity === 'error');
        if (!r.issue) expect(errors.length).toBeGreaterThan(0);
        // A character that is an error by itself is reported on line 8 (unless the YAML broke first).
        const bad = [...piece].some((c) => charProblem(c.codePointAt(0)!)?.kind === 'error' && c !== '\r');
        if (bad && style === 'double') expect(errors.some((d) => d.span.line === 8)).toBe(true);
      }),
      { numRuns: 400, seed: 77 },
    );
    expect(sample.length).toBeGreaterThan(0);
  });
});
