/** `bulletin preview`: page images of an issue through Debian poppler's pdftoppm. */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

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
 * order. Images left from an earlier, longer preview with the same prefix are removed first.
 */
export async function pdfToPngs(pdf: Uint8Array, dir: string, prefix: string, dpi: number, cmd = 'pdftoppm'): Promise<string[]> {
  await fs.mkdir(dir, { recursive: true });
  const mine = (n: string): boolean => n.startsWith(`${prefix}-`) && /^-\d+\.png$/.test(n.slice(prefix.length));
  for (const n of await fs.readdir(dir)) if (mine(n)) await fs.rm(path.join(dir, n), { force: true });
  const tmp = await fs.mkdtemp(path.join(tmpdir(), 'bulletin-preview-'));
  try {
    const file = path.join(tmp, 'issue.pdf');
    await fs.writeFile(file, pdf);
    await run(cmd, ['-png', '-r', String(dpi), file, path.join(dir, prefix)]);
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
  const pageOf = (n: string): number => Number(/-(\d+)\.png$/.exec(n)![1]);
  return (await fs.readdir(dir))
    .filter(mine)
    .sort((a, b) => pageOf(a) - pageOf(b))
    .map((n) => path.join(dir, n));
}
