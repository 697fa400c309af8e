/**
 * FORMAT §5.4–5.6 and §10 item 10 measured on built PDFs, as a Chinese reader sees them: the sample
 * and one trap issue per rule (tests/fixtures/spacing: dates and 期号, money and percent, URLs and
 * standard numbers, units, long headings). The same four checks as ../shared/tools/check_pdf.py
 * (solid, punct-width, stretch, search), made with this repository's own helpers.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { UNIT_CHARS } from '../../src/compose/classes.js';
import { runCli } from '../helpers/cli.js';
import { pdfLines, searchText, type PdfLine } from '../helpers/pdf.js';

const ISSUES = ['issues/2021-01.yaml', ...['dates', 'money', 'urls', 'units', 'headings'].map((n) => `tests/fixtures/spacing/${n}.yaml`)];

const isHan = (c: string): boolean => /\p{Script=Han}/u.test(c);
const isLatinOrDigit = (c: string): boolean => /^[0-9A-Za-z]$/.test(c.normalize('NFKC'));
const PUNCT = /[，、；：。？！…—－·・（）〔〕［］｛｝【】〖〗《》〈〉「」『』“”‘’"'()[\]{}<>,.;:?!%％]/u;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[(s.length - 1) >> 1]! : 0;
};
/** Space between each pair of Han characters on the line, pt (their advance boxes, as drawn). */
const hanGaps = (l: PdfLine): number[] => l.chars.slice(1).flatMap((b, i) => (isHan(l.chars[i]!.c) && isHan(b.c) ? [b.x - (l.chars[i]!.x + l.chars[i]!.w)] : []));

interface Built {
  file: string;
  issue: ReturnType<typeof parse>;
  lines: PdfLine[];
  search: string;
  report: string;
}

