/**
 * `bulletin watch`: rebuild an issue on every save. The folder is watched, not the file, because many
 * editors save by writing a new file and renaming it over the old one (the old inode, and a watch on
 * it, is gone). Events are debounced; a build never overlaps another; a failed build leaves the last
 * good PDF in place (writeAtomic). The folder itself may be deleted and made again (a sync tool, a
 * restored backup): it is checked every second and watched anew. A PDF that could not be written
 * (disk full, folder read-only) is tried again, at growing intervals, until it is.
 */
import { watch as fsWatch, promises as fs, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diag.js';
import type { World } from '../world/index.js';
import { InputError, OutputError, readFileBounded, sha256Hex, writeAtomic } from '../io/files.js';
import { MAX_SOURCE_BYTES } from '../source/size.js';
import { compile } from '../index.js';
import { describeError } from '../batch/tasks.js';
import type { LayoutOptions } from '../paginate/layout.js';

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
  world: World;
  pdfa: boolean;
  /** Aborting stops the watch; the promise resolves once a running build has finished. */
  signal: AbortSignal;
  /** Quiet time after the last event before building (default 150 ms). */
  debounceMs?: number;
  /** Called after each attempt. */
  onAttempt: (a: WatchAttempt) => void;
  /**
   * Called when the file has gone (deleted, moved away; false) and when it is back (true). The
   * watch goes on meanwhile and builds the file again when it comes back.
   */
  onMissing?: (back: boolean) => void;
  /** Print-shop CMYK colours and layout options (build's --cmyk, --duplex). */
  cmyk?: boolean;
  layout?: Partial<LayoutOptions>;
  /** How often the folder is checked for having been deleted or replaced (default 1000 ms). */
  pollMs?: number;
  /** First wait before writing again after a failed write, doubled each time up to 30 s (default 1000 ms). */
  retryMs?: number;
}

/** How long a file must stay missing to be reported gone (an editor's save by rename takes less). */
const GONE_MS = 500;

/** Longest wait between two tries of a PDF that could not be written. */
const MAX_RETRY_MS = 30_000;

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
  let retry: NodeJS.Timeout | undefined;
  let retryMs = opts.retryMs ?? 1000;
  let gone = false;
  let goneTimer: NodeJS.Timeout | undefined;

  const attempt = async (): Promise<void> => {
    clearTimeout(retry);
    let bytes: Buffer;
    try {
      bytes = await readFileBounded(opts.file, MAX_SOURCE_BYTES);
    } catch (e) {
      // Mid-rename the file may be missing for a moment: the rename's own event brings us back.
      // Still missing a moment later, it has gone: said once, and it is built when it is back.
      if (e instanceof InputError && e.code === 'E_NOT_FOUND') {
        clearTimeout(goneTimer);
        goneTimer = setTimeout(() => {
          void fs.stat(opts.file).then(
            () => changed(),
            () => {
              if (gone || opts.signal.aborted) return;
              gone = true;
              lastHash = '';
              opts.onMissing?.(false);
            },
          );
        }, GONE_MS);
        return;
      }
      opts.onAttempt({ n: ++n, ok: false, diagnostics: [], error: describeError(e) });
      return;
    }
    clearTimeout(goneTimer);
    if (gone) {
      gone = false;
      opts.onMissing?.(true);
    }
    const hash = sha256Hex(bytes);
    if (hash === lastHash) return;
    lastHash = hash;
    const k = ++n;
    try {
      const r = await compile(opts.file, bytes, opts.world, { pdfa: opts.pdfa, cmyk: opts.cmyk ?? false, ...(opts.layout ? { layout: opts.layout } : {}) });
      if (!r.pdf) {
        opts.onAttempt({ n: k, ok: false, diagnostics: r.diagnostics });
        return;
      }
      await writeAtomic(opts.output, r.pdf);
      retryMs = opts.retryMs ?? 1000;
      opts.onAttempt({ n: k, ok: true, diagnostics: r.diagnostics, pages: r.laidOut?.stats.pages ?? 0, bytes: r.pdf.length });
    } catch (e) {
      if (e instanceof OutputError && !opts.signal.aborted) {
        // Not written: the same bytes must build again (no "unchanged" skip), after a while.
        lastHash = '';
        retry = setTimeout(kick, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      }
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

  const changed = (): void => {
    clearTimeout(timer);
    timer = setTimeout(kick, debounceMs);
  };
  // The watch is on the folder as it was when watched: deleted and made again, it is a new folder
  // (another inode) that the old watch never reports on. Checked by polling, then watched anew.
  let watcher: FSWatcher | undefined;
  let watchedIno: number | undefined;
  const rewatch = async (): Promise<void> => {
    const st = await fs.stat(dir).catch(() => undefined);
    const ino = st?.isDirectory() ? st.ino : undefined;
    if (ino === watchedIno && (watcher || ino === undefined)) return;
    watcher?.close();
    watcher = undefined;
    watchedIno = ino;
    if (ino === undefined || opts.signal.aborted) return;
    try {
      watcher = fsWatch(dir, { persistent: true });
    } catch {
      watchedIno = undefined;
      return;
    }
    watcher.on('change', (_event, name) => {
      // Some platforms give no name; then any change in the folder may be ours.
      if (name && name.toString() !== base) return;
      changed();
    });
    watcher.on('error', () => {
      watcher?.close();
      watcher = undefined;
      watchedIno = undefined;
    });
    // Whatever happened while unwatched (the file restored with the folder) is looked at now.
    changed();
  };
  await rewatch();
  const poll = setInterval(() => void rewatch(), opts.pollMs ?? 1000);
  kick();
  await new Promise<void>((resolve) => {
    if (opts.signal.aborted) resolve();
    else opts.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  clearInterval(poll);
  clearTimeout(timer);
  clearTimeout(goneTimer);
  clearTimeout(retry);
  watcher?.close();
  await running;
  clearTimeout(retry);
}
