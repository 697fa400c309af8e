/**
 * One fuzz case through the pipeline, and the checks on what comes out. Plain JavaScript shared by
 * tests/fuzz/fuzz.test.ts (sources) and scripts/fuzz.mjs (compiled dist/); the stages come in as
 * `api`, so the same checks run on both. Types in harness.d.mts.
 *
 * Rendering is the slow stage (~100+ ms a PDF against a few ms for everything before it), so a case
 * runs the stages itself — load → validate → model → preflight → compose and paginate (layout) —
 * exactly as compile() does, and only the cases `shouldRender` picks are then built completely with
 * compile() and their PDF checked.
 */

/** Time bounds per case, ms: beyond them a case counts as a failure ("slow"). */
export const LIMITS = { layoutMs: 5_000, renderMs: 20_000 };

const HAN = /[\u4e00-\u9fff]/;
const CODE = /^[EW]_[A-Z0-9_]+$/;
const JUNK = /undefined|NaN|\[object /;
/** Quoted text is the clerk's own and may say anything. */
const QUOTED = /“[^”]*”|「[^」]*」|"[^"]*"|‘[^’]*’/g;

/** Lines and longest line of the file (bytes), to bound every diagnostic's line and column. */
export function lineBounds(bytes) {
  let lines = 1;
  let longest = 0;
  let col = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) {
      lines++;
      longest = Math.max(longest, col);
      col = 0;
    } else col++;
  }
  return { lines, longest: Math.max(longest, col) };
}

/**
 * Problems with a list of diagnostics for `file`: every one positioned inside the file (line ≥ 1,
 * column ≥ 1, not past the end), with a stable code whose prefix matches its severity and a
 * Chinese message free of "undefined"/"NaN"/"[object …]".
 */
export function checkDiagnostics(file, bytes, diagnostics) {
  const problems = [];
  const { lines, longest } = lineBounds(bytes);
  for (const d of diagnostics) {
    const where = `${d.code} ${d.span?.line}:${d.span?.column}`;
    if (d.severity !== 'error' && d.severity !== 'warning') problems.push(`bad severity ${d.severity} (${where})`);
    if (!CODE.test(d.code)) problems.push(`bad code ${d.code}`);
    else if ((d.code[0] === 'E') !== (d.severity === 'error')) problems.push(`code ${d.code} with severity ${d.severity}`);
    const s = d.span;
    if (!s || s.file !== file) problems.push(`span file ${s?.file} (${where})`);
    else {
      if (!Number.isInteger(s.line) || s.line < 1 || s.line > lines) problems.push(`line ${s.line} outside 1..${lines} (${where})`);
      if (!Number.isInteger(s.column) || s.column < 1 || s.column > longest + 1) problems.push(`column ${s.column} outside 1..${longest + 1} (${where})`);
    }
    if (typeof d.message !== 'string' || !HAN.test(d.message)) problems.push(`message not Chinese: ${JSON.stringify(d.message)} (${where})`);
    const text = `${d.message}${d.hint ?? ''}`.replace(QUOTED, '');
    if (JUNK.test(text)) problems.push(`junk in message: ${JSON.stringify(text.slice(0, 200))} (${where})`);
  }
  return problems;
}

/** Problems with a PDF: it must start with %PDF- and end with %%EOF. */
export function checkPdf(pdf) {
  if (!pdf || pdf.length < 100) return [`PDF missing or tiny (${pdf?.length ?? 0} bytes)`];
  const head = Buffer.from(pdf.subarray(0, 5)).toString('latin1');
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - 32))).toString('latin1').trimEnd();
  const out = [];
  if (head !== '%PDF-') out.push(`PDF starts with ${JSON.stringify(head)}`);
  if (!tail.endsWith('%%EOF')) out.push(`PDF ends with ${JSON.stringify(tail.slice(-10))}`);
  return out;
}

const hasErrors = (ds) => ds.some((d) => d.severity === 'error');

/**
 * What the issue prints as running text, in reading order: the 编者按, each heading, each item's
 * lead-in and text, each article's credit. The masthead and 报尾 are left out (their text is
 * composed from several fields).
 */
export function printedTexts(issue) {
  const out = [];
  if (issue.note) out.push(issue.note.value);
  for (const part of issue.sections ?? []) {
    out.push(part.heading.value);
    for (const it of part.kind === 'article' ? part.paragraphs : part.items) {
      if (it.lead) out.push(it.lead.value);
      out.push(it.text.value);
    }
    if (part.kind === 'article' && part.source) out.push(part.source.value);
  }
  return out;
}

/**
 * Text as compared with what a PDF shows: NFKC, every kind of quote as one, no white space, no
 * control or format characters (the layout drops or replaces them, with a warning), no bidi marks.
 */
