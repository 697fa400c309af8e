/**
 * The clerk's checks on top of loadIssue/compile: placeholder text left by `bulletin new`, and a
 * plain "please fill in" for the print date it leaves empty. src/index.ts stays untouched; the CLI
 * commands call these wrappers instead of loadIssue/compile directly.
 */
import type { Diagnostic } from '../diag.js';
import { hasErrors, sortDiagnostics } from '../diag.js';
import type { CompileResult, World } from '../index.js';
import type { Issue } from '../model/types.js';
import { loadIssue } from '../source/load.js';
import { daysIn, parsePeriod, periodKey } from '../model/period.js';
import { findPlaceholders } from './placeholders.js';
import { readLenient } from '../source/lenient.js';

/** What {@link checkIssue} returns: the issue only when nothing is an error. */
export interface CheckResult {
  issue?: Issue;
  diagnostics: Diagnostic[];
}

/** loadIssue plus the clerk's checks; diagnostics sorted by position. */
export function checkIssue(file: string, bytes: Uint8Array): CheckResult {
  const loaded = loadIssue(file, bytes);
  const diagnostics = clerkDiagnostics(file, bytes, loaded.diagnostics);
  return hasErrors(diagnostics) ? { diagnostics } : { issue: loaded.issue, diagnostics };
}

/**
 * Everything `build` checks, without writing a PDF: {@link checkIssue}, then (when that passes) the
 * fonts and the layout (missing glyphs, masthead and 报尾 fit, composer warnings), so `check` fails
 * exactly when `build` does. The issue is returned only when nothing is an error.
 */
export async function checkIssueFully(file: string, bytes: Uint8Array, world: Omit<World, 'render'>): Promise<CheckResult> {
  const r = await compileIssue(file, bytes, { ...world, render: false });
  return hasErrors(r.diagnostics) || !r.issue ? { diagnostics: r.diagnostics } : { issue: r.issue, diagnostics: r.diagnostics };
}

/**
 * compile() plus the clerk's checks. A file with placeholders is not compiled at all (it must not
 * become a PDF); its other problems are still reported, all in one run.
 */
export async function compileIssue(file: string, bytes: Uint8Array, world: World): Promise<CompileResult> {
  const placeholders = findPlaceholders(file, bytes);
  if (placeholders.length) {
    const r = checkIssue(file, bytes);
    return { diagnostics: r.diagnostics, timings: {} };
  }
  // Loaded here, not above: `check` uses this module without ever loading fonts or the PDF writer.
  const { compile } = await import('../index.js');
  const r = await compile(file, bytes, world);
  return { ...r, diagnostics: clerkDiagnostics(file, bytes, r.diagnostics, []) };
}

/** Adds placeholder errors (unless given) and rewords the empty-print-date error; sorted by position. */
function clerkDiagnostics(file: string, bytes: Uint8Array, ds: readonly Diagnostic[], placeholders = findPlaceholders(file, bytes)): Diagnostic[] {
  const example = ds.some((d) => d.field === 'printed' && d.severity === 'error') ? emptyPrintedExample(file, bytes) : undefined;
  const out = ds.map((d) =>
    example && d.field === 'printed' && d.severity === 'error'
      ? { ...d, message: '请填写印发日期：现在为空', hint: `写作 YYYY-MM-DD，例如 printed: ${example}` }
      : d,
  );
  out.push(...placeholders);
  return sortDiagnostics(out);
}

/**
 * When the file has `printed:` with nothing (or "") after it — what `new` leaves — an example date in
 * the issue's own month for the message; undefined otherwise.
 */
function emptyPrintedExample(file: string, bytes: Uint8Array): string | undefined {
  const doc = readLenient(file, bytes);
  const f = doc.field('printed');
  if (!f || !(f.value === null || (typeof f.value === 'string' && f.value.trim() === ''))) return undefined;
  const p = parsePeriod(doc.field('period')?.value) ?? { year: 2021, month: 1 };
  return `${periodKey(p)}-${String(Math.min(28, daysIn(p))).padStart(2, '0')}`;
}
