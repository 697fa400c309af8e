/**
 * Entry of the one-file bundle that bin/bulletin.js runs (built by scripts/bundle.mjs): the CLI,
 * and the batch worker's loop for the bundle's worker stub.
 */
export { run } from './cli/main.js';

/** The batch worker's loop, loaded only in a worker thread. */
export async function serveBatch(): Promise<void> {
  (await import('./batch/serve.js')).serveBatch();
}

/** What `npm run bench` times stage by stage, as the CLI runs it (from the bundle and its cache). */
export async function library(): Promise<{
  compile: typeof import('./index.js').compile;
  loadWorld: typeof import('./world/index.js').loadWorld;
  defaultFontsDir: typeof import('./fonts/registry.js').defaultFontsDir;
  writeAtomic: typeof import('./io/writeAtomic.js').writeAtomic;
}> {
  const [{ compile, loadWorld }, { defaultFontsDir }, { writeAtomic }] = await Promise.all([
    import('./index.js'),
    import('./fonts/registry.js'),
    import('./io/writeAtomic.js'),
  ]);
  return { compile, loadWorld, defaultFontsDir, writeAtomic };
}
