// What a reader's browser fetches, measured in Chromium against a local static server: every
// request while the page loads (until the network is idle), then what the first use of search
// and of a link preview adds. Fresh profile per page, so nothing comes from the cache.
import { chromium, type Page, type Response } from 'playwright-core';
import { PAGE_KINDS, type PageKind } from '../bench/kinds.ts';
import { bytesOf, type Bytes } from './page-assets.ts';
import { serveDist } from './serve-dist.ts';
import { CHROMIUM, CHROMIUM_ARGS, scriptsRan } from '../build/chromium.ts';

export { CHROMIUM, CHROMIUM_ARGS };

type Phase = 'load' | 'search' | 'preview';
type Bucket = 'html' | 'js' | 'css' | 'font' | 'search-index' | 'other';

/** Totals for one phase: requests, and raw and over-the-wire bytes per kind of file. */
export interface PhaseFigures {
  requests: number;
  bytes: Record<Bucket, Bytes>;
  urls: string[];
}

/** One page's figures: on load, and what search and a preview add on their first use. */
export interface BrowserPage {
  path: string;
  load: PhaseFigures;
  /** null when the page has no search box. */
  search: PhaseFigures | null;
  /** null when the page has no internal link to preview. */
  preview: PhaseFigures | null;
}

// Text compresses on the way; fonts, images and Pagefind's index chunks (gzip files already) do not.
const COMPRESSIBLE = /^(?:text\/|application\/(?:javascript|json|xml|wasm)|image\/svg)/;

/** Bytes a static host would send for a body: gzipped when the type compresses, else as is. */
export function wireBytes(contentType: string, body: Buffer): Bytes {
  return COMPRESSIBLE.test(contentType) ? bytesOf(body) : { raw: body.length, gzip: body.length };
}

function bucketOf(url: URL, contentType: string): Bucket {
  if (url.pathname.startsWith('/pagefind/')) return url.pathname.endsWith('.js') ? 'js' : 'search-index';
  if (contentType.startsWith('text/html')) return 'html';
  if (contentType.includes('javascript')) return 'js';
  if (contentType.startsWith('text/css')) return 'css';
  if (contentType.startsWith('font/')) return 'font';
  return 'other';
}

function emptyPhase(): PhaseFigures {
  const zero = () => ({ raw: 0, gzip: 0 });
  return { requests: 0, bytes: { html: zero(), js: zero(), css: zero(), font: zero(), 'search-index': zero(), other: zero() }, urls: [] };
}

/** Waits until no request has been in flight for `quietMs` (Playwright's networkidle only applies to navigations). */
async function settle(page: Page, inflight: () => number, quietMs = 400, limitMs = 10_000): Promise<void> {
  const end = Date.now() + limitMs;
  let quietSince = Date.now();
  while (Date.now() < end) {
    await page.waitForTimeout(50);
    if (inflight() > 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return;
  }
}

/** Measures one page in a fresh browser context. */
async function measurePage(browser: import('playwright-core').Browser, base: string, path: string): Promise<BrowserPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  let phase: Phase = 'load';
  const figures: Record<Phase, PhaseFigures> = { load: emptyPhase(), search: emptyPhase(), preview: emptyPhase() };
  let inflight = 0;
  const pending: Promise<void>[] = [];
  page.on('request', () => inflight++);
  page.on('requestfailed', () => inflight--);
  page.on('response', (r: Response) => {
    const at = phase;
    pending.push(
      (async () => {
        const body = await r.body().catch(() => Buffer.alloc(0));
        inflight--;
        const url = new URL(r.url());
        if (url.protocol === 'data:') return;
        const type = r.headers()['content-type'] ?? '';
        const f = figures[at];
        const b = wireBytes(type, body);
        const slot = f.bytes[bucketOf(url, type)];
        slot.raw += b.raw;
        slot.gzip += b.gzip;
        f.requests++;
        f.urls.push(url.origin === base ? url.pathname : url.href);
      })(),
    );
  });
  try {
    await page.goto(`${base}${path}`, { waitUntil: 'load' });
    await scriptsRan(page);
    await settle(page, () => inflight);

    let search: PhaseFigures | null = null;
    const box = page.locator('[data-search-page] input[type="search"], #site-search-input').first();
    if ((await box.count()) > 0) {
      phase = 'search';
      const marks = () => page.evaluate(() => performance.getEntriesByName('search-rendered').length);
      const before = await marks();
      await box.focus();
      await box.fill('deceptive alignment');
      await page.waitForFunction((n) => performance.getEntriesByName('search-rendered').length > n, before, { timeout: 10_000 });
      await settle(page, () => inflight);
      await box.fill('');
      await page.keyboard.press('Escape');
      search = figures.search;
    }

    let preview: PhaseFigures | null = null;
    // The first internal link in the text that is not page furniture (the loader's own rule).
    const link = page.locator('main a[href^="/"]:not(.anchor-tools a):not(.toc a):not(nav a):not(.skip-link)').first();
    if ((await link.count()) > 0) {
      phase = 'preview';
      await link.scrollIntoViewIfNeeded();
      await link.hover();
      await page
        .locator('#link-preview:not([hidden])')
        .waitFor({ timeout: 3000 })
        .catch(() => undefined); // a link without a preview file still counts what it loaded
      await settle(page, () => inflight);
      preview = figures.preview;
    }
    await Promise.all(pending);
    return { path, load: figures.load, search, preview };
  } finally {
    await context.close();
  }
}

/** Loads each page (one per kind) in Chromium and returns its request figures. */
export async function benchBrowser(dist: string, pages: Partial<Record<PageKind, string>>): Promise<Partial<Record<PageKind, BrowserPage>>> {
  const served = await serveDist(dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const out: Partial<Record<PageKind, BrowserPage>> = {};
    for (const kind of PAGE_KINDS) {
      const path = pages[kind];
      if (path) out[kind] = await measurePage(browser, served.url, path);
    }
    return out;
  } finally {
    await browser.close();
    await served.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dist = 'dist', ...paths] = process.argv.slice(2);
  const r = await benchBrowser(dist, Object.fromEntries(paths.map((p, i) => [PAGE_KINDS[i] ?? 'home', p])));
  console.log(JSON.stringify(r, null, 2));
}