describe('spacing as a Chinese reader sees it, on the sample and the trap issues', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-spacing-'));
  const built: Built[] = [];
  beforeAll(async () => {
    for (const file of ISSUES) {
      const pdf = path.join(dir, path.basename(file, '.yaml') + '.pdf');
      const r = await runCli(['build', file, '-o', pdf, '--report']);
      expect(r.code, r.err).toBe(0);
      built.push({ file, issue: parse(readFileSync(file, 'utf8')), lines: pdfLines(pdf), search: searchText(pdf), report: r.out });
    }
  }, 180_000);

  it('solid: no space between Han and digits/Latin beyond the line\'s own justification (+0.12 em)', () => {
    let pairs = 0;
    for (const b of built) {
      for (const l of b.lines) {
        const typical = median(hanGaps(l));
        l.chars.slice(1).forEach((ch, i) => {
          const a = l.chars[i]!;
          if ((isHan(a.c) && isLatinOrDigit(ch.c)) || (isLatinOrDigit(a.c) && isHan(ch.c))) {
            pairs++;
            const extra = (ch.x - (a.x + a.w) - typical) / ch.size;
            expect(extra, `${b.file} p${l.page}: ${a.c}|${ch.c} in ${l.text}`).toBeLessThanOrEqual(0.12);
          }
        });
      }
    }
    expect(pairs).toBeGreaterThan(200);
  });

  it('punct-width: no mid-line ，、；：。？！ narrower than 3/4 em (unless next to another mark)', () => {
    let n = 0;
    for (const b of built) {
      for (const l of b.lines) {
        for (let i = 1; i < l.chars.length - 1; i++) {
          const [p, c, q] = [l.chars[i - 1]!, l.chars[i]!, l.chars[i + 1]!];
          if (!'，、；：。？！'.includes(c.c) || PUNCT.test(p.c) || PUNCT.test(q.c)) continue;
          n++;
          expect((q.x - c.x) / c.size, `${b.file} p${l.page}: ${c.c} in ${l.text}`).toBeGreaterThanOrEqual(0.74);
        }
      }
    }
    expect(n).toBeGreaterThan(100);
  });

  it('stretch: no line spread more than 0.15 em per gap, and --report lists none', () => {
    let n = 0;
    for (const b of built) {
      for (const l of b.lines) {
        const gaps = hanGaps(l);
        if (gaps.length < 4) continue;
        n++;
        expect(median(gaps) / l.chars[0]!.size, `${b.file} p${l.page}: ${l.text}`).toBeLessThanOrEqual(0.15);
      }
      expect(b.report).not.toMatch(/字距被拉开/);
    }
    expect(n).toBeGreaterThan(100);
  });

  it('search: pdftotext -raw finds every 6-character phrase of every item, title and date', () => {
    for (const b of built) {
      const texts: string[] = [];
      for (const s of b.issue.sections) {
        texts.push(s.title);
        for (const it of s.items) texts.push(typeof it === 'string' ? it : it.text);
      }
      for (const t of texts) {
        const flat = t.normalize('NFKC').replace(/\s*\n\s*/g, '');
        for (let i = 0; i < Math.max(flat.length - 5, 1); i += 3) {
          const ph = flat.slice(i, i + 6);
          if (/[\s"'“”‘’-]/.test(ph)) continue;
          expect(b.search, `${b.file}: 「${ph}」`).toContain(ph);
        }
        // Every date the clerk wrote, "1月25日" and the like, is found as written.
        for (const d of flat.match(/\d{1,2}月\d{1,2}日/g) ?? []) expect(b.search, `${b.file}: ${d}`).toContain(d);
      }
    }
    const sample = built[0]!.search;
    expect(sample).toContain('2021年1月29日');
    for (const d of ['1月25日', '1月26日', '1月14日', '1月18日', '1月23日', '1月28日', '1月11日']) expect(sample).toContain(d);
  });

  it('masthead, 期号 and 报尾 set solid: 第2期（总第216期）, 2021年2月28日, 2021年2月28日印', () => {
    const dates = built.find((b) => b.file.endsWith('dates.yaml'))!;
    expect(dates.search).toContain('第2期(总第216期)');
    expect(dates.search).toContain('2021年2月28日');
    expect(dates.search).toContain('2021年2月28日印(共印120份)');
    expect(built[0]!.search).toContain('2021年1月29日印');
    const first = dates.lines.filter((l) => l.page === 1 && /第2期|2021年2月28日/.test(l.text));
    expect(first.length).toBeGreaterThanOrEqual(2);
  });

  it('a number and the unit after it are never parted across lines', () => {
    for (const b of built) {
      b.lines.forEach((l, i) => {
        const next = b.lines[i + 1];
        if (!next || next.page !== l.page) return;
        const end = l.chars[l.chars.length - 1]!.c;
        const start = next.chars[0]!.c;
        expect(/[0-9]/.test(end) && UNIT_CHARS.includes(start), `${b.file}: ${l.text} / ${next.text}`).toBe(false);
      });
    }
  });

  it('wrapped headings: not letter-spaced, at least a third on the last line', () => {
    const h = built.find((b) => b.file.endsWith('headings.yaml'))!;
    const titles = h.issue.sections.map((s: { title: string }) => `【${s.title}】`);
    let wrapped = 0;
    for (const title of titles) {
      const i = h.lines.findIndex((l) => title.startsWith(l.text) && l.text.startsWith('【'));
      expect(i, title).toBeGreaterThanOrEqual(0);
      const parts: PdfLine[] = [h.lines[i]!];
      while (parts.map((p) => p.text).join('').length < title.length) parts.push(h.lines[i + parts.length]!);
      expect(parts.map((p) => p.text).join('')).toBe(title);
      if (parts.length < 2) continue;
      wrapped++;
      expect(parts[parts.length - 1]!.text.length * 3, title).toBeGreaterThanOrEqual(title.length);
      for (const p of parts) for (const g of hanGaps(p)) expect(g / 16, p.text).toBeLessThanOrEqual(0.01);
    }
    expect(wrapped).toBeGreaterThanOrEqual(2);
  });
});

describe('--latin grid keeps the old grid padding as an option', () => {
  it('pads digits to whole cells (pdftotext then sees "1 月25日"); an unknown model is a usage error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-grid-'));
    const pdf = path.join(dir, 'grid.pdf');
    const r = await runCli(['build', 'issues/2021-01.yaml', '-o', pdf, '--latin', 'grid']);
    expect(r.code, r.err).toBe(0);
    const text = searchText(pdf);
    expect(text).not.toContain('1月25日');
    expect(text).toMatch(/1\s+月25日/);
    const bad = await runCli(['build', 'issues/2021-01.yaml', '-o', pdf, '--latin', 'loose']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--latin 应为 solid、grid 之一/);
  }, 60_000);
});
