// Hardening of the built site: every page carries a Content-Security-Policy that matches its own
// inline code, and in Chromium no page (nor search, nor a calculator in use) asks another origin
// for anything or trips the policy. Pages are discovered from dist/, so new ones are covered.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import type { HTMLElement } from 'node-html-parser';
import { policyFor } from '../../src/integrations/csp.ts';
import { STYLE_CLASS_PREFIX } from '../../src/lib/security/style-classes.ts';
import { dom, expectNone, expectSome, pagePaths, pages, startSession, type Session } from './helpers.ts';

const allPages = pagePaths(/(\/|\.html)$/);
const calculatorPages = allPages.filter((p) => dom(p).querySelector('[data-calculator] form'));
const withHeaderSearch = allPages.filter((p) => dom(p).querySelector('#site-search-input'));

/** The policy a built page ships in its meta tag (`null` when it has none). */
function shippedPolicy(path: string): string | null {
  const metas = dom(path)
    .querySelectorAll('meta[http-equiv]')
    .filter((m) => m.getAttribute('http-equiv')?.toLowerCase() === 'content-security-policy');
  return metas.length === 1 ? (metas[0]?.getAttribute('content') ?? null) : null;
}

/** Whether an element sits inside KaTeX's build-time markup (a `.katex` ancestor). */
function insideKatex(el: HTMLElement): boolean {
  for (let p = el.parentNode; p; p = p.parentNode) if (p.classList?.contains('katex')) return true;
  return false;
}

describe('the policy in the built pages', () => {
  test('every page has exactly one policy meta, before any script, style or stylesheet', () => {
    expectSome(allPages, 'HTML pages');
    const problems: string[] = [];
    for (const { path, html } of pages()) {
      if (shippedPolicy(path) === null) {
        problems.push(`${path}: no single Content-Security-Policy meta`);
        continue;
      }
      const meta = html.search(/<meta http-equiv="Content-Security-Policy"/i);
      const first = html.search(/<(script|style|link)[\s>]/i);
      if (first >= 0 && first < meta) problems.push(`${path}: a script, style or link comes before the policy`);
    }
    expectNone(problems, 'pages without a policy in the right place');
  });

  test('each page’s policy is the one its own inline code calls for (nothing changed the HTML after hashing)', () => {
    const problems: string[] = [];
    for (const { path, html } of pages()) {
      const expected = policyFor(html);
      problems.push(...expected.problems.map((p) => `${path}: ${p}`));
      if (shippedPolicy(path) !== expected.policy) problems.push(`${path}: shipped policy differs from the page's inline code`);
    }
    expectNone(problems, 'pages whose policy does not fit them');
  });

  test('the policy allows only our own origin', () => {
    const policy = shippedPolicy('/') ?? '';
    const directives = Object.fromEntries(
      policy
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name = '', ...values]) => [name, values]),
    );
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['base-uri']).toEqual(["'self'"]);
    expect(directives['form-action']).toEqual(["'self'"]);
    for (const name of ['script-src', 'style-src', 'img-src', 'font-src', 'connect-src']) {
      expect(directives[name]?.[0], name).toBe("'self'");
      // Only keywords and hashes after 'self': no hosts, schemes, wildcards or 'unsafe-inline'.
      for (const value of directives[name]?.slice(1) ?? []) {
        if (name === 'img-src' && value === 'data:') continue; // the inline site icon; images only
        expect(value, name).toMatch(/^'(sha256-[A-Za-z0-9+/]+=*|wasm-unsafe-eval)'$/);
      }
    }
    expect(directives['img-src']).toEqual(["'self'", 'data:']);
    expect(policy.replace("img-src 'self' data:", '')).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*|https?:|data:|blob:/);
  });

  test('style attributes appear only in KaTeX’s build-time markup (ours use classes)', () => {
    const problems: string[] = [];
    for (const path of allPages) {
      for (const el of dom(path).querySelectorAll('[style]')) {
        if (!insideKatex(el)) problems.push(`${path}: <${el.tagName.toLowerCase()} style="${el.getAttribute('style')}">`);
      }
    }
    expectNone(problems, 'style attributes outside KaTeX markup');
  });

  test('KaTeX’s style attributes all became classes, so no page allows a style attribute', () => {
    const withMath = allPages.filter((p) => dom(p).querySelector('.katex'));
    expectSome(withMath, 'pages with KaTeX markup');
    const problems: string[] = [];
    for (const path of allPages) {
      const policy = shippedPolicy(path) ?? '';
      if (!policy.includes("style-src-attr 'none'")) problems.push(`${path}: ${/style-src-attr[^;]*/.exec(policy)?.[0] ?? 'no style-src-attr'}`);
      const left = dom(path).querySelectorAll('[style]').length;
      if (left > 0) problems.push(`${path}: ${left} style attributes left`);
    }
    expectNone(problems, 'pages that still need style attributes');
  });

  test(`the classes made from them (${STYLE_CLASS_PREFIX}…, rules marked !important) are only on KaTeX’s static markup`, () => {
    const problems: string[] = [];
    let found = 0;
    for (const path of allPages) {
      for (const el of dom(path).querySelectorAll(`[class*="${STYLE_CLASS_PREFIX}"]`)) {
        if (!(el.getAttribute('class') ?? '').split(/\s+/).some((c) => c.startsWith(STYLE_CLASS_PREFIX))) continue;
        found++;
        if (!insideKatex(el)) problems.push(`${path}: <${el.tagName.toLowerCase()} class="${el.getAttribute('class')}">`);
      }
    }
    expect(found).toBeGreaterThan(0);
    expectNone(problems, 'made classes outside KaTeX markup');
  });
});

