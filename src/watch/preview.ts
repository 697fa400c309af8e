/** `bulletin preview`: page images of an issue through Debian poppler's pdftoppm. */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { OutputError, writeAtomicAll } from '../io/files.js';
import { outputReason } from '../io/writeAtomic.js';

const run = promisify(execFile);

/** The message when pdftoppm is missing (Chinese, with how to get it). */
export const PDFTOPPM_MISSING =
  '没有找到 pdftoppm（poppler-utils 软件包中的工具），无法生成预览图片。请先安装：sudo apt-get install poppler-utils（Debian/Ubuntu）；安装后再运行本命令。';

/** True when `cmd` (pdftoppm) can be run. */
export async function hasPdftoppm(cmd = 'pdftoppm'): Promise<boolean> {
  try {
    await run(cmd, ['-v']);
    return true;
  } catch (e) {
    // pdftoppm -v exits 0 on recent poppler, 99 on old ones: only "not found" means missing.
    return (e as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}

/**
 * Writes `<dir>/<prefix>-<page>.png` for every page of `pdf` at `dpi` and returns the paths in page
 * order. pdftoppm draws into a private temporary folder; only when every page is drawn are the
 * images put in place, each through the atomic writer, so a full disk or a read-only folder leaves
 * the previous preview as it was. Images left from an earlier, longer preview with the same prefix
 * are removed after that.
 */
export async function pdfToPngs(pdf: Uint8Array, dir: string, prefix: string, dpi: number, cmd = 'pdftoppm'): Promise<string[]> {
  const mine = (n: string): boolean => n.startsWith(`${prefix}-`) && /^-\d+\.png$/.test(n.slice(prefix.length));
  const pageOf = (n: string): number => Number(/-(\d+)\.png$/.exec(n)![1]);
  let tmp: string | undefined;
  const images: Array<{ target: string; data: Uint8Array }> = [];
  try {
    tmp = await fs.mkdtemp(path.join(tmpdir(), 'bulletin-preview-'));
    const file = path.join(tmp, 'issue.pdf');
    await fs.writeFile(file, pdf);
    await run(cmd, ['-png', '-r', String(dpi), file, path.join(tmp, 'page')]);
    const names = (await fs.readdir(tmp)).filter((n) => /^page-\d+\.png$/.test(n)).sort((a, b) => pageOf(a) - pageOf(b));
    for (const n of names) images.push({ target: path.join(dir, `${prefix}-${n.slice('page-'.length)}`), data: await fs.readFile(path.join(tmp, n)) });
  } catch (e) {
    if (e instanceof OutputError) throw e;
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    const why = err.code && typeof err.code === 'string' ? outputReason(e) : `pdftoppm 出错${err.stderr ? `：${err.stderr.trim()}` : ''}`;
    throw new OutputError(`无法生成预览图片（在临时文件夹 ${tmpdir()} 中）：${why}`, dir, { cause: e });
  } finally {
    if (tmp) await fs.rm(tmp, { recursive: true, force: true }).catch(() => undefined);
  }
  await writeAtomicAll(images);
  const keep = new Set(images.map((i) => path.basename(i.target)));
  for (const n of await fs.readdir(dir)) if (mine(n) && !keep.has(n)) await fs.rm(path.join(dir, n), { force: true }).catch(() => undefined);
  return images.map((i) => i.target);
}
