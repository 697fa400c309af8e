/**
 * The address book (通讯录) of `bulletin mail`: one YAML file per office, by default
 * `address-book.yaml` next to the issues. It goes through the issue file's own machinery — decoding,
 * YAML with positions (src/source/parse.ts), the JSON schema compiled ahead of time and ajv's errors
 * turned into Chinese file:line:col messages (src/schema/validate.ts) — with its own schema and words.
 */
import path from 'node:path';
import { isMap, isScalar, type Scalar } from 'yaml';
import { hasErrors, sortDiagnostics, type Diagnostic } from '../diag.js';
import { charProblem, uPlus } from '../fonts/chars.js';
import { textOf } from '../model/text.js';
import type { Text } from '../model/types.js';
import { formatField, type FieldPath } from '../schema/fields.js';
import { keyText, locate } from '../schema/nodes.js';
import { validateSchema, type SchemaWording } from '../schema/validate.js';
import { loadSource, toData, type IssueDocument } from '../source/parse.js';
import type { Locator } from '../source/locate.js';
import { validate as compiledValidate } from './addressBook.validator.js';

/** The address book's file name; `bulletin mail` and `check` look for it in the issue's folder. */
export const ADDRESS_BOOK_NAME = 'address-book.yaml';

/** Where the address book of `issueFile` is when no --book is given: its own folder. */
export function defaultBookPath(issueFile: string): string {
  return path.join(path.dirname(issueFile), ADDRESS_BOOK_NAME);
}

/** The sending office, printed at the foot of every envelope. */
export interface Sender {
  name: Text;
  address: Text;
  postcode: Text;
}

/** One receiving unit, keyed in the book by its name exactly as written in 报/送/发. */
export interface Unit {
  name: Text;
  address: Text;
  postcode: Text;
  attention?: Text;
  phone?: Text;
  /** Copies sent each issue (default 1). */
  copies: number;
}

export interface AddressBook {
  file: string;
  /** The bytes it was read from: embedded in the mail PDFs so that verify can rebuild them. */
  sourceBytes: Uint8Array;
  sender: Sender;
  /** In the book's own order. */
  units: Map<string, Unit>;
}

/** Chinese names of the book's fields. */
const LABELS: Readonly<Record<string, string>> = {
  sender: '寄件单位',
  units: '收件单位',
  name: '单位名称',
  address: '地址',
  postcode: '邮政编码',
  attention: '收件人',
  phone: '电话',
  copies: '份数',
};

const EXAMPLES: Readonly<Record<string, string>> = {
  '': '参照示例通讯录，从“sender:”写起',
  sender: '例如“sender: {name: 上海市安全生产协会办公室, address: 上海市黄浦区某路1号, postcode: \"200001\"}”',
  units: '加一行“units:”，其下每个单位一行，如“  市应急管理局领导: {address: 上海市某区某路2号, postcode: \"200002\"}”',
  name: '例如“name: 上海市安全生产协会办公室”',
  address: '例如“address: 上海市某区某路2号”',
  postcode: '例如“postcode: \"200002\"”（加引号）',
};

/**
 * The field in the clerk's words, with its key where it is typed: 寄件单位的邮政编码（postcode）,
 * 单位“市应急管理局领导”的地址（address）.
 */
function describeBookField(p: FieldPath): string {
  const [a, b, c] = p;
  const key = (k: string): string => (LABELS[k] ? `${LABELS[k]}（${k}）` : `“${k}”`);
  if (p.length === 0) return '通讯录';
  if (a === 'sender') return p.length === 1 ? '寄件单位（sender）' : `寄件单位的${key(String(b))}`;
  if (a === 'units') {
    if (p.length === 1) return '收件单位（units）';
    if (p.length === 2) return `单位“${String(b)}”`;
    return `单位“${String(b)}”的${key(String(c))}`;
  }
  return formatField(p);
}

const WORDING: SchemaWording = {
  validate: compiledValidate as unknown as SchemaWording['validate'],
  describe: describeBookField,
  labels: LABELS,
  examples: EXAMPLES,
  patterns: { '^[0-9]{6}$': '应为 6 位数字的邮政编码（加引号，如 "200002"）' },
};

/** What {@link loadAddressBook} returns: the book when nothing is an error, and every diagnostic. */
export interface LoadBookResult {
  book?: AddressBook;
  diagnostics: Diagnostic[];
}