export function comparable(s) {
  return s
    .normalize('NFKC')
    .replace(/[“”„‟″"]/g, '"')
    .replace(/[‘’‚‛′']/g, "'")
    .replace(/[\s\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}]/gu, '');
}

/** pdftotext (poppler-utils) on `pdf`, or undefined when it is not installed. */
let pdftotextMissing = false;
async function pdfText(pdf) {
  if (pdftotextMissing) return undefined;
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 1 << 28 });
  if (r.error) {
    pdftotextMissing = true;
    return undefined;
  }
  if (r.status !== 0) throw new Error(`pdftotext failed (${r.status}): ${String(r.stderr).slice(0, 200)}`);
  return String(r.stdout);
}

/**
 * Problems with what the PDF shows (issue 19): the text pdftotext extracts must hold every printed
 * text of the issue (printedTexts), whole and in order, page numbers ("— 3 —" lines) aside. A text
 * with right-to-left characters is skipped (extraction reorders it), and so is one set in a
 * fallback font that could not show it (W_MISSING_GLYPH-like warnings, listed in `skip`).
 */
export async function checkPdfText(pdf, issue, diagnostics = []) {
  const text = await pdfText(pdf);
  if (text === undefined) return { problems: [], checked: 0 };
  const shown = comparable(text.split('\n').filter((l) => !/^\s*[—-]\s*\d+\s*[—-]\s*$/.test(l)).join('\n'));
  if (diagnostics.some((d) => d.code === 'W_RTL_TEXT')) return { problems: [], checked: 0 };
  const problems = [];
  let at = 0;
  let checked = 0;
  for (const t of printedTexts(issue)) {
    const want = comparable(t);
    if (!want) continue;
    const k = shown.indexOf(want, at);
    if (k < 0) {
      const found = shown.indexOf(want);
      problems.push(`PDF text: ${found < 0 ? 'missing' : 'out of order'}: ${JSON.stringify(t.slice(0, 60))}${found < 0 ? ` (near: ${JSON.stringify(shown.slice(at, at + 60))})` : ''}`);
      if (problems.length >= 3) break;
      continue;
    }
    at = k + want.length;
    checked++;
  }
  return { problems, checked };
}

/**
 * Runs one case. `api` holds the pipeline's functions (from src/ or dist/): loadIssue, preflight,
 * textUses, layout, DEFAULT_LAYOUT, compile. Never throws: an exception is a "crash" problem.
 * Returns the outcome — 'pdf' (rendered and checked), 'layout' (laid out, not rendered) or 'error'
 * (stopped with error diagnostics) — the diagnostic codes, the time and every problem found.
 */
export async function runCase(api, world, file, bytes, shouldRender = () => false) {
  const fonts = world.fonts;
  const t0 = performance.now();
  const result = { outcome: 'error', codes: [], ms: 0, problems: [] };
  let diagnostics = [];
  try {
    const loaded = api.loadIssue(file, bytes);
    diagnostics = [...loaded.diagnostics];
    let laidOut;
    if (loaded.issue && !hasErrors(diagnostics)) {
      diagnostics.push(...api.preflight(fonts, api.textUses(loaded.issue)));
      if (!hasErrors(diagnostics)) {
        const laid = api.layout(loaded.issue, { measure: (s, r) => fonts.measure(s, r), dashCentreEm: 0.3 }, api.DEFAULT_LAYOUT);
        diagnostics.push(...laid.diagnostics);
        if (laid.laidOut && !hasErrors(diagnostics)) laidOut = laid.laidOut;
      }
    } else if (loaded.issue) result.problems.push('issue returned together with errors');
    const layoutMs = performance.now() - t0;
    if (layoutMs > LIMITS.layoutMs) result.problems.push(`slow: ${Math.round(layoutMs)} ms to lay out (limit ${LIMITS.layoutMs})`);
    if (laidOut) {
      result.outcome = 'layout';
      if (shouldRender()) {
        const t1 = performance.now();
        const r = await api.compile(file, bytes, world);
        const renderMs = performance.now() - t1;
        if (renderMs > LIMITS.renderMs) result.problems.push(`slow: ${Math.round(renderMs)} ms to build (limit ${LIMITS.renderMs})`);
        diagnostics = r.diagnostics;
        if (!r.pdf) result.problems.push(`laid out but compile() gave no PDF: ${r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.code).join(', ')}`);
        else {
          result.outcome = 'pdf';
          result.problems.push(...checkPdf(r.pdf));
          result.pdfBytes = r.pdf.length;
          if (r.issue && !result.problems.length) {
            const shown = await checkPdfText(r.pdf, r.issue, r.diagnostics);
            result.problems.push(...shown.problems);
            result.textsChecked = shown.checked;
          }
        }
      }
    } else if (!hasErrors(diagnostics)) result.problems.push('no output and no error diagnostic');
  } catch (e) {
    result.problems.push(`crash: ${e && e.stack ? e.stack : String(e)}`);
  }
  result.problems.push(...checkDiagnostics(file, bytes, diagnostics));
  result.codes = [...new Set(diagnostics.map((d) => d.code))];
  result.ms = performance.now() - t0;
  return result;
}
