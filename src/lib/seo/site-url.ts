// The site's public address comes from the SITE_URL environment variable at build time
// (astro.config.mjs). Without it the build still works, with a placeholder address that can never
// resolve, and a production build says so once (src/integrations/site-url.ts).

/** The address used when SITE_URL is not set: `.example` is a reserved name that never resolves. */
export const PLACEHOLDER_SITE_URL = 'https://deceptive-alignment.example/';

/** Whether SITE_URL counts as set: an empty or blank value is treated as missing. */
export function hasSiteUrl(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/**
 * The site's address from SITE_URL's value, or the placeholder when it is missing. A value that is
 * not an absolute http(s) URL is a mistake worth stopping the build for, not a reason to guess.
 */
export function siteUrl(value: string | undefined): string {
  if (!hasSiteUrl(value)) return PLACEHOLDER_SITE_URL;
  const raw = value.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SITE_URL must be an absolute address such as https://example.org/, not "${raw}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`SITE_URL must be an http or https address such as https://example.org/, not "${raw}"`);
  }
  return url.href;
}

/** The one-time warning for a production build without SITE_URL, or undefined when none is due. */
export function siteUrlWarning(value: string | undefined, command: string): string | undefined {
  if (command !== 'build' || hasSiteUrl(value)) return undefined;
  return (
    `SITE_URL is not set, so canonical links, og:url, sitemap.xml and robots.txt point to the placeholder ` +
    `${PLACEHOLDER_SITE_URL}, which no one can reach. Set it for a real deployment, e.g. ` +
    `SITE_URL=https://your-host.example/ npm run build (README, "Deploying").`
  );
}
