// The browser every tool and test drives: Debian's Chromium, never a downloaded one. The flags keep
// it headless and quiet: the background-networking ones stop it calling out, which the no-other-
// origin checks rely on.

import { AFTER_PAINT_ATTRIBUTE, SCRIPTS_RAN } from '../lib/security/after-paint.ts';

/** Path of Debian's Chromium. */
export const CHROMIUM = '/usr/bin/chromium';

/** Launch flags for Chromium under playwright-core and chrome-launcher alike. */
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

/** The one method of a Playwright page that scriptsRan uses: src/build does not depend on playwright-core. */
interface WaitsForFunction {
  waitForFunction<A>(predicate: (arg: A) => boolean, arg: A): Promise<unknown>;
}

/**
 * Resolves once the page's module scripts, which start after the load event and the page's
 * largest paint (src/scripts/after-paint.js), have run; at once on a page that has none.
 * Navigation resolves at the load event, before they start.
 */
export async function scriptsRan(page: WaitsForFunction): Promise<void> {
  // A function, not a string: the pages' Content-Security-Policy refuses to evaluate strings.
  await page.waitForFunction(([attribute, ran]) => !document.querySelector(`script[${attribute}]`) || document.documentElement.dataset['scripts'] === ran, [
    AFTER_PAINT_ATTRIBUTE,
    SCRIPTS_RAN,
  ] as const);
}
