// Registers `client:afterpaint` (src/scripts/hydrate-after-paint.ts): islands that hydrate once the
// page's first screen has painted, on the same signal as the site's other scripts.
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';

/** Astro integration: adds the `client:afterpaint` directive. */
export default function afterPaintIslands(): AstroIntegration {
  return {
    name: 'site:after-paint-islands',
    hooks: {
      'astro:config:setup': ({ addClientDirective }) => {
        addClientDirective({ name: 'afterpaint', entrypoint: fileURLToPath(new URL('../scripts/hydrate-after-paint.ts', import.meta.url)) });
      },
    },
  };
}
