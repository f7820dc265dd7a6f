// Warns once when a production build runs without SITE_URL: the build succeeds (tests and CI build
// without it), but every canonical link, og:url and the sitemap then name a placeholder address.
import type { AstroIntegration } from 'astro';
import { siteUrlWarning } from '../lib/seo/site-url.ts';

/** Astro integration: the SITE_URL warning for `astro build`, given SITE_URL's value. */
export default function siteUrlIntegration(value: string | undefined): AstroIntegration {
  return {
    name: 'site:address',
    hooks: {
      'astro:config:setup': ({ command, logger }) => {
        const warning = siteUrlWarning(value, command);
        if (warning) logger.warn(warning);
      },
    },
  };
}
