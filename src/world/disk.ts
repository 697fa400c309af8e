/**
 * The World's file access on disk: font files read by positioned reads (only the tables, and of
 * glyph data only the ranges, a build needs) and the whole small files (the ICC profile).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { FontFile } from '../fonts/file.js';

/** A font file on disk; each read opens it, reads the ranges and closes it (no descriptor kept). */
export function diskFontFile(file: string): FontFile {
  const fd = openSync(file, 'r');
  let size: number;
  try {
    size = fstatSync(fd).size;
  } finally {
    closeSync(fd);
  }
  return {
    path: file,
    size,
    read(ranges) {
      const fd = openSync(file, 'r');
      try {
        return ranges.map(([pos, len]) => {
          if (pos < 0 || len < 0 || pos + len > size) throw new Error(`字体文件 ${file} 被截断`);
          const buf = Buffer.allocUnsafe(len);
          let got = 0;
          while (got < len) {
            const n = readSync(fd, buf, got, len - got, pos + got);
            if (n === 0) throw new Error(`字体文件 ${file} 被截断`);
            got += n;
          }
          return buf;
        });
      } finally {
        closeSync(fd);
      }
    },
  };
}
