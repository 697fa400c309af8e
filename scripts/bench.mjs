#!/usr/bin/env node
/**
 * `npm run bench`: how fast and how big bulletin's builds are. Prints tables; asserts nothing.
 *
 *   node scripts/bench.mjs [--runs N] [--no-typst] [--no-year] [--no-scale] [--no-pdfread] [--json]
 *
 * 1. Whole processes (`node bin/bulletin.js build …`, what a clerk waits for): the sample issue,
 *    the sample with its sections repeated 20 times, and a year of 12 issues built by one command.
 *    One warm-up, then N runs (default 7): median and min–max of the wall time and of the peak
 *    resident memory (`/usr/bin/time -f %M` when present, else the child's own maxRSS), PDF size.
 * 2. In one process, time per stage (compile() returns them): load/validate/model, preflight,
 *    compose, paginate, render (fonts subset, PDF), write; cold (first build) and warm.
 * 3. Typst side by side, when its Node addon can be found (`npm i --no-save
 *    @myriaddreamin/typst-ts-node-compiler`, or a folder holding it in BENCH_TYPST_DIR): the same
 *    two issues as a .typ document with the same fonts, reported as a ratio.
 *
 * 4. Scaling (issue 18): the sample's sections repeated 1×, 10×, 100×, and the 5 MB issue the
 *    format allows (306 sections × 30 items of the sample's text): wall time, peak RSS, pages, and
 *    time and memory per page, to show both grow linearly. One run each above 10× (they are long).
 *    Then `check` of the 5 MB issue (the whole layout, nothing drawn).
 * 5. The PDF reader (issue 18): `extract` on the sample's PDF and on hostile files made here (a
 *    2.2 MB crafted /Producer string, a crafted object header, a 1 GB decompression bomb):
 *    wall time, peak RSS and exit code.
 *
 * Runs the compiled dist/ (`npm run build` first). Inputs and outputs go to a temporary folder.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { constants as zlibConstants, deflateSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? Number(args[i + 1]) : fallback;
};
const RUNS = Math.max(1, option('--runs', 7));
const JSON_OUT = flag('--json');
const log = (s = '') => {
  if (!JSON_OUT) process.stdout.write(`${s}\n`);
};

// ---------------------------------------------------------------- inputs
const SAMPLE = path.join(root, 'issues', '2021-01.yaml');
const bin = path.join(root, 'bin', 'bulletin.js');
if (!existsSync(path.join(root, 'dist', 'cli', 'main.js'))) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(2);
}
const newestSrc = newestMtime(path.join(root, 'src'));
const newestDist = newestMtime(path.join(root, 'dist'));
if (newestSrc > newestDist) log('bench: note: src/ is newer than dist/ — run `npm run build` to measure the current code\n');

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bulletin-bench-'));
if (!process.env.BENCH_KEEP) process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
else console.error(`bench: keeping ${tmp}`);
const sampleText = readFileSync(SAMPLE, 'utf8');
const sampleFile = path.join(tmp, '2021-01.yaml');
writeFileSync(sampleFile, sampleText);
const bigFile = path.join(tmp, '2021-01-x20.yaml');
writeFileSync(bigFile, repeatSections(sampleText, 20));
const yearDir = path.join(tmp, 'year');
mkdirSync(yearDir);
const yearFiles = [];
for (let m = 1; m <= 12; m++) {
  const mm = String(m).padStart(2, '0');
  const f = path.join(yearDir, `2021-${mm}.yaml`);
  writeFileSync(f, monthOf(sampleText, m).replace(/^period: .*$/m, `period: 2021-${mm}`).replace(/^printed: .*$/m, `printed: 2021-${mm}-28`));
  yearFiles.push(f);
}
const outDir = path.join(tmp, 'out');
mkdirSync(outDir);

/**
 * Month `m` of the year: the sample with one item left out (from a section that keeps at least one)
 * and each section's items rotated, so that the months differ in text and in the glyphs their
 * fonts embed, as a real year's issues do; twelve copies of one text would flatter any reuse.
 */
