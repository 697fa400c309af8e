/** Resolving the issue files named on the command line. */
import path from 'node:path';
import { UsageError } from '../diag.js';
import { MAX_SOURCE_BYTES } from '../source/size.js';
import { expandInputs as expandFolders, readFileBounded } from '../io/files.js';

/**
 * Expands folders to their issue files (*.yaml / *.yml, sorted; with `pdf`, *.pdf too). The address book of `bulletin mail`
 * (address-book.yaml) lives among the issues but is not one.
 */
export async function expandInputs(args: readonly string[], opts: { pdf?: boolean } = {}): Promise<string[]> {
  const keep = (name: string): boolean => !/^address-book\.ya?ml$/i.test(name);
  return opts.pdf ? expandFolders(args, keep, { pattern: /\.(ya?ml|pdf)$/i, what: '.yaml 期刊文件或 .pdf 文件' }) : expandFolders(args, keep);
}

/**
 * Reads a file named on the command line (an issue file unless `limit` says otherwise): missing,
 * unreadable or not a regular file → InputError (exit 2), over the limit → InputError (exit 1).
 */
export async function readInput(file: string, limit = MAX_SOURCE_BYTES): Promise<Buffer> {
  return readFileBounded(file, limit);
}

/**
 * The PDF path for `input`: `-o` a .pdf file (one input only, taken as it is), or a folder; default
 * output/<name>.pdf. `suffix` names a print variant (`-duplex`, see archive/variant.ts), so that a
 * print copy never replaces the archive copy.
 */
export function outputFor(input: string, o: string | undefined, many: boolean, suffix = ''): string {
  const name = path.basename(input).replace(/\.ya?ml$/i, '') + suffix + '.pdf';
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
