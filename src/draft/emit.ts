/**
 * Writes an issue file as text: the schema modeline, Chinese comments on every field, fields in the
 * README's order. Emitted by hand (values through yaml's scalar quoting) so the comments survive and
 * the same draft always gives the same bytes.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { displayWidth } from '../cli/terminal.js';
import { writeAtomicNew } from '../io/files.js';
import { stringify } from 'yaml';
import { chineseNumber, yearPrefixText } from '../model/parts.js';
import type { YearPrefix } from '../model/types.js';
import { type Day, dayKey, dayLabel, exampleDay, type Period, periodKey, periodLabel } from '../model/period.js';

/** An item: its text, or a lead-in and the text (issue 14). */
export type DraftItem = string | { lead: string; text: string };

/** A 【栏目】 of items, or an article (issue 14). */
export type DraftSection = { title: string; items: DraftItem[] } | { article: string; subtitle?: string; paragraphs: string[]; source?: string };

/** The contents of an issue file before it is written. */
export interface IssueDraft {
  /**
   * '' is written as an empty field for the clerk to fill (as are a missing period and print date);
   * two lines are written as a list.
   */
  publication: string | string[];
  period?: Period;
  number?: number;
  total?: number;
  /** 第九期 instead of 第9期. */
  numberStyle?: 'arabic' | 'chinese';
  /** The year before the 期号: true 〔2022〕, '年' 2022年. */
  yearPrefix?: YearPrefix;
  /** How 栏目 headings are printed, when not 【】. */
  headingStyle?: '一、' | '（一）';
  /** The item_marker value as written (➤ ● ◆ ■ none （一） 1.). */
  itemMarker?: string;
  /** 编者按. */
  note?: string;
  /** 内部资料 …, top left of the masthead. */
  classification?: string;
  editor: string;
  sections: DraftSection[];
  distribution: Array<{ label: string; recipients: string[] }>;
  /** Undefined: left empty for the clerk (check then asks for it). */
  printed?: Day;
  copies?: number;
  printer?: string;
}

/** What to say at the top and the bottom of the file. */
export interface EmitOptions {
  /** Comment lines after the modeline (without "# "). */
  header?: string[];
  /** Comment lines at the end (e.g. text `import` could not place). */
  footer?: string[];
  /** The first line (default MODELINE, right for a file in issues/ beside schema/). */
  modeline?: string;
}

/** The modeline that makes VS Code's YAML extension check the file against the schema. */
export const MODELINE = '# yaml-language-server: $schema=../schema/issue.schema.json';

/** The tool's issue schema (src/clerk and dist/clerk, dist/bundle all sit two levels below the package). */
const ISSUE_SCHEMA_FILE = fileURLToPath(new URL('../../schema/issue.schema.json', import.meta.url));

/**
 * The modeline for a file written at `target`: the editor resolves `$schema` from the file's own
 * folder, so a file written outside issues/ needs its own relative path to the tool's schema.
 */
export function modelineFor(target: string): string {
  const rel = path.relative(path.dirname(path.resolve(target)), ISSUE_SCHEMA_FILE).split(path.sep).join('/');
  return `# yaml-language-server: $schema=${rel}`;
}

/** Column comments start at (in display cells, a Han character counting two). */
const COMMENT_COLUMN = 42;

