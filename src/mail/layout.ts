/**
 * Pages of the three mailing documents as frames (pure: fonts come in as FontMetrics, no file is
 * read): envelopes (one per recipient), address labels (a sheet of many), the distribution register.
 * Every figure comes from src/spec/mail.ts (and the 版心 of src/spec/format.ts for the register).
 */
import type { FontMetrics, FontRole } from '../compose/types.js';
import type { Box, Frame, FrameItem, GlyphRun, Line } from '../paginate/types.js';
import { COLOURS, GB9704, mm, ZIHAO } from '../spec/format.js';
import { ENVELOPE_LAYOUT, REGISTER, type EnvelopeLayout, type EnvelopeSize, LABEL_TEXT, type LabelSheet } from '../spec/mail.js';
import type { Recipient } from './recipients.js';

/** Ideographic em-box top above the baseline, in em [FORMAT §1.3], as for the bulletin. */
const ASCENT = GB9704.emBoxAscent;
/** Line pitch of the mailing documents' short blocks, in em [rec]. */
const LEADING = 1.4;

/** Who sends: the address book's sender. */
export interface SenderLines {
  name: string;
  address: string;
  postcode: string;
}

/** Measures, breaks and places short texts. */
class Setter {
  constructor(private readonly fonts: FontMetrics) {}

  /** A text placed on a page, shaped when the fonts shape (src/paginate/shape.ts). */
  text(s: string, role: FontRole, sizePt: number, xPt: number, baselinePt: number, colour: string = COLOURS.black): GlyphRun {
    return { kind: 'glyphs', xPt, baselinePt, sizePt, colour, glyphs: [{ text: s, role, xPt: 0, shaped: this.fonts.shape?.(s, role) }] };
  }

  width(s: string, role: FontRole, sizePt: number): number {
    return this.fonts.measure(s, role) * sizePt;
  }

  /** The largest size from `maxPt` down to `minPt` (in 0.5 pt steps) at which `s` fits `widthPt`; `minPt` when none. */
  fit(s: string, role: FontRole, maxPt: number, minPt: number, widthPt: number): number {
    for (let size = maxPt; size > minPt; size -= 0.5) if (this.width(s, role, size) <= widthPt) return size;
    return minPt;
  }

  /**
   * `s` broken into lines no wider than `widthPt`, between characters; a closing mark or a digit or
   * letter run is not split from what it follows (a house number stays whole).
   */
  wrap(s: string, role: FontRole, sizePt: number, widthPt: number, balance = true): string[] {
    if (this.width(s, role, sizePt) <= widthPt) return [s];
    if (!balance) return this.greedy(s, role, sizePt, widthPt);
    // Balanced: the narrowest measure that needs no more lines, so no last line of one character.
    const greedy = this.greedy(s, role, sizePt, widthPt);
    let [lo, hi] = [this.width(s, role, sizePt) / greedy.length, widthPt];
    let best = greedy;
    for (let k = 0; k < 12 && hi - lo > 0.5; k++) {
      const mid = (lo + hi) / 2;
      const lines = this.greedy(s, role, sizePt, mid);
      if (lines.length <= greedy.length && lines.every((l) => this.width(l, role, sizePt) <= widthPt)) [hi, best] = [mid, lines];
      else lo = mid;
    }
    return best;
  }

  private greedy(s: string, role: FontRole, sizePt: number, widthPt: number): string[] {
    const chars = [...s];
    const lines: string[] = [];
    let line = '';
    for (let i = 0; i < chars.length; i++) {
      const c = chars[i]!;
      const next = line + c;
      if (line && this.width(next, role, sizePt) > widthPt) {
        // Move a trailing digit/letter run, or a mark that may not end a line, down with `c`.
        let cut = line.length;
        const keep = /[0-9A-Za-z-]+$/.exec(line);
        if (/[0-9A-Za-z]/.test(c) && keep && keep.index > 0) cut = keep.index;
        if (/[，。、；：）》」』”’]/u.test(c) && cut === line.length) {
          lines.push(next);
          line = '';
          continue;
        }
        lines.push(line.slice(0, cut));
        line = line.slice(cut) + c;
      } else line = next;
    }
    if (line) lines.push(line);
    return lines;
  }
}

