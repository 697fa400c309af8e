/**
 * `bulletin index` for the archivist (issue 16 item 7): from PDFs (their embedded issue file and
 * build options) as well as from YAML; the CSV's file, print date, pages, copies and SHA-256
 * columns; openings cut at a word or punctuation boundary; the year in every message.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { openingPhrase } from '../../src/annual/annual.js';
import { runCli } from '../helpers/cli.js';
import { put, sampleText, smallIssue, tempDir } from './fixtures.js';

const sha = (f: string): string => createHash('sha256').update(readFileSync(f)).digest('hex');

/** The CSV as rows of cells, keyed by the header (the sample's cells hold no comma or quote). */
function csvRows(file: string): Array<Record<string, string>> {
  const lines = readFileSync(file, 'utf8').slice(1).split('\r\n').filter(Boolean);
  const head = lines[0]!.split(',');
  return lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [head[i]!, v])));
}

describe('openings', () => {
  it('are never cut inside a number, a word or after an opening quote', () => {
    const text = '近日，中国安全生产协会公布了获得“2020年度全国安全文化建设示范企业”名单，其中……';
    expect(openingPhrase(text)).toBe('近日，中国安全生产协会公布了获得…');
    expect(openingPhrase('协会召开了关于ISO45001职业健康安全管理体系标准的宣贯会议，会上……')).not.toMatch(/ISO4500?…|ISO…/);
    expect(openingPhrase('协会举办安全生产月活动暨第20210615号通知宣贯会议和后续的培训')).not.toMatch(/\d…$/);
    // A short clause is whole; the cut keeps at most 20 characters before the …
    expect(openingPhrase('2月3日，协会召开了筹备会。')).toBe('2月3日，协会召开了筹备会');
    for (const item of (parse(sampleText()) as { sections: Array<{ items: string[] }> }).sections.flatMap((s) => s.items)) {
      const o = openingPhrase(item);
      const body = o.replace(/…$/, '');
      expect([...body].length).toBeLessThanOrEqual(20);
      expect(item.startsWith(body.split('，')[0]!)).toBe(true);
      if (o.endsWith('…')) {
        // The character after the cut does not continue a number or Latin word that the cut split.
        const next = item.slice(item.indexOf(body.split('，').at(-1)!) + body.split('，').at(-1)!.length)[0] ?? '';
        expect(/[0-9A-Za-z]/.test(body.at(-1)!) && /[0-9A-Za-z]/.test(next), `${o} | ${next}`).toBe(false);
        expect(body).not.toMatch(/[“‘《（【、，；：]$/);
      }
    }
  });
});

