/**
 * `bulletin import`: a plain-text bulletin (typed in Word and saved as text, copied from a web page or
 * out of an old PDF) → an issue draft. Read in two passes: every line is classified on its own
 * (masthead forms, headings, items, credit lines, footer lines, page furniture), then the lines are
 * assembled in order into the masthead, the 编者按, 【栏目】 of items and articles, and the 报尾.
 *
 * Recognised:
 * - masthead: a name of one or two lines; 期号 lines such as ﹝2022﹞第九期（总第683期）, 2023年第7期 总第153期,
 *   第九期, 第3期(总第217期); “2021 年 1 月”; an editor line with or without 编, with the date at its right
 *   (中科院老科协办公室      2022年3月7日);
 * - body: 编者按; headings 【工作动态】, 一、工作动态, （一）工作动态, a short title line (centred by spaces,
 *   or standing alone above paragraphs) for an article; items begun with ➤ ● ◆ ■ • - or numbered 1． 1.
 *   1、 （一）; paragraphs broken by line wraps or by page breaks (page numbers, blank lines); credit lines
 *   such as （办公室供稿）; short opening sentences (党建引领。) as lead-ins when most items have one
 *   (W_IMPORT_LEAD); 一、 or （一） numbered headings throughout as heading_style;
 *   a 本期要目 list is left out (kept as comments); ★ ▲ ◆ before a title are dropped;
 *   ◎工作动态 as a 栏目 heading; （第 3 期） in parentheses; 发送/呈报/呈送/抄发 as 报尾 labels;
 * - 报尾: 报/送/抄送/发… lines (wrapped onto further lines), （共印N份）, the 年月日印/印发 line with the
 *   printing office at its left.
 * Whatever cannot be placed is reported at its line and column (W_IMPORT_UNPLACED) and kept as a
 * comment in the file: nothing is merged into another item or lost. Joining is linear in the text.
 */
import type { Diagnostic } from '../diag.js';
import type { DraftItem, DraftSection, IssueDraft } from '../draft/emit.js';
import type { Day, Period } from '../model/period.js';
import { daysIn } from '../model/period.js';
import type { YearPrefix } from '../model/types.js';
import { PLACEHOLDER_ITEM, PLACEHOLDER_PARAGRAPH, PLACEHOLDER_TITLE } from '../schema/placeholders.js';

/** The draft (fields the text lacks are left empty, so `check` asks for them) and what was noticed. */
export interface ImportResult {
  draft: IssueDraft;
  /** Warnings positioned in the text file (line and column of the text, columns in code points). */
  notes: Diagnostic[];
  /** The lines that were not placed, for a comment block at the end of the file. */
  unplaced: Array<{ line: number; text: string }>;
  /** True when the period came from a date (no “YYYY 年 M 月” line). */
  periodFromPrinted: boolean;
}

/** Largest text `import` reads, in UTF-16 units (a bulletin is a few thousand characters). */
export const MAX_IMPORT_CHARS = 4_000_000;

/** Thrown for a text over {@link MAX_IMPORT_CHARS}. */
export class ImportTooLarge extends Error {}

/** The kinds of item marker found, as item_marker writes them. */
type MarkerKind = '➤' | '●' | '◆' | '■' | '1.' | '（一）';

type Token =
  | { kind: 'blank' }
  | { kind: 'furniture' }
  | { kind: 'heading'; title: string; ordinal: boolean; form?: '一、' | '（一）' }
  | { kind: 'item'; text: string; marker: MarkerKind }
  | { kind: 'note'; text: string }
  | { kind: 'credit'; source: string }
  | { kind: 'dist'; label: string; rest: string }
  | { kind: 'copies'; copies: number }
  | { kind: 'printed'; day?: Day; printer?: string; copies?: number }
  | { kind: 'number'; number?: number; chinese: boolean; prefixYear?: number; year?: number; total?: number }
  | { kind: 'period'; period?: Period }
  | { kind: 'dated'; before: string; day?: Day; gap: boolean }
  | { kind: 'text'; text: string };

interface Line {
  no: number;
  column: number;
  raw: string;
  /** Trimmed as typed. */
  text: string;
  /** Leading white space of a paragraph start (2 full-width spaces, or 2+ spaces, or a tab). */
  indented: boolean;
  /** Leading white space as wide as 4+ characters: a centred line in a text dump. */
  centred: boolean;
  token: Token;
}

const DIGITS = '0-9０-９';
const CN_DIGITS = '零〇一二两三四五六七八九十百千';
const SENTENCE_END = /[。！？!?；;…]$/u;
const CLOSERS = /[”’」』）)】》〉"'\s]+$/u;

