/**
 * The unit of batch work — one issue file — run the same way in a worker thread or in-process, so
 * a worker only has to load fonts once and then call {@link runTask} for every file it is handed.
 */
import type { Diagnostic } from '../diag.js';
import type { World } from '../world/index.js';
import { InputError, OutputError, readFileBounded, writeAtomic } from '../io/files.js';
import { MAX_SOURCE_BYTES } from '../source/size.js';
import type { LayoutOptions } from '../paginate/layout.js';
import type { LaidOut } from '../paginate/types.js';
import { summarizeIssue, type IssueSummary } from '../annual/annual.js';
import { compile } from '../index.js';
import type { BuildChoices } from '../archive/variant.js';

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
  /** For a PDF given to `index`: the issue file embedded in it, its build options, its name and SHA-256. */
  source?: { name: string; bytes: Uint8Array };
  choices?: BuildChoices;
  pdf?: { name: string; sha256: string };
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
  /** summary: something to tell the user (the PDF is not what this version makes of its source). */
  note?: string;
  /** The worker thread that ran it (0: the main thread). */
  thread?: number;
}

/** Runs one task with an already loaded World (fonts, colour profile); never throws. */
export async function runTask(task: Task, world: World): Promise<TaskResult> {
  try {
    if (task.kind === 'summary') {
      const bytes = task.source?.bytes ?? (await readFileBounded(task.input, MAX_SOURCE_BYTES));
      const s = await summarizeIssue(task.source?.name ?? task.input, bytes, world, { ...(task.choices ? { choices: task.choices } : {}), ...(task.pdf ? { pdf: task.pdf } : {}) });
      return {
        input: task.input,
        ok: Boolean(s.summary),
        diagnostics: s.diagnostics,
        ...(s.summary ? { summary: s.summary } : {}),
        ...(s.differs ? { note: '与本版本用其内嵌期刊文件重新排出的结果不同（由其他版本或用其他字体生成），页码按重新排出的结果' } : {}),
      };
    }
    const bytes = await readFileBounded(task.input, MAX_SOURCE_BYTES);
    const r = await compile(task.input, bytes, world, { pdfa: task.pdfa, cmyk: task.cmyk ?? false, ...(task.layout ? { layout: task.layout } : {}) });
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
