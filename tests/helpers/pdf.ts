import { execFileSync } from 'node:child_process';

/** Runs a Debian PDF tool (poppler-utils, qpdf) and returns its stdout. */
export function tool(cmd: string, args: string[]): string {
  return execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** Text of the PDF with whitespace removed and NFKC-normalised (as ../shared/tools/check_pdf.py compares). */
export function flatText(pdf: string): string {
  return tool('pdftotext', ['-enc', 'UTF-8', pdf, '-'])
    .split('\n')
    .filter((l) => !PAGE_NUMBER.test(l.trim()))
    .join('\n')
    .normalize('NFKC')
    .replace(/\s+/g, '');
}

/** A page-number line, "— 3 —" (pdftotext may drop the spaces). */
export const PAGE_NUMBER = /^—\s*\d+\s*—$/;

export function norm(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '');
}
