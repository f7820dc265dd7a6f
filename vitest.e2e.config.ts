import { defineConfig } from 'vitest/config';

// Built-site checks and browser tests: they read dist/ (run `npm run build` first) and drive
// Debian's Chromium through playwright-core. Files run one at a time to spare the two cores.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
