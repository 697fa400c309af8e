#!/usr/bin/env node
/**
 * Long fuzz run over the whole pipeline, on the compiled dist/ (run `npm run build` first).
 *
 *   npm run fuzz                      # 100 000 cases, seed from the clock
 *   npm run fuzz -- 20000 --seed 7    # 20 000 cases, seed 7
 *   npm run fuzz -- --seed 7 --case 1234   # replay one case and print its result
 *   npm run fuzz -- --kill 200        # build the sample 200 times, SIGKILL each at a random moment
 *   npm run fuzz -- --kill 50 --batch # a folder of 6 issues on 2 worker threads, SIGKILLed mid-batch
 *   npm run fuzz -- --csv [N]         # the index CSV parsed back by Python's csv module (scripts/fuzz-csv.mjs)
 *   npm run fuzz -- 20000 --clerk     # same as without: the CLI now calls loadIssue/compile itself (kept for old scripts)
 *   npm run fuzz -- --pdf [N]         # the PDF reader of extract/verify on mutated PDFs (scripts/fuzz-pdf.mjs)
 *   npm run fuzz -- --files 300       # the compiled CLI on hostile files, outputs and stdout (tests/fuzz/files.mjs)
 *
 * Cases come from tests/fuzz/generators.mjs (random issues with hostile characters, mutated as
 * data, text and bytes) and are checked by tests/fuzz/harness.mjs: each must end in a laid-out
 * issue (or a PDF that starts with %PDF- and ends with %%EOF and whose text, as pdftotext extracts
 * it, holds every heading and item of the issue whole and in order) or in at least one error diagnostic
 * positioned at file:line:column inside the file, with a Chinese message; never an exception, and
 * within the time bounds (harness LIMITS). Rendering costs ~100 ms a PDF against a few ms for the
 * rest, so every case is laid out and one laid-out case in `--render-every` (default 10) is also
 * built into a PDF with compile().
 *
 * Cases run in `--jobs` child processes (default: 2, or the core count if smaller); a child that
 * dies (a fatal V8 error, out of memory) is a crash and one that does not answer within
 * `--hang-ms` (default 60 s) is killed as a hang; both are replaced and the run goes on. Each
 * failing input is saved with its seed and index in `--out` (default output/fuzz-failures/) as
 * <seed>-<index>.yaml plus a .json with how it was made and what went wrong. Exit code 1 when any
 * case failed, 0 otherwise.
 */
import { spawn, spawnSync, fork } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, readdirSync, rmSync, copyFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runPool } from './fuzz-pool.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);

function parseArgs(argv) {
  const o = { cases: 100_000, seed: Date.now() % 2 ** 31, jobs: Math.max(1, Math.min(2, os.cpus().length)), renderEvery: 10, out: path.join(ROOT, 'output', 'fuzz-failures'), hangMs: 60_000, dist: path.join(ROOT, 'dist'), child: false, case: undefined, kill: 0, batch: false, clerk: false, files: 0 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--seed') o.seed = Number(next());
    else if (a === '--jobs' || a === '-j') o.jobs = Number(next());
    else if (a === '--render-every') o.renderEvery = Number(next());
    else if (a === '--out') o.out = path.resolve(next());
    else if (a === '--hang-ms') o.hangMs = Number(next());
    else if (a === '--dist') o.dist = path.resolve(next());
    else if (a === '--case') o.case = Number(next());
    else if (a === '--kill') o.kill = Number(next());
    else if (a === '--child') o.child = true;
    else if (a === '--batch') o.batch = true;
    else if (a === '--clerk') o.clerk = true;
    else if (a === '--files') o.files = Number(next());
    else if (a === '--from') o.from = Number(next());
    else if (/^[0-9]+$/.test(a)) o.cases = Number(a);
    else {
      console.error(`fuzz：不认识的参数“${a}”`);
      process.exit(2);
    }
  }
  return o;
}

if (process.argv.includes('--csv')) {
  await (await import('./fuzz-csv.mjs')).main(process.argv.slice(2));
  process.exit(process.exitCode ?? 0);
}
if (process.argv.includes('--pdf')) {
  await (await import('./fuzz-pdf.mjs')).main(process.argv.slice(2));
  // The PDF reader's run is complete; nothing below applies.
  process.exit(process.exitCode ?? 0);
}
const opts = parseArgs(process.argv.slice(2));
const gen = await import(pathToFileURL(path.join(ROOT, 'tests/fuzz/generators.mjs')).href);
gen.setSample(readFileSync(path.join(ROOT, 'issues/2021-01.yaml'), 'utf8'));
const FILE = 'fuzz.yaml';

