// How the long source pages read, measured in Chromium against a built site: each source page's
// height at a phone and a desktop width in its default state, the share of that height taken by
// backlink lists, how often one list names the same target twice, and where every quote link on
// the start tour and the home page lands (pixels from the top of the screen to the quoted words
// once the browser has followed the link). Run alone: `node src/tools/bench-reading.ts [dist]`.
import { chromium, type Browser } from 'playwright-core';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, scriptsRan } from '../build/chromium.ts';
import { builtPages } from '../build/dist.ts';
import { serveDist } from './serve-dist.ts';

/** The two screens the issue measures on. */
export const SCREENS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
] as const;

/** One source page at one width. */
export interface PageHeight {
  path: string;
  screen: string;
  height: number;
  /** Share of the height taken by backlink lists and per-paragraph quote notes (0–1). */
  backlinkShare: number;
  /** Lists that name one target more than once. */
  duplicateTargets: number;
}

/** One quote link followed at one width. */
export interface Landing {
  from: string;
  href: string;
  screen: string;
  quote: string;
  /** Top of the quoted words relative to the top of the screen after landing; null if not found. */
  top: number | null;
  inView: boolean;
}

/** Everything the reading bench measured. */
export interface ReadingBench {
  pages: PageHeight[];
  landings: Landing[];
}

const BACKLINKS = '.backlinks, .side-comments, [data-backlinks]';
const QUOTE_MARKS = /^["“'‘]|["”'’]$/g;

/** The source pages: the essay, every thread and every profile page with comments. */
function sourcePages(dist: string): string[] {
  return builtPages(dist)
    .filter((p) => /^\/(essays|threads)\/[^/]+\/$/.test(p.path) || (p.path.startsWith('/people/') && p.html.includes('comment-list')))
    .map((p) => p.path)
    .sort();
}

/** Heights and backlink shares of every source page at both widths. */
async function measureHeights(browser: Browser, base: string, paths: string[]): Promise<PageHeight[]> {
  const out: PageHeight[] = [];
  for (const screen of SCREENS) {
    const context = await browser.newContext({ viewport: { width: screen.width, height: screen.height } });
    const page = await context.newPage();
    for (const path of paths) {
      await page.goto(base + path, { waitUntil: 'load' });
      await scriptsRan(page);
      await page.waitForTimeout(200);
      const figures = await page.evaluate((selector) => {
        const height = document.documentElement.scrollHeight;
        // Nested matches would count twice: only the outermost list of each passage counts.
        const lists = [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => !el.parentElement?.closest(selector));
        const listHeight = lists.reduce((sum, el) => sum + el.getBoundingClientRect().height, 0);
        let duplicateTargets = 0;
        for (const ul of document.querySelectorAll(`:is(${selector}) ul`)) {
          const hrefs = [...ul.querySelectorAll(':scope > li > a[href]')].map((a) => (a.getAttribute('href') ?? '').split(':~:')[0]);
          duplicateTargets += hrefs.length - new Set(hrefs).size;
        }
        return { height, backlinkShare: listHeight / height, duplicateTargets };
      }, BACKLINKS);
      out.push({ path, screen: screen.name, ...figures });
    }
    await context.close();
  }
  return out;
}

/** Follows every link whose words are a quotation on `from`, and finds the quoted words where it lands. */
async function measureLandings(browser: Browser, base: string, from: string): Promise<Landing[]> {
  const out: Landing[] = [];
  for (const screen of SCREENS) {
    const context = await browser.newContext({ viewport: { width: screen.width, height: screen.height } });
    const page = await context.newPage();
    await page.goto(base + from, { waitUntil: 'load' });
    const links = await page.$$eval('main a[href*="#"]', (as) =>
      as
        .map((a) => ({ href: a.getAttribute('href') ?? '', text: (a.textContent ?? '').trim() }))
        .filter((l) => /^["“]/.test(l.text) && !l.href.startsWith('#')),
    );
    for (const link of links) {
      const quote = link.text.replace(QUOTE_MARKS, '').replace(/…$/, '').trim();
      await page.goto(base + from, { waitUntil: 'load' });
      await page.goto(new URL(link.href, base + from).href, { waitUntil: 'load' });
      await scriptsRan(page);
      await page.waitForTimeout(400);
      const top = await page.evaluate((words) => {
        const probe = words.slice(0, 40);
        // The words are looked for in the passage the link names (they may also occur elsewhere on the page).
        const id = decodeURIComponent(location.hash.slice(1).split(':~:')[0] ?? '');
        const target = id ? document.getElementById(id) : null;
        const root = target?.closest('article, section') ?? target ?? document.querySelector('main') ?? document.body;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        // Quoted words may span several text nodes (glossary links inside them): search the joined text.
        const nodes: Text[] = [];
        let text = '';
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push(n as Text);
          text += n.nodeValue ?? '';
        }
        const norm = (s: string) => s.replace(/[’‘]/g, "'").replace(/[“”]/g, '"');
        const at = norm(text).indexOf(norm(probe));
        if (at < 0) return null;
        let offset = 0;
        for (const n of nodes) {
          const len = n.nodeValue?.length ?? 0;
          if (at < offset + len) {
            const range = document.createRange();
            range.setStart(n, at - offset);
            range.setEnd(n, Math.min(len, at - offset + 1));
            return range.getBoundingClientRect().top;
          }
          offset += len;
        }
        return null;
      }, quote);
      out.push({ from, href: link.href, screen: screen.name, quote, top, inView: top !== null && top >= 0 && top < screen.height - 20 });
    }
    await context.close();
  }
  return out;
}

/** Measures the built site in `dist`. */
export async function benchReading(dist: string): Promise<ReadingBench> {
  const server = await serveDist(dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const pages = await measureHeights(browser, server.url, sourcePages(dist));
    const landings = [...(await measureLandings(browser, server.url, '/start/')), ...(await measureLandings(browser, server.url, '/'))];
    return { pages, landings };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The figures as report tables: title, column heads, rows. */
export function readingTables(r: ReadingBench): [title: string, head: string[], rows: string[][]][] {
  const px = (n: number) => Math.round(n).toLocaleString('en');
  return [
    [
      'Source pages in their default state: height, share taken by backlink lists, targets a list names twice',
      ['page', 'screen', 'height (px)', 'backlinks', 'repeated targets'],
      r.pages.map((p) => [p.path, p.screen, px(p.height), `${(p.backlinkShare * 100).toFixed(1)} %`, String(p.duplicateTargets)]),
    ],
    [
      'Quote links on the start tour and the home page: where the quoted words are once the link is followed',
      ['from', 'quote', 'screen', 'px from top of screen', 'in view'],
      r.landings.map((l) => [l.from, l.quote.slice(0, 40), l.screen, l.top === null ? 'not found' : px(l.top), l.inView ? 'yes' : 'no']),
    ],
  ];
}

// Run only as a script, so the bench can import the measurement.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const dist = resolve(process.argv[2] ?? 'dist');
  const { markdownTable } = await import('../bench/report.ts');
  for (const [title, head, rows] of readingTables(await benchReading(dist))) console.log(`\n**${title}**\n\n${markdownTable(head, rows)}`);
}
