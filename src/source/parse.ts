/** Source stage: bytes → decoded text → YAML document with positions, plus parse diagnostics. */
import { Composer, isAlias, isCollection, isPair, isScalar, isSeq, Lexer, LineCounter, parseDocument, Parser, visit, YAMLParseError } from 'yaml';
import type { Document, Node as YamlNode, YAMLError } from 'yaml';
import { hasErrors, type Diagnostic } from '../diag.js';
import { formatField } from '../schema/fields.js';
import { decodeSource } from './decode.js';
import { scanIndentation } from './indent.js';
import { MAX_SOURCE_BYTES } from './limits.js';
import { tooLargeMessage } from './size.js';
import { createLocator, type Locator } from './locate.js';
import { findPasted } from './pasted.js';
import { colonMistakes, translateYamlError } from './yamlErrors.js';

export { MAX_SOURCE_BYTES };

/**
 * Larger token counts are refused before parsing. yaml's parser costs ~10 µs per token; its
 * unique-key check, quadratic in a mapping's size, is replaced by markDuplicateKeys (linear). The
 * 5 MB issue the format allows (306 sections × 30 items) has ~60 000 tokens (the sample 238); at
 * 200 000 the most hostile shapes (28 000 unknown keys, 33 000 one-letter items) still answer in a
 * few seconds, in under 300 MB.
 */
export const MAX_SOURCE_TOKENS = 200_000;

/** Cap on alias expansion when converting to JS; aliases are rejected anyway, this is a backstop. */
export const MAX_ALIAS_COUNT = 100;

/** The parsed document: a YAML 1.2 core-schema tree whose nodes carry offsets into `text`. */
export type IssueDocument = Document.Parsed;

/** What the source stage hands on. */
export interface ParsedSource {
  /** Path as given by the caller, used in every span. */
  file: string;
  /** The exact input bytes. */
  bytes: Uint8Array;
  /** Decoded text (BOM dropped, line ends "\n"); "" when the bytes could not be decoded. */
  text: string;
  /** The document; absent when the bytes could not be decoded or were refused. */
  doc?: IssueDocument;
  /** yaml's line index over `text` (its offsets are UTF-16 code units). */
  lineCounter: LineCounter;
  /** Offset → Span (columns in code points) over `text`. */
  locator: Locator;
  /** Decoding and YAML problems; when any is an error the tree must not be trusted. */
  diagnostics: Diagnostic[];
}

/** Options for {@link loadSource}. */
export interface LoadSourceOptions {
  /** Refuse inputs larger than this many bytes (default {@link MAX_SOURCE_BYTES}). */
  maxBytes?: number;
  /** Refuse inputs of more YAML tokens than this (default {@link MAX_SOURCE_TOKENS}). */
  maxTokens?: number;
}

/**
 * Decodes and parses an issue file. Never throws on bad input: every problem becomes a positioned
 * Chinese diagnostic. Parsing uses YAML 1.2 with the core schema, so `2021-01-29` stays a string.
 */
