#!/usr/bin/env node
/**
 * `npm run fuzz -- --csv [N] [--seed S]`: the CSV that `bulletin index` writes beside its PDF
 * (annualCsv in dist/; `npm run build` first), on N (default 20 000) random years of issues whose
 * section titles and item openings are hostile: commas, quotes, CR/LF, leading = + - @ tab and
 * CR (formula injection), numbers such as -5 or +3.5, CJK, emoji, long cells. Each CSV is parsed back
 * by an independent reader, Python's csv module (python3, batched), and checked:
 * - a UTF-8 BOM, CRLF line ends, the header row as first row, every row as many cells as it;
 * - one row per item, in order, each cell round-tripping: the value written, or (for a cell a
 *   spreadsheet would run as a formula: it begins with = + - @, a tab or a CR and is not a plain
 *   number) the value with an apostrophe before it;
 * - no parsed cell that a spreadsheet would evaluate (the rule above, checked on the output).
 * Failing cases are saved in output/fuzz-failures/csv-<seed>-<index>.json. Exit code 1 on any.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { rng } from './fuzz-pool.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const o = { cases: 20_000, seed: Date.now() % 2 ** 31, out: path.join(ROOT, 'output', 'fuzz-failures'), dist: path.join(ROOT, 'dist'), batch: 500 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--csv') continue;
    if (a === '--seed') o.seed = Number(argv[++i]);
    else if (a === '--out') o.out = path.resolve(argv[++i]);
    else if (a === '--dist') o.dist = path.resolve(argv[++i]);
    else if (/^[0-9]+$/.test(a)) o.cases = Number(a);
    else {
      console.error(`fuzz --csv：不认识的参数“${a}”`);
      process.exit(2);
    }
  }
  return o;
}


const PIECES = ['=', '+', '-', '@', '\t', '\r', '\n', '\r\n', ',', '"', '""', "'", ' ', '，', '“', '”', '=HYPERLINK("http://x","点我")', '=1+2', '-5', '+3.5', '12', '-1-2', '@SUM(A1)', 'cmd|\' /C calc\'!A0', '协会', '工作动态', '【安全培训】', '1月25日', '😀', 'é', '\u3000', '\\', ';', '0x10', '1e21'];

/** A hostile cell: 0–6 pieces, sometimes a long run, sometimes exactly a number. */
function cell(r) {
  const u = r();
  if (u < 0.08) return ['-5', '+3.5', '12', '-0', '+0.25', '-1-2', '-', '+'][Math.floor(r() * 8)];
  if (u < 0.1) return '协'.repeat(1 + Math.floor(r() * 2000));
  const n = Math.floor(r() * 7);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(r() * PIECES.length)];
  return s;
}

/** Case `index`: a year of 1–4 issues of 1–4 sections of 1–5 items. */
export function makeCase(seed, index) {
  const r = rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const issues = [];
  const n = 1 + Math.floor(r() * 4);
  for (let i = 0; i < n; i++) {
    const sections = Array.from({ length: 1 + Math.floor(r() * 4) }, () => ({
      title: cell(r),
      items: Array.from({ length: 1 + Math.floor(r() * 5) }, () => ({ opening: cell(r), page: 1 + Math.floor(r() * 9) })),
    }));
    issues.push({
      file: `2021-${String(i + 1).padStart(2, '0')}.yaml`,
      publication: cell(r) || '信息动态',
      editor: cell(r) || '办公室',
      period: { year: 2021, month: i + 1 },
      ...(r() < 0.7 ? { number: 1 + Math.floor(r() * 9999) } : {}),
      ...(r() < 0.5 ? { total: 1 + Math.floor(r() * 99999) } : {}),
      printed: { year: 2021, month: i + 1, day: 28 },
      pages: 9,
      sections,
    });
  }
  return issues;
}

/** What a spreadsheet must be shown for `v` (README, "The index CSV"): the value, or 'value when it would run as a formula. */
function expectedCell(v) {
  const risky = /^[=+\-@\t\r]/.test(v) && !/^[-+]?[0-9]+(\.[0-9]+)?$/.test(v);
  return risky ? `'${v}` : v;
}
const evaluates = (v) => /^[=+\-@\t\r]/.test(v) && !/^[-+]?[0-9]+(\.[0-9]+)?$/.test(v);

