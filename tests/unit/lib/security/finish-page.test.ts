import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { afterPaintScripts, compactLoader } from '../../../../src/lib/security/after-paint.ts';
import { hasPolicyMeta, inlineCode, policyOf } from '../../../../src/lib/security/csp.ts';
import { finishPage, type FinishInputs } from '../../../../src/lib/security/finish-page.ts';

const hash = (text: string) => createHash('sha256').update(text, 'utf8').digest('base64');
const LOADER = compactLoader(readFileSync('src/scripts/after-paint.js', 'utf8'));
const inputs = (redirects: Record<string, string> = {}): FinishInputs => ({ loader: LOADER, redirects, hash });
const PAGE = [
  '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>t</title><style>main{margin:0}</style>',
  '<script type="module" src="/_astro/Base.abc.js"></script></head>',
  '<body><main><article id="c-new"><p>Text</p></article></main></body></html>',
].join('');

/** The policy a finished page ships, read back from its meta tag. */
function shipped(html: string): string {
  return (
    /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/
      .exec(html)?.[1]
      ?.replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&') ?? ''
  );
}

describe('finishPage', () => {
  test('defers the scripts, then hashes the page as it ships: its policy is the one its final inline code calls for', () => {
    const { html, problems } = finishPage('/threads/x/', PAGE, inputs());
    expect(problems).toEqual([]);
    expect(afterPaintScripts(html)).toEqual(['/_astro/Base.abc.js']);
    expect(html).not.toContain('type="module"');
    expect(shipped(html)).toBe(policyOf(html, hash).policy);
    // The loader is inline code, so it is among the hashes: the policy was taken after the rewrite.
    expect(inlineCode(html).scripts).toContain(LOADER);
    expect(shipped(html)).toContain(`'sha256-${hash(LOADER)}'`);
    expect(hasPolicyMeta(html)).toBe(true);
  });

  test('writes moved anchors in before hashing, on the page they moved to and only there', () => {
    const moves = { '/threads/x/#c-old': '/threads/x/#c-new' };
    const { html } = finishPage('/threads/x/', PAGE, inputs(moves));
    expect(html).toContain('<article id="c-new"><span class="anchor-alias" id="c-old"></span>');
    expect(shipped(html)).toBe(policyOf(html, hash).policy);
    expect(finishPage('/threads/y/', PAGE, inputs(moves)).html).not.toContain('c-old');
  });

  test('names the page when a moved anchor has no target on it or its scripts have nowhere to go', () => {
    expect(() => finishPage('/threads/x/', PAGE, inputs({ '/threads/x/#c-old': '/threads/x/#c-missing' }))).toThrow(
      /^\/threads\/x\/: redirect target #c-missing/,
    );
    const noBody = PAGE.replace('</body>', '');
    expect(() => finishPage('/threads/x/', noBody, inputs())).toThrow(/^\/threads\/x\/: module scripts \/_astro\/Base\.abc\.js but no <\/body>/);
  });

  test('reports inline code no policy can allow, naming the page, and still returns the page', () => {
    const { html, problems } = finishPage('/glossary/x/', PAGE.replace('<p>Text</p>', '<p onclick="go()">Text</p>'), inputs());
    expect(problems).toEqual(['/glossary/x/: <p onclick="…">: inline event handlers are blocked by the policy']);
    expect(hasPolicyMeta(html)).toBe(true);
  });
});

describe('hasPolicyMeta', () => {
  test('finds the policy tag in a page head and nothing in a page without one', () => {
    expect(hasPolicyMeta(PAGE)).toBe(false);
    expect(hasPolicyMeta(`<!doctype html><head><meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src 'self'">`)).toBe(true);
    expect(hasPolicyMeta(`<meta http-equiv=content-security-policy content="x">`)).toBe(true);
    expect(hasPolicyMeta(`<meta name="description" content="about Content-Security-Policy">`)).toBe(false);
    // The head read may stop inside a long policy (a calculator page's runs past 4 KB).
    const finished = finishPage('/threads/x/', PAGE, inputs()).html;
    expect(hasPolicyMeta(finished.slice(0, finished.indexOf('Content-Security-Policy') + 60))).toBe(true);
  });
});
