/**
 * Tagged PDF: the structure tree is the bulletin's own (masthead, 【栏目】 sections with their items
 * as list items, the 报尾), read back by poppler; every marked-content sequence of every page is in
 * the tree or an artifact (walked with qpdf's JSON); the file claims PDF/A-3a and PDF/UA-1 only
 * when its structure check holds.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfFacts } from '../../src/archive/extract.js';
import { defaultFontsDir, loadFontSet } from '../../src/fonts/registry.js';
import { compile, metadata, type CompileOptions } from '../../src/index.js';
import { srgbProfile } from '../../src/world/index.js';

import type { Frame, LaidOut, StructNode } from '../../src/paginate/types.js';
import { renderPdf } from '../../src/render/pdf.js';
import { norm, objectText } from '../helpers/pdf.js';
import { checkMarkedContent, leaves, readStructure, type StructElement } from '../helpers/tagged.js';

const SAMPLE = readFileSync('issues/2021-01.yaml', 'utf8');
const fonts = loadFontSet({ fontsDir: defaultFontsDir() });
const world = { fonts, srgb: srgbProfile() };
const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-tagged-'));

/** The sample with its sections repeated `n` times (a long issue whose items cross pages). */
function repeated(n: number): string {
  const [head, rest] = SAMPLE.split(/^sections:\n/m) as [string, string];
  const at = rest.search(/^\S/m);
  const sections = rest.slice(0, at);
  return `${head}sections:\n${sections.repeat(n)}${rest.slice(at)}`;
}

/** The issue's text as the structure must read, element by element, from the YAML alone. */
function expectedLeaves(yaml: string): Array<{ role: string; text: string }> {
  const doc = parse(yaml) as {
    publication: string;
    period: string;
    editor: string;
    number?: number;
    total?: number;
    printed: string;
    sections: Array<{ title: string; items: Array<string | { text: string }> }>;
    distribution?: Record<string, string | string[]>;
    printer?: string;
    copies?: number;
  };
  const [y, m] = String(doc.period).split('-').map(Number);
  const [py, pm, pd] = String(doc.printed).split('-').map(Number);
  const serial = `${doc.number ? `第${doc.number}期` : ''}${doc.total ? (doc.number ? `（总第${doc.total}期）` : `总第${doc.total}期`) : ''}`;
  const period = `${y}年${m}月`;
  const out = [
    { role: 'H1', text: doc.publication },
    { role: 'P', text: !serial ? period : py === y && pm === m ? serial : `${period}\u3000${serial}` },
    { role: 'P', text: doc.editor },
    { role: 'P', text: `${py}年${pm}月${pd}日` },
  ];
  for (const s of doc.sections) {
    out.push({ role: 'H2', text: /^【.*】$/.test(s.title) ? s.title : `【${s.title}】` });
    for (const it of s.items) out.push({ role: 'Lbl', text: '➤' }, { role: 'LBody', text: typeof it === 'string' ? it : it.text });
  }
  for (const [label, names] of Object.entries(doc.distribution ?? {})) out.push({ role: 'Lbl', text: `${label}：` }, { role: 'LBody', text: [names].flat().join('，') });
  if (doc.printer) out.push({ role: 'P', text: doc.printer });
  out.push({ role: 'P', text: `${py}年${pm}月${pd}日印${doc.copies ? `（共印${doc.copies}份）` : ''}` });
  return out.map((l) => ({ role: l.role, text: norm(l.text) }));
}

async function build(name: string, yaml: string, options: CompileOptions = {}): Promise<{ file: string; structure: NonNullable<Awaited<ReturnType<typeof compile>>['structure']>; bytes: Buffer }> {
  const r = await compile(`${name}.yaml`, new TextEncoder().encode(yaml), world, options);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const file = path.join(dir, `${name}.pdf`);
  writeFileSync(file, r.pdf!);
  return { file, structure: r.structure!, bytes: r.pdf! };
}

const cases: Array<[string, string, CompileOptions]> = [
  ['sample', SAMPLE, {}],
  ['long', repeated(3), {}],
  ['duplex', SAMPLE, { layout: { duplex: true } }],
  ['no-pdfa', SAMPLE, { pdfa: false }],
  ['cmyk', SAMPLE, { cmyk: true }],
];

