/** Worker-thread entry for batch builds from the compiled sources (dist/clerk/worker.js). */
import { serveBatch } from './serve.js';

export type { WorkerInit, WorkerRequest } from './serve.js';

serveBatch();
