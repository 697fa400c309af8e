/** The setup the watch tests share: an issue in a temp folder, watched in-process, attempts recorded. */
import path from 'node:path';
import { defaultFontsDir } from '../../src/fonts/registry.js';
import { loadWorld } from '../../src/world/index.js';
import { watchIssue, type WatchAttempt } from '../../src/watch/watch.js';
import { put, smallIssue, tempDir } from '../cli/fixtures.js';

/** Waits until `cond` holds, checking every 50 ms; throws after `ms`. */
export async function until(cond: () => boolean, ms = 60_000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A running watch of `dir/2021-02.yaml` into `dir/out/2021-02.pdf`. */
export interface Watching {
  dir: string;
  file: string;
  output: string;
  /** The issue text it started with. */
  text: string;
  attempts: WatchAttempt[];
  /** onMissing's calls: false when the file went, true when it came back. */
  missing: boolean[];
  /** Resolves once at least `n` attempts have been reported. */
  seen(n: number): Promise<void>;
  /** Aborts the watch and waits for it to end. */
  stop(): Promise<void>;
}

/** Writes a one-page February issue into a fresh temp folder and starts watching it. */
export function startWatch(name: string): Watching {
  const dir = tempDir(name);
  const text = smallIssue({ period: '2021-02', printed: '2021-02-26', items: ['第一版。'] });
  const file = put(dir, '2021-02.yaml', text);
  const output = path.join(dir, 'out', '2021-02.pdf');
  const attempts: WatchAttempt[] = [];
  const missing: boolean[] = [];
  const controller = new AbortController();
  const done = watchIssue({
    file,
    output,
    world: loadWorld({ fontsDir: defaultFontsDir() }),
    pdfa: false,
    signal: controller.signal,
    onAttempt: (a) => attempts.push(a),
    onMissing: (back) => missing.push(back),
  });
  return {
    dir,
    file,
    output,
    text,
    attempts,
    missing,
    seen: (n) => until(() => attempts.length >= n),
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}