let s: Session;
beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
});

/**
 * A browser context that records, against the current step's label, every request to another
 * origin, every Content-Security-Policy violation the page reports and every console error.
 */
async function watchedContext(problems: string[], label: () => string): Promise<BrowserContext> {
  const ctx = await s.context();
  ctx.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(`${s.served.url}/`) && !/^(data|blob):/.test(url)) problems.push(`${label()}: request to another origin: ${url}`);
  });
  await ctx.exposeFunction('__reportViolation', (line: string) => problems.push(`${label()}: CSP violation: ${line}`));
  await ctx.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reportViolation: (line: string) => void }).__reportViolation;
      void report(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}${e.sample ? ` «${e.sample}»` : ''}`);
    });
  });
  ctx.on('console', (m) => {
    if (m.type() === 'error') problems.push(`${label()}: console error: ${m.text()}`);
  });
  ctx.on('weberror', (e) => problems.push(`${label()}: uncaught ${e.error().message}`));
  return ctx;
}

describe('in Chromium', () => {
  test('the violation watch works: an injected inline script is blocked and reported', async () => {
    const problems: string[] = [];
    const ctx = await watchedContext(problems, () => 'control');
    const page = await ctx.newPage();
    await page.goto('/');
    await page.evaluate(() => {
      const el = document.createElement('script');
      el.textContent = 'document.documentElement.dataset.injected = "ran"';
      document.head.append(el);
    });
    await expect.poll(() => problems.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.documentElement.dataset['injected'])).toBeUndefined();
    expect(problems.join('\n')).toContain('script-src');
    await ctx.close();
  });

  test('no page requests another origin or trips the policy while loading', async () => {
    expectSome(allPages, 'HTML pages');
    const problems: string[] = [];
    let current = '';
    const ctx = await watchedContext(problems, () => current);
    const page = await ctx.newPage();
    for (const path of allPages) {
      current = path;
      // networkidle: fonts, lazy stylesheets and islands have all been fetched by then.
      await page.goto(path, { waitUntil: 'networkidle' });
    }
    await ctx.close();
    expectNone(problems, 'third-party requests, policy violations or console errors');
  }, 180_000);

  test('typing in the header search and on /search/ stays within the policy', async () => {
    const targets = [withHeaderSearch[0], withHeaderSearch.find((p) => p.startsWith('/essays/'))].filter((p): p is string => Boolean(p));
    expectSome(targets, 'pages with the header search box');
    const problems: string[] = [];
    let current = '';
    const ctx = await watchedContext(problems, () => current);
    const page = await ctx.newPage();
    for (const path of targets) {
      current = `${path} (header search)`;
      await page.goto(path);
      await page.locator('#site-search-input').pressSequentially('counting argument');
      await page.locator('#site-search-panel a[data-search-result]').first().waitFor();
      await page.waitForLoadState('networkidle');
    }
    current = '/search/?q=…';
    await page.goto('/search/?q=situational+awareness');
    await page.locator('[data-search-page] a[data-search-result]').first().waitFor();
    await page.locator('#search-page-input').fill('');
    await page.locator('#search-page-input').pressSequentially('goal horizon');
    await page.waitForLoadState('networkidle');
    await ctx.close();
    expectNone(problems, 'problems while searching');
  });

  test('changing a calculator’s inputs stays within the policy', async () => {
    expectSome(calculatorPages, 'calculator pages');
    const problems: string[] = [];
    let current = '';
    const ctx = await watchedContext(problems, () => current);
    const page = await ctx.newPage();
    for (const path of calculatorPages) {
      current = path;
      await page.goto(path);
      await page.waitForSelector('[data-ready="true"]');
      const field = page.locator('[data-calculator] form input[type="text"]').first();
      const name = await field.getAttribute('name');
      await field.fill('0.5');
      // The island writes every change back into the address, which shows it re-rendered.
      await page.waitForURL((url) => url.searchParams.get(name ?? '') === '0.5');
      for (const select of await page.locator('[data-calculator] form select').all()) {
        const values = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
        const last = values.at(-1);
        if (last !== undefined) await select.selectOption(last);
      }
      await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
      await page.waitForLoadState('networkidle');
    }
    await ctx.close();
    expectNone(problems, 'problems while using the calculators');
  });
});
