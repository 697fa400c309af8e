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
