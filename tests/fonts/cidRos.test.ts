/**
 * A CFF subset is CID-keyed with CID = new glyph id (an identity charset), so its ROS must be
 * Adobe-Identity-0, as the PDF's CIDSystemInfo says. FandolFang and FandolKai are CID-keyed with
 * Adobe-GB1: their subsets used to keep that ROS while their glyphs were renumbered (issue 16 item 8).
 * Read back with fontTools (Debian's python3-fonttools), an independent CFF reader.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadFontSet } from '../../src/fonts/registry.js';

const READ_ROS = `
import io, sys
from fontTools.cffLib import CFFFontSet
for f in sys.argv[1:]:
    c = CFFFontSet()
    c.decompile(io.BytesIO(open(f, 'rb').read()), None)
    t = c.topDictIndex[0]
    identity = all(n == ('.notdef' if i == 0 else 'cid%05d' % i) for i, n in enumerate(t.charset))
    print('%s-%s-%d' % tuple(t.ROS), t.CIDCount, len(t.charset), identity)
`;

describe('CID-keyed CFF subsets', () => {
  test('FandolFang and FandolKai (Adobe-GB1 sources): ROS Adobe-Identity-0, identity charset, CIDCount = glyphs', () => {
    const set = loadFontSet({ fontsDir: 'fonts', only: 'free' });
    const dir = mkdtempSync(path.join(tmpdir(), 'bulletin-ros-'));
    const files: string[] = [];
    const counts: number[] = [];
    for (const role of ['fang', 'kai'] as const) {
      const face = set.chain(role)[0]!;
      expect(face.postscriptName).toMatch(/^Fandol/);
      const glyphs = [0, ...new Set([...'上海市安全生产协会信息动态，（2021年1月）'].map((c) => face.shape(c)[0]!.id))];
      const sub = face.subset(glyphs);
      expect(sub.cff).toBe(true);
      const file = path.join(dir, `${role}.cff`);
      writeFileSync(file, sub.data);
      files.push(file);
      counts.push(glyphs.length);
    }
    const r = spawnSync('/usr/bin/python3', ['-c', READ_ROS, ...files], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual(counts.map((n) => `Adobe-Identity-0 ${n} ${n} True`));
  });
});
