import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { parse, type HTMLElement } from 'node-html-parser';
import { builtPages, type BuiltPage } from '../../src/build/dist.ts';
import { serveDist, type Served } from '../../src/tools/serve-dist.ts';
import { pageAnchorIds } from '../../src/tools/update-anchors.ts';
import { CHROMIUM, CHROMIUM_ARGS, scriptsRan } from '../../src/build/chromium.ts';
import { AFTER_PAINT_MARK } from '../../src/lib/security/after-paint.ts';

// DIST_DIR lets a developer test a build kept apart from the shared dist/ (npm test uses dist/).
export const DIST = process.env['DIST_DIR'] ?? 'dist';
export { CHROMIUM, CHROMIUM_ARGS };
export { filesOf } from '../files.ts';

/** Playwright's wait for an action or navigation (its default is 30 s). */
export const ACTION_TIMEOUT = 10_000;

/** URL paths of the source pages, by kind: what the site exists to publish. */
export const SOURCE_KINDS = {
  essay: /^\/essays\/[^/]+\/$/,
  thread: /^\/threads\/[^/]+\/$/,
  person: /^\/people\/[^/]+\/$/,
} as const;
export type SourceKind = keyof typeof SOURCE_KINDS;

let cache: BuiltPage[] | undefined;
/** The built pages (read once per test file), failing loudly when there is no build to test. */
export function pages(): BuiltPage[] {
  if (!existsSync(DIST)) throw new Error('dist/ is missing: run `npm run build` before the built-site tests');
  cache ??= builtPages(DIST);
  return cache;
}

/** Paths of built pages whose path matches `re`. */
export function pagePaths(re: RegExp): string[] {
  return pages()
    .map((p) => p.path)
    .filter((p) => re.test(p));
}

/** Paths of the built source pages of one kind. */
export function sourcePaths(kind: SourceKind): string[] {
  return pagePaths(SOURCE_KINDS[kind]);
}

const parsed = new Map<string, HTMLElement>();
/** Parsed HTML of one built page. */
export function dom(path: string): HTMLElement {
  let root = parsed.get(path);
  if (!root) {
    const page = pages().find((p) => p.path === path);
    if (!page) throw new Error(`no built page ${path}`);
    root = parse(page.html);
    parsed.set(path, root);
  }
  return root;
}

/** Permalink ids of one built page (comments, headings, data-permalink), in document order. */
export function anchorIds(path: string): string[] {
  return pageAnchorIds(dom(path));
}

/**
 * The copy-link button of a permalinked element: inside it (comments, notes), or beside it for a
 * heading, whose tools sit after it in its `.heading-row` so their labels stay out of its name.
 */
export function copyButtonOf(root: HTMLElement, id: string): HTMLElement | null {
  const el = root.getElementById(id);
  if (!el) return null;
  const sel = `button[data-copy-link="#${id}"]`;
  const parent = el.parentNode as HTMLElement | null;
  return el.querySelector(sel) ?? (parent?.classList.contains('heading-row') ? parent.querySelector(sel) : null);
}

/** Fails with every problem on its own line (clearer than a diff of two arrays). */
export function expectNone(problems: readonly string[], what: string): void {
  if (problems.length > 0) throw new Error(`${what} (${problems.length}):\n  ${problems.join('\n  ')}`);
}

/** Fails when a discovery found nothing, so a check over an empty set never passes silently. */
export function expectSome<T>(items: readonly T[], what: string): void {
  if (items.length === 0) throw new Error(`found no ${what} in dist/: the check would pass on nothing`);
}

export interface Session {
  served: Served;
  browser: Browser;
  context: (options?: Parameters<Browser['newContext']>[0]) => Promise<BrowserContext>;
  close: () => Promise<void>;
}

/**
 * Makes the page's own navigations (goto, reload, back) resolve once its scripts have run: they
 * start after the load event, where navigation resolves, once the largest paint is on screen, and
 * a test that presses a key before then would press it on a page that is not listening yet.
 */
function waitsForScripts(page: Page): Page {
  for (const name of ['goto', 'reload', 'goBack'] as const) {
    const navigate = page[name].bind(page) as (...args: unknown[]) => Promise<unknown>;
    Object.assign(page, {
      [name]: async (...args: unknown[]) => {
        const response = await navigate(...args);
        await scriptsRan(page);
        return response;
      },
    });
  }
  return page;
}

/** Serves dist/ on 127.0.0.1 and starts Debian's Chromium; call close() in afterAll. */
export async function startSession(): Promise<Session> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (tests never download a browser)`);
  if (!existsSync(DIST)) throw new Error('dist/ is missing: run `npm run build` before the browser tests');
  const served = await serveDist(DIST);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  return {
    served,
    browser,
    context: async (options) => {
      const c = await browser.newContext({ baseURL: served.url, reducedMotion: 'reduce', ...options });
      // Pages come from a local server: anything slower than this is a failure, not a wait.
      c.setDefaultTimeout(ACTION_TIMEOUT);
      c.setDefaultNavigationTimeout(ACTION_TIMEOUT);
      if (options?.javaScriptEnabled !== false) {
        const newPage = c.newPage.bind(c);
        c.newPage = async () => waitsForScripts(await newPage());
      }
      contexts.push(c);
      return c;
    },
    close: async () => {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await served.close();
    },
  };
}

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Runs axe-core on the page; one readable line per failing element: "rule (impact): selector — help". */
export async function axe(page: Page): Promise<string[]> {
  // Evaluated through DevTools, not added as an inline <script>: the pages' CSP would block that.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const api = (window as unknown as { axe: { run: (o: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await api.run({ resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? 'n/a'}): ${n.target.map(String).join(' ')} — ${v.help}`));
}

/** A browser session with a page that has Pagefind loaded as `window.pf`, for querying the built index. */
export async function startSearchSession(): Promise<{ session: Session; page: Page }> {
  const session = await startSession();
  const page = await (await session.context()).newPage();
  await page.goto('/about/');
  // A string, so Vitest's transform leaves this browser-side dynamic import alone.
  await page.evaluate(`(async () => { const pf = await import('/pagefind/pagefind.js'); await pf.init(); window.pf = pf; })()`);
  return { session, page };
}

/**
 * Opens `path` and lists the files whose names match `re` that the page fetched, each with whether
 * its request started before the after-paint loader marked the page painted (<html data-painted>).
 * The moment is taken by an observer set up before the page's own code runs.
 */
export async function requestsAroundPaint(
  page: Page,
  path: string,
  re: RegExp,
  ready: (page: Page) => Promise<unknown>,
): Promise<{ painted: boolean; files: { name: string; early: boolean }[] }> {
  await page.addInitScript((mark) => {
    new MutationObserver((_, o) => {
      if (!document.documentElement.hasAttribute(mark)) return;
      (window as unknown as { paintedAt: number }).paintedAt = performance.now();
      o.disconnect();
    }).observe(document, { attributes: true, subtree: true, attributeFilter: [mark] });
  }, AFTER_PAINT_MARK);
  await page.goto(path);
  // A resource is listed once it has arrived: `ready` waits for what the files are for.
  await ready(page);
  const got = await page.evaluate(() => ({
    paintedAt: (window as unknown as { paintedAt?: number }).paintedAt ?? null,
    entries: performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: e.startTime })),
  }));
  return {
    painted: got.paintedAt !== null,
    files: got.entries
      .filter((e) => re.test(new URL(e.name).pathname))
      .map((e) => ({ name: new URL(e.name).pathname, early: got.paintedAt === null || e.start < got.paintedAt })),
  };
}
