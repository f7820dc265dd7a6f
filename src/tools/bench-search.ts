// Search figures on the built site, in Chromium: index size on disk, bytes fetched for a first
// query (several, each cold, whole and typed key by key), and the time from a keystroke to
// rendered results (median of 10 queries).
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { median } from '../bench/report.ts';
import { CHROMIUM, CHROMIUM_ARGS, wireBytes } from './bench-browser.ts';
import { scriptsRan } from '../build/chromium.ts';
import { dirStats } from './bench-util.ts';
import { serveDist } from './serve-dist.ts';

const QUERIES = [
  'llama',
  'counting argument',
  'situational awareness',
  'gradient descent',
  'evolution',
  'speed',
  'credit assignment',
  'pre-training',
  'reward',
  'proxy goal',
];
// First queries, each measured in a fresh browser (cold cache): one and two words, common and rare.
const FIRST_QUERIES = ['deceptive', 'deceptive alignment', 'counting argument', 'situational awareness', 'gradient descent', 'sleeper agents'];
// A steady typist's pace for the as-you-type figure: every keystroke is a query of its own.
const TYPING_DELAY_MS = 120;

/** Bytes one cold first query fetched, whole (pasted or typed fast) and typed key by key. */
export interface FirstQuery {
  query: string;
  requests: number;
  rawBytes: number;
  gzipBytes: number;
  /** Keystrokes at TYPING_DELAY_MS each: intermediate queries fetch their own chunks and results. */
  typedRequests: number;
  typedGzipBytes: number;
}

export interface SearchBench {
  indexBytes: number;
  indexFiles: number;
  /** The costliest of firstQueries (whole), for the budget; gzipBytes is what a host sends (text gzipped, Pagefind's own gzip files as they are). */
  firstQuery: { query?: string; requests: number; rawBytes: number; gzipBytes: number; ms: number };
  firstQueries: FirstQuery[];
  medianMs: number;
  timesMs: number[];
  bytesBeforeFirstUse: number;
}

type Fetched = { raw: number; gz: number };

/** Opens /about/ in a fresh context and counts what the search box fetches from the moment it is focused. */
async function coldSearch(browser: Browser, url: string, run: (page: Page) => Promise<void>): Promise<{ before: number; fetched: Fetched[] }> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    let counting = false;
    let before = 0;
    const fetched: Fetched[] = [];
    page.on('response', async (r) => {
      const body = await r.body().catch(() => Buffer.alloc(0));
      if (!counting) {
        if (r.url().includes('/pagefind/')) before += body.length;
        return;
      }
      const b = wireBytes(r.headers()['content-type'] ?? '', body);
      fetched.push({ raw: b.raw, gz: b.gzip });
    });
    await page.goto(`${url}/about/`, { waitUntil: 'networkidle' });
    await scriptsRan(page);
    counting = true;
    await page.focus('#site-search-input');
    await run(page);
    await page.waitForSelector('#site-search-panel a[data-search-result]');
    await page.waitForLoadState('networkidle');
    // Responses are read asynchronously; let the last ones land in `fetched`.
    await page.waitForTimeout(200);
    return { before, fetched };
  } finally {
    await context.close();
  }
}

const sum = (xs: Fetched[], k: keyof Fetched) => xs.reduce((a, b) => a + b[k], 0);

/** Measures search on `dist`; the site must be built with its index. */
export async function benchSearch(dist = 'dist'): Promise<SearchBench> {
  const index = dirStats(join(dist, 'pagefind'));
  const served = await serveDist(dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const firstQueries: FirstQuery[] = [];
    let before = 0;
    for (const q of FIRST_QUERIES) {
      const whole = await coldSearch(browser, served.url, (page) => page.fill('#site-search-input', q));
      const typed = await coldSearch(browser, served.url, (page) => page.keyboard.type(q, { delay: TYPING_DELAY_MS }));
      before = Math.max(before, whole.before, typed.before);
      firstQueries.push({
        query: q,
        requests: whole.fetched.length,
        rawBytes: sum(whole.fetched, 'raw'),
        gzipBytes: sum(whole.fetched, 'gz'),
        typedRequests: typed.fetched.length,
        typedGzipBytes: sum(typed.fetched, 'gz'),
      });
    }
    const worst = firstQueries.reduce((a, b) => (b.gzipBytes > a.gzipBytes ? b : a));

    const page = await browser.newPage();
    await page.goto(`${served.url}/about/`, { waitUntil: 'networkidle' });
    await scriptsRan(page);
    const type = (q: string) =>
      page.evaluate(async (q) => {
        const input = document.querySelector<HTMLInputElement>('#site-search-input')!;
        input.focus();
        const marks = () => performance.getEntriesByName('search-rendered').length;
        const n = marks();
        const t0 = performance.now();
        input.value = q;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        while (marks() === n) await new Promise((r) => setTimeout(r, 1));
        const m = performance.getEntriesByName('search-rendered').at(-1)!;
        return m.startTime - t0;
      }, q);
    // Wait for the lazily loaded search module before the first timed keystroke.
    await page.focus('#site-search-input');
    await page.waitForTimeout(300);
    const firstMs = await type('deceptive');
    await page.waitForLoadState('networkidle');
    const times: number[] = [];
    for (const q of QUERIES) times.push(await type(q));
    return {
      indexBytes: index.bytes,
      indexFiles: index.files,
      firstQuery: { query: worst.query, requests: worst.requests, rawBytes: worst.rawBytes, gzipBytes: worst.gzipBytes, ms: firstMs },
      firstQueries,
      medianMs: median(times),
      timesMs: times,
      bytesBeforeFirstUse: before,
    };
  } finally {
    await browser.close();
    await served.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchSearch(process.argv[2] ?? 'dist');
  console.log(JSON.stringify(r, null, 2));
}
