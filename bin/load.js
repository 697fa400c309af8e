// Loads dist/bundle/bulletin.cjs (the whole CLI in one file, built by scripts/bundle.mjs) with the
// V8 code cache made when it was built: Node 20 has no compile cache of its own, and resolving,
// parsing and compiling ~150 modules was half of a one-issue build.
'use strict';
const { readFileSync, statSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const BUNDLE = path.join(__dirname, '..', 'dist', 'bundle', 'bulletin.cjs');
const CACHE = BUNDLE.replace(/\.cjs$/, '.cache');
/** A file tsc writes on every run (it re-emits every module: the build is not incremental). */
const DIST_MAIN = path.join(__dirname, '..', 'dist', 'cli', 'main.js');

/**
 * The bundle is built from src/ after tsc (`npm run build`). When dist/ is newer than the bundle,
 * tsc ran alone afterwards (`npx tsc -p tsconfig.build.json`): the bundle may be stale and dist/
 * is what was just built. Files unpacked from a package share one date, so the bundle is kept then.
 */
function bundleOlderThanDist() {
  try {
    return statSync(DIST_MAIN).mtimeMs > statSync(BUNDLE).mtimeMs;
  } catch {
    return false;
  }
}

/**
 * The cache file: the bundle's id, the CRC-32 of the V8 data (8 hex digits), the V8 data. V8 checks
 * that a cache fits its version and flags but, in release builds, not that its bytes are intact: a
 * damaged cache would crash the process, so one whose CRC does not match is not used.
 */
function cacheHeader(id, data) {
  return Buffer.from(`${id}${crc32(data).toString(16).padStart(8, '0')}`, 'latin1');
}
const HEADER = 48;

/** zlib.crc32 (Node 20.15 and later); without it no cache is used. */
function crc32(data) {
  const { crc32: crc } = require('node:zlib');
  if (typeof crc !== 'function') throw new Error('zlib.crc32 is not available');
  return crc(data);
}

/**
 * The bundle ends with `//# bulletin-bundle-id <SHA-1 of what precedes>` and its cache file starts
 * with the same 40 characters, so a stale cache is never used and nothing is hashed at start-up.
 */
function bundleId(source) {
  const m = /\/\/# bulletin-bundle-id ([0-9a-f]{40})\s*$/.exec(source.slice(-80));
  return m ? m[1] : undefined;
}

/**
 * The bundle's exports ({ run, serveBatch }) and its vm.Script, or undefined when there is no
 * bundle (a checkout compiled with tsc only): the caller then imports dist/ as modules.
 */
function loadBundle() {
  if (bundleOlderThanDist()) return undefined;
  let source;
  try {
    source = readFileSync(BUNDLE, 'utf8');
  } catch {
    return undefined;
  }
  let cachedData;
  try {
    const id = bundleId(source);
    const cache = readFileSync(CACHE);
    const data = cache.subarray(HEADER);
    if (id && cache.subarray(0, HEADER).equals(cacheHeader(id, data))) cachedData = data;
  } catch {
    // No usable cache: compile as usual.
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  let script;
  try {
    script = new vm.Script(wrapped, { filename: BUNDLE, ...(cachedData ? { cachedData } : {}) });
  } catch {
    // A damaged bundle (one that does not even parse): the modules in dist/ still work.
    return undefined;
  }
  const module = { exports: {} };
  try {
    script.runInThisContext().call(module.exports, module.exports, createRequire(BUNDLE), module, BUNDLE, path.dirname(BUNDLE));
  } catch {
    // Cut short where it still parses, it may fail as it runs: the modules in dist/ still work.
    return undefined;
  }
  // Or run and leave out what the CLI calls.
  if (typeof module.exports.run !== 'function') return undefined;
  return { exports: module.exports, script, cacheRejected: cachedData ? script.cachedDataRejected === true : undefined };
}

module.exports = { BUNDLE, CACHE, DIST_MAIN, bundleId, cacheHeader, loadBundle };
