import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diag.js';
import { loadSource, MAX_SOURCE_BYTES } from '../../src/source/parse.js';

const FILE = 'issues/x.yaml';
const parse = (text: string, options = {}) => loadSource(FILE, new TextEncoder().encode(text), options);
const errors = (text: string): Diagnostic[] => parse(text).diagnostics.filter((d) => d.severity === 'error');
/** The one error a snippet produces, as "line:column code". */
const only = (text: string): Diagnostic => {
  const ds = errors(text);
  expect(ds, JSON.stringify(ds, null, 1)).toHaveLength(1);
  return ds[0]!;
};
const at = (d: Diagnostic): string => `${d.span.line}:${d.span.column}`;
const isChinese = (s: string): boolean => /[\u4e00-\u9fff]/.test(s);

describe('loadSource: well-formed input', () => {
  it('keeps YAML 1.1 look-alikes as strings (core schema)', () => {
    const p = parse('period: 2021-01\nprinted: 2021-01-29\nflag: yes\n');
    expect(p.diagnostics).toEqual([]);
    expect(p.doc?.toJS()).toEqual({ period: '2021-01', printed: '2021-01-29', flag: 'yes' });
  });

  it('positions stay right with CRLF line ends', () => {
    const p = parse('a: 1\r\nb: 2\r\n\tc: 3\r\n');
    const d = p.diagnostics[0]!;
    expect(at(d)).toBe('3:1');
    expect(d.code).toBe('E_YAML_TAB');
  });

  it('positions stay right after a BOM', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('a: 1\na: 2\n')]);
    const d = loadSource(FILE, bytes).diagnostics[0]!;
    expect(at(d)).toBe('2:1');
  });

  it('uses the file name as given', () => {
    expect(only('a: [1\n').span.file).toBe(FILE);
  });
});