/** Converts the text of a plain-text bulletin. `file` is used in the notes' positions. */
export function importText(file: string, source: string): ImportResult {
  if (source.length > MAX_IMPORT_CHARS) throw new ImportTooLarge(`文本过大：共 ${source.length} 个字符，上限为 ${MAX_IMPORT_CHARS} 个`);
  const text = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n').replace(/\f/g, '\n');
  const raws = text.split('\n');
  const notes: Diagnostic[] = [];
  const unplaced: Array<{ line: number; text: string }> = [];
  const note = (line: number, column: number, message: string, code = 'W_IMPORT_UNPLACED'): void => {
    notes.push({ severity: 'warning', code, span: { file, line, column, offset: -1 }, field: '', message });
  };
  const skip = (l: Line, why: string): void => {
    unplaced.push({ line: l.no, text: l.text });
    note(l.no, l.column, `${why}，未导入：“${clip(l.text)}”`);
  };

  const lines: Line[] = raws.map((raw, i) => classify(raw, i + 1));

  // --- Masthead: from the top to the first line that belongs to the body. ---
  const publication: string[] = [];
  let editor = '';
  let period: Period | undefined;
  let number: number | undefined;
  let total: number | undefined;
  let numberStyle: 'chinese' | undefined;
  let yearPrefix: YearPrefix = false;
  let mastheadDate: Day | undefined;
  let mastheadDateAt: { line: number; column: number } | undefined;
  let mastheadYear: number | undefined;
  let k = 0;
  let sawSerial = false;
  let classification: string | undefined;
  for (; k < lines.length; k++) {
    const l = lines[k]!;
    const t = l.token;
    if (t.kind === 'blank' || t.kind === 'furniture') continue;
    if (t.kind === 'number') {
      sawSerial = true;
      if (t.number !== undefined) number = t.number;
      if (t.total !== undefined) total = t.total;
      if (t.chinese) numberStyle = 'chinese';
      // 〔2023〕第7期 or 2023年第7期: the year printed before the 期号 is kept as the office prints it.
      if (t.prefixYear !== undefined) yearPrefix = true;
      else if (t.year !== undefined && t.number !== undefined) yearPrefix = '年';
      mastheadYear = t.prefixYear ?? t.year ?? mastheadYear;
      continue;
    }
    if (t.kind === 'period') {
      sawSerial = true;
      if (t.period) period = t.period;
      else skip(l, '月份应为 1–12');
      continue;
    }
    if (t.kind === 'dated' && !editor) {
      // “中科院老科协办公室      2022年3月7日”: the editor at the left, the issue date at the right.
      if (t.before) editor = editorName(t.before);
      if (t.day) {
        mastheadDate = t.day;
        mastheadDateAt = { line: l.no, column: l.column };
      } else skip(l, '日期不是有效的日期');
      k++;
      break;
    }
    if (t.kind !== 'text') break;
    if (!sawSerial && !classification && publication.length === 0 && CLASSIFICATION.test(t.text)) {
      classification = t.text.trim();
      continue;
    }
    if (publication.length === 0 || (!sawSerial && publication.length < 2 && isShort(t.text))) {
      if (sawSerial) {
        // After the 期号: the editor line.
        editor = editorName(t.text);
        continue;
      }
      publication.push(t.text.replace(/\s+/gu, (s, at: number, all: string) => (/[\p{Script=Han}]/u.test(all[at - 1] ?? '') && /[\p{Script=Han}]/u.test(all[at + s.length] ?? '') ? '' : ' ')));
      continue;
    }
    if (sawSerial && !editor && isShort(t.text)) {
      editor = editorName(t.text);
      continue;
    }
    break;
  }

  // --- Body and 报尾. ---
  const parts: Array<DraftSection & { line: number; column: number }> = [];
  let note_: string | undefined;
  let printed: Day | undefined;
  let printedAt: { line: number; column: number } | undefined;
  let printer: string | undefined;
  let copies: number | undefined;
  const distribution: IssueDraft['distribution'] = [];
  const markers = new Map<MarkerKind | 'none', number>();
  const headingForms: Array<'一、' | '（一）' | undefined> = [];

  /** The paragraph being collected: its pieces (joined once, at the end: linear) and where it goes. */
  let pieces: string[] = [];
  let pieceTarget: 'item' | 'paragraph' | 'note' | undefined;
  let lastPiece = '';
  let inFooter = false;
  let lastDist: IssueDraft['distribution'][number] | undefined;
  let blankSince = false;
  /** Index of the last line read as a title (a title may go on on the line below it). */
  let titleLine = -2;

  const current = (): (typeof parts)[number] | undefined => parts[parts.length - 1];
  const flush = (): void => {
    if (!pieceTarget || pieces.length === 0) {
      pieces = [];
      pieceTarget = undefined;
      return;
    }
    const value = pieces.join('');
    if (pieceTarget === 'note') note_ = note_ === undefined ? value : note_ + value;
    else {
      const part = current()!;
      if ('article' in part) part.paragraphs.push(value);
      else part.items.push(value);
    }
    pieces = [];
    pieceTarget = undefined;
    lastPiece = '';
  };
  const startPiece = (target: 'item' | 'paragraph' | 'note', s: string): void => {
    flush();
    pieceTarget = target;
    pieces = [s];
    lastPiece = s;
  };
  const addPiece = (s: string): void => {
    pieces.push(/[A-Za-z0-9]$/.test(lastPiece) && /^[A-Za-z0-9]/.test(s) ? ` ${s}` : s);
    lastPiece = s;
  };
  const openSection = (l: Line, title: string): void => {
    flush();
    parts.push({ title: plainTitle(title), items: [], line: l.no, column: l.column });
  };
  const openArticle = (l: Line, title: string): void => {
    flush();
    parts.push({ article: plainTitle(title), paragraphs: [], line: l.no, column: l.column });
  };
  /** True inside an article that has text already (a paragraph kept or being collected) and no credit yet. */
  const inArticleText = (): boolean => {
    const part = current();
    return part !== undefined && 'article' in part && part.source === undefined && (part.paragraphs.length > 0 || pieceTarget === 'paragraph');
  };
  /** Text with no part to go in: an article whose title is left for the clerk. */
  const ensurePart = (l: Line): void => {
    if (current()) return;
    parts.push({ article: PLACEHOLDER_TITLE, paragraphs: [], line: l.no, column: l.column });
    note(l.no, l.column, '这里的文字前没有标题，已作为一篇文章导入，标题处放入了提示文字，请补上', 'W_IMPORT_EMPTY');
  };
  const nextContent = (from: number): Line | undefined => {
    for (let j = from; j < lines.length; j++) {
      const t = lines[j]!.token.kind;
      if (t !== 'blank' && t !== 'furniture') return lines[j];
    }
    return undefined;
  };
  // The body's lines: up to the 报尾 (whose wrapped 报/送 lines are indented by habit).
  let bodyEnd = k;
  while (bodyEnd < lines.length && !['dist', 'printed', 'copies'].includes(lines[bodyEnd]!.token.kind)) bodyEnd++;
  const hardWrapped = wrapWidth(lines.slice(k, bodyEnd));
  const paraIndents = indentsParagraphs(lines.slice(k, bodyEnd));

  // 本期要目: a list of the titles that follow, which the layout does not print; kept as comments.
  let contents: string[] | undefined;
  for (; k < lines.length; k++) {
    const l = lines[k]!;
    const t = l.token;
    if (t.kind === 'blank' || t.kind === 'furniture') {
      blankSince = true;
      if (contents?.length) contents = undefined;
      continue;
    }
    const wasBlank = blankSince;
    blankSince = false;

    if (!inFooter && parts.length === 0 && CONTENTS.test(l.text)) {
      flush();
      contents = [];
      skip(l, '本期要目（本工具不另印要目）');
      continue;
    }
    if (contents) {
      // The first title met again: the list was not closed by a blank line, the body starts here.
      if (contents.length && plainTitle(l.text) === contents[0]) contents = undefined;
      else {
        contents.push(plainTitle(l.text));
        skip(l, '本期要目中的一行');
        continue;
      }
    }

    // 报尾
    if (t.kind === 'dist' && (parts.length > 0 || inFooter)) {
      flush();
      inFooter = true;
      lastDist = { label: t.label, recipients: splitRecipients(t.rest) };
      distribution.push(lastDist);
      if (!lastDist.recipients.length) note(l.no, l.column, `“${t.label}：”后没有单位`, 'W_IMPORT_EMPTY');
      continue;
    }
    if (t.kind === 'printed') {
      flush();
      inFooter = true;
      lastDist = undefined;
      if (!t.day) {
        skip(l, '印发日期不是有效的日期');
        continue;
      }
      printed = t.day;
      printedAt = { line: l.no, column: l.column };
      if (t.printer) printer = t.printer;
      if (t.copies !== undefined) copies = t.copies;
      continue;
    }
    if (t.kind === 'copies' && (inFooter || parts.length > 0)) {
      flush();
      inFooter = true;
      copies = t.copies;
      continue;
    }
    if (inFooter) {
      // A 报/送 list wrapped onto the next line.
      // Not a line with a label of its own (责任编辑：…, 签发：…): that is not a unit.
      if (lastDist && !wasBlank && t.kind === 'text' && !/^[^，,；;：:]{1,8}[：:]/u.test(t.text)) {
        lastDist.recipients.push(...splitRecipients(t.text));
        continue;
      }
      skip(l, '报尾中无法识别的一行');
      continue;
    }

    // Body
    if (t.kind === 'note') {
      startPiece('note', t.text);
      continue;
    }
    if (t.kind === 'heading') {
      if (t.ordinal && l.indented && !l.centred && inArticleText()) {
        // “　　一、主要指标运行特点” indented like the paragraphs: the article's own 一、 level, a paragraph.
        startPiece('paragraph', l.text);
        continue;
      }
      headingForms.push(t.form);
      openSection(l, t.title);
      continue;
    }
    if (t.kind === 'credit') {
      flush();
      const part = current();
      if (part && 'article' in part && part.source === undefined) part.source = t.source;
      else if (part && !('article' in part) && part.items.length > 0) {
        // A credit under an item stays with it, as printed.
        part.items[part.items.length - 1] += l.text;
      } else skip(l, '供稿单位没有对应的文章');
      continue;
    }
    if (t.kind === 'item') {
      if ((t.marker === '1.' || t.marker === '（一）') && inArticleText()) {
        // （一）… 1.… inside an article's text: its numbered paragraphs, number kept as typed.
        startPiece('paragraph', l.text);
        continue;
      }
      const part = current();
      if (!part || 'article' in part) {
        // Numbered lines under an article's title: the article is a 【栏目】 of items after all.
        if (part && 'article' in part && part.paragraphs.length === 0 && pieceTarget !== 'paragraph' && part.source === undefined) {
          parts.pop();
          parts.push({ title: part.article, items: [], line: part.line, column: part.column });
        } else if (!part) {
          ensureSectionForItems(parts, l, note);
        } else {
          skip(l, '文章中的编号条目');
          continue;
        }
      }
      markers.set(t.marker, (markers.get(t.marker) ?? 0) + 1);
      startPiece('item', t.text);
      continue;
    }
    if (t.kind === 'dated' && t.gap) {
      flush();
      if (!editor && t.before) {
        editor = editorName(t.before);
        if (t.day && !mastheadDate) mastheadDate = t.day;
        continue;
      }
      skip(l, '署名或日期行');
      continue;
    }
    const line = t.kind === 'dated' ? { ...l, token: { kind: 'text', text: l.text } as Token } : l;
    if (line.token.kind !== 'text') {
      skip(l, '正文中无法识别的一行');
      continue;
    }

    // A line of text: a title, the start of a paragraph, or the rest of one.
    const ended = pieceTarget === undefined || endsSentence(lastPiece);
    const full = hardWrapped !== undefined && width(lastPiece) >= hardWrapped - 1;
    const afterBreak = pieceTarget === undefined || (ended && (wasBlank || l.centred || !full));
    // A title stands alone before an indented paragraph, or before its ——subtitle and then one.
    const after = nextContent(k + 1);
    const beforeParagraph = startsParagraph(after) || (after !== undefined && SUBTITLE.test(after.text) && startsParagraph(nextContent(lines.indexOf(after) + 1)));
    if (isTitle(l, afterBreak, wasBlank && beforeParagraph)) {
      const prev = current();
      const wrapped = l.centred && lines[k - 1]!.centred && [...lines[k - 1]!.text].length >= 8;
      // The line right under an article's title, before any of its text.
      const underTitle = prev && 'article' in prev && titleLine === k - 1 && pieceTarget === undefined && prev.paragraphs.length === 0 ? prev : undefined;
      if (underTitle && underTitle.subtitle === undefined && SUBTITLE.test(l.text)) {
        // ——副标题 under the title: the article's subtitle [FORMAT §2.2].
        underTitle.subtitle = l.text.trim();
        titleLine = k;
        continue;
      }
      if (underTitle && wrapped && !/^[—－-]/u.test(l.text)) {
        // A title typed over two centred lines (Word's manual break), the first a long one: one title.
        underTitle.article += plainTitle(l.text);
        titleLine = k;
        continue;
      }
      titleLine = k;
      if (after?.token.kind === 'item') openSection(l, l.text);
      else if (after && (after.token.kind === 'text' || after.token.kind === 'credit')) openArticle(l, l.text);
      else openSection(l, l.text);
      continue;
    }
    if (pieceTarget !== undefined && continues(lastPiece, l, wasBlank, full, paraIndents)) {
      addPiece(l.text);
      continue;
    }
    ensurePart(l);
    const part = current()!;
    if (!('article' in part)) markers.set('none', (markers.get('none') ?? 0) + 1);
    startPiece('article' in part ? 'paragraph' : 'item', l.text);
  }
  flush();

  // An article's last paragraph may end with its credit: （办公室供稿）.
  for (const p of parts) {
    if (!('article' in p) || p.source !== undefined || p.paragraphs.length === 0) continue;
    const last = p.paragraphs[p.paragraphs.length - 1]!;
    const m = INLINE_CREDIT.exec(last);
    if (m && m.index > 0) {
      p.paragraphs[p.paragraphs.length - 1] = last.slice(0, m.index).trimEnd();
      p.source = m[1]!.trim();
    }
  }

  let periodFromPrinted = false;
  const dated = printed ?? mastheadDate;
  if (!period && dated) {
    const d = mastheadDate ?? dated;
    period = { year: d.year, month: d.month };
    periodFromPrinted = true;
    const at = (mastheadDate ? mastheadDateAt : printedAt) ?? printedAt ?? { line: 1, column: 1 };
    note(at.line, at.column, `没有找到“YYYY 年 M 月”一行，年月按${mastheadDate ? '报头的日期' : '印发日期'}取为 ${d.year}年${d.month}月，请核对`, 'W_IMPORT_PERIOD');
  }
  if (!printed && mastheadDate) printed = mastheadDate;
  if (period && mastheadYear !== undefined && mastheadYear !== period.year) {
    note(1, 1, `期号中的年份 ${mastheadYear} 与年月 ${period.year}年${period.month}月 不一致，请核对`, 'W_IMPORT_PERIOD');
  }

  const sections: DraftSection[] = [];
  for (const p of parts) {
    const { line, column, ...s } = p;
    if ('article' in s) {
      if (s.paragraphs.length === 0) {
        s.paragraphs.push(PLACEHOLDER_PARAGRAPH);
        note(line, column, `文章“${clip(s.article)}”下没有找到段落，已放入提示文字，请补上或删去这篇文章`, 'W_IMPORT_EMPTY');
      }
    } else if (s.items.length === 0) {
      // The placeholder makes `check` point at the empty section instead of a bare schema error.
      s.items.push(PLACEHOLDER_ITEM);
      note(line, column, `栏目【${s.title}】下没有找到条目，已放入提示文字，请补上或删去这个栏目`, 'W_IMPORT_EMPTY');
    }
    sections.push(s);
  }
  const leads = splitLeadIns(sections);
  if (leads.count > 0) {
    // sections[i] was made from parts[i].
    const first = parts[Math.max(0, sections.indexOf(leads.first!))]!;
    note(first.line, first.column, `${leads.count} 条开头的短句（如“${clip(leads.example)}”）已作为条目小标题（lead，用黑体印），请核对`, 'W_IMPORT_LEAD');
  }

  const draft: IssueDraft = { publication: publication.length > 1 ? publication : (publication[0] ?? ''), editor, sections, distribution };
  if (period) draft.period = period;
  if (number !== undefined) draft.number = number;
  if (total !== undefined) draft.total = total;
  if (numberStyle) draft.numberStyle = numberStyle;
  if (classification) draft.classification = classification;
  // 一、工作动态 throughout: the issue keeps its numbered headings instead of turning them into 【】.
  const form = headingForms[0];
  if (form && headingForms.every((f) => f === form)) draft.headingStyle = form;
  if (yearPrefix) draft.yearPrefix = yearPrefix;
  const marker = dominantMarker(markers);
  if (marker) draft.itemMarker = marker;
  if (note_ !== undefined) draft.note = note_;
  if (printed) draft.printed = printed;
  if (copies !== undefined) draft.copies = copies;
  if (printer !== undefined) draft.printer = printer;
  return { draft, notes, unplaced, periodFromPrinted };
}

