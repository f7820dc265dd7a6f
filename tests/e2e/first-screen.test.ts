import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FIRST_WINDOW_BODY_BYTES } from '../../src/bench/budgets.ts';
import { representativePages } from '../../src/bench/kinds.ts';
import { largestPainted, startCutServer, type CutServer } from '../../src/tools/first-screen.ts';
import { pages, startSession, type Session } from './helpers.ts';

// A phone on a slow link gets the first FIRST_WINDOW_BODY_BYTES of a page one round trip after
// asking, and each further window one more (src/tools/first-screen.ts). This file sends each page
// kind's heaviest page gzipped, cut after the first window, and requires Chromium to paint from
// that piece alone the same largest element it paints from the whole page: the first screen of
// every kind, long pages included, costs one round trip.

let s: Session;
let cut: CutServer;
const kinds = Object.entries(representativePages(pages().map((p) => ({ path: p.path, htmlBytes: p.html.length }))));

beforeAll(async () => {
  s = await startSession();
  cut = await startCutServer(s.served.url);
});
afterAll(async () => {
  await cut?.close();
  await s?.close();
});

describe('the first screen of each page kind arrives in the first round trip', () => {
  test('there is a page of every kind to try', () => {
    expect(kinds.map(([kind]) => kind).sort()).toEqual(['calculator', 'claim', 'essay', 'home', 'person', 'search', 'term', 'thread']);
  });

  for (const [kind, path] of kinds) {
    test(`${kind} (${path}): the first ${FIRST_WINDOW_BODY_BYTES.toLocaleString('en')} gzipped bytes paint the page's largest element`, async () => {
      const whole = await largestPainted(s.browser, `${cut.origin}${path}`, true);
      expect(whole, `${path} paints a largest element`).not.toBeNull();
      const first = await largestPainted(s.browser, `${cut.origin}/cut/${FIRST_WINDOW_BODY_BYTES}${path}`, false);
      expect(first, `what ${path} paints from its first window`).toBe(whole);
    }, 30_000);
  }
});