/** The six postcode digits in their boxes: the boxes (when drawn) and the centred digits. */
function postcodeItems(set: Setter, code: string, lay: EnvelopeLayout['postcode'], drawBoxes: boolean): FrameItem[] {
  const items: FrameItem[] = [];
  const w = mm(lay.boxWidthMm);
  const h = mm(lay.boxHeightMm);
  const top = mm(lay.topMm);
  const digits = [...code];
  for (let i = 0; i < lay.count; i++) {
    const x = mm(lay.leftMm + i * (lay.boxWidthMm + lay.gapMm));
    if (drawBoxes) items.push({ kind: 'box', xPt: x, yPt: top, widthPt: w, heightPt: h, thicknessPt: mm(lay.strokeMm), colour: lay.colour } satisfies Box);
    const d = digits[i];
    if (d === undefined) continue;
    const size = lay.digitSizePt;
    // Lining digits are ~0.72 em tall in the 黑体 faces: centred on the box's middle.
    items.push(set.text(d, 'hei', size, x + (w - set.width(d, 'hei', size)) / 2, top + h / 2 + 0.36 * size));
  }
  return items;
}

/** Options of the envelopes. */
export interface EnvelopeOptions {
  size: EnvelopeSize;
  layout?: EnvelopeLayout;
  /** Draw the red boxes (false for envelopes that have them printed: only the digits go in). */
  boxes?: boolean;
}

/** One envelope page per recipient that has an address (in list order); the others are skipped. */
export function envelopeFrames(recipients: readonly Recipient[], sender: SenderLines, fonts: FontMetrics, options: EnvelopeOptions): Frame[] {
  const set = new Setter(fonts);
  const lay = options.layout ?? ENVELOPE_LAYOUT;
  const W = mm(options.size.widthMm);
  const H = mm(options.size.heightMm);
  const frames: Frame[] = [];
  const senderItems = senderBlock(set, sender, lay, W, H);
  const senderTop = Math.min(...senderItems.map((r) => r.baselinePt - ASCENT * r.sizePt));
  for (const r of recipients) {
    if (!r.unit) continue;
    const items: FrameItem[] = postcodeItems(set, r.unit.postcode.value, lay.postcode, options.boxes ?? true);
    const rl = lay.recipient;
    const left = mm(rl.leftMm);
    const width = W - left - mm(rl.rightMm);
    // Address: top left of the addressee block, 三号, broken over two lines when long.
    let y = mm(rl.topMm);
    const addrSize = set.fit(r.unit.address.value, 'fang', rl.addressSizePt, rl.minSizePt, width);
    for (const line of set.wrap(r.unit.address.value, 'fang', addrSize, width)) {
      items.push(set.text(line, 'fang', addrSize, left, y + ASCENT * addrSize));
      y += LEADING * addrSize;
    }
    if (r.unit.phone) {
      const s = ZIHAO.wuhao;
      items.push(set.text(`电话：${r.unit.phone.value}`, 'fang', s, left, y + ASCENT * s));
      y += LEADING * s;
    }
    // Unit name: large, centred across the envelope, in the space left above the sender.
    const attention = r.unit.attention ? `${r.unit.attention.value}　收` : undefined;
    const unitSize = set.fit(r.name.value, 'fang', rl.unitSizePt, rl.minSizePt, width);
    const unitLines = set.wrap(r.name.value, 'fang', unitSize, width);
    const attSize = rl.addressSizePt;
    const blockH = unitLines.length * LEADING * unitSize + (attention ? LEADING * attSize : 0);
    const room = senderTop - y;
    let uy = y + Math.max(0.15 * unitSize, (room - blockH) / 2);
    for (const line of unitLines) {
      items.push(set.text(line, 'fang', unitSize, (W - set.width(line, 'fang', unitSize)) / 2, uy + ASCENT * unitSize + (LEADING - 1) * unitSize * 0.5));
      uy += LEADING * unitSize;
    }
    if (attention) {
      const aw = set.width(attention, 'fang', attSize);
      items.push(set.text(attention, 'fang', attSize, Math.min(W - mm(rl.rightMm) - aw, (W + set.width(unitLines[unitLines.length - 1]!, 'fang', unitSize)) / 2 - aw), uy + ASCENT * attSize));
    }
    items.push(...senderItems);
    frames.push({ number: frames.length + 1, items, widthPt: W, heightPt: H });
  }
  return frames;
}

