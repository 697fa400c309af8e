/**
 * A font file as the font code sees it: a name and positioned reads. The World decides where the
 * bytes come from (src/world/disk.ts reads a file on disk by ranges, never a 14 MB font whole;
 * {@link memoryFontFile} serves bytes already in memory), so nothing under src/fonts opens a file.
 */
export interface FontFile {
  /** Where it came from (an absolute path for a file on disk), for messages and the fonts report. */
  readonly path: string;
  /** Length in bytes. */
  readonly size: number;
  /** The bytes of each range (pos, len); throws (Chinese message) when a range lies past the end. */
  read(ranges: ReadonlyArray<readonly [pos: number, len: number]>): Uint8Array[];
}

/** A font file held in memory (tests, converted data, a World that has no disk). */
export function memoryFontFile(path: string, bytes: Uint8Array): FontFile {
  return {
    path,
    size: bytes.byteLength,
    read: (ranges) =>
      ranges.map(([pos, len]) => {
        if (pos < 0 || len < 0 || pos + len > bytes.byteLength) throw new Error(`字体文件 ${path} 被截断`);
        return bytes.subarray(pos, pos + len);
      }),
  };
}
