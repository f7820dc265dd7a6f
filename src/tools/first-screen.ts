// What a page can paint from the first bytes of its response. On a slow phone link a server may
// send only about ten packets before the first acknowledgement comes back (TCP's initial window,
// FIRST_WINDOW_BODY_BYTES), so what fits in them is what a reader sees one round trip after
// asking; every further window costs another. A browser paints what it has parsed, so a long page
// whose first screen fits paints as soon as a short one. (Lighthouse's simulation waits for the
// whole document instead: README, "First paint on a phone".)
//
// A cut server sends a built page gzipped, as a host would, stops after a given number of bytes
// and holds the rest until it closes; a probe asks Chromium, at a phone's size, which element it
// painted largest. Used by tests/e2e/first-screen.test.ts (one cut, at the first window) and by the
// bench (the smallest cut that paints what the whole page paints).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../build/chromium.ts';
import { serveDist } from './serve-dist.ts';

/** A local server in front of a served dist/: `/cut/<bytes>/<path>` is that page cut, anything else is passed through. */
export interface CutServer {
  origin: string;
  close: () => Promise<void>;
}

/** Starts a cut server in front of `upstream` (an origin serving the built site). */
export async function startCutServer(upstream: string): Promise<CutServer> {
  const holds: (() => void)[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const url = req.url ?? '/';
      const cut = /^\/cut\/(\d+)(\/.*)$/.exec(url);
      const answer = await fetch(`${upstream}${cut ? cut[2] : url}`);
      const body = Buffer.from(await answer.arrayBuffer());
      const type = answer.headers.get('content-type') ?? 'application/octet-stream';
      if (!cut) {
        res.writeHead(answer.status, { 'content-type': type });
        res.end(body);
        return;
      }
      const zipped = gzipSync(body);
      const bytes = Math.min(Number(cut[1]), zipped.length);
      res.writeHead(answer.status, { 'content-type': type, 'content-encoding': 'gzip' });
      res.write(zipped.subarray(0, bytes));
      await new Promise<void>((resolve) => holds.push(resolve));
      res.end(zipped.subarray(bytes));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      for (const release of holds) release();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Resolves once the page's document has stopped growing for a tenth of a second (at most five seconds). */
async function parsedAllItWasSent(tab: Page): Promise<void> {
  let before = -1;
  for (let i = 0; i < 50; i++) {
    const now = await tab.evaluate(() => document.documentElement.outerHTML.length).catch(() => -1);
    if (now === before && now > 0) return;
    before = now;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * The largest element Chromium paints from `url` at a phone's size (Lighthouse's: 412 × 823,
 * 1.75× pixels): its tag, the start of its text and its area, or null when nothing painted. A
 * cut page never finishes loading, so `whole: false` waits until its parser has taken in all it
 * was sent.
 */
export async function largestPainted(browser: Browser, url: string, whole: boolean): Promise<string | null> {
  const ctx = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true });
  try {
    const tab = await ctx.newPage();
    await tab.goto(url, { waitUntil: whole ? 'load' : 'commit' });
    if (!whole) await parsedAllItWasSent(tab);
    return await tab.evaluate(
      () =>
        new Promise<string | null>((resolve) => {
          // No frame at all (say, the head is still arriving): nothing painted.
          setTimeout(() => resolve(null), 2_000);
          // Two frames first, so whatever can paint from what has been parsed has painted.
          requestAnimationFrame(() =>
            requestAnimationFrame(() => {
              new PerformanceObserver((list) => {
                // Its painted area too: a paragraph cut short would match by its start.
                const e = list.getEntries().at(-1) as unknown as { element: Element | null; size: number } | undefined;
                const text = (e?.element?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
                resolve(e?.element ? `<${e.element.tagName.toLowerCase()}> ${text} (${e.size} px²)` : null);
              }).observe({ type: 'largest-contentful-paint', buffered: true });
            }),
          );
        }),
    );
  } finally {
    await ctx.close();
  }
}

/** How much of a page a phone needs to paint what it paints from the whole page. */
export interface FirstScreen {
  /** The largest element painted from the whole page (largestPainted's description). */
  largest: string | null;
  /** The page as sent, gzipped. */
  wholeGzip: number;
  /** The smallest cut, to `step` bytes, that paints the same largest element. */
  firstScreenGzip: number;
}

/** Finds a page's first screen in gzipped bytes by halving the cut (painting more never paints less). */
export async function firstScreen(browser: Browser, cut: CutServer, path: string, wholeGzip: number, step = 256): Promise<FirstScreen> {
  const largest = await largestPainted(browser, `${cut.origin}${path}`, true);
  let [lo, hi] = [0, wholeGzip];
  while (hi - lo > step) {
    const mid = Math.floor((lo + hi) / 2);
    if ((await largestPainted(browser, `${cut.origin}/cut/${mid}${path}`, false)) === largest) hi = mid;
    else lo = mid;
  }
  return { largest, wholeGzip, firstScreenGzip: hi };
}

/** `firstScreen` for one page per kind of a built site, in one browser; `log` reports progress. */
export async function benchFirstScreen(
  dist: string,
  pages: Partial<Record<string, string>>,
  log: (line: string) => void = () => {},
): Promise<Record<string, FirstScreen>> {
  const served = await serveDist(dist);
  const cut = await startCutServer(served.url);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const out: Record<string, FirstScreen> = {};
    for (const [kind, path] of Object.entries(pages)) {
      if (!path) continue;
      const whole = gzipSync(readFileSync(join(dist, path, 'index.html'))).length;
      out[kind] = await firstScreen(browser, cut, path, whole);
      log(`first screen ${path}: ${out[kind].firstScreenGzip} of ${whole} bytes gzipped (${out[kind].largest ?? 'nothing painted'})`);
    }
    return out;
  } finally {
    await browser.close();
    await cut.close();
    await served.close();
  }
}
