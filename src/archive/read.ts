/** Reading a PDF named on the command line without loading more than the reader accepts. */
import { InputError, readFileBounded } from '../io/files.js';
import { PDF_LIMITS, PdfError } from './pdf.js';

/**
 * The file's bytes, through the CLI's bounded reader: a missing, unreadable or special file (FIFO,
 * device, folder) is an InputError (exit 2); one over the size limit an E_PDF_FILE_TOO_LARGE, unread.
 */
export async function readPdfFile(file: string): Promise<Buffer> {
  try {
    return await readFileBounded(file, PDF_LIMITS.fileBytes);
  } catch (e) {
    if (!(e instanceof InputError) || e.code !== 'E_TOO_LARGE') throw e;
    // The bounded reader's own wording ("文件过大：3072 MB，超出了 64 MB 的上限") without the file name.
    throw new PdfError('E_PDF_FILE_TOO_LARGE', `${e.message.slice(file.length + 1)}，拒绝读取`);
  }
}
