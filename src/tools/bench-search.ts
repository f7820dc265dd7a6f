// Search figures on the built site, in Chromium: index size on disk, bytes fetched for a first
// query, and the time from a keystroke to rendered results (median of 10 queries).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serveDist } from './serve-dist.ts';

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const QUERIES = ['llama', 'counting argument', 'situational awareness', 'gradient descent', 'evolution', 'speed', 'credit assignment', 'pre-training', 'reward', 'proxy goal'];

function dirSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const s = dirSize(p);
      bytes += s.bytes;
      files += s.files;
    } else {
      bytes += statSync(p).size;
      files++;
    }
  }
  return { bytes, files };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

export interface SearchBench {
  indexBytes: number;
  indexFiles: number;
  firstQuery: { requests: number; rawBytes: number; gzipBytes: number; ms: number };
  medianMs: number;
  timesMs: number[];
  bytesBeforeFirstUse: number;
}

/** Measures search on `dist`; the site must be built with its index. */
export async function benchSearch(dist = 'dist'): Promise<SearchBench> {
  const index = dirSize(join(dist, 'pagefind'));
  const served = await serveDist(dist);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
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
      fetched.push({ raw: body.length, gz: gzipSync(body).length });
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
    await page.waitForFunction(() => true);
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
