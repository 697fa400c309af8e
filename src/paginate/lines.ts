/**
 * What the layout modules (body, masthead, 报尾) share: composed lines turned into glyph runs,
 * texts the tool makes, error diagnostics.
 */
import type { ComposedLine, ComposeOptions, FontMetrics, FontRole, InlineRun } from '../compose/types.js';
import { isAttached } from '../fonts/chars.js';
import type { Diagnostic, Span } from '../diag.js';
import type { Text } from '../model/types.js';
import { tagged } from './structure.js';
import type { ElementKind, GlyphRun, RunGlyph, StructNode } from './types.js';

/** One line of plain text at its natural width (masthead, 报尾 print row). */
export type Natural = (text: Text, role: FontRole, sizePt: number, cellPt: number) => { line: ComposedLine; widthPt: number };
/** The composer, as the layout runs it (its options, counts and events). */
export type ComposeText = (text: Text, role: FontRole, opts: Partial<ComposeOptions> & { sizePt: number; cellPt: number; measurePt: number }, runs?: InlineRun[]) => ComposedLine[];

/** Width of a composed line: the right edge of its last glyph box. */
export function lineWidth(line: ComposedLine, cellPt: number): number {
  let w = 0;
  for (const gl of line.glyphs) w = Math.max(w, gl.xPt + Math.min(gl.advancePt, Math.max(cellPt, gl.advancePt)));
  return w;
}

/** A glyph as the layout hands it on: what the composer placed, plus what the clerk typed when it differs. */
export type LaidGlyph = ComposedLine['glyphs'][number] & { actualText?: string };

/**
 * A run of the line's glyphs in page coordinates, `x0` being the line's left edge (masthead lines: the
 * annual index replaces the number line's glyphs with its own in page coordinates).
 */
export function run(line: ComposedLine, x0: number, baselinePt: number, sizePt: number, colour: string, node: StructNode, kind?: ElementKind): GlyphRun {
  const r: GlyphRun = {
    kind: 'glyphs',
    xPt: 0,
    baselinePt,
    sizePt,
    colour,
    glyphs: runGlyphs(line.glyphs, x0),
    tags: tagged(node),
  };
  if (kind) r.element = kind;
  return r;
}

/** The line's glyphs moved right by `x0`. */
export function runGlyphs(glyphs: readonly LaidGlyph[], x0: number): RunGlyph[] {
  const out: RunGlyph[] = new Array(glyphs.length);
  for (let k = 0; k < glyphs.length; k++) {
    const gl = glyphs[k]!;
    out[k] = moved(gl, x0);
  }
  return out;
}

/** A copy of `gl` moved right by `x0`, with what it draws (its shape) and how (bold, actual text). */
export function moved(gl: RunGlyph, x0: number): RunGlyph {
  const g: RunGlyph = { text: gl.text, role: gl.role, xPt: x0 + gl.xPt, shaped: gl.shaped };
  if (gl.bold) g.bold = true;
  if (gl.actualText) g.actualText = gl.actualText;
  return g;
}

/** The clusters of `text` (a character with the marks after it, FORMAT terms: CLUSTER), in order. */
export function clusters(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    if (out.length > 0 && isAttached(ch.codePointAt(0)!)) out[out.length - 1] += ch;
    else out.push(ch);
  }
  return out;
}

/** A glyph of `text` in `role` at `xPt`, shaped when the fonts shape. */
export function glyphOf(fonts: FontMetrics, text: string, role: FontRole, xPt: number): RunGlyph {
  return { text, role, xPt, shaped: fonts.shape?.(text, role) };
}

/** A Text made by the tool (not in the source), positioned at the field it derives from. */
export function synthetic(value: string, span: Span): Text {
  return { value, span, at: () => span };
}

export function err(span: Span, field: string, code: string, message: string): Diagnostic {
  return { severity: 'error', code, span, field, message };
}
