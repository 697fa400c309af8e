/**
 * Object streams and the cross-reference stream (PDF 32000-1 §7.5.7–7.5.8): every small object
 * (structure elements, pages, font dictionaries) is packed into compressed object streams, the
 * catalogue and /Info stay top-level objects. The same issue is built both ways (the old classic
 * layout is still the writer's `objectStreams: 0`), and independent readers must see the same
 * document in both: qpdf, poppler, mupdf, Ghostscript; our own reader extracts the source.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractSource, pdfFacts } from '../../src/archive/extract.js';
import { defaultFontsDir, loadFontSet } from '../../src/fonts/registry.js';
import { compile, type CompileResult } from '../../src/index.js';
import { OBJECT_STREAM_SIZE } from '../../src/render/pdfWriter.js';
import { srgbProfile } from '../../src/world/index.js';
import { runCli } from '../helpers/cli.js';
import { tool } from '../helpers/pdf.js';

const SAMPLE = readFileSync('issues/2021-01.yaml', 'utf8');
const world = { fonts: loadFontSet({ fontsDir: defaultFontsDir() }), srgb: srgbProfile() };
const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-objstm-'));

/** The sample with its sections repeated `n` times. */
function repeated(n: number): string {
  const [head, rest] = SAMPLE.split(/^sections:\n/m) as [string, string];
  const at = rest.search(/^\S/m);
  return `${head}sections:\n${rest.slice(0, at).repeat(n)}${rest.slice(at)}`;
}

interface Built {
  result: CompileResult;
  bytes: Buffer;
  file: string;
}

async function build(name: string, yaml: string, objectStreams?: number): Promise<Built> {
  const result = await compile(`${name}.yaml`, Buffer.from(yaml), world, objectStreams === undefined ? {} : { objectStreams });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const file = path.join(dir, `${name}${objectStreams === 0 ? '-classic' : ''}.pdf`);
  writeFileSync(file, result.pdf!);
  return { result, bytes: result.pdf!, file };
}

/** qpdf's cross-reference listing: object number → 'compressed' (in an object stream) or 'uncompressed'. */
function xref(file: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of tool('qpdf', ['--show-xref', file]).matchAll(/^(\d+)\/0: (compressed|uncompressed)/gm)) out.set(Number(m[1]), m[2]!);
  return out;
}

/** Bytes the classic layout spends on what object streams replace: top-level non-stream objects and the xref table. */
function packableBytes(classic: Buffer): number {
  const text = classic.toString('latin1');
  let n = text.length - text.lastIndexOf('\nxref\n');
  for (const m of text.matchAll(/(?<=\n)\d+ 0 obj\n[\s\S]*?\nendobj\n/g)) if (!m[0].includes('\nstream\n')) n += m[0].length;
  return n;
}

