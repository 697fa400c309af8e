/**
 * Entry of the one-file bundle that bin/bulletin.js runs (built by scripts/bundle.mjs): the CLI,
 * and the batch worker's loop for the bundle's worker stub.
 */
export { run } from './cli/main.js';
export { serveBatch } from './clerk/serve.js';
