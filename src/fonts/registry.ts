/**
 * The font registry: finds the office's own fonts, builds each role's chain and opens faces lazily,
 * only when a role first needs a glyph from them. A face is read with our own OpenType reader
 * (src/fonts/otf): only the tables a build needs, by positioned reads, never the whole 14 MB file.
 * fontkit is loaded only when a face or a text needs what that reader leaves to it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FontkitCollection, FontkitFont } from 'fontkit';
import type { FontRole } from '../compose/types.js';
import type { Diagnostic } from '../diag.js';
import { CHAINS, FREE_FONTS, ROLES, ROLE_NAMES, normaliseFontName, type FreeFont, type FreeFontKey } from './catalog.js';
import { NON_HAN } from './chars.js';
import { splitByFace } from './runs.js';
import { FaceEngine, type FaceMetrics, type SubsetFont } from './otf/face.js';
import type { ShapedGlyph } from './otf/layout.js';
import { FontSource } from './otf/source.js';
import { FontFormatError, readFaceHeaders, woffToSfnt, type FaceHeader } from './sfnt.js';
import { diskFontFile } from '../world/disk.js';
import type { FontFile } from './file.js';
export { splitByFace, type FaceRun } from './runs.js';
import type { Face, FaceTiming, FontSet, LoadedFontSet, OfficeFace } from './types.js';

/** Options of loadFontSet. */
export interface LoadFontSetOptions {
  /** Folder scanned for the office's own fonts (normally the tool's fonts/ folder). */
  fontsDir: string;
  /** 'free': ignore office fonts and use only the free set (reproducible output, tests). */
  only?: 'free';
  /** Folder holding the committed Fandol files; defaults to the package's own fonts/. */
  bundledDir?: string;
  /**
   * Faces put at the head of the given roles' chains whatever their names say (before the office
   * folder's): how the font matrix (tests/fonts/matrix.test.ts) puts any face in every role.
   */
  faces?: ReadonlyArray<{ file: FontFile; index: number; roles: readonly FontRole[] }>;
}

const OFFICE_EXTENSIONS = new Set(['.ttf', '.otf', '.ttc', '.otc', '.woff']);
const UNSUPPORTED_EXTENSIONS = new Set(['.woff2', '.fon', '.fnt', '.pfb', '.pfa', '.dfont']);

const now = (): number => performance.now();
const round = (ms: number): number => Math.round(ms * 10) / 10;

/** Windows and Mac language ids of Chinese name records. */
const CHINESE_LANGS = new Set([0x0804, 0x0404, 0x0c04, 0x1004, 0x1404]);
const isChineseRecord = (n: { platformID: number; languageID: number }): boolean =>
  (n.platformID === 3 && CHINESE_LANGS.has(n.languageID)) || (n.platformID === 1 && (n.languageID === 19 || n.languageID === 33));

/** Family as the face names itself: typographic family, else legacy family; Chinese (zh-CN first) first. */
function familyOf(h: FaceHeader): string {
  for (const id of [16, 1]) {
    const named = h.names.filter((n) => n.nameID === id && isChineseRecord(n) && n.value.trim());
    const zh = named.find((n) => n.languageID === 0x0804 || n.languageID === 33) ?? named[0];
    if (zh) return zh.value.trim();
  }
  for (const id of [16, 1]) {
    const any = h.names.find((n) => n.nameID === id && n.platformID === 3 && n.value.trim()) ?? h.names.find((n) => n.nameID === id && n.value.trim());
    if (any) return any.value.trim();
  }
  return h.postscriptName || 'unknown';
}

/** Family plus a non-regular style ("Noto Serif SC Black"): how messages name a face. */
export function faceLabel(face: Face): string {
  const style = face.postscriptName.split('-')[1];
  if (!style || /^(regular|r|book|normal|roman)$/i.test(style) || face.family.toLowerCase().endsWith(style.toLowerCase())) return face.family;
  return `${face.family} ${style}`;
}

