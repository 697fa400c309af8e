/** Resolving the issue files named on the command line. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../diag.js';

/** Reads a file named on the command line; a missing or unreadable one is a usage error (exit 2). */
export async function readInput(file: string): Promise<Buffer> {
  return fs.readFile(file).catch(() => {
    throw new UsageError(`找不到文件“${file}”`);
  });
}

/** Expands folders to their *.yaml / *.yml files (sorted); a missing path is a usage error. */
export async function expandInputs(args: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const a of args) {
    const st = await fs.stat(a).catch(() => undefined);
    if (!st) throw new UsageError(`找不到文件“${a}”`);
    if (st.isDirectory()) {
      // The address book of `bulletin mail` (address-book.yaml) lives among the issues but is not one.
      const names = (await fs.readdir(a)).filter((n) => /\.ya?ml$/i.test(n) && !/^address-book\.ya?ml$/i.test(n)).sort();
      if (!names.length) throw new UsageError(`文件夹“${a}”中没有 .yaml 期刊文件`);
      out.push(...names.map((n) => path.join(a, n)));
    } else out.push(a);
  }
  return out;
}

/** The PDF path for `input`: `-o` a .pdf file (one input only), or a folder; default output/<name>.pdf. */
export function outputFor(input: string, o: string | undefined, many: boolean): string {
  const name = path.basename(input).replace(/\.ya?ml$/i, '') + '.pdf';
  if (!o) return path.join('output', name);
  if (/\.pdf$/i.test(o)) {
    if (many) throw new UsageError(`一次构建多个期刊时，-o 应为文件夹，而不是“${o}”`);
    return o;
  }
  return path.join(o, name);
}

/** `-j/--jobs`: a positive whole number, or undefined for "one per core". */
export function parseJobs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`-j/--jobs 应为正整数，实际为“${value}”`);
  return n;
}
