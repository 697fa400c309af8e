#!/usr/bin/env node
// Installs the Debian tools the PDF tests measure with (poppler-utils, mupdf-tools, qpdf, ghostscript) and the
// fonts and oracles the font tests check against (fonts-noto-cjk: CFF with subroutines; AR PL
// UKai/UMing and WenQuanYi Zen Hei/Micro Hei: TrueType collections; python3-fonttools) when they are missing, so `npm test` works on a fresh machine. Fails loudly if
// they cannot be installed. HarfBuzz's hb-shape (libharfbuzz-bin) is the oracle of mark offsets.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const need = { pdfinfo: 'poppler-utils', pdffonts: 'poppler-utils', pdftotext: 'poppler-utils', pdftoppm: 'poppler-utils', mutool: 'mupdf-tools', qpdf: 'qpdf', gs: 'ghostscript', 'hb-shape': 'libharfbuzz-bin' };
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const missing = [...new Set(Object.entries(need).filter(([cmd]) => !has(cmd)).map(([, pkg]) => pkg))];
if (!existsSync('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc')) missing.push('fonts-noto-cjk');
// The font matrix (tests/fonts/matrix.test.ts): TrueType collections an office may drop in.
const FONT_PACKAGES = {
  'fonts-arphic-ukai': '/usr/share/fonts/truetype/arphic/ukai.ttc',
  'fonts-arphic-uming': '/usr/share/fonts/truetype/arphic/uming.ttc',
  'fonts-wqy-zenhei': '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
  'fonts-wqy-microhei': '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
};
for (const [pkg, file] of Object.entries(FONT_PACKAGES)) if (!existsSync(file)) missing.push(pkg);
if (spawnSync('/usr/bin/python3', ['-c', 'import fontTools'], { stdio: 'ignore' }).status !== 0) missing.push('python3-fonttools');
if (missing.length === 0) process.exit(0);

const root = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = !root && has('sudo') ? ['sudo', '-n'] : [];
if (!root && !sudo.length) {
  console.error(`缺少测试所需的工具：${missing.join(' ')}。请运行：sudo apt-get install -y ${missing.join(' ')}`);
  process.exit(1);
}
console.error(`installing ${missing.join(' ')} (apt-get)…`);
const apt = (args) => execFileSync(sudo[0] ?? 'apt-get', [...sudo.slice(1), ...(sudo.length ? ['apt-get'] : []), ...args], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
apt(['update', '-qq']);
apt(['install', '-y', '-qq', '--no-install-recommends', ...missing]);