/**
 * “党建引领。1月26日，协会……”: a short headline sentence printed before the item's text [FORMAT §4.3].
 * No digits (a date opens the text itself), no comma or enumeration mark, 4–20 characters, ended by 。.
 */
const LEAD_IN = /^([^，,、；;：:。！？!?\s0-9０-９]{4,20}。)(?=\S)/u;

/**
 * Splits lead-ins off items, but only when the issue shows the habit: at least two items and at least
 * half of all items open with such a sentence. A single short opening sentence is just text.
 */
function splitLeadIns(sections: DraftSection[]): { count: number; example: string; first?: DraftSection } {
  const items = sections.flatMap((s) => ('items' in s ? s.items.map((it, k) => ({ s, k, it })) : []));
  const found = items.flatMap(({ s, k, it }) => {
    if (typeof it !== 'string' || it === PLACEHOLDER_ITEM) return [];
    const m = LEAD_IN.exec(it);
    return m && [...it].length - [...m[1]!].length >= 10 ? [{ s, k, lead: m[1]!, text: it.slice(m[1]!.length) }] : [];
  });
  if (found.length < 2 || found.length * 2 < items.length) return { count: 0, example: '' };
  for (const f of found) if ('items' in f.s) f.s.items[f.k] = { lead: f.lead, text: f.text };
  return { count: found.length, example: found[0]!.lead, first: found[0]!.s };
}

