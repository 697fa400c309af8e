import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diag.js';
import { loadIssue } from '../../src/source/load.js';
import { loadSource } from '../../src/source/parse.js';

const FILE = 'issues/x.yaml';
const SAMPLE = readFileSync(new URL('../../issues/2021-01.yaml', import.meta.url), 'utf8');
const enc = (t: string): Uint8Array => new TextEncoder().encode(t);
const errorsOf = (ds: readonly Diagnostic[]): Diagnostic[] => ds.filter((d) => d.severity === 'error');
/** The one error the front half finds in `text`. */
const only = (text: string): Diagnostic => {
  const ds = errorsOf(loadIssue(FILE, enc(text)).diagnostics);
  expect(ds, JSON.stringify(ds, null, 1)).toHaveLength(1);
  return ds[0]!;
};
const at = (d: Diagnostic): string => `${d.span.line}:${d.span.column}`;
/** The sample with line `n` (1-based) indented `by` more (or fewer) spaces. */
const shifted = (n: number, by: number): string =>
  SAMPLE.split('\n')
    .map((l, i) => (i === n - 1 ? (by > 0 ? ' '.repeat(by) + l : l.slice(-by)) : l))
    .join('\n');
const lineOf = (text: string): number => SAMPLE.split('\n').findIndex((l) => l.startsWith(text)) + 1;
/** An issue's content without positions, to compare two readings of one file. */
const meaning = (text: string): string =>
  JSON.stringify(loadIssue(FILE, enc(text)).issue, (k, v: unknown) => (k === 'span' || k === 'sourceBytes' ? undefined : v));

