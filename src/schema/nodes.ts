/** Finding the YAML node behind a field path, and describing what the clerk wrote there. */
import { isMap, isScalar, isSeq } from 'yaml';
import type { Pair, Node as YamlNode, Scalar, YAMLMap } from 'yaml';
import type { Span } from '../diag.js';
import type { IssueDocument } from '../source/parse.js';
import type { Locator } from '../source/locate.js';
import type { FieldPath, SectionNames } from './fields.js';

/** The node at a path and, when it is a mapping value, the key that names it. */
export interface Located {
  node?: YamlNode | null;
  key?: Scalar;
}

/** The text a mapping key stands for, as JSON data sees it (null key → ""). */
export function keyText(key: unknown): string | undefined {
  if (!isScalar(key)) return undefined;
  return key.value === null || key.value === undefined ? '' : String(key.value);
}

/**
 * Key → index of its first pair, per mapping: a file of thousands of unknown keys is located key by
 * key, and a scan per key made that quadratic. Checked on use, so a mapping edited since is re-read.
 */
const keyIndex = new WeakMap<object, Map<string, number>>();

/** The first pair of `map` whose key is `key` (as `items.find` would return it). */
function pairNamed(map: YAMLMap<unknown, unknown>, key: string): Pair<unknown, unknown> | undefined {
  if (map.items.length < 16) return map.items.find((p) => keyText(p.key) === key);
  let index = keyIndex.get(map);
  let i = index?.get(key);
  if (i === undefined || keyText(map.items[i]?.key) !== key) {
    index = new Map();
    map.items.forEach((p, k) => {
      const t = keyText(p.key);
      if (t !== undefined && !index!.has(t)) index!.set(t, k);
    });
    keyIndex.set(map, index);
    i = index.get(key);
  }
  return i === undefined ? undefined : map.items[i];
}

/** Walks `path` through the document; stops (returning what it has) where the path leaves the tree. */
export function locate(doc: IssueDocument, path: FieldPath): Located {
  let node: unknown = doc.contents;
  let key: Scalar | undefined;
  for (const seg of path) {
    if (isMap(node) && typeof seg === 'string') {
      const pair = pairNamed(node, seg);
      if (!pair) return {};
      key = isScalar(pair.key) ? pair.key : undefined;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number') {
      node = node.items[seg];
      key = undefined;
    } else {
      return {};
    }
  }
  return { node: node as YamlNode | null, key };
}

/** Start offset of a node, or undefined when it has no position. */
export function startOf(node: unknown): number | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return r ? r[0] : undefined;
}

/**
 * Where to point for a problem with a value: the value itself, or its key when the value is
 * missing or empty in the source (`editor:` with nothing after it).
 */
export function valueSpan(doc: IssueDocument, locator: Locator, path: FieldPath): Span {
  const { node, key } = locate(doc, path);
  const empty = !node || (isScalar(node) && node.value === null && node.range && node.range[0] === node.range[1]);
  const at = (empty && key ? startOf(key) : startOf(node)) ?? startOf(key) ?? startOf(doc.contents) ?? 0;
  return locator.spanAt(at);
}

/** Span of the key naming `path`'s last segment (for unknown keys), else of the value. */
export function keySpan(doc: IssueDocument, locator: Locator, path: FieldPath): Span {
  const { key } = locate(doc, path);
  const at = startOf(key);
  return at === undefined ? valueSpan(doc, locator, path) : locator.spanAt(at);
}

/** "实际为…" wording for what the clerk wrote, taken from the source rather than JS data. */
export function describeFound(node: YamlNode | null | undefined): string {
  if (!node) return '实际为空';
  if (isMap(node)) return '实际为一组字段';
  if (isSeq(node)) return '实际为列表';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null || v === undefined) return '实际为空';
    // As written in the file, clipped like text: a pasted 5,000-digit number stays one short line.
    if (typeof v === 'number') return `实际为数字 ${clip(node.source ?? String(v))}`;
    if (typeof v === 'boolean') return `实际为 ${clip(node.source ?? String(v))}`;
    if (v instanceof Date) return `实际为日期 ${clip(node.source ?? v.toISOString())}`;
    const s = String(v);
    if (s === '') return '实际为空';
    if (!/\S/u.test(s)) return '实际只有空格';
    return `实际为“${clip(s)}”`;
  }
  return '实际为无法识别的内容';
}

/** At most `max` characters, with an ellipsis, on one line. */
export function clip(s: string, max = 20): string {
  const chars = [...s.replace(/\s+/gu, ' ')];
  return chars.length > max ? `${chars.slice(0, max).join('')}…` : chars.join('');
}

/** The sections of a parsed issue file, as the messages name them (see `placeOf`). */
export function sectionNamesOf(doc: IssueDocument): SectionNames {
  const { node } = locate(doc, ['sections']);
  return (i) => {
    const section = isSeq(node) ? node.items[i] : undefined;
    if (!isMap(section)) return undefined;
    const text = (k: string): string | undefined => {
      const v = section.get(k, true);
      return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
    };
    if (section.has('article') || section.has('paragraphs')) return { kind: 'article', title: text('article') };
    return { kind: 'items', title: text('title') };
  };
}
