/**
 * OpenType shaping as fontkit 2.0.4 does it, for the texts a bulletin prints: the same script and
 * language selection, the same single stage of default features (rvrn ltra ltrm ccmp locl rlig mark
 * mkmk calt clig liga rclt curs kern), the same lookup order, glyph skipping and quirks, so the glyph
 * ids and advances are identical to what fontkit gives (tests/fonts/shaping.test.ts compares them).
 *
 * Tables are read straight from their bytes, lazily, and only the lookups a text reaches are looked
 * at. Offsets are not computed: a text whose glyphs get any (mark attachment, a placement in a value
 * record) is left to fontkit, which gives them. What this port does not cover — AAT morx, variable
 * fonts, right-to-left and complex scripts, combining marks, glyph offsets, fraction slashes,
 * non-Unicode cmaps — is reported as unsupported and the caller falls back to fontkit.
 */
import type { Cmap } from './cmap.js';

/** One shaped glyph: id, advance in font units, and the characters it stands for. */
export interface ShapedGlyph {
  id: number;
  /** Advance after positioning (kerning included), font units. */
  xAdvance: number;
  /** The glyph's own advance (hmtx), font units. */
  advanceWidth: number;
  codePoints: number[];
  /** A positioned mark's offset from the pen, font units (absent when zero; fontkit's path only). */
  xOffset?: number;
  yOffset?: number;
}

/** What the shaper needs from a face. */
export interface LayoutTables {
  cmap: Cmap;
  advance(gid: number): number;
  GSUB?: Uint8Array;
  GPOS?: Uint8Array;
  GDEF?: Uint8Array;
  kern?: Uint8Array;
}

/** Thrown (and caught by the caller) when a text or a font needs what this port leaves to fontkit. */
export class Unsupported extends Error {}

const FEATURES: readonly string[] = ['rvrn', 'ltra', 'ltrm', 'frac', 'numr', 'dnom', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern'];
/** frac, numr and dnom are local (only around U+2044, which we leave to fontkit): never on a glyph. */
const GLOBAL = new Set(FEATURES.filter((f) => f !== 'frac' && f !== 'numr' && f !== 'dnom'));
const DEFAULT_SCRIPTS = ['DFLT', 'dflt', 'latn'];

/** Scripts whose shaping is fontkit's DefaultShaper, left to right, and that we recognise. */
const SCRIPT_TESTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\p{Script=Han}/u, 'hani'],
  [/\p{Script=Latin}/u, 'latn'],
  [/\p{Script=Greek}/u, 'grek'],
  [/\p{Script=Cyrillic}/u, 'cyrl'],
  [/\p{Script=Hiragana}/u, 'hira'],
  [/\p{Script=Katakana}/u, 'kana'],
  [/\p{Script=Bopomofo}/u, 'bopo'],
];
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]/u;
const MARK = /\p{M}/u;

/** fontkit's script detection: the first character of a script other than Common/Inherited/Unknown. */
export function detectScript(text: string): string {
  for (const ch of text) {
    if (NEUTRAL.test(ch)) continue;
    for (const [re, tag] of SCRIPT_TESTS) if (re.test(ch)) return tag;
    throw new Unsupported(`script of U+${ch.codePointAt(0)!.toString(16)}`);
  }
  return 'zzzz';
}

// ------------------------------------------------------------------ table access

const u16 = (b: DataView, o: number): number => b.getUint16(o);
const tagAt = (b: DataView, o: number): string => String.fromCharCode(b.getUint8(o), b.getUint8(o + 1), b.getUint8(o + 2), b.getUint8(o + 3));

/** Coverage and ClassDef tables, unpacked once each. */
class Coverage {
  private readonly glyphs?: Uint16Array;
  private readonly ranges?: Uint16Array; // start, end, startIndex triples
  private readonly sorted: boolean;
  constructor(v: DataView, at: number) {
    const format = u16(v, at);
    let sorted = true;
    if (format === 1) {
      const n = u16(v, at + 2);
      this.glyphs = new Uint16Array(n);
      for (let i = 0; i < n; i++) {
        this.glyphs[i] = u16(v, at + 4 + i * 2);
        if (i > 0 && this.glyphs[i]! <= this.glyphs[i - 1]!) sorted = false;
      }
    } else if (format === 2) {
      const n = u16(v, at + 2);
      this.ranges = new Uint16Array(n * 3);
      for (let i = 0; i < n * 3; i++) this.ranges[i] = u16(v, at + 4 + i * 2);
      for (let i = 1; i < n; i++) if (this.ranges[i * 3]! <= this.ranges[i * 3 - 2]!) sorted = false;
    }
    this.sorted = sorted;
  }
  /** fontkit's coverageIndex: first match, -1 when none. */
  index(g: number): number {
    if (this.glyphs) {
      if (!this.sorted) return this.glyphs.indexOf(g);
      let lo = 0;
      let hi = this.glyphs.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const x = this.glyphs[mid]!;
        if (g < x) hi = mid - 1;
        else if (g > x) lo = mid + 1;
        else return mid;
      }
      return -1;
    }
    const r = this.ranges;
    if (!r) return -1;
    const n = r.length / 3;
    if (!this.sorted) {
      for (let i = 0; i < n; i++) if (r[i * 3]! <= g && g <= r[i * 3 + 1]!) return r[i * 3 + 2]! + g - r[i * 3]!;
      return -1;
    }
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (g < r[mid * 3]!) hi = mid - 1;
      else if (g > r[mid * 3 + 1]!) lo = mid + 1;
      else return r[mid * 3 + 2]! + g - r[mid * 3]!;
    }
    return -1;
  }
}