/** The pipeline from dist/, and the free fonts loaded once. */
async function loadApi() {
  const url = (p) => pathToFileURL(path.join(opts.dist, p)).href;
  if (!existsSync(path.join(opts.dist, 'index.js'))) {
    console.error(`fuzz：找不到 ${path.join(opts.dist, 'index.js')}，请先运行 npm run build`);
    process.exit(2);
  }
  const [index, load, fontsPre, layout, registry] = await Promise.all([
    import(url('index.js')),
    import(url('source/load.js')),
    import(url('fonts/preflight.js')),
    import(url('paginate/layout.js')),
    import(url('fonts/registry.js')),
  ]);
  const api = { loadIssue: load.loadIssue, preflight: fontsPre.preflight, textUses: index.textUses, layout: layout.layout, DEFAULT_LAYOUT: layout.DEFAULT_LAYOUT, compile: index.compile };
  const world = { fonts: registry.loadFontSet({ fontsDir: path.join(ROOT, 'fonts'), only: 'free' }), srgb: readFileSync(path.join(ROOT, 'src', 'render', 'icc', 'sRGB.icc')) };
  return { api, world };
}

const harness = await import(pathToFileURL(path.join(ROOT, 'tests/fuzz/harness.mjs')).href);
const renderIf = (index) => () => index % opts.renderEvery === 0;

// ---------------------------------------------------------------- child: runs cases it is sent
if (opts.child) {
  const { api, world } = await loadApi();
  process.on('message', async (msg) => {
    let c;
    try {
      c = gen.caseAt(opts.seed, msg.index);
    } catch (e) {
      // A fault of the generator, not of the tool: counted apart, not a failure.
      process.send({ index: msg.index, outcome: 'skipped', codes: [], ms: 0, problems: [], bytes: 0, generatorError: String(e) });
      return;
    }
    const r = await harness.runCase(api, world, FILE, c.bytes, renderIf(msg.index));
    process.send({ index: msg.index, ...r, bytes: c.bytes.length });
  });
  process.send({ ready: true });
} else if (opts.case !== undefined) {
  // ------------------------------------------------------------ replay one case
  const { api, world } = await loadApi();
  const c = gen.caseAt(opts.seed, opts.case);
  const r = await harness.runCase(api, world, FILE, c.bytes, () => true);
  console.log(JSON.stringify({ seed: opts.seed, case: opts.case, log: c.log, bytes: c.bytes.length, ...r }, null, 2));
  process.exitCode = r.problems.length ? 1 : 0;
} else if (opts.files > 0 && opts.case === undefined) {
  await filesRun();
} else if (opts.kill > 0 && opts.batch) {
  await killBatchRun();
} else if (opts.kill > 0) {
  await killRun();
} else {
  await fuzzRun();
}

