import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diag.js';
import { loadIssue } from '../../src/source/load.js';
import { brief, load, said, VALID, withLine } from './issue.js';

/** The single diagnostic a text produces. */
const one = (text: string) => {
  const { diagnostics } = load(text);
  expect(diagnostics.map(formatDiagnostic)).toHaveLength(1);
  return diagnostics[0]!;
};

describe('schema errors: one positioned Chinese diagnostic per problem', () => {
  it('the valid base issue has none', () => {
    expect(load(VALID).diagnostics).toEqual([]);
  });

  it('unknown key: at the key, with a suggestion', () => {
    const d = one(VALID + 'printd: 2021-01-29\n');
    expect(brief(d)).toBe('14:1 printd E_SCHEMA_UNKNOWN');
    expect(said(d)).toBe('字段“printd”：不认识这个字段，是否应为“printed”（印发日期）？');
  });

  it('a required field under another name is one message, at that name, not also "missing"', () => {
    const d = one(VALID.replace('printed: ', 'date: '));
    expect(d.code).toBe('E_SCHEMA_UNKNOWN');
    expect(said(d)).toBe('字段“date”：不认识这个字段，是否应为“printed”（印发日期）？');
    expect(said(one(VALID.replace('printed: ', '印发日期: ')))).toBe('字段“印发日期”：不认识这个字段，是否应为“printed”？');
    expect(said(one(VALID.replace('    items:', '    item:')))).toBe('第1个栏目（协会党建）的“item”：不认识这个字段，是否应为“items”（条目）？');
  });

  it('unknown key written in Chinese: suggests the English name', () => {
    expect(one(VALID + '印数: 300\n').message).toContain('是否应为“copies”');
  });

  it('unknown key in a section lists the allowed keys', () => {
    const d = one(VALID.replace('    items:', '    colour: red\n    items:'));
    expect(brief(d)).toBe('7:5 sections[1].colour E_SCHEMA_UNKNOWN');
    expect(d.hint).toBe('这里可用的字段：title、items');
  });

  it('missing required key: at the parent mapping, naming the key', () => {
    const d = one(VALID.replace('editor: 办公室编\n', ''));
    expect(brief(d)).toBe('1:1 editor E_SCHEMA_REQUIRED');
    expect(said(d)).toBe('缺少必填字段“editor”（编印单位）');
  });

  it('missing key in a section: at the section', () => {
    const d = one(VALID.replace('distribution:', '  - title: 空栏目\ndistribution:'));
    expect(brief(d)).toBe('10:5 sections[2].items E_SCHEMA_REQUIRED');
    expect(said(d)).toBe('第2个栏目（空栏目）：缺少必填字段“items”（条目）');
  });

  it('empty string', () => {
    const d = one(withLine(4, 'editor: ""'));
    expect(brief(d)).toBe('4:9 editor E_SCHEMA_EMPTY');
    expect(said(d)).toBe('编印单位（editor）：不能为空');
  });

  it('nothing after the colon points at the key', () => {
    const d = one(withLine(4, 'editor:'));
    expect(brief(d)).toBe('4:1 editor E_SCHEMA_TYPE');
    expect(said(d)).toBe('编印单位（editor）：应为文字，实际为空');
  });

  it('whitespace-only string, including full-width spaces', () => {
    expect(brief(one(withLine(8, '      - "   "')))).toBe('8:9 sections[1].items[1] E_SCHEMA_EMPTY');
    const d = one(withLine(8, '      - "\u3000\u3000"'));
    expect(said(d)).toBe('第1个栏目（协会党建）第1条：不能只有空格');
  });

  it('empty list', () => {
    const d = one(VALID.replace('  送: [甲, 乙]', '  送: []'));
    expect(brief(d)).toBe('12:6 distribution.送 E_SCHEMA_EMPTY');
    expect(said(d)).toBe('报尾“送”的名单：不能为空：至少要写一个单位');
  });

  it('empty sections list and empty distribution', () => {
    expect(brief(one(VALID.replace(/sections:\n[\s\S]*?distribution:/, 'sections: []\ndistribution:')))).toBe(
      '5:11 sections E_SCHEMA_EMPTY',
    );
    expect(brief(one(VALID.replace(/distribution:\n[\s\S]*?printed:/, 'distribution: {}\nprinted:')))).toBe(
      '10:15 distribution E_SCHEMA_EMPTY',
    );
  });

  it('wrong type, with what was found', () => {
    const d = one(withLine(3, 'number: 第一期'));
    expect(brief(d)).toBe('3:9 number E_SCHEMA_TYPE');
    expect(said(d)).toBe('期号（number）：应为正整数（如 1），实际为“第一期”');
    const noList = VALID.replace(/sections:\n[\s\S]*?distribution:/, 'sections: 协会党建\ndistribution:');
    expect(said(one(noList))).toBe('栏目（sections）：应为栏目列表，实际为“协会党建”');
  });

  it('number 0', () => {
    const d = one(withLine(3, 'number: 0'));
    expect(brief(d)).toBe('3:9 number E_SCHEMA_RANGE');
    expect(said(d)).toBe('期号（number）：应为正整数（至少为 1），实际为数字 0');
  });

  it('bad period format (the README example), the code last as compilers print theirs', () => {
    const d = one(withLine(2, 'period: 2021/1'));
    expect(formatDiagnostic(d)).toBe('issues/x.yaml:2:9 年月（period）：应为“YYYY-MM”格式的年月（如 2021-01），实际为“2021/1”（应写成“2021-01”） [E_SCHEMA_FORMAT]');
  });

  it('distribution labels typed with full-width colons', () => {
    const d = one(VALID.replace(/^  报: /m, '  报：').replace(/^  送: /m, '  送：'));
    expect(d.field).toBe('distribution');
    expect(d.hint).toContain('中文冒号');
  });

  it('bad printed format, with the date written the way the field takes it', () => {
    const d = one(withLine(13, 'printed: 2021年1月29日'));
    expect(brief(d)).toBe('13:10 printed E_SCHEMA_FORMAT');
    expect(d.hint).toBe('应写成“2021-01-29”');
    expect(one(withLine(13, 'printed: ２０２１．１．２９')).hint).toBe('应写成“2021-01-29”');
    // Not a date at all: no rewriting is offered.
    expect(one(withLine(13, 'printed: 一月底')).hint).toBeUndefined();
    expect(one(withLine(2, 'period: 2021年13月')).hint).toBeUndefined();
  });

  it('an item that is neither text nor {text}: one message, not anyOf noise', () => {
    const d = one(withLine(8, '      - [a, b]'));
    expect(brief(d)).toBe('8:9 sections[1].items[1] E_SCHEMA_TYPE');
    expect(said(d)).toBe('第1个栏目（协会党建）第1条：应为一段文字（或“text: 文字”），实际为列表');
  });

  it('{text} item with an empty text', () => {
    expect(brief(one(withLine(9, '      - text: ""')))).toBe('9:15 sections[1].items[2].text E_SCHEMA_EMPTY');
  });

  it('an item turned into a mapping by an ASCII colon gets one clear message', () => {
    const d = one(withLine(8, '      - 会议指出: 要加强安全'));
    expect(brief(d)).toBe('8:9 sections[1].items[1] E_SCHEMA_ITEM_COLON');
    expect(d.hint).toContain('中文冒号');
  });

  it('a recipient list with a bad entry points at the entry', () => {
    const d = one(VALID.replace('  送: [甲, 乙]', '  送: [甲, 3]'));
    expect(brief(d)).toBe('12:10 distribution.送[2] E_SCHEMA_TYPE');
    expect(said(d)).toBe('报尾“送”的第2个单位：应为文字，实际为数字 3');
  });

  it('a pasted long number is quoted clipped, as text is', () => {
    const d = one(VALID.replace('  送: [甲, 乙]', `  送: [甲, ${'7'.repeat(300)}]`));
    expect(said(d)).toBe(`报尾“送”的第2个单位：应为文字，实际为数字 ${'7'.repeat(20)}…`);
  });

  it('a root that is not a mapping, and an empty file', () => {
    expect(brief(one('- a\n- b\n'))).toBe('1:1  E_SCHEMA_TYPE');
    expect(one('# 只有注释\n').message).toContain('实际为空');
  });
});