export function loadSource(file: string, bytes: Uint8Array, options: LoadSourceOptions = {}): ParsedSource {
  const lineCounter = new LineCounter();
  const refuse = (text: string, message: string, offset?: number, hint = '一期简报的文件通常只有几十 KB、几百行，请确认选择的文件是否正确'): ParsedSource => {
    const locator = createLocator(file, text);
    const diagnostic: Diagnostic = {
      severity: 'error',
      code: 'E_TOO_LARGE',
      span: offset === undefined ? { file, line: 1, column: 1, offset: -1 } : locator.spanAt(offset),
      field: '',
      message,
      hint,
    };
    return { file, bytes, text, lineCounter, locator, diagnostics: [diagnostic] };
  };
  const maxBytes = options.maxBytes ?? MAX_SOURCE_BYTES;
  if (bytes.length > maxBytes) {
    return refuse('', tooLargeMessage(bytes.length, maxBytes));
  }
  const decoded = decodeSource(file, bytes);
  if (!decoded.ok) {
    return { file, bytes, text: '', lineCounter, locator: createLocator(file, ''), diagnostics: [decoded.diagnostic] };
  }
  const text = decoded.text;
  // The budget check lexes the whole text; its tokens are kept and parsed, not lexed again.
  const budget = overBudget(text, options.maxTokens ?? MAX_SOURCE_TOKENS, true);
  if (!Array.isArray(budget)) return refuse(text, budget.message, budget.offset);
  const locator = createLocator(file, text);
  try {
    const doc = parseTokens(text, budget, lineCounter);
    markDuplicateKeys(doc);
    const tree = treeDiagnostics(doc, locator);
    const diagnostics = withIndentation([...yamlDiagnostics(doc, locator), ...tree.diagnostics], tree.dashInPlainText, locator);
    return { file, bytes, text, doc, lineCounter, locator, diagnostics };
  } catch (e) {
    // yaml's parser recurses once per open node; some broken files (an unclosed "{" followed by
    // thousands of "key: value" lines) open thousands of nodes on few lines of indentation, which
    // no cheap check above foresees. The stack overflows: refuse the file instead of crashing.
    if (!(e instanceof RangeError)) throw e;
    const open = firstUnclosedBracket(text);
    if (open === undefined) return refuse(text, '文件结构嵌套过深，超出了 YAML 解析器能处理的层数');
    const [o, c] = text[open] === '[' ? ['[', ']'] : ['{', '}'];
    return refuse(text, `这里的“${o}”没有配对的“${c}”：其后的内容都成了括号里的内容，层次过深，无法处理`, open, `请删除这个“${o}”，或在适当的位置补上“${c}”`);
  }
}

const PARSE_OPTIONS = {
  // yaml's own unique-key check compares each key with every earlier one of its mapping (quadratic:
  // 50 000 keys took two minutes); markDuplicateKeys finds the same repeats in one walk.
  uniqueKeys: false,
  strict: true,
  prettyErrors: true,
  // maxAliasCount is a toJS option in yaml 2 (see toData), not a parse option.
  version: '1.2',
  schema: 'core',
} as const;

/**
 * yaml's parseDocument(text) fed with `tokens`, the lexemes of `text` (yaml's Parser.parse does
 * exactly this with its own Lexer). A document with any error or warning, or a second document, is
 * parsed again by parseDocument itself, so problems keep yaml's own wording and positions.
 */
function parseTokens(text: string, tokens: readonly string[], lineCounter: LineCounter): IssueDocument {
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer({ lineCounter, ...PARSE_OPTIONS });
  function* cst() {
    lineCounter.addNewLine(0);
    for (const lexeme of tokens) yield* parser.next(lexeme);
    yield* parser.end();
  }
  const docs = [...composer.compose(cst(), true, text.length)] as IssueDocument[];
  const doc = docs[0];
  if (docs.length === 1 && doc && doc.errors.length === 0 && doc.warnings.length === 0) return doc;
  lineCounter.lineStarts.length = 0;
  return parseDocument(text, { lineCounter, ...PARSE_OPTIONS });
}

/**
 * A DUPLICATE_KEY error, as yaml's uniqueKeys check would raise it, for each repeated scalar key of
 * each mapping (non-text keys are reported by treeDiagnostics). One Set per mapping: linear.
 */
function markDuplicateKeys(doc: IssueDocument): void {
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const p of map.items) {
        if (!isScalar(p.key)) continue;
        if (!seen.has(p.key.value)) seen.add(p.key.value);
        else {
          const at = p.key.range?.[0] ?? 0;
          doc.errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        }
      }
      return undefined;
    },
  });
}

/** Offset of the outermost "[" or "{" that is never closed, or undefined (lexer tokens, so not in quotes or comments). */
function firstUnclosedBracket(text: string): number | undefined {
  const open: number[] = [];
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === '[' || token === '{') open.push(offset);
    else if (token === ']' || token === '}') open.pop();
    if (token !== '\x02' && token !== '\x18' && token !== '\x1f') offset += token.length;
  }
  return open[0];
}

