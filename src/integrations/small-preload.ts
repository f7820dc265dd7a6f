// Vite's build wraps every dynamic import() in the browser code with its preload helper, a module
// named `\0vite/preload-helper.js` whose code Vite writes itself. This integration answers that
// module first, with a re-export of src/scripts/preload.ts, which keeps the one part of the helper
// this site uses (modulepreload hints for a chunk's files) at about a tenth of its size.
// If a Vite release renames the module, the swap stops silently and Vite's own helper returns:
// tests/e2e/budgets.test.ts then fails twice (a chunk carries Vite's helper; and the reading pages'
// JavaScript budget), which is how we would find out.
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';

/** Vite's id for its preload helper module (its build import-analysis plugin). */
export const VITE_PRELOAD_HELPER = '\0vite/preload-helper.js';

/** Astro integration: the built site's dynamic imports use src/scripts/preload.ts as their preload helper. */
export default function smallPreload(): AstroIntegration {
  const helper = fileURLToPath(new URL('../scripts/preload.ts', import.meta.url));
  return {
    name: 'site:small-preload',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'site:small-preload',
                enforce: 'pre',
                apply: 'build',
                load: {
                  filter: { id: new RegExp(`^${VITE_PRELOAD_HELPER.replace(/[.\\/]/g, '\\$&')}$`) },
                  handler: () => `export { preload as __vitePreload } from ${JSON.stringify(helper)};`,
                },
              },
            ],
          },
        });
      },
    },
  };
}
