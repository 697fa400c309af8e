/**
 * The short fuzz run of the suite (the long one is `npm run fuzz`, scripts/fuzz.mjs): a few hundred
 * random and mutated issue files through the whole pipeline (load → validate → model → preflight →
 * compose → paginate, and for some render), each ending in a layout or PDF or in positioned Chinese
 * error diagnostics, never an exception, within the harness's time bounds. Fixed seed (override with
 * FUZZ_SEED=…) so that the suite is repeatable; a failure prints the seed and how the case was made.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compile, textUses } from '../../src/index.js';
import { preflight } from '../../src/fonts/preflight.js';
import { loadFontSet } from '../../src/fonts/registry.js';
import { srgbProfile } from '../../src/world/index.js';
import { DEFAULT_LAYOUT, layout } from '../../src/paginate/layout.js';
import { loadIssue } from '../../src/source/load.js';
import { fuzzCase, issueData, setSample } from './generators.mjs';
import { runCase, type FuzzApi } from './harness.mjs';
import { Document } from 'yaml';

const fonts = loadFontSet({ fontsDir: 'fonts', only: 'free' });
const world = { fonts, srgb: srgbProfile() };
const api: FuzzApi = { loadIssue, preflight, textUses, layout, DEFAULT_LAYOUT, compile };
setSample(readFileSync('issues/2021-01.yaml', 'utf8'));
const SEED = Number(process.env.FUZZ_SEED ?? 8_2024);

describe('fuzz: the whole pipeline never crashes', () => {
  it('300 random and mutated issue files: a layout or PDF, or positioned Chinese errors', async () => {
    const outcomes = { pdf: 0, layout: 0, error: 0 };
    let laidOut = 0;
    await fc.assert(
      fc.asyncProperty(fuzzCase, async (c) => {
        // Render one laid-out case in eight: a PDF costs ~100 ms, the rest a few ms.
        const r = await runCase(api, world, 'fuzz.yaml', c.bytes, () => laidOut++ % 8 === 0);
        outcomes[r.outcome]++;
        expect(r.problems, `made by: ${c.log.join(' | ')}`).toEqual([]);
      }),
      { numRuns: 300, seed: SEED, endOnFailure: true },
    );
    // The generator is tuned so that both ends are exercised.
    expect(outcomes.pdf).toBeGreaterThan(2);
    expect(outcomes.layout + outcomes.pdf).toBeGreaterThan(40);
    expect(outcomes.error).toBeGreaterThan(100);
  }, 240_000);

  it('well-shaped issues with random field values, written in every YAML scalar style', async () => {
    const styles = ['PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED'] as const;
    await fc.assert(
      fc.asyncProperty(issueData, fc.constantFrom(...styles), async (data, style) => {
        const doc = new Document(data);
        const text = doc.toString({ defaultStringType: style, defaultKeyType: 'PLAIN', lineWidth: 40 });
        const r = await runCase(api, world, 'issue.yaml', new TextEncoder().encode(text));
        expect(r.problems, text.slice(0, 400)).toEqual([]);
      }),
      { numRuns: 120, seed: SEED + 1 },
    );
  }, 120_000);
});