for (const [name, times] of [
  ['sample', 1],
  ['x20', 20],
] as const) {
  describe(`object streams: the ${name} issue`, () => {
    let packed: Built;
    let classic: Built;
    beforeAll(async () => {
      const yaml = times === 1 ? SAMPLE : repeated(times);
      packed = await build(name, yaml);
      classic = await build(name, yaml, 0);
    }, 120_000);

    it('is clean for qpdf --check, and qpdf lists its small objects as compressed', () => {
      const check = spawnSync('qpdf', ['--check', packed.file], { encoding: 'utf8' });
      expect(check.status).toBe(0);
      expect(check.stdout).toContain('No syntax or stream encoding errors found');
      expect(check.stdout + check.stderr).not.toMatch(/WARNING/i);
      const x = xref(packed.file);
      const compressed = [...x.values()].filter((v) => v === 'compressed').length;
      // At least one per structure element (Document included), plus pages and font dictionaries.
      expect(compressed).toBeGreaterThan(packed.result.structure!.elements);
      // The catalogue and /Info stay top-level (found by tools that scan the bytes).
      const trailer = tool('qpdf', ['--show-object=trailer', packed.file]);
      const root = Number(/\/Root (\d+) 0 R/.exec(trailer)![1]);
      const info = Number(/\/Info (\d+) 0 R/.exec(trailer)![1]);
      expect(x.get(root)).toBe('uncompressed');
      expect(x.get(info)).toBe('uncompressed');
      // The old layout, for comparison, has none.
      expect([...xref(classic.file).values()].filter((v) => v === 'compressed')).toEqual([]);
    });

    it(`holds at most ${OBJECT_STREAM_SIZE} objects in each object stream`, () => {
      const json = JSON.parse(tool('qpdf', ['--json', '--json-stream-data=none', packed.file])) as {
        qpdf: [unknown, Record<string, { stream?: { dict: Record<string, unknown> } }>];
      };
      const streams = Object.values(json.qpdf[1]).flatMap((o) => (o.stream?.dict['/Type'] === '/ObjStm' ? [o.stream.dict['/N'] as number] : []));
      expect(streams.length).toBeGreaterThanOrEqual(times === 1 ? 1 : 2);
      for (const n of streams) expect(n).toBeLessThanOrEqual(OBJECT_STREAM_SIZE);
    });

    it('is smaller than the classic layout by most of what that layout spends on small objects', () => {
      const saved = classic.bytes.length - packed.bytes.length;
      const spent = packableBytes(classic.bytes);
      expect(spent).toBeGreaterThan(0);
      // Compressed, the small objects and the xref take well under half of their plain size.
      expect(saved).toBeGreaterThan(0.6 * spent);
    });

    it('reads the same in poppler, mupdf and Ghostscript as the classic layout', () => {
      expect(tool('pdftotext', ['-enc', 'UTF-8', packed.file, '-'])).toBe(tool('pdftotext', ['-enc', 'UTF-8', classic.file, '-']));
      // The structure tree as poppler reads it (seconds a file for the long issue: the sample only).
      if (times === 1) expect(tool('pdfinfo', ['-struct-text', packed.file])).toBe(tool('pdfinfo', ['-struct-text', classic.file]));
      const fonts = (f: string): string => tool('pdffonts', [f]).replace(/ +\d+ +\d+\s*$/gm, '');
      expect(fonts(packed.file)).toBe(fonts(classic.file));
      const draw = (f: string): Buffer => spawnSync('mutool', ['draw', '-q', '-r', '20', '-F', 'pgm', '-o', '-', f], { maxBuffer: 64 << 20 }).stdout;
      expect(draw(packed.file).equals(draw(classic.file))).toBe(true);
      const gs = spawnSync('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-o', '/dev/null', '-sDEVICE=nullpage', packed.file], { encoding: 'utf8' });
      expect(gs.status).toBe(0);
      expect(gs.stdout + gs.stderr).toBe('');
      const info = tool('pdfinfo', [packed.file]);
      expect(info).toMatch(/^Tagged:\s+yes$/m);
      expect(info).toMatch(/^PDF version:\s+1\.7$/m);
    }, 60_000);

    it('gives our own reader the facts and the source byte for byte', () => {
      const facts = pdfFacts(packed.bytes);
      expect(facts).toMatchObject({ pdfaPart: '3', pdfaConformance: 'A', pdfuaPart: '1', tagged: true, encrypted: false, updated: false });
      expect(facts.pages).toBe(pdfFacts(classic.bytes).pages);
      expect(extractSource(packed.bytes).bytes.toString('utf8')).toBe(times === 1 ? SAMPLE : repeated(times));
    });
  });
}

describe('object streams: the CLI', () => {
  it('builds the same bytes twice, and verify and extract accept the file', async () => {
    const a = path.join(dir, 'cli-a.pdf');
    const b = path.join(dir, 'cli-b.pdf');
    expect((await runCli(['build', 'issues/2021-01.yaml', '-o', a])).code).toBe(0);
    expect((await runCli(['build', 'issues/2021-01.yaml', '-o', b])).code).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    expect([...xref(a).values()]).toContain('compressed');
    expect((await runCli(['verify', a])).code).toBe(0);
    const out = path.join(dir, 'back.yaml');
    expect((await runCli(['extract', a, '-o', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(SAMPLE);
  }, 120_000);
});