class ClassDef {
  private start = 0;
  private values?: Uint16Array;
  private ranges?: Uint16Array;
  private sorted = true;
  constructor(v: DataView, at: number) {
    const format = u16(v, at);
    if (format === 1) {
      this.start = u16(v, at + 2);
      const n = u16(v, at + 4);
      this.values = new Uint16Array(n);
      for (let i = 0; i < n; i++) this.values[i] = u16(v, at + 6 + i * 2);
    } else if (format === 2) {
      const n = u16(v, at + 2);
      this.ranges = new Uint16Array(n * 3);
      for (let i = 0; i < n * 3; i++) this.ranges[i] = u16(v, at + 4 + i * 2);
      for (let i = 1; i < n; i++) if (this.ranges[i * 3]! <= this.ranges[i * 3 - 2]!) this.sorted = false;
    }
  }
  /** fontkit's getClassID: 0 when the glyph is not listed. */
  get(g: number): number {
    if (this.values) {
      const i = g - this.start;
      return i >= 0 && i < this.values.length ? this.values[i]! : 0;
    }
    const r = this.ranges;
    if (!r) return 0;
    const n = r.length / 3;
    if (!this.sorted) {
      for (let i = 0; i < n; i++) if (r[i * 3]! <= g && g <= r[i * 3 + 1]!) return r[i * 3 + 2]!;
      return 0;
    }
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (g < r[mid * 3]!) hi = mid - 1;
      else if (g > r[mid * 3 + 1]!) lo = mid + 1;
      else return r[mid * 3 + 2]!;
    }
    return 0;
  }
}

interface Lookup {
  type: number;
  /** Low byte of the lookup flag (rightToLeft 1, ignoreBaseGlyphs 2, ignoreLigatures 4, ignoreMarks 8). */
  flags: number;
  markAttachmentType: number;
  /** Absolute offsets of the subtables, extension subtables resolved (with their own type). */
  subtables: Array<{ type: number; at: number }>;
}

/** GSUB or GPOS: script/feature selection and lazily parsed lookups. */
class OtTable {
  readonly v: DataView;
  private readonly lookups = new Map<number, Lookup>();
  private readonly coverages = new Map<number, Coverage>();
  private readonly classDefs = new Map<number, ClassDef>();
  private readonly scriptList: number;
  private readonly featureList: number;
  private readonly lookupList: number;
  private readonly selections = new Map<string, Map<string, number[]>>();

  constructor(
    data: Uint8Array,
    readonly isGpos: boolean,
  ) {
    this.v = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const major = u16(this.v, 0);
    const minor = u16(this.v, 2);
    if (major !== 1) throw new Unsupported('GSUB/GPOS version');
    // FeatureVariations (minor 1) only matter with font variations, which we leave to fontkit anyway.
    void minor;
    this.scriptList = u16(this.v, 4);
    this.featureList = u16(this.v, 6);
    this.lookupList = u16(this.v, 8);
  }

  /**
   * fontkit's selectScript + the feature lookup table it builds: feature tag → lookup indexes
   * (a tag listed twice keeps the last), for the requested script tag and language.
   */
  features(script: string, language: string): Map<string, number[]> {
    const key = `${script}|${language}`;
    let hit = this.selections.get(key);
    if (hit) return hit;
    const v = this.v;
    const sl = this.scriptList;
    const count = sl ? u16(v, sl) : 0;
    const find = (tags: string[]): number => {
      for (const t of tags) for (let i = 0; i < count; i++) if (tagAt(v, sl + 2 + i * 6) === t) return sl + u16(v, sl + 2 + i * 6 + 4);
      return -1;
    };
    let scriptAt = find([script]);
    if (scriptAt < 0) scriptAt = find(DEFAULT_SCRIPTS);
    hit = new Map();
    if (scriptAt >= 0) {
      const lang = language.length < 4 ? language + ' '.repeat(4 - language.length) : language;
      let langSys = -1;
      const n = u16(v, scriptAt + 2);
      for (let i = 0; i < n; i++) {
        if (tagAt(v, scriptAt + 4 + i * 6) === lang) {
          langSys = scriptAt + u16(v, scriptAt + 4 + i * 6 + 4);
          break;
        }
      }
      if (langSys < 0) {
        const def = u16(v, scriptAt);
        langSys = def ? scriptAt + def : -1;
      }
      if (langSys >= 0) {
        const fl = this.featureList;
        const fc = u16(v, langSys + 4);
        for (let i = 0; i < fc; i++) {
          const fi = u16(v, langSys + 6 + i * 2);
          const rec = fl + 2 + fi * 6;
          const tag = tagAt(v, rec);
          const feat = fl + u16(v, rec + 4);
          const lc = u16(v, feat + 2);
          const idx: number[] = [];
          for (let k = 0; k < lc; k++) idx.push(u16(v, feat + 4 + k * 2));
          hit.set(tag, idx);
        }
      }
    }
    this.selections.set(key, hit);
    return hit;
  }

