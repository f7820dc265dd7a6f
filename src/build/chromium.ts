// The browser every tool and test drives: Debian's Chromium, never a downloaded one. The flags keep
// it headless and quiet: the background-networking ones stop it calling out, which the no-other-
// origin checks rely on.

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