describe('loadSource: YAML errors in Chinese, at the right place', () => {
  it('tab indentation', () => {
    const d = only('publication: x\nsections:\n\t- title: y\n');
    expect([at(d), d.code]).toEqual(['3:1', 'E_YAML_TAB']);
    expect(d.message).toContain('Tab');
    expect(d.hint).toContain('空格');
  });

  it('duplicate key names the key and where it was first written', () => {
    const d = only('publication: x\nperiod: 2021-01\npublication: y\n');
    expect([at(d), d.code]).toEqual(['3:1', 'E_YAML_DUPLICATE_KEY']);
    expect(d.message).toBe('字段“publication”重复出现（第 1 行已写过）');
  });

  it('a section written without its "- ": one message at its title, not one per repeated key', () => {
    const d = only('sections:\n  - title: a\n    items:\n      - x\n    title: b\n    items:\n      - y\n');
    expect([at(d), d.code]).toEqual(['5:5', 'E_YAML_DUPLICATE_KEY']);
    expect(d.message).toBe('字段“title”重复出现（第 2 行已写过）：这里像是新的一个栏目，少了开头的“- ”');
    expect(d.hint).toContain('- title');
  });

  it('duplicate key inside a section', () => {
    const d = only('sections:\n  - title: a\n    title: b\n');
    expect([at(d), d.code]).toEqual(['3:5', 'E_YAML_DUPLICATE_KEY']);
  });

  it('unclosed quote: at the quote that opens, with its field (yaml points at the end of the file)', () => {
    const d = only('publication: "abc\nperiod: 2021-01\n');
    expect(d.code).toBe('E_YAML_SYNTAX');
    expect(d.message).toContain('引号');
    const deep = only('publication: x\nsections:\n  - title: "abc\n    items:\n      - y\nprinted: 2021-01-29\n');
    expect([at(deep), deep.field]).toEqual(['3:12', 'sections[1].title']);
  });

  it("yaml's errors name the field of their line", () => {
    const d = only('sections:\n  - title: a\n    items:\n      - "x"，y\n');
    expect(d.field).toBe('sections[1].items[1]');
    expect(only('publication: x\nperiod:2021-01\n').field).toBe('period');
  });

  it('unclosed bracket', () => {
    const d = only('送: [甲, 乙\nprinted: 2021-01-29\n');
    expect([at(d), d.message]).toEqual(['2:1', '方括号“[”没有配对的“]”，或其后的内容缩进不够']);
  });

  it('an ASCII colon inside a value', () => {
    const d = only('title: 会议: 总结\n');
    expect([at(d), d.code]).toEqual(['1:8', 'E_YAML_SYNTAX']);
    expect(d.hint).toContain('中文冒号');
  });

  it('misaligned indentation', () => {
    const d = only('a:\n  b: 1\n c: 2\n');
    expect([at(d), d.code, d.field]).toEqual(['3:2', 'E_YAML_INDENT', 'a.c']);
    expect(d.message).toBe('字段“c”没有和同一层的字段“b”（第 2 行）对齐：“b”从第 3 列开始，“c”从第 2 列开始');
  });

  it('a colon without the space after it, or a full-width one', () => {
    const d = only('publication: x\nperiod:2021-01\n');
    expect([at(d), d.code, d.message]).toEqual(['2:1', 'E_YAML_SYNTAX', '字段名“period”后的冒号后面缺少空格：应写成“period: 2021-01”']);
    const w = only('publication: x\nperiod：2021-01\n');
    expect([at(w), w.message]).toEqual(['2:1', '字段名“period”后用了中文冒号“：”：应为英文冒号加空格，写成“period: 2021-01”']);
    const label = only('distribution:\n  报：市应急管理局\n  送: 各处室\n');
    expect(label.message).toContain('字段名“报”后用了中文冒号');
  });

  it('a file typed with full-width colons: every such line is reported, not only the first of a run', () => {
    const ds = errors('publication：刊名\nperiod：2021-01\neditor：办公室\nsections:\n  - title：栏目\n    items:\n      - x\n');
    expect(ds.map((d) => `${at(d)} ${d.field}`)).toEqual(['1:1 publication', '2:1 period', '3:1 editor', '5:5 ']);
    expect(ds.every((d) => d.message.includes('中文冒号'))).toBe(true);
  });

  it('a field name with no colon at all', () => {
    const d = only('sections:\n  - title 工作动态\n    items:\n      - x\n');
    expect([at(d), d.message]).toEqual(['2:5', '字段名“title”后缺少英文冒号：应写成“title: 工作动态”']);
  });

  it('text after a closing quote', () => {
    const d = only('sections:\n  - title: a\n    items:\n      - "1月26日"，支部参加了学习\n');
    expect([at(d), d.code]).toEqual(['4:16', 'E_YAML_SYNTAX']);
    expect(d.message).toBe('引号括起的内容后面还有文字“，支部参加了学习”');
  });

  it('text cut off by " #": a "#" written against the text after it', () => {
    const d = only('sections:\n  - title: a\n    items:\n      - 第一条 #3 号文件\n');
    expect([at(d), d.code, d.field]).toEqual(['4:13', 'E_YAML_COMMENT', 'sections[1].items[1]']);
    expect(d.message).toBe('“#”及其后的文字“#3 号文件”会被当作注释，不会印出');
    expect(only('editor: 办公室 #2编\n').span.column).toBe(13);
    // Comments written as comments stay comments (bulletin new writes its hints so).
    const ok = parse('# 一月\nperiod: 2021-01  # 一月\nsections:\n  # 栏目\n  - title: a   # 栏目标题\n    items:   # 条目\n      - "条目 #1" # 引号里的 # 是正文\n');
    expect(ok.diagnostics).toEqual([]);
  });

  it('a comment after an item\'s text is a warning: it is not printed', () => {
    const ds = parse('sections:\n  - title: a\n    items:\n      - 第一条 # 第二句\n').diagnostics;
    expect(ds.map((d) => [at(d), d.severity, d.code, d.field])).toEqual([['4:13', 'warning', 'W_YAML_COMMENT', 'sections[1].items[1]']]);
    expect(ds[0]!.message).toBe('条目后的“# 第二句”是注释，不会印出');
  });

  it('a line without a colon', () => {
    const d = only('publication x\nperiod: 2021-01\n');
    expect([at(d), d.code]).toEqual(['1:1', 'E_YAML_SYNTAX']);
    expect(d.message).toContain('冒号');
  });

  it('reserved first character', () => {
    const d = only('editor: @办公室\n');
    expect([at(d), d.message]).toEqual(['1:9', '内容不能以“@”开头']);
  });

  it('a second document', () => {
    const d = only('publication: x\n---\nperiod: 2021-01\n');
    expect([at(d), d.code]).toEqual(['2:1', 'E_YAML_MULTIPLE_DOCS']);
  });

  it('every message is Chinese; unknown codes keep yaml\'s English after the Chinese', () => {
    for (const text of ['a: [1\n', 'a: "x\n', '- a\nb: 1\n', 'a: "\\q"\n', '? [a]\n: 1\n']) {
      for (const d of errors(text)) expect(isChinese(d.message), d.message).toBe(true);
    }
  });

  it('reports one error per line, not yaml\'s echoes', () => {
    const ds = errors('a: 1\n b: 2\n');
    expect(new Set(ds.map((d) => d.span.line)).size).toBe(ds.length);
  });
});

