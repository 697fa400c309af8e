import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { FontRole } from '../../src/compose/types.js';
import { loadFontSet, splitByFace } from '../../src/fonts/registry.js';
import { readFaceHeaders } from '../../src/fonts/sfnt.js';
import { diskFontFile } from '../../src/world/disk.js';
import { buildTtc, buildWoff, fixtureFont, fixtureTables, tempDir, windowsNames } from './fixtures.js';

const FANG_GB2312 = { family: 'FangSong_GB2312', familyZh: '仿宋_GB2312', postscriptName: 'FangSong_GB2312' };

/** A temp fonts folder holding the given files. */
function folder(files: Record<string, Uint8Array>): string {
  const dir = tempDir();
  for (const [name, data] of Object.entries(files)) writeFileSync(path.join(dir, name), data);
  return dir;
}

describe('free chains', () => {
  const set = loadFontSet({ fontsDir: 'fonts', only: 'free' });

  test('each role resolves to the expected faces, in order', () => {
    const ids = (r: FontRole) => set.chain(r).map((f) => f.id);
    expect(ids('title')).toEqual(['NotoSerifSC-Black', 'LXGWWenKai-Regular', 'DejaVuSans']);
    expect(ids('fang')).toEqual(['FandolFang-Regular', 'NotoSerifSC-Regular', 'LXGWWenKai-Regular', 'DejaVuSans']);
    expect(ids('kai')).toEqual(['FandolKai-Regular', 'LXGWWenKai-Regular', 'NotoSerifSC-Regular', 'DejaVuSans']);
    expect(ids('hei')).toEqual(['NotoSansSC-Regular', 'LXGWWenKai-Regular', 'DejaVuSans']);
    expect(ids('song')).toEqual(['NotoSerifSC-Regular', 'LXGWWenKai-Regular', 'DejaVuSans']);
    expect(ids('symbol')).toEqual(['DejaVuSans', 'NotoSansSC-Regular', 'LXGWWenKai-Regular']);
    expect(set.diagnostics).toEqual([]);
    const fang = set.chain('fang')[0]!;
    expect(fang.origin).toBe('bundled');
    expect(fang.licence).toContain('GPL-3.0');
    expect(set.chain('fang')[2]!.family).toBe('霞鹜文楷');
  });

  test('faces are opened lazily, one at a time', () => {
    const lazy = loadFontSet({ fontsDir: 'fonts', only: 'free' });
    expect(lazy.timings()).toEqual([]);
    expect(lazy.faceFor(0x4e2d, 'fang')?.id).toBe('FandolFang-Regular');
    expect(lazy.timings().map((t) => t.id)).toEqual(['FandolFang-Regular']);
  });

  test('faceFor: 中 → FandolFang, ➤ → DejaVu Sans, 𠮷 → LXGW WenKai (WOFF converted on load)', () => {
    const fresh = loadFontSet({ fontsDir: 'fonts', only: 'free' });
    expect(fresh.faceFor(0x4e2d, 'fang')?.id).toBe('FandolFang-Regular');
    // 𠮷 is in neither FandolFang nor Noto Serif SC: this opens Noto, then converts and opens LXGW.
    const t = performance.now();
    expect(fresh.faceFor(0x20bb7, 'fang')?.id).toBe('LXGWWenKai-Regular');
    const ms = performance.now() - t;
    expect(fresh.faceFor(0x27a4, 'fang')?.id).toBe('DejaVuSans');
    expect(fresh.faceFor(0x27a4, 'symbol')?.id).toBe('DejaVuSans');
    const lxgw = fresh.timings().find((x) => x.id === 'LXGWWenKai-Regular')!;
    console.log(`LXGW WenKai: WOFF→sfnt ${lxgw.convertMs} ms, open ${lxgw.openMs} ms, first glyph ${lxgw.firstGlyphMs} ms (faceFor 𠮷 ${ms.toFixed(1)} ms)`);
    expect(fresh.faceFor(0xe000, 'fang')).toBeUndefined();
  });

  test('open and first-glyph time of every free face (printed)', () => {
    const each = loadFontSet({ fontsDir: 'fonts', only: 'free' });
    for (const f of each.faces()) f.has(0x4e2d);
    for (const t of each.timings()) console.log(`${t.id}: open ${t.openMs} ms (WOFF ${t.convertMs} ms), first glyph ${t.firstGlyphMs} ms`);
    expect(each.timings()).toHaveLength(7);
  });

  test('measure: Fandol digits are half an em; em dash from the song chain is a full em', () => {
    expect(set.measure('2021', 'fang')).toBeCloseTo(2.0, 3);
    expect(set.measure('中文', 'fang')).toBeCloseTo(2.0, 3);
    // Mixed faces: 2 Fandol hanzi + one LXGW hanzi (1 em).
    expect(set.measure('中𠮷文', 'fang')).toBeCloseTo(3.0, 2);
    expect(set.chain('song')[0]!.has(0x2014)).toBe(true);
    expect(set.measure('\u2014', 'song')).toBeCloseTo(1.0, 3);
    expect(set.measure('\u2014\u2014', 'song')).toBeCloseTo(2.0, 3);
    expect(set.measure('\u2014 1 \u2014', 'song') - set.measure(' 1 ', 'song')).toBeCloseTo(2.0, 3);
    // pdfkit draws with font.layout(text, features) on the same object: it must pick the full-em glyph too.
    const noto = set.chain('song')[0]!.font as { layout(t: string, f?: string[]): { positions: Array<{ xAdvance: number }> } };
    expect(noto.layout('\u2014', []).positions[0]!.xAdvance).toBe(1000);
    // Latin keeps its own script (and kerning).
    expect(set.measure('abc', 'song')).toBeCloseTo((557 + 639 + 538) / 1000, 3);
    const fandol = set.chain('fang')[0]!;
    expect(set.advance('2021', fandol)).toBeCloseTo(2.0, 3);
  });

  test('splitByFace gives one run per face', () => {
    const runs = splitByFace(set, '中𠮷文\uE000', 'fang');
    expect(runs.map((r) => [r.text, r.face.id, r.offset, r.missing])).toEqual([
      ['中', 'FandolFang-Regular', 0, false],
      ['𠮷', 'LXGWWenKai-Regular', 1, false],
      ['文', 'FandolFang-Regular', 3, false],
      ['\uE000', 'FandolFang-Regular', 4, true],
    ]);
  });

  test('emBoxAscent from BASE ideo (CJK) or OS/2 typo metrics (DejaVu)', () => {
    expect(set.chain('fang')[0]!.emBoxAscent).toBeCloseTo(0.88, 3);
    expect(set.chain('title')[0]!.emBoxAscent).toBeCloseTo(0.88, 3);
    expect(set.chain('symbol')[0]!.emBoxAscent).toBeCloseTo(1556 / 2048, 3);
  });
});

