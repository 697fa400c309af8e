/** Property tests over random paragraphs (STYLE.md §6.5), on the small grid and on the body grid. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  classify,
  compose,
  isLineEndForbidden,
  isLineStartForbidden,
  normalizeText,
} from '../../src/compose/index.js';
import type { ComposeOptions, ComposeResult, FontMetrics } from '../../src/compose/types.js';
import { body, FAKE, small, TIMESLIKE } from './helpers.js';

const HAN = [...'中国安全生产协会会议专家工作标准化年月日一二三〇𠮷'];
const PUNCT = [
  ...'、。，．：；？！', // PS
  ...'”’）〕】〗］｝》〉」』', // CL
  ...'“‘（〔【〖［｛《〈「『', // OP
  '·', '/', '／', '–', '—', '——', '……', '⸺', '～', '？？', '！？！', '"', "'",
];
const LATIN = ['WSI', 'HSE', 'COVID-19', 'GB/T', 'don\'t', 'a', 'Mm', 'https://www.example.com/a/b?c=1&d=2', 'x.y_z'];
const NUMBERS = ['1', '25', '2021', '283', '20%', '3.5‰', '-3.5', '1,000', '￥100', '1∶500', '１２', 'Ａ'];
const SPACES = [' ', '  ', '\t', '\u00a0', '\u3000'];
const GROUPS = ['（一）', '（12）', '“WSI”', '《GB/T 9704-2012》', '？！', '……', '——', '“', '”'];

const token = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom(...HAN) },
  { weight: 4, arbitrary: fc.constantFrom(...PUNCT) },
  { weight: 2, arbitrary: fc.constantFrom(...LATIN) },
  { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 1, arbitrary: fc.constantFrom(...SPACES) },
  { weight: 1, arbitrary: fc.constantFrom(...GROUPS) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-zA-Z0-9]{1,30}$/) },
);
const paragraph = fc.array(token, { minLength: 1, maxLength: 120 }).map((t) => t.join(''));

const smallOpts = fc.record({
  cells: fc.integer({ min: 5, max: 24 }),
  first: fc.integer({ min: 0, max: 3 }),
  rest: fc.integer({ min: 0, max: 1 }),
  kinsoku: fc.constantFrom('basic' as const, 'gb' as const, 'strict' as const),
  hang: fc.boolean(),
  endTrim: fc.constantFrom('all' as const, 'hangable' as const),
}).map(
  (o): ComposeOptions =>
    small({
      measurePt: o.cells * 10,
      firstLineStartPt: o.first * 10,
      restLineStartPt: o.rest * 10,
      kinsoku: o.kinsoku,
      hangPunctuation: o.hang,
      lineEndCompression: o.endTrim,
    }),
);

const strip = (s: string): string => s.replace(/[\s\u3000]/gu, '');

/** All properties of one composition. `inkCheck`: glyph boxes are exact (size = cell) so check them too. */
function check(text: string, opts: ComposeOptions, metrics: FontMetrics, inkCheck: boolean): ComposeResult {
  const r = compose([{ text, role: 'fang', offset: 0 }], opts, metrics);
  const level = opts.kinsoku;
  const lines = r.lines;
  const relaxedAt = new Set(r.events.filter((e) => e.kind === 'kinsoku-relaxed').map((e) => e.offset));

  // The lines joined give back the normalised input (absorbed spaces aside), and every glyph's
  // offset points at its own characters in the source.
  const norm = normalizeText(text);
  expect(strip(lines.map((l) => l.glyphs.map((g) => g.text).join('')).join(''))).toBe(strip(norm));
  for (const l of lines) for (const g of l.glyphs) if (g.text !== ' ') expect(norm.slice(g.offset, g.offset + g.text.length)).toBe(g.text);

  let lastOffset = -1;
  lines.forEach((line, k) => {
    const g = line.glyphs;
    expect(g.length).toBeGreaterThan(0);
    const x0 = k === 0 ? opts.firstLineStartPt : opts.restLineStartPt;
    // No line wider than the measure; hanging marks only with hangPunctuation.
    expect(line.endPt!).toBeLessThanOrEqual(opts.measurePt + 0.01);
    if (line.hanging) {
      expect(opts.hangPunctuation).toBe(true);
      expect('。，、').toContain(g[g.length - 1]!.text);
    }
    // Every justified line fills the measure; every non-final line is justified unless it is one item.
    if (line.justified) expect(Math.abs(line.endPt! - opts.measurePt)).toBeLessThanOrEqual(0.01);
    if (!line.last && opts.justify) expect(line.justified || g.length === 1 || /^[？！]+$/.test(g.map((x) => x.text).join(''))).toBe(true);
    // Glyph x strictly increasing; offsets increasing through the paragraph.
    for (let i = 1; i < g.length; i++) expect(g[i]!.xPt).toBeGreaterThan(g[i - 1]!.xPt);
    for (const x of g) {
      expect(x.offset).toBeGreaterThan(lastOffset);
      lastOffset = x.offset;
    }
    expect(g[0]!.xPt).toBeGreaterThanOrEqual(x0 - opts.cellPt / 2 - 0.01);
    if (opts.lineEndCompression === 'hangable' && !line.hanging) {
      // What the shared checker measures: the last glyph's whole box, past the measure only for 。，、．
      const l = g[g.length - 1]!;
      if (!'。，、．'.includes(l.text)) expect(l.xPt + Math.min(l.advancePt, opts.sizePt * [...l.text].length)).toBeLessThanOrEqual(opts.measurePt + 0.01 + (opts.sizePt - opts.cellPt) * 2);
    }
    if (inkCheck) {
      const body = line.hanging ? g.slice(0, -1) : g;
      for (const x of body) {
        const c = classify([...x.text][0]!);
        const inkRight = c === 'PS' || c === 'CL' ? x.xPt + opts.sizePt / 2 : x.xPt + x.advancePt;
        expect(inkRight).toBeLessThanOrEqual(opts.measurePt + 0.01);
      }
    }
    // 禁则: no forbidden start/end at a break unless an event says the rule gave way.
    if (k > 0) {
      const f = g[0]!;
      const pathSlash = f.text.length > 1 && f.text.startsWith('/');
      if (isLineStartForbidden(f.text, level) && !pathSlash) expect(relaxedAt.has(f.offset), `start ${f.text}`).toBe(true);
    }
    if (!line.last) {
      const l = g[g.length - 1]!;
      const next = lines[k + 1]!.glyphs[0]!;
      if (isLineEndForbidden(l.text, level)) expect(relaxedAt.has(l.offset) || relaxedAt.has(next.offset), `end ${l.text}`).toBe(true);
    }
    // FORMAT §10 item 10: no mid-line 、，；：。？！ narrower than 3/4 em unless next to another mark
    // (an even shrink of at most 1/4 em, never a half-width comma) …
    const isMark = (t: string | undefined): boolean => t !== undefined && /^[\p{P}\p{S}]/u.test(t) && !/^[0-9A-Za-z]/.test(t);
    const minMark = 0.75 * Math.max(opts.cellPt, opts.sizePt) - 1e-6;
    for (let i = 1; i < g.length - 1; i++) {
      if ('、，；：。？！'.includes(g[i]!.text) && !isMark(g[i - 1]!.text) && !isMark(g[i + 1]!.text)) {
        expect(g[i + 1]!.xPt - g[i]!.xPt, `${g[i]!.text} mid-line`).toBeGreaterThanOrEqual(minMark);
      }
    }
    // … and no space added at a Han–digit boundary: it gets exactly the line's Han–Han spacing.
    const isHan = (t: string): boolean => [...t].length === 1 && classify(t) === 'han';
    let hh: number | undefined;
    for (let i = 1; i < g.length && hh === undefined; i++) if (isHan(g[i - 1]!.text) && isHan(g[i]!.text)) hh = g[i]!.xPt - g[i - 1]!.xPt - opts.cellPt;
    if (line.last && !line.justified) hh = 0;
    if (hh !== undefined) {
      for (let i = 1; i < g.length; i++) {
        const a = g[i - 1]!;
        const b = g[i]!;
        if (isHan(a.text) && /^[0-9]/.test(b.text)) expect(b.xPt - a.xPt - opts.cellPt, `${a.text}|${b.text}`).toBeCloseTo(hh, 6);
        if (/[0-9]$/.test(a.text) && isHan(b.text)) expect(b.xPt - (a.xPt + a.advancePt), `${a.text}|${b.text}`).toBeCloseTo(hh, 6);
      }
    }
    // Han characters on lines of Han only (a final 点号/closing mark allowed) sit on one pitch:
    // the cell on an unstretched line.
    const pure = g.every((x, i) => classify([...x.text][0]!) === 'han' || (i === g.length - 1 && /^[\p{Pf}\p{Pe}\p{Po}]$/u.test(x.text) && ['PS', 'CL'].includes(classify(x.text))));
    if (pure && g.length > 2) {
      const p = (g[1]!.xPt - g[0]!.xPt);
      if (!line.justified) expect(p).toBeCloseTo(opts.cellPt, 6);
      expect(g[0]!.xPt).toBeCloseTo(x0, 6);
      g.forEach((x, i) => expect(x.xPt).toBeCloseTo(x0 + i * p, 6));
    }
  });
  return r;
}

