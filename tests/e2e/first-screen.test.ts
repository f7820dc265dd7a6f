import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIRST_WINDOW_BODY_BYTES } from '../../src/bench/budgets.ts';
import { representativePages } from '../../src/bench/kinds.ts';
import { pages, startSession, type Session } from './helpers.ts';

// On a slow phone link a server may send only about ten packets before the first
// acknowledgement comes back (TCP's initial window), so what fits in them is what a reader can
// see one round trip after asking; the rest of a long page costs one more. A browser paints
// what it has parsed, so a long page paints as soon as a bare one if its first screen fits.
// This file sends each kind's heaviest page gzipped, as a host would, holds everything after the
// first window, and requires the browser to paint, from that piece alone, the same largest
// element it paints from the whole page. (Lighthouse's simulation instead waits for the whole
// document, which is why its figure for long pages differs; README, "First paint on a phone".)

let s: Session;
let server: Server;
let origin = '';
/** Lets every held-back remainder go. */
const releases: (() => void)[] = [];

const HELD = '/held';
const kinds = Object.entries(representativePages(pages().map((p) => ({ path: p.path, htmlBytes: p.html.length }))));

beforeAll(async () => {
  s = await startSession();
  // `/held/<path>` is the page cut after the first window; everything else is the built site.
  server = createServer((req, res) => {
    void (async () => {
      const url = req.url ?? '/';
      const held = url.startsWith(`${HELD}/`);
      const upstream = await fetch(`${s.served.url}${held ? url.slice(HELD.length) : url}`);
      const body = Buffer.from(await upstream.arrayBuffer());
      const type = upstream.headers.get('content-type') ?? 'application/octet-stream';
      if (!held) {
        res.writeHead(upstream.status, { 'content-type': type });
        res.end(body);
        return;
      }
      const zipped = gzipSync(body);
      res.writeHead(200, { 'content-type': type, 'content-encoding': 'gzip' });
      res.write(zipped.subarray(0, FIRST_WINDOW_BODY_BYTES));
      await new Promise<void>((resolve) => releases.push(resolve));
      res.end(zipped.subarray(FIRST_WINDOW_BODY_BYTES));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const release of releases) release();
  await new Promise((resolve) => server?.close(resolve));
  await s?.close();
});

/** The largest element painted so far, as a phone shows the page: its tag, the start of its text, its area. */
async function largestPainted(path: string, settle: (tab: Page) => Promise<void>): Promise<string | null> {
  // A plain context: the session's pages wait for the site's scripts after each navigation, and
  // on the cut page they never start (it never finishes loading).
  const ctx = await s.browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true });
  const tab = await ctx.newPage();
  await tab.goto(`${origin}${path}`, { waitUntil: 'commit' });
  await settle(tab);
  const largest = await tab.evaluate(
    () =>
      new Promise<string | null>((resolve) => {
        // No frame at all (say, the head is still arriving): nothing painted.
        setTimeout(() => resolve(null), 2_000);
        // Two frames first, so whatever can paint from what has been parsed has painted.
        requestAnimationFrame(() =>
          requestAnimationFrame(() => {
            new PerformanceObserver((list) => {
              // Its painted area too: a paragraph cut short by the window would match by its start.
              const e = list.getEntries().at(-1) as unknown as { element: Element | null; size: number } | undefined;
              const text = (e?.element?.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 80);
              resolve(e?.element ? `<${e.element.tagName.toLowerCase()}> ${text} (${e.size} px²)` : null);
            }).observe({ type: 'largest-contentful-paint', buffered: true });
          }),
        );
      }),
  );
  await ctx.close();
  return largest;
}

/** Resolves once the page's document has stopped growing for a tenth of a second. */
async function parsedAllItWasSent(tab: Page): Promise<void> {
  let before = -1;
  for (let i = 0; i < 50; i++) {
    const now = await tab.evaluate(() => document.documentElement.outerHTML.length).catch(() => -1);
    if (now === before && now > 0) return;
    before = now;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('the first screen of each page kind arrives in the first round trip', () => {
  test('there is a page of every kind to try', () => {
    expect(kinds.map(([kind]) => kind).sort()).toEqual(['calculator', 'claim', 'essay', 'home', 'person', 'search', 'term', 'thread']);
  });

  for (const [kind, path] of kinds) {
    test(`${kind} (${path}): the first ${FIRST_WINDOW_BODY_BYTES.toLocaleString('en')} gzipped bytes paint the page's largest element`, async () => {
      const whole = await largestPainted(path, (tab) => tab.waitForLoadState('load'));
      expect(whole, `${path} paints a largest element`).not.toBeNull();
      const first = await largestPainted(`${HELD}${path}`, parsedAllItWasSent);
      expect(first, `what ${path} paints from its first window`).toBe(whole);
    }, 30_000);
  }
});
