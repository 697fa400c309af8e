import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tool } from '../helpers/pdf.js';

const HAN = '协会组织专家开展安全生产标准化评审工作会议总结部署推进建设管理';
const han = (n: number, from = 0): string => Array.from({ length: n }, (_, i) => HAN[(i + from) % HAN.length]).join('');

function issueWith(item: string): string {
  return readFileSync('issues/2021-01.yaml', 'utf8').replace(/(\n {6}- )1月25日[^\n]*/, `$1${item}`);
}

describe('build --report and --kinsoku', () => {
  // The first line of an item holds 25 cells after the indent and marker: a 破折号 there would start line 2.
  const item = `${han(25)}——${han(40, 3)}。`;
  const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-report-'));
  const file = path.join(dir, 'dash.yaml');
  writeFileSync(file, issueWith(item));

  it('prints the counts and where rules gave way, with the YAML position', async () => {
    const url = `${han(10)}https://www.example.gov.cn/a/very/long/path/that/cannot/fit/on/one/line/of/twenty-eight/cells/index.html${han(5)}。`;
    const f2 = path.join(dir, 'url.yaml');
    const text = issueWith(url);
    writeFileSync(f2, text);
    const r = await runCli(['build', f2, '-o', path.join(dir, 'url.pdf'), '--report']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/正文 \d+ 行，\d+ 页/);
    expect(r.out).toMatch(/标点挤压 \d+ 处，西文\/数字补白 \d+ 处/);
    const line = text.split('\n').findIndex((l) => l.includes('https://')) + 1;
    expect(r.out).toMatch(new RegExp(`url\\.yaml:${line}:\\d+ .*比一行还宽`));
  }, 60_000);

  it('strict (default) keeps a 破折号 off the line start; gb allows it', async () => {
    const strict = path.join(dir, 'strict.pdf');
    const gb = path.join(dir, 'gb.pdf');
    expect((await runCli(['build', file, '-o', strict])).code).toBe(0);
    expect((await runCli(['build', file, '-o', gb, '--kinsoku', 'gb'])).code).toBe(0);
    const starts = (pdf: string) => tool('pdftotext', ['-f', '1', '-l', '1', '-enc', 'UTF-8', pdf, '-']).split('\n').map((l) => l.trim()).filter((l) => l.startsWith('——'));
    expect(starts(strict)).toEqual([]);
    expect(starts(gb)).toHaveLength(1);
  }, 60_000);

  it('rejects an unknown level as a usage error', async () => {
    expect((await runCli(['build', file, '--kinsoku', 'loose'])).code).toBe(2);
  });
});

describe('build --marker', () => {
  it('draws the chosen marker, none at all with "none", and refuses others', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-marker-'));
    const dot = path.join(dir, 'dot.pdf');
    const none = path.join(dir, 'none.pdf');
    expect((await runCli(['build', 'issues/2021-01.yaml', '-o', dot, '--marker', '●'])).code).toBe(0);
    expect((await runCli(['build', 'issues/2021-01.yaml', '-o', none, '--marker', 'none'])).code).toBe(0);
    const text = (pdf: string) => tool('pdftotext', ['-enc', 'UTF-8', pdf, '-']);
    expect(text(dot).replace(/\s+/g, '')).toContain('●1月25日');
    expect(text(dot)).not.toContain('➤');
    expect(text(none)).not.toMatch(/[➤●]/);
    expect((await runCli(['build', 'issues/2021-01.yaml', '-o', dot, '--marker', '*'])).code).toBe(2);
  }, 60_000);
});
