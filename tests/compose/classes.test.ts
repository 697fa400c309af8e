import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  classify,
  isDashUnit,
  isLineEndForbidden,
  isLineStartForbidden,
  KINSOKU_RULES,
  LINE_END_FORBIDDEN,
  LINE_START_FORBIDDEN,
} from '../../src/compose/index.js';

/** The shared checker's sets (../shared/tools/check_pdf.py, top of file), copied for CI without ../shared. */
const CHECKER_START = '，。、；：？！）」》”’…—％%】〕］｝〉』〗〙〛｠｣·・‧～〜–―,;:?!)]}．｡､';
const CHECKER_END = '（「《“‘【〔［｛〈『〖〘〚｟｢([{/／';

describe('classes [FORMAT §5.2]', () => {
  test('classes of the punctuation table', () => {
    expect([...'、。，．：；？！'].map(classify)).toEqual(Array(8).fill('PS'));
    expect([...'”’）〕】〗］｝》〉」』'].map(classify)).toEqual(Array(12).fill('CL'));
    expect([...'“‘（〔【〖［｛《〈「『'].map(classify)).toEqual(Array(12).fill('OP'));
    expect(classify('·')).toBe('interpunct');
    expect(classify('/')).toBe('solidus');
    expect(classify('／')).toBe('solidus');
    expect(classify('–')).toBe('enDash');
    expect(classify('—')).toBe('emDash');
    expect(classify('⸺')).toBe('emDash');
    expect(classify('～')).toBe('wave');
    expect(classify('…')).toBe('ellipsis');
    expect(classify('⋯')).toBe('ellipsis');
  });

  test('Han, symbols set full-width, Latin and spaces', () => {
    for (const ch of ['中', '〇', '𠮷', 'か', '①', '●', '➤', '㎡']) expect(classify(ch)).toBe('han');
    for (const ch of ['A', 'z', '9', '%', '℃', '￥', '-', '.', 'é', 'Ω']) expect(classify(ch)).toBe('latin');
    for (const ch of [' ', '\t', '\n', '\u00a0']) expect(classify(ch)).toBe('space');
    expect(classify('\u3000')).toBe('ideoSpace');
  });

  test('dash units versus the single connector', () => {
    expect(isDashUnit('——')).toBe(true);
    expect(isDashUnit('⸺')).toBe(true);
    expect(isDashUnit('……')).toBe(true);
    expect(isDashUnit('—')).toBe(false);
  });
});

describe('禁则 tables [FORMAT §5.3]', () => {
  test('every rule cites its clause', () => {
    for (const r of KINSOKU_RULES) expect(r.cite).toMatch(/15834|15835|clreq|FORMAT/);
  });

  test('levels nest: basic ⊂ gb ⊂ strict', () => {
    for (const ch of LINE_START_FORBIDDEN.basic) expect(LINE_START_FORBIDDEN.gb.has(ch)).toBe(true);
    for (const ch of LINE_START_FORBIDDEN.gb) expect(LINE_START_FORBIDDEN.strict.has(ch)).toBe(true);
    for (const ch of LINE_END_FORBIDDEN.basic) expect(LINE_END_FORBIDDEN.gb.has(ch)).toBe(true);
    for (const ch of LINE_END_FORBIDDEN.gb) expect(LINE_END_FORBIDDEN.strict.has(ch)).toBe(true);
  });

  test('GB level adds: a solidus may not end a line (15834 §5.1.9)', () => {
    expect(isLineEndForbidden('/', 'basic')).toBe(false);
    expect(isLineEndForbidden('/', 'gb')).toBe(true);
    expect(isLineEndForbidden('／', 'strict')).toBe(true);
  });

  test('strict level adds: 破折号 and 省略号 may not start a line', () => {
    for (const u of ['——', '⸺', '……', '⋯⋯']) {
      expect(isLineStartForbidden(u, 'gb')).toBe(false);
      expect(isLineStartForbidden(u, 'strict')).toBe(true);
    }
    expect(isLineStartForbidden('—', 'basic')).toBe(true); // 长横连接号 (15834 §5.1.6)
  });

  test('strict sets cover the shared checker’s sets', () => {
    let start = CHECKER_START;
    let end = CHECKER_END;
    const path = new URL('../../../shared/tools/check_pdf.py', import.meta.url);
    if (existsSync(path)) {
      const src = readFileSync(path, 'utf8');
      const block = (name: string): string => {
        const m = new RegExp(`^${name} = set\\(([\\s\\S]*?)^\\)|^${name} = set\\((.*)\\)$`, 'm').exec(src);
        const body = m?.[1] ?? m?.[2] ?? '';
        return [...body.matchAll(/"([^"]*)"/g)].map((x) => x[1]).join('');
      };
      start = block('LINE_START_FORBIDDEN');
      end = block('LINE_END_FORBIDDEN');
      expect(start.length).toBeGreaterThan(20);
      expect(end.length).toBeGreaterThan(10);
    }
    for (const ch of start) expect(isLineStartForbidden(ch, 'strict'), ch).toBe(true);
    for (const ch of end) expect(isLineEndForbidden(ch, 'strict'), ch).toBe(true);
  });
});