  lookup(index: number): Lookup {
    let l = this.lookups.get(index);
    if (l) return l;
    const v = this.v;
    const ll = this.lookupList;
    if (index >= u16(v, ll)) throw new Unsupported('lookup index out of range');
    const at = ll + u16(v, ll + 2 + index * 2);
    const type = u16(v, at);
    const flag = u16(v, at + 2);
    const n = u16(v, at + 4);
    const ext = this.isGpos ? 9 : 7;
    const subtables: Lookup['subtables'] = [];
    for (let i = 0; i < n; i++) {
      const sub = at + u16(v, at + 6 + i * 2);
      if (type === ext) subtables.push({ type: u16(v, sub + 2), at: sub + v.getUint32(sub + 4) });
      else subtables.push({ type, at: sub });
    }
    l = { type, flags: flag & 0xff, markAttachmentType: flag >> 8, subtables };
    this.lookups.set(index, l);
    return l;
  }

  coverage(at: number): Coverage {
    let c = this.coverages.get(at);
    if (!c) this.coverages.set(at, (c = new Coverage(this.v, at)));
    return c;
  }

  classDef(at: number): ClassDef {
    let c = this.classDefs.get(at);
    if (!c) this.classDefs.set(at, (c = new ClassDef(this.v, at)));
    return c;
  }
}

// ------------------------------------------------------------------ glyphs in flight

interface Info {
  id: number;
  codePoints: number[];
  /** Features enabled on this glyph (never mutated: shared between glyphs). */
  features: ReadonlySet<string>;
  isMark: boolean;
  isBase: boolean;
  isLigature: boolean;
  markAttachmentType: number;
}

interface Position {
  xAdvance: number;
}

/** fontkit's GlyphIterator. */
class Iterator {
  index = 0;
  flags = 0;
  markAttachmentType = 0;
  constructor(public glyphs: Info[]) {}
  reset(flags: number, markAttachmentType: number, index = 0): void {
    this.flags = flags;
    this.markAttachmentType = markAttachmentType;
    this.index = index;
  }
  get cur(): Info | undefined {
    return this.glyphs[this.index];
  }
  private ignore(g: Info): boolean {
    return (
      (this.flags & 8 && g.isMark) ||
      (this.flags & 2 && g.isBase) ||
      (this.flags & 4 && g.isLigature) ||
      (this.markAttachmentType !== 0 && g.isMark && g.markAttachmentType !== this.markAttachmentType)
    );
  }
  move(dir: number): Info | null {
    this.index += dir;
    while (this.index >= 0 && this.index < this.glyphs.length && this.ignore(this.glyphs[this.index]!)) this.index += dir;
    if (this.index < 0 || this.index >= this.glyphs.length) return null;
    return this.glyphs[this.index]!;
  }
  next(): Info | null {
    return this.move(1);
  }
  increment(count = 1): Info | undefined {
    const dir = count < 0 ? -1 : 1;
    let n = Math.abs(count);
    while (n--) this.move(dir);
    return this.glyphs[this.index];
  }
  peek(count = 1): Info | undefined {
    const i = this.index;
    const r = this.increment(count);
    this.index = i;
    return r;
  }
  peekIndex(count = 1): number {
    const i = this.index;
    this.increment(count);
    const r = this.index;
    this.index = i;
    return r;
  }
}

// ------------------------------------------------------------------ the processors

/** A plan's lookups in the order they apply, with their feature (and whether it is in GLOBAL). */
type OrderedLookup = { feature: string; index: number; global: boolean };
const ORDERED = new WeakMap<Map<string, number[]>, OrderedLookup[]>();

/** The lookups of `features` in lookup-list order, worked out once per plan (not per text shaped). */
function orderedLookups(features: Map<string, number[]>): OrderedLookup[] {
  let lookups = ORDERED.get(features);
  if (!lookups) {
    lookups = [];
    for (const tag of FEATURES) {
      const idx = features.get(tag);
      if (!idx) continue;
      for (const index of idx) lookups.push({ feature: tag, index, global: GLOBAL.has(tag) });
    }
    lookups.sort((a, b) => a.index - b.index);
    ORDERED.set(features, lookups);
  }
  return lookups;
}

class Processor {
  glyphs: Info[] = [];
  positions: Position[] = [];
  it = new Iterator([]);
  currentFeature = '';

  constructor(
    readonly t: OtTable,
    readonly shaper: Shaper,
  ) {}

  applyFeatures(features: Map<string, number[]>, glyphs: Info[], positions: Position[]): void {
    this.glyphs = glyphs;
    this.positions = positions;
    this.it = new Iterator(glyphs);
    for (const { feature, index, global } of orderedLookups(features)) {
      const lookup = this.t.lookup(index);
      this.currentFeature = feature;
      this.it.reset(lookup.flags, lookup.markAttachmentType);
      while (this.it.index < this.glyphs.length) {
        const on = this.it.cur!.features;
        if (on === GLOBAL ? !global : !on.has(feature)) {
          this.it.next();
          continue;
        }
        for (const sub of lookup.subtables) if (this.apply(sub.type, sub.at)) break;
        this.it.next();
      }
    }
  }

