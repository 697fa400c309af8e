/** Field paths and their Chinese names, shared by every check that reports on the issue file. */

/** A path into the issue data: keys, and 0-based list indices as code uses them. */
export type FieldPath = readonly (string | number)[];

/** Chinese names of the top-level fields (the schema's titles). */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  publication: '刊名',
  classification: '密级标识',
  period: '年月',
  number: '期号',
  total: '总期号',
  number_style: '期号写法',
  year_prefix: '年份前缀',
  item_marker: '条目符号',
  heading_style: '栏目标题样式',
  note: '编者按',
  editor: '编印单位',
  sections: '栏目',
  distribution: '分送',
  printed: '印发日期',
  copies: '印数',
  printer: '印发单位',
  title: '栏目标题',
  items: '条目',
  text: '条目正文',
  lead: '条目小标题',
  article: '文章标题',
  subtitle: '副标题',
  paragraphs: '段落',
  source: '供稿单位',
};

/**
 * The path as shown in `Diagnostic.field`, e.g. `sections[3].items[1]`. Indices are printed
 * 1-based, like line numbers and the 第3个栏目第1条 of the message, so the clerk meets one numbering.
 */
export function formatField(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg + 1}]`;
    else if (/^[\p{L}_][\p{L}\p{N}_]*$/u.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/**
 * `formatField`'s text back as a path ("sections[2].items[1].lead" → ["sections", 1, "items", 0,
 * "lead"]); undefined for a text it could not have written.
 */
export function parseField(field: string): FieldPath | undefined {
  const out: (string | number)[] = [];
  const re = /(?:^|\.)([\p{L}_][\p{L}\p{N}_]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/uy;
  let at = 0;
  while (at < field.length) {
    re.lastIndex = at;
    const m = re.exec(field);
    if (!m) return undefined;
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]) - 1);
    else out.push(JSON.parse(m[3]!) as string);
    at = re.lastIndex;
  }
  return out;
}

/** What the clerk calls a section: a 栏目 with its title, or an article (篇) with its heading. */
export interface SectionName {
  kind?: 'items' | 'article';
  /** The section's title or the article's heading as written, when it is text. */
  title?: string;
}

/** The sections of the file being reported on, by 0-based index (undefined: not known). */
export type SectionNames = (index: number) => SectionName | undefined;

/** A title shown after a section's number: short, on one line. */
function shortTitle(title: string | undefined): string {
  const t = (title ?? '').replace(/\s+/gu, ' ').trim();
  if (!t) return '';
  const chars = [...t];
  return `（${chars.length > 12 ? `${chars.slice(0, 12).join('')}…` : t}）`;
}

/**
 * The place of a field as the clerk thinks of it, for the front of a message: 刊名（publication）,
 * 第1个栏目（协会党建）第2条, 第2个栏目（工作动态）第3条的小标题（lead）, 第1篇文章（…）的第2段,
 * 报尾“报”的名单. The YAML key follows in parentheses wherever the clerk may have to type it; the
 * section's title, when known, tells which section is meant. '' for the whole file.
 */
export function placeOf(path: FieldPath, names?: SectionNames): string {
  const [a, b, c, d, e] = path;
  if (path.length === 0) return '';
  const key = (k: string): string => (FIELD_LABELS[k] ? `${FIELD_LABELS[k]}（${k}）` : `“${k}”`);
  if (a === 'sections' && typeof b === 'number') {
    const named = names?.(b);
    // Told apart by what the section holds; the path's own key wins over a guess.
    const article = c === 'article' || c === 'subtitle' || c === 'paragraphs' || c === 'source' || (c === undefined && named?.kind === 'article');
    const section = article ? `第${b + 1}篇文章` : `第${b + 1}个栏目`;
    const titled = `${section}${shortTitle(named?.title)}`;
    if (path.length === 2) return titled;
    if (c === 'title') return `${section}的标题（title）`;
    if (c === 'article') return `${section}的标题（article）`;
    if (c === 'items' || c === 'paragraphs') {
      if (typeof d !== 'number') return `${titled}的${key(c)}`;
      const one = c === 'items' ? `${titled}第${d + 1}条` : `${titled}的第${d + 1}段`;
      if (path.length === 4) return one;
      if (e === 'text') return `${one}的正文（text）`;
      if (e === 'lead') return `${one}的小标题（lead）`;
      if (typeof e === 'string') return `${one}的“${e}”`;
      return formatField(path);
    }
    if (c === 'source') return `${titled}的供稿单位（source）`;
    if (c === 'subtitle') return `${titled}的副标题（subtitle）`;
    if (typeof c === 'string') return `${titled}的“${c}”`;
  }
  if (a === 'publication') {
    if (typeof b === 'number') return `刊名第${b + 1}行（publication）`;
    if (path.length === 1) return key(a);
  }
  if (a === 'distribution') {
    if (path.length === 1) return '报尾的分送（distribution）';
    if (typeof b === 'string') {
      if (typeof c === 'number') return `报尾“${b}”的第${c + 1}个单位`;
      if (path.length === 2) return `报尾“${b}”的名单`;
    }
  }
  if (path.length === 1 && typeof a === 'string') return FIELD_LABELS[a] ? key(a) : `字段“${a}”`;
  return formatField(path);
}
