import { execFileSync } from 'node:child_process';
import { inflateSync } from 'node:zlib';

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

/** One character as mutool places it: the glyph's x, advance and font size, in pt. */
export interface PdfChar {
  c: string;
  x: number;
  w: number;
  size: number;
}

/** A text line of one page: the characters on one baseline, left to right. */
export interface PdfLine {
  page: number;
  y: number;
  chars: PdfChar[];
  text: string;
}

/**
 * The lines of the PDF as `mutool draw -F stext` sees them (the measuring ../shared/tools/check_pdf.py
 * does): characters grouped by page and baseline, sorted by x. Whitespace characters are left out.
 */
export function pdfLines(pdf: string): PdfLine[] {
  const xml = tool('mutool', ['draw', '-q', '-F', 'stext', '-o', '-', pdf]);
  const out: PdfLine[] = [];
  let page = 0;
  let size = 0;
  const byKey = new Map<string, PdfLine>();
  const tag = /<page\b|<font\b[^>]*\bsize="([\d.]+)"|<char\b[^>]*\bquad="([^"]+)"[^>]*\bx="([\d.-]+)"[^>]*\by="([\d.-]+)"[^>]*\bc="([^"]*)"/g;
  for (const m of xml.matchAll(tag)) {
    if (m[0].startsWith('<page')) {
      page++;
      continue;
    }
    if (m[1] !== undefined) {
      size = Number(m[1]);
      continue;
    }
    const c = decodeXml(m[5]!);
    if (/^\s*$/u.test(c)) continue;
    const q = m[2]!.split(' ').map(Number);
    const y = Number(m[4]);
    const key = `${page}:${y.toFixed(1)}`;
    let line = byKey.get(key);
    if (!line) {
      line = { page, y, chars: [], text: '' };
      byKey.set(key, line);
      out.push(line);
    }
    line.chars.push({ c, x: Number(m[3]), w: q[2]! - q[0]!, size });
  }
  // Text on one baseline with more than 1.5 em between (editor and date, printer and print date)
  // is two lines, as a reader sees it.
  const split: PdfLine[] = [];
  for (const l of out) {
    l.chars.sort((a, b) => a.x - b.x);
    let cur: PdfLine | undefined;
    l.chars.forEach((ch, i) => {
      const prev = l.chars[i - 1];
      if (!cur || (prev && ch.x - (prev.x + prev.w) > 1.5 * ch.size)) {
        cur = { page: l.page, y: l.y, chars: [], text: '' };
        split.push(cur);
      }
      cur.chars.push(ch);
    });
  }
  for (const l of split) l.text = l.chars.map((ch) => ch.c).join('');
  return split.sort((a, b) => a.page - b.page || a.y - b.y || a.chars[0]!.x - b.chars[0]!.x);
}

function decodeXml(s: string): string {
  return s.replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
}

/** Text as a reader's search sees it: `pdftotext -raw`, page-number lines out, line breaks removed, NFKC. */
export function searchText(pdf: string): string {
  return tool('pdftotext', ['-enc', 'UTF-8', '-raw', pdf, '-'])
    .split(/[\n\f]/)
    .filter((l) => !PAGE_NUMBER.test(l.trim()))
    .join('')
    .normalize('NFKC');
}

/**
 * The PDF's bytes as Latin-1 text with the inflated contents of every object stream appended, so
 * that a test can look for an object's dictionary text whether it was written at the top level or
 * packed into an object stream (PDF 32000-1 §7.5.7). Reads the streams with zlib itself, not with
 * the reader under test.
 */
export function objectText(bytes: Buffer): string {
  const text = bytes.toString('latin1');
  const parts = [text];
  for (const m of text.matchAll(/<< \/Type \/ObjStm [^>]*\/Length (\d+) \/Filter \/FlateDecode >>\nstream\n/g)) {
    const start = m.index + m[0].length;
    parts.push(inflateSync(bytes.subarray(start, start + Number(m[1]))).toString('latin1'));
  }
  return parts.join('\n');
}