describe('properties of composed paragraphs', () => {
  test('small grid, fake fixed-width font', () => {
    fc.assert(
      fc.property(paragraph, smallOpts, (text, opts) => {
        check(text, opts, FAKE, true);
      }),
      { numRuns: 400 },
    );
  });

  test('body grid (15.793 pt cells, 16 pt text), Times-like Latin', () => {
    fc.assert(
      fc.property(paragraph, fc.constantFrom('basic' as const, 'gb' as const, 'strict' as const), fc.boolean(), (text, kinsoku, hang) => {
        check(text, body({ kinsoku, hangPunctuation: hang }), TIMESLIKE, false);
      }),
      { numRuns: 300 },
    );
  });

  test('several runs (roles, bold): same properties, offsets into each run', () => {
    fc.assert(
      fc.property(paragraph, paragraph, smallOpts, (a, b, opts) => {
        const r = compose(
          [
            { text: a, role: 'kai', offset: 1000, bold: true },
            { text: b, role: 'fang', offset: 5000 },
          ],
          opts,
          FAKE,
        );
        const all = r.lines.flatMap((l) => l.glyphs);
        const na = normalizeText(a + b).slice(0, a.length);
        const nb = normalizeText(a + b).slice(a.length);
        for (const g of all) {
          if (g.text === ' ') continue;
          const inA = g.offset < 5000;
          expect(g.role).toBe(inA ? 'kai' : 'fang');
          expect(g.bold === true).toBe(inA);
          const src = inA ? na.slice(g.offset - 1000) : nb.slice(g.offset - 5000);
          expect(src.startsWith(g.text)).toBe(true);
        }
        for (const l of r.lines) expect(l.endPt!).toBeLessThanOrEqual(opts.measurePt + 0.01);
      }),
      { numRuns: 200 },
    );
  });

  test('without justification lines are start-aligned and never stretched', () => {
    fc.assert(
      fc.property(paragraph, (text) => {
        const r = check(text, small({ justify: false, measurePt: 120 }), FAKE, true);
        for (const l of r.lines) if (l.justified) expect(l.endPt!).toBeCloseTo(120, 2); // only squeezed lines
      }),
      { numRuns: 200 },
    );
  });
});