/**
 * Makes a fontkit face lay out text as Simplified Chinese, as our own reader does (FaceEngine.shape,
 * the same rule): fontkit is the fallback for texts that reader leaves to it. Noto/Source Han map U+2014 to a
 * proportional 0.89 em dash by default; their 'hani'/ZHS locl gives the full-em dash (and joins ——
 * into one 2-em glyph). Runs holding Latin or other letters keep fontkit's script detection, so their
 * kerning still applies.
 */
function layOutAsChinese(font: FontkitFont): void {
  const layout = font.layout.bind(font);
  font.layout = (text, features, script, language) => {
    if (typeof features === 'string' || typeof text !== 'string') return layout(text, features, script, language);
    return layout(text, features, script ?? (NON_HAN.test(text) ? undefined : 'hani'), language ?? 'ZHS');
  };
}

/** fontkit, loaded on first need (importing it costs more than a whole build of the sample). */
let fontkitModule: { create(buffer: Uint8Array): FontkitFont | FontkitCollection } | undefined;
function fontkit(): { create(buffer: Uint8Array): FontkitFont | FontkitCollection } {
  fontkitModule ??= createRequire(import.meta.url)('fontkit') as { create(buffer: Uint8Array): FontkitFont | FontkitCollection };
  return fontkitModule;
}

/** Shares one file buffer between the faces of a TTC and converts WOFF once (fontkit path only). */
class FileCache {
  private readonly buffers = new Map<FontFile, { buf: Uint8Array; convertMs: number }>();
  get(file: FontFile, container: FaceHeader['container']): { buf: Uint8Array; convertMs: number } {
    let hit = this.buffers.get(file);
    if (!hit) {
      const raw = file.read([[0, file.size]])[0]!;
      const t = now();
      const buf = container === 'woff' ? woffToSfnt(raw) : raw;
      hit = { buf, convertMs: container === 'woff' ? now() - t : 0 };
      this.buffers.set(file, hit);
    }
    return hit;
  }
}

/** Subsets each face keeps for reuse (a few issues' worth; each holds its font program). */
const SUBSETS_KEPT = 4;

/** See `Face.fingerprint`: the table directory's tags, checksums and lengths, hashed. */
export function faceFingerprint(header: FaceHeader): string {
  const rows = header.tables.map((t) => `${t.tag} ${t.checksum >>> 0} ${t.length}`).sort();
  return createHash('sha256').update(rows.join('\n')).digest('hex');
}

/** A face whose tables are read on first use. */
class LazyFace implements Face {
  private parsed: FontkitFont | undefined;
  private engineRef: FaceEngine | undefined;
  private ascent: number | undefined;
  private readonly hasCache = new Map<number, boolean>();
  private readonly shapes = new Map<string, readonly ShapedGlyph[]>();
  /** Recent subsets by glyph list, oldest first. */
  private readonly subsets = new Map<string, SubsetFont>();
  /** Set once the face has been opened. */
  timing: FaceTiming | undefined;
  readonly advances = new Map<string, number>();
  readonly file: string;

  constructor(
    readonly id: string,
    readonly family: string,
    readonly postscriptName: string,
    private readonly source: FontFile,
    readonly origin: Face['origin'],
    readonly licence: string,
    private readonly header: FaceHeader,
    private readonly files: FileCache,
  ) {
    this.file = source.path;
  }

  /** See `Face.fingerprint`: worked out on first use, for the faces a PDF records. */
  get fingerprint(): string {
    this.print ??= faceFingerprint(this.header);
    return this.print;
  }
  private print: string | undefined;

  /** Our reader for this face, opened (directory, cmap) on first use. */
  get engine(): FaceEngine {
    return this.engineRef ?? this.openEngine();
  }

  get font(): FontkitFont {
    return this.parsed ?? this.openFontkit();
  }

  get unitsPerEm(): number {
    return this.engine.unitsPerEm;
  }

  get emBoxAscent(): number {
    this.ascent ??= this.engine.emBoxAscent();
    return this.ascent;
  }

  has(cp: number): boolean {
    let v = this.hasCache.get(cp);
    if (v === undefined) {
      const engine = this.engine;
      const lookup = (): boolean => (engine.cmap ? engine.glyph(cp) !== 0 : this.font.hasGlyphForCodePoint(cp));
      if (this.timing && this.timing.firstGlyphMs < 0) {
        const t = now();
        v = lookup();
        this.timing.firstGlyphMs = round(now() - t);
      } else {
        v = lookup();
      }
      this.hasCache.set(cp, v);
    }
    return v;
  }

