/** Schema stage: the parsed document against schema/issue.schema.json, as Chinese diagnostics. */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isMap, isScalar } from 'yaml';
import { validate as compiledValidate } from './issue.validator.js';
import type { Diagnostic } from '../diag.js';
import type { IssueDocument } from '../source/parse.js';
import type { Locator } from '../source/locate.js';
import { exampleDay, parsePeriod } from '../model/period.js';
import { FIELD_LABELS, formatField, placeOf, type FieldPath } from './fields.js';
import { clip, describeFound, keySpan, keyText, locate, sectionNamesOf, startOf, valueSpan } from './nodes.js';

/**
 * The schema compiled ahead of time by ajv's standalone code generation (allErrors, so one run
 * reports every problem; verbose, for the parent schema of each error): no ajv at run time.
 * scripts/gen-validator.mjs writes it; tests/schema/validator.test.ts checks it is in sync.
 */
function validator(): ValidateFunction {
  return compiledValidate as unknown as ValidateFunction;
}

const PERIOD_PATTERN = '^[0-9]{4}-[0-9]{2}$';
const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';

/** Example lines for a missing field, shown as a hint. */
const EXAMPLES: Readonly<Record<string, string>> = {
  publication: '例如“publication: 上海市安全生产协会信息动态”',
  period: '例如“period: 2021-01”',
  editor: '例如“editor: 上海市安全生产协会办公室编”',
  sections: '加一行“sections:”，其下每个栏目以“- title: 栏目名”开头',
  distribution: '加一行“distribution:”，其下写“报: 单位”等',
  printed: '例如“printed: 2021-01-29”',
  title: '例如“title: 协会党建”',
  items: '加一行“items:”，其下每条以“- ”开头',
  text: '例如“text: 这一条的内容”',
  article: '例如“article: 老科协举办2022年度理事会”',
  paragraphs: '加一行“paragraphs:”，其下每段以“- ”开头',
};

/**
 * What another YAML file validated the same way (the address book of `bulletin mail`) brings of its
 * own: its compiled schema and the Chinese words for its fields. Unset parts fall back to the issue's.
 */
export interface SchemaWording {
  validate: ValidateFunction;
  /** The field in the clerk's words, printed before the message (第3个栏目第1条 for the issue). */
  describe?: (path: FieldPath) => string;
  /** Chinese names of field keys, shown after a missing or misspelt key. */
  labels?: Readonly<Record<string, string>>;
  /** Example lines for a missing field, by key; '' is the hint for a file that is not "字段: 值". */
  examples?: Readonly<Record<string, string>>;
  /** The text after the field's words for a value that fails a `pattern` of the schema, by pattern. */
  patterns?: Readonly<Record<string, string>>;
}

/**
 * Validates `data` (the document as JS, see `toData`) and returns one diagnostic per problem node,
 * positioned on that node in `doc`: a missing field at its parent mapping, an unknown field at its
 * key, a wrong value at the value. ajv's anyOf noise is collapsed to the branch that matches the
 * value's type. `Date` values for period/printed (from a YAML 1.1 parser) are accepted as dates.
 */
export function validateSchema(doc: IssueDocument, data: unknown, locator: Locator, wording?: SchemaWording): Diagnostic[] {
  const validate = wording?.validate ?? validator();
  if (validate(wording ? normaliseDates(data) : normaliseMarker(doc, normaliseDates(data)))) return [];
  const errors = collapseAnyOf(validate.errors ?? []);
  const out: Diagnostic[] = [];
  const byNode = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    const list = byNode.get(e.instancePath) ?? [];
    list.push(e);
    byNode.set(e.instancePath, list);
  }
  for (const [pointer, list] of byNode) out.push(...nodeDiagnostics(doc, locator, parsePointer(pointer), list, wording));
  return dedupe(out);
}

/** A Date from a YAML 1.1 timestamp becomes the string the schema expects. */
function normaliseDates(data: unknown): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  const d = data as Record<string, unknown>;
  const iso = (v: Date): string => v.toISOString().slice(0, 10);
  if (!(d.period instanceof Date) && !(d.printed instanceof Date)) return data;
  const copy = { ...d };
  if (d.period instanceof Date) copy.period = iso(d.period).slice(0, 7);
  if (d.printed instanceof Date) copy.printed = iso(d.printed);
  return copy;
}

