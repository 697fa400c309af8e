/**
 * `bulletin mail` end to end: the three PDFs measured with poppler and qpdf against the figures of
 * src/spec/mail.ts (GB/T 1416 and the label sheets), every recipient in order, missing units said,
 * bad books refused, same bytes on rebuild.
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mm } from '../../src/spec/format.js';
import { ENVELOPE_LAYOUT, ENVELOPE_SIZES, LABEL_SHEETS } from '../../src/spec/mail.js';
import { runCli } from '../helpers/cli.js';
import { mailTargets } from '../../src/cli/commands/mail.js';
import { norm, tool } from '../helpers/pdf.js';
import { put, SAMPLE, tempDir } from '../cli/fixtures.js';

interface Word {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}
interface Page {
  width: number;
  height: number;
  words: Word[];
}

/** Pages with their size and words (pt, top-left origin) from pdftotext -bbox. */
function pagesOf(pdf: string): Page[] {
  const html = tool('pdftotext', ['-bbox', pdf, '-']);
  return [...html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
    words: [...m[3]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
      x0: Number(w[1]),
      y0: Number(w[2]),
      x1: Number(w[3]),
      y1: Number(w[4]),
      text: w[5]!,
    })),
  }));
}

/** The stroked rectangles of each page's content stream (qpdf --qdf decompresses them): x, y (bottom-left), w, h. */
function rectsOf(pdf: string, dir: string): number[][][] {
  const qdf = path.join(dir, 'qdf.pdf');
  tool('qpdf', ['--qdf', '--object-streams=disable', pdf, qdf]);
  const text = readFileSync(qdf, 'latin1');
  // In QDF each page's content stream follows a "%% Contents for page N" comment.
  return text
    .split(/%% Contents for page \d+/)
    .slice(1)
    .map((part) => [...part.split('endstream')[0]!.matchAll(/([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re/g)].map((m) => m.slice(1, 5).map(Number)));
}

const lineText = (p: Page): string => norm(p.words.map((w) => w.text).join(''));

function sampleDir(name: string): { dir: string; issue: string; book: string } {
  const dir = tempDir(name);
  const issue = path.join(dir, '2021-01.yaml');
  copyFileSync(SAMPLE, issue);
  const book = path.join(dir, 'address-book.yaml');
  copyFileSync('issues/address-book.yaml', book);
  return { dir, issue, book };
}

describe('where mail writes by default', () => {
  it('output/mail/, apart from the archive PDFs, so verify output/*.pdf meets only what is archived', () => {
    const t = mailTargets(path.join('issues', '2021-01.yaml'));
    expect(t).toEqual({
      envelopes: path.join('output', 'mail', '2021-01-envelopes.pdf'),
      labels: path.join('output', 'mail', '2021-01-labels.pdf'),
      register: path.join('output', 'mail', '2021-01-register.pdf'),
    });
    expect(mailTargets('x.yaml', 'out').register).toBe(path.join('out', 'x-register.pdf'));
  });
});

describe('bulletin mail on the sample issue', () => {
  it('writes envelopes, labels and register next to the PDF; envelope geometry as GB/T 1416 (DL)', async () => {
    const { dir, issue } = sampleDir('mail');
    const out = path.join(dir, 'output');
    const r = await runCli(['mail', issue, '-o', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const env = path.join(out, '2021-01-envelopes.pdf');
    const lab = path.join(out, '2021-01-labels.pdf');
    const reg = path.join(out, '2021-01-register.pdf');
    for (const f of [env, lab, reg]) {
      expect(tool('qpdf', ['--check', f])).toContain('No syntax or stream encoding errors found');
      expect(tool('pdfinfo', [f])).toMatch(/PDF version:\s+1\.7/);
    }
    // The bulletin PDF's own name is never used.
    expect(existsSync(path.join(out, '2021-01.pdf'))).toBe(false);

    // One DL page (220 × 110 mm) per recipient, in 报/送 order.
    const pages = pagesOf(env);
    const dl = ENVELOPE_SIZES.DL;
    expect(pages).toHaveLength(2);
    for (const p of pages) {
      expect(p.width).toBeCloseTo(mm(dl.widthMm), 2);
      expect(p.height).toBeCloseTo(mm(dl.heightMm), 2);
    }
    expect(lineText(pages[0]!)).toContain('市应急管理局领导');
    expect(lineText(pages[1]!)).toContain('市应急管理局机关各处室');

    // Six postcode boxes: size, gap and position from the top-left corner, inside the reading zone.
    const pc = ENVELOPE_LAYOUT.postcode;
    const rects = rectsOf(env, dir);
    for (const [n, page] of rects.entries()) {
      expect(page).toHaveLength(6);
      page.forEach(([x, y, w, h], i) => {
        const topMm = (mm(dl.heightMm) - y! - h!) / mm(1);
        expect(w! / mm(1)).toBeCloseTo(pc.boxWidthMm, 3);
        expect(h! / mm(1)).toBeCloseTo(pc.boxHeightMm, 3);
        expect(x! / mm(1)).toBeCloseTo(pc.leftMm + i * (pc.boxWidthMm + pc.gapMm), 3);
        expect(topMm).toBeCloseTo(pc.topMm, 3);
        expect(x! + w!).toBeLessThanOrEqual(mm(ENVELOPE_LAYOUT.readingZone.widthMm));
        expect(topMm + pc.boxHeightMm).toBeLessThanOrEqual(ENVELOPE_LAYOUT.readingZone.heightMm);
      });
      // Each digit of 200002 centred in its box.
      const digits = pagesOf(env)[n]!.words.filter((w) => /^\d$/.test(w.text));
      expect(digits.map((d) => d.text).join('')).toBe('200002');
      digits.forEach((d, i) => {
        const [x, , w] = page[i]!;
        expect((d.x0 + d.x1) / 2).toBeCloseTo(x! + w! / 2, 0);
        expect(d.y0).toBeGreaterThanOrEqual(mm(pc.topMm) - 1);
        expect(d.y1).toBeLessThanOrEqual(mm(pc.topMm + pc.boxHeightMm) + 1);
      });
    }

    for (const p of pages) {
      // Nothing but the digits in the machine-reading zone (90 × 26 mm, top left).
      const inZone = p.words.filter((w) => w.x0 < mm(ENVELOPE_LAYOUT.readingZone.widthMm) && w.y0 < mm(ENVELOPE_LAYOUT.readingZone.heightMm));
      expect(inZone.every((w) => /^\d$/.test(w.text))).toBe(true);
      // Every word on the envelope.
      for (const w of p.words) {
        expect(w.x0).toBeGreaterThanOrEqual(0);
        expect(w.x1).toBeLessThanOrEqual(p.width);
        expect(w.y1).toBeLessThanOrEqual(p.height);
      }
      // The barcode zone (55–160 mm from the right edge, lowest 20 mm) stays blank.
      const bz = ENVELOPE_LAYOUT.barcodeZone;
      const inBarcode = p.words.filter((w) => w.y1 > p.height - mm(bz.heightMm) && w.x1 > p.width - mm(bz.toRightMm) && w.x0 < p.width - mm(bz.fromRightMm));
      expect(inBarcode).toEqual([]);
      // The sender at the bottom right: right-aligned 15 mm from the right edge, its postcode last.
      const sender = p.words.filter((w) => w.y0 > p.height / 2 && w.x1 > p.width - mm(ENVELOPE_LAYOUT.sender.rightMm) - 1);
      expect(norm(sender.map((w) => w.text).join(''))).toBe(norm('上海市黄浦区某路1号上海市安全生产协会办公室邮政编码：200001'));
      for (const w of sender) expect(w.x1).toBeCloseTo(p.width - mm(ENVELOPE_LAYOUT.sender.rightMm), 0);
      // The recipient's address starts at the addressee block's left edge, the unit name is centred.
      const address = p.words.find((w) => w.text.startsWith('上海市某区'))!;
      expect(address.x0).toBeCloseTo(mm(ENVELOPE_LAYOUT.recipient.leftMm), 1);
      const unit = p.words.find((w) => w.text.startsWith('市应急管理局'))!;
      expect((unit.x0 + unit.x1) / 2).toBeCloseTo(p.width / 2, 0);
      expect(unit.y0).toBeGreaterThan(address.y1);
      expect(unit.y1).toBeLessThan(Math.min(...sender.map((w) => w.y0)));
    }

    // Labels: one A4 sheet, each label's text inside its 70 × 37 mm cell, in list order.
    const sheet = LABEL_SHEETS['3x8'];
    const lp = pagesOf(lab);
    expect(lp).toHaveLength(1);
    expect(lp[0]!.width).toBeCloseTo(mm(210), 2);
    expect(lp[0]!.height).toBeCloseTo(mm(297), 2);
    const units = ['市应急管理局领导', '市应急管理局机关各处室'];
    units.forEach((u, i) => {
      const cell = { x0: mm(sheet.leftMm + i * sheet.pitchXMm), y0: mm(sheet.topMm), x1: mm(sheet.leftMm + i * sheet.pitchXMm + sheet.widthMm), y1: mm(sheet.topMm + sheet.heightMm) };
      const inCell = lp[0]!.words.filter((w) => w.x0 >= cell.x0 && w.x1 <= cell.x1 && w.y0 >= cell.y0 && w.y1 <= cell.y1);
      expect(norm(inCell.map((w) => w.text).join(''))).toBe(norm(`200002上海市某区某路2号${u}办公室收`));
    });

    // Register: title, one row per recipient in order with its copies, the totals.
    const regText = norm(tool('pdftotext', ['-layout', reg, '-']));
    expect(regText).toContain(norm('上海市安全生产协会信息动态'));
    expect(regText).toContain(norm('2021年1月分发登记表'));
    expect(regText).toContain(norm('序号类别收件单位份数签收人签收日期'));
    expect(regText).toContain(norm('1报市应急管理局领导2'));
    expect(regText).toContain(norm('2送市应急管理局机关各处室12'));
    expect(regText).toContain(norm('合计：2个单位14'));
    expect(tool('pdffonts', [reg])).not.toMatch(/\bno\s+no\b/);
  });

  it('rebuilding gives the same bytes; C5, ZL and 2x7 as asked', async () => {
    const { dir, issue } = sampleDir('mail-again');
    const a = path.join(dir, 'a');
    const b = path.join(dir, 'b');
    expect((await runCli(['mail', issue, '-o', a])).code).toBe(0);
    expect((await runCli(['mail', issue, '-o', b])).code).toBe(0);
    for (const n of ['envelopes', 'labels', 'register']) {
      expect(readFileSync(path.join(a, `2021-01-${n}.pdf`)).equals(readFileSync(path.join(b, `2021-01-${n}.pdf`)))).toBe(true);
    }
    for (const code of ['C5', 'ZL'] as const) {
      const o = path.join(dir, code);
      expect((await runCli(['mail', issue, '-o', o, '--envelope', code, '--labels', '2x7'])).code).toBe(0);
      const p = pagesOf(path.join(o, '2021-01-envelopes.pdf'));
      expect(p[0]!.width).toBeCloseTo(mm(ENVELOPE_SIZES[code].widthMm), 2);
      expect(p[0]!.height).toBeCloseTo(mm(ENVELOPE_SIZES[code].heightMm), 2);
      const lp = pagesOf(path.join(o, '2021-01-labels.pdf'))[0]!;
      const s = LABEL_SHEETS['2x7'];
      const second = lp.words.filter((w) => w.x0 >= mm(s.leftMm + s.pitchXMm));
      expect(norm(second.map((w) => w.text).join(''))).toBe(norm('200002上海市某区某路2号市应急管理局机关各处室办公室收'));
    }
    const bad = await runCli(['mail', issue, '-o', a, '--envelope', 'B5']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--envelope 应为 DL、ZL、C5 之一');
    const skip = await runCli(['mail', issue, '-o', a, '--skip-labels', '24']);
    expect(skip.code).toBe(2);
    expect(skip.err).toContain('--skip-labels 应为 0 到 23 的整数（每张 24 枚）');
  });

  it('a recipient missing from the book: check warns with close names, mail says which envelopes it could not make and lists it in the register', async () => {
    const { dir, issue } = sampleDir('mail-missing');
    const text = readFileSync(issue, 'utf8').replace('送: 市应急管理局机关各处室', '送: [市应急管理局机关处室, 各区应急管理局]');
    writeFileSync(issue, text);
    const check = await runCli(['check', issue]);
    expect(check.code).toBe(0);
    expect(check.err).toContain('警告 报尾“送”的名单：通讯录');
    expect(check.err).toContain('中没有“市应急管理局机关处室”：不能为它生成信封和标签；通讯录中相近的单位：“市应急管理局机关各处室”');
    const out = path.join(dir, 'out');
    const r = await runCli(['mail', issue, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.err).toContain('未生成它们的信封和标签（登记表中已列出并标 *）：送“市应急管理局机关处室”、送“各区应急管理局”');
    expect(pagesOf(path.join(out, '2021-01-envelopes.pdf'))).toHaveLength(1);
    const reg = norm(tool('pdftotext', ['-layout', path.join(out, '2021-01-register.pdf'), '-']));
    expect(reg).toContain(norm('2送市应急管理局机关处室*1'));
    expect(reg).toContain(norm('3送各区应急管理局*1'));
    expect(reg).toContain(norm('合计：3个单位4'));

    // No unit of the list in the book: the register alone, and the envelopes already there are named as stale.
    writeFileSync(issue, text.replace('报: 市应急管理局领导', '报: 市应急局领导').replace('[市应急管理局机关处室, 各区应急管理局]', '各区应急管理局'));
    const none = await runCli(['mail', issue, '-o', out]);
    expect(none.code).toBe(0);
    expect(none.err).toContain(`名单中没有一个单位在通讯录里有地址，未生成信封和标签；文件夹中原有的 ${path.join(out, '2021-01-envelopes.pdf')}、${path.join(out, '2021-01-labels.pdf')} 不是这一期的，请勿使用`);
    expect(norm(tool('pdftotext', ['-layout', path.join(out, '2021-01-register.pdf'), '-']))).toContain(norm('1报市应急局领导*1'));
  });

  it('a bad address book: file:line:col Chinese messages, exit 1, nothing written; check reports it too', async () => {
    const { dir, issue, book } = sampleDir('mail-badbook');
    writeFileSync(book, readFileSync(book, 'utf8').replace('postcode: "200002"', 'postcode: 20002'));
    const out = path.join(dir, 'out');
    const r = await runCli(['mail', issue, '-o', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${book}:11:15 单位“市应急管理局领导”的邮政编码（postcode）：应为文字，实际为数字 20002`);
    expect(r.err).toContain('通讯录有错误，未生成信封、标签和登记表');
    expect(existsSync(out)).toBe(false);
    const c = await runCli(['check', issue]);
    expect(c.code).toBe(1);
    expect(c.err).toContain(`${book}:11:15`);
    const direct = await runCli(['check', book]);
    expect(direct.code).toBe(1);
    // A folder holding the book: the book is not taken for an issue.
    const folder = await runCli(['check', dir]);
    expect(folder.out).toContain('2021-01.yaml：格式正确');
    expect(folder.err).not.toContain('publication');
    // No book at all: a usage error naming where it looked.
    const lone = put(tempDir('mail-nobook'), '2021-01.yaml', readFileSync(SAMPLE, 'utf8'));
    const nb = await runCli(['mail', lone]);
    expect(nb.code).toBe(2);
    expect(nb.err).toContain('找不到通讯录');
  });
});
