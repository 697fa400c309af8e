/**
 * Shaping, once, for the layout: a text in a role becomes the faces that draw it (FORMAT terms:
 * CLUSTER, via splitByFace) and their glyphs with advances. Measuring reads the advance of that same
 * object, and the frames carry it to the renderer, which only writes it out (as Typst's TextItem and
 * react-pdf's textkit do): measuring and drawing cannot disagree.
 */
import type { FontMetrics, FontRole, ShapedPiece, ShapedText } from '../compose/types.js';
import { splitByFace } from '../fonts/runs.js';
import type { FontSet } from '../fonts/types.js';

/** Fonts as the layout uses them: `shape` chooses faces and shapes; `measure` is its advance. */
export type ShapingFonts = FontMetrics & Required<Pick<FontMetrics, 'shape'>>;

const made = new WeakMap<FontSet, ShapingFonts>();

/**
 * The layout's fonts over a font set: one cache per set, so a batch of issues and the mailing
 * documents shape each (role, text) once.
 */
export function shapingFonts(fonts: FontSet): ShapingFonts {
  let s = made.get(fonts);
  if (!s) {
    const byRole = new Map<FontRole, Map<string, ShapedText>>();
    const shape = (text: string, role: FontRole): ShapedText => {
      let cache = byRole.get(role);
      if (!cache) byRole.set(role, (cache = new Map()));
      let hit = cache.get(text);
      if (!hit) cache.set(text, (hit = shapeText(fonts, text, role)));
      return hit;
    };
    s = { shape, measure: (text, role) => shape(text, role).advanceEm };
    made.set(fonts, s);
  }
  return s;
}

const isVariationSelector = (cp: number): boolean => (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

/** `text` cut into runs of one face (clusters kept whole), each shaped by its face. */
export function shapeText(fonts: FontSet, text: string, role: FontRole): ShapedText {
  const pieces: ShapedPiece[] = [];
  let em = 0;
  let spelt = '';
  for (const run of splitByFace(fonts, text, role)) {
    const face = run.face;
    let glyphs = face.shape(run.text);
    // A variation selector is never in a glyph's characters: a glyph id maps to one text in the
    // PDF (ToUnicode), and the base glyph also draws the character without it. /ActualText keeps it.
    if (glyphs.some((g) => g.codePoints.some(isVariationSelector))) glyphs = glyphs.map((g) => ({ ...g, codePoints: g.codePoints.filter((cp) => !isVariationSelector(cp)) }));
    let units = 0;
    for (const g of glyphs) {
      units += g.xAdvance;
      spelt += String.fromCodePoint(...g.codePoints);
    }
    if (glyphs.length > 0) pieces.push({ face: face.id, xEm: em, unitsPerEm: face.unitsPerEm, glyphs });
    em += units / face.unitsPerEm;
  }
  const out: ShapedText = { advanceEm: em, pieces };
  // A variation selector with no variant is not drawn, a composed cluster spells the text otherwise;
  // the text still holds what was typed (CLUSTER). A mark moved off the pen reads as a break in the
  // word to pdftotext: the text is given whole.
  if (spelt !== text || pieces.some((p) => p.glyphs.some((g) => g.xOffset !== undefined || g.yOffset !== undefined))) out.actualText = true;
  return out;
}