describe('loadSource: YAML features a clerk never needs', () => {
  it('anchors, aliases and tags: one error per kind at its first use, with the count', () => {
    const ds = errors('a: &x 1\nb: *x\nc: *x\nd: !!str 3\n');
    expect(ds.map((d) => [at(d), d.code, d.message])).toEqual([
      ['1:4', 'E_YAML_ANCHOR', '不支持 YAML 锚点“&x”'],
      ['2:4', 'E_YAML_ALIAS', '不支持 YAML 别名“*x”（共 2 处）'],
      ['4:4', 'E_YAML_TAG', '不支持 YAML 类型标签“!!str”'],
    ]);
  });

  it('a list or mapping used as a key', () => {
    const d = only('? [a]\n: 1\n');
    expect([at(d), d.code]).toEqual(['1:3', 'E_YAML_KEY']);
  });

  it('the billion-laughs alias bomb is refused fast', () => {
    const bytes = readFileSync(new URL('../fixtures/bad/billion-laughs.yaml', import.meta.url));
    const p = loadSource('bomb.yaml', bytes);
    expect(p.diagnostics.map((d) => [at(d), d.code])).toEqual([
      ['2:4', 'E_YAML_ANCHOR'],
      ['3:8', 'E_YAML_ALIAS'],
    ]);
    expect(p.diagnostics[1]!.message).toContain('共 72 处');
  });
});

describe('loadSource: size limits', () => {
  // Their speed is measured by `npm run bench`, not asserted here (a timed unit test fails on a
  // loaded machine): these check what is refused, and that it is refused before parsing.
  const timed = (bytes: Uint8Array, options = {}) => ({ p: loadSource(FILE, bytes, options) });

  it('a file over the byte limit (8 MB) is refused at once, naming the limit', () => {
    const bytes = new TextEncoder().encode('items:\n' + '  - 一条很长的内容，重复很多次。\n'.repeat(200_000));
    expect(bytes.length).toBeGreaterThan(MAX_SOURCE_BYTES);
    const { p } = timed(bytes);
    expect(p.diagnostics.map((d) => d.code)).toEqual(['E_TOO_LARGE']);
    expect(p.diagnostics[0]!.message).toMatch(/^文件过大：\d+(\.\d+)? MB，超出了 8 MB 的上限$/);
  });

  it('a file of many tiny items under the byte limit is refused by the token limit, fast', () => {
    const bytes = new TextEncoder().encode('items:\n' + '  - a\n'.repeat(300_000));
    expect(bytes.length).toBeLessThan(MAX_SOURCE_BYTES);
    const { p } = timed(bytes);
    expect(p.diagnostics.map((d) => d.code)).toEqual(['E_TOO_LARGE']);
  });

  it('the largest file under the token limit still parses quickly', () => {
    const text = 'x:\n' + Array.from({ length: 2400 }, (_, i) => `  k${i}: v\n`).join('');
    const { p } = timed(new TextEncoder().encode(text));
    expect(p.diagnostics).toEqual([]);
  });

  it('deep bracket nesting is refused instead of overflowing the stack', () => {
    const { p } = timed(new TextEncoder().encode(`a: ${'['.repeat(2000)}${']'.repeat(2000)}\n`));
    expect(p.diagnostics.map((d) => d.code)).toEqual(['E_TOO_LARGE']);
  });

  it('deep indentation is refused at the offending line', () => {
    const text = 'a:\n' + Array.from({ length: 80 }, (_, i) => `${' '.repeat(2 * i)}- \n`).join('');
    const { p } = timed(new TextEncoder().encode(text));
    expect(p.diagnostics.map((d) => [d.code, d.span.line])).toEqual([['E_TOO_LARGE', 67]]);
  });

  it('the limits can be set by the caller', () => {
    const { p } = timed(new TextEncoder().encode('a: 1\nb: 2\n'), { maxTokens: 3 });
    expect(p.diagnostics.map((d) => d.code)).toEqual(['E_TOO_LARGE']);
  });
});
