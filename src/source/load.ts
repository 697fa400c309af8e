/** The front half of the pipeline: issue file bytes → typed Issue, or every problem found. */
import { hasErrors, sortDiagnostics, withPlaces, type Diagnostic } from '../diag.js';
import { sectionNamesOf } from '../schema/nodes.js';
import { buildIssue } from '../model/build.js';
import type { Issue } from '../model/types.js';
import { checkPlaceholders } from '../schema/placeholders.js';
import { checkCounts, checkSemantics } from '../schema/semantic.js';
import { validateSchema } from '../schema/validate.js';
import { loadSource, toData, type LoadSourceOptions } from './parse.js';

/** What {@link loadIssue} returns: the issue when there is no error, and all diagnostics (sorted). */
export interface LoadIssueResult {
  issue?: Issue;
  diagnostics: Diagnostic[];
}

/**
 * Runs decode → parse → schema → semantic checks → model. Decoding and YAML errors stop the run
 * (the tree is then unreliable), and so do too many sections, items or units (E_TOO_MANY); schema
 * and semantic problems are all collected in one run. Placeholder text left by `bulletin new`
 * (E_PLACEHOLDER) is reported whenever the YAML parsed, beside whatever else is wrong.
 * `issue` is present exactly when no diagnostic is an error. Warnings never block.
 *
 * @example
 * const { issue, diagnostics } = loadIssue('issues/2021-01.yaml', await readFile('issues/2021-01.yaml'));
 * for (const d of diagnostics) console.error(formatDiagnostic(d));
 */
export function loadIssue(file: string, bytes: Uint8Array, options: LoadSourceOptions = {}): LoadIssueResult {
  const parsed = loadSource(file, bytes, options);
  if (!parsed.doc) return { diagnostics: sortDiagnostics(withPlaces(parsed.diagnostics)) };
  // Every message names its place as the clerk sees it, the section by its title.
  const names = sectionNamesOf(parsed.doc);
  const sort = (ds: Diagnostic[]): Diagnostic[] => sortDiagnostics(withPlaces(ds, names));
  const placeholders = checkPlaceholders(parsed.doc, parsed.locator, parsed.text);
  if (hasErrors(parsed.diagnostics)) return { diagnostics: sort([...parsed.diagnostics, ...placeholders]) };
  // Too many sections, items or units: say so alone, before validating thousands of nodes.
  const counts = checkCounts(parsed.doc, parsed.locator);
  if (counts.length > 0) return { diagnostics: sort([...parsed.diagnostics, ...counts, ...placeholders]) };
  const diagnostics = [
    ...parsed.diagnostics,
    ...placeholders,
    ...validateSchema(parsed.doc, toData(parsed.doc), parsed.locator),
    ...checkSemantics(parsed.doc, parsed.locator),
  ];
  const sorted = sort(diagnostics);
  if (hasErrors(sorted)) return { diagnostics: sorted };
  return { issue: buildIssue(file, bytes, parsed), diagnostics: sorted };
}

export { sortDiagnostics } from '../diag.js';
