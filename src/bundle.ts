/**
 * Entry of the one-file bundle that bin/bulletin.js runs (built by scripts/bundle.mjs): the CLI,
 * and the batch worker's loop for the bundle's worker stub.
 */
export { run } from './cli/main.js';

/** The batch worker's loop, loaded only in a worker thread. */
export async function serveBatch(): Promise<void> {
  (await import('./clerk/serve.js')).serveBatch();
}
