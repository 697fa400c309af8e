#!/usr/bin/env node
// The compiled CLI: dist/bundle/ (one file and its code cache) or, failing that, the modules in
// dist/ — both built by `npm install` through the prepare script.
import { loadBundle } from './load.js';

const { run } = loadBundle()?.exports ?? (await import('../dist/cli/main.js'));

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`bulletin：内部错误（请报告此问题）：${e && e.stack ? e.stack : e}\n`);
    process.exitCode = 3;
  },
);