  shape(text: string): readonly ShapedGlyph[] {
    let hit = this.shapes.get(text);
    if (!hit) {
      hit = this.engine.shape(text) ?? this.shapeWithFontkit(text);
      this.shapes.set(text, hit);
    }
    return hit;
  }

  private shapeWithFontkit(text: string): ShapedGlyph[] {
    const run = this.font.layout(text) as unknown as {
      glyphs: Array<{ id: number; advanceWidth: number; codePoints: number[] }>;
      positions: Array<{ xAdvance: number; xOffset: number; yOffset: number }>;
    };
    return run.glyphs.map((g, i) => {
      const p = run.positions[i]!;
      const out: ShapedGlyph = { id: g.id, xAdvance: p.xAdvance, advanceWidth: g.advanceWidth, codePoints: [...g.codePoints] };
      // Mark attachment (GPOS types 4–6) moves a mark from the pen; only such glyphs carry offsets.
      if (p.xOffset !== 0) out.xOffset = p.xOffset;
      if (p.yOffset !== 0) out.yOffset = p.yOffset;
      return out;
    });
  }

  metrics(): FaceMetrics {
    return this.engine.metrics();
  }

  get widenable(): boolean {
    return this.engine.supported && this.engine.outlines === 'glyf';
  }

  subset(glyphs: readonly number[], widen?: readonly number[]): SubsetFont {
    // A batch of one publication's issues embeds the same masthead, heading and symbol glyphs every
    // time: the same subset object comes back, and the PDF writer reuses its compressed bytes.
    const wide = widen?.some((w) => w !== 0) ? widen : undefined;
    const key = wide ? `${glyphs.join(',')}+${wide.join(',')}` : glyphs.join(',');
    const hit = this.subsets.get(key);
    if (hit) return hit;
    const made = this.makeSubset(glyphs, wide);
    if (this.subsets.size >= SUBSETS_KEPT) this.subsets.delete(this.subsets.keys().next().value!);
    this.subsets.set(key, made);
    return made;
  }

  private makeSubset(glyphs: readonly number[], widen?: readonly number[]): SubsetFont {
    const own = this.engine.supported ? this.engine.subset(glyphs, widen) : undefined;
    if (own) return own;
    if (widen) throw new Error(`render: ${this.id} cannot widen glyph advances`);
    const sub = (this.font.createSubset() as { includeGlyph(g: number): number; encode(): Uint8Array; cff?: unknown });
    for (const g of glyphs) sub.includeGlyph(g);
    return { data: sub.encode(), cff: sub.cff != null };
  }

  glyphExtent(cp: number): { yMin: number; yMax: number } | undefined {
    const engine = this.engine;
    const gid = engine.cmap ? engine.glyph(cp) : undefined;
    if (gid !== undefined && engine.outlines === 'glyf') return engine.glyphBox(gid);
    const bb = (this.font.glyphForCodePoint(cp) as unknown as { bbox: { minY: number; maxY: number } }).bbox;
    return Number.isFinite(bb.minY) && Number.isFinite(bb.maxY) ? { yMin: bb.minY, yMax: bb.maxY } : undefined;
  }

  private openEngine(): FaceEngine {
    const t0 = now();
    let engine: FaceEngine;
    try {
      engine = new FaceEngine(new FontSource(this.source, this.header.tables));
      void engine.cmap;
      void engine.unitsPerEm;
    } catch (e) {
      throw new Error(`无法打开字体文件 ${this.file}：${(e as Error).message}`);
    }
    this.engineRef = engine;
    this.timing ??= { id: this.id, convertMs: 0, openMs: round(now() - t0), firstGlyphMs: -1 };
    return engine;
  }

