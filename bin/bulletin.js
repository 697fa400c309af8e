#!/usr/bin/env node
// The compiled CLI: dist/bundle/ (one file and its code cache) or, failing that, the modules in
// dist/ — both built by `npm install` through the prepare script. CommonJS (bin/package.json):
// Node starts a CommonJS main file a few milliseconds sooner than an ES module.
'use strict';
const { loadBundle } = require('./load.js');

const fromBundle = loadBundle();
// After the code cache is read (V8 checks its flags against the cache's): see docs/performance.md.
require('node:v8').setFlagsFromString('--no-allocation-site-pretenuring');
const cli = fromBundle ? Promise.resolve(fromBundle.exports) : import('../dist/cli/main.js');

cli
  .then(({ run }) => run(process.argv.slice(2)))
  .then(
    (code) => {
      // A failed write to stdout (| head, > /dev/full) may already have raised it.
      process.exitCode = Math.max(code, Number(process.exitCode || 0));
    },
    (e) => {
      process.stderr.write(`bulletin：内部错误（请报告此问题）：${e && e.stack ? e.stack : e}\n`);
      process.exitCode = 3;
    },
  );