/** Deeper nesting than this is refused: yaml composes recursively and overflows the stack near 1000. */
export const MAX_NESTING = 64;

/**
 * Why `text` is too big or too deep to parse quickly and safely, or undefined. Cheap (linear, no
 * parse), so any reader of issue files — also the clerk's lenient one — can call it before yaml:
 * - block nesting: on each line, the column where the content starts after the indentation and any
 *   compact "- " / "? " / ": " indicators ("- - - x" nests three lists on one line) is at most
 *   2 × MAX_NESTING;
 * - flow nesting: at most MAX_NESTING open "[" / "{";
 * - at most `maxTokens` YAML tokens (yaml's parser costs ~10 µs per token and its unique-key check
 *   is quadratic in a mapping's size).
 * Every message names the limit; `offset` is where the limit was passed, when known.
 */
export function sourceOverBudget(text: string, maxTokens: number = MAX_SOURCE_TOKENS): { message: string; offset?: number } | undefined {
  const r = overBudget(text, maxTokens, false);
  return Array.isArray(r) ? undefined : r;
}

/** sourceOverBudget's finding, or the lexemes of `text` (all of them when `keep`, else none). */
function overBudget(text: string, maxTokens: number, keep: boolean): { message: string; offset?: number } | string[] {
  const tokens: string[] = [];
  const deep = deepLine(text, 2 * MAX_NESTING);
  if (deep) {
    const message =
      deep.spaces > 2 * MAX_NESTING
        ? `缩进过深：缩进了 ${deep.spaces} 个空格，上限为 ${2 * MAX_NESTING}`
        : `层次过深：这一行在内容前有 ${deep.indicators} 个“- ”或“? ”，连同缩进占了 ${deep.width} 列，上限为 ${2 * MAX_NESTING} 列`;
    return { message, offset: deep.offset };
  }
  let n = 0;
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (++n > maxTokens) return { message: `文件内容过多：字段、列表项等超过 ${maxTokens} 个单元的上限`, offset };
    if (keep) tokens.push(token);
    // Control tokens ("\x02" document, "\x18" flow end, "\x1f" scalar) are not in the text.
    if (token !== '\x02' && token !== '\x18' && token !== '\x1f') offset += token.length;
    if (token === '[' || token === '{') {
      if (++depth > MAX_NESTING) return { message: `括号嵌套过深：超过 ${MAX_NESTING} 层的上限`, offset: offset - 1 };
    } else if (token === ']' || token === '}') depth = Math.max(0, depth - 1);
  }
  return tokens;
}

/**
 * The first line on which a node starts past column `max` + 1: its content, or else its last compact
 * block indicator ("- ", "? ", ": "), counting the indentation before them. Blank lines do not count.
 * Linear in the text.
 */
function deepLine(text: string, max: number): { offset: number; width: number; spaces: number; indicators: number } | undefined {
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = i;
    while (text.charCodeAt(i) === 0x20) i++;
    const spaces = i - start;
    let indicators = 0;
    let last = -1;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20) i++;
      else if ((c === 0x2d || c === 0x3f || c === 0x3a) && (i + 1 >= n || text.charCodeAt(i + 1) === 0x20 || text.charCodeAt(i + 1) === 0x0a)) {
        last = i++;
        indicators++;
      } else break;
    }
    const content = i < n && text.charCodeAt(i) !== 0x0a;
    const deepest = content ? i : last;
    if (deepest - start > max) return { offset: start, width: deepest - start, spaces, indicators };
    const nl = text.indexOf('\n', i);
    if (nl === -1) break;
    i = nl + 1;
  }
  return undefined;
}

/** The code of a yaml *warning* (a problem yaml tolerates: an unknown directive, a loose flow indent …). */
const YAML_WARNING_CODES: Readonly<Record<string, string>> = {
  E_YAML_SYNTAX: 'W_YAML_SYNTAX',
  E_YAML_INDENT: 'W_YAML_INDENT',
  E_YAML_KEY: 'W_YAML_KEY',
  E_YAML_ALIAS: 'W_YAML_ALIAS',
  E_YAML_TAG: 'W_YAML_TAG',
};