/** Items before any heading: a 【栏目】 whose title is left for the clerk. */
function ensureSectionForItems(parts: Array<DraftSection & { line: number; column: number }>, l: Line, note: (line: number, column: number, message: string, code?: string) => void): void {
  parts.push({ title: '请在此填写栏目标题', items: [], line: l.no, column: l.column });
  note(l.no, l.column, '这里的条目前没有栏目标题，标题处放入了提示文字，请补上', 'W_IMPORT_EMPTY');
}

/** The item_marker to write: the most frequent kind, unless it is the default ➤. */
function dominantMarker(markers: Map<MarkerKind | 'none', number>): string | undefined {
  let best: MarkerKind | 'none' | undefined;
  let n = 0;
  for (const [m, c] of markers) {
    if (c > n) {
      best = m;
      n = c;
    }
  }
  if (!best || best === '➤') return undefined;
  return best;
}

const MARKER = /^(?:([➤►▶•])|(●)|([◆◇])|([■□▪]))\s*/u;
const DASH_MARKER = /^[-*－](?=\s)\s*/u;
/** 1． 1、 1. (an ASCII point before a digit is a decimal: 3.5万). */
const NUMBERED = new RegExp(`^([${DIGITS}]{1,3})\\s*(?:[．、]|\\.(?![${DIGITS}]))\\s*`, 'u');
const PAREN_NUMBERED = new RegExp(`^[（(]\\s*([${CN_DIGITS}]{1,4})\\s*[）)]\\s*`, 'u');
const ORDINAL_HEADING = new RegExp(`^([${CN_DIGITS}]{1,4})\\s*[、．.]\\s*(.+)$`, 'u');
// 【工作动态】, or ◎工作动态 as some offices mark their 栏目.
const BRACKET_HEADING = /^(?:【\s*(.+?)\s*】|◎\s*([^，。；！？,;!?]{1,20}))$/u;
const NOTE = /^[【［[]?\s*编\s*者\s*按\s*[】］\]]?\s*[：:]?\s*/u;
/** “来源：区发展改革委”, “供稿：办公室”: a credit label before its colon. */
const CREDIT_LABEL = String.raw`(?:信息|稿件|文章)?(?:来源|供稿|撰稿|供稿单位|作者|通讯员|执笔)\s*[：:]\s*[^（）()：:]{1,30}?`;
const CREDIT = new RegExp(String.raw`^[（(]\s*(${CREDIT_LABEL}|[^（）()]{1,40}?(?:供稿|撰稿|来稿|来源|报送|提供|通讯员)[^（）()]{0,30}?)\s*[）)]$`, 'u');
const INLINE_CREDIT = new RegExp(String.raw`[（(]\s*(${CREDIT_LABEL}|[^（）()]{1,40}?(?:供稿|撰稿|来稿|报送|提供))\s*[）)]\s*$`, 'u');
const DIST = /^(报|送|发|抄送|抄报|报送|分送|主送|印送|发送|呈报|呈送|抄发)\s*[：:]\s*(.*)$/u;
const D = '[0-9０-９]';
const DATE = String.raw`(${D}{4})\s*年\s*(${D}{1,2})\s*月\s*(${D}{1,2})\s*日`;
const PRINTED = new RegExp(String.raw`^(?:(.*?)\s+)?${DATE}\s*(?:编)?印(?:发)?\s*(?:[（(]\s*共印\s*(${D}+)\s*份\s*[）)])?$`, 'u');
const COPIES = /^[（(]?\s*共印\s*(\d+)\s*份\s*[）)]?$/u;
const SERIAL = new RegExp(
  // “（第 3 期）”: the whole 期号 in parentheses, as some mastheads print it.
  String.raw`^(?:[〔\[（(]\s*(\d{4})\s*[〕\]）)]\s*|(\d{4})\s*年\s*|[（(]\s*)?第\s*([0-9${CN_DIGITS}]+)\s*期\s*[）)]?\s*(?:[（(]?\s*总\s*第\s*(\d+)\s*期\s*[）)]?)?$`,
  'u',
);
const TOTAL_ONLY = /^[（(]?\s*总\s*第\s*(\d+)\s*期\s*[）)]?$/u;
const PERIOD = /^(\d{4})\s*年\s*(\d{1,2})\s*月$/u;
/** A line that ends with a date, with text before it (the editor line of a masthead, a signature). */
const DATED = new RegExp(String.raw`^(.*?)(\s*)${DATE}$`, 'u');
const PAGE_NUMBER = /^(?:[—–\-－－~～]*\s*\d+\s*[—–\-－~～]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+)$/u;
const RULE = /^[\s—–\-－_＿=＝━─═~～*·.…]{3,}$/u;

