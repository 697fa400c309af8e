/**
 * The loop shared by the fuzz runs (scripts/fuzz.mjs, scripts/fuzz-pdf.mjs, the --text target):
 * cases 0 … total-1 handed one at a time to `jobs` child processes. A child says `{ ready: true }`
 * once loaded, then answers each `{ index }` with a message carrying that `index`. A child that
 * does not answer within `hangMs` is killed and its case reported lost as a 'hang'; one that dies
 * with a case in hand (a fatal V8 error, out of memory) loses it as a 'crash' with the end of its
 * stderr. Lost children are replaced and the run goes on.
 */

/**
 * @param {object} o
 * @param {number} o.total cases to run
 * @param {number} o.jobs child processes at once
 * @param {number} o.hangMs longest wait for one answer
 * @param {() => import('node:child_process').ChildProcess} o.start forks a child (stdio: stderr piped, ipc)
 * @param {(m: any) => void} o.onResult each answer
 * @param {(index: number, kind: 'hang' | 'crash', problems: string[]) => void} o.onLost a case with no answer
 * @returns {Promise<void>} when every case is answered or lost and every child has exited
 */
export function runPool({ total, jobs, hangMs, start, onResult, onLost }) {
  let next = 0;
  return new Promise((resolve) => {
    if (total <= 0) return resolve();
    let running = 0;
    const startWorker = () => {
      const child = start();
      running++;
      let current;
      let timer;
      let stderr = '';
      child.stderr?.on('data', (d) => (stderr = (stderr + d).slice(-4000)));
      const dispatch = () => {
        if (next >= total) {
          child.kill();
          return;
        }
        current = next++;
        child.send({ index: current });
        timer = setTimeout(() => {
          const lost = current;
          current = undefined;
          onLost(lost, 'hang', [`hang: no answer in ${hangMs} ms`]);
          child.kill('SIGKILL');
        }, hangMs);
      };
      child.on('message', (m) => {
        if (m.ready) return dispatch();
        clearTimeout(timer);
        current = undefined;
        onResult(m);
        dispatch();
      });
      child.on('exit', (code, signal) => {
        clearTimeout(timer);
        running--;
        if (current !== undefined) {
          const lost = current;
          current = undefined;
          onLost(lost, 'crash', [`crash: child exited (code ${code}, signal ${signal})`, stderr.slice(-2000)]);
        }
        if (next < total) startWorker();
        else if (running === 0) resolve();
      });
    };
    for (let i = 0; i < Math.min(jobs, total); i++) startWorker();
  });
}

/** mulberry32, a small seeded PRNG: the same seed and index give the same case in every fuzz target. */
export function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
