/** Speed: a 74-page issue has about 1600 body lines; composing them must stay far below the render time. */
import { expect, test } from 'vitest';
import { compose } from '../../src/compose/index.js';
import { body, TIMESLIKE } from './helpers.js';
import { SAMPLE_ITEMS } from './sample.js';

test('about 1600 lines compose in well under a second (linear, cached measuring)', () => {
  const paras = Array.from({ length: 300 }, (_, k) => SAMPLE_ITEMS[k % SAMPLE_ITEMS.length]!);
  const opts = body();
  let best = Infinity;
  let lines = 0;
  for (let rep = 0; rep < 4; rep++) {
    const t0 = performance.now();
    lines = 0;
    for (const p of paras) lines += compose([{ text: p, role: 'fang', offset: 0 }], opts, TIMESLIKE).lines.length;
    best = Math.min(best, performance.now() - t0);
  }
  expect(lines).toBeGreaterThan(1600);
  // Measured ≈ 15–20 ms warm on the development machine; the bound only catches quadratic slips.
  expect(best).toBeLessThan(250);
});

test('time grows linearly with paragraph length', () => {
  const one = SAMPLE_ITEMS.join('');
  const time = (n: number): number => {
    const text = one.repeat(n);
    let best = Infinity;
    for (let rep = 0; rep < 3; rep++) {
      const t0 = performance.now();
      compose([{ text, role: 'fang', offset: 0 }], body(), TIMESLIKE);
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  time(16); // warm up
  const t2 = time(2);
  const t16 = time(16);
  // 8× the text: linear is ≈ 8× the time, quadratic would be 64×; the bound leaves room for noise.
  expect(t16 / Math.max(t2, 1)).toBeLessThan(30);
});
