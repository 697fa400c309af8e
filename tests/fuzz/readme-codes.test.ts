/**
 * The README's "Diagnostics codes" table lists every code the sources can emit, and only those, so
 * that the codes clerks' scripts rely on stay documented.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** Every code written as a literal in src/, plus the W_ codes made from composer event kinds (src/index.ts). */
function codesInSources(): Set<string> {
  const codes = new Set<string>();
  for (const f of sourceFiles('src')) {
    for (const m of readFileSync(f, 'utf8').matchAll(/['"`]([EW]_[A-Z0-9_]+)['"`]/g)) codes.add(m[1]!);
  }
  const types = readFileSync('src/compose/types.ts', 'utf8');
  const event = /export interface ComposeEvent \{\s*kind:([^;]*);/.exec(types);
  expect(event, 'ComposeEvent.kind not found in src/compose/types.ts').not.toBeNull();
  for (const m of event![1]!.matchAll(/'([a-z-]+)'/g)) codes.add(`W_${m[1]!.toUpperCase().replace(/-/g, '_')}`);
  return codes;
}

function readmeSection(): string {
  const readme = readFileSync('README.md', 'utf8');
  const start = readme.indexOf('## Diagnostics codes');
  expect(start).toBeGreaterThan(-1);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

describe('README: Diagnostics codes', () => {
  it('lists every code used in src/, and no other', () => {
    const used = codesInSources();
    const section = readmeSection();
    const listed = new Set([...section.matchAll(/`([EW]_[A-Z0-9_]+)`/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((c) => !listed.has(c)).sort(), 'codes missing from the README table').toEqual([]);
    expect([...listed].filter((c) => !used.has(c)).sort(), 'README codes no source uses').toEqual([]);
  });

  it('states the exit codes', () => {
    const section = readmeSection();
    for (const s of ['`0` ok', '`1` invalid input', '`2` usage error', '`3`']) expect(section).toContain(s);
  });
});
