/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Unit tests run through Astro's Vite config, so `astro/zod` and the site's resolution rules apply.
export default getViteConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // A safety net against a hung test, not a speed check: property tests and the importer's CLI
    // runs take seconds on a loaded 2-core machine and went over vitest's 5 s default there.
    testTimeout: 30_000,
  },
});