// ---------------------------------------------------------------- parent: the fuzz run
async function fuzzRun() {
  const total = opts.cases;
  const stats = { done: 0, pdf: 0, layout: 0, error: 0, skipped: 0, failures: [], codes: new Map(), slowest: [], ms: 0, textChecked: 0, texts: 0 };
  const t0 = performance.now();
  console.log(`fuzz：${total} 个用例，种子 ${opts.seed}，${opts.jobs} 个进程，每 ${opts.renderEvery} 个排版成功的用例中生成 1 个 PDF（${opts.dist}）`);

  const save = (index, kind, problems, extra = {}) => {
    let c;
    try {
      c = gen.caseAt(opts.seed, index);
    } catch (e) {
      c = { bytes: new Uint8Array(0), log: [`generator failed: ${e}`] };
    }
    mkdirSync(opts.out, { recursive: true });
    const base = path.join(opts.out, `${opts.seed}-${index}`);
    writeFileSync(`${base}.yaml`, c.bytes);
    writeFileSync(`${base}.json`, JSON.stringify({ seed: opts.seed, index, kind, problems, log: c.log, replay: `node scripts/fuzz.mjs --seed ${opts.seed} --case ${index}`, ...extra }, null, 2));
    stats.failures.push({ index, kind, problems: problems.slice(0, 3) });
    console.log(`\n失败 #${index}（${kind}）：${problems[0]?.split('\n')[0]}\n  已保存 ${base}.yaml`);
  };

  const onResult = (r) => {
    stats.done++;
    if (r.outcome === 'skipped') {
      stats.skipped++;
      return;
    }
    stats[r.outcome]++;
    stats.ms += r.ms;
    if (r.textsChecked !== undefined) {
      stats.textChecked++;
      stats.texts += r.textsChecked;
    }
    for (const c of r.codes) stats.codes.set(c, (stats.codes.get(c) ?? 0) + 1);
    stats.slowest.push({ index: r.index, ms: r.ms, outcome: r.outcome, bytes: r.bytes });
    if (stats.slowest.length > 50) stats.slowest = stats.slowest.sort((a, b) => b.ms - a.ms).slice(0, 10);
    if (r.problems.length) save(r.index, r.problems.some((p) => p.startsWith('crash')) ? 'crash' : r.problems.some((p) => p.startsWith('slow')) ? 'slow' : 'check', r.problems, { codes: r.codes, ms: r.ms });
  };

  const progress = setInterval(() => {
    const s = (performance.now() - t0) / 1000;
    process.stdout.write(`\r${stats.done}/${total}  ${(stats.done / s).toFixed(0)} 例/秒  PDF ${stats.pdf}  排版 ${stats.layout}  报错 ${stats.error}  失败 ${stats.failures.length}   `);
  }, 2000);

  await runPool({
    total,
    jobs: opts.jobs,
    hangMs: opts.hangMs,
    start: () => fork(SELF, ['--child', '--seed', String(opts.seed), '--render-every', String(opts.renderEvery), '--dist', opts.dist, ...(opts.clerk ? ['--clerk'] : [])], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] }),
    onResult,
    onLost: (index, kind, problems) => {
      save(index, kind, problems);
      stats.done++;
    },
  });
  clearInterval(progress);

  const secs = (performance.now() - t0) / 1000;
  const slow = stats.slowest.sort((a, b) => b.ms - a.ms).slice(0, 5);
  const codes = [...stats.codes].sort((a, b) => b[1] - a[1]);
  console.log(`\n\n== fuzz 结束：种子 ${opts.seed}`);
  console.log(`用例 ${stats.done}，用时 ${secs.toFixed(1)} 秒，${(stats.done / secs).toFixed(0)} 例/秒（${opts.jobs} 个进程；单例平均 ${(stats.ms / Math.max(1, stats.done)).toFixed(1)} ms）`);
  console.log(`结果：生成并检查 PDF ${stats.pdf}（其中 ${stats.textChecked} 个用 pdftotext 核对了正文，共 ${stats.texts} 段标题/条目全文按顺序出现）${stats.pdf && !stats.textChecked ? '（pdftotext 未安装，没有核对 PDF 中的文字）' : ''}，排版成功（未生成 PDF）${stats.layout}，以错误诊断结束 ${stats.error}${stats.skipped ? `，生成器出错跳过 ${stats.skipped}` : ''}`);
  console.log(`最慢：${slow.map((s) => `#${s.index} ${Math.round(s.ms)} ms（${s.outcome}，${s.bytes} 字节）`).join('；')}`);
  console.log(`诊断代码（出现该代码的用例数）：${codes.map(([c, n]) => `${c} ${n}`).join('，')}`);
  if (stats.failures.length) {
    console.log(`失败 ${stats.failures.length} 例，输入保存在 ${opts.out}：`);
    for (const f of stats.failures.slice(0, 20)) console.log(`  #${f.index} ${f.kind}：${f.problems[0]?.split('\n')[0]}`);
    process.exitCode = 1;
  } else console.log('没有崩溃、挂起或不合格的诊断。');
}

// ---------------------------------------------------------------- parent: builds killed at random moments
/**
 * Builds the sample issue with `node bin/bulletin.js build` `--kill` times, each killed with SIGKILL
 * after a random delay spread over the whole build (most around its end, where the PDF is written).
 * After every kill the output path holds either the previous PDF, byte for byte, or the complete new
 * one (builds are deterministic), never anything else; a final build then leaves no temporary file.
 */