/** `item_marker: 1.` is read by YAML as the number 1: the clerk meant the marker “1.”. */
function normaliseMarker(doc: IssueDocument, data: unknown): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return data;
  const d = data as Record<string, unknown>;
  if (typeof d.item_marker !== 'number') return data;
  const { node } = locate(doc, ['item_marker']);
  const source = isScalar(node) ? (node.source ?? '') : '';
  return source === '1' || source === '1.' ? { ...d, item_marker: '1.' } : data;
}

/** "/sections/2/items/0" → ["sections", 2, "items", 0]. */
function parsePointer(pointer: string): FieldPath {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s));
}

/**
 * For each anyOf: if some branch accepts the value's type, keep only those branches' errors (the
 * clerk wrote a string, so tell them what is wrong with the string); if none does, replace them
 * all by the anyOf error itself, reported as a type error.
 */
function collapseAnyOf(errors: ErrorObject[]): ErrorObject[] {
  const rejected = new Set<ErrorObject>(); // errors inside branches we do not report on
  const noneMatched: ErrorObject[] = [];
  errors.forEach((a, i) => {
    if (a.keyword !== 'anyOf') return;
    const prefix = `${a.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    // ajv pushes a failed anyOf's branch errors just before the anyOf error itself (a branch that
    // passes takes its errors back), so they are the run directly above it under its schema and
    // instance paths. Walking that run, not every error, keeps this linear: thousands of wrong
    // items used to cost seconds here. (schemaPath is shared by every list element, hence the
    // instance test.)
    for (let j = i - 1; j >= 0; j--) {
      const e = errors[j]!;
      const under = e.instancePath === a.instancePath || e.instancePath.startsWith(`${a.instancePath}/`);
      if (!under || !e.schemaPath.startsWith(prefix)) break;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0]!;
      const list = branches.get(branch);
      if (list) list.push(e);
      else branches.set(branch, [e]);
    }
    const typeFailed = (list: ErrorObject[]): boolean =>
      list.some((e) => e.keyword === 'type' && e.instancePath === a.instancePath);
    const matching = [...branches.values()].filter((l) => !typeFailed(l));
    if (matching.length === 0) noneMatched.push(a);
    for (const list of branches.values()) {
      if (matching.length === 0 || typeFailed(list)) list.forEach((e) => rejected.add(e));
    }
  });
  const kept = errors.filter((e) => e.keyword !== 'anyOf' && !rejected.has(e));
  // An anyOf that itself sits in a rejected branch of an outer anyOf stays silent.
  return [...kept, ...noneMatched.filter((a) => !rejected.has(a))];
}

/** The top-level field whose mapping holds `key` as one of its own keys (a line indented too far), if any. */
function nestedBy(doc: IssueDocument, key: string): string | undefined {
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  for (const pair of root.items) {
    const name = keyText(pair.key);
    if (name !== undefined && isMap(pair.value) && pair.value.items.some((p) => keyText(p.key) === key)) return name;
  }
  return undefined;
}

const VALUE_PRIORITY = ['type', 'anyOf', 'enum', 'minimum', 'maximum', 'minItems', 'maxItems', 'minProperties', 'minLength', 'maxLength', 'pattern'];

/** Diagnostics for the errors reported on one node. */
function nodeDiagnostics(doc: IssueDocument, locator: Locator, path: FieldPath, errors: ErrorObject[], wording?: SchemaWording): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = wording ? undefined : sectionNamesOf(doc);
  const placeAt = (p: FieldPath): string => (wording?.describe ? wording.describe(p) : placeOf(p, names));
  const labels = wording?.labels ?? FIELD_LABELS;
  const examples = wording?.examples ?? EXAMPLES;
  const { node } = locate(doc, path);
  // `place` is where the message points in the clerk's words; by default the place of `at`.
  const diag = (code: string, at: FieldPath, span: Diagnostic['span'], message: string, hint?: string, place = placeAt(at)): Diagnostic => {
    const d: Diagnostic = { severity: 'error', code, span, field: formatField(at), place, message };
    if (hint) d.hint = hint;
    return d;
  };

  // An item that became a mapping because its text holds an ASCII "key: value".
  const isItem = path.length === 4 && path[0] === 'sections' && path[2] === 'items';
  const unknown = errors.filter((e) => e.keyword === 'additionalProperties');
  if (isItem && unknown.length > 0 && errors.some((e) => e.keyword === 'required')) {
    const name = String(unknown[0]!.params.additionalProperty);
    out.push(
      diag('E_SCHEMA_ITEM_COLON', path, valueSpan(doc, locator, path), `其中的英文冒号加空格“: ”有特殊含义，这一条被当作了字段“${clip(name, 12)}”`, '改用中文冒号“：”，或给整条内容加引号'),
    );
    errors = errors.filter((e) => e.keyword !== 'additionalProperties' && e.keyword !== 'required');
  }

  // A paragraph of an article that became a mapping the same way.
  const isParagraph = path.length === 4 && path[0] === 'sections' && path[2] === 'paragraphs';
  if (isParagraph && isMap(node) && errors.some((e) => e.keyword === 'type')) {
    const first = node.items[0];
    const name = first && isScalar(first.key) ? String(first.key.value) : '';
    out.push(
      diag('E_SCHEMA_ITEM_COLON', path, valueSpan(doc, locator, path), `其中的英文冒号加空格“: ”有特殊含义，这一段被当作了字段“${clip(name, 12)}”`, '改用中文冒号“：”，或给整段内容加引号'),
    );
    errors = errors.filter((e) => e.keyword !== 'type');
  }

  // Each unknown key's likely meaning; a required field written under another name ("date",
  // "印发日期") is said once, at that name.
  const allowedOf = (e: ErrorObject): string[] => Object.keys((e.parentSchema?.properties as Record<string, unknown> | undefined) ?? {});
  const guesses = new Map<ErrorObject, string | undefined>();
  for (const e of errors) if (e.keyword === 'additionalProperties') guesses.set(e, suggest(String(e.params.additionalProperty), allowedOf(e), labels));
  const meant = new Set(guesses.values());
  for (const e of errors) {
    if (e.keyword === 'required') {
      const missing = String(e.params.missingProperty);
      if (meant.has(missing)) continue;
      const label = labels[missing];
      // "printed:" indented by mistake becomes a label of the mapping above it.
      const inside = path.length === 0 ? nestedBy(doc, missing) : undefined;
      if (inside) {
        const at = [inside, missing];
        out.push(
          diag('E_SCHEMA_REQUIRED', [missing], keySpan(doc, locator, at), `多缩进了：它写在了“${inside}”里面，成了其中的一项`, `把“${missing}”移到行首，顶格写`),
        );
        continue;
      }
      const span = locator.spanAt(startOf(node) ?? 0);
      // Said at the mapping that lacks it (第1个栏目：缺少…): the missing field has no place of its own.
      out.push(diag('E_SCHEMA_REQUIRED', [...path, missing], span, `缺少必填字段“${missing}”${label ? `（${label}）` : ''}`, examples[missing], placeAt(path)));
    } else if (e.keyword === 'additionalProperties') {
      const name = String(e.params.additionalProperty);
      const allowed = allowedOf(e);
      const guess = guesses.get(e);
      // "送:" that lost its indentation under "distribution:" is a top-level field nobody knows.
      const label = path.length === 0 && !guess && allowed.includes('distribution') && /^[\p{Script=Han}]{1,4}$/u.test(name);
      // "paragraphs:" under "title:": an article whose title was written as a 【栏目】 title.
      const articlePart = allowed.includes('items') && (name === 'paragraphs' || name === 'source');
      const hint = label
        ? `“${name}”若是分送的标签，这一行应缩进两格，写在“distribution:”下面`
        : articlePart
          ? '文章的标题写在“article:”后面（不是“title:”），其下写 paragraphs 和 source；栏目写 title 和 items'
          : !guess && allowed.length
          ? `这里可用的字段：${allowed.join('、')}`
          : undefined;
      const meaning = guess && labels[guess] && labels[guess] !== name ? `（${labels[guess]}）` : '';
      // The place names the key as written (第1个栏目（协会党建）的“itemz”), the message what to type.
      const place = path.length === 0 ? `字段“${clip(name, 12)}”` : `${placeAt(path)}的“${clip(name, 12)}”`;
      out.push(diag('E_SCHEMA_UNKNOWN', [...path, name], keySpan(doc, locator, [...path, name]), `不认识这个字段${guess ? `，是否应为“${guess}”${meaning}？` : ''}`, hint, place));
    } else if (e.keyword === 'propertyNames') {
      const name = String(e.params.propertyName);
      out.push(diag('E_SCHEMA_EMPTY', [...path, name], keySpan(doc, locator, [...path, name]), '标签不能为空', '如 报、送、发、抄送', placeAt(path)));
    }
  }

  // One message about the value itself: the most basic thing wrong with it.
  const valueErrors = errors.filter((e) => VALUE_PRIORITY.includes(e.keyword) && (e as { propertyName?: string }).propertyName === undefined);
  valueErrors.sort((a, b) => VALUE_PRIORITY.indexOf(a.keyword) - VALUE_PRIORITY.indexOf(b.keyword));
  const first = valueErrors[0];
  if (first) {
    const span = valueSpan(doc, locator, path);
    const found = describeFound(node);
    const { code, text, hint } = valueProblem(first, path, found, wording);
    const written = isScalar(node) && typeof node.value === 'string' ? node.value : undefined;
    const rewritten = first.keyword === 'pattern' && written !== undefined ? asIsoDate(String(first.params.pattern), written) : undefined;
    // “2021-02-26”: Word's curly quotes are text, not YAML quoting; say to drop them.
    const quoted = written !== undefined && /^\s*[“‘「『]/u.test(written) ? '，去掉两边的弯引号' : '';
    if (!wording && path.length === 1 && path[0] === 'printed' && isBlank(node)) {
      // `printed:` left empty, as `bulletin new` writes it: ask for it, with a date of the issue's month.
      out.push(diag(code, path, span, '现在为空，请填写', `写作 YYYY-MM-DD，例如 printed: ${printedExample(doc)}`));
    } else {
      out.push(diag(code, path, span, text, rewritten ? `应写成“${rewritten}”${quoted}` : hint));
    }
  }
  return out;
}

/** No value, or only spaces. */
function isBlank(node: unknown): boolean {
  if (node === null || node === undefined) return true;
  if (!isScalar(node)) return false;
  return node.value === null || node.value === undefined || (typeof node.value === 'string' && node.value.trim() === '');
}

/** A print date in the issue's month (2021-01 when the period is not readable), for the hint. */
function printedExample(doc: IssueDocument): string {
  const { node } = locate(doc, ['period']);
  return exampleDay(parsePeriod(isScalar(node) ? node.value : undefined) ?? { year: 2021, month: 1 });
}

/** The wording for a problem with a value: what was expected, what was found (after the field's place). */
function valueProblem(e: ErrorObject, path: FieldPath, found: string, wording?: SchemaWording): { code: string; text: string; hint?: string } {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  const isItem = typeof last === 'number' && parent === 'items';
  const isRecipientList = path.length === 2 && path[0] === 'distribution';
  switch (e.keyword) {
    case 'anyOf':
      if (isItem) return { code: 'E_SCHEMA_TYPE', text: `应为一段文字（或“text: 文字”），${found}` };
      if (isRecipientList) return { code: 'E_SCHEMA_TYPE', text: `应为单位名称或单位列表，${found}` };
      if (path.length === 1 && last === 'publication') return { code: 'E_SCHEMA_TYPE', text: `应为一行文字，或一到两行文字的列表，${found}`, hint: '如“publication: 上海市安全生产协会信息动态”，或“publication: [单位名称, 工作简报]”' };
      return { code: 'E_SCHEMA_TYPE', text: `写法不对，${found}` };
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map(String);
      // Values that hold a 、 themselves (一、) would run together in a 、 list: quote each instead.
      const list = allowed.some((a) => a.includes('、')) ? allowed.map((a) => `“${a}”`).join('') : allowed.join('、');
      const hint =
        last === 'item_marker' ? '不要条目符号时写 none；编号写（一）或 1.' : last === 'heading_style' ? '如“heading_style: 一、”；不写时印为【栏目】' : `如“${String(last)}: ${allowed[allowed.length - 1]}”`;
      return { code: 'E_SCHEMA_ENUM', text: `应为 ${list} 之一，${found}`, hint };
    }
    case 'maxItems':
      if (last === 'publication') return { code: 'E_SCHEMA_RANGE', text: `最多写两行，实际写了 ${Array.isArray(e.data) ? e.data.length : '多'} 行`, hint: '刊名太长时会自动缩小字号，不必分成更多行' };
      return { code: 'E_SCHEMA_RANGE', text: `项数过多（最多 ${String(e.params.limit)} 项）` };
    case 'type': {
      const type = String(e.params.type);
      if (type === 'string') return { code: 'E_SCHEMA_TYPE', text: `应为文字，${found}`, hint: found.startsWith('实际为数字') || found.startsWith('实际为 ') ? '如确要写成这样，请加引号' : undefined };
      if (type === 'integer') return { code: 'E_SCHEMA_TYPE', text: `应为正整数（如 1），${found}` };
      if (type === 'boolean') return { code: 'E_SCHEMA_TYPE', text: `应为 true 或 false，${found}`, hint: `写“${String(last)}: true”或“${String(last)}: false”（英文小写，不加引号）` };
      if (type === 'array') {
        if (last === 'sections') return { code: 'E_SCHEMA_TYPE', text: `应为栏目列表，${found}`, hint: '每个栏目另起一行，以“- title: 栏目名”开头' };
        if (last === 'items') {
          // "－ 1月25日…": items begun with a full-width dash (or a bullet) read as one text.
          const mark = /^实际为“([－﹣‐‑–—•·●＊*])/u.exec(found)?.[1];
          const hint = mark ? `每条开头的“${mark}”不是列表的标记：每条另起一行，以英文的“-”加一个空格开头；“－”“—”是中文输入法下的全角字符` : '每条另起一行，以“- ”开头';
          return { code: 'E_SCHEMA_TYPE', text: `应为条目列表，${found}`, hint };
        }
        return { code: 'E_SCHEMA_TYPE', text: `应为列表，${found}`, hint: '每项另起一行，以“- ”开头' };
      }
      if (type === 'object') {
        if (path.length === 0) return { code: 'E_SCHEMA_TYPE', text: `内容应为“字段: 值”的形式，${found}`, hint: wording?.examples?.[''] ?? '参照示例文件，从“publication: 刊名”写起' };
        if (last === 'distribution') {
          // "报：市应急管理局领导" lines typed with a Chinese input method read as one piece of text.
          const wide = /^实际为“\p{Script=Han}{1,4}：/u.test(found);
          return { code: 'E_SCHEMA_TYPE', text: `应为“标签: 单位”的形式，${found}`, hint: wide ? '标签后用了中文冒号“：”：应为英文冒号加空格，如“报: 市应急管理局领导”' : '如“报: 市应急管理局领导”，每个标签一行' };
        }
        if (parent === 'sections') return { code: 'E_SCHEMA_TYPE', text: `应含标题和条目（title、items），或文章标题和段落（article、paragraphs），${found}` };
        return { code: 'E_SCHEMA_TYPE', text: `应为一组字段，${found}` };
      }
      return { code: 'E_SCHEMA_TYPE', text: `类型不对，${found}` };
    }
    case 'minimum':
      return { code: 'E_SCHEMA_RANGE', text: `应为正整数（至少为 1），${found}` };
    case 'maximum':
      return { code: 'E_SCHEMA_RANGE', text: `应为 1–${e.params.limit} 之间的整数，${found}`, hint: '请核对是否多打了数字' };
    case 'minItems':
      if (last === 'sections') return { code: 'E_SCHEMA_EMPTY', text: '不能为空：至少要写一个栏目' };
      if (last === 'items') return { code: 'E_SCHEMA_EMPTY', text: '不能为空：至少要写一条' };
      if (isRecipientList) return { code: 'E_SCHEMA_EMPTY', text: '不能为空：至少要写一个单位' };
      return { code: 'E_SCHEMA_EMPTY', text: '不能为空列表' };
    case 'minProperties':
      return { code: 'E_SCHEMA_EMPTY', text: '不能为空：至少要写一项', hint: '如“报: 市应急管理局领导”' };
    case 'minLength':
      return { code: 'E_SCHEMA_EMPTY', text: '不能为空' };
    case 'maxLength':
      return { code: 'E_SCHEMA_RANGE', text: `最多 ${String(e.params.limit)} 个字，${found}（${[...String(e.data)].length} 个字）` };
    case 'pattern': {
      const pattern = String(e.params.pattern);
      if (pattern === PERIOD_PATTERN) return { code: 'E_SCHEMA_FORMAT', text: `应为“YYYY-MM”格式的年月（如 2021-01），${found}` };
      if (pattern === DATE_PATTERN) return { code: 'E_SCHEMA_FORMAT', text: `应为“YYYY-MM-DD”格式的日期（如 2021-01-29），${found}` };
      const own = wording?.patterns?.[pattern];
      if (own) return { code: 'E_SCHEMA_FORMAT', text: `${own}，${found}` };
      return { code: 'E_SCHEMA_EMPTY', text: '不能只有空格' };
    }
    default:
      return { code: 'E_SCHEMA', text: `不符合要求（${e.message ?? e.keyword}），${found}` };
  }
}

/**
 * "2021年1月", "2021.1", "2021/01/29", "２０２１年１月２９日": the date the clerk wrote, in the form the
 * field takes ("2021-01", "2021-01-29"); undefined when it does not read as one.
 */
function asIsoDate(pattern: string, written: string): string | undefined {
  const t = written
    .normalize('NFKC')
    .trim()
    .replace(/^[“‘「『](.*)[”’」』]$/u, '$1')
    .trim();
  const two = (n: string): string => n.padStart(2, '0');
  if (pattern === PERIOD_PATTERN) {
    const m = /^(\d{4})\s*[年./-]\s*(\d{1,2})\s*月?$/.exec(t);
    return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${m[1]}-${two(m[2]!)}` : undefined;
  }
  if (pattern === DATE_PATTERN) {
    const m = /^(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})\s*日?$/.exec(t);
    return m && Number(m[2]) >= 1 && Number(m[2]) <= 12 && Number(m[3]) >= 1 && Number(m[3]) <= 31 ? `${m[1]}-${two(m[2]!)}-${two(m[3]!)}` : undefined;
  }
  return undefined;
}

/** Other names a clerk gives the fields (English words, Chinese names besides the schema's titles). */
const SYNONYMS: Readonly<Record<string, string>> = {
  date: 'printed',
  日期: 'printed',
  印发: 'printed',
  印发时间: 'printed',
  刊物: 'publication',
  刊物名称: 'publication',
  标题: 'title',
  内容: 'items',
  期数: 'number',
  份数: 'copies',
  印刷份数: 'copies',
  编者: 'editor',
  编印: 'editor',
  报送: 'distribution',
  分送范围: 'distribution',
};

/** The allowed field the clerk most likely meant: its Chinese name, another usual name, a case slip or a typo. */
function suggest(name: string, allowed: readonly string[], labels: Readonly<Record<string, string>> = FIELD_LABELS): string | undefined {
  const byLabel = allowed.find((k) => labels[k] === name);
  if (byLabel) return byLabel;
  const synonym = SYNONYMS[name.trim().toLowerCase()];
  if (synonym && allowed.includes(synonym)) return synonym;
  const lower = name.toLowerCase().trim();
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of allowed) {
    const d = k === lower ? 0 : editDistance(lower, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 99;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Drops exact repeats (same place, field and message). */
function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.span.offset}|${d.field}|${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
