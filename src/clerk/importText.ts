/**
 * `bulletin import`: a plain-text bulletin (as typed in Word and saved as text, or copied out of an
 * old PDF) → an issue draft. Recognised: the masthead lines (name, “2021 年 1 月”, 第N期/总第N期,
 * “…编”), 【section】 headings, items starting with ➤ or - (also •●◆■▶►), paragraphs broken by
 * line wraps or by page breaks, 报：/送： lines and the “2021年1月29日印” line. What cannot be placed
 * is reported as a warning at its line and column, and kept as a comment in the file.
 */
import type { Diagnostic } from '../diag.js';
import type { IssueDraft } from './emit.js';
import type { Day, Period } from './period.js';
import { daysIn } from './period.js';
import { PLACEHOLDER_ITEM } from './placeholders.js';

/** The draft (fields the text lacks are left empty, so `check` asks for them) and what was noticed. */
export interface ImportResult {
  draft: IssueDraft;
  /** Warnings positioned in the text file (line and column of the text, columns in code points). */
  notes: Diagnostic[];
  /** The lines that were not placed, for a comment block at the end of the file. */
  unplaced: Array<{ line: number; text: string }>;
  /** True when the period came from the print date (no “YYYY 年 M 月” line). */
  periodFromPrinted: boolean;
}

const MARKER = /^(?:[➤►▶•●◆■]|[-*](?=\s))\s*/u;
const HEADING = /^【\s*(.+?)\s*】$/u;
const PERIOD = /^(\d{4})\s*年\s*(\d{1,2})\s*月$/u;
const NUMBER = /^(?:(\d{4})\s*年\s*)?第\s*(\d+)\s*期(?:\s*[（(]?\s*总第\s*(\d+)\s*期\s*[）)]?)?$/u;
const TOTAL = /^[（(]?\s*总第\s*(\d+)\s*期\s*[）)]?$/u;
const DISTRIBUTION = /^(报|送|发|抄送|抄报|报送|分送)\s*[：:]\s*(.*)$/u;
const DATE = String.raw`(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日`;
const PRINTED = new RegExp(String.raw`^(?:(.*?)\s+)?${DATE}\s*印(?:发)?\s*(?:[（(]\s*共印\s*(\d+)\s*份\s*[）)])?$`, 'u');
const COPIES = /^[（(]\s*共印\s*(\d+)\s*份\s*[）)]$/u;
/** An editor line, possibly with the date at its right as in the printed masthead. */
const EDITOR = new RegExp(String.raw`^(.*编)(?:\s+${DATE})?$`, 'u');
/** A page number line such as “— 2 —”, and other page furniture. */
const PAGE_NUMBER = /^[—–\-－]\s*\d+\s*[—–\-－]$/u;
/** Ends a sentence: the paragraph is complete (closing quotes and brackets looked through). */
const SENTENCE_END = /[。！？!?；;…]$/u;
const CLOSERS = /[”’」』）)】》〉"']+$/u;

