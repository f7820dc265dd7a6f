// Search figures on the built site, in Chromium: index size on disk, bytes fetched for a first
// query, and the time from a keystroke to rendered results (median of 10 queries).
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { median } from '../lib/bench/report.ts';
import { CHROMIUM, CHROMIUM_ARGS, wireBytes } from './bench-browser.ts';
import { dirStats } from './bench-util.ts';
import { serveDist } from './serve-dist.ts';

const QUERIES = ['llama', 'counting argument', 'situational awareness', 'gradient descent', 'evolution', 'speed', 'credit assignment', 'pre-training', 'reward', 'proxy goal'];

export interface SearchBench {
  indexBytes: number;
  indexFiles: number;
  /** What the first query fetched (its module, Pagefind's engine and index chunks); gzipBytes is what a host sends (text gzipped, Pagefind's own gzip files as they are). */
  firstQuery: { requests: number; rawBytes: number; gzipBytes: number; ms: number };
  medianMs: number;
  timesMs: number[];
  bytesBeforeFirstUse: number;
}

/** Measures search on `dist`; the site must be built with its index. */
export async function benchSearch(dist = 'dist'): Promise<SearchBench> {
  const index = dirStats(join(dist, 'pagefind'));
  const served = await serveDist(dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    let counting = false;
    let before = 0;
    const fetched: { raw: number; gz: number }[] = [];
    page.on('response', async (r) => {
      const url = r.url();
      const body = await r.body().catch(() => Buffer.alloc(0));
      if (!counting) {
        if (url.includes('/pagefind/')) before += body.length;
        return;
      }
      const b = wireBytes(r.headers()['content-type'] ?? '', body);
      fetched.push({ raw: b.raw, gz: b.gzip });
    });
    await page.goto(`${served.url}/about/`, { waitUntil: 'networkidle' });
    counting = true;
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
    const first = { requests: fetched.length, rawBytes: fetched.reduce((a, b) => a + b.raw, 0), gzipBytes: fetched.reduce((a, b) => a + b.gz, 0), ms: firstMs };
    const times: number[] = [];
    for (const q of QUERIES) times.push(await type(q));
    return { indexBytes: index.bytes, indexFiles: index.files, firstQuery: first, medianMs: median(times), timesMs: times, bytesBeforeFirstUse: before };
  } finally {
    await browser.close();
    await served.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await benchSearch(process.argv[2] ?? 'dist');
  console.log(JSON.stringify(r, null, 2));
}
