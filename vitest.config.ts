/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Unit tests run through Astro's Vite config, so `astro/zod` and the site's resolution rules apply.
export default getViteConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
  },
});
