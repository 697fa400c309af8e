/**
 * Print variants: the build options that change a PDF's bytes (--duplex, --cmyk, --no-pdfa, --kinsoku,
 * --latin, --hang-punctuation, --marker). They are
 *  - recorded in the PDF, as the text after the version in /Creator and xmp:CreatorTool
 *    ("bulletin 1.2.3 (--duplex --cmyk)"), so `verify` rebuilds with the same options;
 *  - part of the default file name (output/2021-01-duplex-cmyk.pdf), so a print copy never replaces
 *    the archive copy output/2021-01.pdf;
 *  - named in Chinese in the line `build` prints.
 * One canonical form (fixed order, defaults left out) serves all three, so the name, the record and
 * the rebuild cannot disagree.
 */
import type { KinsokuLevel } from '../compose/types.js';
import type { LayoutOptions } from '../paginate/layout.js';
import { DEFAULT_LAYOUT } from '../paginate/layout.js';

/** The byte-changing choices of one build. Absent = the default. */
export interface BuildChoices {
  duplex?: boolean;
  cmyk?: boolean;
  /** false: --no-pdfa. */
  pdfa?: boolean;
  kinsoku?: KinsokuLevel;
  latin?: 'solid' | 'grid';
  hangPunctuation?: boolean;
  /** As the layout takes it: '' for `--marker none`. */
  marker?: string;
}

export const MARKERS = ['➤', '●', '◆', '■', 'none', '（一）', '1.'] as const;
export const KINSOKU_LEVELS = ['basic', 'gb', 'strict'] as const;
export const LATIN_MODELS = ['solid', 'grid'] as const;

/** File-name words for the markers (no symbols in file names). */
const MARKER_WORDS: Record<string, string> = { '➤': 'arrow', '●': 'dot', '◆': 'diamond', '■': 'square', '': 'none', '（一）': 'cn', '1.': 'num' };

/** The choices a compile applies, from its world (layout options, pdfa, cmyk). */
export function choicesOf(world: { layout?: Partial<LayoutOptions>; pdfa?: boolean; cmyk?: boolean }): BuildChoices {
  const l = world.layout ?? {};
  const c: BuildChoices = {};
  if (l.duplex) c.duplex = true;
  if (world.cmyk) c.cmyk = true;
  // A CMYK file is never PDF/A: --no-pdfa beside --cmyk changes nothing.
  else if (world.pdfa === false) c.pdfa = false;
  if (l.kinsoku !== undefined && l.kinsoku !== DEFAULT_LAYOUT.kinsoku) c.kinsoku = l.kinsoku;
  if (l.latin !== undefined && l.latin !== DEFAULT_LAYOUT.latin) c.latin = l.latin;
  if (l.hangPunctuation) c.hangPunctuation = true;
  if (l.marker !== undefined) c.marker = l.marker;
  return c;
}

/** The world options that apply `c` (the inverse of {@link choicesOf}). */
export function worldOf(c: BuildChoices): { layout: Partial<LayoutOptions>; pdfa: boolean; cmyk: boolean } {
  const layout: Partial<LayoutOptions> = {};
  if (c.duplex) layout.duplex = true;
  if (c.kinsoku) layout.kinsoku = c.kinsoku;
  if (c.latin) layout.latin = c.latin;
  if (c.hangPunctuation) layout.hangPunctuation = true;
  if (c.marker !== undefined) layout.marker = c.marker;
  return { layout, pdfa: c.pdfa !== false, cmyk: c.cmyk === true };
}

/** The command-line flags for `c`, in the canonical order: ['--duplex', '--kinsoku', 'gb', …]. */
export function choiceFlags(c: BuildChoices): string[] {
  const f: string[] = [];
  if (c.duplex) f.push('--duplex');
  if (c.cmyk) f.push('--cmyk');
  if (c.pdfa === false && !c.cmyk) f.push('--no-pdfa');
  if (c.kinsoku) f.push('--kinsoku', c.kinsoku);
  if (c.latin) f.push('--latin', c.latin);
  if (c.hangPunctuation) f.push('--hang-punctuation');
  if (c.marker !== undefined) f.push('--marker', c.marker === '' ? 'none' : c.marker);
  return f;
}

