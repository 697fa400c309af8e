/**
 * The faces a PDF is set in are recorded in its XMP (bulletin:fonts: PostScript name and the SHA-256
 * of the face's table directory), so `verify` says which font a rebuild lacks instead of a bare byte
 * mismatch, and passes again when given the build's --fonts folder. The office font here is DejaVu
 * Sans renamed “SimSun” by fontTools (Debian's python3-fonttools), so it heads the 宋体 role (page
 * numbers); made in a temp folder, never committed.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pdfFacts } from '../../src/archive/extract.js';
import { runCli } from '../helpers/cli.js';
import { SAMPLE, tempDir } from '../cli/fixtures.js';

const DEJAVU = 'node_modules/dejavu-fonts-ttf/ttf/DejaVuSans.ttf';

/** SHA-256 of an sfnt's table directory read straight from the file (tag, checksum, length; sorted). */
function directoryHash(file: string): string {
  const b = readFileSync(file);
  const n = b.readUInt16BE(4);
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = 12 + 16 * i;
    rows.push(`${b.toString('latin1', at, at + 4)} ${b.readUInt32BE(at + 4)} ${b.readUInt32BE(at + 12)}`);
  }
  return createHash('sha256').update(rows.sort().join('\n')).digest('hex');
}

/** DejaVu Sans named SimSun (version string `version`) in `dir`/SimSun.ttf. */
function officeFont(dir: string, version: string): string {
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, 'SimSun.ttf');
  const py = `
import sys
from fontTools.ttLib import TTFont
f = TTFont(sys.argv[1])
for r in f['name'].names:
    if r.nameID in (1, 3, 4, 6, 16): r.string = 'SimSun'
    if r.nameID == 5: r.string = sys.argv[3]
f.save(sys.argv[2])
`;
  const r = spawnSync('/usr/bin/python3', ['-c', py, DEJAVU, out, version], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return out;
}

describe('fonts recorded in the PDF', () => {
  const dir = tempDir('fonts-recorded');
  const office = path.join(dir, 'office');
  const newer = path.join(dir, 'newer');
  const pdf = path.join(dir, '2021-01.pdf');
  let font = '';

  beforeAll(async () => {
    font = officeFont(office, 'Version 1');
    officeFont(newer, 'Version 2');
    const r = await runCli(['build', SAMPLE, '-o', pdf, '--fonts', office]);
    expect(r.code, r.err).toBe(0);
  }, 120_000);

  it('names each face used, with the hash of its table directory as read from the font file itself, and no path', () => {
    const bytes = readFileSync(pdf);
    const fonts = pdfFacts(bytes).fonts!;
    expect(fonts.find((f) => f.postscriptName === 'SimSun')).toEqual({ postscriptName: 'SimSun', fingerprint: directoryHash(font), chains: ['song'], family: 'SimSun' });
    expect(fonts.find((f) => f.postscriptName === 'FandolFang-Regular')).toMatchObject({ family: 'FandolFang', fingerprint: directoryHash('fonts/FandolFang-Regular.otf') });
    expect(bytes.toString('latin1')).not.toContain(office);
  });

  it('verify without the folder says which font is missing; with it, passes', async () => {
    const r = await runCli(['verify', pdf]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`  - 本文件用 SimSun（SimSun，sha256 ${directoryHash(font).slice(0, 8)}…）排版，本机字体目录中没有这个字体：请用 --fonts 指定当初排版用的字体文件夹`);
    expect(r.err).toContain('与重新生成的文件不同');
    const ok = await runCli(['verify', pdf, '--fonts', office]);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
  }, 60_000);

  it('another version of the font under the same name is said as such', async () => {
    const r = await runCli(['verify', pdf, '--fonts', newer]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`字体文件夹 ${newer}中的同名字体是另一个版本（sha256 ${directoryHash(path.join(newer, 'SimSun.ttf')).slice(0, 8)}…，SimSun.ttf）：请用 --fonts 指定当初排版用的字体文件夹`);
  }, 60_000);

  it('a file set before a font was added: verify names the face the rebuild took in its place', async () => {
    const plain = path.join(dir, 'plain.pdf');
    expect((await runCli(['build', SAMPLE, '-o', plain])).code).toBe(0);
    const r = await runCli(['verify', plain, '--fonts', office]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('  - 重新生成时用了 SimSun（SimSun），本文件排版时没有用它（多半是之后放进字体文件夹的）：请用 --fonts 指定当初排版用的字体文件夹');
  }, 60_000);
});
