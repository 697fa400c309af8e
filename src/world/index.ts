/**
 * The World: everything a compile takes from outside itself — the font set (the faces and the bytes
 * behind them) and the sRGB profile of the PDF/A output intent — as Typst's World is. compile() and
 * the stages under it open no file: the CLI and each batch worker make one World with
 * {@link loadWorld} and hand it to every issue of the run; a test can make one in memory.
 *
 * The schema is not part of it: it is compiled into the program (src/schema/issue.validator.ts,
 * generated from schema/issue.schema.json), so validating reads nothing either.
 */
import { readFileSync } from 'node:fs';
import { loadFontSet, type LoadFontSetOptions } from '../fonts/registry.js';
import type { FontSet, LoadedFontSet } from '../fonts/types.js';

/** What a compile reads from the outside world. */
export interface World {
  /** Each role's chain of faces; faces read their tables through the World's font files. */
  readonly fonts: FontSet;
  /** The ICC profile of the PDF/A output intent (sRGB IEC 61966-2.1), src/render/icc/sRGB.icc. */
  readonly srgb: Uint8Array;
}

/** A World loaded from disk, with what the font folder held. */
export interface LoadedWorld extends World {
  readonly fonts: LoadedFontSet;
}

/**
 * The World of a CLI run: the font set of `fontsDir` (office fonts and the free ones; faces are
 * opened lazily, by positioned reads of their files) and the sRGB profile. Make it once per
 * process and reuse it: a batch's issues then share opened faces and cached subsets.
 */
export function loadWorld(opts: LoadFontSetOptions): LoadedWorld {
  return { fonts: loadFontSet(opts), srgb: srgbProfile() };
}

let srgb: Uint8Array | undefined;

/**
 * The committed sRGB profile (Debian icc-profiles-free, Zlib licence; src/render/icc/README.md).
 * The same relative path from src/world/, dist/world/ and the bundle in dist/bundle/: all sit two
 * folders below the package root, and the package ships src/render/icc/ ("files" in package.json).
 */
export function srgbProfile(): Uint8Array {
  srgb ??= readFileSync(new URL('../../src/render/icc/sRGB.icc', import.meta.url));
  return srgb;
}
