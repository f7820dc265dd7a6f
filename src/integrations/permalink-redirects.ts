// Keeps published anchors working after content moves (content/permalinks/redirects.json):
// whole-page moves become Astro redirects (see astro.config.mjs); moved anchors are written into
// the built pages here, after the build, because an id must sit in the page's own HTML to work
// without JavaScript.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { applyAnchorRedirects, type Redirects } from '../lib/links/permalinks.ts';
import { eachBuiltPage } from '../build/dist.ts';

export const REDIRECTS_PATH = 'content/permalinks/redirects.json';

/** Reads redirects.json, naming the file when it is not a JSON object of strings. */
export function readRedirects(file = REDIRECTS_PATH): Redirects {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data) || Object.values(data).some((v) => typeof v !== 'string')) {
    throw new Error(`${file}: expected an object mapping "/old/page/#id" to "/new/page/#id"`);
  }
  return data as Redirects;
}

/** The integration: rewrites every built page that receives or loses a moved anchor. */
export default function permalinkRedirects(): AstroIntegration {
  return {
    name: 'permalink-redirects',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const redirects = readRedirects();
        if (Object.keys(redirects).length === 0) return;
        const dist = fileURLToPath(dir);
        let changed = 0;
        for (const page of eachBuiltPage(dist)) {
          const next = applyAnchorRedirects(page.path, page.html, redirects);
          if (next === page.html) continue;
          writeFileSync(page.file, next);
          changed++;
        }
        logger.info(`moved anchors written into ${changed} page(s)`);
      },
    },
  };
}