function monthOf(text, m) {
  const lines = text.split('\n');
  const sections = [];
  lines.forEach((l, i) => {
    if (/^  - title:/.test(l)) sections.push([]);
    else if (/^      - /.test(l) && sections.length) sections.at(-1).push(i);
  });
  const items = sections.flatMap((sec) => (sec.length > 1 ? sec : []));
  const drop = items.length ? items[(m * 5) % items.length] : -1;
  const out = [...lines];
  for (const sec of sections) {
    const kept = sec.filter((i) => i !== drop).map((i) => lines[i]);
    const r = kept.length ? m % kept.length : 0;
    const rotated = [...kept.slice(r), ...kept.slice(0, r)];
    sec.forEach((i, k) => (out[i] = k < rotated.length ? rotated[k] : null));
  }
  return out.filter((l) => l !== null).join('\n');
}

/** The sample's sections, repeated `times` times (the YAML list items are re-emitted as they are). */
function repeatSections(text, times) {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => /^sections:\s*$/.test(l));
  let end = start + 1;
  while (end < lines.length && (lines[end].startsWith(' ') || lines[end] === '')) end++;
  const body = lines.slice(start + 1, end);
  return [...lines.slice(0, start + 1), ...Array.from({ length: times }, () => body).flat(), ...lines.slice(end)].join('\n');
}

function newestMtime(dir) {
  let newest = 0;
  const walk = (d) => {
    for (const e of readdirSafe(d)) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(dir);
  return newest;
}
function readdirSafe(d) {
  try {
    return readdirSync(d, { withFileTypes: true });
  } catch {
    return [];
  }
}

// ---------------------------------------------------------------- measuring processes
const TIME = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p) && spawnSync(p, ['-f', '%M', 'true']).status === 0);
const rssWrapper = path.join(tmp, 'rss.mjs');
writeFileSync(
  rssWrapper,
  `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.resourceUsage(); if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, \`\${u.maxRSS} \${(u.userCPUTime + u.systemCPUTime) / 1000}\`); });\n`,
);

/** Runs `node <argv>` once: wall ms, CPU ms (user + system), peak RSS in KiB, exit status. */
function runOnce(argv) {
  const rssFile = path.join(tmp, 'rss.txt');
  rmSync(rssFile, { force: true });
  const cmd = TIME ? [TIME, ['-f', 'RSS=%M CPU=%U+%S', process.execPath, ...argv]] : [process.execPath, ['--import', pathToFileURL(rssWrapper).href, ...argv]];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd[0], cmd[1], { cwd: root, env: { ...process.env, BENCH_RSS_FILE: rssFile }, encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let rssKiB = NaN;
  let cpuMs = NaN;
  if (TIME) {
    const m = /RSS=(\d+) CPU=([\d.]+)\+([\d.]+)\s*$/.exec(r.stderr ?? '');
    if (m) [rssKiB, cpuMs] = [Number(m[1]), (Number(m[2]) + Number(m[3])) * 1000];
  } else if (existsSync(rssFile)) [rssKiB, cpuMs] = readFileSync(rssFile, 'utf8').split(' ').map(Number);
  if (r.status !== 0) {
    console.error(`bench: node ${argv.join(' ')} exited with ${r.status}\n${r.stdout}\n${r.stderr}`);
  }
  return { ms, cpuMs, rssKiB, status: r.status };
}

/** One warm-up, then RUNS runs. */
function measure(argv) {
  runOnce(argv);
  const runs = Array.from({ length: RUNS }, () => runOnce(argv));
  return { ms: stats(runs.map((r) => r.ms)), cpuMs: stats(runs.map((r) => r.cpuMs)), rssMiB: stats(runs.map((r) => r.rssKiB / 1024)), ok: runs.every((r) => r.status === 0) };
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, min: s[0], max: s[s.length - 1] };
}

const fmt = (x, d = 0) => (Number.isFinite(x) ? x.toFixed(d) : '—');
const range = (s, d = 0) => `${fmt(s.median, d)} (${fmt(s.min, d)}–${fmt(s.max, d)})`;
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;

function table(head, rows) {
  const w = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(String(r[i])))));
  const line = (cells) => cells.map((c, i) => (i === 0 ? pad(String(c), w[i]) : padStart(String(c), w[i]))).join('  ');
  log(line(head));
  log(w.map((n) => '-'.repeat(n)).join('  '));
  for (const r of rows) log(line(r));
}
function width(s) {
  let n = 0;
  for (const ch of s) n += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return n;
}
const pad = (s, n) => s + ' '.repeat(Math.max(0, n - width(s)));
const padStart = (s, n) => ' '.repeat(Math.max(0, n - width(s))) + s;

