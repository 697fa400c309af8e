/**
 * `bulletin mail`'s core: an issue and its address book → the envelopes, the labels and the
 * distribution register as PDF/A bytes, set by the bulletin's own renderer and fonts. Pure apart
 * from the fonts; same input, same bytes (the dates are the issue's print date).
 */
import type { Diagnostic } from '../diag.js';
import { hasErrors } from '../diag.js';
import { type FontUse, preflight } from '../fonts/preflight.js';
import type { World } from '../world/index.js';
import { metadata } from '../index.js';
import { dayLabel } from '../model/period.js';
import type { Issue, Text } from '../model/types.js';
import type { Frame, LaidOut } from '../paginate/types.js';
import { shapingFonts } from '../paginate/shape.js';
import { renderPdf, type PdfMetadata } from '../render/pdf.js';
import path from 'node:path';
import { ENVELOPE_SIZES, LABEL_SHEETS, type EnvelopeSize, type LabelSheet } from '../spec/mail.js';
import { loadIssue } from '../source/load.js';
import { loadAddressBook, type AddressBook } from './book.js';
import { mailSourceBytes, mailSourceName, type MailChoices, type MailDocument, type MailSource } from './source.js';
import { envelopeFrames, labelFrames, registerFrames } from './layout.js';
import { recipientsOf, type Recipient } from './recipients.js';

export interface MailOptions {
  envelope: EnvelopeSize;
  labels: LabelSheet;
  /** Labels already used on the first sheet. */
  skipLabels?: number;
  /** Draw the red postcode boxes (default true; false for envelopes that have them printed). */
  boxes?: boolean;
  /** PDF/A-3b (default true). */
  pdfa?: boolean;
  /** Draw only this document (verify rebuilds one at a time); default all three. */
  only?: MailDocument;
}

export interface MailResult {
  envelopes?: Buffer;
  labels?: Buffer;
  register?: Buffer;
  /** Every recipient of the list in order, with its address-book entry when there is one. */
  recipients: Recipient[];
  /** Font problems in the book's or the list's text (an error stops the build). */
  diagnostics: Diagnostic[];
  /** Pages of each document. */
  pages: { envelopes: number; labels: number; register: number };
}

/** Builds the three documents. Recipients without an address get a register row but no envelope or label. */
export async function buildMail(issue: Issue, book: AddressBook, world: World, options: MailOptions): Promise<MailResult> {
  const fonts = world.fonts;
  const recipients = recipientsOf(issue, book);
  const diagnostics = preflight(fonts, fontUses(recipients, book));
  const pages = { envelopes: 0, labels: 0, register: 0 };
  if (hasErrors(diagnostics)) return { recipients, diagnostics, pages };
  const sender = { name: book.sender.name.value, address: book.sender.address.value, postcode: book.sender.postcode.value };
  // Shaped once, as the issue is: the renderer draws what the frames say.
  const shaping = shapingFonts(fonts);
  const env = envelopeFrames(recipients, sender, shaping, { size: options.envelope, boxes: options.boxes ?? true });
  const lab = labelFrames(recipients, shaping, { sheet: options.labels, skip: options.skipLabels ?? 0 });
  const base = metadata(issue);
  const no = issue.number ? `（第${issue.number.value}期）` : '';
  const issueLabel = `${issue.period.year}年${issue.period.month}月${no}`;
  const reg = registerFrames(
    recipients,
    {
      publication: issue.publication.value,
      issueLabel,
      printed: dayLabel(issue.printed),
      ...(issue.copies ? { copies: issue.copies.value } : {}),
      sender: sender.name,
    },
    shaping,
  );
  const meta = (what: string): PdfMetadata => ({ ...base, title: `${base.title} ${what}`, author: sender.name, subject: `${base.subject}：${what}` });
  const pdfa = options.pdfa ?? true;
  const choices = mailChoices(options);
  // Each document embeds what it was made from (issue file, address book, options), as an issue
  // PDF embeds its YAML: verify rebuilds it from that, byte for byte.
  const issueName = path.basename(issue.file);
  const source = (document: MailDocument): NonNullable<Parameters<typeof renderPdf>[3]['source']> => ({
    name: mailSourceName(issueName, document),
    bytes: mailSourceBytes({ document, options: choices, issue: { name: issueName, bytes: issue.sourceBytes }, book: { name: path.basename(book.file), bytes: book.sourceBytes } }),
    type: 'application/json',
    description: 'bulletin mail: the issue file, address book and options this document was made from',
  });
  const render = (frames: Frame[], document: MailDocument, what: string, extra: { duplex?: boolean; pickTrayBySize?: boolean }): Promise<Buffer> | undefined =>
    frames.length && (options.only === undefined || options.only === document) ? renderPdf(laidOut(frames), fonts, meta(what), { pdfa, srgb: world.srgb, source: source(document), ...extra }) : undefined;
  const [envelopes, labels, register] = await Promise.all([
    render(env, 'envelopes', `信封（${options.envelope.code}）`, { duplex: false, pickTrayBySize: true }),
    render(lab, 'labels', `地址标签（${options.labels.code}）`, { duplex: false }),
    render(reg, 'register', '分发登记表', { duplex: false }),
  ]);
  pages.envelopes = env.length;
  pages.labels = lab.length;
  pages.register = reg.length;
  return { ...(envelopes ? { envelopes } : {}), ...(labels ? { labels } : {}), ...(register ? { register } : {}), recipients, diagnostics, pages };
}

