// Types for the site's own client directive (src/integrations/after-paint-islands.ts), so
// `<Calculator client:afterpaint />` type-checks like Astro's built-in ones.
declare module 'astro' {
  interface AstroClientDirectives {
    /** Hydrate once the page's first screen has painted (src/scripts/hydrate-after-paint.ts). */
    'client:afterpaint'?: boolean;
  }
}
export {};