/** Pages of a PDF, by our own reader (page objects now sit in compressed object streams). */
async function pagesOf(pdf) {
  const bytes = readFileSync(pdf);
  try {
    const { pdfFacts } = await import(pathToFileURL(path.join(root, 'dist', 'archive', 'extract.js')).href);
    return pdfFacts(bytes).pages;
  } catch {
    // Another tool's PDF our reader refuses: count the uncompressed page objects.
    return bytes.toString('latin1').match(/\/Type\s*\/Page\b(?!s)/g)?.length ?? 0;
  }
}

// ---------------------------------------------------------------- 1. whole processes
const results = { machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, load: os.loadavg() }, runs: RUNS };
log(`bulletin bench — ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
log(`whole process: 1 warm-up + ${RUNS} runs, median (min–max); peak RSS by ${TIME ? `${TIME} -f %M` : 'process.resourceUsage().maxRSS'}`);
log('');

const sampleOut = path.join(outDir, 'sample.pdf');
const bigOut = path.join(outDir, 'x20.pdf');
const sample = measure([bin, 'build', sampleFile, '-o', sampleOut]);
const big = measure([bin, 'build', bigFile, '-o', bigOut]);
const checkRun = measure([bin, 'check', sampleFile]);
const samplePages = await pagesOf(sampleOut);
const bigPages = await pagesOf(bigOut);
const perPage = (big.ms.median - sample.ms.median) / Math.max(1, bigPages - samplePages);
results.sample = { ...sample, pages: samplePages, bytes: statSync(sampleOut).size };
results.x20 = { ...big, pages: bigPages, bytes: statSync(bigOut).size, perExtraPageMs: perPage };
results.check = checkRun;

let year;
if (!flag('--no-year')) {
  const yearOut = path.join(outDir, 'year');
  let yearArgs = [bin, 'build', yearDir, '-o', yearOut];
  let how = 'folder';
  const probe = runOnce(yearArgs);
  if (probe.status !== 0) {
    how = 'files';
    mkdirSync(yearOut, { recursive: true });
    yearArgs = [bin, 'build', ...yearFiles, '-o', yearOut];
  }
  year = { ...measure(yearArgs), how };
  results.year = year;
}

const rows = [
  ['sample (issues/2021-01.yaml)', `${samplePages}`, range(sample.ms), range(sample.cpuMs), range(sample.rssMiB), kb(results.sample.bytes)],
  ['sample × 20 sections', `${bigPages}`, range(big.ms), range(big.cpuMs), range(big.rssMiB), kb(results.x20.bytes)],
];
if (year) rows.push([`year: 12 issues, one command (${year.how})`, `${12 * samplePages}`, range(year.ms), range(year.cpuMs), range(year.rssMiB), '']);
rows.push(['check (sample, no PDF)', '', range(checkRun.ms), range(checkRun.cpuMs), range(checkRun.rssMiB), '']);
table(['whole process', 'pages', 'wall ms', 'CPU ms', 'peak RSS MiB', 'PDF'], rows);
log('');
log(`cost per extra page: ${fmt(perPage, 2)} ms wall, ${fmt((big.cpuMs.median - sample.cpuMs.median) / Math.max(1, bigPages - samplePages), 2)} ms CPU   (× 20 − sample) / (${bigPages} − ${samplePages} pages)`);
if (year) log(`12 issues in one batch / one issue: ${fmt(year.ms.median / sample.ms.median, 2)}×`);
log('');

// ---------------------------------------------------------------- 2. stages, in one process
const stageScript = path.join(tmp, 'stages.mjs');
writeFileSync(
  stageScript,
  `
const t0 = performance.now();
// As bin/bulletin.js runs it: the bundle with its code cache, else the modules in dist/.
const { createRequire } = await import('node:module');
const bundle = createRequire(import.meta.url)(${JSON.stringify(path.join(root, 'bin', 'load.js'))}).loadBundle();
const { compile, loadWorld, defaultFontsDir, writeAtomic } = bundle
  ? await bundle.exports.library()
  : {
      ...(await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist', 'index.js')).href)})),
      ...(await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist', 'fonts', 'registry.js')).href)})),
      ...(await import(${JSON.stringify(pathToFileURL(path.join(root, 'dist', 'io', 'writeAtomic.js')).href)})),
    };
const { readFileSync } = await import('node:fs');
const imported = performance.now() - t0;
const out = { imported, bundle: Boolean(bundle), runs: {} };
let t = performance.now();
const world = loadWorld({ fontsDir: defaultFontsDir() });
out.fontSet = performance.now() - t;
for (const [name, file] of [['sample', ${JSON.stringify(sampleFile)}], ['x20', ${JSON.stringify(bigFile)}], ['sample', ${JSON.stringify(sampleFile)}], ['x20', ${JSON.stringify(bigFile)}]]) {
  const key = out.runs[name + ':cold'] ? name + ':warm' : name + ':cold';
  const runs = key.endsWith('warm') ? ${Math.max(3, Math.min(RUNS, 5))} : 1;
  const all = [];
  for (let i = 0; i < runs; i++) {
    const bytes = readFileSync(file);
    const t1 = performance.now();
    const r = await compile(file, bytes, world);
    const t2 = performance.now();
    await writeAtomic(${JSON.stringify(path.join(outDir, 'stage.pdf'))}, r.pdf);
    const t3 = performance.now();
    all.push({ ...r.timings, write: t3 - t2, total: t3 - t1 });
  }
  const med = {};
  for (const k of Object.keys(all[0])) { const xs = all.map((a) => a[k]).sort((a, b) => a - b); med[k] = xs[xs.length >> 1]; }
  out.runs[key] = med;
}
process.stdout.write(JSON.stringify(out));
`,
);
const st = spawnSync(process.execPath, [stageScript], { cwd: root, encoding: 'utf8' });
if (st.status === 0) {
  const s = JSON.parse(st.stdout);
  results.stages = s;
  const keys = [...new Set(Object.values(s.runs).flatMap((r) => Object.keys(r)))].filter((k) => k !== 'total');
  keys.push('total');
  log(`in one process (${s.bundle ? 'bundle + code cache' : 'dist/ modules'}): modules ${fmt(s.imported)} ms, font set ${fmt(s.fontSet, 1)} ms; stage ms (warm = median of ${Math.max(3, Math.min(RUNS, 5))})`);
  const cols = Object.keys(s.runs);
  table(['stage', ...cols], keys.map((k) => [k, ...cols.map((c) => fmt(s.runs[c][k], 1))]));
  log('');
} else {
  log(`in-process stage timings failed: ${st.stderr.split('\n').slice(0, 5).join(' ')}`);
}

// ---------------------------------------------------------------- 3. Typst side by side
if (!flag('--no-typst')) {
  const addon = findTypst();
  if (!addon) {
    log('Typst: not compared — @myriaddreamin/typst-ts-node-compiler is not installed');
    log('       (npm i --no-save @myriaddreamin/typst-ts-node-compiler, or set BENCH_TYPST_DIR to a folder where it is installed)');
    results.typst = { available: false };
  } else {
    const typ1 = path.join(tmp, 'sample.typ');
    const typ20 = path.join(tmp, 'x20.typ');
    writeFileSync(typ1, typstDocument(sampleText, 1));
    writeFileSync(typ20, typstDocument(sampleText, 20));
    const runner = path.join(tmp, 'typst-run.cjs');
    writeFileSync(
      runner,
      `const { NodeCompiler } = require(${JSON.stringify(addon)});
const fs = require('node:fs');
const [typ, out, ...fontPaths] = process.argv.slice(2);
const compiler = NodeCompiler.create({ workspace: ${JSON.stringify(tmp)}, fontArgs: [{ fontPaths }] });
const pdf = compiler.pdf({ mainFileContent: fs.readFileSync(typ, 'utf8') });
fs.writeFileSync(out, pdf);
`,
    );
    const fontPaths = typstFonts();
    const t1Out = path.join(outDir, 'typst-sample.pdf');
    const t20Out = path.join(outDir, 'typst-x20.pdf');
    const ty1 = measure([runner, typ1, t1Out, ...fontPaths]);
    const ty20 = measure([runner, typ20, t20Out, ...fontPaths]);
    if (ty1.ok && ty20.ok) {
      results.typst = { available: true, addon, sample: { ...ty1, pages: await pagesOf(t1Out), bytes: statSync(t1Out).size }, x20: { ...ty20, pages: await pagesOf(t20Out), bytes: statSync(t20Out).size } };
      table(
        ['Typst (same text and fonts)', 'pages', 'wall ms', 'CPU ms', 'peak RSS MiB', 'PDF', 'bulletin / Typst (wall)'],
        [
          ['sample', `${results.typst.sample.pages}`, range(ty1.ms), range(ty1.cpuMs), range(ty1.rssMiB), kb(results.typst.sample.bytes), `${fmt(sample.ms.median / ty1.ms.median, 2)}×`],
          ['sample × 20 sections', `${results.typst.x20.pages}`, range(ty20.ms), range(ty20.cpuMs), range(ty20.rssMiB), kb(results.typst.x20.bytes), `${fmt(big.ms.median / ty20.ms.median, 2)}×`],
        ],
      );
      log(`Typst cost per extra page: ${fmt((ty20.ms.median - ty1.ms.median) / Math.max(1, results.typst.x20.pages - results.typst.sample.pages), 2)} ms`);
    } else {
      log('Typst: the addon was found but failed to build the .typ document (see the message above)');
      results.typst = { available: true, failed: true };
    }
  }
}

// ---------------------------------------------------------------- 4. scaling
if (!flag('--no-scale')) {
  const sizes = [
    ['sample × 1', sampleText, RUNS],
    ['sample × 10', repeatSections(sampleText, 10), RUNS],
    ['sample × 100', repeatSections(sampleText, 100), 1],
    ['5 MB issue: 306 sections × 30 items', yearInOneFile(sampleText, 306, 30), 1],
  ];
  const rows = [];
  results.scale = [];
  for (const [name, text, runs] of sizes) {
    const file = path.join(tmp, `scale-${results.scale.length}.yaml`);
    const out = path.join(outDir, `scale-${results.scale.length}.pdf`);
    writeFileSync(file, text);
    const argv = [bin, 'build', file, '-o', out];
    const all = runs > 1 ? measure(argv) : (() => {
      const r = runOnce(argv);
      return { ms: stats([r.ms]), cpuMs: stats([r.cpuMs]), rssMiB: stats([r.rssKiB / 1024]), ok: r.status === 0 };
    })();
    const pages = all.ok ? (await pagesOf(out)) : 0;
    const bytes = Buffer.byteLength(text);
    results.scale.push({ name, bytes, pages, ...all });
    rows.push([name, `${(bytes / 1024).toFixed(0)} KB`, all.ok ? `${pages}` : 'failed', range(all.ms), range(all.cpuMs), range(all.rssMiB), pages ? fmt(all.cpuMs.median / pages, 1) : '—', pages ? fmt((all.rssMiB.median * 1024) / pages, 0) : '—']);
  }
  // `check` of the largest: the whole layout runs (every page laid out and dropped), nothing drawn.
  {
    const last = results.scale.at(-1);
    const file = path.join(tmp, `scale-${results.scale.length - 1}.yaml`);
    const r = runOnce([bin, 'check', file]);
    results.scale.push({ name: `check: ${last.name}`, bytes: last.bytes, pages: last.pages, ms: stats([r.ms]), cpuMs: stats([r.cpuMs]), rssMiB: stats([r.rssKiB / 1024]), ok: r.status === 0 });
    const p = last.pages;
    rows.push([`check: ${last.name}`, `${(last.bytes / 1024).toFixed(0)} KB`, r.status === 0 ? `${p}` : 'failed', fmt(r.ms), fmt(r.cpuMs), fmt(r.rssKiB / 1024), p ? fmt(r.cpuMs / p, 1) : '—', p ? fmt(r.rssKiB / p, 0) : '—']);
  }
  // CPU time as well as wall time: on a shared machine the load moves the wall time, not the CPU time.
  table(['scaling (build, whole process)', 'YAML', 'pages', 'wall ms', 'CPU ms', 'peak RSS MiB', 'CPU ms/page', 'KiB RSS/page'], rows);
  log('');
}

// ---------------------------------------------------------------- 5. the PDF reader on hostile files
if (!flag('--no-pdfread')) {
  const { zeroBombPdf, producerPdf, headerPdf } = hostilePdfs();
  const files = [
    ['the sample\'s PDF', sampleOut],
    ['2.2 MB crafted /Producer string', producerPdf],
    ['crafted object header', headerPdf],
    ['1 GB decompression bomb', zeroBombPdf],
  ];
  const rows = [];
  results.pdfread = [];
  for (const [name, file] of files) {
    const r = runOnce([bin, 'extract', file, '-o', path.join(tmp, 'extracted.yaml')]);
    results.pdfread.push({ name, bytes: statSync(file).size, ...r });
    rows.push([name, kb(statSync(file).size), fmt(r.ms), fmt(r.rssKiB / 1024), String(r.status)]);
    const v = runOnce([bin, 'verify', file]);
    rows.push([`  verify`, '', fmt(v.ms), fmt(v.rssKiB / 1024), String(v.status)]);
  }
  table(['PDF reader: extract / verify', 'PDF', 'wall ms', 'peak RSS MiB', 'exit'], rows);
  log('');
}

/**
 * The 5 MB issue the format allows: `sections` sections of `items` items, the sample's titles and
 * items in turn, each item lengthened by 50 characters of the next (about 570 bytes, as the sample's).
 */
function yearInOneFile(text, sections, items) {
  const lines = text.split('\n');
  const titles = lines.filter((l) => /^  - title:/.test(l)).map((l) => l.replace(/^  - title:\s*/, ''));
  const texts = lines.filter((l) => /^      - /.test(l)).map((l) => l.replace(/^      - /, ''));
  const start = lines.findIndex((l) => /^sections:/.test(l));
  let end = start + 1;
  while (end < lines.length && (lines[end].startsWith(' ') || lines[end] === '')) end++;
  const out = lines.slice(0, start + 1);
  let k = 0;
  for (let s = 0; s < sections; s++) {
    out.push(`  - title: ${titles[s % titles.length]}`, '    items:');
    for (let i = 0; i < items; i++, k++) out.push(`      - ${texts[k % texts.length]}${texts[(k + 1) % texts.length].slice(0, 50)}`);
  }
  return [...out, ...lines.slice(end)].join('\n');
}

/** Hostile PDFs for the reader, written to the temporary folder (the bomb is never held inflated). */
function hostilePdfs() {
  const md5 = (b) => createHash('md5').update(b).digest('hex');
  const obj = (n, body) => Buffer.concat([Buffer.from(`${n} 0 obj\n`), Buffer.isBuffer(body) ? body : Buffer.from(body, 'latin1'), Buffer.from('\nendobj\n')]);
  const pdf = (objects) => {
    const parts = [Buffer.from('%PDF-1.7\n')];
    let at = parts[0].length;
    let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    objects.forEach((o, i) => {
      const b = obj(i + 1, o);
      xref += `${String(at).padStart(10, '0')} 00000 n \n`;
      parts.push(b);
      at += b.length;
    });
    parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${at}\n%%EOF\n`));
    return Buffer.concat(parts);
  };
  const source = Buffer.from(sampleText);
  const make = (data, size, sum, extra = {}) =>
    pdf([
      '<< /Type /Catalog /Pages 2 0 R /AF [4 0 R] >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] >>',
      `<< /Type /Filespec /AFRelationship /Source /F (s.yaml) /EF << /F 5 0 R >> >>${extra.tail ?? ''}`,
      Buffer.concat([Buffer.from(`<< /Type /EmbeddedFile /Params << /CheckSum (${sum}) /Size ${size} >> /Filter /FlateDecode /Length ${data.length} >>\nstream\n`), data, Buffer.from('\nendstream')]),
      `<< /Producer ${extra.producer ?? '(bench)'} >>`,
    ]);
  const MiB = 1 << 20;
  const block = deflateSync(Buffer.alloc(MiB), { finishFlush: zlibConstants.Z_SYNC_FLUSH, level: 9 });
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((1024 * MiB) % 65521) * 65536 + 1) >>> 0);
  const bomb = Buffer.concat([block.subarray(0, 2), ...Array(1024).fill(block.subarray(2)), Buffer.from([3, 0]), adler]);
  const files = {
    zeroBombPdf: make(bomb, 1024 * MiB, '0'.repeat(32)),
    producerPdf: make(deflateSync(source), source.length, md5(source), { producer: `(${'/Producer ('.repeat(190_000)}${')'.repeat(190_000)})` }),
    headerPdf: make(deflateSync(source), source.length, md5(source), { tail: ` ${'1 '.repeat(60_000)}` }),
  };
  const out = {};
  for (const [k, b] of Object.entries(files)) {
    out[k] = path.join(tmp, `${k}.pdf`);
    writeFileSync(out[k], b);
  }
  return out;
}
if (JSON_OUT) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);