function classify(raw: string, no: number): Line {
  const text = raw.trim();
  const lead = raw.slice(0, raw.length - raw.trimStart().length);
  const column = [...lead].length + 1;
  const width = [...lead].reduce((w, c) => w + (c === '\u3000' ? 2 : c === '\t' ? 4 : 1), 0);
  const line: Line = { no, column, raw, text, indented: width >= 2, centred: width >= 6, token: { kind: 'text', text } };
  line.token = tokenOf(text);
  return line;
}

function tokenOf(text: string): Token {
  if (!text) return { kind: 'blank' };
  const n = text.normalize('NFKC');
  if (PAGE_NUMBER.test(n) || RULE.test(text)) return { kind: 'furniture' };
  let m: RegExpExecArray | null;
  if ((m = BRACKET_HEADING.exec(text))) {
    if (NOTE.test(text) && /^【\s*编\s*者\s*按\s*】$/u.test(text)) return { kind: 'note', text: '' };
    return { kind: 'heading', title: (m[1] ?? m[2]!).trim(), ordinal: false };
  }
  if ((m = NOTE.exec(text)) && /编\s*者\s*按/u.test(text.slice(0, m[0].length))) return { kind: 'note', text: text.slice(m[0].length) };
  if ((m = SERIAL.exec(n))) {
    const written = m[3]!;
    const chinese = !/^\d+$/.test(written);
    const num = chinese ? chineseValue(written) : Number(written);
    const t: Token = { kind: 'number', chinese, ...(num !== undefined ? { number: num } : {}) };
    if (m[1]) t.prefixYear = Number(m[1]);
    if (m[2]) t.year = Number(m[2]);
    if (m[4]) t.total = Number(m[4]);
    return t;
  }
  if ((m = TOTAL_ONLY.exec(n))) return { kind: 'number', chinese: false, total: Number(m[1]) };
  if ((m = PERIOD.exec(n))) {
    const month = Number(m[2]);
    return month >= 1 && month <= 12 ? { kind: 'period', period: { year: Number(m[1]), month } } : { kind: 'period' };
  }
  if ((m = DIST.exec(text))) return { kind: 'dist', label: m[1]!, rest: m[2]! };
  if ((m = PRINTED.exec(text))) {
    const day = realDay(m[2]!, m[3]!, m[4]!);
    const t: Token = { kind: 'printed' };
    if (day) t.day = day;
    const printer = m[1]?.trim();
    if (printer) t.printer = printer;
    if (m[5]) t.copies = Number(m[5].normalize('NFKC'));
    return t;
  }
  if ((m = COPIES.exec(n))) return { kind: 'copies', copies: Number(m[1]) };
  if ((m = CREDIT.exec(text))) return { kind: 'credit', source: m[1]!.trim() };
  if ((m = MARKER.exec(text))) {
    const marker: MarkerKind = m[1] ? '➤' : m[2] ? '●' : m[3] ? '◆' : '■';
    return { kind: 'item', text: text.slice(m[0].length), marker };
  }
  if ((m = DASH_MARKER.exec(text))) return { kind: 'item', text: text.slice(m[0].length), marker: '➤' };
  if ((m = PAREN_NUMBERED.exec(text))) {
    const rest = text.slice(m[0].length);
    if (isHeadingText(rest)) return { kind: 'heading', title: rest, ordinal: true, form: '（一）' };
    return { kind: 'item', text: rest, marker: '（一）' };
  }
  if ((m = ORDINAL_HEADING.exec(text)) && isHeadingText(m[2]!)) return { kind: 'heading', title: m[2]!.trim(), ordinal: true, form: '一、' };
  if ((m = NUMBERED.exec(text)) && text.length > m[0].length) {
    const rest = text.slice(m[0].length);
    if (isHeadingText(rest) && !/[。]$/u.test(rest)) return { kind: 'heading', title: rest, ordinal: true };
    return { kind: 'item', text: rest, marker: '1.' };
  }
  if ((m = DATED.exec(text))) {
    const before = m[1]!.trim();
    // A sentence that happens to end with a date is text; an editor line is short, its date set apart.
    if (!before || (isShort(before) && !/[，。；！？,;!?、]$/u.test(before))) {
      const t: Token = { kind: 'dated', before, gap: !before || /[ \t\u3000]{2,}|\u3000/u.test(m[2]!) };
      const day = realDay(m[3]!, m[4]!, m[5]!);
      if (day) t.day = day;
      return t;
    }
  }
  return { kind: 'text', text };
}

