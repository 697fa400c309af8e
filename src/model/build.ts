/** Model stage: a validated YAML document → the typed Issue, every node keeping its source span. */
import { isMap, isScalar, isSeq, type Node as YamlNode, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Span } from '../diag.js';
import { readDate } from '../schema/semantic.js';
import { createLocator, type Locator } from '../source/locate.js';
import type { ParsedSource } from '../source/parse.js';
import { isBracketed } from './heading.js';
import { textOf, wrapText } from './text.js';
import type { DistributionEntry, Issue, Item, Section, Text } from './types.js';

/**
 * Builds the Issue from a source that passed the schema and semantic checks (see `loadIssue`).
 * A document of the wrong shape here is a bug in an earlier stage, so this throws a plain Error.
 * Headings are wrapped in 【】 unless already wrapped; `{text}` items are unwrapped.
 */
export function buildIssue(file: string, bytes: Uint8Array, parsed: ParsedSource): Issue {
  const root = parsed.doc?.contents;
  if (!isMap(root)) throw new Error('buildIssue: document root is not a mapping (not validated?)');
  const locator = parsed.file === file ? parsed.locator : createLocator(file, parsed.text);
  const get = (map: YAMLMap, key: string): Pair | undefined =>
    map.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
  const span = (node: unknown): Span => locator.spanAt((node as { range?: number[] } | null)?.range?.[0] ?? 0);

  const text = (map: YAMLMap, key: string): Text => {
    const value = get(map, key)?.value;
    return asText(value, locator, key);
  };
  const optionalText = (key: string): Text | undefined => (get(root, key) ? text(root, key) : undefined);
  const integer = (key: string): { value: number; span: Span } | undefined => {
    const node = get(root, key)?.value;
    if (node === undefined) return undefined;
    if (!isScalar(node) || typeof node.value !== 'number') throw new Error(`buildIssue: ${key} is not a number`);
    return { value: node.value, span: span(node) };
  };
  const date = (key: string, withDay: boolean) => {
    const node = get(root, key)?.value;
    const d = isScalar(node) ? readDate(node.value, withDay) : undefined;
    if (!d) throw new Error(`buildIssue: ${key} is not a date`);
    return { d, span: span(node) };
  };

  const period = date('period', false);
  const printed = date('printed', true);
  const issue: Issue = {
    file,
    sourceBytes: bytes,
    publication: text(root, 'publication'),
    period: { year: period.d.year, month: period.d.month, span: period.span },
    editor: text(root, 'editor'),
    sections: buildSections(get(root, 'sections')?.value, locator),
    distribution: buildDistribution(get(root, 'distribution')?.value, locator),
    printed: { year: printed.d.year, month: printed.d.month, day: printed.d.day ?? 1, span: printed.span },
  };
  const number = integer('number');
  const total = integer('total');
  const copies = integer('copies');
  const printer = optionalText('printer');
  if (number) issue.number = number;
  if (total) issue.total = total;
  if (copies) issue.copies = copies;
  if (printer) issue.printer = printer;
  return issue;
}

function asText(node: unknown, locator: Locator, what: string): Text {
  if (!isScalar(node) || typeof node.value !== 'string') throw new Error(`buildIssue: ${what} is not a string`);
  return textOf(node as Scalar<string>, locator);
}

function buildSections(node: unknown, locator: Locator): Section[] {
  if (!isSeq(node)) throw new Error('buildIssue: sections is not a list');
  return node.items.map((s, i): Section => {
    if (!isMap(s)) throw new Error(`buildIssue: sections[${i}] is not a mapping`);
    const title = asText(s.get('title', true), locator, 'title');
    const heading = isBracketed(title.value) ? title : wrapText(title, '【', '】');
    const items = s.get('items', true);
    if (!isSeq(items)) throw new Error(`buildIssue: sections[${i}].items is not a list`);
    return {
      heading,
      items: items.items.map((it): Item => {
        if (isMap(it)) return { text: asText(it.get('text', true), locator, 'text'), span: locator.spanAt(it.range?.[0] ?? 0) };
        const t = asText(it, locator, 'item');
        return { text: t, span: t.span };
      }),
      span: locator.spanAt((s as YamlNode).range?.[0] ?? 0),
    };
  });
}

function buildDistribution(node: unknown, locator: Locator): DistributionEntry[] {
  if (!isMap(node)) throw new Error('buildIssue: distribution is not a mapping');
  return node.items.map((pair): DistributionEntry => {
    if (!isScalar(pair.key)) throw new Error('buildIssue: distribution label is not a scalar');
    // A label such as 1 or true is still printed as written.
    const keyNode = pair.key as Scalar;
    const label: Text = typeof keyNode.value === 'string' ? textOf(keyNode, locator) : { ...textOf(keyNode, locator), value: keyNode.source ?? String(keyNode.value) };
    const v = pair.value;
    const recipients = isSeq(v) ? v.items.map((r) => asText(r, locator, 'recipient')) : [asText(v, locator, 'recipient')];
    return { label, recipients, span: label.span };
  });
}
