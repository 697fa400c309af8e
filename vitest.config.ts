import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Builds of real PDFs and property tests share two cores with each other in CI: allow for it.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
