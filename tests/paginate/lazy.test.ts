/**
 * Issue 18: an issue's pages are laid out as they are read. Reading the first page of a long issue
 * composes only what the first pages hold; reading them all gives the same pages, structure and
 * notes as ever (the renderer's bytes are compared in tests/render/stream.test.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FontRole } from '../../src/compose/types.js';
import { DEFAULT_LAYOUT, layout, type LayoutFonts } from '../../src/paginate/layout.js';
import type { GlyphRun, StructNode } from '../../src/paginate/types.js';
import { loadIssue } from '../../src/source/load.js';
import { collected } from '../helpers/frames.js';

const SAMPLE = readFileSync('issues/2021-01.yaml', 'utf8');

/** The sample with its sections repeated `n` times. */
function repeated(n: number): string {
  const [head, rest] = SAMPLE.split(/^sections:\n/m) as [string, string];
  const at = rest.search(/^\S/m);
  return `${head}sections:\n${rest.slice(0, at).repeat(n)}${rest.slice(at)}`;
}

/** Han 1 em, ASCII 0.5 em; counts what it is asked to measure. */
function countingFonts(): LayoutFonts & { calls: number } {
  const fonts = {
    calls: 0,
    measure: (text: string, _role: FontRole) => {
      fonts.calls += 1;
      return [...text].reduce((w, c) => w + (c === ' ' ? 0.25 : c.charCodeAt(0) < 0x2000 ? 0.5 : 1), 0);
    },
    dashCentreEm: 0.3,
  };
  return fonts;
}

const count = (n: StructNode, role: string): number => (n.role === role ? 1 : 0) + n.kids.reduce((k, c) => k + count(c, role), 0);

describe('lazy layout (issue 18)', () => {
  const { issue } = loadIssue('long.yaml', Buffer.from(repeated(20)));

  it('reading the first page composes the blocks of the first pages only, not the issue', () => {
    const fonts = countingFonts();
    const laid = layout(issue!, fonts, DEFAULT_LAYOUT).laidOut!;
    const upFront = fonts.calls; // masthead and 报尾
    const pages = laid.frames[Symbol.iterator]();
    const first = pages.next();
    expect(first.done).toBe(false);
    const forFirst = fonts.calls - upFront;
    const itemsMadeForFirst = count(laid.structure!, 'LI');
    for (let p = pages.next(); !p.done; p = pages.next());
    const forAll = fonts.calls - upFront;

    // The items begun on pages 1 and 2 of the same issue, read in full.
    const all = collected(layout(issue!, countingFonts(), DEFAULT_LAYOUT).laidOut!);
    expect(all.stats.pages).toBeGreaterThan(60);
    const begunOn12 = all.frames
      .slice(0, 2)
      .flatMap((f) => f.items)
      .filter((it): it is GlyphRun => it.kind === 'glyphs' && it.element === 'item' && it.line === 0).length;
    expect(itemsMadeForFirst).toBeGreaterThan(0);
    expect(itemsMadeForFirst).toBeLessThanOrEqual(begunOn12);
    expect(count(laid.structure!, 'LI')).toBe(count(all.structure!, 'LI'));
    expect(forFirst).toBeGreaterThan(0);
    expect(forFirst).toBeLessThan(forAll / 20);
  });

  it('the pages, structure, notes and counts do not depend on how far ahead anyone reads', () => {
    // Read one page at a time, looking at each before the next is made, and read in one go.
    const slow = layout(issue!, countingFonts(), DEFAULT_LAYOUT).laidOut!;
    const seen: string[] = [];
    for (const f of slow.frames) seen.push(JSON.stringify(f, (k, v) => (k === 'tags' || k === 'node' ? undefined : v)));
    const fast = collected(layout(issue!, countingFonts(), DEFAULT_LAYOUT).laidOut!);
    expect(seen).toEqual(fast.frames.map((f) => JSON.stringify(f, (k, v) => (k === 'tags' || k === 'node' ? undefined : v))));
    expect(JSON.stringify(slow.structure)).toBe(JSON.stringify(fast.structure));
    expect(slow.events).toEqual(fast.events);
    expect(slow.stats).toEqual(fast.stats);
    expect(slow.stats.pages).toBe(fast.frames.length);
  });

  it('the 报尾 is read after the body: last in the structure, its notes after the body\'s', () => {
    const laid = collected(layout(issue!, countingFonts(), DEFAULT_LAYOUT).laidOut!);
    const kids = laid.structure!.kids;
    const footer = kids.at(-1)!;
    // The 报尾's Sect: its list of 报/送 rows, then the print line.
    expect(footer.role).toBe('Sect');
    expect(footer.kids[0]!.role).toBe('L');
    expect(footer.kids[0]!.kids[0]!.kids.map((k) => k.role)).toEqual(['Lbl', 'LBody']);
  });

  it('the frames are read once: a second reading is an error, not an empty issue', () => {
    const laid = layout(issue!, countingFonts(), DEFAULT_LAYOUT).laidOut!;
    expect([...laid.frames].length).toBeGreaterThan(60);
    expect(() => [...laid.frames]).toThrow(/read only once/);
  });
});
