/**
 * Checks the schema cannot express: real calendar dates, sensible years, heading brackets, size
 * limits (items, sections, text length, unbreakable runs) and characters that cannot be printed.
 */
import { isMap, isScalar, isSeq, type Scalar } from 'yaml';
import type { Diagnostic, Span } from '../diag.js';
import { charProblem, describeChar, DROPPED_CHARS, graphemeAt, isEmoji, mayHaveCharProblems, uPlus } from '../fonts/chars.js';
import type { IssueDocument } from '../source/parse.js';
import type { Locator } from '../source/locate.js';
import { isBracketed } from '../model/heading.js';
import { daysIn, splitDate } from '../model/period.js';
import { textOf } from '../model/text.js';
import { formatField, type FieldPath } from './fields.js';
import { clip, locate, startOf } from './nodes.js';
import { classifyCode } from '../compose/classes.js';
import { INTEGER_LIMITS } from '../spec/format.js';

/** Earliest year accepted for period and printed: a guard against typos such as 0221. */
export const MIN_YEAR = 1949;
/** Latest year accepted for period and printed: a guard against typos such as 2201. */
export const MAX_YEAR = 2100;

/**
 * Largest 期号, 总期号 and 印数: the schema's `maximum` (issue.schema.json, so an editor flags them
 * too). Why these: src/spec/format.ts, INTEGER_LIMITS.
 */
export const MAX_INTEGERS = INTEGER_LIMITS;

/** A date split into numbers, with the UTF-16 offsets of each part inside the written value. */
export interface DateParts {
  year: number;
  month: number;
  day?: number;
  /** Offsets of year, month and day inside the string (for pointing at the wrong part). */
  at: { year: number; month: number; day: number };
}

/**
 * Reads "YYYY-MM" (`withDay` false) or "YYYY-MM-DD"; a Date (from a YAML 1.1 parser) is read in UTC.
 * Returns undefined when the shape is wrong (the schema reports that).
 */
export function readDate(value: unknown, withDay: boolean): DateParts | undefined {
  const at = { year: 0, month: 5, day: 8 };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    const parts = { year: value.getUTCFullYear(), month: value.getUTCMonth() + 1, at };
    return withDay ? { ...parts, day: value.getUTCDate() } : parts;
  }
  if (typeof value !== 'string') return undefined;
  const parts = splitDate(value, withDay);
  return parts && { ...parts, at };
}

/**
 * Semantic checks on a document whose shape may still be partly wrong: each check runs only on a
 * field whose shape is right, so it never repeats a schema error.
 */
export function checkSemantics(doc: IssueDocument, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  out.push(...checkDate(doc, locator, ['period'], false));
  out.push(...checkDate(doc, locator, ['printed'], true));
  for (const key of Object.keys(MAX_INTEGERS)) out.push(...checkDecimal(doc, locator, key));
  out.push(...checkHeadings(doc, locator));
  out.push(...checkCounts(doc, locator));
  out.push(...checkLimits(doc, locator));
  out.push(...checkCharacters(doc, locator));
  out.push(...checkWrappingQuotes(doc, locator));
  return out;
}

/** Quote pairs Word puts around a value typed or pasted in it (its AutoFormat turns "…" into “…”). */
const WRAPPING_QUOTES: ReadonlyArray<readonly [string, string]> = [
  ['“', '”'],
  ['‘', '’'],
  ['「', '」'],
  ['『', '』'],
];

/**
 * A title, unit, name or item wrapped whole in curly quotes ("“安全文化”"): YAML takes only ASCII
 * quotes as quoting, so the curly ones are printed (【“安全文化”】). A warning, since a whole item may
 * be a quotation; a quote that closes inside the value ("“十四五”规划") is text and not reported.
 */
function checkWrappingQuotes(doc: IssueDocument, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of printedStrings(doc)) {
    const v = p.value.trim();
    const pair = WRAPPING_QUOTES.find(([o, c]) => v.length > 2 && v.startsWith(o) && v.endsWith(c));
    if (!pair) continue;
    const inner = v.slice(1, -1);
    // "“甲”和“乙”" opens and closes twice: not one wrapping pair.
    if (inner.includes(pair[1]) || inner.includes(pair[0])) continue;
    const shown = p.kind === 'line' && p.path[0] === 'sections' ? `【${v}】` : v;
    out.push({
      severity: 'warning',
      code: 'W_WRAPPING_QUOTES',
      span: spanIn(doc, locator, p.path, 0),
      field: formatField(p.path),
      ...labelPlace(p),
      message: `首尾带着弯引号，会原样印为 ${clip(shown, 18)}`,
      hint: `若引号是 Word 自动加上的，请删去两边的引号，只写 ${clip(inner, 16)}`,
    });
  }
  return out;
}

