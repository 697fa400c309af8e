/**
 * What a `bulletin mail` PDF was made from, embedded in it as its associated source file
 * (/AFRelationship /Source, `application/json`, as the annual index embeds its data): the issue
 * file, the address book, the options that change the output and which of the three documents it
 * is. `verify` reads it back and rebuilds the document byte for byte; `extract` gives it back.
 * One JSON text, keys in a fixed order, so the same input gives the same bytes.
 */
import type { EnvelopeSize, LabelSheet } from '../spec/mail.js';
import { ENVELOPE_SIZES, LABEL_SHEETS } from '../spec/mail.js';

/** The `kind` that marks the data as a mail document's. */
const MAIL_SOURCE_KIND = 'bulletin-mail';

export type MailDocument = 'envelopes' | 'labels' | 'register';

/** The mail options that change a document's bytes, as the command line writes them. */
export interface MailChoices {
  envelope: EnvelopeSize['code'];
  labels: LabelSheet['code'];
  skipLabels: number;
  boxes: boolean;
  pdfa: boolean;
}

/** A file the document was made from: its name (no folder: a path is one machine's) and bytes. */
export interface SourceFile {
  name: string;
  bytes: Uint8Array;
}

export interface MailSource {
  document: MailDocument;
  options: MailChoices;
  issue: SourceFile;
  book: SourceFile;
}

/** The name of the embedded data: 2021-01-envelopes.json. */
export function mailSourceName(issueName: string, document: MailDocument): string {
  return `${issueName.replace(/\.ya?ml$/i, '')}-${document}.json`;
}

/**
 * A file as JSON: its text when it is UTF-8 (issue files and address books are, or they would not
 * have loaded; a BOM is kept), else base64, so the bytes come back exactly either way.
 */
function fileJson(f: SourceFile): { name: string; text: string } | { name: string; base64: string } {
  const buf = Buffer.from(f.bytes);
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf);
    if (Buffer.from(text, 'utf8').equals(buf)) return { name: f.name, text };
  } catch {
    // not UTF-8: base64 below
  }
  return { name: f.name, base64: buf.toString('base64') };
}

/** The embedded data of one mail document. */
export function mailSourceBytes(s: MailSource): Buffer {
  const o = s.options;
  const data = {
    kind: MAIL_SOURCE_KIND,
    document: s.document,
    options: { envelope: o.envelope, labels: o.labels, skipLabels: o.skipLabels, boxes: o.boxes, pdfa: o.pdfa },
    issue: fileJson(s.issue),
    book: fileJson(s.book),
  };
  return Buffer.from(`${JSON.stringify(data, null, 1)}\n`, 'utf8');
}

/**
 * Reads embedded data written by {@link mailSourceBytes}: undefined when it is not a mail
 * document's (an issue file, an index's data), null when it claims to be one but does not read.
 */
export function readMailSource(name: string, bytes: Uint8Array): MailSource | null | undefined {
  if (!/\.json$/i.test(name)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return undefined;
  }
  const d = data as { kind?: unknown; document?: unknown; options?: Record<string, unknown>; issue?: unknown; book?: unknown };
  if (!d || typeof d !== 'object' || d.kind !== MAIL_SOURCE_KIND) return undefined;
  const file = (x: unknown): SourceFile | undefined => {
    const f = x as { name?: unknown; text?: unknown; base64?: unknown } | null;
    if (!f || typeof f.name !== 'string') return undefined;
    if (typeof f.text === 'string') return { name: f.name, bytes: Buffer.from(f.text, 'utf8') };
    if (typeof f.base64 === 'string') return { name: f.name, bytes: Buffer.from(f.base64, 'base64') };
    return undefined;
  };
  const o = d.options ?? {};
  const issue = file(d.issue);
  const book = file(d.book);
  const document = d.document;
  if (document !== 'envelopes' && document !== 'labels' && document !== 'register') return null;
  if (!issue || !book || typeof o.envelope !== 'string' || !(o.envelope in ENVELOPE_SIZES) || typeof o.labels !== 'string' || !(o.labels in LABEL_SHEETS)) return null;
  if (typeof o.skipLabels !== 'number' || !Number.isInteger(o.skipLabels) || o.skipLabels < 0 || typeof o.boxes !== 'boolean' || typeof o.pdfa !== 'boolean') return null;
  const options: MailChoices = { envelope: o.envelope as MailChoices['envelope'], labels: o.labels as MailChoices['labels'], skipLabels: o.skipLabels, boxes: o.boxes, pdfa: o.pdfa };
  return { document, options, issue, book };
}

/** The options in the command line's words, for verify's line: --envelope DL --labels 3x8 … */
export function mailFlags(o: MailChoices): string[] {
  const f = ['--envelope', o.envelope, '--labels', o.labels];
  if (o.skipLabels) f.push('--skip-labels', String(o.skipLabels));
  if (!o.boxes) f.push('--no-boxes');
  if (!o.pdfa) f.push('--no-pdfa');
  return f;
}

/** What the document is, in Chinese: 信封, 地址标签, 分发登记表. */
export const MAIL_DOCUMENT_NAMES: Readonly<Record<MailDocument, string>> = { envelopes: '信封', labels: '地址标签', register: '分发登记表' };
