// After the build, gives every HTML page its Content-Security-Policy <meta>, hashing the page's
// own inline code (src/lib/security/csp.ts decides what that is and writes the policy). Runs on
// the final HTML, so it must stay the last integration that rewrites pages. Dev and the dev
// toolbar get no policy: Vite's dev server injects inline code of its own.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { contentSecurityPolicy, inlineCode, withPolicyMeta } from '../lib/security/csp.ts';
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

/** Astro integration: writes the policy meta into every built page; fails the build on inline code it cannot allow. */
export default function contentSecurityPolicyIntegration(): AstroIntegration {
  return {
    name: 'site:content-security-policy',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const problems: string[] = [];
        let count = 0;
        for (const page of eachBuiltPage(fileURLToPath(dir))) {
          const { policy, problems: found } = policyFor(page.html);
          problems.push(...found.map((p) => `${page.path}: ${p}`));
          writeFileSync(page.file, withPolicyMeta(page.html, policy));
          count += 1;
        }
        if (problems.length > 0) throw new Error(`inline code the Content-Security-Policy would block:\n  ${problems.join('\n  ')}`);
        logger.info(`Content-Security-Policy written into ${count} pages`);
      },
    },
  };
}
