/**
 * The font chains as data: which free fonts ship with the tool, where each comes from, and which
 * names identify an office's own font for each role (FONTS.md, FORMAT.md §2.3).
 */
import type { FontRole } from '../compose/types.js';

/** Keys of the free fonts. */
export type FreeFontKey = 'fandolFang' | 'fandolKai' | 'notoSerifBlack' | 'notoSerif' | 'notoSans' | 'dejavu' | 'lxgw';

/** A free font: committed under fonts/ ('bundled') or taken from an npm package ('package'). */
export interface FreeFont {
  key: FreeFontKey;
  origin: 'bundled' | 'package';
  /** For 'bundled': the file name in the package's fonts/ folder. */
  fileName?: string;
  /** For 'package': the npm package and the file's path inside it. */
  pkg?: string;
  pathInPackage?: string;
  licence: string;
  /** Shown when the file is missing, so an installer knows what to restore. */
  source: string;
}

/** Every free font, in no particular order. */
export const FREE_FONTS: Readonly<Record<FreeFontKey, FreeFont>> = {
  fandolFang: {
    key: 'fandolFang',
    origin: 'bundled',
    fileName: 'FandolFang-Regular.otf',
    licence: 'GPL-3.0 WITH Font-exception-2.0',
    source: 'Debian texlive-lang-chinese 2022.20230122-1（随本工具提交在 fonts/ 中）',
  },
  fandolKai: {
    key: 'fandolKai',
    origin: 'bundled',
    fileName: 'FandolKai-Regular.otf',
    licence: 'GPL-3.0 WITH Font-exception-2.0',
    source: 'Debian texlive-lang-chinese 2022.20230122-1（随本工具提交在 fonts/ 中）',
  },
  notoSerifBlack: {
    key: 'notoSerifBlack',
    origin: 'package',
    pkg: '@expo-google-fonts/noto-serif-sc',
    pathInPackage: '900Black/NotoSerifSC_900Black.ttf',
    licence: 'OFL-1.1',
    source: 'npm @expo-google-fonts/noto-serif-sc',
  },
  notoSerif: {
    key: 'notoSerif',
    origin: 'package',
    pkg: '@expo-google-fonts/noto-serif-sc',
    pathInPackage: '400Regular/NotoSerifSC_400Regular.ttf',
    licence: 'OFL-1.1',
    source: 'npm @expo-google-fonts/noto-serif-sc',
  },
  notoSans: {
    key: 'notoSans',
    origin: 'package',
    pkg: '@expo-google-fonts/noto-sans-sc',
    pathInPackage: '400Regular/NotoSansSC_400Regular.ttf',
    licence: 'OFL-1.1',
    source: 'npm @expo-google-fonts/noto-sans-sc',
  },
  dejavu: {
    key: 'dejavu',
    origin: 'package',
    pkg: 'dejavu-fonts-ttf',
    pathInPackage: 'ttf/DejaVuSans.ttf',
    licence: 'Bitstream-Vera AND LicenseRef-Public-Domain',
    source: 'npm dejavu-fonts-ttf',
  },
  lxgw: {
    key: 'lxgw',
    origin: 'package',
    pkg: '@fontsource/lxgw-wenkai',
    // Despite "latin" in its name this is the complete font (FONTS.md).
    pathInPackage: 'files/lxgw-wenkai-latin-500-normal.woff',
    licence: 'OFL-1.1',
    source: 'npm @fontsource/lxgw-wenkai',
  },
};

/** One role's chain: the names an office font may carry, then the free fonts in order. */
export interface ChainSpec {
  /** Office font names, most preferred first (family, full or PostScript name). */
  aliases: readonly string[];
  free: readonly FreeFontKey[];
}

/**
 * The chains. Aliases from FONTS.md and FORMAT.md §2.3; the _GBK / "…S" 方正 names are added because
 * offices often own the GBK editions under those names. DejaVu Sans closes every text chain so that
 * a symbol typed into body text (➤, ✓, arrows) still has a glyph; it is reached only after the CJK
 * fonts, and preflight reports it as a fallback.
 */
export const CHAINS: Readonly<Record<FontRole, ChainSpec>> = {
  title: {
    aliases: ['方正小标宋简体', '方正小标宋_GBK', 'FZXiaoBiaoSong-B05S', 'FZXiaoBiaoSong-B05'],
    free: ['notoSerifBlack', 'lxgw', 'dejavu'],
  },
  fang: {
    aliases: ['仿宋_GB2312', 'FangSong_GB2312', '仿宋', 'FangSong', '方正仿宋', '方正仿宋_GBK', '方正仿宋简体', 'FZFangSong-Z02', 'FZFangSong-Z02S'],
    free: ['fandolFang', 'notoSerif', 'lxgw', 'dejavu'],
  },
  kai: {
    aliases: ['楷体_GB2312', 'KaiTi_GB2312', '楷体', 'KaiTi', '方正楷体', '方正楷体_GBK', '方正楷体简体', 'FZKai-Z03', 'FZKai-Z03S'],
    free: ['fandolKai', 'lxgw', 'notoSerif', 'dejavu'],
  },
  hei: {
    aliases: ['黑体', 'SimHei', '方正黑体', '方正黑体_GBK', '方正黑体简体', 'FZHei-B01', 'FZHei-B01S'],
    free: ['notoSans', 'lxgw', 'dejavu'],
  },
  song: {
    aliases: ['宋体', 'SimSun', '方正书宋', '方正书宋_GBK', '方正书宋简体', 'FZShuSong-Z01', 'FZShuSong-Z01S'],
    free: ['notoSerif', 'lxgw', 'dejavu'],
  },
  symbol: {
    aliases: [],
    free: ['dejavu', 'notoSans', 'lxgw'],
  },
};

/** Every role, in the order reports list them. */
export const ROLES: readonly FontRole[] = ['title', 'fang', 'kai', 'hei', 'song', 'symbol'];

/** Chinese name of each role, for messages. */
export const ROLE_NAMES: Readonly<Record<FontRole, string>> = {
  title: '小标宋',
  fang: '仿宋',
  kai: '楷体',
  hei: '黑体',
  song: '宋体',
  symbol: '符号',
};

/** Normalises a font name for matching: NFKC, case, spaces, underscores and hyphens ignored. */
export function normaliseFontName(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/[\s_\-‐]+/gu, '');
}
