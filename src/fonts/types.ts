/** Fonts as the renderer and the CLI see them. Implemented in src/fonts/registry.ts. */
import type { FontMetrics, FontRole } from '../compose/types.js';
import type { Diagnostic } from '../diag.js';
import type { FaceMetrics, SubsetFont } from './otf/face.js';
import type { ShapedGlyph } from './otf/layout.js';

export type { FaceMetrics, ShapedGlyph, SubsetFont };

/** One loaded face (a file, or one face of a TTC). */
export interface Face {
  /** Stable id, e.g. "FandolFang-Regular"; unique within a FontSet. */
  id: string;
  /** Family name as the font names itself (Chinese name preferred when present). */
  family: string;
  /** PostScript name. */
  postscriptName: string;
  /**
   * SHA-256 (hex) of the face's table directory — each table's tag, checksum and length, sorted by
   * tag — read without opening the tables: another version of the font gives another value. Recorded
   * in the PDF so that `verify` can say which font a rebuild lacks; no path, so builds stay identical.
   */
  readonly fingerprint: string;
  /** Absolute path of the file it came from. */
  file: string;
  /** Where it came from: the office's fonts/ folder, a committed free font, or an npm package. */
  origin: 'office' | 'bundled' | 'package';
  /** Licence as known (e.g. "OFL-1.1"), or "unknown" for an office font. */
  licence: string;
  /**
   * The face parsed by fontkit (the whole file is read and parsed on first access). The build does not
   * use it: it reads fonts with src/fonts/otf; fontkit is the fallback for what that reader leaves out.
   */
  font: unknown;
  unitsPerEm: number;
  /** Ideographic em-box top above the baseline, in em (0.88 for Fandol/Noto; FORMAT §1.3). */
  emBoxAscent: number;
  /** True when the face has a glyph (not .notdef) for the code point. */
  has(cp: number): boolean;
  /** `text` shaped as one run (Chinese defaults, kerning included): glyph ids and advances in font units. */
  shape(text: string): readonly ShapedGlyph[];
  /** What a PDF font descriptor needs. */
  metrics(): FaceMetrics;
  /**
   * A subset font program holding `glyphs` (glyphs[i] becomes glyph i; glyphs[0] is 0). `widen[i]`,
   * when given, is added to glyph i's advance (font units): a letter-spaced glyph whose advance
   * covers its spacing (only when `widenable`).
   */
  subset(glyphs: readonly number[], widen?: readonly number[]): SubsetFont;
  /** True when `subset` can widen advances (TrueType outlines through our own subsetter). */
  readonly widenable?: boolean;
  /** Vertical extent (yMin, yMax in font units) of the glyph drawn for `cp`; undefined when empty. */
  glyphExtent(cp: number): { yMin: number; yMax: number } | undefined;
}

/** Each role's chain of faces, first match wins; also measures text for the composer. */
export interface FontSet extends FontMetrics {
  /** The chain of a role, office fonts first, then free defaults, then the wide fallbacks. */
  chain(role: FontRole): readonly Face[];
  /** The face that draws `cp` in `role`, or undefined when no font in the chain has it. */
  faceFor(cp: number, role: FontRole): Face | undefined;
  /** Advance of `text` drawn in `face` at 1 em (kerning included), in em. */
  advance(text: string, face: Face): number;
}

/** What became of one face found in the office fonts folder. */
export interface OfficeFace {
  /** Absolute path of the file. */
  file: string;
  /** Index of the face in a TTC/OTC (0 for a single font). */
  index: number;
  postscriptName: string;
  /** The family and full names it carries, every language. */
  names: string[];
  /**
   * used: heads its roles' chains; fallback: named for no role, so it closes every chain (after the
   * free CJK fonts) for characters they lack; refused: may not be embedded; unmatched: bold/italic;
   * duplicate: same PostScript name as a face already taken.
   */
  status: 'used' | 'fallback' | 'refused' | 'unmatched' | 'duplicate';
  /** Roles it serves (status 'used') or would have served (status 'refused'). */
  roles: FontRole[];
  /** Why it is not used, in Chinese. */
  reason?: string;
}

/** How long opening one face took, in ms. */
export interface FaceTiming {
  id: string;
  /** WOFF → sfnt conversion of the whole file, for fontkit (0 unless fontkit had to open a WOFF). */
  convertMs: number;
  /** Read the table directory's cmap and metrics tables. */
  openMs: number;
  /** The first cmap lookup. */
  firstGlyphMs: number;
}

/** A FontSet as loadFontSet returns it, with what it found, refused and opened. */
export interface LoadedFontSet extends FontSet {
  /** Refused, unreadable or missing fonts (warnings in Chinese, positioned at the font file). */
  readonly diagnostics: readonly Diagnostic[];
  /** Every face found in the office folder and what became of it. */
  readonly officeFaces: readonly OfficeFace[];
  /** Every distinct face of every chain. */
  faces(): readonly Face[];
  /** Faces opened so far and what each cost (faces are opened lazily). */
  timings(): readonly FaceTiming[];
}
