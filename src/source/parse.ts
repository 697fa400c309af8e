/** Source stage: bytes → decoded text → YAML document with positions, plus parse diagnostics. */
import { isAlias, isCollection, isScalar, Lexer, LineCounter, parseDocument, visit } from 'yaml';
import type { Document, Node as YamlNode, YAMLError } from 'yaml';
import type { Diagnostic } from '../diag.js';
import { decodeSource } from './decode.js';
import { createLocator, type Locator } from './locate.js';
import { translateYamlError } from './yamlErrors.js';

/** Larger files are refused before parsing: an issue is a few dozen KB, and yaml needs ~0.2 s/MB. */
export const MAX_SOURCE_BYTES = 2 * 1024 * 1024;

/**
 * Larger token counts are refused before parsing. yaml's parser costs ~10 µs per token and its
 * unique-key check is quadratic in a mapping's size, so a 2 MB file of short list items would take
 * seconds; 20 000 tokens (the sample issue has 238) parse in well under half a second.
 */
export const MAX_SOURCE_TOKENS = 20_000;

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
  const refuse = (text: string, message: string, offset?: number): ParsedSource => {
    const locator = createLocator(file, text);
    const diagnostic: Diagnostic = {
      severity: 'error',
      code: 'E_TOO_LARGE',
      span: offset === undefined ? { file, line: 1, column: 1, offset: -1 } : locator.spanAt(offset),
      field: '',
      message,
      hint: '一期简报的文件通常只有几十 KB、几百行，请确认选择的文件是否正确',
    };
    return { file, bytes, text, lineCounter, locator, diagnostics: [diagnostic] };
  };
  const maxBytes = options.maxBytes ?? MAX_SOURCE_BYTES;
  if (bytes.length > maxBytes) {
    const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
    return refuse('', `文件过大：${mb(bytes.length)}，上限为 ${mb(maxBytes)}`);
  }
  const decoded = decodeSource(file, bytes);
  if (!decoded.ok) {
    return { file, bytes, text: '', lineCounter, locator: createLocator(file, ''), diagnostics: [decoded.diagnostic] };
  }
  const text = decoded.text;
  const tooBig = overBudget(text, options.maxTokens ?? MAX_SOURCE_TOKENS);
  if (tooBig) return refuse(text, tooBig.message, tooBig.offset);
  const locator = createLocator(file, text);
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    strict: true,
    prettyErrors: true,
    // maxAliasCount is a toJS option in yaml 2 (see toData), not a parse option.
    version: '1.2',
    schema: 'core',
  });
  const diagnostics = [...yamlDiagnostics(doc, locator), ...featureDiagnostics(doc, locator)];
  return { file, bytes, text, doc, lineCounter, locator, diagnostics };
}

/** Deeper nesting than this is refused: yaml composes recursively and overflows the stack near 1000. */
export const MAX_NESTING = 64;

/**
 * Why `text` is too big to parse quickly, or undefined. Lexing is cheap and stops at the first
 * limit passed; it counts tokens and flow-bracket depth. Block nesting is bounded by indentation
 * (two spaces per level in practice, so 2 × MAX_NESTING columns).
 */
function overBudget(text: string, maxTokens: number): { message: string; offset?: number } | undefined {
  const deepIndent = new RegExp(`^ {${2 * MAX_NESTING + 1},}\\S`, 'm').exec(text);
  if (deepIndent) {
    const message = `缩进过深：缩进了 ${deepIndent[0].length - 1} 个空格，上限为 ${2 * MAX_NESTING}`;
    return { message, offset: deepIndent.index };
  }
  let n = 0;
  let depth = 0;
  for (const token of new Lexer().lex(text)) {
    if (++n > maxTokens) return { message: `文件内容过多：字段、列表项等超过 ${maxTokens} 个单元的上限` };
    if (token === '[' || token === '{') {
      if (++depth > MAX_NESTING) return { message: `括号嵌套过深：超过 ${MAX_NESTING} 层` };
    } else if (token === ']' || token === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** Translates yaml's errors, keeping only the first per line: later ones are mostly echoes. */
function yamlDiagnostics(doc: IssueDocument, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seenLines = new Set<number>();
  const problems: Array<[YAMLError, 'error' | 'warning']> = [
    ...doc.errors.map((e): [YAMLError, 'error'] => [e, 'error']),
    // Tags are reported by featureDiagnostics with their source text.
    ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED').map((w): [YAMLError, 'warning'] => [w, 'warning']),
  ];
  problems.sort((a, b) => a[0].pos[0] - b[0].pos[0]);
  for (const [error, severity] of problems) {
    const span = locator.spanAt(error.pos[0]);
    if (seenLines.has(span.line)) continue;
    seenLines.add(span.line);
    const text = locator.text;
    const lineEnd = text.indexOf('\n', error.pos[0]);
    const near = text.slice(error.pos[0], lineEnd === -1 ? text.length : lineEnd);
    const t = translateYamlError(error, near);
    let message = t.message;
    if (error.code === 'DUPLICATE_KEY') message = duplicateKeyMessage(doc, error.pos[0], locator) ?? message;
    const d: Diagnostic = { severity, code: t.code, span, field: '', message };
    if (t.hint) d.hint = t.hint;
    out.push(d);
  }
  return out;
}

/** "字段“period”重复出现（第 3 行已写过）", found by locating the duplicate pair in the tree. */
function duplicateKeyMessage(doc: IssueDocument, offset: number, locator: Locator): string | undefined {
  let message: string | undefined;
  visit(doc, {
    Map(_key, map) {
      const dup = map.items.find((p) => isScalar(p.key) && p.key.range?.[0] === offset);
      if (!dup || !isScalar(dup.key)) return undefined;
      const name = String(dup.key.value);
      const first = map.items.find((p) => isScalar(p.key) && p.key.value === (dup.key as { value: unknown }).value);
      const firstLine = isScalar(first?.key) && first.key.range ? locator.spanAt(first.key.range[0]).line : undefined;
      message = `字段“${name}”重复出现${firstLine !== undefined ? `（第 ${firstLine} 行已写过）` : ''}`;
      return visit.BREAK;
    },
  });
  return message;
}

/**
 * Anchors, aliases, explicit tags and non-text keys: valid YAML a clerk has no use for, and the
 * way alias bombs are built. One diagnostic per kind, at its first use, with the count.
 */
function featureDiagnostics(doc: IssueDocument, locator: Locator): Diagnostic[] {
  const text = locator.text;
  const found: Record<'anchor' | 'alias' | 'tag' | 'key', { offset: number; source: string; count: number } | undefined> = {
    anchor: undefined,
    alias: undefined,
    tag: undefined,
    key: undefined,
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
    Node(_key, node) {
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
  return out;
}

/**
 * The document as plain JS data for schema validation. Call only when the source has no errors:
 * aliases are then absent, and maxAliasCount still guards against expansion blow-up.
 */
export function toData(doc: IssueDocument): unknown {
  return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
}