  private openFontkit(): FontkitFont {
    const t0 = now();
    let font: FontkitFont | undefined;
    let convertMs = 0;
    try {
      const got = this.files.get(this.source, this.header.container);
      convertMs = got.convertMs;
      const made = fontkit().create(got.buf);
      font = 'fonts' in made ? (made as FontkitCollection).fonts[this.header.index] : made;
    } catch (e) {
      throw new Error(`无法打开字体文件 ${this.file}：${(e as Error).message}`);
    }
    if (!font) throw new Error(`字体文件 ${this.file} 中没有第 ${this.header.index + 1} 个字体`);
    layOutAsChinese(font);
    this.parsed = font;
    const openMs = round(now() - t0);
    if (this.timing) {
      this.timing.convertMs = round(convertMs);
      this.timing.openMs = round(this.timing.openMs + openMs);
    } else this.timing = { id: this.id, convertMs: round(convertMs), openMs, firstGlyphMs: -1 };
    return font;
  }
}

/** The tool's own fonts/ folder: the free Fandol files, and where an office drops its fonts. */
export function defaultFontsDir(): string {
  return path.join(packageRoot(), 'fonts');
}

/** The package root: the nearest folder above this module holding a package.json. */
function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return (root = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error('找不到本工具的 package.json');
    dir = up;
  }
}
let root: string | undefined;

const require = createRequire(import.meta.url);

function freeFontPath(f: FreeFont, bundledDir: string): string {
  if (f.origin === 'bundled') return path.join(bundledDir, f.fileName!);
  // Our own node_modules first: resolving five packages through Node's resolver took a few ms of
  // every start. Elsewhere (a hoisted install) the resolver finds them.
  const own = path.join(packageRoot(), 'node_modules', f.pkg!, f.pathInPackage!);
  if (existsSync(own)) return own;
  return path.join(path.dirname(require.resolve(`${f.pkg}/package.json`)), f.pathInPackage!);
}

const fileSpan = (file: string) => ({ file, line: 1, column: 1, offset: -1 });

function warning(code: string, file: string, message: string, hint?: string): Diagnostic {
  return { severity: 'warning', code, span: fileSpan(file), field: '', message, ...(hint ? { hint } : {}) };
}

/** Why a face may not be embedded, or undefined when it may (OS/2 fsType, outline tables). */
export function embeddingRefusal(h: Pick<FaceHeader, 'fsType' | 'outlines'>): { code: string; reason: string } | undefined {
  const fs = h.fsType ?? 0;
  const hex = '0x' + fs.toString(16).toUpperCase().padStart(4, '0');
  // Bits 2 and 3 grant more than bit 1; old fonts set several and the least restrictive applies.
  if (fs & 0x0002 && !(fs & 0x000c)) {
    return { code: 'W_FONT_NOT_EMBEDDABLE', reason: `字体授权标志（OS/2 fsType=${hex}）为“受限授权”，禁止嵌入 PDF` };
  }
  if (fs & 0x0200) {
    return { code: 'W_FONT_NOT_EMBEDDABLE', reason: `字体授权标志（OS/2 fsType=${hex}）只允许嵌入点阵，不能嵌入轮廓字形` };
  }
  if (fs & 0x0100) {
    return { code: 'W_FONT_NOT_EMBEDDABLE', reason: `字体授权标志（OS/2 fsType=${hex}）禁止子集嵌入，而本工具只能嵌入子集` };
  }
  if (h.outlines === null) return { code: 'W_FONT_NO_OUTLINES', reason: '字体没有轮廓字形（没有 glyf/CFF 表，是点阵字体），无法嵌入 PDF' };
  if (h.outlines === 'CFF2') return { code: 'W_FONT_NO_OUTLINES', reason: '字体是 CFF2 可变字体，本工具不能嵌入这种字体' };
  return undefined;
}

/** Alias rank of a face in each role it matches (lower is preferred). */
function matchRoles(h: FaceHeader): Map<FontRole, number> {
  const names = new Set([...h.familyNames, ...h.fullNames, h.postscriptName].filter(Boolean).map(normaliseFontName));
  const out = new Map<FontRole, number>();
  for (const role of ROLES) {
    const rank = CHAINS[role].aliases.findIndex((a) => names.has(normaliseFontName(a)));
    if (rank >= 0) out.set(role, rank);
  }
  return out;
}

