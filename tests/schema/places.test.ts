/**
 * Messages name the place as the clerk thinks of it — the section by number and title, the YAML key
 * in parentheses where it is typed — never a code path such as sections[2].items[3].lead; the
 * machine path stays in `field` for programs.
 */
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diag.js';
import { formatField, parseField, placeOf } from '../../src/schema/fields.js';
import { ARTICLE, load, VALID } from './issue.js';

/** The one line `check` prints for a text that has exactly one problem. */
const line = (text: string): string => {
  const ds = load(text).diagnostics;
  expect(ds.map(formatDiagnostic)).toHaveLength(1);
  return formatDiagnostic(ds[0]!);
};

/** No code path (a key after a dot or a bracket) in front of the message. */
const noCodePath = (s: string): void => expect(s.replace(/^\S+ /, '')).not.toMatch(/[a-z_\]]\.[a-z\u4e00-\u9fff]|\[\d+\]|字段 [a-z]/);

describe('places in messages', () => {
  it("an item's lead: 第2个栏目（工作动态）第2条的小标题（lead）", () => {
    const s = line(ARTICLE.replace('{lead: 党建引领。,', '{lead: "",'));
    expect(s).toBe('issues/x.yaml:18:16 第2个栏目（工作动态）第2条的小标题（lead）：不能为空 [E_SCHEMA_EMPTY]');
    noCodePath(s);
    expect(load(ARTICLE.replace('{lead: 党建引领。,', '{lead: "",')).diagnostics[0]!.field).toBe('sections[2].items[2].lead');
  });

  it("an article's paragraph: 第1篇文章（…）的第2段", () => {
    const s = line(ARTICLE.replace('      - 会议强调，要充分发挥老科技工作者的优势和作用。', '      - ""'));
    expect(s).toBe('issues/x.yaml:13:9 第1篇文章（老科协举办2022年度理…）的第2段：不能为空 [E_SCHEMA_EMPTY]');
    noCodePath(s);
  });

  it('a 报/送 list and one of its units: 报尾“送”的名单, 报尾“送”的第2个单位', () => {
    expect(line(VALID.replace('送: [甲, 乙]', '送: []'))).toBe('issues/x.yaml:12:6 报尾“送”的名单：不能为空：至少要写一个单位 [E_SCHEMA_EMPTY]');
    expect(line(VALID.replace('送: [甲, 乙]', '送: [甲, 3]'))).toBe('issues/x.yaml:12:10 报尾“送”的第2个单位：应为文字，实际为数字 3（如确要写成这样，请加引号） [E_SCHEMA_TYPE]');
  });

  it('a 报/送 label is named as a label, not as its list', () => {
    const s = line(VALID.replace('送: [甲, 乙]', '送送送送送送送送送送送: [甲, 乙]'));
    expect(s).toMatch(/^issues\/x\.yaml:12:3 报尾的标签“送送送送送送送送送送送”：过长：共 11 个字符，上限为 10 个（/);
  });

  it('a top-level field: its Chinese name with the key to type', () => {
    expect(line(VALID.replace('editor: 办公室编', 'editor: ""'))).toBe('issues/x.yaml:4:9 编印单位（editor）：不能为空 [E_SCHEMA_EMPTY]');
    expect(line(VALID.replace('publication: 信息动态', 'publication: ""'))).toBe('issues/x.yaml:1:14 刊名（publication）：不能为空 [E_SCHEMA_EMPTY]');
  });

  it('a section title that is itself missing: said at the section, with what to type', () => {
    const s = line(VALID.replace('  - title: 协会党建\n    items:', '  - items:'));
    expect(s).toBe('issues/x.yaml:6:5 第1个栏目：缺少必填字段“title”（栏目标题）（例如“title: 协会党建”） [E_SCHEMA_REQUIRED]');
    const d = load(VALID.replace('  - title: 协会党建\n    items:', '  - items:')).diagnostics[0]!;
    expect(d.field).toBe('sections[1].title');
    expect(d.place).toBe('第1个栏目');
  });

  it('an unknown key: the key as written, under the section that holds it, and what to type', () => {
    const s = line(VALID.replace('    items:', '    itemz:'));
    expect(s).toBe('issues/x.yaml:7:5 第1个栏目（协会党建）的“itemz”：不认识这个字段，是否应为“items”（条目）？ [E_SCHEMA_UNKNOWN]');
  });

  it('a problem found after the layout (fonts) names the section by its title too', async () => {
    const { compile, loadWorld } = await import('../../src/index.js');
    const { defaultFontsDir } = await import('../../src/fonts/registry.js');
    const r = await compile('x.yaml', new TextEncoder().encode(ARTICLE.replace('党建引领。', '党建引领😀。')), loadWorld({ fontsDir: defaultFontsDir() }), { render: false });
    const w = r.diagnostics.find((d) => d.code === 'W_FALLBACK_FONT');
    expect(w?.place).toBe('第2个栏目（工作动态）第2条的小标题（lead）');
  });

  it('field paths: formatField and parseField are inverses; placeOf covers every shape', () => {
    for (const p of [['period'], ['publication', 1], ['sections', 2, 'items', 3, 'lead'], ['distribution', '报'], ['distribution', '抄 送', 1], ['sections', 0, 'paragraphs', 4]]) {
      expect(parseField(formatField(p))).toEqual(p);
    }
    expect(parseField('sections[1]..x')).toBeUndefined();
    const names = (i: number) => (i === 0 ? { kind: 'items' as const, title: '协会党建' } : { kind: 'article' as const, title: '一篇文章' });
    expect(placeOf(['sections', 0], names)).toBe('第1个栏目（协会党建）');
    expect(placeOf(['sections', 1], names)).toBe('第2篇文章（一篇文章）');
    expect(placeOf(['sections', 1, 'source'], names)).toBe('第2篇文章（一篇文章）的供稿单位（source）');
    expect(placeOf(['sections', 0, 'items', 1, 'text'], names)).toBe('第1个栏目（协会党建）第2条的正文（text）');
    expect(placeOf(['distribution'])).toBe('报尾的分送（distribution）');
    expect(placeOf([])).toBe('');
  });
});