/** The file text for `d`. */
export function emitIssueYaml(d: IssueDraft, options: EmitOptions = {}): string {
  const lines: string[] = [options.modeline ?? MODELINE];
  for (const h of options.header ?? []) lines.push(h ? `# ${h}` : '#');
  const put = (text: string, comment?: string): void => {
    lines.push(comment ? withComment(text, comment) : text);
  };
  const p = d.period;
  const text = (key: string, value: string, comment: string): void =>
    value.trim() ? put(`${key}: ${scalar(value)}`, comment) : put(`${key}:`, `${comment}：请填写`);
  if (Array.isArray(d.publication) && d.publication.length > 1) {
    put('publication:', '刊名（必填），红色报头，分两行印出');
    for (const line of d.publication) put(`  - ${scalar(line)}`);
  } else text('publication', Array.isArray(d.publication) ? (d.publication[0] ?? '') : d.publication, '刊名（必填），红色报头，原样印出');
  if (d.classification !== undefined) put(`classification: ${scalar(d.classification)}`, '密级标识（可选），印在报头左上角');
  if (p) put(`period: ${periodKey(p)}`, `年月（必填）“YYYY-MM” → ${periodLabel(p)}`);
  else put('period:', '年月（必填）：请填写，写作 YYYY-MM，如 2021-01');
  const serial = (n: number): string => `${p ? yearPrefixText(d.yearPrefix, p.year) : ''}第${d.numberStyle === 'chinese' ? chineseNumber(n) : n}期`;
  if (d.number !== undefined) put(`number: ${d.number}`, `期号（可选）→ ${serial(d.number)}`);
  if (d.total !== undefined) put(`total: ${d.total}`, `总期号（可选）→ 总第${d.total}期`);
  if (d.numberStyle === 'chinese') put('number_style: chinese', '期号用汉字，如“第九期”');
  if (d.yearPrefix === '年') put('year_prefix: 年', '期号前加年份，如“2022年第九期”');
  else if (d.yearPrefix) put('year_prefix: true', '期号前加年份，如“〔2022〕第九期”');
  text('editor', d.editor, '编印单位（必填），印在报头下方左侧');
  if (d.headingStyle) put(`heading_style: ${d.headingStyle}`, `栏目标题印为“${d.headingStyle === '一、' ? '一、' : '（一）'}栏目名”，按顺序编号`);
  if (d.itemMarker !== undefined) put(`item_marker: ${scalar(d.itemMarker)}`, '条目符号：➤ ● ◆ ■ none （一） 1.');
  if (d.note !== undefined) put(`note: ${scalar(d.note)}`, '编者按（可选），印在报头之下');
  put('sections:', '栏目（必填，至少一个），按顺序排版；本期没有的栏目可整段删去');
  let firstSection = true;
  // The first title's comment shows it as printed; 一、 and （一） number the first section 一.
  const headingLabel = (title: string): string => (d.headingStyle === '一、' ? `“一、${title}”` : d.headingStyle === '（一）' ? `“（一）${title}”` : `【${title}】`);
  let firstArticle = true;
  for (const s of d.sections) {
    if ('article' in s) {
      put(`  - article: ${scalar(s.article)}`, firstArticle ? '文章标题，居中印出' : undefined);
      if (s.subtitle !== undefined) put(`    subtitle: ${scalar(s.subtitle)}`, '副标题（可选），标题下居中，楷体');
      put('    paragraphs:', firstArticle ? '段落（至少一段），每段首行缩进两字' : undefined);
      for (const para of s.paragraphs) put(`      - ${scalar(para)}`);
      if (s.source !== undefined) put(`    source: ${scalar(s.source)}`, firstArticle ? `供稿单位（可选）→ （${s.source.replace(/^[（(]|[）)]$/g, '')}）` : undefined);
      firstArticle = false;
      continue;
    }
    put(`  - title: ${scalar(s.title)}`, firstSection ? `栏目标题，印为${headingLabel(s.title.replace(/^【|】$/g, ''))}` : undefined);
    put('    items:', firstSection ? '条目（至少一条），每条印成一段' : undefined);
    for (const item of s.items) {
      if (typeof item === 'string') put(`      - ${scalar(item)}`);
      else {
        put(`      - lead: ${scalar(item.lead)}`);
        put(`        text: ${scalar(item.text)}`);
      }
    }
    firstSection = false;
  }
  put('distribution:', '报尾分送（必填），按书写顺序：标签 → 单位或单位列表');
  for (const e of d.distribution) {
    if (e.recipients.length === 1) put(`  ${scalar(e.label)}: ${scalar(e.recipients[0]!)}`);
    else {
      put(`  ${scalar(e.label)}:`);
      for (const r of e.recipients) put(`    - ${scalar(r)}`);
    }
  }
  if (d.printed) put(`printed: ${dayKey(d.printed)}`, `印发日期（必填）“YYYY-MM-DD” → ${dayLabel(d.printed)}印`);
  else {
    const example = p ? exampleDay(p) : '2021-01-29';
    put('printed:', `印发日期（必填）：请填写，写作 YYYY-MM-DD，如 ${example}`);
  }
  if (d.copies !== undefined) put(`copies: ${d.copies}`, `印数（可选）→ （共印${d.copies}份）`);
  if (d.printer !== undefined) put(`printer: ${scalar(d.printer)}`, '印发单位（可选），印在日期左侧');
  for (const f of options.footer ?? []) lines.push(f ? `# ${f}` : '#');
  return lines.join('\n') + '\n';
}

/** A YAML scalar on one line: plain when safe, quoted when yaml says so (never a block scalar). */
export function scalar(s: string): string {
  const out = stringify(s, { lineWidth: 0, minContentWidth: 0 }).replace(/\n$/, '');
  return out.includes('\n') ? JSON.stringify(s) : out;
}

function withComment(text: string, comment: string): string {
  const pad = Math.max(2, COMMENT_COLUMN - displayWidth(text));
  return `${text}${' '.repeat(pad)}# ${comment}`;
}

/**
 * Writes a new file atomically (all of it or nothing, so a full disk leaves no stub that would
 * block the rerun); refuses (returns false) when `target` exists, never overwriting the clerk's work.
 * Failures throw an OutputError (exit 1, Chinese message).
 */
export async function writeNewFile(target: string, text: string): Promise<boolean> {
  return writeAtomicNew(target, Buffer.from(text, 'utf8'));
}
