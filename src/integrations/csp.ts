// After the build, gives every HTML page its Content-Security-Policy <meta>, hashing the page's
// own inline code (src/lib/security/csp.ts decides what that is and writes the policy). Runs on
// the final HTML, so it must stay the last integration that rewrites pages. Dev and the dev
// toolbar get no policy: Vite's dev server injects inline code of its own.
// The same pass first makes the page's module scripts wait until the page has loaded and painted
// (src/lib/security/after-paint.ts): the loader it adds is inline code the policy must hash, and
// one read and write of each page is cheaper than two at thousands of pages.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { contentSecurityPolicy, inlineCode, withPolicyMeta } from '../lib/security/csp.ts';
import { compactLoader, loadScriptsAfterPaint } from '../lib/security/after-paint.ts';
import { eachBuiltPage } from '../build/dist.ts';

/** Base64 SHA-256 of text as UTF-8: the digest a `'sha256-…'` source names. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** The policy for one page's HTML, or the reasons no hash-based policy can allow it. */
export function policyFor(html: string): { policy: string; problems: string[] } {
  const code = inlineCode(html);
  const policy = contentSecurityPolicy({
    scripts: code.scripts.map(sha256),
    styles: code.styles.map(sha256),
    styleAttributes: code.styleAttributes.map(sha256),
  });
  return { policy, problems: code.problems };
}

/** Astro integration: defers every built page's module scripts until it has painted, then writes the policy meta; fails the build on inline code it cannot allow. */
export default function contentSecurityPolicyIntegration(): AstroIntegration {
  let root = new URL(`file://${process.cwd()}/`);
  return {
    name: 'site:content-security-policy',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = config.root;
      },
      'astro:build:done': ({ dir, logger }) => {
        const problems: string[] = [];
        let count = 0;
        const loader = compactLoader(readFileSync(new URL('src/scripts/after-paint.js', root), 'utf8'));
        for (const page of eachBuiltPage(fileURLToPath(dir))) {
          let html: string;
          try {
            html = loadScriptsAfterPaint(page.html, loader);
          } catch (e) {
            throw new Error(`${page.path}: ${(e as Error).message}`);
          }
          const { policy, problems: found } = policyFor(html);
          problems.push(...found.map((p) => `${page.path}: ${p}`));
          writeFileSync(page.file, withPolicyMeta(html, policy));
          count += 1;
        }
        if (problems.length > 0) throw new Error(`inline code the Content-Security-Policy would block:\n  ${problems.join('\n  ')}`);
        logger.info(`Content-Security-Policy written into ${count} pages`);
      },
    },
  };
}