/** 内部资料, 内部参阅, 秘密★1年 …: the mark above the name. */
const CLASSIFICATION = /^(?:内部(?:资料|参阅|刊物|文件|交流)|注意保存|(?:秘密|机密|绝密)(?:\s*[★*].{0,8})?)(?:\s+注意保存)?$/u;

const CONTENTS = /^[【［[]?\s*(?:本\s*期\s*)?(?:要\s*目|目\s*录|导\s*读)\s*[】］\]]?$/u;

/** A title less the ★ or ▲ set before it for show. */
function plainTitle(t: string): string {
  return t.replace(/^[★☆▲△◆◇●○■□]\s*/u, '').trim();
}

/** A heading's words: short, with no sentence punctuation. */
function isHeadingText(s: string): boolean {
  const t = s.trim();
  return t.length > 0 && [...t].length <= 20 && !/[，。；！？,;!?]/u.test(t);
}

function isShort(s: string): boolean {
  return [...s.trim()].length <= 30;
}

/** “中科院老科协办公室编” or “编印：中科院老科协办公室”: the editor as printed. */
function editorName(s: string): string {
  return s
    .trim()
    .replace(/^(?:编印单位|编印|编辑|主办|主编|编)\s*[：:]\s*/u, '')
    .trim();
}

/** A short line that can be a heading or an article title here. */
/** A subtitle or byline under an article title: ——区发展改革委…. */
const SUBTITLE = /^[—―]{1,2}\s*\S/u;

