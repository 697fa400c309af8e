/** Bytes → text: UTF-8 with or without BOM, any line ends; a clear diagnostic for anything else. */
import type { Diagnostic, Span } from '../diag.js';

/** The outcome of decoding: text with "\n" line ends, or the one diagnostic that explains why not. */
export type DecodeResult =
  | { ok: true; text: string; hasBom: boolean }
  | { ok: false; diagnostic: Diagnostic };

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF8_LENIENT = new TextDecoder('utf-8');

/** How to re-save as UTF-8 in the editors a clerk is likely to use. */
export const RESAVE_HINT =
  '记事本或 WPS 用“另存为”，编码选 UTF-8；VS Code 点右下角的编码名→“通过编码保存”→ UTF-8';

/**
 * Decodes a source file. The UTF-8 BOM is dropped and CRLF / lone CR become "\n" (the line count is
 * unchanged, so line:column stay those an editor shows). Not UTF-8 → one `E_ENCODING` error at the
 * first bad byte, naming GBK/GB18030 when the bytes read as such (the usual cause on Chinese Windows).
 */
export function decodeSource(file: string, bytes: Uint8Array): DecodeResult {
  const magic = sniffBinary(bytes);
  if (magic) {
    return fail(file, 'E_NOT_TEXT', `这不是文本文件：看起来是${magic}`, '简报须写在 .yaml 文本文件中，可用记事本、WPS 或 VS Code 编辑');
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail(file, 'E_ENCODING', '文件是 UTF-16 编码（记事本中叫“Unicode”），应为 UTF-8 编码', RESAVE_HINT);
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    return { ok: false, diagnostic: notUtf8(file, bytes) };
  }
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return { ok: true, text: text.replace(/\r\n?/g, '\n'), hasBom };
}

function fail(file: string, code: string, message: string, hint: string): DecodeResult {
  return {
    ok: false,
    diagnostic: { severity: 'error', code, span: { file, line: 1, column: 1, offset: -1 }, field: '', message, hint },
  };
}

/** Recognises the documents a clerk may pick by mistake instead of the .yaml file. */
function sniffBinary(b: Uint8Array): string | undefined {
  if (b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return ' Word/Excel 文档（.docx/.xlsx）或压缩包';
  if (b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0) return '旧版 Word/Excel/WPS 文档（.doc/.xls/.wps）';
  if (b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46) return ' PDF 文件';
  return undefined;
}

function notUtf8(file: string, bytes: Uint8Array): Diagnostic {
  const bad = firstInvalidUtf8(bytes);
  const span = spanOfByte(file, bytes, bad);
  const gb = readsAsGb18030(bytes);
  let message: string;
  if (gb) {
    const sample = gbSample(bytes, bad);
    message = `文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码${sample ? `（此处按 GBK 读作“${sample}”）` : ''}`;
  } else {
    const hex = (bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    message = `文件不是 UTF-8 编码：此处的字节 0x${hex} 无法识别`;
  }
  return { severity: 'error', code: 'E_ENCODING', span, field: '', message, hint: `请转存为 UTF-8：${RESAVE_HINT}` };
}

/**
 * Index of the first byte of the first ill-formed UTF-8 sequence (WHATWG rules: no overlongs,
 * no surrogates, nothing above U+10FFFF), or bytes.length when the input is well-formed.
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  const n = b.length;
  let i = 0;
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => k < n && b[k]! >= lo && b[k]! <= hi;
  while (i < n) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
    } else if (c >= 0xc2 && c <= 0xdf) {
      if (!cont(i + 1)) return i;
      i += 2;
    } else if (c >= 0xe0 && c <= 0xef) {
      const lo = c === 0xe0 ? 0xa0 : 0x80;
      const hi = c === 0xed ? 0x9f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2)) return i;
      i += 3;
    } else if (c >= 0xf0 && c <= 0xf4) {
      const lo = c === 0xf0 ? 0x90 : 0x80;
      const hi = c === 0xf4 ? 0x8f : 0xbf;
      if (!cont(i + 1, lo, hi) || !cont(i + 2) || !cont(i + 3)) return i;
      i += 4;
    } else {
      return i;
    }
  }
  return n;
}

/** Line:column of byte `index`, counting the valid UTF-8 before it as an editor would. */
function spanOfByte(file: string, bytes: Uint8Array, index: number): Span {
  const before = UTF8_LENIENT.decode(bytes.subarray(0, index)); // drops a leading BOM, like editors
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < before.length; i++) {
    const c = before.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && before.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = [...before.slice(lineStart)].length + 1;
  return { file, line, column, offset: -1 };
}

function readsAsGb18030(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Up to 8 characters from `index` to the end of its line, read as GB18030, to show the clerk. */
function gbSample(bytes: Uint8Array, index: number): string {
  let end = index;
  while (end < bytes.length && end - index < 64 && bytes[end] !== 0x0a && bytes[end] !== 0x0d) end++;
  const text = new TextDecoder('gb18030').decode(bytes.subarray(index, end));
  const chars = [...text.trim()];
  return chars.length > 8 ? `${chars.slice(0, 8).join('')}…` : chars.join('');
}
