import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfFacts } from '../../src/archive/extract.js';
import { runCli } from '../helpers/cli.js';

/** The PDF with its streams decompressed (qpdf --qdf), as text. */
function content(pdf: string): string {
  const out = `${pdf}.qdf`;
  execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdf, out]);
  return readFileSync(out).toString('latin1');
}

describe('colours (GB §6.2, FORMAT §2.4)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-colour-'));

  it('default: black as DeviceGray 0 only (never rich black), red as sRGB #FF0000', async () => {
    const pdf = path.join(dir, 'rgb.pdf');
    expect((await runCli(['build', 'issues/2021-01.yaml', '-o', pdf])).code).toBe(0);
    const c = content(pdf);
    expect(c).toMatch(/^0 g$/m);
    expect(c).toMatch(/^1 0 0 rg$/m);
    expect(c).not.toMatch(/^0 0 0 rg$/m);
    expect(c).not.toMatch(/ k$/m);
  });

  it('--cmyk: red as CMYK 0/100/100/0, black still K-only gray, a plain PDF', async () => {
    const pdf = path.join(dir, 'cmyk.pdf');
    expect((await runCli(['build', 'issues/2021-01.yaml', '-o', pdf, '--cmyk'])).code).toBe(0);
    const c = content(pdf);
    expect(c).toMatch(/^0 1 1 0 k$/m);
    expect(c).toMatch(/^0 1 1 0 K$/m);
    expect(c).toMatch(/^0 g$/m);
    expect(c).not.toMatch(/ rg$/m);
    expect(pdfFacts(readFileSync(pdf)).pdfaPart).toBeUndefined();
  });
});
