import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dom, expectSome, pagePaths, startSession, type Session } from './helpers.ts';

// A browser can paint a page before its header is fully parsed. The header's row is pushed to the
// right, so an item parsed later would push the earlier ones left: a layout shift, which one
// Lighthouse run in about thirty caught on a phone (the search button, by the menu button's
// width) and about one in eight on a desktop (the links, by the search box's width). This file
// sends a page in two pieces, cut just before one of those items, lets the browser paint the
// first piece, and requires the header to show up once, whole, with no layout shift.

let s: Session;
let server: Server;
let origin = '';
/** Lets the held-back second piece go. */
let release: () => void = () => {};

const page = pagePaths(/^\/glossary\/[^/]+\/$/)[0];
const CUTS = {
  'the search box': '<form class="site-search"',
  'the menu button': '<button type="button" class="header-button menu-toggle',
} as const;
/** Where the page under test is cut: set by each test before it loads the page. */
let cut: string = CUTS['the menu button'];

beforeAll(async () => {
  s = await startSession();
  // The test page is cut in two; everything else it asks for comes from the built site as usual.
  server = createServer((req, res) => {
    void (async () => {
      const upstream = await fetch(`${s.served.url}${req.url ?? '/'}`);
      const body = Buffer.from(await upstream.arrayBuffer());
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/octet-stream' });
      if (req.url !== page) {
        res.end(body);
        return;
      }
      const html = body.toString('utf8');
      const at = html.indexOf(cut);
      if (at < 0) throw new Error(`${page} has no ${cut}`);
      res.write(html.slice(0, at));
      await new Promise<void>((resolve) => (release = resolve));
      res.end(html.slice(at));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  release();
  await new Promise((resolve) => server?.close(resolve));
  await s?.close();
});

describe('the header on a page that arrives in pieces', () => {
  for (const [label, width] of [
    ['a phone', 412],
    ['a tablet', 800],
    ['a desktop', 1350],
  ] as const) {
    for (const [before, text] of Object.entries(CUTS)) {
      test(`on ${label}, cut before ${before}: stays hidden until its last button is parsed, then shows whole without a layout shift`, async () => {
        expect(page, 'a glossary page to load').toBeDefined();
        cut = text;
        const ctx = await s.context({ viewport: { width, height: 823 } });
        const tab = await ctx.newPage();
        await tab.addInitScript(() => {
          const w = window as unknown as { shifts: number[] };
          w.shifts = [];
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) if (!e.hadRecentInput) w.shifts.push(e.value);
          }).observe({ type: 'layout-shift', buffered: true });
        });
        const loaded = tab.goto(`${origin}${page}`, { waitUntil: 'load' });
        // The first piece is in: the site's name is parsed, the menu button not yet; let it paint.
        await tab.waitForSelector('.site-header .site-name', { state: 'attached' });
        const half = await tab.evaluate(async () => {
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const bar = document.querySelector('.site-header .bar');
          return { menu: document.querySelector('[data-menu-toggle]') !== null, visibility: bar ? getComputedStyle(bar).visibility : null };
        });
        expect(half).toEqual({ menu: false, visibility: 'hidden' });
        release();
        await loaded;
        const whole = await tab.evaluate(async () => {
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          const bar = document.querySelector('.site-header .bar');
          return { visibility: bar ? getComputedStyle(bar).visibility : null, shifts: (window as unknown as { shifts: number[] }).shifts };
        });
        expect(whole).toEqual({ visibility: 'visible', shifts: [] });
        await ctx.close();
      }, 30_000);
    }
  }
});

describe('the header on every built page', () => {
  test('ends its row with the menu button, the item that lets the row show (else it would stay hidden)', () => {
    const paths = pagePaths(/^\/(?!pagefind\/|_astro\/).*(\/|\.html)$/);
    expectSome(paths, 'HTML pages');
    const problems = paths.flatMap((path) => {
      const bar = dom(path).querySelector('.site-header .bar');
      if (!bar) return [`${path}: no header row`];
      const last = bar.childNodes.filter((n): n is HTMLElement => n instanceof HTMLElement).at(-1);
      return last?.classList.contains('menu-toggle') ? [] : [`${path}: the header row's last item is not the menu button`];
    });
    expect(problems).toEqual([]);
  });
});