/**
 * A 报/送 label is a key, not a value: its place is the label itself (报尾的标签“报”), not the
 * names it heads. Other strings take the place of their field path (filled in by loadIssue).
 */
function labelPlace(p: PrintedString): { place?: string } {
  return p.kind === 'label' ? { place: `报尾的标签“${clip(p.value, 12)}”` } : {};
}

/** Span of character `offset` inside the string value at `path` (its start when not a string). */
function spanIn(doc: IssueDocument, locator: Locator, path: FieldPath, offset: number): Span {
  const { node } = locate(doc, path);
  if (isScalar(node) && typeof node.value === 'string') return textOf(node, locator).at(offset);
  return locator.spanAt(node?.range?.[0] ?? 0);
}

/**
 * A whole number the schema accepts must also be written as one, in plain decimal digits: YAML also
 * reads 0x10 (16), 0o20, 1e3, +5 and 3.0 as integers, which would print as a number the clerk never
 * typed. Out-of-range and non-integer values are the schema's to report.
 */
function checkDecimal(doc: IssueDocument, locator: Locator, key: string): Diagnostic[] {
  const { node } = locate(doc, [key]);
  if (!isScalar(node) || typeof node.value !== 'number' || !Number.isInteger(node.value)) return [];
  const source = (node as Scalar & { source?: string }).source ?? String(node.value);
  if (/^[0-9]+$/.test(source) || node.value < 1 || node.value > MAX_INTEGERS[key as keyof typeof MAX_INTEGERS]) return [];
  return [
    {
      severity: 'error',
      code: 'E_SCHEMA_TYPE',
      span: locator.spanAt(node.range?.[0] ?? 0),
      field: key,
      message: `应为只用数字 0–9 写的整数（如 ${node.value > 0 ? node.value : 1}），实际为“${clip(source)}”`,
      hint: '不用 0x、0o、科学计数法（1e3）、正号或小数点',
    },
  ];
}

