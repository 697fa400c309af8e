/**
 * Lenient reading of issue files for the clerk's tools (register, placeholders, `new`): they must
 * work on files that do not validate yet — a new issue with its print date still empty is exactly
 * what the register has to see — so this never refuses, it just finds what is there.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { Span } from '../diag.js';
import { createLocator, type Locator } from './locate.js';
import { sourceOverBudget } from './parse.js';

/** A top-level field as found: its value (JS) and where the value (or, when empty, the key) is. */
export interface FoundField {
  value: unknown;
  span: Span;
}

/** An issue file read without validation. */
export interface LenientIssue {
  file: string;
  /** Decoded text: BOM dropped, "\n" line ends (the offsets the project's spans use). */
  text: string;
  locator: Locator;
  doc: Document.Parsed;
  /** A top-level field, or undefined when the key is absent or the file is not a mapping. */
  field(name: string): FoundField | undefined;
}

/** Decodes UTF-8 leniently (bad bytes become U+FFFD; loadIssue reports the encoding). */
export function decodeLenient(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes).replace(/\r\n?/g, '\n');
}

/** Reads `bytes` as YAML 1.2 (core schema, like loadIssue) without ever failing. */
export function readLenient(file: string, bytes: Uint8Array): LenientIssue {
  const text = decodeLenient(bytes);
  const locator = createLocator(file, text);
  // Never fail, and never let yaml recurse or churn on a hostile file: what loadIssue refuses as too
  // large or too deep is read here as an empty document (loadIssue reports it).
  const parse = (t: string): Document.Parsed => parseDocument(t, { version: '1.2', schema: 'core', uniqueKeys: false, prettyErrors: false });
  let doc: Document.Parsed;
  try {
    doc = parse(sourceOverBudget(text) ? '' : text);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    doc = parse('');
  }
  const field = (name: string): FoundField | undefined => {
    if (!isMap(doc.contents)) return undefined;
    for (const pair of doc.contents.items) {
      if (!isPair(pair) || !isScalar(pair.key) || pair.key.value !== name) continue;
      const v = pair.value as YamlNode | null;
      const value = isScalar(v) ? v.value : v ? v.toJSON() : null;
      const empty = value === null || value === undefined || value === '';
      const at = !empty && v?.range ? v.range[0] : (pair.key.range?.[0] ?? 0);
      // An empty quoted string still has a position of its own: point at it.
      const offset = isScalar(v) && value === '' && v.range ? v.range[0] : at;
      return { value, span: locator.spanAt(offset) };
    }
    return undefined;
  };
  return { file, text, locator, doc, field };
}

/** Calls `visit` for every string scalar of the document with its field path (0-based indices). */
export function eachString(doc: Document.Parsed, visit: (value: string, node: YamlNode, path: (string | number)[]) => void): void {
  const walk = (node: unknown, path: (string | number)[]): void => {
    if (isScalar(node)) {
      if (typeof node.value === 'string') visit(node.value, node, path);
    } else if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '?';
        walk(pair.value, [...path, key]);
      }
    } else if (isSeq(node)) node.items.forEach((item, i) => walk(item, [...path, i]));
  };
  walk(doc.contents, []);
}