function isTitle(l: Line, afterBreak: boolean, alone = false): boolean {
  const t = l.text;
  if (!afterBreak || (l.indented && !l.centred)) return false;
  if ([...t].length > 40 || SENTENCE_END.test(t.replace(CLOSERS, '')) || /[，,]$/u.test(t)) return false;
  // A centred line, or a short one with no sentence punctuation at all; up to 40 characters when it
  // stands alone between a blank line and an indented paragraph (a 专报's long title, typed flush left).
  return l.centred || ([...t].length <= (alone ? 40 : 30) && !/[，。；！？、]/u.test(t));
}

/** True when `l` is the indented first line of a paragraph (not a centred title). */
function startsParagraph(l: Line | undefined): boolean {
  return l !== undefined && l.indented && !l.centred && l.token.kind === 'text';
}

/**
 * Whether line `l` continues the paragraph whose last line is `last`: a line wrap or a page break in
 * the middle of it. An indented line starts a paragraph; a line after the middle of a sentence goes
 * on with it. After the end of a sentence: where the text marks paragraphs by indents, an unindented
 * line goes on (a wrap, or a page break); otherwise only a wrap of a full-width line does.
 */
function continues(last: string, l: Line, wasBlank: boolean, full: boolean, paraIndents: boolean): boolean {
  if (l.indented && !l.centred) return false;
  if (!endsSentence(last)) return true;
  if (paraIndents) return true;
  return !wasBlank && full;
}