describe('a misindented line gets one message, at that line', () => {
  it('a list item one column left of the item above', () => {
    const n = lineOf('      - 1月26日');
    const d = only(shifted(n, -1));
    expect([at(d), d.code, d.field]).toEqual([`${n}:6`, 'E_YAML_INDENT', 'sections[1].items[2]']);
    expect(d.message).toBe(`这一条的“-”没有和同一列表的上一条对齐：上一条（第 ${n - 1} 行）的“-”在第 7 列，这一条的在第 6 列`);
    expect(d.hint).toContain('移到第 7 列');
  });

  it('a list item one column right of the item above: yaml joins it to that item, and we say so', () => {
    const n = lineOf('      - 1月26日');
    const text = shifted(n, 1);
    // yaml itself finds nothing wrong: the two items are read as one.
    expect(errorsOf(loadSource(FILE, enc(text)).diagnostics.filter((d) => d.code !== 'E_YAML_INDENT'))).toEqual([]);
    const d = only(text);
    expect([at(d), d.code, d.field]).toEqual([`${n}:8`, 'E_YAML_INDENT', 'sections[1].items[2]']);
    expect(d.message).toContain('被当成了上一条文字的延续');
    expect(d.hint).toContain('加引号');
  });

  it('the first item of a list shifted: the first item is blamed, not the second one yaml trips over', () => {
    const n = lineOf('      - 1月25日');
    for (const by of [-1, 1, 2]) {
      const d = only(shifted(n, by));
      expect([at(d), d.code], `shift ${by}`).toEqual([`${n}:${7 + by}`, 'E_YAML_INDENT']);
      expect(d.message).toBe(`这一条的“-”没有和同一列表的其他各条对齐：它在第 ${7 + by} 列，应在第 7 列`);
    }
  });

  it('a section whose "- title" line is shifted: the dash is blamed, not the "items" under it', () => {
    const n = lineOf('  - title: 协会党建');
    const d = only(shifted(n, 1));
    expect([at(d), d.field]).toEqual([`${n}:4`, 'sections[1].title']);
    expect(d.message).toContain('应在第 3 列');
  });

  it('a key between two levels', () => {
    const n = lineOf('    items:');
    const d = only(shifted(n, -1));
    expect([at(d), d.field]).toEqual([`${n}:4`, 'sections[1].items']);
    expect(d.message).toBe(`字段“items”没有和同一层的字段“title”（第 ${n - 1} 行）对齐：“title”从第 5 列开始，“items”从第 4 列开始`);
  });

  it('a key indented past the key above it', () => {
    const n = lineOf('  送:');
    const d = only(shifted(n, 1));
    expect([at(d), d.field]).toEqual([`${n}:4`, 'distribution.送']);
    expect(d.message).toBe(`字段“送”比同一层的字段“报”（第 ${n - 1} 行）多缩进了 1 格`);
  });

  it('the first key under "distribution:" left at the top level', () => {
    const n = lineOf('  报:');
    const d = only(shifted(n, -2));
    expect([at(d), d.field]).toEqual([`${n}:1`, 'distribution.报']);
    expect(d.message).toContain('没有缩进到“distribution”');
  });

  it('a label of distribution left at the top level, and a top-level field indented into distribution', () => {
    const label = only(shifted(lineOf('  送:'), -2));
    expect([at(label), label.code]).toEqual([`${lineOf('  送:')}:1`, 'E_SCHEMA_UNKNOWN']);
    expect(label.hint).toContain('distribution');
    const printed = only(shifted(lineOf('printed:'), 2));
    expect([at(printed), printed.code, printed.field]).toEqual([`${lineOf('printed:')}:3`, 'E_SCHEMA_REQUIRED', 'printed']);
    expect(printed.message).toContain('写在了“distribution”里面');
  });

  it('a tab: one message, none of yaml\'s echoes around it', () => {
    const n = lineOf('      - 1月25日');
    const text = SAMPLE.split('\n')
      .map((l, i) => (i === n - 1 ? `\t- ${l.trim().slice(2)}` : l))
      .join('\n');
    const d = only(text);
    expect([at(d), d.code]).toEqual([`${n}:1`, 'E_YAML_TAB']);
  });

  it('full-width spaces (a Chinese input method\'s) as indentation', () => {
    const n = lineOf('      - 1月26日');
    const d = only(SAMPLE.replace('      - 1月26日', '\u3000\u3000\u3000- 1月26日'));
    expect([at(d), d.code]).toEqual([`${n}:1`, 'E_YAML_INDENT']);
    expect(d.message).toContain('全角空格');
  });

  it('a field name without its colon is reported alone, not with the list under it as joined text', () => {
    const n = lineOf('  - title: 工作动态');
    const d = only(SAMPLE.replace('  - title: 工作动态', '  - title 工作动态'));
    expect([at(d), d.message]).toEqual([`${n}:5`, '字段名“title”后缺少英文冒号：应写成“title: 工作动态”']);
  });

  it('a list item begun with a full-width dash, or with no space after its "-"', () => {
    const n = lineOf('  - title: 协会党建');
    const wide = only(SAMPLE.replace('  - title: 协会党建', '  － title: 协会党建'));
    expect([at(wide), wide.code]).toEqual([`${n}:3`, 'E_YAML_SYNTAX']);
    expect(wide.message).toContain('全角');
    const m = lineOf('      - 1月26日');
    const tight = only(SAMPLE.replace('      - 1月26日', '      -1月26日'));
    expect([at(tight), tight.message]).toEqual([`${m}:7`, '“-”后面缺少空格：列表的每一项以“-”加一个空格开头']);
    // Every item so: yaml reads each section's items as one text; the schema says so per section,
    // with the dash named.
    const all = errorsOf(loadIssue(FILE, enc(SAMPLE.replace(/^ {6}- /gm, '      － '))).diagnostics);
    expect(all.length).toBe(SAMPLE.match(/^ {2}- title/gm)!.length);
    for (const d of all) expect(d.hint).toContain('“－”不是列表的标记');
  });

  it('every line of the sample moved by one or two columns: one error at that line, or the same issue', () => {
    const lines = SAMPLE.split('\n');
    const same = meaning(SAMPLE);
    let blamed = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!/\S/.test(lines[i]!) || /^\s*#/.test(lines[i]!)) continue;
      const lead = /^ */.exec(lines[i]!)![0].length;
      for (const by of [-2, -1, 1, 2]) {
        if (lead + by < 0) continue;
        const text = shifted(i + 1, by);
        const ds = errorsOf(loadIssue(FILE, enc(text)).diagnostics);
        if (ds.length === 0) {
          // Valid YAML of the same shape: a list of one item may sit at any column.
          expect(meaning(text), `line ${i + 1} by ${by}`).toBe(same);
          continue;
        }
        expect(ds.map((d) => d.span.line), `line ${i + 1} by ${by}: ${ds.map((d) => d.message).join(' | ')}`).toEqual([i + 1]);
        blamed++;
      }
    }
    expect(blamed).toBeGreaterThan(100);
  });
});

describe('valid files are left alone', () => {
  const cases: Record<string, string> = {
    'lists at their key\'s own indentation': 'sections:\n- title: a\n  items:\n  - x\n  - y\n- title: b\n  items:\n  - z\nperiod: 2021-01\n',
    'a block scalar holding lines that start with "- "': 'sections:\n  - title: a\n    items:\n      - |\n        - 第一\n          - 第二\n      - y\n',
    'quoted text over several lines with "- " and "key: " in it': 'sections:\n  - title: a\n    items:\n      - "第一行\n        - 不是新的一条\n       key: 也不是字段"\n      - y\n',
    'plain text wrapped over deeper lines': 'sections:\n  - title: a\n    items:\n      - 第一行\n        第二行\n          第三行\n      - y\n',
    'comments at any column': 'sections:\n# x\n  - title: a\n      # y\n    items:\n   # z\n      - x\n',
    'items written as "text:"': 'sections:\n  - title: a\n    items:\n      - text: 第一\n      - text: 第二\n',
  };
  for (const [name, text] of Object.entries(cases)) {
    it(name, () => {
      const parsed = loadSource(FILE, enc(text));
      expect(errorsOf(parsed.diagnostics)).toEqual([]);
    });
  }

  it('the sample', () => {
    expect(loadIssue(FILE, enc(SAMPLE)).diagnostics).toEqual([]);
  });
});
