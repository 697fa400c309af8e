/**
 * Where a face's tables come from: positioned reads of only the tables (and, for glyph data, only the
 * byte ranges) that are needed. A 14 MB CJK font is never read whole: building the sample reads
 * about 1 MB of the five faces it uses. WOFF tables are inflated one table at a time.
 */
import { inflateSync } from 'node:zlib';
import type { FontFile } from '../file.js';

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

/** Reads tables of one face from a font file (on disk or in memory: the World's {@link FontFile}). */
export class FontSource {
  private readonly cache = new Map<string, Uint8Array | null>();
  private readonly byTag: Map<string, TableLocation>;
  /** Bytes read from the file so far (for the benchmark and the fonts report). */
  bytesRead = 0;

  constructor(
    readonly font: FontFile,
    tables: readonly TableLocation[],
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
    if (loc.compLength < loc.length) return memoryReader(this.table(tag)!);
    return new FileTableReader(this, loc);
  }

  private load(loc: TableLocation): Uint8Array {
    const raw = this.readFile([[loc.offset, loc.compLength]])[0]!;
    return loc.compLength < loc.length ? inflateSync(raw, { chunkSize: Math.max(loc.length, 64) }) : raw;
  }

  /** The file's name, for messages. */
  get file(): string {
    return this.font.path;
  }

  /** Positioned reads from the file, all ranges at once. */
  readFile(ranges: ReadonlyArray<readonly [number, number]>): Uint8Array[] {
    for (const [, len] of ranges) this.bytesRead += len;
    return this.font.read(ranges);
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
