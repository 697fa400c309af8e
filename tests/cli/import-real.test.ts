/**
 * `bulletin import` on bulletins typed as offices type them (tests/fixtures/import/*.txt): two-line
 * mastheads, 期号 forms, headings with and without 【】, numbered and marked items, articles with
 * credits, paragraphs broken by line and by page, full-width digits, mixed spacing. Each must give
 * back the expected file (*.yaml) — every item and paragraph, in order — and lose no line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importText } from '../../src/import/importText.js';
import { PLACEHOLDER_PARAGRAPH } from '../../src/schema/placeholders.js';
import type { Issue } from '../../src/model/types.js';
import { runCli } from '../helpers/cli.js';
import { load, tempDir } from './fixtures.js';

const DIR = path.resolve('tests/fixtures/import');
const CASES = readdirSync(DIR)
  .filter((n) => n.endsWith('.txt'))
  .map((n) => n.replace(/\.txt$/, ''));

function content(issue: Issue) {
  return {
    publication: issue.publicationLines.map((l) => l.value),
    period: [issue.period.year, issue.period.month],
    number: issue.number?.value,
    total: issue.total?.value,
    numberStyle: issue.numberStyle,
    yearPrefix: issue.yearPrefix,
    itemMarker: issue.itemMarker,
    note: issue.note?.value,
    editor: issue.editor.value,
    parts: issue.sections.map((s) =>
      s.kind === 'article'
        ? { article: s.heading.value, subtitle: s.subtitle?.value, paragraphs: s.paragraphs.map((p) => p.text.value), source: s.source?.value }
        : { heading: s.heading.value, items: s.items.map((i) => i.text.value) },
    ),
    distribution: issue.distribution.map((d) => ({ label: d.label.value, recipients: d.recipients.map((r) => r.value) })),
    printed: [issue.printed.year, issue.printed.month, issue.printed.day],
    copies: issue.copies?.value,
    printer: issue.printer?.value,
  };
}

/** Letters and digits only: headings, credits and 报/送 lists are written differently in the file. */
const squash = (s: string): string => s.normalize('NFKC').replace(/[^\p{L}\p{N}]+|[A-Za-z]+/gu, '');

describe('bulletin import: real shapes', () => {
  it('has at least eight test bulletins', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(8);
  });

  for (const name of CASES) {
    it(`${name}: gives back the expected issue, every item and paragraph in order, and check accepts it`, async () => {
      const txt = path.join(DIR, `${name}.txt`);
      const out = path.join(tempDir('import-real'), 'x.yaml');
      const r = await runCli(['import', txt, '-o', out]);
      expect(r.code, r.err).toBe(0);
      const got = content(load(out));
      const want = content(load(path.join(DIR, `${name}.yaml`)));
      // Part by part first, for a readable failure, then everything.
      expect(got.parts.map((p) => ('article' in p ? p.article : p.heading))).toEqual(want.parts.map((p) => ('article' in p ? p.article : p.heading)));
      want.parts.forEach((p, i) => expect(got.parts[i]).toEqual(p));
      expect(got).toEqual(want);
      expect((await runCli(['check', out])).code).toBe(0);
    });

    it(`${name}: loses no line — each is in the file, or reported and kept as a comment`, async () => {
      const txt = path.join(DIR, `${name}.txt`);
      const out = path.join(tempDir('import-real'), 'x.yaml');
      const r = await runCli(['import', txt, '-o', out]);
      const yaml = squash(readFileSync(out, 'utf8'));
      const source = readFileSync(txt, 'utf8').split('\n');
      source.forEach((line, i) => {
        // A heading's 一、 or （一） is heading_style's to print, not part of its title in the file.
        const s = squash(line.replace(/^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)/u, ''));
        // Lines whose content the file holds as fields (期号, dates, copies) or page furniture.
        if (s.length < 6 || /[0-9]日(印|印发)?$|期$|份$|[0-9]月$/u.test(s)) return;
        const tail = s.slice(-6);
        expect(yaml.includes(tail), `line ${i + 1} “${line}” is neither in ${out} nor reported:\n${r.err}`).toBe(true);
      });
    });
  }
});

