#!/usr/bin/env node
/**
 * `npm run fuzz -- --pdf [N] [--seed S] [--jobs J] [--case I]`: the PDF reader behind `extract` and
 * `verify` (dist/archive/extract.js; `npm run build` first) on N (default 100 000) mutated and
 * truncated PDFs. Seed files: the sample issue built by the tool (object streams, an xref stream),
 * its rewrites by qpdf (--qdf, --object-streams=generate and =disable (a classic xref table),
 * --linearize) and Ghostscript (pdfwrite), and an incremental update
 * made here. Each case applies 1–3 mutations (truncation, bit flips, byte overwrites, deletions,
 * duplicated ranges, numbers replaced, hostile tokens inserted: deep brackets, unterminated strings,
 * long names, stray %%EOF/startxref/xref) and runs extractSource and pdfFacts on it.
 *
 * Checked for every case: no exception other than a PdfError; the code is the right one (E_PDF_NOT_PDF
 * exactly when the first 1 KB has no "%PDF-", E_PDF_TRUNCATED exactly when the last 1 KB has no
 * "%%EOF", otherwise a reading error or success; success only with the seed's exact source bytes);
 * each call under 1 s (--slow-ms); the child's resident memory under 200 MB (--max-rss-mb). A child
 * that dies is a crash, one silent for --hang-ms (default 5 s) a hang. Failing inputs are saved in
 * output/fuzz-failures/pdf-<seed>-<index>.pdf. Exit code 1 when any case failed.
 */
import { execFileSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rng, runPool } from './fuzz-pool.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);

function parseArgs(argv) {
  const o = { cases: 100_000, seed: Date.now() % 2 ** 31, jobs: Math.max(1, Math.min(2, os.cpus().length)), hangMs: 5_000, slowMs: 1_000, maxRssMb: 200, out: path.join(ROOT, 'output', 'fuzz-failures'), dist: path.join(ROOT, 'dist'), child: undefined, case: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--pdf') continue;
    if (a === '--seed') o.seed = Number(next());
    else if (a === '--jobs' || a === '-j') o.jobs = Number(next());
    else if (a === '--hang-ms') o.hangMs = Number(next());
    else if (a === '--slow-ms') o.slowMs = Number(next());
    else if (a === '--max-rss-mb') o.maxRssMb = Number(next());
    else if (a === '--out') o.out = path.resolve(next());
    else if (a === '--dist') o.dist = path.resolve(next());
    else if (a === '--case') o.case = Number(next());
    else if (a === '--child') o.child = next();
    else if (/^[0-9]+$/.test(a)) o.cases = Number(a);
    else {
      console.error(`fuzz --pdf：不认识的参数“${a}”`);
      process.exit(2);
    }
  }
  return o;
}


const HOSTILE = [
  () => '['.repeat(5000),
  () => '<<'.repeat(5000),
  () => '('.repeat(5000),
  () => '\\'.repeat(5000),
  () => '/' + 'A'.repeat(10_000),
  () => '9'.repeat(400),
  () => ' 1 0 R ',
  () => ' 99999999 0 R ',
  () => '\n%%EOF\n',
  () => '\nstartxref\n0\n%%EOF\n',
  () => '\nxref\n0 99999999\n',
  () => 'stream\n',
  () => 'endstream',
  () => ' obj ',
  () => '<' + 'g'.repeat(100) + '>',
  () => '<' + 'ab'.repeat(100_000),
  () => '/Length 999999999999 ',
  () => '/Prev 0 ',
  () => '/Type /ObjStm /N 99999999 /First 0 ',
  () => '/Filter /FlateDecode ',
  () => '/Predictor 12 /Columns 99999999 ',
];

