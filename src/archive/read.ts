/** Reading a PDF named on the command line without loading more than the reader accepts. */
import { promises as fs } from 'node:fs';
import { UsageError } from '../diag.js';
import { PDF_LIMITS, PdfError } from './pdf.js';

/** The file's bytes; a missing file is a usage error, one over the size limit an E_PDF_FILE_TOO_LARGE (unread). */
export async function readPdfFile(file: string): Promise<Buffer> {
  const st = await fs.stat(file).catch(() => undefined);
  if (!st || !st.isFile()) throw new UsageError(`找不到文件“${file}”`);
  if (st.size > PDF_LIMITS.fileBytes) throw new PdfError('E_PDF_FILE_TOO_LARGE', `文件有 ${st.size} 字节，超过 ${PDF_LIMITS.fileBytes} 字节的上限，拒绝读取`);
  return fs.readFile(file).catch(() => {
    throw new UsageError(`找不到文件“${file}”`);
  });
}
