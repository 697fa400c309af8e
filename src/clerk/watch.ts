/**
 * `bulletin watch`: rebuild an issue on every save. The folder is watched, not the file, because many
 * editors save by writing a new file and renaming it over the old one (the old inode, and a watch on
 * it, is gone). Events are debounced; a build never overlaps another; a failed build leaves the last
 * good PDF in place (writeAtomic).
 */
import { createHash } from 'node:crypto';
import { watch as fsWatch, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diag.js';
import type { FontSet } from '../fonts/types.js';
import { writeAtomic } from '../io/writeAtomic.js';
import { compileIssue } from './checks.js';
import { describeError } from './tasks.js';

/** One build attempt, as reported to the caller. */
export interface WatchAttempt {
  /** 1 for the build at start, then one per change seen. */
  n: number;
  ok: boolean;
  diagnostics: Diagnostic[];
  pages?: number;
  bytes?: number;
  /** Unexpected failure (file unreadable, disk full). */
  error?: string;
}

/** What {@link watchIssue} needs. */
export interface WatchOptions {
  file: string;
  output: string;
  fonts: FontSet;
  pdfa: boolean;
  /** Aborting stops the watch; the promise resolves once a running build has finished. */
  signal: AbortSignal;
  /** Quiet time after the last event before building (default 150 ms). */
  debounceMs?: number;
  /** Called after each attempt. */
  onAttempt: (a: WatchAttempt) => void;
}

/**
 * Builds `file` once, then again after every change to it, until `signal` aborts. Saves that leave
 * the bytes unchanged (an editor touching the file) do not rebuild.
 */
export async function watchIssue(opts: WatchOptions): Promise<void> {
  if (opts.signal.aborted) return;
  const dir = path.dirname(path.resolve(opts.file));
  const base = path.basename(opts.file);
  const debounceMs = opts.debounceMs ?? 150;
  let n = 0;
  let lastHash = '';
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;

  const attempt = async (): Promise<void> => {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(opts.file);
    } catch (e) {
      // Mid-rename the file may be missing for a moment: the rename's own event brings us back.
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      opts.onAttempt({ n: ++n, ok: false, diagnostics: [], error: describeError(e) });
      return;
    }
    const hash = createHash('sha256').update(bytes).digest('hex');
    if (hash === lastHash) return;
    lastHash = hash;
    const k = ++n;
    try {
      const r = await compileIssue(opts.file, bytes, { fonts: opts.fonts, pdfa: opts.pdfa });
      if (!r.pdf) {
        opts.onAttempt({ n: k, ok: false, diagnostics: r.diagnostics });
        return;
      }
      await writeAtomic(opts.output, r.pdf);
      opts.onAttempt({ n: k, ok: true, diagnostics: r.diagnostics, pages: r.laidOut?.stats.pages ?? 0, bytes: r.pdf.length });
    } catch (e) {
      opts.onAttempt({ n: k, ok: false, diagnostics: [], error: describeError(e) });
    }
  };
  /** Runs attempts back to back while changes keep arriving during a build. */
  const kick = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await attempt();
      } while (again && !opts.signal.aborted);
      running = undefined;
    })();
  };

  const watcher = fsWatch(dir, { persistent: true });
  watcher.on('change', (_event, name) => {
    // Some platforms give no name; then any change in the folder may be ours.
    if (name && name.toString() !== base) return;
    clearTimeout(timer);
    timer = setTimeout(kick, debounceMs);
  });
  watcher.on('error', () => undefined);
  kick();
  await new Promise<void>((resolve) => {
    if (opts.signal.aborted) resolve();
    else opts.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  clearTimeout(timer);
  watcher.close();
  await running;
}
