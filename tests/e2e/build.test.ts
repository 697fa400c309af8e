import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { flatText, norm, PAGE_NUMBER, tool } from '../helpers/pdf.js';

const SAMPLE = 'issues/2021-01.yaml';

describe('building the sample issue end to end', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-e2e-'));
  const pdf = path.join(dir, '2021-01.pdf');
  let result: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    result = await runCli(['build', SAMPLE, '-o', pdf]);
  }, 60_000);

  it('exits 0 and writes the PDF', () => {
    expect(result.err).not.toMatch(/错误/);
    expect(result.code).toBe(0);
    expect(existsSync(pdf)).toBe(true);
  });

  it('is A4 on every page', () => {
    const info = tool('pdfinfo', ['-f', '1', '-l', '99', pdf]);
    const sizes = [...info.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)];
    expect(sizes.length).toBeGreaterThan(1);
    for (const [, w, h] of sizes) {
      expect(Math.abs(Number(w) - 595.28)).toBeLessThan(0.5);
      expect(Math.abs(Number(h) - 841.89)).toBeLessThan(0.5);
    }
  });

  it('embeds every font as a subset with a ToUnicode map', () => {
    const rows = tool('pdffonts', [pdf]).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) {
      const cols = row.trim().split(/\s+/);
      // name type... encoding emb sub uni object ID
      const [emb, sub, uni] = cols.slice(-5, -2);
      expect({ row, emb, sub, uni }).toEqual({ row, emb: 'yes', sub: 'yes', uni: 'yes' });
      expect(cols[0]).toMatch(/^[A-Z]{6}\+/);
    }
  });

  it('carries every item, heading and footer string in order', () => {
    const issue = parse(readFileSync(SAMPLE, 'utf8'));
    const text = flatText(pdf);
    let cursor = 0;
    const expectInOrder = (s: string) => {
      const at = text.indexOf(norm(s), cursor);
      expect(at, `missing or out of order: ${s.slice(0, 20)}`).toBeGreaterThanOrEqual(0);
      cursor = at + norm(s).length;
    };
    expect(text).toContain(norm(issue.publication));
    expect(text).toContain('2021年1月');
    for (const section of issue.sections) {
      expectInOrder(`【${section.title}】`);
      for (const item of section.items) expectInOrder(typeof item === 'string' ? item : item.text);
    }
    expectInOrder('报：市应急管理局领导');
    expectInOrder('送：市应急管理局机关各处室');
    expect(text.slice(cursor)).toContain('2021年1月29日印');
  });

  it('numbers every page "— N —"', () => {
    const pages = tool('pdftotext', ['-enc', 'UTF-8', pdf, '-']).split('\f').filter((p) => p.trim());
    pages.forEach((p, i) => {
      const numbers = p.split('\n').map((l) => l.trim()).filter((l) => PAGE_NUMBER.test(l));
      expect(numbers.map((l) => l.replace(/\D/g, ''))).toEqual([String(i + 1)]);
    });
  });
});

describe('bad input never produces or replaces a PDF', () => {
  it('exits 1 with file:line:column and the field, and leaves the previous PDF untouched', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-bad-'));
    const src = readFileSync(SAMPLE, 'utf8').replace('period: 2021-01', 'period: 2021/1');
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, src);
    const out = path.join(dir, 'bad.pdf');
    writeFileSync(out, 'GOOD OLD PDF');
    const r = await runCli(['build', file, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:9 年月（period）`));
    expect(readFileSync(out, 'utf8')).toBe('GOOD OLD PDF');
    expect(readdirSync(dir).sort()).toEqual(['bad.pdf', 'bad.yaml']);
  });

  it('exits 2 for a missing file or an unknown flag', async () => {
    expect((await runCli(['build', 'no/such/file.yaml'])).code).toBe(2);
    expect((await runCli(['build', SAMPLE, '--no-such-flag'])).code).toBe(2);
  });
});
