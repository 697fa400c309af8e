/**
 * Where a face's tables come from: positioned reads of only the tables (and, for glyph data, only the
 * byte ranges) that are needed. A 14 MB CJK font is never read whole: building the sample reads
 * about 1 MB of the five faces it uses. WOFF tables are inflated one table at a time.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { inflateSync } from 'node:zlib';

/** A table of the face's directory: where it lies in the file, and its stored (compressed) length. */
export interface TableLocation {
  tag: string;
  offset: number;
  length: number;
  /** WOFF: stored length (zlib-compressed when smaller than `length`); sfnt: equal to `length`. */
  compLength: number;
}

/** Random access to one table's bytes. */
export interface TableReader {
  readonly length: number;
  /** `len` bytes at `pos` within the table (clamped to the table). */
  read(pos: number, len: number): Uint8Array;
  /** Several ranges at once (one open file for all of them). */
  readMany(ranges: ReadonlyArray<readonly [pos: number, len: number]>): Uint8Array[];
}

/** Reads tables of one face from a file (or from memory, for tests and converted data). */
export class FontSource {
  private readonly cache = new Map<string, Uint8Array | null>();
  private readonly byTag: Map<string, TableLocation>;
  /** Bytes read from the file so far (for the benchmark and the fonts report). */
  bytesRead = 0;

  constructor(
    readonly file: string,
    tables: readonly TableLocation[],
    private readonly memory?: Uint8Array,
  ) {
    this.byTag = new Map(tables.map((t) => [t.tag, t]));
  }

  has(tag: string): boolean {
    return this.byTag.has(tag);
  }

  /** A whole table, read once and kept; undefined when the face has none. */
  table(tag: string): Uint8Array | undefined {
    let hit = this.cache.get(tag);
    if (hit === undefined) {
      const loc = this.byTag.get(tag);
      hit = loc ? this.load(loc) : null;
      this.cache.set(tag, hit);
    }
    return hit ?? undefined;
  }

  /**
   * A reader for a large table (glyf, CFF) that is read in pieces. Compressed WOFF tables cannot be
   * read in pieces: they are inflated whole, once.
   */
  reader(tag: string): TableReader | undefined {
    const loc = this.byTag.get(tag);
    if (!loc) return undefined;
    if (this.memory || loc.compLength < loc.length) return memoryReader(this.table(tag)!);
    return new FileTableReader(this, loc);
  }

  private load(loc: TableLocation): Uint8Array {
    const raw = this.readFile([[loc.offset, loc.compLength]])[0]!;
    return loc.compLength < loc.length ? inflateSync(raw, { chunkSize: Math.max(loc.length, 64) }) : raw;
  }

  /** Positioned reads from the file (or the in-memory copy), one open for all ranges. */
  readFile(ranges: ReadonlyArray<readonly [number, number]>): Uint8Array[] {
    if (this.memory) return ranges.map(([pos, len]) => this.memory!.subarray(pos, pos + len));
    const fd = openSync(this.file, 'r');
    try {
      return ranges.map(([pos, len]) => {
        const buf = Buffer.allocUnsafe(len);
        let got = 0;
        while (got < len) {
          const n = readSync(fd, buf, got, len - got, pos + got);
          if (n === 0) throw new Error(`字体文件 ${this.file} 被截断`);
          got += n;
        }
        this.bytesRead += len;
        return buf;
      });
    } finally {
      closeSync(fd);
    }
  }
}

function memoryReader(data: Uint8Array): TableReader {
  return {
    length: data.byteLength,
    read: (pos, len) => data.subarray(pos, Math.min(data.byteLength, pos + len)),
    readMany: (ranges) => ranges.map(([pos, len]) => data.subarray(pos, Math.min(data.byteLength, pos + len))),
  };
}

class FileTableReader implements TableReader {
  readonly length: number;
  constructor(
    private readonly source: FontSource,
    private readonly loc: TableLocation,
  ) {
    this.length = loc.length;
  }
  private clamp(pos: number, len: number): readonly [number, number] {
    const start = Math.max(0, Math.min(pos, this.loc.length));
    return [this.loc.offset + start, Math.max(0, Math.min(len, this.loc.length - start))];
  }
  read(pos: number, len: number): Uint8Array {
    return this.source.readFile([this.clamp(pos, len)])[0]!;
  }
  /** Nearby ranges are read together (one system call), then cut apart. */
  readMany(ranges: ReadonlyArray<readonly [number, number]>): Uint8Array[] {
    const wanted = ranges.map(([p, l]) => this.clamp(p, l));
    const order = wanted.map((_, i) => i).sort((a, b) => wanted[a]![0] - wanted[b]![0]);
    const groups: Array<{ start: number; end: number; members: number[] }> = [];
    for (const i of order) {
      const [start, len] = wanted[i]!;
      const g = groups[groups.length - 1];
      if (g && start - g.end <= GAP && Math.max(g.end, start + len) - g.start <= MAX_GROUP) {
        g.end = Math.max(g.end, start + len);
        g.members.push(i);
      } else groups.push({ start, end: start + len, members: [i] });
    }
    const bufs = this.source.readFile(groups.map((g) => [g.start, g.end - g.start]));
    const out: Uint8Array[] = new Array(wanted.length);
    groups.forEach((g, k) => {
      for (const i of g.members) {
        const [start, len] = wanted[i]!;
        out[i] = bufs[k]!.subarray(start - g.start, start - g.start + len);
      }
    });
    return out;
  }
}

/** Ranges closer than this are read as one (a read costs more than a few KB of copying). */
const GAP = 4096;
const MAX_GROUP = 1 << 20;