describe.each(cases)('the structure of the %s build', (name, yaml, world) => {
  let built: Awaited<ReturnType<typeof build>>;
  // poppler takes seconds to print a structure tree: read once per build.
  let tree: StructElement;
  beforeAll(async () => {
    built = await build(name, yaml, world);
    tree = readStructure(built.file);
  }, 120_000);

  it('reads, in poppler, element by element as the issue (masthead, headings, items, 报尾)', () => {
    const got = leaves(tree).map((l) => ({ role: l.role, text: norm(l.text) }));
    expect(got).toEqual(expectedLeaves(yaml));
    // No page number, and nothing but the issue's text.
    expect(got.some((l) => /—\d+—/.test(l.text))).toBe(false);
  });

  it('has the bulletin\'s shape: Document, masthead, one Sect per section with H2 and one LI per item, the 报尾 Sect', () => {
    const root = tree;
    expect(root.role).toBe('Document');
    expect(root.kids.slice(0, 4).map((k) => k.role)).toEqual(['H1', 'P', 'P', 'P']);
    const doc = parse(yaml) as { sections: Array<{ items: unknown[] }>; distribution?: Record<string, string[]> };
    const sects = root.kids.slice(4);
    expect(sects.map((s) => s.role)).toEqual(Array(doc.sections.length + 1).fill('Sect'));
    doc.sections.forEach((s, i) => {
      const sect = sects[i]!;
      expect(sect.kids.map((k) => k.role)).toEqual(['H2', 'L']);
      expect(sect.kids[1]!.attributes).toEqual(['/ListNumbering /None']);
      const lis = sect.kids[1]!.kids;
      expect(lis.length).toBe(s.items.length);
      for (const li of lis) {
        expect(li.role).toBe('LI');
        expect(li.kids.map((k) => k.role)).toEqual(['Lbl', 'LBody']);
      }
    });
    const footer = sects.at(-1)!;
    expect(footer.kids[0]!.role).toBe('L');
    expect(footer.kids[0]!.kids.length).toBe(Object.keys(doc.distribution ?? {}).length);
    expect(footer.kids.slice(1).every((k) => k.role === 'P')).toBe(true);
  });

  it('has every marked-content sequence in the tree or an artifact, and nothing drawn outside them', () => {
    const r = checkMarkedContent(built.file);
    expect(r.bare).toEqual([]);
    expect(r.unowned).toEqual([]);
    expect(r.unreachable).toEqual([]);
    expect(r.dangling).toEqual([]);
    expect(r.mcids).toBe(built.structure.contentSequences);
    // Page numbers as pagination artifacts (none on a duplex build's blank pages), rules as layout.
    const pages = r.pageDicts.length;
    expect(r.artifacts['/Pagination']).toBeGreaterThanOrEqual(name === 'duplex' ? pages - 2 : pages);
    expect(r.artifacts['/Layout']).toBeGreaterThanOrEqual(4);
    for (const p of r.pageDicts) {
      expect(p.tabs).toBe('/S');
      expect(typeof p.structParents).toBe('number');
    }
    // Lists say their labels are marks, not numbers (PDF/UA-1 §7.6).
    const raw = objectText(built.bytes);
    const lists = raw.match(/<< \/S \/L \/P /g)?.length ?? 0;
    expect(lists).toBe((parse(yaml) as { sections: unknown[] }).sections.length + 1);
    expect(raw.match(/<< \/S \/L \/P [^>]*\/A << \/O \/List \/ListNumbering \/None >>/g)?.length).toBe(lists);
    expect(r.catalog['/MarkInfo']).toEqual({ '/Marked': true });
    expect(r.catalog['/Lang']).toBe('u:zh-CN');
    expect(r.catalog['/ViewerPreferences']).toMatchObject({ '/DisplayDocTitle': true });
  });

  it('claims PDF/UA-1, and PDF/A-3a where it is PDF/A, with the structure check clean', () => {
    expect(built.structure.problems).toEqual([]);
    const facts = pdfFacts(built.bytes);
    expect(facts.tagged).toBe(true);
    expect(facts.pdfuaPart).toBe('1');
    if (name === 'no-pdfa' || name === 'cmyk') expect(facts.pdfaPart).toBeUndefined();
    else expect([facts.pdfaPart, facts.pdfaConformance]).toEqual(['3', 'A']);
  });
});