/** True when the line ends a sentence (closing quotes and brackets looked through). */
function endsSentence(s: string): boolean {
  return SENTENCE_END.test(s.trimEnd().replace(CLOSERS, ''));
}

/** True when the text starts its paragraphs with an indent (two or more lines indented and not centred). */
function indentsParagraphs(lines: readonly Line[]): boolean {
  let n = 0;
  for (const l of lines) if (l.indented && !l.centred && (l.token.kind === 'text' || l.token.kind === 'dated')) n++;
  return n >= 2;
}

/**
 * The width (in 字) at which the text's lines were wrapped, when it was: the most common width of
 * long lines, if at least three lines have it; undefined for a text with a paragraph per line.
 */
function wrapWidth(lines: readonly Line[]): number | undefined {
  const counts = new Map<number, number>();
  for (const l of lines) {
    if (l.token.kind !== 'text' && l.token.kind !== 'item') continue;
    const w = width(l.text);
    if (w >= 16 && w <= 60) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  let best: number | undefined;
  let n = 0;
  for (const [w, c] of counts) {
    // Lines of a wrapped text end within a character of the width (a mark may be pushed in or out).
    const near = c + (counts.get(w - 1) ?? 0) + (counts.get(w + 1) ?? 0);
    if (near > n || (near === n && best !== undefined && w > best)) {
      best = w;
      n = near;
    }
  }
  return best !== undefined && n >= 3 ? best : undefined;
}

/** Width in 字: Han characters and full-width marks 1, ASCII ½. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) < 0x2000 ? 0.5 : 1;
  return Math.round(w);
}

/** 九 → 9, 十一 → 11, 一百零一 → 101, 两 → 2; undefined when not a numeral. */
function chineseValue(s: string): number | undefined {
  const digit: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
  const unit: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let current = 0;
  let seen = false;
  for (const ch of s) {
    if (ch in digit) {
      current = digit[ch]!;
      seen = true;
    } else if (ch in unit) {
      total += (current || 1) * unit[ch]!;
      current = 0;
      seen = true;
    } else if (/\d/.test(ch)) return undefined;
    else return undefined;
  }
  return seen && total + current > 0 ? total + current : undefined;
}

/** “单位一，单位二；单位三。” → the units (、 is kept: it separates parts of one unit's name too). */
function splitRecipients(s: string): string[] {
  return s
    .replace(/[。.]\s*$/u, '')
    .split(/[，,；;]/u)
    .map((r) => r.trim())
    .filter(Boolean);
}

function realDay(y: string, m: string, d: string): Day | undefined {
  const num = (v: string): number => Number(v.normalize('NFKC'));
  const day = { year: num(y), month: num(m), day: num(d) };
  return day.month >= 1 && day.month <= 12 && day.day >= 1 && day.day <= daysIn(day) ? day : undefined;
}

function clip(s: string): string {
  const cps = [...s];
  return cps.length > 30 ? `${cps.slice(0, 30).join('')}…` : s;
}

export type { DraftItem };