async function killRun() {
  const bin = path.join(path.dirname(opts.dist), 'bin', 'bulletin.js');
  const dir = path.join(os.tmpdir(), `bulletin-kill-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const input = path.join(dir, 'issue.yaml');
  const out = path.join(dir, 'out', 'issue.pdf');
  copyFileSync(path.join(ROOT, 'issues/2021-01.yaml'), input);
  const build = (killAfter) =>
    new Promise((resolve) => {
      const t = performance.now();
      const child = spawn(process.execPath, [bin, 'build', input, '-o', out], { stdio: 'ignore' });
      const timer = killAfter === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfter);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, ms: performance.now() - t });
      });
    });
  // The new PDF (the reference) and an "old" one made from a changed issue.
  const first = await build();
  if (first.code !== 0) throw new Error(`reference build failed: exit ${first.code}`);
  const reference = readFileSync(out);
  writeFileSync(input, readFileSync(input, 'utf8').replace('printed: 2021-01-29', 'printed: 2021-01-30'));
  await build();
  const old = readFileSync(out);
  copyFileSync(path.join(ROOT, 'issues/2021-01.yaml'), input);
  console.log(`kill：构建用时约 ${Math.round(first.ms)} ms；${opts.kill} 次在随机时刻 SIGKILL（${bin}）`);
  let killed = 0;
  let finished = 0;
  let bad = 0;
  let stale = 0;
  for (let i = 0; i < opts.kill; i++) {
    // Start each round from the old PDF, so that every round can catch the replacement.
    writeFileSync(out, old);
    const u = Math.random();
    const delay = u < 0.7 ? first.ms * (0.6 + 0.5 * Math.random()) : first.ms * Math.random();
    const r = await build(delay);
    if (r.signal === 'SIGKILL') killed++;
    else finished++;
    const now = readFileSync(out);
    if (!now.equals(old) && !now.equals(reference)) {
      bad++;
      const keep = path.join(opts.out, `kill-${i}.pdf`);
      mkdirSync(opts.out, { recursive: true });
      copyFileSync(out, keep);
      console.log(`\n第 ${i + 1} 次：输出既不是原有的 PDF 也不是完整的新 PDF（${now.length} 字节），已保存 ${keep}`);
    }
    stale += readdirSync(path.dirname(out)).filter((n) => n.endsWith('.tmp')).length > 0 ? 1 : 0;
    process.stdout.write(`\r${i + 1}/${opts.kill}  被杀 ${killed}  完成 ${finished}  残缺输出 ${bad}  留下临时文件的轮次 ${stale}   `);
  }
  const last = await build();
  const leftovers = readdirSync(path.dirname(out)).filter((n) => n.endsWith('.tmp'));
  console.log(`\n最后一次完整构建：退出码 ${last.code}，剩余临时文件 ${leftovers.length} 个${leftovers.length ? `：${leftovers.join('、')}` : ''}`);
  const ok = bad === 0 && last.code === 0 && leftovers.length === 0 && readFileSync(out).equals(reference);
  console.log(ok ? '输出文件从未残缺，临时文件已清理。' : '有问题，见上。');
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = ok ? 0 : 1;
}

// ---------------------------------------------------------------- parent: batches killed at random moments
/**
 * `--kill N --batch`: a folder of six issues (the sample and five months of it, different texts)
 * built by one `bulletin build <folder> -o <dir> -j 2` (worker threads), SIGKILLed N times at a
 * random moment of the batch. After every kill each output is the previous PDF, byte for byte, or
 * its complete new one (never a partial PDF, never one issue's bytes under another's name); the
 * final uninterrupted rerun exits 0, writes every PDF as built alone, and leaves no temporary file
 * (the killed runs' ones are cleared by the rerun).
 */
async function killBatchRun() {
  const bin = path.join(path.dirname(opts.dist), 'bin', 'bulletin.js');
  const dir = path.join(os.tmpdir(), `bulletin-kill-batch-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  const inDir = path.join(dir, 'in');
  const outDir = path.join(dir, 'out');
  mkdirSync(inDir, { recursive: true });
  const sample = readFileSync(path.join(ROOT, 'issues/2021-01.yaml'), 'utf8');
  const names = [];
  for (let m = 1; m <= 6; m++) {
    const mm = String(m).padStart(2, '0');
    // Each month lengthens a different item, so the six PDFs differ.
    const lines = sample.split('\n');
    const items = lines.map((l, i) => (/^      - /.test(l) ? i : -1)).filter((i) => i >= 0);
    lines[items[(m * 3) % items.length]] += `（${m}月补记）`;
    writeFileSync(path.join(inDir, `2021-${mm}.yaml`), lines.join('\n').replace(/^period: .*$/m, `period: 2021-${mm}`).replace(/^printed: .*$/m, `printed: 2021-${mm}-28`));
    names.push(`2021-${mm}`);
  }
  const build = (killAfter) =>
    new Promise((resolve) => {
      const t = performance.now();
      const child = spawn(process.execPath, [bin, 'build', inDir, '-o', outDir, '-j', '2'], { stdio: 'ignore' });
      const timer = killAfter === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfter);
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        resolve({ code, signal, ms: performance.now() - t });
      });
    });
  const pdfOf = (n) => path.join(outDir, `${n}.pdf`);
  const read = (n) => (existsSync(pdfOf(n)) ? readFileSync(pdfOf(n)) : undefined);
  const first = await build();
  if (first.code !== 0) {
    const r = spawnSync(process.execPath, [bin, "build", inDir, "-o", outDir, "-j", "2"], { encoding: "utf8" });
    throw new Error(`reference batch failed: exit ${first.code}\n${r.stderr.slice(0, 2000)}`);
  }
  const reference = names.map(read);
  // The "old" PDFs: the same issues printed a day later.
  for (const n of names) writeFileSync(path.join(inDir, `${n}.yaml`), readFileSync(path.join(inDir, `${n}.yaml`), 'utf8').replace(/^printed: (\d+-\d+)-28$/m, 'printed: $1-27'));
  await build();
  const old = names.map(read);
  for (const n of names) writeFileSync(path.join(inDir, `${n}.yaml`), readFileSync(path.join(inDir, `${n}.yaml`), 'utf8').replace(/^printed: (\d+-\d+)-27$/m, 'printed: $1-28'));
  console.log(`kill --batch：6 个期刊、2 个工作线程的批量构建约 ${Math.round(first.ms)} ms；${opts.kill} 次在随机时刻 SIGKILL`);
  let killed = 0;
  let bad = 0;
  let partial = 0;
  const outcomes = { old: 0, new: 0 };
  for (let i = 0; i < opts.kill; i++) {
    names.forEach((n, k) => writeFileSync(pdfOf(n), old[k]));
    const r = await build(first.ms * Math.random() * 1.1);
    if (r.signal === 'SIGKILL') killed++;
    names.forEach((n, k) => {
      const now = read(n);
      if (now?.equals(old[k])) outcomes.old++;
      else if (now?.equals(reference[k])) outcomes.new++;
      else {
        bad++;
        mkdirSync(opts.out, { recursive: true });
        const keep = path.join(opts.out, `kill-batch-${i}-${n}.pdf`);
        if (now) writeFileSync(keep, now);
        console.log(`\n第 ${i + 1} 次：${n}.pdf 既不是原有的 PDF 也不是完整的新 PDF（${now?.length ?? '无'} 字节）${now ? `，已保存 ${keep}` : ''}`);
      }
    });
    if (readdirSync(outDir).some((f) => f.endsWith('.tmp'))) partial++;
    if (process.stdout.isTTY) process.stdout.write(`\r${i + 1}/${opts.kill}  被杀 ${killed}  残缺 ${bad}   `);
  }
  const last = await build();
  const leftovers = readdirSync(outDir).filter((n) => n.endsWith('.tmp'));
  const allNew = names.every((n, k) => read(n)?.equals(reference[k]));
  console.log(`\nkill --batch：${opts.kill} 次（被杀 ${killed} 次），各输出在被杀后：原有的 ${outcomes.old} 个、完整的新 PDF ${outcomes.new} 个、残缺 ${bad} 个；有临时文件留下的轮次 ${partial}`);
  console.log(`最后一次完整重跑：退出码 ${last.code}，6 个 PDF ${allNew ? "都与未被打断的构建相同" : "有与未被打断的构建不同的"}，剩余临时文件 ${leftovers.length} 个${leftovers.length ? `：${leftovers.join('、')}` : ''}`);
  const ok = bad === 0 && last.code === 0 && allNew && leftovers.length === 0;
  console.log(ok ? '批量构建被杀时从未留下残缺的 PDF，重跑完成并清理了临时文件。' : '有问题，见上。');
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = ok ? 0 : 1;
}

