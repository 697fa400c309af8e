import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/diag.js';
import { loadIssue, sortDiagnostics } from '../../src/source/load.js';
import { loadSource, toData } from '../../src/source/parse.js';
import { validateSchema } from '../../src/schema/validate.js';
import { VALID, withLine } from '../schema/issue.js';

const span = (line: number, column: number) => ({ file: 'f', line, column, offset: -1 });
const diag = (line: number, column: number, code: string): Diagnostic => ({ severity: 'error', code, span: span(line, column), field: '', message: '' });

describe('loadIssue', () => {
  it('returns an issue exactly when there is no error; warnings do not block', () => {
    const ok = loadIssue('a.yaml', new TextEncoder().encode(withLine(6, '  - title: 协会党建】')));
    expect(ok.issue).toBeDefined();
    expect(ok.diagnostics.map((d) => d.severity)).toEqual(['warning']);
    const bad = loadIssue('a.yaml', new TextEncoder().encode(withLine(2, 'period: 2021-00')));
    expect(bad.issue).toBeUndefined();
  });

  it('never throws on arbitrary bytes', () => {
    for (const bytes of [new Uint8Array([0, 1, 2, 255]), new Uint8Array(), new TextEncoder().encode(':\n- ]\n{')]) {
      const r = loadIssue('a.yaml', bytes);
      expect(r.issue).toBeUndefined();
      expect(r.diagnostics.length).toBeGreaterThan(0);
    }
  });
});

describe('sortDiagnostics', () => {
  it('orders by line then column, keeping ties in order', () => {
    const ds = [diag(3, 1, 'a'), diag(1, 5, 'b'), diag(1, 2, 'c'), diag(1, 2, 'd')];
    expect(sortDiagnostics(ds).map((d) => d.code)).toEqual(['c', 'd', 'b', 'a']);
  });
});

describe('validateSchema', () => {
  it('accepts period and printed given as Date (as a YAML 1.1 parser would give them)', () => {
    const parsed = loadSource('a.yaml', new TextEncoder().encode(VALID));
    const data = toData(parsed.doc!) as Record<string, unknown>;
    const withDates = { ...data, period: new Date(Date.UTC(2021, 0, 1)), printed: new Date(Date.UTC(2021, 0, 29)) };
    expect(validateSchema(parsed.doc!, withDates, parsed.locator)).toEqual([]);
  });
});
