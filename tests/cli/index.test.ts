import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfFacts } from '../../src/archive/extract.js';
import { annualCsv, openingPhrase } from '../../src/annual/annual.js';
import { runCli } from '../helpers/cli.js';
import { flatText, norm, tool } from '../helpers/pdf.js';
import { put, sampleText, smallIssue, tempDir } from './fixtures.js';

describe('bulletin index', () => {
  const dir = tempDir('index');
  const issues = path.join(dir, 'issues');
  const pdf = path.join(dir, 'out', '2021-index.pdf');
  const csv = path.join(dir, 'out', '2021-index.csv');
  const jan = put(issues, '2021-01.yaml', sampleText().replace(/^period: 2021-01$/m, 'period: 2021-01\nnumber: 1\ntotal: 215'));
  const febItems = ['2月3日，协会召开了“安全生产月”活动筹备会，部署了全年的宣传工作。', '为做好节后复工复产工作，协会走访了会员单位。'];
  put(issues, '2021-02.yaml', smallIssue({ period: '2021-02', number: 2, total: 216, printed: '2021-02-26', items: febItems }));
  // Another year: left out (and never compiled).
  put(issues, '2020-12.yaml', smallIssue({ period: '2020-12', number: 12, total: 214, printed: '2020-12-28' }));
  let result: Awaited<ReturnType<typeof runCli>>;
  beforeAll(async () => {
    result = await runCli(['index', issues, '--year', '2021', '-o', pdf]);
  }, 60_000);

  it('writes the PDF and the CSV', () => {
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    expect(result.out).toContain(`2021年总目录 → ${pdf}`);
    expect(result.out).toContain('共 2 期、15 条');
    expect(existsSync(pdf)).toBe(true);
    expect(existsSync(csv)).toBe(true);
  });

  it('has one CSV row per item with the page of the issue where the item starts', async () => {
    const bytes = readFileSync(csv);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes.toString('utf8').slice(1).split('\r\n');
    expect(rows.at(-1)).toBe('');
    expect(rows[0]).toBe('year,period,number,total,section,item_index,opening,page,file,printed,pages,copies,pdf,sha256');
    const data = rows.slice(1, -1).map((r) => r.split(','));
    expect(data).toHaveLength(15);

    // The sample's own order, titles and 1-based item indices; Feb last.
    const sample = parse(sampleText()) as { sections: Array<{ title: string; items: string[] }> };
    const expected = sample.sections.flatMap((s) => s.items.map((t, k) => ({ section: s.title, index: String(k + 1), text: t })));
    const janRows = data.slice(0, 13);
    expect(janRows.map((r) => r.slice(0, 4))).toEqual(expected.map(() => ['2021', '2021-01', '1', '215']));
    expect(janRows.map((r) => [r[4], r[5]])).toEqual(expected.map((e) => [e.section, e.index]));
    // The sample's openings hold only full-width commas, so a plain split works here.
    expect(janRows.map((r) => r[6])).toEqual(expected.map((e) => openingPhrase(e.text)));
    expect(openingPhrase(expected[0]!.text)).toBe('1月25日，协会党支部开展了2020年度…');
    expect(data.slice(13).map((r) => r.slice(0, 6))).toEqual([
      ['2021', '2021-02', '2', '216', '工作动态', '1'],
      ['2021', '2021-02', '2', '216', '工作动态', '2'],
    ]);
    expect(data.slice(13).map((r) => r[7])).toEqual(['1', '1']);

    // Independent check of the page numbers: build January and find each item in its PDF's pages.
    const janPdf = path.join(dir, 'jan.pdf');
    expect((await runCli(['build', jan, '-o', janPdf, '--no-pdfa'])).code).toBe(0);
    const pages = Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [janPdf]))![1]);
    const pageTexts = Array.from({ length: pages }, (_, i) => norm(tool('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), '-enc', 'UTF-8', janPdf, '-'])));
    const actual = expected.map((e) => {
      const head = norm(e.text).slice(0, 16);
      return String(pageTexts.findIndex((t) => t.includes(head)) + 1);
    });
    expect(actual.every((p) => p !== '0')).toBe(true);
    expect(new Set(actual).size).toBeGreaterThan(1); // the sample's items run over several pages
    expect(janRows.map((r) => r[7])).toEqual(actual);
  }, 60_000);

  it('sets the PDF like an issue: masthead, 总目录 line, headings, entries with pages', () => {
    const text = flatText(pdf);
    expect(text.startsWith(norm('上海市安全生产协会信息动态2021年总目录'))).toBe(true);
    let at = 0;
    const inOrder = (s: string): void => {
      const k = text.indexOf(norm(s), at);
      expect(k, s).toBeGreaterThanOrEqual(0);
      at = k + norm(s).length;
    };
    inOrder('2021年1月　第1期　总第215期');
    inOrder('【协会党建】');
    inOrder('1月25日，协会党支部开展了2020年度');
    inOrder('【专家管理】');
    inOrder('2021年2月　第2期　总第216期');
    inOrder('【工作动态】');
    inOrder('为做好节后复工复产工作');
    expect(text).not.toContain('2020年12月');
    const info = tool('pdfinfo', [pdf]);
    expect(info).toMatch(/Title:\s+上海市安全生产协会信息动态 2021年总目录/);
    // Tagged like an issue, its retitled 总目录 line included: the structure check holds.
    const facts = pdfFacts(readFileSync(pdf));
    expect([facts.tagged, facts.pdfaConformance, facts.pdfuaPart]).toEqual([true, 'A', '1']);
    expect(tool('pdfinfo', ['-struct-text', pdf])).toContain('"2021年总目录"');
  });

  it('quotes CSV cells holding ASCII commas, quotes or line ends', () => {
    const csvText = annualCsv(
      [
        {
          file: 'x.yaml',
          publication: 'P',
          editor: 'E',
          period: { year: 2021, month: 3 },
          printed: { year: 2021, month: 3, day: 1 },
          pages: 1,
          sections: [{ title: 'A,B', items: [{ opening: 'say "hi"', page: 1 }] }],
        },
      ],
      2021,
    );
    expect(csvText.split('\r\n')[1]).toBe('2021,2021-03,,,"A,B",1,"say ""hi""",1,x.yaml,2021-03-01,1,,,');
  });

  it('takes the date-only first clause together with the next one', () => {
    expect(openingPhrase('近日，中国安全生产协会公布了名单。')).toBe('近日，中国安全生产协会公布了名单');
    expect(openingPhrase('1月11日上午，协会召开了会议。')).toBe('1月11日上午，协会召开了会议');
    expect(openingPhrase('受市应急局委托，协会组织开展了推荐工作。')).toBe('受市应急局委托');
    expect(openingPhrase('为全面总结本市安全社区创建实践经验，协会拟于年后召开会议。')).toBe('为全面总结本市安全社区创建实践经验');
    // Cut at a word boundary (ICU's segmenter takes 十一 as one word), not at exactly 20 characters.
    expect(openingPhrase('一二三四五六七八九十一二三四五六七八九十一二。')).toBe('一二三四五六七八九十一二三四五六七八九…');
  });

  it('fails without a PDF when an issue of the year has errors', async () => {
    const bad = tempDir('index-bad');
    put(bad, '2021-03.yaml', smallIssue({ period: '2021-03', printed: '' }));
    const out = path.join(bad, 'i.pdf');
    const r = await runCli(['index', bad, '--year', '2021', '-o', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('印发日期（printed）：现在为空，请填写');
    expect(r.err).toContain('未生成总目录');
    expect(existsSync(out)).toBe(false);
    expect((await runCli(['index', bad, '--year', '1999', '-o', out])).code).toBe(1);
    expect((await runCli(['index', bad, '--year', '21'])).code).toBe(2);
  });
});
