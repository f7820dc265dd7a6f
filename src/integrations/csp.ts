// Every page ships finished: moved anchors written in, module scripts deferred until the page has
// painted, and a Content-Security-Policy <meta> hashing the page's own inline code (the steps are
// src/lib/security/finish-page.ts). The build finishes pages as it renders them
// (src/middleware.ts); after the build, this integration finishes whatever Astro wrote without
// rendering it (its redirect pages), found by a quick look at each page's head, so no page ships
// without its policy. Dev and the dev toolbar get no policy: Vite's dev server injects inline
// code of its own.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { hasPolicyMeta, policyOf } from '../lib/security/csp.ts';
import { blockedCodeError, FINISH_SOURCES, finishInputs, finishPage } from '../lib/security/finish-page.ts';
import { builtPageFiles, readHead } from '../build/dist.ts';

/** Base64 SHA-256 of text as UTF-8: the digest a `'sha256-…'` source names. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}

/** The policy for one page's HTML, or the reasons no hash-based policy can allow it. */
export function policyFor(html: string): { policy: string; problems: string[] } {
  return policyOf(html, sha256);
}

/** Astro integration: finishes every built page the renderer did not (see above); fails the build on inline code the policy cannot allow. */
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
        let rendered = 0;
        let after = 0;
        const text = (file: string) => readFileSync(new URL(file, root), 'utf8');
        const inputs = finishInputs(text(FINISH_SOURCES.loader), text(FINISH_SOURCES.redirects), sha256);
        for (const page of builtPageFiles(fileURLToPath(dir))) {
          if (hasPolicyMeta(readHead(page.file))) {
            rendered++;
            continue;
          }
          const done = finishPage(page.path, readFileSync(page.file, 'utf8'), inputs);
          problems.push(...done.problems);
          writeFileSync(page.file, done.html);
          after++;
        }
        if (problems.length > 0) throw blockedCodeError(problems);
        logger.info(`Content-Security-Policy: ${rendered} pages finished as they were rendered, ${after} after the build`);
      },
    },
  };
}
