/** Print hints in the catalog's /ViewerPreferences: actual size always, duplex when built for it. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tool } from '../helpers/pdf.js';
import { SAMPLE, tempDir } from '../cli/fixtures.js';

/** The /ViewerPreferences dictionary of the PDF's catalog, as qpdf reads it. */
function viewerPreferences(pdf: string): Record<string, unknown> {
  const json = JSON.parse(tool('qpdf', ['--json=1', '--json-key=objects', pdf])) as { objects: Record<string, unknown> };
  const catalog = Object.values(json.objects).find((o) => (o as Record<string, unknown>)['/Type'] === '/Catalog') as Record<string, unknown>;
  return catalog['/ViewerPreferences'] as Record<string, unknown>;
}

describe('print hints', () => {
  it('the bulletin: PrintScaling /None; Duplex /DuplexFlipLongEdge only with --duplex', async () => {
    const dir = tempDir('hints');
    const one = path.join(dir, 'one.pdf');
    const two = path.join(dir, 'two.pdf');
    expect((await runCli(['build', SAMPLE, '-o', one])).code).toBe(0);
    expect((await runCli(['build', SAMPLE, '-o', two, '--duplex'])).code).toBe(0);
    expect(viewerPreferences(one)).toEqual({ '/DisplayDocTitle': true, '/PrintScaling': '/None' });
    expect(viewerPreferences(two)).toEqual({ '/DisplayDocTitle': true, '/PrintScaling': '/None', '/Duplex': '/DuplexFlipLongEdge' });
    expect(readFileSync(two).includes('/NumCopies')).toBe(false);
  });

  it('envelopes: one side, tray chosen by page size; labels and register: one side', async () => {
    const dir = tempDir('hints-mail');
    const out = path.join(dir, 'out');
    expect((await runCli(['mail', SAMPLE, '-o', out])).code).toBe(0);
    expect(viewerPreferences(path.join(out, '2021-01-envelopes.pdf'))).toEqual({ '/DisplayDocTitle': true, '/PrintScaling': '/None', '/Duplex': '/Simplex', '/PickTrayByPDFSize': true });
    expect(viewerPreferences(path.join(out, '2021-01-labels.pdf'))).toEqual({ '/DisplayDocTitle': true, '/PrintScaling': '/None', '/Duplex': '/Simplex' });
    expect(viewerPreferences(path.join(out, '2021-01-register.pdf'))).toEqual({ '/DisplayDocTitle': true, '/PrintScaling': '/None', '/Duplex': '/Simplex' });
  });
});
