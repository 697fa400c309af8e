/**
 * Issue 18: `compile` lays out each page while the renderer reads it and lets it go once drawn. The
 * file must be the one made from every page laid out first (as before streaming), byte for byte:
 * same structure tree, same object numbers, same content streams.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { choicesOf } from '../../src/archive/variant.js';
import { compile, type CompileOptions, layoutFonts, metadata } from '../../src/index.js';
import { DEFAULT_LAYOUT, layout } from '../../src/paginate/layout.js';
import { renderPdf } from '../../src/render/pdf.js';
import { loadIssue } from '../../src/source/load.js';
import { loadWorld } from '../../src/world/index.js';
import { collected } from '../helpers/frames.js';

const world = loadWorld({ fontsDir: 'fonts', only: 'free' });
const SAMPLE = readFileSync('issues/2021-01.yaml', 'utf8');

function repeated(n: number): string {
  const [head, rest] = SAMPLE.split(/^sections:\n/m) as [string, string];
  const at = rest.search(/^\S/m);
  return `${head}sections:\n${rest.slice(0, at).repeat(n)}${rest.slice(at)}`;
}

/** What compile() made before issue 18: every frame laid out, then the file drawn from the array. */
async function eager(file: string, yaml: string, options: CompileOptions): Promise<Buffer> {
  const { issue } = loadIssue(file, Buffer.from(yaml));
  const layoutOptions = { ...DEFAULT_LAYOUT, ...options.layout };
  const laid = collected(layout(issue!, layoutFonts(world.fonts), layoutOptions).laidOut!);
  return renderPdf(laid, world.fonts, metadata(issue!, choicesOf(options)), {
    format: layoutOptions.format,
    pdfa: (options.pdfa ?? true) && !options.cmyk,
    srgb: world.srgb,
    colour: options.cmyk ? 'cmyk' : 'rgb',
    source: { name: file, bytes: issue!.sourceBytes },
    ...(layoutOptions.duplex ? { duplex: true } : {}),
  });
}

const ARTICLE = readFileSync('tests/fixtures/import/01-article-two-line.yaml', 'utf8');
const cases: Array<[string, string, CompileOptions]> = [
  ['the sample × 20', repeated(20), {}],
  ['the sample × 20, duplex', repeated(20), { layout: { duplex: true } }],
  ['the sample, CMYK', SAMPLE, { cmyk: true }],
  ['the sample × 3, numbered （一）', repeated(3), { layout: { marker: '（一）' } }],
  ['two articles, duplex', ARTICLE, { layout: { duplex: true } }],
];

describe('streamed pages give the file of pages laid out first', () => {
  it.each(cases)('%s', async (_name, yaml, options) => {
    const r = await compile('issue.yaml', Buffer.from(yaml), world, options);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const before = await eager('issue.yaml', yaml, options);
    expect(r.pdf!.length).toBe(before.length);
    expect(r.pdf!.equals(before)).toBe(true);
  }, 60_000);
});
