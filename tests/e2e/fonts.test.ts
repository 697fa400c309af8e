import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSfnt } from '../../src/fonts/sfnt.js';
import { buildNameTable, readTables, windowsNames } from '../fonts/fixtures.js';
import { runCli } from '../helpers/cli.js';
import { flatText, tool } from '../helpers/pdf.js';

const SAMPLE = readFileSync('issues/2021-01.yaml', 'utf8');

function tempIssue(text: string): { dir: string; file: string; pdf: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-fonts-e2e-'));
  const file = path.join(dir, 'issue.yaml');
  writeFileSync(file, text);
  return { dir, file, pdf: path.join(dir, 'issue.pdf') };
}

describe('fonts a clerk can trust', () => {
  it('draws rare name characters, 𠮷 (Extension B) included, with no .notdef and extractable text', async () => {
    const names = '张喆、王堃、李珺、赵昇、钱赟、孙旻、周玥、吉𠮷';
    const { file, pdf } = tempIssue(SAMPLE.replace('支部书记张胜军同志', `支部书记${names}同志`));
    const r = await runCli(['build', file, '-o', pdf]);
    expect(r.code).toBe(0);
    // The fallback is reported, not silent.
    expect(r.err).toMatch(/𠮷/);
    const trace = execFileSync('mutool', ['trace', pdf], { encoding: 'utf8', maxBuffer: 256 << 20 });
    const glyphs = [...trace.matchAll(/<g unicode="([^"]*)" glyph="([^"]*)"/g)];
    expect(glyphs.length).toBeGreaterThan(1000);
    expect(glyphs.filter(([, u, g]) => u?.trim() && (g === "0" || g === ".notdef"))).toEqual([]);
    expect(flatText(pdf)).toContain(names.normalize('NFKC'));
  }, 60_000);

  it('a character no font has is a positioned error and no PDF', async () => {
    const { file, pdf } = tempIssue(SAMPLE.replace('支部书记张胜军同志', '支部书记张\uE123军同志'));
    const r = await runCli(['build', file, '-o', pdf]);
    expect(r.code).toBe(1);
    const line = SAMPLE.split('\n').findIndex((l) => l.includes('张胜军')) + 1;
    expect(r.err).toMatch(new RegExp(`issue\\.yaml:${line}:\\d+ .*U\\+E123`));
    expect(existsSync(pdf)).toBe(false);
  }, 60_000);

  it("an office's 仿宋_GB2312 dropped into the fonts folder takes over the body text", async () => {
    // Make the office font: FandolFang renamed to 仿宋_GB2312 / FangSong_GB2312 in its name table.
    const fontsDir = mkdtempSync(path.join(tmpdir(), 'bulletin-office-fonts-'));
    const { flavor, tables } = readTables(readFileSync('fonts/FandolFang-Regular.otf'));
    const renamed = tables.map((t) =>
      t.tag === 'name' ? { tag: 'name', data: buildNameTable(windowsNames({ family: 'FangSong_GB2312', familyZh: '仿宋_GB2312', postscriptName: 'FangSong_GB2312' })) } : t,
    );
    writeFileSync(path.join(fontsDir, 'office-fangsong.otf'), writeSfnt(flavor, renamed));
    const { file, pdf } = tempIssue(SAMPLE);
    const r = await runCli(['build', file, '-o', pdf, '--fonts', fontsDir]);
    expect(r.code).toBe(0);
    const fonts = tool('pdffonts', [pdf]);
    expect(fonts).toMatch(/[A-Z]{6}\+FangSong_GB2312/);
    expect(fonts).not.toMatch(/FandolFang/);
  }, 60_000);
});
