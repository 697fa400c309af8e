import { formatDiagnostic } from '../../src/diag.js';
/**
 * What the CLI's wrapper around `compile` used to add now belongs to validation: placeholder text
 * left by `bulletin new` and the empty print date. Any caller of loadIssue/compile gets them.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/index.js';
import { PLACEHOLDER_ITEM, PLACEHOLDER_PARAGRAPH } from '../../src/schema/placeholders.js';
import { loadIssue } from '../../src/source/load.js';
import { ARTICLE, VALID, withLine } from './issue.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('placeholders and the empty print date in validation', () => {
  it('an item still holding the placeholder is an error at that item, and no issue comes back', () => {
    const r = loadIssue('a.yaml', bytes(withLine(8, `      - ${PLACEHOLDER_ITEM}`)));
    expect(r.issue).toBeUndefined();
    const d = r.diagnostics.find((x) => x.code === 'E_PLACEHOLDER');
    expect(d).toMatchObject({ field: 'sections[1].items[1]', span: { line: 8, column: 9 } });
    expect(d?.message).toContain(`还是提示文字“${PLACEHOLDER_ITEM}”`);
  });

  it('tells the clerk to delete an unused article, not a 栏目', () => {
    const r = loadIssue('a.yaml', bytes(ARTICLE.replace('会议强调，要充分发挥老科技工作者的优势和作用。', PLACEHOLDER_PARAGRAPH)));
    const d = r.diagnostics.find((x) => x.code === 'E_PLACEHOLDER');
    expect(formatDiagnostic(d!)).toContain('第1篇文章（老科协举办2022年度理…）的第2段：还是提示文字');
    expect(d?.hint).toContain('删去整篇');
    const item = loadIssue('a.yaml', bytes(withLine(8, `      - ${PLACEHOLDER_ITEM}`))).diagnostics.find((x) => x.code === 'E_PLACEHOLDER');
    expect(item?.hint).toContain('删去整个栏目');
  });

  it('the public compile refuses it before touching the fonts', async () => {
    // No font set at all: compile must stop at validation.
    const r = await compile('a.yaml', bytes(withLine(8, `      - ${PLACEHOLDER_ITEM}`)), { fonts: undefined as never, srgb: undefined as never });
    expect(r.pdf).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_PLACEHOLDER']);
  });

  it('is reported in the same run as a YAML error and as schema errors', () => {
    const yamlBroken = loadIssue('a.yaml', bytes(withLine(8, `      - ${PLACEHOLDER_ITEM}`).replace('number: 1', 'number: [1')));
    expect(yamlBroken.diagnostics.map((d) => d.code)).toContain('E_PLACEHOLDER');
    expect(yamlBroken.diagnostics.some((d) => d.code !== 'E_PLACEHOLDER' && d.severity === 'error')).toBe(true);
    const schemaBroken = loadIssue('a.yaml', bytes(withLine(2, 'period: 2021-13').replace('第二条', PLACEHOLDER_ITEM)));
    expect(schemaBroken.diagnostics.map((d) => d.code).sort()).toEqual(['E_DATE_INVALID', 'E_PLACEHOLDER']);
  });

  it('finds the mark hidden in a double-quoted escape', () => {
    const escaped = [...'请在此填写'].map((c) => `\\u${c.codePointAt(0)!.toString(16)}`).join('');
    const r = loadIssue('a.yaml', bytes(withLine(8, `      - "${escaped}内容"`)));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_PLACEHOLDER']);
  });

  it.each([['printed:'], ['printed: ""'], ['printed: "  "']])('%s asks for the date with an example in the issue’s month', (line) => {
    const r = loadIssue('a.yaml', bytes(withLine(2, 'period: 2022-02').replace('printed: 2021-01-29', line)));
    const d = r.diagnostics.find((x) => x.field === 'printed');
    expect(formatDiagnostic(d!)).toContain(' 印发日期（printed）：现在为空，请填写（');
    expect(d?.hint).toBe('写作 YYYY-MM-DD，例如 printed: 2022-02-28');
  });

  it('a printed date that is wrong but not empty keeps its own message', () => {
    const r = loadIssue('a.yaml', bytes(VALID.replace('printed: 2021-01-29', 'printed: 2021年1月29日')));
    const d = r.diagnostics.find((x) => x.field === 'printed');
    expect(d?.message).not.toContain('请填写');
    expect(d?.hint).toContain('2021-01-29');
  });
});