  apply(type: number, at: number): boolean {
    return this.t.isGpos ? this.applyGpos(type, at) : this.applyGsub(type, at);
  }

  cov(base: number, rel: number): Coverage {
    return this.t.coverage(base + rel);
  }

  setId(g: Info, id: number): void {
    g.id = id;
    this.shaper.classify(g);
  }

  applyGsub(type: number, at: number): boolean {
    const v = this.t.v;
    const cur = this.it.cur!;
    switch (type) {
      case 1: {
        const index = this.cov(at, u16(v, at + 2)).index(cur.id);
        if (index === -1) return false;
        const format = u16(v, at);
        if (format === 1) this.setId(cur, (cur.id + v.getInt16(at + 4)) & 0xffff);
        else if (format === 2) this.setId(cur, index < u16(v, at + 4) ? u16(v, at + 6 + index * 2) : 0);
        return true;
      }
      case 2: {
        const index = this.cov(at, u16(v, at + 2)).index(cur.id);
        if (index === -1) return false;
        const seq = at + u16(v, at + 6 + index * 2);
        const n = u16(v, seq);
        if (n === 0) {
          this.glyphs.splice(this.it.index, 1);
          return true;
        }
        this.setId(cur, u16(v, seq + 2));
        const extra: Info[] = [];
        for (let i = 1; i < n; i++) {
          const g: Info = { id: 0, codePoints: [], features: cur.features, isMark: false, isBase: false, isLigature: false, markAttachmentType: 0 };
          this.setId(g, u16(v, seq + 2 + i * 2));
          extra.push(g);
        }
        this.glyphs.splice(this.it.index + 1, 0, ...extra);
        return true;
      }
      case 3: {
        const index = this.cov(at, u16(v, at + 2)).index(cur.id);
        if (index === -1) return false;
        const set = at + u16(v, at + 6 + index * 2);
        this.setId(cur, u16(v, set + 2));
        return true;
      }
      case 4: {
        const index = this.cov(at, u16(v, at + 2)).index(cur.id);
        if (index === -1) return false;
        const set = at + u16(v, at + 6 + index * 2);
        const n = u16(v, set);
        for (let i = 0; i < n; i++) {
          const lig = set + u16(v, set + 2 + i * 2);
          const glyph = u16(v, lig);
          const count = u16(v, lig + 2);
          const components: number[] = [];
          for (let k = 1; k < count; k++) components.push(u16(v, lig + 4 + (k - 1) * 2));
          const matched = this.matchIndices(1, components);
          if (!matched) continue;
          const characters = cur.codePoints.slice();
          for (const m of matched) characters.push(...this.glyphs[m]!.codePoints);
          const ligature: Info = { id: 0, codePoints: characters, features: cur.features, isMark: false, isBase: false, isLigature: false, markAttachmentType: 0 };
          this.setId(ligature, glyph);
          for (let k = matched.length - 1; k >= 0; k--) this.glyphs.splice(matched[k]!, 1);
          this.glyphs[this.it.index] = ligature;
          return true;
        }
        return false;
      }
      case 5:
        return this.context(at);
      case 6:
        return this.chainingContext(at);
      default:
        throw new Unsupported(`GSUB lookup type ${type}`);
    }
  }

  applyGpos(type: number, at: number): boolean {
    const v = this.t.v;
    const cur = this.it.cur!;
    switch (type) {
      case 1: {
        const index = this.cov(at, u16(v, at + 2)).index(cur.id);
        if (index === -1) return false;
        const format = u16(v, at);
        const vf = u16(v, at + 4);
        if (format === 1) this.applyValue(0, at + 6, vf, at);
        else if (format === 2) this.applyValue(0, at + 8 + index * valueSize(vf), vf, at);
        return true;
      }
      case 2: {
        const next = this.it.peek();
        if (!next) return false;
        const index = this.cov(at, u16(v, at + 2)).index(cur.id);
        if (index === -1) return false;
        const format = u16(v, at);
        const vf1 = u16(v, at + 4);
        const vf2 = u16(v, at + 6);
        const s1 = valueSize(vf1);
        const s2 = valueSize(vf2);
        if (format === 1) {
          const set = at + u16(v, at + 10 + index * 2);
          const n = u16(v, set);
          const rec = 2 + s1 + s2;
          for (let i = 0; i < n; i++) {
            const r = set + 2 + i * rec;
            if (u16(v, r) === next.id) {
              this.applyValue(0, r + 2, vf1, set);
              this.applyValue(1, r + 2 + s1, vf2, set);
              return true;
            }
          }
          return false;
        }
        if (format === 2) {
          const class1 = this.t.classDef(at + u16(v, at + 8)).get(cur.id);
          const class2 = this.t.classDef(at + u16(v, at + 10)).get(next.id);
          const c1n = u16(v, at + 12);
          const c2n = u16(v, at + 14);
          if (class1 >= c1n || class2 >= c2n) return false;
          const r = at + 16 + (class1 * c2n + class2) * (s1 + s2);
          this.applyValue(0, r, vf1, at);
          this.applyValue(1, r + s1, vf2, at);
          return true;
        }
        return false;
      }
      case 3:
        throw new Unsupported('GPOS cursive attachment');
      case 4:
      case 5:
      case 6:
        // Mark attachment moves a mark from the pen (offsets): left to fontkit, which gives them.
        if (this.cov(at, u16(v, at + 2)).index(cur.id) !== -1) throw new Unsupported('mark attachment');
        return false;
      case 7:
        return this.context(at);
      case 8:
        return this.chainingContext(at);
      default:
        throw new Unsupported(`GPOS lookup type ${type}`);
    }
  }

