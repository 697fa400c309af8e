/** Model stage: a validated YAML document → the typed Issue, every node keeping its source span. */
import { isMap, isScalar, isSeq, type Node as YamlNode, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Span } from '../diag.js';
import { readDate } from '../schema/semantic.js';
import { createLocator, type Locator } from '../source/locate.js';
import type { ParsedSource } from '../source/parse.js';
import { bareTitle, sectionHeading } from './heading.js';
import { joinTexts, textOf } from './text.js';
import type { DistributionEntry, HeadingStyle, Issue, Item, NumberStyle, Part, Text, YearPrefix } from './types.js';

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
  const publicationLines = buildPublication(get(root, 'publication')?.value, locator);
  const scalarValue = (key: string): unknown => {
    const node = get(root, key)?.value;
    return isScalar(node) ? node.value : undefined;
  };
  const headingStyle = (scalarValue('heading_style') as HeadingStyle | undefined) ?? '【】';
  const issue: Issue = {
    file,
    sourceBytes: bytes,
    publication: publicationLines.length === 1 ? publicationLines[0]! : joinTexts(publicationLines),
    publicationLines,
    numberStyle: (scalarValue('number_style') as NumberStyle | undefined) ?? 'arabic',
    yearPrefix: yearPrefixOf(scalarValue('year_prefix')),
    period: { year: period.d.year, month: period.d.month, span: period.span },
    editor: text(root, 'editor'),
    headingStyle,
    sections: buildSections(get(root, 'sections')?.value, locator, headingStyle),
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
  const classification = optionalText('classification');
  if (classification) issue.classification = classification;
  const note = optionalText('note');
  if (note) issue.note = note;
  const marker = get(root, 'item_marker')?.value;
  // `item_marker: 1.` reads as the number 1: the source says what was meant.
  if (isScalar(marker)) issue.itemMarker = itemMarkerOf(typeof marker.value === 'number' ? (marker.source ?? String(marker.value)) : String(marker.value));
  return issue;
}

/** The marker drawn for `item_marker` ('' for none); numbered markers are kept as their pattern. */
export function itemMarkerOf(written: string): string {
  const t = written.trim();
  if (t === 'none') return '';
  if (t === '1' || t === '1.') return '1.';
  return t;
}

/** The masthead lines: a string is one line, a list one line per entry. */
function buildPublication(node: unknown, locator: Locator): Text[] {
  if (isSeq(node)) return node.items.map((n) => asText(n, locator, 'publication line'));
  return [asText(node, locator, 'publication')];
}

function asText(node: unknown, locator: Locator, what: string): Text {
  if (!isScalar(node) || typeof node.value !== 'string') throw new Error(`buildIssue: ${what} is not a string`);
  return textOf(node as Scalar<string>, locator);
}

function buildSections(node: unknown, locator: Locator, style: HeadingStyle): Part[] {
  if (!isSeq(node)) throw new Error('buildIssue: sections is not a list');
  // Numbering counts the sections of items only: an article keeps its own title.
  let numbered = 0;
  return node.items.map((s, i): Part => {
    if (!isMap(s)) throw new Error(`buildIssue: sections[${i}] is not a mapping`);
    const span = locator.spanAt((s as YamlNode).range?.[0] ?? 0);
    if (s.has('article')) {
      const paragraphs = s.get('paragraphs', true);
      if (!isSeq(paragraphs)) throw new Error(`buildIssue: sections[${i}].paragraphs is not a list`);
      const article: Part = {
        kind: 'article',
        heading: asText(s.get('article', true), locator, 'article'),
        paragraphs: paragraphs.items.map((p): Item => {
          const t = asText(p, locator, 'paragraph');
          return { text: t, span: t.span };
        }),
        span,
      };
      if (s.has('subtitle')) article.subtitle = asText(s.get('subtitle', true), locator, 'subtitle');
      if (s.has('source')) article.source = asText(s.get('source', true), locator, 'source');
      return article;
    }
    const title = asText(s.get('title', true), locator, 'title');
    const heading = sectionHeading(title, style, ++numbered);
    const items = s.get('items', true);
    if (!isSeq(items)) throw new Error(`buildIssue: sections[${i}].items is not a list`);
    return {
      kind: 'items',
      heading,
      title: bareTitle(title),
      items: items.items.map((it): Item => {
        if (isMap(it)) {
          const item: Item = { text: asText(it.get('text', true), locator, 'text'), span: locator.spanAt(it.range?.[0] ?? 0) };
          if (it.has('lead')) item.lead = asText(it.get('lead', true), locator, 'lead');
          return item;
        }
        const t = asText(it, locator, 'item');
        return { text: t, span: t.span };
      }),
      span,
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

/** The year_prefix value as validated (true, false or 年). */
function yearPrefixOf(v: unknown): YearPrefix {
  return v === true || v === '年' ? v : false;
}