describe('items across pages', () => {
  it('keep one LI whose LBody has content on two pages (long issue)', async () => {
    const { file } = await build('long-pages', repeated(6));
    const r = checkMarkedContent(file);
    const split = [...r.elementPages.values()].filter((e) => e.role === '/LBody' && e.pages.size > 1);
    expect(split.length).toBeGreaterThan(0);
    // And no element but the Document spans pages by having kids elsewhere: the H2s stay on one page.
    expect([...r.elementPages.values()].filter((e) => e.role === '/H2').every((e) => e.pages.size === 1)).toBe(true);
  }, 60_000);
});

describe('claims', () => {
  it('are withdrawn (PDF/A-3b, no PDF/UA) when a content run carries no tag', async () => {
    const frames: Frame[] = [];
    const r = await compile('issue.yaml', new TextEncoder().encode(SAMPLE), world, { onFrame: (f) => frames.push(f) });
    const laid: LaidOut = { ...r.laidOut!, frames };
    const run = frames[0]!.items.find((it) => it.kind === 'glyphs' && it.tags);
    if (run?.kind !== 'glyphs') throw new Error('no tagged run');
    delete run.tags;
    const report: { problems?: string[] } = {};
    const pdf = await renderPdf(laid, fonts, metadata(r.issue!), { pdfa: true, srgb: world.srgb, structure: report });
    expect(report.problems).toContain('1 run(s) of glyphs carry no structure tag');
    const facts = pdfFacts(pdf);
    expect(facts.pdfaConformance).toBe('B');
    expect(facts.pdfuaPart).toBeUndefined();
    // Still nothing drawn outside marked content: the untagged run became an artifact.
    const file = path.join(dir, 'untagged.pdf');
    writeFileSync(file, pdf);
    expect(checkMarkedContent(file).bare).toEqual([]);
  }, 60_000);

  it('are withdrawn when an element reads other than the text it stands for', async () => {
    const frames: Frame[] = [];
    const r = await compile('issue.yaml', new TextEncoder().encode(SAMPLE), world, { onFrame: (f) => frames.push(f) });
    const laid: LaidOut = { ...r.laidOut!, frames };
    const lbody = walk2(laid.structure!).find((n) => n.role === 'LBody')!;
    lbody.text = `${lbody.text}多`;
    const report: { problems?: string[] } = {};
    const pdf = await renderPdf(laid, fonts, metadata(r.issue!), { pdfa: true, srgb: world.srgb, structure: report });
    expect(report.problems).toHaveLength(1);
    expect(report.problems![0]).toMatch(/^LBody reads/);
    expect(pdfFacts(pdf).pdfaConformance).toBe('B');
  }, 60_000);

  it('give an all-Latin element its own /Lang', async () => {
    const yaml = SAMPLE.replace(/^(\s+- title: )协会党建$/m, '$1News in English');
    const { file } = await build('latin', yaml);
    const json = objectText(readFileSync(file));
    expect(json).toMatch(/\/S \/H2 [^>]*\/Lang \(en\)/);
    expect(leaves(readStructure(file)).find((l) => l.role === 'H2')!.text).toBe('【News in English】');
  }, 60_000);
});

function walk2(n: StructNode, out: StructNode[] = []): StructNode[] {
  out.push(n);
  for (const k of n.kids) walk2(k, out);
  return out;
}

describe('an article with a title of two lines and a subtitle', () => {
  it('tags every title line with its H2 and the subtitle as a P, and still claims PDF/A-3a and PDF/UA-1', async () => {
    const title = '关于2023年1—5月全区经济运行情况及下阶段工作建议的专题报告';
    const subtitle = '——区发展改革委2023年上半年经济形势分析';
    const yaml = SAMPLE.replace(/^sections:\n/m, `sections:\n  - article: ${title}\n    subtitle: ${subtitle}\n    paragraphs:\n      - 今年以来，全区经济运行总体平稳。\n    source: 区发展改革委供稿\n`);
    const built = await build('article-two-lines', yaml);
    expect(built.structure.problems).toEqual([]);
    const facts = pdfFacts(built.bytes);
    expect([facts.pdfaPart, facts.pdfaConformance, facts.pdfuaPart]).toEqual(['3', 'A', '1']);
    const got = leaves(readStructure(built.file)).map((l) => ({ role: l.role, text: norm(l.text) }));
    const at = got.findIndex((l) => l.role === 'H2');
    expect(got.slice(at, at + 2)).toEqual([
      { role: 'H2', text: norm(title) },
      { role: 'P', text: norm(subtitle) },
    ]);
    expect(checkMarkedContent(built.file).bare).toEqual([]);
  }, 60_000);
});
