/**
 * Minimal types for fontkit 2.0.4, which ships none (it is the fallback of src/fonts/otf and the
 * reference its tests compare with). Only what src/fonts uses is declared.
 */
declare module 'fontkit' {
  export interface FontkitGlyph {
    /** 0 is .notdef. */
    id: number;
    advanceWidth: number;
  }

  export interface FontkitGlyphPosition {
    xAdvance: number;
    yAdvance: number;
    xOffset: number;
    yOffset: number;
  }

  export interface FontkitGlyphRun {
    glyphs: FontkitGlyph[];
    positions: FontkitGlyphPosition[];
  }

  export interface FontkitBaseCoord {
    coordinate: number;
  }

  export interface FontkitBaseTable {
    horizAxis?: {
      baseTagList?: string[];
      baseScriptList?: Array<{
        tag: string;
        script?: { baseValues?: { defaultIndex: number; baseCoords: FontkitBaseCoord[] } };
      }>;
    };
  }

  export interface FontkitOS2Table {
    typoAscender: number;
    typoDescender: number;
    usWeightClass: number;
  }

  export interface FontkitFont {
    type: string;
    postscriptName: string | null;
    familyName: string | null;
    unitsPerEm: number;
    directory: { tables: Record<string, { offset: number; length: number }> };
    'OS/2'?: FontkitOS2Table;
    BASE?: FontkitBaseTable;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): FontkitGlyph;
    /** `script` is an OpenType script tag ('hani', 'latn'), detected from the text when omitted; `language` e.g. 'ZHS'. */
    layout(text: string, features?: string[] | Record<string, boolean>, script?: string, language?: string): FontkitGlyphRun;
    createSubset(): unknown;
  }

  export interface FontkitCollection {
    type: 'TTC' | 'DFont';
    fonts: FontkitFont[];
    getFont(postscriptName: string): FontkitFont | null;
  }

  /** Parses a font file held in memory; with `postscriptName`, picks that face of a collection. */
  export function create(buffer: Uint8Array, postscriptName?: string): FontkitFont | FontkitCollection;
}