  applyValue(sequenceIndex: number, at: number, format: number, base: number): void {
    void base;
    const pos = this.positions[this.it.peekIndex(sequenceIndex)];
    if (!pos) return;
    let o = at;
    const v = this.t.v;
    // A placement moves the glyph from the pen: left to fontkit, which gives offsets.
    if (format & 1) {
      if (v.getInt16(o) !== 0) throw new Unsupported('glyph placement');
      o += 2;
    }
    if (format & 2) {
      if (v.getInt16(o) !== 0) throw new Unsupported('glyph placement');
      o += 2;
    }
    if (format & 4) pos.xAdvance += v.getInt16(o);
  }

  // --- contexts (shared by GSUB 5/6 and GPOS 7/8), as fontkit's OTProcessor

  match(sequenceIndex: number, length: number, fn: (k: number, g: Info) => boolean, matched?: number[]): boolean {
    const pos = this.it.index;
    let glyph: Info | null | undefined = this.it.increment(sequenceIndex);
    let idx = 0;
    while (idx < length && glyph && fn(idx, glyph)) {
      if (matched) matched.push(this.it.index);
      idx++;
      glyph = this.it.next();
    }
    this.it.index = pos;
    return idx >= length;
  }

  matchIndices(sequenceIndex: number, components: number[]): number[] | false {
    const matched: number[] = [];
    const ok = this.match(sequenceIndex, components.length, (k, g) => g.features.has(this.currentFeature) && components[k] === g.id, matched);
    return ok ? matched : false;
  }

  glyphSeq(sequenceIndex: number, at: number, count: number): boolean {
    const v = this.t.v;
    return this.match(sequenceIndex, count, (k, g) => u16(v, at + k * 2) === g.id);
  }

  classSeq(sequenceIndex: number, at: number, count: number, cd: ClassDef): boolean {
    const v = this.t.v;
    return this.match(sequenceIndex, count, (k, g) => u16(v, at + k * 2) === cd.get(g.id));
  }

  coverageSeq(sequenceIndex: number, at: number, count: number, base: number): boolean {
    const v = this.t.v;
    return this.match(sequenceIndex, count, (k, g) => this.t.coverage(base + u16(v, at + k * 2)).index(g.id) >= 0);
  }

  applyLookupList(at: number, count: number): boolean {
    const v = this.t.v;
    const flags = this.it.flags;
    const mat = this.it.markAttachmentType;
    const glyphIndex = this.it.index;
    for (let i = 0; i < count; i++) {
      const sequenceIndex = u16(v, at + i * 4);
      const lookupIndex = u16(v, at + i * 4 + 2);
      this.it.reset(flags, mat, glyphIndex);
      this.it.increment(sequenceIndex);
      const lookup = this.t.lookup(lookupIndex);
      this.it.reset(lookup.flags, lookup.markAttachmentType, this.it.index);
      if (!this.it.cur) continue;
      for (const sub of lookup.subtables) if (this.apply(sub.type, sub.at)) break;
    }
    this.it.reset(flags, mat, glyphIndex);
    return true;
  }

  context(at: number): boolean {
    const v = this.t.v;
    const cur = this.it.cur!;
    const format = u16(v, at);
    if (format === 1) {
      const index = this.cov(at, u16(v, at + 2)).index(cur.id);
      if (index === -1) return false;
      if (index >= u16(v, at + 4)) return false;
      const set = at + u16(v, at + 6 + index * 2);
      const n = u16(v, set);
      for (let i = 0; i < n; i++) {
        const rule = set + u16(v, set + 2 + i * 2);
        const glyphCount = u16(v, rule);
        const lookupCount = u16(v, rule + 2);
        if (this.glyphSeq(1, rule + 4, glyphCount - 1)) return this.applyLookupList(rule + 4 + (glyphCount - 1) * 2, lookupCount);
      }
      return false;
    }
    if (format === 2) {
      if (this.cov(at, u16(v, at + 2)).index(cur.id) === -1) return false;
      const cd = this.t.classDef(at + u16(v, at + 4));
      const index = cd.get(cur.id);
      if (index >= u16(v, at + 6)) return false;
      const off = u16(v, at + 8 + index * 2);
      if (!off) return false;
      const set = at + off;
      const n = u16(v, set);
      for (let i = 0; i < n; i++) {
        const rule = set + u16(v, set + 2 + i * 2);
        const glyphCount = u16(v, rule);
        const lookupCount = u16(v, rule + 2);
        if (this.classSeq(1, rule + 4, glyphCount - 1, cd)) return this.applyLookupList(rule + 4 + (glyphCount - 1) * 2, lookupCount);
      }
      return false;
    }
    if (format === 3) {
      const glyphCount = u16(v, at + 2);
      const lookupCount = u16(v, at + 4);
      if (this.coverageSeq(0, at + 6, glyphCount, at)) return this.applyLookupList(at + 6 + glyphCount * 2, lookupCount);
      return false;
    }
    return false;
  }