/** Italic, oblique or bold by fsSelection (weight class is not used: 黑体 and 小标宋 are heavy by design). */
const isStyled = (h: FaceHeader): boolean => (h.fsSelection & 0x0221) !== 0;

/**
 * Loads the font set from disk: scans `fontsDir` for office fonts (name tables only), resolves the
 * free fonts, and returns the chains (see {@link fontSetFromFiles}). Refused and unreadable office
 * fonts become warnings in `diagnostics`; they are never used.
 */
export function loadFontSet(opts: LoadFontSetOptions): LoadedFontSet {
  const fontsDir = path.resolve(opts.fontsDir);
  const bundledDir = path.resolve(opts.bundledDir ?? path.join(packageRoot(), 'fonts'));
  const diagnostics: Diagnostic[] = [];
  const free: FreeFile[] = [];
  for (const f of Object.values(FREE_FONTS)) {
    let file: string;
    try {
      file = freeFontPath(f, bundledDir);
    } catch {
      diagnostics.push(warning('W_FONT_MISSING', f.pkg ?? f.key, `免费字体包 ${f.pkg} 未安装，相关字体链将缺少此字体`, '请运行 npm install 重新安装依赖'));
      continue;
    }
    try {
      free.push({ key: f.key, file: diskFontFile(file) });
    } catch {
      free.push({ key: f.key, file: file, error: '文件不存在或无法读取' });
    }
  }
  let office: OfficeFile[] | undefined;
  if (opts.only !== 'free') {
    const entries = existsSync(fontsDir) && statSync(fontsDir).isDirectory() ? readdirSync(fontsDir).sort() : undefined;
    if (!entries) diagnostics.push(warning('W_FONTS_DIR_MISSING', fontsDir, `字体文件夹 ${fontsDir} 不存在，本次只用随附的免费字体`, '如有单位自己的字体，请放进该文件夹，或用 --fonts 指定字体文件夹'));
    const bundledNames = new Set(
      Object.values(FREE_FONTS)
        .filter((f) => f.origin === 'bundled')
        .map((f) => f.fileName!.toLowerCase()),
    );
    office = [];
    for (const name of entries ?? []) {
      const file = path.join(fontsDir, name);
      const ext = path.extname(name).toLowerCase();
      if (bundledNames.has(name.toLowerCase())) continue;
      if (!OFFICE_EXTENSIONS.has(ext) && !UNSUPPORTED_EXTENSIONS.has(ext)) continue;
      try {
        if (!statSync(file).isFile()) continue;
        office.push({ name, file: diskFontFile(file) });
      } catch (e) {
        office.push({ name, file, error: (e as Error).message });
      }
    }
  }
  const given: OfficeFile[] = (opts.faces ?? []).map((f) => ({ name: path.basename(f.file.path), file: f.file, index: f.index, roles: f.roles }));
  return buildFontSet(free, given.length ? [...given, ...(office ?? [])] : office, diagnostics);
}

/** A free font's file, or why it could not be opened. */
interface FreeFile {
  key: FreeFontKey;
  file: FontFile | string;
  error?: string;
}

/** A file of the office folder (`name` as listed), or why it could not be opened. */
interface OfficeFile {
  name: string;
  file: FontFile | string;
  error?: string;
  /** Only this face of a collection, in these roles (rank 0), whatever its names. */
  index?: number;
  roles?: readonly FontRole[];
}

/**
 * A font set from font files already at hand (a World built in memory): the free fonts by key and
 * the office's own files, as loadFontSet would find them in the fonts folder. Reads only through
 * the {@link FontFile}s.
 */
export function fontSetFromFiles(files: { free: Partial<Record<FreeFontKey, FontFile>>; office?: readonly FontFile[] }): LoadedFontSet {
  const free: FreeFile[] = Object.values(FREE_FONTS).flatMap((f) => (files.free[f.key] ? [{ key: f.key, file: files.free[f.key]! }] : []));
  const office = files.office?.map((file) => ({ name: file.path.split(/[\\/]/).pop()!, file }));
  return buildFontSet(free, office, []);
}

