/**
 * The unit of batch work — one issue file — run the same way in a worker thread or in-process, so
 * a worker only has to load fonts once and then call {@link runTask} for every file it is handed.
 */
import type { Diagnostic } from '../diag.js';
import type { FontSet } from '../fonts/types.js';
import { InputError, OutputError, readFileBounded, writeAtomic } from '../io/files.js';
import { MAX_SOURCE_BYTES } from '../source/size.js';
import type { LayoutOptions } from '../paginate/layout.js';
import type { LaidOut } from '../paginate/types.js';
import { summarizeIssue, type IssueSummary } from '../annual/annual.js';
import { compile } from '../index.js';

/** Build `input` into the PDF `target`. */
export interface BuildTask {
  kind: 'build';
  input: string;
  target: string;
  pdfa: boolean;
  /** Print-shop CMYK colours (plain PDF). */
  cmyk?: boolean;
  /** Composition choices from the command line (禁则 level, hanging punctuation). */
  layout?: Partial<Pick<LayoutOptions, 'kinsoku' | 'hangPunctuation' | 'duplex' | 'marker' | 'latin'>>;
}

/** Lay out `input` and report where each item starts (for the annual index). */
export interface SummaryTask {
  kind: 'summary';
  input: string;
}

export type Task = BuildTask | SummaryTask;

/** What became of one file. Plain data: it crosses the worker boundary by structured clone. */
export interface TaskResult {
  input: string;
  /** True when the PDF was written (build) or the summary made (summary). */
  ok: boolean;
  diagnostics: Diagnostic[];
  /** Unexpected failure (unreadable file, disk full, a crash), in Chinese. */
  error?: string;
  /** build: pages and size of the PDF written, and the layout report. */
  pages?: number;
  bytes?: number;
  report?: Pick<LaidOut, 'events' | 'stats' | 'nameSizePt'>;
  /** summary: the issue's index entries. */
  summary?: IssueSummary;
  /** The worker thread that ran it (0: the main thread). */
  thread?: number;
}

/** Runs one task with an already loaded font set; never throws. */
export async function runTask(task: Task, fonts: FontSet): Promise<TaskResult> {
  try {
    const bytes = await readFileBounded(task.input, MAX_SOURCE_BYTES);
    if (task.kind === 'summary') {
      const s = await summarizeIssue(task.input, bytes, fonts);
      return { input: task.input, ok: Boolean(s.summary), diagnostics: s.diagnostics, ...(s.summary ? { summary: s.summary } : {}) };
    }
    const r = await compile(task.input, bytes, { fonts, pdfa: task.pdfa, cmyk: task.cmyk ?? false, ...(task.layout ? { layout: task.layout } : {}) });
    if (!r.pdf) return { input: task.input, ok: false, diagnostics: r.diagnostics };
    await writeAtomic(task.target, r.pdf);
    const lo = r.laidOut;
    return {
      input: task.input,
      ok: true,
      diagnostics: r.diagnostics,
      pages: lo?.stats.pages ?? 0,
      bytes: r.pdf.length,
      ...(lo ? { report: { events: lo.events, stats: lo.stats, nameSizePt: lo.nameSizePt } } : {}),
    };
  } catch (e) {
    return { input: task.input, ok: false, diagnostics: [], error: describeError(e) };
  }
}

/** A thrown error as one Chinese line for the summary. */
export function describeError(e: unknown): string {
  if (e instanceof OutputError || e instanceof InputError) return e.message;
  const err = e as NodeJS.ErrnoException;
  if (err?.code === 'ENOENT') return `找不到文件“${err.path ?? ''}”`;
  if (err?.code === 'EACCES' || err?.code === 'EPERM') return `没有权限读写“${err.path ?? ''}”`;
  if (err?.code === 'ENOSPC') return '磁盘已满';
  return `内部错误：${err?.message ?? String(e)}`;
}