/** The sender, right-aligned at the bottom right: address, name, then 邮政编码 and the code, the last baseline above the barcode zone. */
function senderBlock(set: Setter, sender: SenderLines, lay: EnvelopeLayout, W: number, H: number): GlyphRun[] {
  const s = lay.sender;
  const right = W - mm(s.rightMm);
  const lines = [sender.address, sender.name, `邮政编码：${sender.postcode}`];
  const size = Math.min(...lines.map((l) => set.fit(l, 'fang', s.sizePt, s.minSizePt, mm(s.maxWidthMm))));
  const out: GlyphRun[] = [];
  let baseline = H - mm(s.bottomMm);
  for (const line of [...lines].reverse()) {
    out.push(set.text(line, 'fang', size, right - set.width(line, 'fang', size), baseline));
    baseline -= LEADING * size;
  }
  return out.reverse();
}

/** Options of the label sheets. */
export interface LabelOptions {
  sheet: LabelSheet;
  /** Labels already used on the first sheet (a sheet printed before): filling starts after them. */
  skip?: number;
}

/** Address labels, one per recipient that has an address, filled row by row, as many A4 sheets as needed. */
export function labelFrames(recipients: readonly Recipient[], fonts: FontMetrics, options: LabelOptions): Frame[] {
  const set = new Setter(fonts);
  const sh = options.sheet;
  const perSheet = sh.columns * sh.rows;
  const frames: Frame[] = [];
  const withAddress = recipients.filter((r) => r.unit);
  const skip = Math.max(0, Math.min(perSheet - 1, Math.trunc(options.skip ?? 0)));
  withAddress.forEach((r, n) => {
    const i = n + skip;
    const k = i % perSheet;
    if (k === 0 || n === 0) frames.push({ number: frames.length + 1, items: [], widthPt: mm(GB9704.paper.widthMm), heightPt: mm(GB9704.paper.heightMm) });
    const frame = frames[frames.length - 1]!;
    const x = mm(sh.leftMm + (k % sh.columns) * sh.pitchXMm + sh.paddingXMm);
    const top = mm(sh.topMm + Math.floor(k / sh.columns) * sh.pitchYMm + sh.paddingYMm);
    const width = mm(sh.widthMm - 2 * sh.paddingXMm);
    const height = mm(sh.heightMm - 2 * sh.paddingYMm);
    frame.items.push(...labelItems(set, r, x, top, width, height));
  });
  return frames;
}

/** One label: postcode, address (up to two lines), unit name, attention; shrunk together when they do not fit. */
function labelItems(set: Setter, r: Recipient, x: number, top: number, width: number, height: number): GlyphRun[] {
  const unit = r.unit!;
  for (let scale = 1; ; scale -= 0.05) {
    const t = LABEL_TEXT;
    const size = (pt: number): number => Math.max(t.minSizePt, pt * scale);
    const lines: Array<{ s: string; role: FontRole; size: number }> = [{ s: unit.postcode.value, role: 'hei', size: size(t.postcodeSizePt) }];
    for (const l of set.wrap(unit.address.value, 'fang', size(t.addressSizePt), width)) lines.push({ s: l, role: 'fang', size: size(t.addressSizePt) });
    const unitSize = set.fit(r.name.value, 'fang', size(t.unitSizePt), t.minSizePt, width);
    for (const l of set.wrap(r.name.value, 'fang', unitSize, width)) lines.push({ s: l, role: 'fang', size: unitSize });
    if (unit.attention) lines.push({ s: `${unit.attention.value}　收`, role: 'fang', size: size(t.addressSizePt) });
    const total = lines.reduce((h, l) => h + l.size * LEADING, 0) - (LEADING - 1) * lines[lines.length - 1]!.size;
    if (total > height && scale > 0.5 && lines.some((l) => l.size > t.minSizePt)) continue;
    const out: GlyphRun[] = [];
    let y = top + Math.max(0, (height - total) / 2);
    for (const l of lines) {
      out.push(set.text(l.s, l.role, l.size, x, y + ASCENT * l.size));
      y += LEADING * l.size;
    }
    return out;
  }
}

