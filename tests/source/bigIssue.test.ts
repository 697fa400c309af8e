/**
 * The 5 MB issue the format allows (issue 18): 306 sections of 30 items, the sample's text. It must
 * pass every input limit and validate cleanly; `npm run bench` builds it whole and times it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { partItems } from '../../src/model/parts.js';
import { MAX_ITEMS, MAX_SECTIONS } from '../../src/schema/semantic.js';
import { loadIssue } from '../../src/source/load.js';
import { MAX_SOURCE_BYTES } from '../../src/source/parse.js';

/** As scripts/bench.mjs makes it: the sample's titles and items in turn, each item 50 characters longer. */
function yearInOneFile(text: string, sections: number, items: number): string {
  const lines = text.split('\n');
  const titles = lines.filter((l) => /^  - title:/.test(l)).map((l) => l.replace(/^  - title:\s*/, ''));
  const texts = lines.filter((l) => /^      - /.test(l)).map((l) => l.replace(/^      - /, ''));
  const start = lines.findIndex((l) => /^sections:/.test(l));
  let end = start + 1;
  while (end < lines.length && (lines[end]!.startsWith(' ') || lines[end] === '')) end++;
  const out = lines.slice(0, start + 1);
  let k = 0;
  for (let s = 0; s < sections; s++) {
    out.push(`  - title: ${titles[s % titles.length]}`, '    items:');
    for (let i = 0; i < items; i++, k++) out.push(`      - ${texts[k % texts.length]}${texts[(k + 1) % texts.length]!.slice(0, 50)}`);
  }
  return [...out, ...lines.slice(end)].join('\n');
}

describe('the 5 MB issue', () => {
  it('306 sections × 30 items (5 MB) passes the limits and validates without an error', () => {
    const bytes = new TextEncoder().encode(yearInOneFile(readFileSync('issues/2021-01.yaml', 'utf8'), 306, 30));
    expect(bytes.length).toBeGreaterThan(5_000_000);
    expect(bytes.length).toBeLessThan(MAX_SOURCE_BYTES);
    expect(306).toBeLessThan(MAX_SECTIONS);
    expect(306 * 30).toBeLessThan(MAX_ITEMS);
    const r = loadIssue('year.yaml', bytes);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.issue?.sections.length).toBe(306);
    expect(r.issue?.sections.reduce((n, s) => n + partItems(s).length, 0)).toBe(9180);
  }, 120_000);
});