function checkDate(doc: IssueDocument, locator: Locator, path: FieldPath, withDay: boolean): Diagnostic[] {
  const { node } = locate(doc, path);
  if (!isScalar(node)) return [];
  const d = readDate(node.value, withDay);
  if (!d) return [];
  // The value as the clerk wrote it ("2021-02-30"), not only its position: the message names it.
  const written = typeof node.value === 'string' ? node.value : (node.source ?? String(node.value));
  const where = `“${written}”`;
  const error = (code: string, offset: number, message: string, hint?: string): Diagnostic => {
    const diag: Diagnostic = { severity: 'error', code, span: spanIn(doc, locator, path, offset), field: formatField(path), message: `${where}${message}` };
    if (hint) diag.hint = hint;
    return diag;
  };
  const out: Diagnostic[] = [];
  if (d.year < MIN_YEAR || d.year > MAX_YEAR) {
    out.push(error('E_DATE_RANGE', d.at.year, `的年份应在 ${MIN_YEAR}–${MAX_YEAR} 之间，实际为 ${d.year}`));
  }
  if (d.month < 1 || d.month > 12) {
    out.push(error('E_DATE_INVALID', d.at.month, `的月份应为 01–12，实际为 ${pad(d.month)}`));
  } else if (d.day !== undefined) {
    const max = daysIn(d);
    if (d.day < 1 || d.day > max) {
      const text = d.day < 1 ? `的日应为 01–${max}，实际为 ${pad(d.day)}` : `不存在：${d.year}年${d.month}月只有 ${max} 天，实际写了 ${d.day} 日`;
      out.push(error('E_DATE_INVALID', d.at.day, text));
    }
  }
  return out;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** A title with only one of 【 】 would print as 【【… or …】】; a title of bare 【】 prints nothing. */
function checkHeadings(doc: IssueDocument, locator: Locator): Diagnostic[] {
  const { node: sections } = locate(doc, ['sections']);
  if (!isSeq(sections)) return [];
  const out: Diagnostic[] = [];
  sections.items.forEach((section, i) => {
    if (!isMap(section)) return;
    const path: FieldPath = ['sections', i, 'title'];
    const { node } = locate(doc, path);
    if (!isScalar(node) || typeof node.value !== 'string') return;
    const title = node.value.trim();
    const opens = title.startsWith('【');
    const closes = title.endsWith('】');
    const empty = isBracketed(title) && !/\S/u.test(title.slice(1, -1));
    if (!empty && opens === closes) return;
    // Only for a heading that has something to report: mapping the title's characters to the file
    // costs more than the checks.
    const span = spanIn(doc, locator, path, 0);
    const field = formatField(path);
    if (empty) {
      out.push({ severity: 'error', code: 'E_SCHEMA_EMPTY', span, field, message: '【】中没有文字' });
    } else {
      out.push({
        severity: 'warning',
        code: 'W_HEADING_BRACKET',
        span,
        field,
        message: `只有半边括号，将印为“【${title}】”`,
        hint: '请写全【】，或都不写，会自动加上',
      });
    }
  });
  return out;
}

/**
 * Most sections in one issue (a monthly bulletin has under ten; the 5 MB issue the format allows,
 * a year pasted into one file, has 306). Every stage is linear in the sections; this stops abuse.
 */
export const MAX_SECTIONS = 1_000;
/**
 * Most items in one issue, all sections together (a monthly bulletin has a few dozen; the 5 MB
 * issue 306 × 30 = 9 180). Past it the schema is not run. Every stage is linear in the items now
 * (collapseAnyOf and locate were quadratic); `npm run bench` measures 1×, 10×, 100× and 5 MB.
 */
export const MAX_ITEMS = 20_000;
/** Most 报/送 labels and units together (the 报尾 holds a few dozen at most). */
export const MAX_RECIPIENTS = 200;
/** Longest 报/送 label (报, 送, 抄送 …), in characters. */
export const MAX_LABEL_CHARS = 10;
/** Longest item, in characters (about 30 printed pages). */
export const MAX_ITEM_CHARS = 20_000;
/** Longest one-line field (刊名, 编印单位, 栏目标题, 分送标签 and 单位, 印发单位), in characters. */
export const MAX_FIELD_CHARS = 1_000;
/**
 * Longest run of characters with no break opportunity (an English word, a number, a URL, a row of
 * dashes), in characters. The composer cuts such a run at every line; beyond this the cost grows
 * quickly (a 20 000-letter word takes ~20 s to set), and no real text needs it.
 */
export const MAX_WORD_CHARS = 1_000;

/** A printed string of the issue as found in the document, however the rest of the file is shaped. */
interface PrintedString {
  node: Scalar;
  value: string;
  path: FieldPath;
  /** 'item': a paragraph; 'line': a one-line field; 'label': a 报/送 label; 'publication': the masthead (set glyph by glyph). */
  kind: 'item' | 'line' | 'label' | 'publication';
}

/** Every string the issue would print: publication, editor, printer, titles, items, 报/送 labels and units. */
function printedStrings(doc: IssueDocument): PrintedString[] {
  const out: PrintedString[] = [];
  const add = (node: unknown, path: FieldPath, kind: PrintedString['kind']): void => {
    if (isScalar(node) && typeof node.value === 'string') out.push({ node, value: node.value, path, kind });
  };
  const root = doc.contents;
  if (!isMap(root)) return out;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    const value = pair.value;
    if (key === 'publication') {
      if (isSeq(value)) value.items.forEach((line, k) => add(line, ['publication', k], 'publication'));
      else add(value, ['publication'], 'publication');
    } else if (key === 'editor' || key === 'printer') add(value, [key], 'line');
    else if (key === 'note') add(value, ['note'], 'item');
    else if (key === 'sections' && isSeq(value)) {
      value.items.forEach((section, i) => {
        if (!isMap(section)) return;
        for (const sp of section.items) {
          const sk = isScalar(sp.key) ? sp.key.value : undefined;
          if (sk === 'title' || sk === 'article' || sk === 'source') add(sp.value, ['sections', i, sk], 'line');
          else if (sk === 'paragraphs' && isSeq(sp.value)) sp.value.items.forEach((p, j) => add(p, ['sections', i, 'paragraphs', j], 'item'));
          else if (sk === 'items' && isSeq(sp.value)) {
            sp.value.items.forEach((item, j) => {
              if (isMap(item)) {
                add(item.get('lead', true), ['sections', i, 'items', j, 'lead'], 'line');
                add(item.get('text', true), ['sections', i, 'items', j, 'text'], 'item');
              } else add(item, ['sections', i, 'items', j], 'item');
            });
          }
        }
      });
    } else if (key === 'distribution' && isMap(value)) {
      for (const dp of value.items) {
        if (!isScalar(dp.key)) continue;
        const label = String(dp.key.value ?? '');
        add(dp.key, ['distribution', label], 'label');
        if (isSeq(dp.value)) dp.value.items.forEach((r, k) => add(r, ['distribution', label, k], 'line'));
        else add(dp.value, ['distribution', label], 'line');
      }
    }
  }
  return out;
}