/** Every CSV parsed by Python's csv module (one process for the batch). */
function parseAll(csvs) {
  const py = `
import csv, io, json, sys
out = []
for text in json.load(sys.stdin):
    try:
        out.append({"rows": list(csv.reader(io.StringIO(text, newline=""), strict=True))})
    except Exception as e:
        out.append({"error": repr(e)})
json.dump(out, sys.stdout)
`;
  const r = spawnSync('python3', ['-c', py], { input: JSON.stringify(csvs), maxBuffer: 1 << 30, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 csv failed: ${r.stderr || r.error}`);
  return JSON.parse(r.stdout);
}

/** The module holding annualCsv, wherever the layout of dist/ puts it. */
async function findAnnual(dist) {
  const stack = [dist];
  while (stack.length) {
    const d = stack.pop();
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && e.name !== 'bundle') stack.push(p);
      else if (e.name.endsWith('.js') && /export function annualCsv\b/.test(readFileSync(p, 'utf8'))) return import(pathToFileURL(p).href);
    }
  }
  throw new Error(`fuzz --csv：在 ${dist} 中找不到 annualCsv，请先运行 npm run build`);
}

export async function main(argv) {
  const opts = parseArgs(argv);
  if (!existsSync(opts.dist)) throw new Error('fuzz --csv：dist/ 不存在，请先运行 npm run build');
  const annual = await findAnnual(opts.dist);
  const header = [...annual.CSV_HEADER];
  console.log(`fuzz --csv：${opts.cases} 个用例，种子 ${opts.seed}，列：${header.join(',')}（由 python3 的 csv 模块读回）`);
  const t0 = performance.now();
  const stats = { done: 0, rows: 0, cells: 0, defused: 0, failures: [] };
  for (let from = 0; from < opts.cases; from += opts.batch) {
    const indices = Array.from({ length: Math.min(opts.batch, opts.cases - from) }, (_, k) => from + k);
    const cases = indices.map((i) => makeCase(opts.seed, i));
    const csvs = cases.map((issues) => annual.annualCsv(issues, 2021));
    const parsed = parseAll(csvs.map((c) => c.replace(/^\uFEFF/, '')));
    indices.forEach((index, k) => {
      const problems = [];
      const csv = csvs[k];
      const p = parsed[k];
      if (!csv.startsWith('\uFEFF')) problems.push('no UTF-8 BOM');
      if (/(^|[^\r])\n/.test(csv.replace(/"(?:[^"]|"")*"/g, ''))) problems.push('a line end outside quotes is not CRLF');
      if (p.error) problems.push(`not valid CSV: ${p.error}`);
      else {
        const rows = p.rows;
        if (JSON.stringify(rows[0]) !== JSON.stringify(header)) problems.push(`header ${JSON.stringify(rows[0])}`);
        const want = [];
        for (const s of cases[k]) for (const sec of s.sections) sec.items.forEach((it, j) => want.push({ s, sec, it, j }));
        if (rows.length - 1 !== want.length) problems.push(`${rows.length - 1} rows for ${want.length} items`);
        rows.forEach((row, r) => {
          if (row.length !== header.length) problems.push(`row ${r}: ${row.length} cells, not ${header.length}`);
          for (const c of row) if (r > 0 && evaluates(c)) problems.push(`row ${r}: a cell a spreadsheet would evaluate: ${JSON.stringify(c.slice(0, 40))}`);
        });
        want.forEach((w, i) => {
          const row = rows[i + 1];
          if (!row) return;
          const byName = Object.fromEntries(header.map((h, c) => [h, row[c]]));
          const expect = { section: expectedCell(w.sec.title), opening: expectedCell(w.it.opening), page: String(w.it.page), item_index: String(w.j + 1) };
          for (const [name, v] of Object.entries(expect)) {
            if (name in byName && byName[name] !== v) problems.push(`row ${i + 1} ${name}: ${JSON.stringify(byName[name]?.slice(0, 40))}, expected ${JSON.stringify(v.slice(0, 40))}`);
          }
          stats.cells += row.length;
          if (expect.section !== w.sec.title) stats.defused++;
          if (expect.opening !== w.it.opening) stats.defused++;
        });
        stats.rows += rows.length - 1;
      }
      stats.done++;
      if (problems.length) {
        mkdirSync(opts.out, { recursive: true });
        const file = path.join(opts.out, `csv-${opts.seed}-${index}.json`);
        writeFileSync(file, JSON.stringify({ seed: opts.seed, index, problems: problems.slice(0, 20), issues: cases[k], csv }, null, 2));
        stats.failures.push({ index, problem: problems[0] });
        if (stats.failures.length <= 10) console.log(`失败 #${index}：${problems[0]}\n  已保存 ${file}`);
      }
    });
    if (process.stdout.isTTY) process.stdout.write(`\r${stats.done}/${opts.cases}  失败 ${stats.failures.length}   `);
  }
  const secs = (performance.now() - t0) / 1000;
  console.log(`\nfuzz --csv：${stats.done} 个用例（${stats.rows} 行、${stats.cells} 个单元格，其中 ${stats.defused} 个标题/开头按公式注入规则加了撇号），${secs.toFixed(1)} 秒，失败 ${stats.failures.length}`);
  process.exitCode = stats.failures.length ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv.slice(2));
