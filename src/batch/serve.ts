/**
 * The batch worker's loop: loads the font set once (fonts are opened lazily and then stay parsed,
 * which is most of the first file's cost) and runs every task it is sent. Started by worker.js
 * (compiled sources) or by the bundle's worker stub (see scripts/bundle.mjs).
 */
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { loadWorld } from '../world/index.js';
import { runTask, type Task } from './tasks.js';

/** Data each worker is started with. */
export interface WorkerInit {
  fontsDir: string;
}

/** A task as sent to the worker, and its answer. */
export interface WorkerRequest {
  id: number;
  task: Task;
}

/** Serves tasks on this worker thread's port; does nothing on the main thread. */
export function serveBatch(): void {
  if (!parentPort) return;
  const port = parentPort;
  // One World per worker, for every task it is sent: faces stay opened, subsets cached.
  const world = loadWorld({ fontsDir: (workerData as WorkerInit).fontsDir });
  port.on('message', (msg: WorkerRequest) => {
    void runTask(msg.task, world).then((result) => port.postMessage({ id: msg.id, result: { ...result, thread: threadId } }));
  });
}