/** Code points in `s`, counting only when the UTF-16 length is over `limit` (cheap for short strings). */
function charsOver(s: string, limit: number): number | undefined {
  if (s.length <= limit) return undefined;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff || i === 0 || s.charCodeAt(i - 1) < 0xd800 || s.charCodeAt(i - 1) > 0xdbff) n++;
  }
  return n > limit ? n : undefined;
}

/**
 * True for the characters the composer keeps together in one unit that it must cut by force when
 * wider than a line: its 'latin' class (letters, digits, ASCII punctuation, emoji, anything not
 * CJK) and dashes and ellipses. Ideographs, CJK punctuation and white space break runs.
 */
function inRun(cp: number): boolean {
  if (DROPPED_CHARS.has(cp)) return false; // a zero-width space ends a Latin run in the composer too
  const c = classifyCode(cp);
  return c === 'latin' || c === 'emDash' || c === 'ellipsis';
}

/** The first run of more than `limit` code points that {@link inRun}: its start (UTF-16) and length. */
function longRun(s: string, limit: number): { start: number; length: number } | undefined {
  if (s.length <= limit) return undefined;
  let start = 0;
  let n = 0;
  for (let i = 0; i < s.length; ) {
    const cp = s.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    if (inRun(cp)) {
      if (n === 0) start = i;
      if (++n > limit) {
        let j = i + len;
        for (let c = s.codePointAt(j); c !== undefined && inRun(c); c = s.codePointAt(j)) {
          j += c > 0xffff ? 2 : 1;
          n++;
        }
        return { start, length: n };
      }
    } else n = 0;
    i += len;
  }
  return undefined;
}

/**
 * Counts, each message naming the limit: sections, items (all sections together), 报/送 labels and
 * units. Checked before the schema (see loadIssue): past them the file is not validated further,
 * since thousands of invalid items would only bury the one message that matters.
 */
export function checkCounts(doc: IssueDocument, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (span: Span, path: FieldPath, message: string, hint: string): void => {
    out.push({ severity: 'error', code: 'E_TOO_MANY', span, field: formatField(path), message, hint });
  };
  const { node: sections } = locate(doc, ['sections']);
  if (isSeq(sections)) {
    const n = sections.items.length;
    if (n > MAX_SECTIONS) {
      error(locator.spanAt(startOf(sections.items[MAX_SECTIONS]) ?? startOf(sections) ?? 0), ['sections', MAX_SECTIONS], `栏目过多：共 ${n} 个栏目，上限为 ${MAX_SECTIONS} 个`, '一期简报的栏目通常不到十个：请确认文件内容，或分成几期');
    }
    // An article's paragraphs count as items.
    const lists = sections.items.map((section) => {
      const items = isMap(section) ? (section.get('items', true) ?? section.get('paragraphs', true)) : undefined;
      return isSeq(items) ? items : undefined;
    });
    const all = lists.reduce((a, l) => a + (l?.items.length ?? 0), 0);
    let total = 0;
    let reported = false;
    lists.forEach((items, i) => {
      if (!items) return;
      if (!reported && total + items.items.length > MAX_ITEMS) {
        const j = MAX_ITEMS - total;
        const key = isMap(sections.items[i]) && (sections.items[i] as { has(k: string): boolean }).has('items') ? 'items' : 'paragraphs';
        error(locator.spanAt(startOf(items.items[j]) ?? 0), ['sections', i, key, j], `条目过多：全期共 ${all} 条，上限为 ${MAX_ITEMS} 条（这是第 ${MAX_ITEMS + 1} 条）`, '一期简报通常只有几十条：请确认文件内容，或分成几期');
        reported = true;
      }
      total += items.items.length;
    });
  }
  const { node: distribution } = locate(doc, ['distribution']);
  if (isMap(distribution)) {
    let n = 0;
    let at: { node: unknown; path: FieldPath } | undefined;
    const count = (node: unknown, path: FieldPath): void => {
      if (++n === MAX_RECIPIENTS + 1) at = { node, path };
    };
    for (const pair of distribution.items) {
      const label = isScalar(pair.key) ? String(pair.key.value ?? '') : '';
      count(pair.key, ['distribution', label]);
      if (isSeq(pair.value)) pair.value.items.forEach((u, k) => count(u, ['distribution', label, k]));
      else count(pair.value, ['distribution', label]);
    }
    if (at) {
      error(locator.spanAt(startOf(at.node) ?? startOf(distribution) ?? 0), at.path, `分送的标签和单位过多：共 ${n} 个，上限为 ${MAX_RECIPIENTS} 个`, '报尾只有一页的下部，容纳不下这么多单位：请确认文件内容');
    }
  }
  return out;
}