function findTypst() {
  const name = '@myriaddreamin/typst-ts-node-compiler';
  const bases = [root, process.env.BENCH_TYPST_DIR].filter(Boolean);
  for (const base of bases) {
    try {
      return createRequire(path.join(path.resolve(base), 'package.json')).resolve(name);
    } catch {
      // not here
    }
  }
  return undefined;
}

function typstFonts() {
  const req = createRequire(path.join(root, 'package.json'));
  const pkg = (p, rel) => path.join(path.dirname(req.resolve(`${p}/package.json`)), rel);
  return [
    path.join(root, 'fonts', 'FandolFang-Regular.otf'),
    pkg('@expo-google-fonts/noto-serif-sc', '900Black/NotoSerifSC_900Black.ttf'),
    pkg('@expo-google-fonts/noto-serif-sc', '400Regular/NotoSerifSC_400Regular.ttf'),
    pkg('@expo-google-fonts/noto-sans-sc', '400Regular/NotoSansSC_400Regular.ttf'),
    pkg('dejavu-fonts-ttf', 'ttf/DejaVuSans.ttf'),
  ];
}

/**
 * The issue as a Typst document set like bulletin sets it: A4, 版心 156 × 225 mm, 仿宋 16 pt on a
 * 22-line grid, red masthead, 【】 headings in 黑体, ➤ items, 报/送 footer with rules, “— N —”.
 * Read with a tiny line parser (the sample's own shape), not a YAML library.
 */