/** True when `c` is the default build (the archive copy). */
export function isDefault(c: BuildChoices): boolean {
  return choiceFlags(c).length === 0;
}

/** /Creator and xmp:CreatorTool: "bulletin 1.2.3", or "bulletin 1.2.3 (--duplex --cmyk)". */
export function creatorText(version: string, c: BuildChoices): string {
  const f = choiceFlags(c);
  return f.length ? `bulletin ${version} (${f.join(' ')})` : `bulletin ${version}`;
}

/**
 * Reads a creator written by {@link creatorText}: undefined when it is not one (another program, or
 * a flag this version does not know). Strict: every token must be a known flag with a valid value.
 */
export function parseCreator(text: string | undefined): { version: string; choices: BuildChoices } | undefined {
  const m = /^bulletin (\S+)(?: \((.+)\))?$/.exec(text ?? '');
  if (!m) return undefined;
  const c: BuildChoices = {};
  const t = m[2] ? m[2].split(' ') : [];
  for (let i = 0; i < t.length; i++) {
    const flag = t[i]!;
    const value = (): string | undefined => t[++i];
    if (flag === '--duplex') c.duplex = true;
    else if (flag === '--cmyk') c.cmyk = true;
    else if (flag === '--no-pdfa') c.pdfa = false;
    else if (flag === '--hang-punctuation') c.hangPunctuation = true;
    else if (flag === '--kinsoku') {
      const v = value();
      if (!(KINSOKU_LEVELS as readonly string[]).includes(v ?? '')) return undefined;
      c.kinsoku = v as KinsokuLevel;
    } else if (flag === '--latin') {
      const v = value();
      if (!(LATIN_MODELS as readonly string[]).includes(v ?? '')) return undefined;
      c.latin = v as 'solid' | 'grid';
    } else if (flag === '--marker') {
      const v = value();
      if (!(MARKERS as readonly string[]).includes(v ?? '')) return undefined;
      c.marker = v === 'none' ? '' : v!;
    } else return undefined;
  }
  return { version: m[1]!, choices: c };
}

/** The file-name suffix of a variant: '' for the archive copy, else "-duplex-cmyk" and so on. */
export function variantSuffix(c: BuildChoices): string {
  const w: string[] = [];
  if (c.duplex) w.push('duplex');
  if (c.cmyk) w.push('cmyk');
  if (c.pdfa === false && !c.cmyk) w.push('nopdfa');
  if (c.kinsoku) w.push(`kinsoku-${c.kinsoku}`);
  if (c.latin) w.push(`latin-${c.latin}`);
  if (c.hangPunctuation) w.push('hang');
  if (c.marker !== undefined) w.push(`marker-${MARKER_WORDS[c.marker] ?? 'other'}`);
  return w.map((s) => `-${s}`).join('');
}

/** What the file is, in Chinese, for the output line: “存档版 PDF/A” or “双面印刷版、CMYK 印刷厂版”. */
export function variantLabel(c: BuildChoices): string {
  if (isDefault(c)) return '存档版 PDF/A';
  const w: string[] = [];
  if (c.duplex) w.push('双面印刷版');
  if (c.cmyk) w.push('CMYK 印刷厂版');
  if (c.pdfa === false && !c.cmyk) w.push('普通 PDF 版（非 PDF/A）');
  if (c.kinsoku) w.push(`避头尾 ${c.kinsoku} 级`);
  if (c.latin === 'grid') w.push('数字西文补足整字格');
  else if (c.latin) w.push(`数字西文 ${c.latin}`);
  if (c.hangPunctuation) w.push('标点悬挂');
  if (c.marker !== undefined) w.push(`条目符号 ${c.marker === '' ? '无' : c.marker}`);
  return w.join('、');
}