/** At most this many YAML problems are listed; a broken file gives many echoes of its first errors. */
export const MAX_YAML_DIAGNOSTICS = 50;

/** Translates yaml's errors, keeping only the first per line: later ones are mostly echoes. */
function yamlDiagnostics(doc: IssueDocument, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seenLines = new Set<number>();
  const problems: Array<[YAMLError, 'error' | 'warning']> = [
    ...doc.errors.map((e): [YAMLError, 'error'] => [e, 'error']),
    // Tags are reported by treeDiagnostics with their source text.
    ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED').map((w): [YAMLError, 'warning'] => [w, 'warning']),
  ];
  problems.sort((a, b) => a[0].pos[0] - b[0].pos[0]);
  let duplicates: Map<number, Duplicate> | undefined;
  let listed = 0;
  for (let k = 0; k < problems.length; k++) {
    const [error, severity] = problems[k]!;
    let pos = error.pos[0];
    if (error.code === 'DUPLICATE_KEY') {
      // yaml may place it before the key (after an empty value): point at the key itself.
      duplicates ??= duplicateKeys(doc, locator);
      let at = pos;
      while (at < locator.text.length && /[\s-]/.test(locator.text[at]!) && !duplicates.has(at)) at++;
      if (duplicates.has(at)) pos = at;
    }
    if (duplicates?.get(pos)?.echo) continue;
    const span = locator.spanAt(pos);
    if (seenLines.has(span.line)) continue;
    seenLines.add(span.line);
    if (listed === MAX_YAML_DIAGNOSTICS) {
      const rest = new Set(problems.slice(k).map(([e]) => locator.spanAt(e.pos[0]).line)).size;
      out.push({ severity: 'error', code: 'E_YAML_SYNTAX', span, field: '', message: `YAML 格式错误太多：已列出前 ${MAX_YAML_DIAGNOSTICS} 处，从这里起还有 ${rest} 行有错误`, hint: '请先改正前面的错误再检查' });
      break;
    }
    listed++;
    const text = locator.text;
    const lineEnd = text.indexOf('\n', pos);
    const near = text.slice(pos, lineEnd === -1 ? text.length : lineEnd);
    const t = translateYamlError(error, near, text.slice(text.lastIndexOf('\n', pos - 1) + 1, pos));
    let message = t.message;
    const duplicate = error.code === 'DUPLICATE_KEY' ? duplicates?.get(pos) : undefined;
    if (duplicate) message = duplicate.message;
    // A yaml warning keeps its meaning but not an error's code (E_ codes are errors, W_ warnings).
    const code = severity === 'warning' ? (YAML_WARNING_CODES[t.code] ?? 'W_YAML_SYNTAX') : t.code;
    const d: Diagnostic = { severity, code, span, field: fieldNamed(t, span), message };
    const hint = duplicate ? duplicate.hint : t.hint;
    if (hint) d.hint = hint;
    out.push(d);
  }
  // yaml reads a run of "period：2021-01" lines as one key and reports the first: each gets its own.
  if (doc.errors.length > 0 && listed < MAX_YAML_DIAGNOSTICS) {
    for (const [at, t] of colonMistakes(locator.text)) {
      const span = locator.spanAt(at);
      if (seenLines.has(span.line)) continue;
      seenLines.add(span.line);
      out.push({ severity: 'error', code: t.code, span, field: fieldNamed(t, span), message: t.message, ...(t.hint ? { hint: t.hint } : {}) });
    }
    out.sort((a, b) => a.span.offset - b.span.offset);
  }
  return out;
}

/** A top-level field named by a message is its field (deeper ones are named by the indentation scan). */
const fieldNamed = (t: { key?: string }, span: { column: number }): string => (t.key !== undefined && span.column === 1 ? t.key : '');