describe('semantic checks', () => {
  it('month 13 points at the month', () => {
    const d = one(withLine(2, 'period: 2021-13'));
    expect(brief(d)).toBe('2:14 period E_DATE_INVALID');
    expect(said(d)).toBe('年月（period）：“2021-13”的月份应为 01–12，实际为 13');
  });

  it('2021-02-30 points at the day', () => {
    const d = one(withLine(13, 'printed: 2021-02-30'));
    expect(brief(d)).toBe('13:18 printed E_DATE_INVALID');
    expect(said(d)).toBe('印发日期（printed）：“2021-02-30”不存在：2021年2月只有 28 天，实际写了 30 日');
  });

  it('a leap day is fine, a non-leap one is not', () => {
    expect(load(withLine(13, 'printed: 2024-02-29')).diagnostics).toEqual([]);
    expect(brief(one(withLine(13, 'printed: 2023-02-29')))).toBe('13:18 printed E_DATE_INVALID');
  });

  it('a quoted date is checked at the right column too', () => {
    expect(brief(one(withLine(13, 'printed: "2021-04-31"')))).toBe('13:19 printed E_DATE_INVALID');
  });

  it('years outside 1949–2100', () => {
    const d = one(withLine(2, 'period: 2201-01'));
    expect(brief(d)).toBe('2:9 period E_DATE_RANGE');
    expect(d.message).toContain('1949–2100');
  });

  it('a heading with half its brackets is a warning and still loads', () => {
    const r = load(withLine(6, '  - title: 【协会党建'));
    expect(r.diagnostics.map(brief)).toEqual(['6:12 sections[1].title W_HEADING_BRACKET']);
    expect(r.issue?.sections[0]?.heading.value).toBe('【【协会党建】');
  });

  it('a heading of bare 【】 is an error', () => {
    expect(brief(one(withLine(6, '  - title: 【】')))).toBe('6:12 sections[1].title E_SCHEMA_EMPTY');
  });
});

