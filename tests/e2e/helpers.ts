import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { parse } from 'node-html-parser';
import { builtPages, type BuiltPage } from '../../src/tools/dist.ts';
import { serveDist, type Served } from '../../src/tools/serve-dist.ts';

export const DIST = 'dist';
export const CHROMIUM = '/usr/bin/chromium';
// Debian's Chromium, never a downloaded one; the background-networking flags stop it calling out.
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The built pages, failing loudly when there is no build to test. */
export function pages(): BuiltPage[] {
  if (!existsSync(DIST)) throw new Error('dist/ is missing: run `npm run build` before the built-site tests');
  return builtPages(DIST);
}

/** Paths of built pages whose path matches `re`. */
export function pagePaths(re: RegExp): string[] {
  return pages().map((p) => p.path).filter((p) => re.test(p));
}

/** Parsed HTML of one built page. */
export function dom(path: string) {
  const page = pages().find((p) => p.path === path);
  if (!page) throw new Error(`no built page ${path}`);
  return parse(page.html);
}

export interface Session {
  served: Served;
  browser: Browser;
  context: (options?: Parameters<Browser['newContext']>[0]) => Promise<BrowserContext>;
  close: () => Promise<void>;
}

/** Serves dist/ and starts Chromium; call close() in afterAll. */
export async function startSession(): Promise<Session> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  const served = await serveDist(DIST);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  return {
    served,
    browser,
    context: async (options) => {
      const c = await browser.newContext({ baseURL: served.url, reducedMotion: 'reduce', ...options });
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