/**
 * Size limits of the text, each message naming the limit: characters per item, per one-line field
 * and per 报/送 label, and runs that cannot be broken. The counts are in {@link checkCounts}; the
 * YAML-level limits (bytes, tokens, nesting) in src/source/parse.ts.
 */
export function checkLimits(doc: IssueDocument, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (code: string, span: Span, path: FieldPath, message: string, hint?: string, place?: string): void => {
    const d: Diagnostic = { severity: 'error', code, span, field: formatField(path), message };
    if (place !== undefined) d.place = place;
    if (hint) d.hint = hint;
    out.push(d);
  };
  for (const p of printedStrings(doc)) {
    const limit = p.kind === 'item' ? MAX_ITEM_CHARS : p.kind === 'label' ? MAX_LABEL_CHARS : MAX_FIELD_CHARS;
    const n = charsOver(p.value, limit);
    if (n !== undefined) {
      const hint = p.kind === 'item' ? '请把它拆成几条' : p.kind === 'label' ? '标签写“报”“送”“发”“抄送”等，单位写在冒号后面' : '这一项只印一行：请删减';
      error('E_TEXT_TOO_LONG', locator.spanAt(p.node.range?.[0] ?? 0), p.path, `过长：共 ${n} 个字符，上限为 ${limit} 个`, hint, labelPlace(p).place);
    }
    const run = longRun(p.value, MAX_WORD_CHARS);
    if (run) {
      const text = textOf(p.node, locator);
      const sample = [...p.value.slice(run.start, run.start + 24)].slice(0, 12).join('');
      const count = run.length;
      error(
        'E_WORD_TOO_LONG',
        text.at(run.start),
        p.path,
        `有一串 ${count} 个字符的英文、数字、符号或表情（“${sample}…”）中间没有空格，无法断行，上限为 ${MAX_WORD_CHARS} 个`,
        '请在其中适当位置加空格，或删去多余的部分',
        labelPlace(p).place,
      );
    }
  }
  return out;
}

/** Letters of scripts written right to left: set left to right, unjoined, by this tool. */
const RTL_LETTER = '\\p{Script=Arabic}\\p{Script=Hebrew}\\p{Script=Syriac}\\p{Script=Thaana}\\p{Script=Nko}\\p{Script=Samaritan}\\p{Script=Mandaic}\\p{Script=Adlam}';
const RTL = new RegExp(`[${RTL_LETTER}](?:[${RTL_LETTER} ]{0,40}[${RTL_LETTER}])?`, 'u');

const bounds = (g: { start: number; end: number }): [number, number] => [g.start, g.end];

/** At most this many character diagnostics per field; the last one says how many more there are. */
const MAX_CHAR_DIAGNOSTICS_PER_FIELD = 10;

/**
 * Characters that cannot be printed (see `charProblem` in src/fonts/chars.ts): one diagnostic per
 * field and character, at its first occurrence, with the count. Errors for controls, separators,
 * broken and unassigned characters; a warning for the zero-width characters the composer drops.
 * The masthead is set glyph by glyph with nothing dropped, so there a tab, a line break or a
 * zero-width character is an error too; in other one-line fields an inner line break is a warning
 * (it is set as a space).
 */