/** What the register shows above its table. */
export interface RegisterHeading {
  publication: string;
  /** 2021年1月（第1期）. */
  issueLabel: string;
  /** 2021年1月29日. */
  printed: string;
  copies?: number;
  sender?: string;
}

/**
 * The distribution register on A4 pages with the bulletin's 版心: the title (publication and issue,
 * 小标宋 二号), a line with the print date, copies and sender (仿宋), then the table — 序号, 类别
 * (报/送/发), 收件单位, 份数, 签收人, 签收日期 — with its header repeated on each page, the totals
 * row, a note on units that have no address, and the signature line of whoever hands them out.
 */
export function registerFrames(recipients: readonly Recipient[], heading: RegisterHeading, fonts: FontMetrics): Frame[] {
  const set = new Setter(fonts);
  const W = mm(GB9704.paper.widthMm);
  const H = mm(GB9704.paper.heightMm);
  const left = mm(GB9704.leftMarginMm);
  const areaW = mm(GB9704.typeArea.widthMm);
  const areaTop = mm(GB9704.topMarginMm);
  const areaBottom = areaTop + mm(GB9704.typeArea.heightMm);
  const R = REGISTER;
  const cols = R.columnsMm.map((c) => mm(c));
  const colX = cols.reduce<number[]>((xs, w) => [...xs, xs[xs.length - 1]! + w], [left]);
  const headerH = mm(R.headerRowMm);
  const rowH = mm(R.rowMm);
  const thin = mm(R.ruleMm);
  const thick = mm(R.outerRuleMm);
  const black = COLOURS.black;
  const frames: Frame[] = [];
  const hline = (items: FrameItem[], y: number, w = thin): void => {
    items.push({ kind: 'line', x1Pt: left, y1Pt: y, x2Pt: left + areaW, y2Pt: y, thicknessPt: w, colour: black } satisfies Line);
  };
  const centred = (s: string, role: FontRole, size: number, x0: number, w: number, yTop: number, h: number): GlyphRun => {
    const sz = set.fit(s, role, size, R.minCellSizePt, w - mm(2));
    return set.text(s, role, sz, x0 + (w - set.width(s, role, sz)) / 2, yTop + (h - sz) / 2 + ASCENT * sz);
  };

  const newPage = (): { items: FrameItem[]; y: number } => {
    const items: FrameItem[] = [];
    let y = areaTop;
    if (frames.length === 0) {
      // Title in 小标宋 二号: publication, then issue and document name; a 三号 仿宋 line under it.
      for (const line of [heading.publication, `${heading.issueLabel}分发登记表`]) {
        const size = set.fit(line, 'title', R.titleSizePt, 16, areaW);
        items.push(set.text(line, 'title', size, left + (areaW - set.width(line, 'title', size)) / 2, y + ASCENT * size));
        y += size * 1.5;
      }
      y += R.subtitleSizePt * 0.5;
      const facts = [`印发日期：${heading.printed}`, heading.copies ? `印数：${heading.copies}份` : '', heading.sender ? `寄发：${heading.sender}` : ''].filter(Boolean).join('　　');
      const size = set.fit(facts, 'fang', R.subtitleSizePt, 10.5, areaW);
      items.push(set.text(facts, 'fang', size, left, y + ASCENT * size));
      y += size * 1.5 + mm(2);
    }
    // Header row, 黑体 like the bulletin's headings.
    const names = ['序号', '类别', '收件单位', '份数', '签收人', '签收日期'];
    hline(items, y, thick);
    names.forEach((n, i) => items.push(centred(n, 'hei', R.cellSizePt, colX[i]!, cols[i]!, y, headerH)));
    hline(items, y + headerH);
    const page = { items, y: y + headerH, top: y };
    frames.push({ number: frames.length + 1, items, widthPt: W, heightPt: H });
    tops.push(y);
    return page;
  };
  const tops: number[] = [];
  const closeTable = (page: { items: FrameItem[]; y: number }): void => {
    const top = tops[tops.length - 1]!;
    for (let i = 0; i < colX.length; i++) {
      const outer = i === 0 || i === colX.length - 1;
      page.items.push({ kind: 'line', x1Pt: colX[i]!, y1Pt: top, x2Pt: colX[i]!, y2Pt: page.y, thicknessPt: outer ? thick : thin, colour: black });
    }
    hline(page.items, page.y, thick);
  };

  // Room needed after the last row: totals row, the note and the signature line.
  const missing = recipients.filter((r) => !r.unit);
  const tail = rowH + (missing.length ? 2 : 1) * ZIHAO.sihao * 2 + mm(4);
  let page = newPage();
  recipients.forEach((r, i) => {
    const last = i === recipients.length - 1;
    if (page.y + rowH + (last ? tail : 0) > areaBottom) {
      closeTable(page);
      page = newPage();
    }
    const y = page.y;
    const name = r.unit ? r.name.value : `${r.name.value}*`;
    const cells = [String(i + 1), r.label, name, String(r.copies)];
    cells.forEach((c, k) => {
      if (k !== 2) page.items.push(centred(c, 'fang', R.cellSizePt, colX[k]!, cols[k]!, y, rowH));
    });
    // Unit names: left-aligned, shrunk to fit, over two lines when still too long.
    const w = cols[2]! - mm(3);
    const size = set.fit(name, 'fang', R.cellSizePt, R.minCellSizePt + 1.5, w);
    const lines = set.wrap(name, 'fang', size, w).slice(0, 2);
    const blockH = lines.length * size * 1.15;
    lines.forEach((l, j) => page.items.push(set.text(l, 'fang', size, colX[2]! + mm(1.5), y + (rowH - blockH) / 2 + j * size * 1.15 + ASCENT * size + 0.075 * size)));
    page.y += rowH;
    hline(page.items, page.y);
  });
  // Totals: units and copies.
  const total = recipients.reduce((n, r) => n + r.copies, 0);
  page.items.push(centred(`合计：${recipients.length}个单位`, 'hei', R.cellSizePt, colX[0]!, colX[3]! - colX[0]!, page.y, rowH));
  page.items.push(centred(String(total), 'hei', R.cellSizePt, colX[3]!, cols[3]!, page.y, rowH));
  page.y += rowH;
  // The totals row spans the first three columns: their inner lines stop above it.
  closeTableWithTotals(page, tops[tops.length - 1]!, colX, thin, thick, black, rowH, hline);
  let y = page.y + mm(4);
  const small = ZIHAO.sihao;
  if (missing.length) {
    const note = `注：标*的单位通讯录中没有，未生成信封和标签，份数按1份计（${missing.map((r) => r.name.value).join('、')}）。`;
    for (const l of set.wrap(note, 'fang', small, areaW, false)) {
      page.items.push(set.text(l, 'fang', small, left, y + ASCENT * small));
      y += small * 1.5;
    }
  }
  y += small * 0.5;
  page.items.push(set.text('经办人：　　　　　　　　　　　　分发日期：　　　年　　月　　日', 'fang', small, left, y + ASCENT * small));
  // Page numbers as in the bulletin: “— 1 —” style would suggest body pages; a register says 第1页 共N页.
  frames.forEach((f) => {
    const s = `第${f.number}页　共${frames.length}页`;
    const size = ZIHAO.wuhao;
    f.items.push(set.text(s, 'fang', size, left + (areaW - set.width(s, 'fang', size)) / 2, areaBottom + mm(7) + ASCENT * size));
  });
  return frames;
}

/** Column lines of the last page: full height at the outer edges and from 份数 on, stopping above the totals row inside 序号–收件单位. */
function closeTableWithTotals(
  page: { items: FrameItem[]; y: number },
  top: number,
  colX: readonly number[],
  thin: number,
  thick: number,
  colour: string,
  rowH: number,
  hline: (items: FrameItem[], y: number, w?: number) => void,
): void {
  for (let i = 0; i < colX.length; i++) {
    const outer = i === 0 || i === colX.length - 1;
    const bottom = i === 1 || i === 2 ? page.y - rowH : page.y;
    page.items.push({ kind: 'line', x1Pt: colX[i]!, y1Pt: top, x2Pt: colX[i]!, y2Pt: bottom, thicknessPt: outer ? thick : thin, colour });
  }
  hline(page.items, page.y, thick);
}