describe('office fonts', () => {
  test('a font named 仿宋_GB2312 heads the fang chain; free fonts follow', () => {
    const dir = folder({ 'simfang.ttf': fixtureFont({ names: windowsNames(FANG_GB2312) }) });
    const set = loadFontSet({ fontsDir: dir });
    const chain = set.chain('fang');
    expect(chain[0]!.id).toBe('FangSong_GB2312');
    expect(chain[0]!.family).toBe('仿宋_GB2312');
    expect(chain[0]!.origin).toBe('office');
    expect(chain[0]!.file).toBe(path.join(dir, 'simfang.ttf'));
    expect(chain.slice(1).map((f) => f.id)).toEqual(['FandolFang-Regular', 'NotoSerifSC-Regular', 'LXGWWenKai-Regular', 'DejaVuSans']);
    expect(set.faceFor(0x41, 'fang')?.id).toBe('FangSong_GB2312');
    expect(set.faceFor(0x4e2d, 'fang')?.id).toBe('FandolFang-Regular');
    expect(set.chain('kai')[0]!.id).toBe('FandolKai-Regular');
    expect(set.officeFaces).toMatchObject([{ status: 'used', roles: ['fang'], postscriptName: 'FangSong_GB2312' }]);
    expect(set.diagnostics).toEqual([]);
    // The font object is a fontkit face pdfkit can embed.
    expect(typeof (chain[0]!.font as { createSubset?: unknown }).createSubset).toBe('function');
  });

  test('names match ignoring case, spaces and underscores; only the English name is enough', () => {
    const dir = folder({ 'x.ttf': fixtureFont({ names: windowsNames({ family: 'fang song', postscriptName: 'Whatever' }) }) });
    expect(loadFontSet({ fontsDir: dir }).chain('fang')[0]!.id).toBe('Whatever');
  });

  test('a GB2312-encoded (Windows PRC) Chinese name is decoded and matched', () => {
    // 楷体_GB2312 in GBK, packed into 16-bit units as old Windows fonts store it.
    const gbk = [0xbf, 0xac, 0xcc, 0xe5, ...Buffer.from('_GB2312')];
    const packed: number[] = [];
    for (let i = 0; i < gbk.length; ) {
      if (gbk[i]! >= 0x80) {
        packed.push(gbk[i]!, gbk[i + 1]!);
        i += 2;
      } else {
        packed.push(0, gbk[i]!);
        i += 1;
      }
    }
    const names = [
      { platformID: 3, encodingID: 3, languageID: 0x804, nameID: 1, value: Uint8Array.from(packed) },
      { platformID: 3, encodingID: 1, languageID: 0x409, nameID: 6, value: 'OldKai' },
    ];
    const dir = folder({ 'simkai.ttf': fixtureFont({ names }) });
    const set = loadFontSet({ fontsDir: dir });
    expect(set.chain('kai')[0]!.id).toBe('OldKai');
    expect(set.chain('kai')[0]!.family).toBe('楷体_GB2312');
  });

  test('a face whose fsType forbids embedding (0x0002) is refused with a Chinese warning', () => {
    const dir = folder({ 'restricted.ttf': fixtureFont({ names: windowsNames(FANG_GB2312), fsType: 0x0002 }) });
    const set = loadFontSet({ fontsDir: dir });
    expect(set.chain('fang')[0]!.id).toBe('FandolFang-Regular');
    expect(set.chain('fang').some((f) => f.origin === 'office')).toBe(false);
    expect(set.diagnostics).toHaveLength(1);
    const d = set.diagnostics[0]!;
    expect(d.code).toBe('W_FONT_NOT_EMBEDDABLE');
    expect(d.severity).toBe('warning');
    expect(d.span.file).toBe(path.join(dir, 'restricted.ttf'));
    expect(d.message).toContain('仿宋_GB2312');
    expect(d.message).toContain('restricted.ttf');
    expect(d.message).toContain('fsType=0x0002');
    expect(d.message).toContain('禁止嵌入');
    expect(d.message).toContain('仿宋改用 FandolFang');
    expect(set.officeFaces).toMatchObject([{ status: 'refused', roles: ['fang'] }]);
  });

  test('bitmap-only embedding (0x0200) and no-subsetting (0x0100) are refused; 0x0006 (least restrictive wins) is accepted', () => {
    const dir = folder({
      'a.ttf': fixtureFont({ names: windowsNames({ family: 'KaiTi', postscriptName: 'KaiTi' }), fsType: 0x0200 }),
      'b.ttf': fixtureFont({ names: windowsNames({ family: 'SimHei', postscriptName: 'SimHei' }), fsType: 0x0100 }),
      'c.ttf': fixtureFont({ names: windowsNames({ family: 'SimSun', postscriptName: 'SimSun' }), fsType: 0x0006 }),
    });
    const set = loadFontSet({ fontsDir: dir });
    expect(set.diagnostics.map((d) => d.code)).toEqual(['W_FONT_NOT_EMBEDDABLE', 'W_FONT_NOT_EMBEDDABLE']);
    expect(set.diagnostics[0]!.message).toContain('点阵');
    expect(set.diagnostics[1]!.message).toContain('子集');
    expect(set.chain('kai')[0]!.origin).toBe('bundled');
    expect(set.chain('hei')[0]!.origin).toBe('package');
    expect(set.chain('song')[0]!.id).toBe('SimSun');
  });

  test('a face without outlines (no glyf/CFF) is refused', () => {
    const dir = folder({ 'bitmap.ttf': fixtureFont({ names: windowsNames(FANG_GB2312), drop: ['glyf', 'loca'] }) });
    const set = loadFontSet({ fontsDir: dir });
    expect(set.diagnostics.map((d) => d.code)).toEqual(['W_FONT_NO_OUTLINES']);
    expect(set.diagnostics[0]!.message).toContain('没有轮廓');
    expect(set.chain('fang')[0]!.id).toBe('FandolFang-Regular');
  });

  test('every face of a TTC is identified; each becomes a usable fontkit face', () => {
    const ttc = buildTtc([
      fixtureTables({ names: windowsNames({ family: 'KaiTi', familyZh: '楷体', postscriptName: 'KaiTi' }) }),
      fixtureTables({ names: windowsNames({ family: 'SimHei', familyZh: '黑体', postscriptName: 'SimHei' }) }),
    ]);
    const dir = folder({ 'office.ttc': ttc });
    expect(readFaceHeaders(diskFontFile(path.join(dir, 'office.ttc'))).map((h) => h.postscriptName)).toEqual(['KaiTi', 'SimHei']);
    const set = loadFontSet({ fontsDir: dir });
    const kai = set.chain('kai')[0]!;
    const hei = set.chain('hei')[0]!;
    expect([kai.id, kai.family, hei.id, hei.family]).toEqual(['KaiTi', '楷体', 'SimHei', '黑体']);
    expect((kai.font as { postscriptName: string }).postscriptName).toBe('KaiTi');
    expect((hei.font as { postscriptName: string }).postscriptName).toBe('SimHei');
    expect(typeof (hei.font as { createSubset?: unknown }).createSubset).toBe('function');
    expect(set.faceFor(0x41, 'hei')).toBe(hei);
    expect(set.measure('A', 'hei')).toBeCloseTo(1401 / 2048, 3);
  });

  test('a WOFF office font is identified and converted on load', () => {
    const { flavor, tables } = fixtureTables({ names: windowsNames({ family: 'SimSun', familyZh: '宋体', postscriptName: 'SimSun' }) });
    const dir = folder({ 'simsun.woff': buildWoff(flavor, tables) });
    const set = loadFontSet({ fontsDir: dir });
    const song = set.chain('song')[0]!;
    expect(song.id).toBe('SimSun');
    expect(set.faceFor(0x41, 'song')).toBe(song);
    expect(set.timings().find((t) => t.id === 'SimSun')!.convertMs).toBeGreaterThanOrEqual(0);
  });

  test('a font named for no role is only a last-resort fallback, before DejaVu', () => {
    const dir = folder({ 'other.ttf': fixtureFont({ names: windowsNames({ family: 'Some Office Font', postscriptName: 'SomeOfficeFont' }) }) });
    const set = loadFontSet({ fontsDir: dir });
    expect(set.chain('fang').map((f) => f.id)).toEqual(['FandolFang-Regular', 'NotoSerifSC-Regular', 'LXGWWenKai-Regular', 'SomeOfficeFont', 'DejaVuSans']);
    expect(set.chain('symbol').at(-1)!.id).toBe('SomeOfficeFont');
    expect(set.officeFaces).toMatchObject([{ status: 'fallback' }]);
  });

  test('unreadable and WOFF2 files are reported, other files ignored; the Fandol files are not office fonts', () => {
    const dir = folder({
      'broken.ttf': new TextEncoder().encode('not a font at all'),
      'web.woff2': new Uint8Array([0x77, 0x4f, 0x46, 0x32, 0, 0, 0, 0]),
      'README.md': new TextEncoder().encode('# fonts'),
    });
    const set = loadFontSet({ fontsDir: dir });
    expect(set.diagnostics.map((d) => d.code)).toEqual(['W_FONT_UNREADABLE', 'W_FONT_UNSUPPORTED']);
    expect(set.diagnostics[0]!.message).toContain('broken.ttf');
    expect(loadFontSet({ fontsDir: 'fonts' }).officeFaces.filter((o) => /Fandol/.test(o.file))).toEqual([]);
  });

  test('a missing fonts folder is a warning, not a failure', () => {
    const set = loadFontSet({ fontsDir: path.join(tempDir(), 'nope') });
    expect(set.diagnostics.map((d) => d.code)).toEqual(['W_FONTS_DIR_MISSING']);
    expect(set.chain('fang')[0]!.id).toBe('FandolFang-Regular');
  });

  test('listing an office folder reads only name tables: fast even for big fonts', () => {
    const big = fixtureFont({ names: windowsNames(FANG_GB2312) });
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 20; i++) files[`f${i}.ttf`] = big;
    const dir = folder(files);
    const t = performance.now();
    const set = loadFontSet({ fontsDir: dir });
    const ms = performance.now() - t;
    console.log(`loadFontSet with 20 office fonts: ${ms.toFixed(1)} ms`);
    expect(set.timings()).toEqual([]);
    expect(set.officeFaces.filter((o) => o.status === 'duplicate')).toHaveLength(19);
  });
});
