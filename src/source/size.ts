/** How file sizes are worded in messages (pure: shared by the loader, the PDF reader and src/io). */

export { MAX_SOURCE_BYTES } from './limits.js';

/**
 * "8.5 MB", "12 KB", "300 字节". Given the `limit` it is compared with, enough digits are shown that
 * a size just over the limit never reads as the limit itself ("8.001 MB", not "8 MB").
 */
export function formatSize(n: number, limit?: number): string {
  const mb = (v: number, digits: number): string => `${(v / 1024 / 1024).toFixed(digits).replace(/\.?0+$/, '')} MB`;
  if (n < 1024) return `${n} 字节`;
  if (n < 1024 * 1024) return `${Math.round(n / 1024)} KB`;
  for (const digits of [1, 2, 3]) {
    const s = mb(n, digits);
    if (limit === undefined || n === limit || s !== mb(limit, digits)) return s;
  }
  return `${n.toLocaleString('en-US')} 字节`;
}

/** "文件过大：9.5 MB，超出了 8 MB 的上限"; `atLeast` when the read stopped at the limit (size unknown). */
export function tooLargeMessage(size: number, limit: number, atLeast = false): string {
  return `文件过大：${atLeast ? '超过 ' : ''}${formatSize(size, limit)}，超出了 ${formatSize(limit)} 的上限`;
}