/**
 * yaml's diagnostics with an indentation problem said as such. A misaligned line (or a tab) makes
 * yaml report errors from the line before it on, none of which names the cause: those echoes give
 * way to one message about the line (what yaml found before it stays). A list item indented past
 * the one above is no YAML error at all, only text joined to that item: it is reported either way.
 */
function withIndentation(found: readonly Diagnostic[], dashInPlainText: boolean, locator: Locator): Diagnostic[] {
  const text = locator.text;
  // The scan only runs where it can find something: yaml failed, or plain text goes on over a line
  // that starts with "- ".
  if (!hasErrors(found) && !dashInPlainText) return [...found];
  const scan = scanIndentation(text);
  const pasted = pastedText(found, scan, locator);
  if (pasted) return pasted;
  // yaml's own errors name no field: the scan knows which entry each line belongs to.
  const named = found.map((d): Diagnostic => {
    // yaml points at the end of the file for a quote never closed: the clerk needs its start.
    if (d.message.endsWith('没有配对的结束引号') && scan.unclosedQuote !== undefined) {
      d = { ...d, span: locator.spanAt(scan.unclosedQuote) };
    }
    if (d.field !== '') return d;
    const field = scan.fieldAt(d.span.line);
    return field && field.length > 0 ? { ...d, field: formatField(field) } : d;
  });
  const p = scan.problem;
  if (!p) return named;
  // The scan is a heuristic and yaml's reading the truth: a problem yaml did not trip over where the
  // scan did is not reported (unless yaml joined an item silently).
  const tripped = found.some((d) => d.severity === 'error' && d.span.offset >= p.echoesFrom && d.span.offset <= p.seenBy);
  // A join is reported alone only when yaml read the file: after a yaml error it may be an echo.
  if (!tripped && !(p.joins && !hasErrors(found))) return named;
  const diagnostic: Diagnostic = {
    severity: 'error',
    code: p.kind === 'tab' ? 'E_YAML_TAB' : p.kind === 'dash' ? 'E_YAML_SYNTAX' : 'E_YAML_INDENT',
    span: locator.spanAt(p.offset),
    field: formatField(p.path),
    message: p.message,
    hint: p.hint,
  };
  return [...(tripped ? named.filter((d) => d.span.offset < p.echoesFrom) : named), diagnostic];
}

/**
 * Pasted text said as such (see pasted.ts): a finding replaces yaml's diagnostics from where yaml
 * first tripped over it on, when yaml (or the tree walk) did trip there; otherwise the scan's
 * reading is not trusted and the file is left to the indentation scan.
 */
function pastedText(found: readonly Diagnostic[], scan: ReturnType<typeof scanIndentation>, locator: Locator): Diagnostic[] | undefined {
  const errors = found.filter((d) => d.severity === 'error');
  const tripped = findPasted(locator.text).filter((p) => errors.some((d) => d.span.offset >= p.echoesFrom && d.span.offset <= p.lineEnd));
  const first = tripped[0];
  if (!first) return undefined;
  const kept = found.filter((d) => d.span.offset < first.echoesFrom);
  const said = tripped.map((p): Diagnostic => {
    const span = locator.spanAt(p.offset);
    const field = scan.fieldAt(p.ownerLine);
    return { severity: 'error', code: p.code, span, field: field && field.length > 0 ? formatField(field) : '', message: p.message, hint: p.hint };
  });
  return [...kept, ...said];
}

/** The field path of `node`, from the ancestors yaml's visit hands over. */
function fieldOf(path: readonly unknown[], node: unknown): (string | number)[] {
  const out: (string | number)[] = [];
  const chain = [...path, node];
  for (let i = 0; i < chain.length - 1; i++) {
    const here = chain[i];
    const next = chain[i + 1];
    if (isPair(here) && next === here.value && isScalar(here.key)) out.push(String(here.key.value));
    else if (isSeq(here)) out.push(here.items.indexOf(next as never));
  }
  return out;
}