  chainingContext(at: number): boolean {
    const v = this.t.v;
    const cur = this.it.cur!;
    const format = u16(v, at);
    if (format === 1) {
      const index = this.cov(at, u16(v, at + 2)).index(cur.id);
      if (index === -1) return false;
      if (index >= u16(v, at + 4)) return false;
      const set = at + u16(v, at + 6 + index * 2);
      const n = u16(v, set);
      for (let i = 0; i < n; i++) {
        let p = set + u16(v, set + 2 + i * 2);
        const bt = u16(v, p);
        const btAt = p + 2;
        p = btAt + bt * 2;
        const inputCount = u16(v, p);
        const inAt = p + 2;
        p = inAt + (inputCount - 1) * 2;
        const la = u16(v, p);
        const laAt = p + 2;
        p = laAt + la * 2;
        const lookupCount = u16(v, p);
        // fontkit matches the backtrack array forwards from `-count` (as stored, not reversed).
        if (this.glyphSeq(-bt, btAt, bt) && this.glyphSeq(1, inAt, inputCount - 1) && this.glyphSeq(1 + (inputCount - 1), laAt, la)) {
          return this.applyLookupList(p + 2, lookupCount);
        }
      }
      return false;
    }
    if (format === 2) {
      if (this.cov(at, u16(v, at + 2)).index(cur.id) === -1) return false;
      const btCd = this.t.classDef(at + u16(v, at + 4));
      const inCd = this.t.classDef(at + u16(v, at + 6));
      const laCd = this.t.classDef(at + u16(v, at + 8));
      const index = inCd.get(cur.id);
      if (index >= u16(v, at + 10)) return false;
      const off = u16(v, at + 12 + index * 2);
      if (!off) return false;
      const set = at + off;
      const n = u16(v, set);
      for (let i = 0; i < n; i++) {
        let p = set + u16(v, set + 2 + i * 2);
        const bt = u16(v, p);
        const btAt = p + 2;
        p = btAt + bt * 2;
        const inputCount = u16(v, p);
        const inAt = p + 2;
        p = inAt + (inputCount - 1) * 2;
        const la = u16(v, p);
        const laAt = p + 2;
        p = laAt + la * 2;
        const lookupCount = u16(v, p);
        if (this.classSeq(-bt, btAt, bt, btCd) && this.classSeq(1, inAt, inputCount - 1, inCd) && this.classSeq(1 + (inputCount - 1), laAt, la, laCd)) {
          return this.applyLookupList(p + 2, lookupCount);
        }
      }
      return false;
    }
    if (format === 3) {
      let p = at + 2;
      const bt = u16(v, p);
      const btAt = p + 2;
      p = btAt + bt * 2;
      const inputCount = u16(v, p);
      const inAt = p + 2;
      p = inAt + inputCount * 2;
      const la = u16(v, p);
      const laAt = p + 2;
      p = laAt + la * 2;
      const lookupCount = u16(v, p);
      if (this.coverageSeq(-bt, btAt, bt, at) && this.coverageSeq(0, inAt, inputCount, at) && this.coverageSeq(inputCount, laAt, la, at)) {
        return this.applyLookupList(p + 2, lookupCount);
      }
      return false;
    }
    return false;
  }
}

/** Bytes of a ValueRecord of this format (device offsets count as 2 bytes each). */
function valueSize(format: number): number {
  let n = 0;
  for (let f = format & 0xff; f; f >>= 1) n += f & 1;
  return n * 2;
}

/** What shaping a text in one script and language involves for a face. */
interface Plan {
  gsub?: Map<string, number[]>;
  gpos?: Map<string, number[]>;
  /** The TrueType kern table applies (no GPOS kern feature for this script). */
  legacyKern: boolean;
  /** No lookup and no kerning can apply: each character is its cmap glyph at its hmtx advance. */
  trivial: boolean;
}

/** A face's shaper: lazily parsed GSUB, GPOS, GDEF and kern, and the shaping loop. */
export class Shaper {
  private readonly gsub?: OtTable;
  private readonly gpos?: OtTable;
  private readonly glyphClass?: ClassDef;
  private readonly markClass?: ClassDef;
  private kernPairs?: Array<{ at: number; n: number; override: boolean }> | null;
  private readonly plans = new Map<string, Plan>();
  /** Trivial plans: one shaped glyph per code point, shared (never mutated by callers). */
  private readonly single = new Map<number, ShapedGlyph>();