describe('importText', () => {
  it('reports a 报/送 list line that is something else instead of taking it as a unit', () => {
    const r = importText('t.txt', ['简报', '第1期', '办公室编  2021年1月5日', '【动态】', '➤ 一条。', '发：各单位', '签发：张三', '2021年1月5日印', ''].join('\n'));
    expect(r.draft.distribution).toEqual([{ label: '发', recipients: ['各单位'] }]);
    expect(r.unplaced).toEqual([{ line: 7, text: '签发：张三' }]);
    expect(r.notes.map((n) => `${n.span.line}:${n.span.column} ${n.code}`)).toContain('7:1 W_IMPORT_UNPLACED');
  });

  it('takes short opening sentences as lead-ins only when the issue shows the habit', () => {
    const head = ['工作简报', '第2期', '协会办公室   2023年2月1日', '一、工作动态'];
    const habit = importText('t.txt', [...head, '1．党建引领。2月1日，协会党支部召开组织生活会。', '2．服务会员。2月3日，协会走访会员单位十余家。', ''].join('\n'));
    expect(habit.draft.sections[0]).toEqual({
      title: '工作动态',
      items: [
        { lead: '党建引领。', text: '2月1日，协会党支部召开组织生活会。' },
        { lead: '服务会员。', text: '2月3日，协会走访会员单位十余家。' },
      ],
    });
    expect(habit.notes.map((n) => `${n.span.line}:${n.span.column} ${n.code}`)).toContain('4:1 W_IMPORT_LEAD');
    // One such item among three is just a short first sentence; a date or a comma is never a lead-in.
    const once = importText('t.txt', [...head, '1．会议圆满结束。2月1日，协会召开年度总结大会。', '2．2月3日，协会走访会员单位十余家。', '3．2月5日，协会召开理事会。', ''].join('\n'));
    expect(once.draft.sections[0]!).toMatchObject({ items: ['会议圆满结束。2月1日，协会召开年度总结大会。', '2月3日，协会走访会员单位十余家。', '2月5日，协会召开理事会。'] });
    const dated = importText('t.txt', [...head, '1．2月1日上午召开。会议由会长主持并讲话。', '2．会长、副会长出席。会议审议通过了年度工作报告。', ''].join('\n'));
    expect(dated.notes.map((n) => n.code)).not.toContain('W_IMPORT_LEAD');
  });

  it('does not merge 一、headings or numbered items into the item before', () => {
    const r = importText('t.txt', ['工作简报', '第2期', '协会办公室   2023年2月1日', '一、工作动态', '1．2月1日，协会召开会议，部署全年工作', '2．2月3日，协会走访会员单位。', '二、会员服务', '1．会员服务平台上线。', ''].join('\n'));
    expect(r.draft.sections).toEqual([
      { title: '工作动态', items: ['2月1日，协会召开会议，部署全年工作', '2月3日，协会走访会员单位。'] },
      { title: '会员服务', items: ['会员服务平台上线。'] },
    ]);
    expect(r.draft.itemMarker).toBe('1.');
  });

  it('keeps an article whole: its indented 一、 lines and （一） 1. paragraphs, a long title after the 编者按, a （来源：…） credit', () => {
    const r = importText('t.txt', [
      '政务信息专报', '第2期', '区政府办公室编   2023年2月1日', '',
      '编者按：现将有关情况刊发，供参阅。', '',
      '关于2023年1—5月全区经济运行情况及下阶段工作建议的专题报告', '',
      '　　今年以来，全区经济运行平稳。',
      '　　一、主要指标运行特点',
      '　　（一）工业经济稳中有进。全区工业企业412家。',
      '　　1.部分行业下行压力加大。订单减少。',
      '', '（来源：区发展改革委）', '',
      '发：各街道', '2023年2月1日印发', '',
    ].join('\n'));
    expect(r.draft.note).toBe('现将有关情况刊发，供参阅。');
    expect(r.draft.sections).toEqual([{
      article: '关于2023年1—5月全区经济运行情况及下阶段工作建议的专题报告',
      paragraphs: ['今年以来，全区经济运行平稳。', '一、主要指标运行特点', '（一）工业经济稳中有进。全区工业企业412家。', '1.部分行业下行压力加大。订单减少。'],
      source: '来源：区发展改革委',
    }]);
    expect(r.unplaced).toEqual([]);
  });

  it('joins a title typed over two centred lines, and takes a （来源：…） at the end of the last paragraph as the credit', () => {
    const r = importText('t.txt', [
      '政务信息专报', '第2期', '区政府办公室编          2023年2月1日', '',
      '        关于2023年1—5月全区经济运行情况',
      '          及下阶段工作建议的专题报告', '',
      '　　今年以来，全区经济运行平稳。',
      '　　下阶段，要继续抓好项目建设。（来源：区发展改革委）', '',
      '发：各街道', '2023年2月1日印发', '',
    ].join('\n'));
    expect(r.draft.sections).toEqual([{
      article: '关于2023年1—5月全区经济运行情况及下阶段工作建议的专题报告',
      paragraphs: ['今年以来，全区经济运行平稳。', '下阶段，要继续抓好项目建设。'],
      source: '来源：区发展改革委',
    }]);
  });

  it('fills an article with no paragraph with the article placeholder, not the item one', () => {
    const r = importText('t.txt', ['简报', '第2期', '协会办公室   2023年2月1日', '', '        协会召开理事会', '（办公室供稿）', '', '发：各单位', '2023年2月1日印', ''].join('\n'));
    expect(r.draft.sections[0]).toEqual({ article: '协会召开理事会', paragraphs: [PLACEHOLDER_PARAGRAPH], source: '办公室供稿' });
  });

  it('puts text with no heading into an article whose title is left to fill in', () => {
    const r = importText('t.txt', ['简报', '第2期', '协会办公室   2023年2月1日', '', '2月1日，协会召开会议。', ''].join('\n'));
    expect(r.draft.sections).toEqual([{ article: '请在此填写文章标题', paragraphs: ['2月1日，协会召开会议。'] }]);
    expect(r.notes.some((n) => n.code === 'W_IMPORT_EMPTY' && n.span.line === 5)).toBe(true);
  });

  it('refuses a text over the size limit with a message instead of running for minutes', () => {
    expect(() => importText('t.txt', 'x'.repeat(4_000_001))).toThrow(/上限为 4000000 个/);
  });
});