/** What is said about one repeated key; an echo (of a section that lost its "- ") is not said. */
interface Duplicate {
  message: string;
  hint?: string;
  echo?: boolean;
}

/**
 * For every repeated key in every mapping: its start offset → "字段“period”重复出现（第 3 行已写过）".
 * A section written without its "- " repeats its title (and then items) in the section above: that
 * is said once, at the title. One walk over the tree, however many duplicates there are.
 */
function duplicateKeys(doc: IssueDocument, locator: Locator): Map<number, Duplicate> {
  const out = new Map<number, Duplicate>();
  visit(doc, {
    Map(_key, map, path) {
      const first = new Map<unknown, number | undefined>();
      const seq = path[path.length - 1];
      const owner = path[path.length - 2];
      const isSection = isSeq(seq) && isPair(owner) && isScalar(owner.key) && owner.key.value === 'sections' && path[path.length - 3] === doc.contents;
      let newSection = false;
      for (const p of map.items) {
        if (!isScalar(p.key)) continue;
        const value = p.key.value;
        const at = p.key.range?.[0];
        if (!first.has(value)) first.set(value, at);
        else if (at !== undefined) {
          const firstAt = first.get(value);
          const line = firstAt !== undefined ? `（第 ${locator.spanAt(firstAt).line} 行已写过）` : '';
          if (newSection) out.set(at, { message: '', echo: true });
          else if (isSection && value === 'title') {
            newSection = true;
            out.set(at, {
              message: `字段“title”重复出现${line}：这里像是新的一个栏目，少了开头的“- ”`,
              hint: '新的栏目以“- title: 栏目名”开头，“-”与上一个栏目的“-”对齐',
            });
          } else out.set(at, { message: `字段“${String(value)}”重复出现${line}` });
        }
      }
      return undefined;
    },
  });
  return out;
}

/**
 * What one walk over the tree finds:
 * - anchors, aliases, explicit tags and non-text keys: valid YAML a clerk has no use for, and the
 *   way alias bombs are built; one diagnostic per kind, at its first use, with the count;
 * - text cut off by " #": yaml reads the rest of the line as a comment, so "第 #3 号" prints as
 *   "第" (see cutByComment);
 * - whether plain (unquoted) text runs over a line that starts with "- " (a list item yaml joined
 *   to the item above it: see withIndentation).
 */