  constructor(private readonly tables: LayoutTables) {
    if (tables.GSUB) this.gsub = new OtTable(tables.GSUB, false);
    if (tables.GPOS) this.gpos = new OtTable(tables.GPOS, true);
    if (tables.GDEF && tables.GDEF.byteLength >= 12) {
      const v = new DataView(tables.GDEF.buffer, tables.GDEF.byteOffset, tables.GDEF.byteLength);
      const gc = u16(v, 4);
      const mc = u16(v, 10);
      if (gc) this.glyphClass = new ClassDef(v, gc);
      if (gc && mc) this.markClass = new ClassDef(v, mc);
    }
  }

  /** fontkit's GlyphInfo id setter: glyph classes from GDEF, else from the characters. */
  classify(g: Info): void {
    if (this.glyphClass) {
      const c = this.glyphClass.get(g.id);
      g.isBase = c === 1;
      g.isLigature = c === 2;
      g.isMark = c === 3;
      g.markAttachmentType = this.markClass ? this.markClass.get(g.id) : 0;
    } else {
      g.isMark = g.codePoints.length > 0 && g.codePoints.every((cp) => MARK.test(String.fromCodePoint(cp)));
      g.isBase = !g.isMark;
      g.isLigature = g.codePoints.length > 1;
      g.markAttachmentType = 0;
    }
  }

  private plan(script: string, language: string): Plan {
    const key = `${script}|${language}`;
    let p = this.plans.get(key);
    if (!p) {
      const gsub = this.gsub?.features(script, language);
      const gpos = this.gpos?.features(script, language);
      const any = (m: Map<string, number[]> | undefined): boolean => !!m && FEATURES.some((f) => GLOBAL.has(f) && (m.get(f)?.length ?? 0) > 0);
      const legacyKern = !!this.tables.kern && !gpos?.has('kern');
      p = { gsub, gpos, legacyKern, trivial: !any(gsub) && !any(gpos) && !legacyKern };
      this.plans.set(key, p);
    }
    return p;
  }

  /**
   * Shapes `text` as fontkit's font.layout(text, undefined, script, language) does. Throws
   * Unsupported for what is left to fontkit.
   */
  shape(text: string, script: string, language: string): ShapedGlyph[] {
    const plan = this.plan(script, language);
    if (plan.trivial) return this.shapeTrivial(text, plan);
    return this.shapeFull(text, plan);
  }

  /** No lookups apply: cmap and hmtx per character (marks, VS and ignorables as fontkit). */
  private shapeTrivial(text: string, plan: Plan): ShapedGlyph[] {
    const out: ShapedGlyph[] = [];
    const n = text.length;
    for (let i = 0; i < n; ) {
      const cp = text.codePointAt(i)!;
      const len = cp > 0xffff ? 2 : 1;
      const next = i + len < n ? text.codePointAt(i + len)! : -1;
      if (next >= 0 && isVariationSelector(next)) return this.shapeFull(text, plan);
      let g = this.single.get(cp);
      if (!g) {
        if (cp === 0x2044) throw new Unsupported('fraction slash');
        if (isVariationSelector(cp)) return this.shapeFull(text, plan);
        if (MARK.test(String.fromCodePoint(cp))) throw new Unsupported('combining mark');
        const { cmap, advance } = this.tables;
        const codePoints = [cp];
        if (isDefaultIgnorable(cp)) {
          const space = cmap.lookup(0x20);
          g = { id: space, xAdvance: 0, advanceWidth: advance(space), codePoints };
        } else {
          const id = cmap.lookup(cp);
          const info: Info = { id, codePoints, features: GLOBAL, isMark: false, isBase: true, isLigature: false, markAttachmentType: 0 };
          this.classify(info);
          // The default shaper zeroes marks' advances when the face has GSUB or GPOS.
          const zero = info.isMark && (this.gsub !== undefined || this.gpos !== undefined);
          g = { id, xAdvance: zero ? 0 : advance(id), advanceWidth: advance(id), codePoints };
        }
        this.single.set(cp, g);
      }
      out.push(g);
      i += len;
    }
    return out;
  }

  private shapeFull(text: string, plan: Plan): ShapedGlyph[] {
    const { cmap, advance } = this.tables;
    // glyphsForString: code points, variation selectors folded into the glyph before them.
    const glyphs: Info[] = [];
    const cps: number[] = [];
    for (const ch of text) cps.push(ch.codePointAt(0)!);
    for (let i = 0; i < cps.length; i++) {
      const cp = cps[i]!;
      if (cp === 0x2044) throw new Unsupported('fraction slash');
      if (MARK.test(String.fromCodePoint(cp)) && !isVariationSelector(cp)) throw new Unsupported('combining mark');
      const next = cps[i + 1];
      let id: number;
      let codePoints: number[];
      if (isVariationSelector(cp)) {
        // A selector at the start or after another selector: fontkit drops it.
        continue;
      } else if (next !== undefined && isVariationSelector(next)) {
        id = cmap.variation(cp, next) || cmap.lookup(cp);
        codePoints = [cp, next];
        i++;
        // Further selectors right after are dropped as well.
        while (cps[i + 1] !== undefined && isVariationSelector(cps[i + 1]!)) i++;
      } else {
        id = cmap.lookup(cp);
        codePoints = [cp];
      }
      glyphs.push({ id, codePoints, features: GLOBAL, isMark: false, isBase: true, isLigature: false, markAttachmentType: 0 });
    }
    if (glyphs.length === 0) return [];
    for (const g of glyphs) this.classify(g);

    let positioned: Map<string, number[]> | undefined;
    if (this.gsub || this.gpos) {
      const gposFeatures = plan.gpos;
      if (this.gsub && plan.gsub) new Processor(this.gsub, this).applyFeatures(plan.gsub, glyphs, []);
      const positions: Position[] = glyphs.map((g) => ({ xAdvance: advance(g.id) }));
      if (this.gpos && gposFeatures) {
        new Processor(this.gpos, this).applyFeatures(gposFeatures, glyphs, positions);
        positioned = gposFeatures;
      }
      // DefaultShaper: zero the advance of marks after GPOS.
      for (let i = 0; i < glyphs.length; i++) if (glyphs[i]!.isMark) positions[i]!.xAdvance = 0;
      return this.finish(glyphs, positions, positioned);
    }
    const positions: Position[] = glyphs.map((g) => ({ xAdvance: advance(g.id) }));
    return this.finish(glyphs, positions, undefined);
  }

