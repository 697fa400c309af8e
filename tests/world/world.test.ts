/**
 * compile() takes everything from its World: with a World held in memory it builds the sample while
 * node:fs is watched, and touches no file (no read, no stat, no open). The font files sit at paths
 * that do not exist, so a read that slipped past the watch would fail the build as well.
 */
import * as realFs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { objectText } from '../helpers/pdf.js';

const watch = vi.hoisted(() => ({ on: false, calls: [] as string[] }));

/** node:fs with every function recording its calls while `watch.on` is set. */
async function watched(importOriginal: () => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
  const real = await importOriginal();
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(real)) {
    out[k] =
      typeof v === 'function' && /^[a-z]/.test(k)
        ? (...args: unknown[]) => {
            if (watch.on) watch.calls.push(`${k}(${String(args[0])})`);
            return (v as (...a: unknown[]) => unknown)(...args);
          }
        : v;
  }
  return { ...out, default: out };
}
vi.mock('node:fs', watched);
vi.mock('fs', watched);
vi.mock('node:fs/promises', watched);

const { compile } = await import('../../src/index.js');
const { fontSetFromFiles } = await import('../../src/fonts/registry.js');
const { memoryFontFile } = await import('../../src/fonts/file.js');
const { loadWorld } = await import('../../src/world/index.js');
const { FREE_FONTS } = await import('../../src/fonts/catalog.js');

/** The free fonts' bytes, read before watching, served from memory under made-up paths. */
function memoryWorld() {
  const disk = loadWorld({ fontsDir: 'fonts', only: 'free' });
  const free: Record<string, ReturnType<typeof memoryFontFile>> = {};
  for (const face of disk.fonts.faces()) {
    const key = Object.values(FREE_FONTS).find((f) => face.file.endsWith(f.fileName ?? f.pathInPackage!))!.key;
    free[key] = memoryFontFile(path.join('/nonexistent', path.basename(face.file)), realFs.readFileSync(face.file));
  }
  return { fonts: fontSetFromFiles({ free }), srgb: Uint8Array.from(disk.srgb) };
}

describe('World', () => {
  it('compile builds the sample from an in-memory World without touching the file system', async () => {
    const world = memoryWorld();
    const bytes = realFs.readFileSync('issues/2021-01.yaml');
    watch.calls.length = 0;
    watch.on = true;
    let r;
    try {
      r = await compile('issues/2021-01.yaml', bytes, world);
    } finally {
      watch.on = false;
    }
    expect(watch.calls).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const pdf = objectText(r.pdf!);
    expect(pdf.startsWith('%PDF-')).toBe(true);
    // The World's profile is the one embedded for the output intent.
    expect(pdf).toContain('/OutputIntent');
    expect(pdf).toContain('/DestOutputProfile');
    // The fonts came from memory: every face the build opened names a path that does not exist.
    const used = world.fonts.faces().filter((f) => world.fonts.timings().some((t) => t.id === f.id));
    expect(used.length).toBeGreaterThanOrEqual(4);
    for (const f of used) expect(realFs.existsSync(f.file)).toBe(false);
  }, 60_000);

  it('the watch sees a World loaded from disk reading files (the check above can fail)', () => {
    watch.calls.length = 0;
    watch.on = true;
    try {
      loadWorld({ fontsDir: 'fonts', only: 'free' }).fonts.chain('fang')[0]!.has(0x4e00);
    } finally {
      watch.on = false;
    }
    expect(watch.calls.length).toBeGreaterThan(0);
  });
});
