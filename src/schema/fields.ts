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

/** The field in Chinese words: 年月, 第3个栏目标题, 第3个栏目第1条, 分送“报”第2个单位. */
export function describeField(path: FieldPath): string {
  const [a, b, c, d] = path;
  if (path.length === 0) return '文件';
  if (a === 'sections' && typeof b === 'number') {
    const section = `第${b + 1}个栏目`;
    if (path.length === 2) return section;
    if (c === 'title') return `${section}标题`;
    if (c === 'items' && typeof d === 'number') {
      if (path[4] === 'lead') return `${section}第${d + 1}条的小标题`;
      return `${section}第${d + 1}条`;
    }
    if (c === 'items') return `${section}的条目`;
    // An article section is a 篇 to the clerk, not a 栏目.
    const article = `第${b + 1}篇文章`;
    if (c === 'article') return `${article}的标题`;
    if (c === 'paragraphs' && typeof d === 'number') return `${article}第${d + 1}段`;
    if (c === 'paragraphs') return `${article}的段落`;
    if (c === 'source') return `${article}的供稿单位`;
  }
  if (a === 'publication' && typeof b === 'number') return `刊名第${b + 1}行`;
  if (a === 'distribution' && typeof b === 'string') {
    if (typeof c === 'number') return `分送“${b}”的第${c + 1}个单位`;
    return `分送“${b}”`;
  }
  if (path.length === 1 && typeof a === 'string') return FIELD_LABELS[a] ?? `“${a}”`;
  return formatField(path);
}