/** Case `index` of run `seed`: which seed file and how it was mutated. */
export function makeCase(seeds, seed, index) {
  const r = rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const int = (n) => Math.floor(r() * n);
  const which = int(seeds.length);
  let b = Buffer.from(seeds[which].bytes);
  const log = [seeds[which].name];
  const near = () => {
    // Half of the positions near the structure (the end: xref, trailer) or the embedded source.
    const u = r();
    if (u < 0.25) return Math.max(0, b.length - 1 - int(3000));
    if (u < 0.4 && seeds[which].sourceAt >= 0) return Math.min(b.length - 1, seeds[which].sourceAt + int(4000));
    return int(b.length);
  };
  const steps = 1 + int(3);
  for (let k = 0; k < steps; k++) {
    const kind = int(9);
    const at = near();
    if (kind === 0) {
      const cut = r() < 0.5 ? int(b.length) : Math.max(0, b.length - 1 - int(2000));
      b = b.subarray(0, cut);
      log.push(`truncate ${cut}`);
      break;
    } else if (kind === 1) {
      const n = 1 + int(4);
      for (let i = 0; i < n; i++) {
        const p = i === 0 ? at : near();
        if (p < b.length) b[p] ^= 1 << int(8);
      }
      log.push(`flip ${n} bits near ${at}`);
    } else if (kind === 2) {
      const n = 1 + int(16);
      for (let i = 0; i < n && at + i < b.length; i++) b[at + i] = int(256);
      log.push(`overwrite ${n} bytes at ${at}`);
    } else if (kind === 3) {
      const n = 1 + int(r() < 0.8 ? 64 : 20_000);
      b = Buffer.concat([b.subarray(0, at), b.subarray(Math.min(b.length, at + n))]);
      log.push(`delete ${n} at ${at}`);
    } else if (kind === 4) {
      const from = int(b.length);
      const n = 1 + int(2000);
      b = Buffer.concat([b.subarray(0, at), b.subarray(from, from + n), b.subarray(at)]);
      log.push(`copy ${n} from ${from} to ${at}`);
    } else if (kind === 5 || kind === 6) {
      // A number in the file (an offset, a /Length, a count) replaced.
      let p = at;
      while (p < b.length && !(b[p] >= 0x30 && b[p] <= 0x39)) p++;
      let e = p;
      while (e < b.length && b[e] >= 0x30 && b[e] <= 0x39) e++;
      const choices = ['0', '1', String(int(b.length)), '4294967296', '99999999999', '-1', String(Number(b.subarray(p, e).toString('latin1') || 0) + 1 - 2 * int(2))];
      const v = choices[int(choices.length)];
      b = Buffer.concat([b.subarray(0, p), Buffer.from(v, 'latin1'), b.subarray(e)]);
      log.push(`number at ${p} -> ${v}`);
    } else if (kind === 7) {
      const h = HOSTILE[int(HOSTILE.length)]();
      b = Buffer.concat([b.subarray(0, at), Buffer.from(h, 'latin1'), b.subarray(at)]);
      log.push(`insert ${JSON.stringify(h.slice(0, 24))}${h.length > 24 ? `…(${h.length})` : ''} at ${at}`);
    } else {
      b = Buffer.from(b);
      const n = 1 + int(8);
      for (let i = 0; i < n; i++) b[int(b.length)] = ' \n()<>[]/%'.charCodeAt(int(10));
      log.push(`${n} delimiters sprinkled`);
    }
  }
  return { bytes: b, seedIndex: which, log };
}

/** What a reader must say about `bytes` (null when several answers are right). */
function expectedCode(bytes) {
  const head = bytes.subarray(0, 1024).indexOf('%PDF-');
  if (head < 0) return 'E_PDF_NOT_PDF';
  if (bytes.lastIndexOf('%%EOF') < Math.max(0, bytes.length - 1024)) return 'E_PDF_TRUNCATED';
  return null;
}

const CODES = new Set(['E_PDF_NOT_PDF', 'E_PDF_TRUNCATED', 'E_PDF_DAMAGED', 'E_PDF_TOO_COMPLEX', 'E_PDF_FILE_TOO_LARGE', 'E_PDF_ENCRYPTED', 'E_PDF_NO_SOURCE', 'E_PDF_SOURCE_TOO_LARGE', 'E_PDF_SIZE_MISMATCH', 'E_PDF_CHECKSUM', 'E_PDF_CHANGED']);

/** Runs one case through extractSource and pdfFacts; returns the outcome and any problems. */
export function runCase(api, seeds, c, opts) {
  const problems = [];
  const expected = expectedCode(c.bytes);
  const source = seeds[c.seedIndex].source;
  const call = (name, fn) => {
    const t = performance.now();
    let code = 'ok';
    let value;
    try {
      value = fn();
    } catch (e) {
      if (e instanceof api.PdfError && CODES.has(e.code)) code = e.code;
      else {
        code = 'crash';
        problems.push(`crash in ${name}: ${e?.stack ?? e}`.slice(0, 1500));
      }
    }
    const ms = performance.now() - t;
    if (ms > opts.slowMs) problems.push(`slow: ${name} took ${Math.round(ms)} ms`);
    if (code !== 'crash' && expected && code !== expected) problems.push(`wrong code: ${name} gave ${code}, expected ${expected}`);
    return { code, value, ms };
  };
  const ex = call('extractSource', () => api.extractSource(c.bytes));
  if (ex.code === 'ok' && source && !ex.value.bytes.equals(source)) problems.push(`wrong source: extractSource returned ${ex.value.bytes.length} bytes that are not the seed's source`);
  if (ex.code === 'ok' && !source) problems.push('extractSource succeeded on a seed that has no source');
  const facts = call('pdfFacts', () => api.pdfFacts(c.bytes));
  const rss = process.memoryUsage().rss / 1024 / 1024;
  if (rss > opts.maxRssMb) problems.push(`memory: resident ${Math.round(rss)} MB after the case`);
  return { code: ex.code, factsCode: facts.code, ms: ex.ms + facts.ms, rss, problems };
}