function treeDiagnostics(doc: IssueDocument, locator: Locator): { diagnostics: Diagnostic[]; dashInPlainText: boolean } {
  const comments: Diagnostic[] = [];
  let dashInPlainText = false;
  const text = locator.text;
  const found: Record<'anchor' | 'alias' | 'tag' | 'key' | 'merge', { offset: number; source: string; count: number } | undefined> = {
    anchor: undefined,
    alias: undefined,
    tag: undefined,
    key: undefined,
    merge: undefined,
  };
  const note = (kind: keyof typeof found, offset: number, source: string): void => {
    const f = found[kind];
    if (!f) found[kind] = { offset, source, count: 1 };
    else {
      f.count++;
      if (offset < f.offset) Object.assign(f, { offset, source });
    }
  };
  const start = (node: YamlNode): number => node.range?.[0] ?? 0;
  visit(doc, {
    Node(_key, node, path) {
      if (isScalar(node) && node.type === 'PLAIN' && node.range) {
        const [from, to] = node.range;
        const nl = dashInPlainText ? -1 : text.indexOf('\n', from);
        if (nl !== -1 && nl < to && /\n[ \t]*-(?:[ \t]|$)/m.test(text.slice(from, to))) dashInPlainText = true;
        if (node.comment !== undefined) {
          const field = fieldOf(path, node);
          const isItem = field[0] === 'sections' && field[2] === 'items';
          const cut = cutByComment(text, to, isItem);
          if (cut) {
            const { at, ...said } = cut;
            comments.push({ ...said, span: locator.spanAt(at), field: formatField(field) });
          }
        }
      }
      if (isAlias(node)) {
        note('alias', start(node), `*${node.source}`);
        return undefined;
      }
      if (node.anchor) {
        const at = text.lastIndexOf(`&${node.anchor}`, start(node));
        note('anchor', at === -1 ? start(node) : at, `&${node.anchor}`);
      }
      if (node.tag) {
        let at = text.lastIndexOf('!', start(node));
        while (at > 0 && text[at - 1] === '!') at--; // "!!str" starts at the first "!"
        const source = at === -1 ? node.tag : (/^!\S*/.exec(text.slice(at, at + 200))?.[0] ?? node.tag);
        note('tag', at === -1 ? start(node) : at, source);
      }
      return undefined;
    },
    Pair(_key, pair) {
      if (isCollection(pair.key)) note('key', start(pair.key), '');
      // YAML 1.1's merge key: an unquoted "<<" (YAML 1.2 would take it as a field named "<<").
      else if (isScalar(pair.key) && pair.key.type === 'PLAIN' && pair.key.value === '<<') note('merge', start(pair.key), '<<');
      return undefined;
    },
  });
  const out: Diagnostic[] = [];
  const push = (kind: keyof typeof found, code: string, message: (s: string) => string, hint: string): void => {
    const f = found[kind];
    if (!f) return;
    const count = f.count > 1 ? `（共 ${f.count} 处）` : '';
    out.push({ severity: 'error', code, span: locator.spanAt(f.offset), field: '', message: message(f.source) + count, hint });
  };
  const plain = '简报文件不需要这种 YAML 写法，请把内容直接写出';
  push('anchor', 'E_YAML_ANCHOR', (s) => `不支持 YAML 锚点“${s}”`, plain);
  push('alias', 'E_YAML_ALIAS', (s) => `不支持 YAML 别名“${s}”`, plain);
  push('tag', 'E_YAML_TAG', (s) => `不支持 YAML 类型标签“${s}”`, '要写成文字请去掉标签，必要时给内容加引号');
  push('key', 'E_YAML_KEY', () => '字段名必须是文字，不能是列表或字段组', '检查这一行开头的“?”“[”或“{”');
  push('merge', 'E_YAML_KEY', () => '不支持 YAML 合并键“<<”', plain);
  return { diagnostics: [...out, ...comments], dashInPlainText };
}

/**
 * The text a comment after a plain value (ending at `end`) cuts off: an error when its "#" is
 * written against it; after an item's text (where nobody writes comments: bulletin new writes its
 * hints after keys and titles only) a warning even when written as a comment.
 */
function cutByComment(text: string, end: number, item: boolean): (Omit<Diagnostic, 'span' | 'field'> & { at: number }) | undefined {
  const hash = text.indexOf('#', end);
  if (hash < 0 || text.slice(end, hash).includes('\n')) return undefined;
  const lineEnd = text.indexOf('\n', hash);
  const rest = text.slice(hash + 1, lineEnd === -1 ? text.length : lineEnd).trimEnd();
  const spaced = /^[ \t]|^$/.test(rest);
  if (spaced && (!item || rest.trim() === '')) return undefined;
  const shown = [...rest.trim()];
  const quoted = `#${spaced ? ' ' : ''}${shown.slice(0, 12).join('')}${shown.length > 12 ? '…' : ''}`;
  return spaced
    ? {
        at: hash,
        severity: 'warning',
        code: 'W_YAML_COMMENT',
        message: `条目后的“${quoted}”是注释，不会印出`,
        hint: '若它是这一条的文字，请给整条加引号，或删去“#”',
      }
    : {
        at: hash,
        severity: 'error',
        code: 'E_YAML_COMMENT',
        message: `“#”及其后的文字“${quoted}”会被当作注释，不会印出`,
        hint: '若“#”是正文的一部分，请给这段内容加引号，或删去“#”前面的空格',
      };
}

/**
 * The document as plain JS data for schema validation. Call only when the source has no errors:
 * aliases are then absent, and maxAliasCount still guards against expansion blow-up.
 */
export function toData(doc: IssueDocument): unknown {
  return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
}