/** The chains over the free fonts and the office's files (undefined: free fonts only). */
function buildFontSet(freeFiles: readonly FreeFile[], officeFiles: readonly OfficeFile[] | undefined, diagnostics: Diagnostic[]): LoadedFontSet {
  const officeFaces: OfficeFace[] = [];
  const files = new FileCache();
  const ids = new Set<string>();
  const uniqueId = (base: string): string => {
    let id = base;
    for (let i = 2; ids.has(id); i++) id = `${base}#${i}`;
    ids.add(id);
    return id;
  };

  // Free fonts first, so their ids are stable whatever the office folder holds.
  const free = new Map<FreeFontKey, LazyFace>();
  for (const { key, file, error } of freeFiles) {
    const f = FREE_FONTS[key];
    const where = typeof file === 'string' ? file : file.path;
    try {
      if (typeof file === 'string') throw new Error(error);
      const h = readFaceHeaders(file)[0]!;
      free.set(f.key, new LazyFace(uniqueId(h.postscriptName || f.key), familyOf(h), h.postscriptName, file, f.origin, f.licence, h, files));
    } catch (e) {
      const why = e instanceof FontFormatError ? e.message : '文件不存在或无法读取';
      diagnostics.push(warning('W_FONT_MISSING', where, `随附的免费字体无法使用（${why}），相关字体链将缺少此字体`, `来源：${f.source}；请恢复此文件`));
    }
  }

  const office = new Map<FontRole, Array<{ face: LazyFace; rank: number; order: number }>>();
  const extras: LazyFace[] = [];
  if (officeFiles) {
    const seenPs = new Set<string>();
    let order = 0;
    for (const { name, file: source, error, index, roles: given } of officeFiles) {
      const file = typeof source === 'string' ? source : source.path;
      const ext = path.extname(name).toLowerCase();
      if (UNSUPPORTED_EXTENSIONS.has(ext)) {
        diagnostics.push(warning('W_FONT_UNSUPPORTED', file, `字体文件 ${name} 的格式（${ext}）不受支持，未使用`, '请改用 TTF、OTF 或 TTC 格式的字体文件'));
        continue;
      }
      if (!OFFICE_EXTENSIONS.has(ext)) continue;
      let headers: FaceHeader[];
      try {
        if (typeof source === 'string') throw new Error(error);
        headers = readFaceHeaders(source);
      } catch (e) {
        const why = e instanceof FontFormatError ? e.message : (e as Error).message;
        diagnostics.push(warning('W_FONT_UNREADABLE', file, `字体文件 ${name} 无法读取，未使用：${why}`, '文件可能已损坏，请重新复制一份'));
        continue;
      }
      for (const h of index === undefined ? headers : headers.filter((x) => x.index === index)) {
        const names = [...new Set([...h.familyNames, ...h.fullNames])];
        const base = { file, index: h.index, postscriptName: h.postscriptName, names };
        const matched = given ? new Map(given.map((r) => [r, -1])) : matchRoles(h);
        const roles = [...matched.keys()];
        const refusal = embeddingRefusal(h);
        if (matched.size === 0) {
          // Not named for any role: usable only as a last resort for characters the free fonts lack.
          if (refusal) officeFaces.push({ ...base, status: 'refused', roles: [], reason: refusal.reason });
          else if (isStyled(h)) officeFaces.push({ ...base, status: 'unmatched', roles: [], reason: '粗体或斜体字形，不用作后备字体' });
          else if (seenPs.has(h.postscriptName || `${file}#${h.index}`)) officeFaces.push({ ...base, status: 'duplicate', roles: [], reason: '与已使用的字体同名（重复的文件）' });
          else {
            seenPs.add(h.postscriptName || `${file}#${h.index}`);
            extras.push(new LazyFace(uniqueId(h.postscriptName || `${path.basename(name, ext)}-${h.index}`), familyOf(h), h.postscriptName, source, 'office', 'unknown', h, files));
            officeFaces.push({ ...base, status: 'fallback', roles: [], reason: '名称不是任何角色（小标宋、仿宋、楷体、黑体、宋体）的字体名，只作后备：免费字体都缺的字才用它' });
          }
          continue;
        }
        if (refusal) {
          const label = familyOf(h);
          const instead = roles.map((r) => `${ROLE_NAMES[r]}改用 ${free.get(CHAINS[r].free[0]!)?.family ?? '后备字体'}`).join('，');
          officeFaces.push({ ...base, status: 'refused', roles, reason: refusal.reason });
          diagnostics.push(
            warning(
              refusal.code,
              file,
              `字体「${label}」（文件 ${name}${h.collection ? ` 中的第 ${h.index + 1} 个字体` : ''}）不能使用：${refusal.reason}。本次${instead}`,
              '请向字体厂商取得允许嵌入的版本；或把此文件移出 fonts/ 文件夹以消除本警告',
            ),
          );
          continue;
        }
        if (isStyled(h) && !roles.includes('title')) {
          officeFaces.push({ ...base, status: 'unmatched', roles: [], reason: '粗体或斜体字形，不用作正文字体' });
          continue;
        }
        const psKey = h.postscriptName || `${file}#${h.index}`;
        if (seenPs.has(psKey)) {
          officeFaces.push({ ...base, status: 'duplicate', roles, reason: '与已使用的字体同名（重复的文件）' });
          continue;
        }
        seenPs.add(psKey);
        const face = new LazyFace(uniqueId(h.postscriptName || `${path.basename(name, ext)}-${h.index}`), familyOf(h), h.postscriptName, source, 'office', 'unknown', h, files);
        officeFaces.push({ ...base, status: 'used', roles });
        for (const [role, rank] of matched) {
          const list = office.get(role) ?? [];
          list.push({ face, rank, order: order++ });
          office.set(role, list);
        }
      }
    }
  }

  const chains = new Map<FontRole, readonly LazyFace[]>();
  for (const role of ROLES) {
    const own = (office.get(role) ?? []).sort((a, b) => a.rank - b.rank || a.order - b.order).map((x) => x.face);
    const freeFaces = CHAINS[role].free.map((k) => free.get(k)).filter((f): f is LazyFace => f !== undefined);
    // Office fallbacks go after the free CJK fonts but before DejaVu, the symbol last resort.
    const dejavu = free.get('dejavu');
    const tail = role !== 'symbol' && dejavu && freeFaces.at(-1) === dejavu ? 1 : 0;
    chains.set(role, Object.freeze([...own, ...freeFaces.slice(0, freeFaces.length - tail), ...extras, ...freeFaces.slice(freeFaces.length - tail)]));
  }
  const allFaces = Object.freeze([...new Set([...chains.values()].flat())]);

  const faceForCache = new Map<FontRole, Map<number, LazyFace | null>>(ROLES.map((r) => [r, new Map()]));
  const chain = (role: FontRole): readonly LazyFace[] => chains.get(role) ?? [];

  const faceFor = (cp: number, role: FontRole): LazyFace | undefined => {
    const cache = faceForCache.get(role)!;
    let hit = cache.get(cp);
    if (hit === undefined) {
      hit = chain(role).find((f) => f.has(cp)) ?? null;
      cache.set(cp, hit);
    }
    return hit ?? undefined;
  };

  const advance = (text: string, face: Face): number => {
    const lazy = face instanceof LazyFace ? face : undefined;
    const cached = lazy?.advances.get(text);
    if (cached !== undefined) return cached;
    let units = 0;
    for (const g of face.shape(text)) units += g.xAdvance;
    const em = units / face.unitsPerEm;
    lazy?.advances.set(text, em);
    return em;
  };

  const measured = new Map<FontRole, Map<string, number>>(ROLES.map((r) => [r, new Map()]));
  const set: LoadedFontSet = {
    diagnostics,
    officeFaces,
    chain,
    faceFor,
    advance,
    measure(text: string, role: FontRole): number {
      // Latin words, numbers and spaces recur from paragraph to paragraph and issue to issue.
      const byText = measured.get(role)!;
      let em = byText.get(text);
      if (em === undefined) {
        em = 0;
        for (const run of splitByFace(set, text, role)) em += advance(run.text, run.face);
        byText.set(text, em);
      }
      return em;
    },
    faces: () => allFaces,
    timings: () => allFaces.flatMap((f) => (f.timing ? [f.timing] : [])),
  };
  return set;
}
