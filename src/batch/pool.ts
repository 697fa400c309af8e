/**
 * Runs tasks on the machine's cores: worker threads (see {@link workerCount}), each loading fonts once
 * and reusing them for every file it is handed. One task, one worker's worth of tasks, or no compiled
 * worker (running from the TypeScript sources under vitest) → in-process with the caller's font set,
 * two tasks in flight (one computes while the other waits for zlib or the disk).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { World } from '../world/index.js';
import { describeError, runTask, type Task, type TaskResult } from './tasks.js';
import type { WorkerInit, WorkerRequest } from './serve.js';

/** How to run a batch. */
export interface PoolOptions {
  /** Parallel workers wanted (default: the number of cores). */
  jobs?: number;
  /** Fonts folder each worker loads. */
  fontsDir: string;
  /** The World for the in-process path (loaded once by the caller; each worker loads its own). */
  world: World;
  /** Compiled worker script; default: worker.js next to this module when it exists. */
  workerUrl?: URL | null;
  /** Called as each task starts and ends (in completion order). */
  onStart?: (task: Task, index: number) => void;
  onDone?: (task: Task, result: TaskResult, index: number) => void;
}

/** The worker script beside this module, or null when running from sources (no .js there). */
export function defaultWorkerUrl(): URL | null {
  const url = new URL('./worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : null;
}

/**
 * A worker pays a start-up (its own Node environment, the bundle, font parsing, a cold JIT: about
 * 0.25 s to its first file) while a warm build in-process takes 0.04–0.05 s. So by default a worker
 * is started only for every MIN_FILES_PER_WORKER files, and one core is left to the main thread,
 * V8's GC threads and zlib's thread pool. On a 2-vCPU machine, 12 issues took 0.69–0.85 s
 * in-process, 0.85–1.0 s with the main thread and one worker sharing the tasks.
 */
export const MIN_FILES_PER_WORKER = 4;

/** Number of workers for `tasks` tasks: `jobs` when given, else cores − 1, at most one per MIN_FILES_PER_WORKER tasks. 1 means in-process. */
export function workerCount(tasks: number, jobs?: number): number {
  if (jobs && jobs > 0) return Math.max(1, Math.min(jobs, tasks));
  return Math.max(1, Math.min(availableParallelism() - 1, Math.floor(tasks / MIN_FILES_PER_WORKER)));
}

/** Runs every task; results come back in task order. A failing task never stops the others. */
export async function runPool(tasks: readonly Task[], opts: PoolOptions): Promise<TaskResult[]> {
  const results: TaskResult[] = new Array(tasks.length);
  const n = workerCount(tasks.length, opts.jobs);
  const url = opts.workerUrl === undefined ? defaultWorkerUrl() : opts.workerUrl;
  if (n <= 1 || !url) {
    // Two tasks in flight: while one waits for zlib on the thread pool (its font programs) or for
    // the disk (the atomic write's flushes), the other is laid out. Still one thread of JavaScript.
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < tasks.length) {
        const i = next++;
        opts.onStart?.(tasks[i]!, i);
        results[i] = await runTask(tasks[i]!, opts.world);
        opts.onDone?.(tasks[i]!, results[i]!, i);
      }
    };
    await Promise.all([lane(), lane()]);
    return results;
  }

  // Loaded here: a one-issue build never pays for the worker machinery.
  const { Worker } = await import('node:worker_threads');
  let next = 0;
  let finished = 0;
  return new Promise<TaskResult[]>((resolve) => {
    const settle = (i: number, result: TaskResult): void => {
      results[i] = result;
      finished++;
      opts.onDone?.(tasks[i]!, result, i);
      if (finished === tasks.length) resolve(results);
    };
    const spawn = (): void => {
      const worker = new Worker(url, { workerData: { fontsDir: opts.fontsDir } satisfies WorkerInit });
      let current = -1;
      let crash: string | undefined;
      const feed = (): void => {
        if (next >= tasks.length) {
          current = -1;
          void worker.terminate();
          return;
        }
        current = next++;
        opts.onStart?.(tasks[current]!, current);
        worker.postMessage({ id: current, task: tasks[current]! } satisfies WorkerRequest);
      };
      worker.on('message', (msg: { id: number; result: TaskResult }) => {
        current = -1;
        settle(msg.id, msg.result);
        feed();
      });
      worker.on('error', (e) => {
        crash = describeError(e);
      });
      worker.on('exit', () => {
        // A worker that dies mid-task fails that task only; a fresh worker takes over the rest.
        if (current < 0) return;
        const i = current;
        current = -1;
        settle(i, { input: tasks[i]!.input, ok: false, diagnostics: [], error: crash ?? '处理此文件时工作线程意外退出' });
        if (next < tasks.length) spawn();
      });
      feed();
    };
    for (let k = 0; k < n; k++) spawn();
  });
}
