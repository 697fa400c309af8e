/**
 * `bulletin check`'s part of the address book: the book's own problems (once per book), and for an
 * issue with a book next to it, the recipients the book lacks and an 印数 below what the list needs.
 */
import path from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../diag.js';
import { readFileBounded } from '../io/files.js';
import type { Issue } from '../model/types.js';
import { MAX_SOURCE_BYTES } from '../source/size.js';
import { ADDRESS_BOOK_NAME, type AddressBook, defaultBookPath, loadAddressBook } from './book.js';
import { mailWarnings } from './recipients.js';

/** Where messages go (the CLI's error stream). */
interface Sink {
  err(line: string): void;
}

/** A checker that reads each address book once per `check` run. */
export function bookChecks(): {
  isBook(file: string): boolean;
  check(file: string, bytes: Uint8Array, io: Sink): boolean;
  warnings(issue: Issue, io: Sink): Promise<{ diagnostics: Diagnostic[]; ok: boolean }>;
} {
  const books = new Map<string, AddressBook | null>();
  const check = (file: string, bytes: Uint8Array, io: Sink): boolean => {
    const r = loadAddressBook(file, bytes);
    for (const d of r.diagnostics) io.err(formatDiagnostic(d));
    books.set(path.resolve(file), r.book ?? null);
    return r.book !== undefined;
  };
  return {
    isBook: (file) => path.basename(file).toLowerCase() === ADDRESS_BOOK_NAME,
    check,
    async warnings(issue, io) {
      const file = defaultBookPath(issue.file);
      const key = path.resolve(file);
      if (!books.has(key)) {
        const bytes = await readFileBounded(file, MAX_SOURCE_BYTES).catch(() => undefined);
        // No address book: nothing to compare with (mailing is optional).
        if (!bytes) return { diagnostics: [], ok: true };
        check(file, bytes, io);
      }
      const book = books.get(key);
      if (!book) return { diagnostics: [], ok: false };
      return { diagnostics: mailWarnings(issue, book), ok: true };
    },
  };
}