/** Seed PDFs: the tool's, qpdf's, Ghostscript's and an incremental update; built into `dir`. */
function makeSeeds(dir) {
  const bin = path.join(ROOT, 'bin', 'bulletin.js');
  const sample = path.join(ROOT, 'issues', '2021-01.yaml');
  const ours = path.join(dir, 'ours.pdf');
  execFileSync(process.execPath, [bin, 'build', sample, '-o', ours], { stdio: 'pipe' });
  const made = [['bulletin', ours]];
  const tryTool = (name, cmd, args, out) => {
    try {
      execFileSync(cmd, args, { stdio: 'pipe' });
      made.push([name, out]);
    } catch (e) {
      console.log(`fuzz --pdf：跳过 ${name}（${cmd} 不可用：${String(e.message).split('\n')[0]}）`);
    }
  };
  for (const [name, flag, file] of [
    ['qpdf --qdf', '--qdf', 'qdf.pdf'],
    ['qpdf --object-streams=generate', '--object-streams=generate', 'objstm.pdf'],
    // Ours is written with object streams: this is the same file with a classic xref table.
    ['qpdf --object-streams=disable', '--object-streams=disable', 'classic.pdf'],
    ['qpdf --linearize', '--linearize', 'lin.pdf'],
  ])
    tryTool(name, 'qpdf', [flag, ours, path.join(dir, file)], path.join(dir, file));
  tryTool('ghostscript pdfwrite', 'gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pdfwrite', `-sOutputFile=${path.join(dir, 'gs.pdf')}`, ours], path.join(dir, 'gs.pdf'));
  // An incremental update replacing the Info dictionary (as a PDF editor saving the file would).
  const base = readFileSync(ours);
  const t = base.toString('latin1');
  const sx = Number(/startxref\s+(\d+)/.exec(t.slice(t.lastIndexOf('startxref')))[1]);
  // Our trailer is the cross-reference stream's dictionary.
  const trailer = t.slice(Math.max(t.lastIndexOf('trailer'), t.lastIndexOf('/Type /XRef')));
  const obj = `3 0 obj\n<< /Producer (PDF editor) >>\nendobj\n`;
  const xrefAt = base.length + obj.length;
  const upd = `${obj}xref\n3 1\n${String(base.length).padStart(10, '0')} 00000 n \ntrailer\n<< /Size 44 ${/\/Root \d+ \d+ R/.exec(trailer)[0]} /Info 3 0 R /Prev ${sx} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  writeFileSync(path.join(dir, 'update.pdf'), Buffer.concat([base, Buffer.from(upd, 'latin1')]));
  made.push(['incremental update', path.join(dir, 'update.pdf')]);
  return made.map(([name, file]) => ({ name, file }));
}

async function loadApi(dist) {
  const file = path.join(dist, 'archive', 'extract.js');
  if (!existsSync(file)) {
    console.error(`fuzz --pdf：找不到 ${file}，请先运行 npm run build`);
    process.exit(2);
  }
  return import(pathToFileURL(file).href);
}

/** The seeds as the children see them: bytes, where the source stream starts, the source expected. */
async function loadSeeds(api, list) {
  return list.map(({ name, file }) => {
    const bytes = readFileSync(file);
    // What a successful read may give back: the tool's source (an update only touches /Info).
    let source = null;
    try {
      source = api.extractSource(bytes, { allowChanged: true }).bytes;
    } catch {
      source = null;
    }
    const at = bytes.indexOf('/EmbeddedFile');
    return { name, bytes, source, sourceAt: at < 0 ? -1 : bytes.indexOf('stream', at) };
  });
}

export async function main(argv) {
  const opts = parseArgs(argv);
  const api = await loadApi(opts.dist);
  if (opts.child) {
    const seeds = await loadSeeds(api, JSON.parse(readFileSync(opts.child, 'utf8')));
    process.on('message', (m) => {
      const c = makeCase(seeds, opts.seed, m.index);
      process.send({ index: m.index, ...runCase(api, seeds, c, opts) });
    });
    process.send({ ready: true });
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bulletin-fuzz-pdf-'));
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const list = makeSeeds(dir);
  const seedsFile = path.join(dir, 'seeds.json');
  writeFileSync(seedsFile, JSON.stringify(list));
  const seeds = await loadSeeds(api, list);
  for (const s of seeds) console.log(`种子：${s.name}（${s.bytes.length} 字节，${s.source ? `源文件 ${s.source.length} 字节` : '无可取出的源文件'}）`);
  if (opts.case !== undefined) {
    const c = makeCase(seeds, opts.seed, opts.case);
    const r = runCase(api, seeds, c, opts);
    console.log(JSON.stringify({ seed: opts.seed, case: opts.case, log: c.log, bytes: c.bytes.length, ...r }, null, 2));
    process.exitCode = r.problems.length ? 1 : 0;
    return;
  }

  const total = opts.cases;
  const stats = { done: 0, failures: [], codes: new Map(), ms: 0, maxMs: 0, maxRss: 0, slowest: { ms: 0 } };
  const save = (index, kind, problems) => {
    const c = makeCase(seeds, opts.seed, index);
    mkdirSync(opts.out, { recursive: true });
    const base = path.join(opts.out, `pdf-${opts.seed}-${index}`);
    writeFileSync(`${base}.pdf`, c.bytes);
    writeFileSync(`${base}.json`, JSON.stringify({ seed: opts.seed, index, kind, problems, log: c.log, replay: `npm run fuzz -- --pdf --seed ${opts.seed} --case ${index}` }, null, 2));
    stats.failures.push({ index, kind, problems });
    console.log(`\n失败 #${index}（${kind}）：${problems[0]?.split('\n')[0]}\n  已保存 ${base}.pdf`);
  };
  console.log(`fuzz --pdf：${total} 个用例，种子 ${opts.seed}，${opts.jobs} 个进程（${opts.dist}）`);
  const t0 = performance.now();
  const progress = setInterval(() => {
    const s = (performance.now() - t0) / 1000;
    process.stdout.write(`\r${stats.done}/${total}  ${(stats.done / s).toFixed(0)} 例/秒  最慢 ${stats.maxMs.toFixed(0)} ms  内存峰值 ${stats.maxRss.toFixed(0)} MB  失败 ${stats.failures.length}   `);
  }, 2000);
  await runPool({
    total,
    jobs: opts.jobs,
    hangMs: opts.hangMs,
    start: () => fork(SELF, ['--child', seedsFile, '--seed', String(opts.seed), '--dist', opts.dist, '--slow-ms', String(opts.slowMs), '--max-rss-mb', String(opts.maxRssMb)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] }),
    onResult: (m) => {
      stats.done++;
      stats.ms += m.ms;
      stats.maxRss = Math.max(stats.maxRss, m.rss);
      if (m.ms > stats.maxMs) [stats.maxMs, stats.slowest] = [m.ms, { index: m.index, ms: m.ms }];
      const key = `${m.code}/${m.factsCode}`;
      stats.codes.set(key, (stats.codes.get(key) ?? 0) + 1);
      if (m.problems.length) save(m.index, m.problems.some((p) => p.startsWith('crash')) ? 'crash' : m.problems[0].split(':')[0], m.problems);
    },
    onLost: (index, kind, problems) => {
      save(index, kind, problems);
      stats.done++;
    },
  });
  clearInterval(progress);
  const secs = (performance.now() - t0) / 1000;
  const codes = [...stats.codes].sort((a, b) => b[1] - a[1]);
  console.log(`\n\n== fuzz --pdf 结束：种子 ${opts.seed}`);
  console.log(`用例 ${stats.done}，用时 ${secs.toFixed(1)} 秒，${(stats.done / secs).toFixed(0)} 例/秒（${opts.jobs} 个进程；每例 extractSource+pdfFacts 平均 ${(stats.ms / Math.max(1, stats.done)).toFixed(2)} ms，最慢 #${stats.slowest.index} ${stats.maxMs.toFixed(0)} ms）`);
  console.log(`子进程常驻内存峰值 ${stats.maxRss.toFixed(0)} MB（上限 ${opts.maxRssMb} MB）`);
  console.log(`结果（extractSource/pdfFacts，用例数）：${codes.map(([c, n]) => `${c} ${n}`).join('，')}`);
  if (stats.failures.length) {
    console.log(`失败 ${stats.failures.length} 例，输入保存在 ${opts.out}：`);
    for (const f of stats.failures.slice(0, 20)) console.log(`  #${f.index} ${f.kind}：${f.problems[0]?.split('\n')[0]}`);
    process.exitCode = 1;
  } else console.log('没有崩溃、挂起、超时、超内存或错误的代码。');
}

if (process.argv[1] === SELF) await main(process.argv.slice(2));
