/** Shared by the clerk's command tests: temp folders and variants of the sample issue. */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Issue } from '../../src/model/types.js';
import { loadIssue } from '../../src/source/load.js';

/** The sample issue of the repository (2021-01, 7 sections, 13 items, 5 pages). */
export const SAMPLE = path.resolve('issues/2021-01.yaml');
/** The seed's plain-text dump and its YAML, copied from shared/examples so a clone needs nothing beside it. */
export const SAMPLE_TXT = path.resolve('tests/fixtures/examples/2021-01.txt');
export const SHARED_YAML = path.resolve('tests/fixtures/examples/2021-01.yaml');

export function sampleText(): string {
  return readFileSync(SAMPLE, 'utf8');
}

/** A fresh temp folder. */
export function tempDir(name: string): string {
  return mkdtempSync(path.join(tmpdir(), `bulletin-${name}-`));
}

/** Writes `text` to `dir/name` (creating `dir`) and returns the path. */
export function put(dir: string, name: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** A small valid issue (builds to one page) with the given register fields. */
export function smallIssue(f: { period: string; number?: number; total?: number; printed: string; items?: string[] }): string {
  const lines = [
    'publication: 上海市安全生产协会信息动态',
    `period: ${f.period}`,
    ...(f.number !== undefined ? [`number: ${f.number}`] : []),
    ...(f.total !== undefined ? [`total: ${f.total}`] : []),
    'editor: 上海市安全生产协会办公室编',
    'sections:',
    '  - title: 工作动态',
    '    items:',
    ...(f.items ?? [`${f.period}，协会召开了月度工作会议。`]).map((t) => `      - ${t}`),
    'distribution:',
    '  报: 市应急管理局领导',
    `printed: ${f.printed}`,
  ];
  return lines.join('\n') + '\n';
}

/** The issue in `file`, asserting that it loads without an error. */
export function load(file: string): Issue {
  const r = loadIssue(file, readFileSync(file));
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.issue!;
}
