import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

// Found by `npm run fuzz -- --clerk`: the placeholder check of `new` read hostile files without the loader's limits.
describe('check and build never crash on hostile files that carry the placeholder mark', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-hostile-'));
  const cases = {
    'deep.yaml': `publication: 请在此填写\n${'- '.repeat(2000)}x\n`,
    'unclosed.yaml': `publication: 请在此填写\nsections: {\n${Array.from({ length: 3000 }, (_, i) => `k${i}: v\n`).join('')}`,
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`${name}: a positioned error, exit 1`, async () => {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      for (const cmd of ['check', 'build']) {
        const r = await runCli([cmd, file, ...(cmd === 'build' ? ['-o', path.join(dir, 'x.pdf')] : [])]);
        expect(r.code).toBe(1);
        expect(r.err).toMatch(new RegExp(`${name.replace('.', '\\.')}:\\d+:\\d+ `));
      }
    });
  }
});