// ---------------------------------------------------------------- --files: the CLI on hostile paths
async function filesRun() {
  const files = await import(pathToFileURL(path.join(ROOT, 'tests/fuzz/files.mjs')).href);
  const bin = path.join(ROOT, 'bin', 'bulletin.js');
  const root = files.caseRoot();
  const sample = readFileSync(path.join(ROOT, 'issues/2021-01.yaml'));
  const samplePdf = path.join(root, 'sample.pdf');
  await new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [bin, 'build', path.join(ROOT, 'issues/2021-01.yaml'), '-o', samplePdf], { stdio: 'ignore' });
    c.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`fuzz：无法生成样例 PDF（退出码 ${code}）`))));
  });
  const full = files.mountFull(root);
  const env = {
    bin,
    root,
    sample,
    samplePdf: readFileSync(samplePdf),
    sampleTxt: Buffer.from('上海市安全生产协会信息动态\n2021年第1期\n【工作动态】\n1月14日，协会召开了2020年安全生产标准化评审工作总结会。\n报：市应急管理局\n2021年1月29日印发\n'),
    fuzzed: (i) => gen.caseAt(opts.seed, i % 100_000).bytes,
    asNobody: files.canRunAsNobody(bin),
    full,
    timeoutMs: 30_000,
  };
  console.log(`fuzz --files：${opts.files} 个用例，种子 ${opts.seed}，${opts.jobs} 个并行；以 uid 65534 运行：${env.asNobody ? '是' : '否（不是 root，或该用户读不到程序）'}；已满的磁盘：${full ? '是（tmpfs）' : '否（无法挂载 tmpfs）'}`);
  const t0 = performance.now();
  const stats = { done: 0, failures: [], byCommand: new Map(), byCode: new Map(), slowest: [] };
  let next = 0;
  let fullQueue = Promise.resolve();
  const fullDisk = (run) => {
    const p = fullQueue.then(run);
    fullQueue = p.catch(() => undefined);
    return p;
  };
  const lane = async () => {
    while (next < opts.files) {
      const s = files.scenarioAt(opts.seed, next++);
      // The full disk is shared: one case at a time on it, so another case's temp file in flight
      // is not taken for this one's leftover.
      const r = s.output === 'full' ? await fullDisk(() => files.runScenario(s, env)) : await files.runScenario(s, env);
      stats.done++;
      const k = `${s.command}`;
      stats.byCommand.set(k, (stats.byCommand.get(k) ?? 0) + 1);
      stats.byCode.set(String(r.code), (stats.byCode.get(String(r.code)) ?? 0) + 1);
      stats.slowest.push({ ms: r.ms, what: r.what });
      stats.slowest = stats.slowest.sort((a, b) => b.ms - a.ms).slice(0, 3);
      if (r.problems.length) {
        mkdirSync(opts.out, { recursive: true });
        const file = path.join(opts.out, `files-${opts.seed}-${s.index}.json`);
        writeFileSync(file, JSON.stringify({ seed: opts.seed, scenario: s, problems: r.problems, replay: `node scripts/fuzz.mjs --files 1 --seed ${opts.seed} --from ${s.index}` }, null, 2));
        stats.failures.push({ index: s.index, problems: r.problems });
        console.log(`\n失败 #${s.index}：${r.problems[0].split('\n')[0]}\n  已保存 ${file}`);
      }
      if (process.stdout.isTTY) process.stdout.write(`\r${stats.done}/${opts.files}  失败 ${stats.failures.length}   `);
    }
  };
  next = opts.from ?? 0;
  const end = next + opts.files;
  opts.files = end;
  try {
    await Promise.all(Array.from({ length: opts.jobs }, lane));
  } finally {
    files.unmount(full);
    rmSync(root, { recursive: true, force: true });
  }
  const s = (performance.now() - t0) / 1000;
  console.log(`\nfuzz --files：${stats.done} 个用例，${s.toFixed(0)} 秒，失败 ${stats.failures.length}`);
  console.log(`  各命令：${[...stats.byCommand].sort().map(([k, v]) => `${k} ${v}`).join('，')}`);
  console.log(`  退出码：${[...stats.byCode].sort().map(([k, v]) => `${k}: ${v}`).join('，')}`);
  console.log(`  最慢：${stats.slowest.map((x) => `${x.ms} ms ${x.what}`).join('\n        ')}`);
  process.exitCode = stats.failures.length ? 1 : 0;
}