function typstDocument(text, times) {
  const get = (key) => (new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(text)?.[1] ?? '').trim();
  const sections = [];
  let cur;
  let inDist = false;
  const dist = [];
  for (const line of text.split('\n')) {
    let m;
    if (/^distribution:/.test(line)) inDist = true;
    else if (/^\S/.test(line)) inDist = false;
    if ((m = /^  - title:\s*(.*)$/.exec(line))) sections.push((cur = { title: m[1].trim(), items: [] }));
    else if ((m = /^      - (?:text:\s*)?(.*)$/.exec(line)) && cur) cur.items.push(m[1].trim());
    else if (inDist && (m = /^  (\S+):\s*(.*)$/.exec(line))) dist.push([m[1], m[2].replace(/^\[|\]$/g, '').split(/,\s*/).join('，')]);
  }
  const esc = (s) => s.replace(/[\\#*_`$<>@\[\]~/"']/g, (c) => `\\${c}`);
  const [y, mo] = get('period').split('-').map(Number);
  const [py, pm, pd] = get('printed').split('-').map(Number);
  const body = [];
  for (let k = 0; k < times; k++) {
    for (const s of sections) {
      body.push(`#block(above: 0pt, below: 0pt)[#set text(font: "Noto Sans SC")\n#h(2em)【${esc(s.title)}】]`);
      for (const it of s.items) body.push(`#par[#h(2em)#text(font: "DejaVu Sans")[➤]${esc(it)}]`);
    }
  }
  return `#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm),
  footer: context [#set text(font: "Noto Serif SC", size: 14pt)
    #align(if calc.odd(here().page()) { right } else { left })[— #counter(page).display() —]])
#set text(font: ("FandolFang R", "Noto Serif SC", "DejaVu Sans"), size: 16pt, lang: "zh", region: "cn", top-edge: "ascender", bottom-edge: "descender")
#set par(justify: true, leading: ${(225 / 22 * 72 / 25.4 - 16).toFixed(3)}pt, spacing: ${(225 / 22 * 72 / 25.4 - 16).toFixed(3)}pt, first-line-indent: 0em)
#align(center)[#text(font: "Noto Serif SC", weight: "black", fill: rgb("#e60012"), size: 31.6pt)[${esc(get('publication'))}]]
#v(12pt)
#align(center)[${y}年${mo}月]
#grid(columns: (1fr, auto), [#h(1em)${esc(get('editor'))}], align(right)[${py}年${pm}月${pd}日#h(1em)])
#line(length: 100%, stroke: 1.417pt + rgb("#e60012"))
${body.join('\n')}
#v(1fr)
#line(length: 100%, stroke: 1pt)
${dist.map(([k, v]) => `#par[#h(1em)${esc(k)}：${esc(v)}]`).join('\n#line(length: 100%, stroke: 0.7pt)\n')}
#line(length: 100%, stroke: 0.7pt)
#align(right)[${py}年${pm}月${pd}日印发#h(1em)]
#line(length: 100%, stroke: 1pt)
`;
}