describe('all problems in one run', () => {
  it('reports every problem of the fixture once, in file order', () => {
    const file = 'tests/fixtures/bad/many-problems.yaml';
    const r = loadIssue(file, readFileSync(new URL('../fixtures/bad/many-problems.yaml', import.meta.url)));
    expect(r.issue).toBeUndefined();
    expect(r.diagnostics.map(brief)).toEqual([
      '2:14 publication E_SCHEMA_EMPTY',
      '3:9 period E_SCHEMA_FORMAT',
      '4:9 number E_SCHEMA_RANGE',
      '5:1 editr E_SCHEMA_UNKNOWN',
      '9:9 sections[1].items[1] E_SCHEMA_EMPTY',
      '10:9 sections[1].items[2] E_SCHEMA_ITEM_COLON',
      '11:9 sections[1].items[3] E_SCHEMA_TYPE',
      '13:12 sections[2].items E_SCHEMA_EMPTY',
      '14:5 sections[3].items E_SCHEMA_REQUIRED',
      '14:12 sections[3].title E_SCHEMA_TYPE',
      '16:6 distribution.报 E_SCHEMA_EMPTY',
      '17:10 distribution.送[2] E_SCHEMA_EMPTY',
      '18:18 printed E_DATE_INVALID',
      '19:9 copies E_SCHEMA_RANGE',
    ]);
    for (const d of r.diagnostics) {
      expect(d.span.file).toBe(file);
      expect(d.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('stops after a YAML error: no schema noise from a broken tree', () => {
    const r = load(VALID.replace('editor: 办公室编', 'editor: 办公室编\n\tbad: 1'));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['E_YAML_TAB']);
  });
});

describe("Word's curly quotes around a whole value (issue 16, item 3)", () => {
  it('a title, a unit and an item wrapped in them: a warning each that says what prints and what to write', () => {
    const ds = load(
      VALID.replace('title: 协会党建', 'title: “协会党建”').replace('报: 市局', '报: “市局”').replace('- 第一条', '- 「第一条」'),
    ).diagnostics;
    expect(ds.map(brief)).toEqual([
      '6:12 sections[1].title W_WRAPPING_QUOTES',
      '8:9 sections[1].items[1] W_WRAPPING_QUOTES',
      '11:6 distribution.报 W_WRAPPING_QUOTES',
    ]);
    expect(ds.every((d) => d.severity === 'warning')).toBe(true);
    expect(ds[0]!.message).toContain('【“协会党建”】');
    expect(ds[0]!.hint).toContain('只写 协会党建');
  });

  it('quotes that close inside the value are text: no warning', () => {
    expect(load(VALID.replace('title: 协会党建', 'title: “十四五”规划')).diagnostics).toEqual([]);
    expect(load(VALID.replace('- 第一条', '- “甲”和“乙”')).diagnostics).toEqual([]);
  });

  it('a print date in curly quotes: the format error says to drop them', () => {
    const d = one(VALID.replace('printed: 2021-01-29', 'printed: “2021-01-29”'));
    expect(d.code).toBe('E_SCHEMA_FORMAT');
    expect(d.hint).toBe('应写成“2021-01-29”，去掉两边的弯引号');
  });
});

describe('a tab inside text (issue 16, item 11)', () => {
  it('is a warning at the tab, with the count, in an item and in a title; the masthead keeps its error', () => {
    const ds = load(VALID.replace('- 第一条', '- "第一\\t条\\t"').replace('title: 协会党建', 'title: "协会\\t党建"')).diagnostics;
    expect(ds.map(brief)).toEqual(['6:15 sections[1].title W_TAB_IN_TEXT', '8:12 sections[1].items[1] W_TAB_IN_TEXT']);
    expect(ds[1]!.message).toContain('共 2 处');
    expect(ds.every((d) => d.severity === 'warning')).toBe(true);
    expect(load(VALID.replace('publication: 信息动态', 'publication: "信息\\t动态"')).diagnostics.map((d) => d.code)).toEqual(['E_CONTROL_CHAR']);
  });
});