describe('bulletin index from PDFs and from YAML', () => {
  const dir = tempDir('index-pdf');
  const issues = path.join(dir, 'issues');
  const output = path.join(dir, 'output');
  const jan = put(issues, '2021-01.yaml', sampleText().replace(/^printed: 2021-01-29$/m, 'printed: 2021-01-29\ncopies: 300'));
  put(issues, '2021-02.yaml', smallIssue({ period: '2021-02', number: 2, printed: '2021-02-26' }));
  const runs: Record<string, Awaited<ReturnType<typeof runCli>>> = {};
  beforeAll(async () => {
    runs.build = await runCli(['build', issues, '-o', output]);
    runs.duplex = await runCli(['build', jan, '-o', output, '--duplex']);
    runs.yaml = await runCli(['index', issues, '-o', path.join(dir, 'from-yaml', '2021-index.pdf')]);
    // Run twice: the second run finds the first one's index in the folder, reads it as an index
    // and leaves it out (and may replace it).
    runs.first = await runCli(['index', output, '-o', path.join(output, '2021-index.pdf')]);
    runs.pdf = await runCli(['index', output, '-o', path.join(output, '2021-index.pdf')]);
  }, 240_000);

  it('builds from the PDFs, leaving out the print variant and the index itself, with messages', () => {
    expect(runs.build!.code).toBe(0);
    expect(runs.duplex!.code).toBe(0);
    expect(runs.pdf!.code, runs.pdf!.err).toBe(0);
    expect(runs.pdf!.out).toContain('共 2 期、14 条');
    expect(runs.pdf!.err).toContain(`${path.join(output, '2021-01-duplex.pdf')}：与 ${path.join(output, '2021-01.pdf')} 是同一期（双面印刷版），不重复收入总目录`);
    expect(runs.pdf!.err).toContain(`${path.join(output, '2021-index.pdf')}：是全年总目录，不收入总目录`);
    expect(runs.pdf!.err).not.toContain('没有可用的年月');
    expect(runs.pdf!.out).toContain('（SHA-256 一栏为所给 PDF 的校验值）');
    expect(runs.yaml!.out).toContain('（SHA-256 一栏为期刊文件用 build 默认选项生成的存档版 PDF（output/<文件名>.pdf）的校验值）');
  });

  it('has the file, print date, pages, copies and the SHA-256 of each PDF in the CSV', () => {
    const rows = csvRows(path.join(output, '2021-index.csv'));
    expect(Object.keys(rows[0]!)).toEqual(['year', 'period', 'number', 'total', 'section', 'item_index', 'opening', 'page', 'file', 'printed', 'pages', 'copies', 'pdf', 'sha256']);
    const janRow = rows.find((r) => r.period === '2021-01')!;
    const febRow = rows.find((r) => r.period === '2021-02')!;
    expect(janRow).toMatchObject({ file: '2021-01.yaml', printed: '2021-01-29', pages: '5', copies: '300', pdf: '2021-01.pdf', sha256: sha(path.join(output, '2021-01.pdf')) });
    expect(febRow).toMatchObject({ file: '2021-02.yaml', printed: '2021-02-26', pages: '1', copies: '', pdf: '2021-02.pdf', sha256: sha(path.join(output, '2021-02.pdf')) });
  });

  it('from YAML gives the same rows: the SHA-256 is that of the PDF build makes', () => {
    expect(runs.yaml!.code, runs.yaml!.err).toBe(0);
    expect(runs.yaml!.err).toBe('');
    expect(readFileSync(path.join(dir, 'from-yaml', '2021-index.csv')).equals(readFileSync(path.join(output, '2021-index.csv')))).toBe(true);
  });

  it('verifies the index made from PDFs, and checks the issue PDFs given with it against it', async () => {
    const index = path.join(output, '2021-index.pdf');
    const r = await runCli(['verify', index]);
    expect(r.code, r.err).toBe(0);
    const all = await runCli(['verify', index, path.join(output, '2021-01.pdf'), path.join(output, '2021-02.pdf')]);
    expect(all.code, all.err).toBe(0);
    expect(all.out).toContain('其中 2 期与同时核验的 PDF 的 SHA-256 一致');
    // January built again after a correction: the index no longer describes the PDF beside it.
    const later = tempDir('index-stale');
    const fixed = put(later, '2021-01.yaml', readFileSync(jan, 'utf8').replace('copies: 300', 'copies: 310'));
    expect((await runCli(['build', fixed, '-o', later])).code).toBe(0);
    const stale = await runCli(['verify', index, path.join(later, '2021-01.pdf')]);
    expect(stale.code).toBe(1);
    expect(stale.err).toContain(`总目录记载的 2021-01.pdf 的 SHA-256 与所给的 ${path.join(later, '2021-01.pdf')} 不同`);
  }, 90_000);

  it('says which year has no issues, and which years there are', async () => {
    const r = await runCli(['index', issues, '--year', '2019', '-o', path.join(dir, 'none.pdf')]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('没有 2019 年的期刊（所给文件中的年份：2021），未生成总目录');
    const other = put(dir, 'notes.pdf', '%PDF-1.4\nnot really\n');
    const r2 = await runCli(['index', other, '-o', path.join(dir, 'none.pdf')]);
    expect(r2.code).toBe(1);
    expect(r2.err).not.toMatch(/没有\s+年/);
    expect(r2.err).toContain('没有可以收入总目录的期刊');
  });
});

describe('index from one PDF whose embedded issue has a warning', () => {
  it('names the PDF before the embedded file’s position, and one month is not a range', async () => {
    const dir = tempDir('index-pdf-warn');
    const issue = put(dir, '2021-03.yaml', smallIssue({ period: '2021-03', printed: '2021-03-20', items: ['"3月5日，协会召开\\t月度工作会议。"'] }));
    const pdf = path.join(dir, 'out', '2021-03.pdf');
    expect((await runCli(['build', issue, '-o', pdf])).code).toBe(0);
    const r = await runCli(['index', path.join(dir, 'out'), '-o', path.join(dir, 'idx.pdf')]);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(new RegExp(`^${pdf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} 内嵌的 2021-03\\.yaml:\\d+:\\d+ 警告 .*\\[W_TAB_IN_TEXT\\]$`, 'm'));
    expect(r.out).toMatch(/（\d+ 页，2021年3月共 1 期、1 条）/);
  }, 60_000);
});