export function checkCharacters(doc: IssueDocument, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of printedStrings(doc)) {
    const value = p.value;
    const suspect = mayHaveCharProblems(value) || RTL.test(value) || value.includes('\t') || (p.kind !== 'item' && value.includes('\n'));
    if (!suspect) continue;
    const field = formatField(p.path);
    const place = labelPlace(p);
    const found = new Map<number, { offset: number; count: number }>();
    const innerBreak = p.kind === 'line' || p.kind === 'label' ? /\S[^\S\n]*\n\s*\S/u.exec(value) : null;
    for (let i = 0; i < value.length; ) {
      const cp = value.codePointAt(i)!;
      let problem = charProblem(cp);
      // A joiner inside an emoji sequence: the font preflight reports the emoji as a whole.
      if (cp === 0x200d && isEmoji(value.slice(...bounds(graphemeAt(value, i))))) problem = undefined;
      const masthead = p.kind === 'publication' && (cp === 0x09 || cp === 0x0a || problem?.kind === 'dropped');
      if (problem || masthead) {
        const f = found.get(cp);
        if (f) f.count++;
        else found.set(cp, { offset: i, count: 1 });
      }
      i += cp > 0xffff ? 2 : 1;
    }
    const text = textOf(p.node, locator);
    const list = [...found].sort((a, b) => a[1].offset - b[1].offset);
    list.slice(0, MAX_CHAR_DIAGNOSTICS_PER_FIELD).forEach(([cp, f], k) => {
      const times = f.count > 1 ? `，共 ${f.count} 处` : '';
      const more = k === MAX_CHAR_DIAGNOSTICS_PER_FIELD - 1 && list.length > MAX_CHAR_DIAGNOSTICS_PER_FIELD ? `；此处之后还有 ${list.length - k - 1} 种这类字符` : '';
      const problem = charProblem(cp);
      let d: Diagnostic;
      if (p.kind === 'publication' && (cp === 0x0a || cp === 0x09 || problem?.kind === 'dropped')) {
        const what = cp === 0x0a ? '换行' : cp === 0x09 ? '制表符 Tab' : `看不见的${problem!.name}`;
        d = {
          severity: 'error',
          code: cp === 0x0a ? 'E_LINE_BREAK' : 'E_CONTROL_CHAR',
          span: text.at(f.offset),
          field,
          message: `有${what}（${uPlus(cp)}${times}）${more}：刊名逐字印在报头上，它会印成方框`,
          hint: cp === 0x0a ? '刊名的每一行写成一项（不要用“|”或“>”）；要分两行印时写成列表，如“publication: [单位名称, 工作简报]”；太长时会自动缩小字号' : '请删除它',
        };
      } else if (problem!.kind === 'dropped') {
        d = {
          severity: 'warning',
          code: problem!.code,
          span: text.at(f.offset),
          field,
          message: `有看不见的${problem!.name}（${uPlus(cp)}${times}）${more}，排版时已去掉`,
          hint: '多来自从 Word 或网页复制的文字；删除它即可消除此提示',
        };
      } else {
        const e = problem as Extract<typeof problem, { kind: 'error' }>;
        const what =
          e.code === 'E_CONTROL_CHAR'
            ? `看不见的${e.name}（${uPlus(cp)}${times}）`
            : e.code === 'E_BROKEN_CHAR'
              ? `${e.name}（${uPlus(cp)}${times}）`
              : `字符 ${describeChar(cp)}${times ? `（${times.slice(1)}）` : ''}，它是${e.name}`;
        d = { severity: 'error', code: e.code, span: text.at(f.offset), field, message: `有${what}${more}，无法印出`, hint: e.hint };
      }
      out.push({ ...d, ...place });
    });
    const rtl = RTL.exec(value);
    if (rtl) {
      out.push({
        severity: 'warning',
        code: 'W_RTL_TEXT',
        span: text.at(rtl.index),
        field,
        ...place,
        message: `有从右向左书写的文字“${clip(rtl[0], 12)}”：本工具只能按从左到右的顺序逐个字母排印，字母也不会连写，印出来可能无法阅读`,
        hint: '如需印出阿拉伯文、希伯来文等，请改为图片或译成中文',
      });
    }
    const tab = p.kind === 'publication' ? -1 : value.indexOf('\t');
    if (tab >= 0) {
      // Pasted from a Word table or an e-mail: it was set as a plain space without a word.
      const count = value.split('\t').length - 1;
      out.push({
        severity: 'warning',
        code: 'W_TAB_IN_TEXT',
        span: text.at(tab),
        field,
        ...place,
        message: `有制表符 Tab（${count > 1 ? `共 ${count} 处` : '1 处'}），排版时按一个空格处理`,
        hint: '多来自从 Word 表格或邮件复制的文字：换成空格，或删去它',
      });
    }
    if (innerBreak) {
      out.push({
        severity: 'warning',
        code: 'W_LINE_BREAK',
        span: text.at(innerBreak.index + innerBreak[0].indexOf('\n')),
        field,
        ...place,
        message: '只印一行：这里的换行将按空格排印',
        hint: '写在同一行即可消除此提示；太长时请删减',
      });
    }
  }
  return out;
}
