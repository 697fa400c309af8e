#!/usr/bin/env node
/**
 * Part of `npm run build` / `npm install` (after tsc): bundles src/bundle.ts into one CommonJS file,
 * dist/bundle/bulletin.cjs, and makes its V8 code cache, dist/bundle/bulletin.cache, by building
 * and checking the sample issue once in a child process (the cache then holds the functions they
 * compile).
 * bin/load.js loads both. Also writes dist/bundle/worker.js, the batch worker's entry, and
 * dist/bundle/THIRD-PARTY-LICENSES.txt, the licences of the packages bundled.
 *
 *   node scripts/bundle.mjs          bundle, then train the cache
 *   node scripts/bundle.mjs --train  (child) build the sample with the bundle and write the cache
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'dist', 'bundle');

/**
 * commander requires child_process (and with it net, dgram and streams) at start-up, only to run
 * external subcommands, which bulletin has none of: it gets a stand-in that loads it on first use.
 */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'lazy' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = new Proxy({}, { get: (_, key) => require('node:child_process')[key] });",
      loader: 'js',
    }));
  },
};

async function bundle() {
  const esbuild = await import('esbuild');
  // A failed run must not leave an older bundle for bin/ to run instead of the fresh dist/.
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const built = await esbuild.build({
    entryPoints: [path.join(root, 'src', 'bundle.ts')],
    outfile: path.join(outDir, 'bulletin.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // The bundle sits two folders below the package root, as dist/*/*.js do, so the modules'
    // `new URL('../../schema/…', import.meta.url)` and package-root lookups stay right.
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: 'var __bundleUrl = require("node:url").pathToFileURL(__filename).href;' },
    // Loaded only when our own font reader cannot handle a font, or by a test: not bundled.
    external: ['fontkit'],
    legalComments: 'none',
    plugins: [lazyChildProcess],
    // vm.Script (bin/load.js) has no import() callback: every import() becomes a require().
    supported: { 'dynamic-import': false },
    logLevel: 'warning',
    metafile: true,
  });
  writeFileSync(path.join(outDir, 'THIRD-PARTY-LICENSES.txt'), licences(Object.keys(built.metafile.inputs)));
  const file = path.join(outDir, 'bulletin.cjs');
  const code = readFileSync(file, 'utf8');
  writeFileSync(`${file}.tmp`, `${code}//# bulletin-bundle-id ${createHash('sha1').update(code).digest('hex')}\n`);
  renameSync(`${file}.tmp`, file);
  writeFileSync(
    path.join(outDir, 'worker.js'),
    "// Batch worker entry for the bundle (written by scripts/bundle.mjs).\nimport load from '../../bin/load.js';\n\nload.loadBundle().exports.serveBatch();\n",
  );
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--train'], { stdio: 'inherit' });
}

/** The licence texts of the npm packages whose code the bundle holds (their notices must travel with it). */
function licences(inputs) {
  const pkgs = new Set();
  for (const input of inputs) {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) pkgs.add(m[1]);
  }
  const parts = ['Code from these packages is bundled into bulletin.cjs. Their licences follow.\n'];
  for (const pkg of [...pkgs].sort()) {
    const dir = path.join(root, 'node_modules', pkg);
    const meta = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    if (!file) throw new Error(`bundle: ${pkg} has no licence file to ship with the bundle`);
    parts.push(`${'='.repeat(78)}\n${pkg}@${meta.version} (${meta.license})\n${'='.repeat(78)}\n${readFileSync(path.join(dir, file), 'utf8').trim()}\n`);
  }
  return parts.join('\n');
}

async function train() {
  const { loadBundle, bundleId, cacheHeader, BUNDLE, CACHE } = createRequire(import.meta.url)(path.join(root, 'bin', 'load.js'));
  rmSync(CACHE, { force: true });
  const loaded = loadBundle();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'bulletin-train-'));
  try {
    const quiet = { out: () => {}, err: () => {}, isTTY: false };
    const sample = path.join(root, 'issues', '2021-01.yaml');
    const code = await loaded.exports.run(['build', sample, '-o', path.join(tmp, 'sample.pdf')], quiet);
    if (code !== 0) throw new Error(`bundle: training build of ${sample} failed (exit ${code})`);
    // `check` runs its own module (register checks) besides most of the build's front half.
    const checked = await loaded.exports.run(['check', sample], quiet);
    if (checked !== 0) throw new Error(`bundle: training check of ${sample} failed (exit ${checked})`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const data = loaded.script.createCachedData();
  // Written whole or not at all: a temp file renamed into place.
  const part = `${CACHE}.${process.pid}.tmp`;
  writeFileSync(part, Buffer.concat([cacheHeader(bundleId(readFileSync(BUNDLE, 'utf8')), data), data]));
  renameSync(part, CACHE);
}

if (process.argv.includes('--train')) await train();
else await bundle();
