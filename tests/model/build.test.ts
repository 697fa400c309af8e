import { existsSync, readFileSync } from 'node:fs';
import { partItems } from '../../src/model/parts.js';
import { describe, expect, it } from 'vitest';
import { buildIssue } from '../../src/model/build.js';
import { loadSource } from '../../src/source/parse.js';
import { loadIssue } from '../../src/source/load.js';
import { FILE, load, VALID, withLine } from '../schema/issue.js';

/** The shared sample (its copy under tests/fixtures) and the project's issue file. */
const SAMPLES = ['../fixtures/examples/2021-01.yaml', '../../issues/2021-01.yaml']
  .map((p) => new URL(p, import.meta.url))
  .filter((u) => existsSync(u));

describe('the sample issue', () => {
  it('is present', () => {
    expect(SAMPLES.length).toBeGreaterThan(0);
  });

  for (const url of SAMPLES) {
    it(`loads with no diagnostics and the expected model: ${url.pathname.split('/').slice(-3).join('/')}`, () => {
      const bytes = readFileSync(url);
      const { issue, diagnostics } = loadIssue('issues/2021-01.yaml', bytes);
      expect(diagnostics).toEqual([]);
      if (!issue) throw new Error('no issue');
      expect(issue.file).toBe('issues/2021-01.yaml');
      expect(issue.sourceBytes).toBe(bytes);
      expect(issue.publication.value).toBe('上海市安全生产协会信息动态');
      expect(issue.publication.span).toMatchObject({ file: 'issues/2021-01.yaml', line: 2, column: 14 });
      expect(issue.period).toMatchObject({ year: 2021, month: 1, span: { line: 3, column: 9 } });
      expect(issue.printed).toMatchObject({ year: 2021, month: 1, day: 29, span: { line: 36 } });
      expect(issue.editor.value).toBe('上海市安全生产协会办公室编');
      expect(issue.number).toBeUndefined();
      expect(issue.total).toBeUndefined();
      expect(issue.copies).toBeUndefined();
      expect(issue.printer).toBeUndefined();
      expect(issue.sections.map((s) => s.heading.value)).toEqual([
        '【协会党建】',
        '【工作动态】',
        '【安全培训】',
        '【安全文化】',
        '【安全社区】',
        '【团体标准】',
        '【专家管理】',
      ]);
      expect(issue.sections.map((s) => partItems(s).length)).toEqual([2, 4, 1, 1, 2, 1, 2]);
      expect(partItems(issue.sections[0]!)[0]!.text.value.startsWith('1月25日，协会党支部')).toBe(true);
      expect(issue.distribution.map((d) => [d.label.value, d.recipients.map((r) => r.value)])).toEqual([
        ['报', ['市应急管理局领导']],
        ['送', ['市应急管理局机关各处室']],
      ]);
    });
  }

  it('every character of every item maps to the same character in the source', () => {
    const text = readFileSync(SAMPLES[0]!, 'utf8');
    const lines = text.split('\n');
    const { issue } = loadIssue('s.yaml', new TextEncoder().encode(text));
    for (const item of issue!.sections.flatMap((s) => partItems(s))) {
      const t = item.text;
      for (let i = 0; i < t.value.length; i++) {
        const span = t.at(i);
        expect([...lines[span.line - 1]!][span.column - 1]).toBe(String.fromCodePoint(t.value.codePointAt(i)!));
      }
    }
  });
});

describe('buildIssue', () => {
  it('reads the optional fields, {text} items and list recipients', () => {
    const text = VALID.replace('number: 1', 'number: 1\ntotal: 215').replace(
      'printed: 2021-01-29',
      'printed: 2021-01-29\ncopies: 300\nprinter: 协会办公室',
    );
    const { issue, diagnostics } = load(text);
    expect(diagnostics).toEqual([]);
    expect(issue!.number).toMatchObject({ value: 1, span: { line: 3, column: 9 } });
    expect(issue!.total).toMatchObject({ value: 215, span: { line: 4, column: 8 } });
    expect(issue!.copies).toMatchObject({ value: 300, span: { line: 15, column: 9 } });
    expect(issue!.printer?.value).toBe('协会办公室');
    const items = partItems(issue!.sections[0]!);
    expect(items.map((i) => i.text.value)).toEqual(['第一条', '第二条']);
    expect(items[1]!.span).toMatchObject({ line: 10, column: 9 });
    expect(items[1]!.text.span).toMatchObject({ line: 10, column: 15 });
    expect(issue!.distribution[1]!.recipients.map((r) => [r.value, r.span.column])).toEqual([
      ['甲', 7],
      ['乙', 10],
    ]);
  });

  it('keeps a heading already in 【】 and maps the added brackets to the title', () => {
    const kept = load(withLine(6, '  - title: 【协会党建】')).issue!.sections[0]!.heading;
    expect(kept.value).toBe('【协会党建】');
    const wrapped = load(VALID).issue!.sections[0]!.heading;
    expect(wrapped.value).toBe('【协会党建】');
    expect(wrapped.at(0)).toMatchObject({ line: 6, column: 12 }); // added 【 → first character
    expect(wrapped.at(1)).toMatchObject({ line: 6, column: 12 }); // 协
    expect(wrapped.at(4)).toMatchObject({ line: 6, column: 15 }); // 建
    expect(wrapped.at(5)).toMatchObject({ line: 6, column: 16 }); // added 】 → just after
  });

  it('uses the file name it is given in every span', () => {
    const parsed = loadSource('a.yaml', new TextEncoder().encode(VALID));
    const issue = buildIssue('other/b.yaml', parsed.bytes, parsed);
    expect(issue.file).toBe('other/b.yaml');
    expect(partItems(issue.sections[0]!)[0]!.text.at(1).file).toBe('other/b.yaml');
  });

  it('throws (a bug, not a diagnostic) on a document that was not validated', () => {
    const parsed = loadSource(FILE, new TextEncoder().encode('- a\n'));
    expect(() => buildIssue(FILE, parsed.bytes, parsed)).toThrow(Error);
  });
});