  private finish(glyphs: Info[], positions: Position[], positioned: Map<string, number[]> | undefined): ShapedGlyph[] {
    const { cmap, advance } = this.tables;
    if ((!positioned || !positioned.has('kern')) && this.tables.kern) this.legacyKern(glyphs, positions);
    const out: ShapedGlyph[] = [];
    let space = -1;
    for (let i = 0; i < glyphs.length; i++) {
      const g = glyphs[i]!;
      if (isDefaultIgnorable(g.codePoints[0] ?? -1)) {
        if (space < 0) space = cmap.lookup(0x20);
        out.push({ id: space, xAdvance: 0, advanceWidth: advance(space), codePoints: g.codePoints });
      } else {
        out.push({ id: g.id, xAdvance: positions[i]!.xAdvance, advanceWidth: advance(g.id), codePoints: g.codePoints });
      }
    }
    return out;
  }

  /** The TrueType 'kern' table (version 0, format 0 subtables), as fontkit's KernProcessor. */
  private legacyKern(glyphs: Info[], positions: Position[]): void {
    const t = this.tables.kern!;
    const v = new DataView(t.buffer, t.byteOffset, t.byteLength);
    if (this.kernPairs === undefined) {
      this.kernPairs = null;
      if (u16(v, 0) !== 0) throw new Unsupported('kern table version');
      const n = u16(v, 2);
      const subs: Array<{ at: number; n: number; override: boolean }> = [];
      let at = 4;
      for (let i = 0; i < n; i++) {
        const length = u16(v, at + 2);
        const format = v.getUint8(at + 4);
        const coverage = v.getUint8(at + 5);
        if (format !== 0) throw new Unsupported('kern subtable format');
        const pairs = u16(v, at + 6);
        if (!(coverage & 4) && coverage & 1) subs.push({ at: at + 14, n: pairs, override: (coverage & 8) !== 0 });
        at += length;
      }
      this.kernPairs = subs;
    }
    const subs = this.kernPairs ?? [];
    for (let i = 0; i < glyphs.length - 1; i++) {
      const left = glyphs[i]!.id;
      const right = glyphs[i + 1]!.id;
      let res = 0;
      for (const s of subs) {
        let lo = 0;
        let hi = s.n - 1;
        let val = 0;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const p = s.at + mid * 6;
          const c = left - u16(v, p) || right - u16(v, p + 2);
          if (c < 0) hi = mid - 1;
          else if (c > 0) lo = mid + 1;
          else {
            val = v.getInt16(p + 4);
            break;
          }
        }
        res = s.override ? val : res + val;
      }
      positions[i]!.xAdvance += res;
    }
  }
}

const isVariationSelector = (cp: number): boolean => (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

/** fontkit's isDefaultIgnorable (DerivedCoreProperties, minus U+115F, U+1160, U+3164, U+FFA0). */
export function isDefaultIgnorable(ch: number): boolean {
  const plane = ch >> 16;
  if (plane === 0) {
    switch (ch >> 8) {
      case 0x00:
        return ch === 0x00ad;
      case 0x03:
        return ch === 0x034f;
      case 0x06:
        return ch === 0x061c;
      case 0x17:
        return ch >= 0x17b4 && ch <= 0x17b5;
      case 0x18:
        return ch >= 0x180b && ch <= 0x180e;
      case 0x20:
        return (ch >= 0x200b && ch <= 0x200f) || (ch >= 0x202a && ch <= 0x202e) || (ch >= 0x2060 && ch <= 0x206f);
      case 0xfe:
        return (ch >= 0xfe00 && ch <= 0xfe0f) || ch === 0xfeff;
      case 0xff:
        return ch >= 0xfff0 && ch <= 0xfff8;
      default:
        return false;
    }
  }
  if (plane === 0x01) return (ch >= 0x1bca0 && ch <= 0x1bca3) || (ch >= 0x1d173 && ch <= 0x1d17a);
  if (plane === 0x0e) return ch >= 0xe0000 && ch <= 0xe0fff;
  return false;
}