/** The options as recorded in the documents (codes, defaults filled in). */
function mailChoices(o: MailOptions): MailChoices {
  return { envelope: o.envelope.code, labels: o.labels.code, skipLabels: o.skipLabels ?? 0, boxes: o.boxes ?? true, pdfa: o.pdfa ?? true };
}

/**
 * One mail document made again from what it embeds (`verify`): the PDF, or the diagnostics of an
 * issue file or address book that no longer loads, or of fonts that lack a character.
 */
export async function rebuildMail(src: MailSource, world: World): Promise<{ pdf?: Buffer; diagnostics: Diagnostic[] }> {
  const issue = loadIssue(src.issue.name, src.issue.bytes);
  const book = loadAddressBook(src.book.name, src.book.bytes);
  const diagnostics = [...issue.diagnostics, ...book.diagnostics];
  if (!issue.issue || !book.book) return { diagnostics };
  const o = src.options;
  const r = await buildMail(issue.issue, book.book, world, { envelope: ENVELOPE_SIZES[o.envelope], labels: LABEL_SHEETS[o.labels], skipLabels: o.skipLabels, boxes: o.boxes, pdfa: o.pdfa, only: src.document });
  const pdf = r[src.document];
  return { ...(pdf ? { pdf } : {}), diagnostics: [...diagnostics, ...r.diagnostics] };
}

function laidOut(frames: Frame[]): LaidOut {
  return {
    frames,
    nameSizePt: 0,
    events: [],
    stats: { lines: 0, pages: frames.length, compose: { compressedMarks: 0, paddedRuns: 0, squeezedLines: 0, pushedOutLines: 0, hungMarks: 0 } },
  };
}

/** The printed strings of the book and the list, for the font preflight. */
function fontUses(recipients: readonly Recipient[], book: AddressBook): FontUse[] {
  const uses: FontUse[] = [];
  const add = (t: Text, field: string, role: FontUse['role'] = 'fang'): void => {
    uses.push({ text: t.value, role, at: (i) => t.at(i), field });
  };
  add(book.sender.name, 'sender.name');
  add(book.sender.address, 'sender.address');
  add(book.sender.postcode, 'sender.postcode');
  for (const r of recipients) {
    add(r.name, `distribution.${r.label}`);
    if (!r.unit) continue;
    add(r.unit.address, `units.${r.name.value}.address`);
    add(r.unit.postcode, `units.${r.name.value}.postcode`, 'hei');
    if (r.unit.attention) add(r.unit.attention, `units.${r.name.value}.attention`);
    if (r.unit.phone) add(r.unit.phone, `units.${r.name.value}.phone`);
  }
  return uses;
}