/** Converts the text of a plain-text bulletin. `file` is used in the notes' positions. */
export function importText(file: string, source: string): ImportResult {
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\f/g, '\n');
  const lines = text.split('\n');
  const notes: Diagnostic[] = [];
  const unplaced: Array<{ line: number; text: string }> = [];
  const note = (line: number, column: number, message: string, code = 'W_IMPORT_UNPLACED'): void => {
    notes.push({ severity: 'warning', code, span: { file, line, column, offset: -1 }, field: '', message });
  };
  const skip = (line: number, column: number, content: string, why: string): void => {
    unplaced.push({ line, text: content });
    note(line, column, `${why}，未导入：“${clip(content)}”`);
  };

  let publication = '';
  let editor = '';
  let period: Period | undefined;
  let number: number | undefined;
  let total: number | undefined;
  let printed: Day | undefined;
  let printedAt: { line: number; column: number } | undefined;
  let mastheadDate: Day | undefined;
  let printer: string | undefined;
  let copies: number | undefined;
  const sections: IssueDraft['sections'] = [];
  const headingLines = new Map<IssueDraft['sections'][number], { line: number; column: number }>();
  const distribution: IssueDraft['distribution'] = [];

  type State = 'masthead' | 'body' | 'footer';
  let state: State = 'masthead';
  /** The paragraph being collected, and whether a blank line (a page break, maybe) came since. */
  let para: string | undefined;
  let blankSince = false;
  let lastDist: IssueDraft['distribution'][number] | undefined;

  const closePara = (): void => {
    if (para !== undefined && para.trim()) sections.at(-1)?.items.push(para.trim());
    para = undefined;
  };

  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const content = raw.trim();
    const column = codePoints(raw.slice(0, raw.length - raw.trimStart().length)) + 1;
    if (!content || PAGE_NUMBER.test(content)) {
      blankSince = true;
      return;
    }
    const wasBlank = blankSince;
    blankSince = false;

    const heading = HEADING.exec(content);
    if (heading) {
      closePara();
      state = 'body';
      const section = { title: heading[1]!, items: [] as string[] };
      sections.push(section);
      headingLines.set(section, { line: lineNo, column });
      return;
    }
    const pr = PRINTED.exec(content);
    if (pr) {
      closePara();
      state = 'footer';
      const day = realDay(pr[2]!, pr[3]!, pr[4]!);
      if (!day) return skip(lineNo, column, content, '印发日期不是有效的日期');
      printed = day;
      printedAt = { line: lineNo, column };
      if (pr[1]?.trim()) printer = pr[1].trim();
      if (pr[5]) copies = Number(pr[5]);
      return;
    }
    const cp = COPIES.exec(content);
    if (cp && state === 'footer') {
      copies = Number(cp[1]);
      return;
    }
    const dist = state !== 'masthead' ? DISTRIBUTION.exec(content) : null;
    if (dist) {
      closePara();
      state = 'footer';
      lastDist = { label: dist[1]!, recipients: splitRecipients(dist[2]!) };
      distribution.push(lastDist);
      if (!lastDist.recipients.length) note(lineNo, column, `“${dist[1]}：”后没有单位`, 'W_IMPORT_EMPTY');
      return;
    }

    if (state === 'masthead') {
      const p = PERIOD.exec(content);
      if (p) {
        const month = Number(p[2]);
        if (month >= 1 && month <= 12) period = { year: Number(p[1]), month };
        else skip(lineNo, column, content, '月份应为 1–12');
        return;
      }
      const no = NUMBER.exec(content);
      if (no) {
        number = Number(no[2]);
        if (no[3]) total = Number(no[3]);
        return;
      }
      const tt = TOTAL.exec(content);
      if (tt) {
        total = Number(tt[1]);
        return;
      }
      if (!publication) {
        publication = content;
        return;
      }
      const ed = EDITOR.exec(content);
      if (ed && !editor) {
        editor = ed[1]!.trim();
        if (ed[2]) mastheadDate = realDay(ed[2], ed[3]!, ed[4]!);
        return;
      }
      return skip(lineNo, column, content, '报头中无法识别的一行');
    }

    if (state === 'footer') {
      // A 报/送 list wrapped onto the next line.
      if (lastDist && !wasBlank) {
        lastDist.recipients.push(...splitRecipients(content));
        return;
      }
      return skip(lineNo, column, content, '报尾中无法识别的一行');
    }

    // Body.
    const marker = MARKER.exec(content);
    if (marker) {
      closePara();
      para = content.slice(marker[0].length);
      return;
    }
    if (para !== undefined && (!wasBlank || !endsSentence(para))) {
      // A line wrap, or a page break in the middle of a sentence: the same paragraph goes on.
      para = join(para, content);
      return;
    }
    // A paragraph of its own without a marker: an item all the same.
    closePara();
    para = content;
  });
  closePara();

  let periodFromPrinted = false;
  if (!period && (printed ?? mastheadDate)) {
    const d = (printed ?? mastheadDate)!;
    period = { year: d.year, month: d.month };
    periodFromPrinted = true;
    const at = printedAt ?? { line: 1, column: 1 };
    note(at.line, at.column, `没有找到“YYYY 年 M 月”一行，年月按印发日期取为 ${d.year}年${d.month}月，请核对`, 'W_IMPORT_PERIOD');
  }
  if (!printed && mastheadDate) printed = mastheadDate;
  for (const s of sections) {
    if (s.items.length) continue;
    // The placeholder makes `check` point at the empty section instead of a bare schema error.
    s.items.push(PLACEHOLDER_ITEM);
    const at = headingLines.get(s) ?? { line: 1, column: 1 };
    note(at.line, at.column, `栏目【${s.title}】下没有找到条目，已放入提示文字，请补上或删去这个栏目`, 'W_IMPORT_EMPTY');
  }

  const draft: IssueDraft = { publication, editor, sections, distribution };
  if (period) draft.period = period;
  if (number !== undefined) draft.number = number;
  if (total !== undefined) draft.total = total;
  if (printed) draft.printed = printed;
  if (copies !== undefined) draft.copies = copies;
  if (printer !== undefined) draft.printer = printer;
  return { draft, notes, unplaced, periodFromPrinted };
}

/** True when the paragraph's last line ends a sentence (so a blank line after it ends the paragraph). */
function endsSentence(s: string): boolean {
  const t = s.trimEnd();
  // “…。” ends a sentence; a bare closing bracket, as in （第三卷）, does not.
  return SENTENCE_END.test(t.replace(CLOSERS, ''));
}

/** Joins two pieces of one paragraph: nothing between Chinese text, a space between Latin words. */
function join(a: string, b: string): string {
  return /[A-Za-z]$/.test(a) && /^[A-Za-z]/.test(b) ? `${a} ${b}` : a + b;
}

/** “单位一，单位二；单位三” → the units (、 is kept: it separates parts of one unit's name too). */
function splitRecipients(s: string): string[] {
  return s
    .split(/[，,；;]/u)
    .map((r) => r.trim())
    .filter(Boolean);
}

function realDay(y: string, m: string, d: string): Day | undefined {
  const day = { year: Number(y), month: Number(m), day: Number(d) };
  return day.month >= 1 && day.month <= 12 && day.day >= 1 && day.day <= daysIn(day) ? day : undefined;
}

function codePoints(s: string): number {
  return [...s].length;
}

function clip(s: string): string {
  const cps = [...s];
  return cps.length > 30 ? `${cps.slice(0, 30).join('')}…` : s;
}