/**
 * Reads an address book. Never throws on bad input: decoding, YAML, schema and character problems
 * all come back as positioned Chinese diagnostics, every one of them in one run.
 */
export function loadAddressBook(file: string, bytes: Uint8Array): LoadBookResult {
  const parsed = loadSource(file, bytes);
  if (hasErrors(parsed.diagnostics) || !parsed.doc) return { diagnostics: sortDiagnostics(parsed.diagnostics) };
  const doc = parsed.doc;
  const diagnostics = [...parsed.diagnostics, ...validateSchema(doc, toData(doc), parsed.locator, WORDING), ...characterProblems(doc, parsed.locator)];
  const sorted = sortDiagnostics(diagnostics);
  if (hasErrors(sorted)) return { diagnostics: sorted };
  return { book: { ...buildBook(file, doc, parsed.locator), sourceBytes: bytes }, diagnostics: sorted };
}

/** Every text value of the book with its path. */
function* texts(doc: IssueDocument): Generator<{ path: FieldPath; node: Scalar }> {
  const root = doc.contents;
  if (!isMap(root)) return;
  for (const pair of root.items) {
    const top = keyText(pair.key);
    if (!top || !isMap(pair.value)) continue;
    for (const inner of pair.value.items) {
      const k = keyText(inner.key);
      if (k === undefined) continue;
      if (top === 'units' && isScalar(inner.key) && typeof inner.key.value === 'string') yield { path: [top, k], node: inner.key as Scalar };
      if (isScalar(inner.value) && typeof inner.value.value === 'string') yield { path: [top, k], node: inner.value };
      if (top === 'units' && isMap(inner.value)) {
        for (const f of inner.value.items) {
          const fk = keyText(f.key);
          if (fk !== undefined && isScalar(f.value) && typeof f.value.value === 'string') yield { path: [top, k, fk], node: f.value };
        }
      }
    }
  }
}

/** Control, broken and unassigned characters: they would print as boxes or not at all. */
function characterProblems(doc: IssueDocument, locator: Locator): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { path: p, node } of texts(doc)) {
    const value = String(node.value);
    for (let i = 0; i < value.length; ) {
      const cp = value.codePointAt(i)!;
      const problem = charProblem(cp);
      const lineBreak = cp === 0x0a || cp === 0x09;
      if ((problem && problem.kind === 'error') || lineBreak) {
        out.push({
          severity: 'error',
          code: lineBreak ? 'E_LINE_BREAK' : problem!.code,
          span: textOf(node, locator).at(i),
          field: formatField(p),
          place: describeBookField(p),
          message: `有${lineBreak ? '换行或制表符' : problem!.name}（${uPlus(cp)}），无法印在信封上`,
          hint: lineBreak ? '地址和名称都写在一行里' : problem!.kind === 'error' ? problem!.hint : undefined,
        });
        break;
      }
      i += cp > 0xffff ? 2 : 1;
    }
  }
  return out;
}

/** The typed book from a document that passed the schema. */
function buildBook(file: string, doc: IssueDocument, locator: Locator): Omit<AddressBook, 'sourceBytes'> {
  const text = (p: FieldPath): Text | undefined => {
    const { node } = locate(doc, p);
    return isScalar(node) && typeof node.value === 'string' ? textOf(node, locator) : undefined;
  };
  const sender: Sender = { name: text(['sender', 'name'])!, address: text(['sender', 'address'])!, postcode: text(['sender', 'postcode'])! };
  const units = new Map<string, Unit>();
  const root = doc.contents;
  const unitsNode = isMap(root) ? root.items.find((p) => keyText(p.key) === 'units')?.value : undefined;
  if (isMap(unitsNode)) {
    for (const pair of unitsNode.items) {
      const name = keyText(pair.key)!;
      const at = (f: string): Text | undefined => text(['units', name, f]);
      const copies = locate(doc, ['units', name, 'copies']).node;
      const unit: Unit = {
        name: isScalar(pair.key) ? textOf(pair.key as Scalar, locator) : { value: name, span: locator.spanAt(0), at: () => locator.spanAt(0) },
        address: at('address')!,
        postcode: at('postcode')!,
        copies: isScalar(copies) && typeof copies.value === 'number' ? copies.value : 1,
      };
      const attention = at('attention');
      const phone = at('phone');
      if (attention) unit.attention = attention;
      if (phone) unit.phone = phone;
      units.set(name, unit);
    }
  }
  return { file, sender, units };
}
