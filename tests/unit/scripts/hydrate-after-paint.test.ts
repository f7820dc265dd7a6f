import { afterEach, describe, expect, test, vi } from 'vitest';
import { AFTER_PAINT_ATTRIBUTE, AFTER_PAINT_MARK } from '../../../src/lib/security/after-paint.ts';
import hydrateAfterPaint from '../../../src/scripts/hydrate-after-paint.ts';

/**
 * Stand-ins for the browser the directive runs in: <html> with its attributes, a MutationObserver
 * that reports changes to them, the load event, and whether the page carries the after-paint loader.
 */
function browser({ loader = true, painted = false, search = '' } = {}) {
  vi.stubGlobal('location', { search });
  const attributes = new Set<string>(painted ? [AFTER_PAINT_MARK] : []);
  const observers: { callback: () => void; filter: readonly string[]; live: boolean }[] = [];
  const loads: (() => void)[] = [];
  const root = { hasAttribute: (name: string) => attributes.has(name) };
  vi.stubGlobal('document', {
    documentElement: root,
    querySelector: (selector: string) => (loader && selector === `script[${AFTER_PAINT_ATTRIBUTE}]` ? {} : null),
  });
  vi.stubGlobal(
    'MutationObserver',
    class {
      private readonly entry: { callback: () => void; filter: readonly string[]; live: boolean };
      constructor(callback: () => void) {
        this.entry = { callback, filter: [], live: false };
        observers.push(this.entry);
      }
      observe(_target: unknown, options: { attributeFilter: string[] }) {
        this.entry.filter = options.attributeFilter;
        this.entry.live = true;
      }
      disconnect() {
        this.entry.live = false;
      }
    },
  );
  vi.stubGlobal('addEventListener', (type: string, f: () => void) => type === 'load' && loads.push(f));
  let hydrated = 0;
  const load = () => Promise.resolve(() => void hydrated++);
  return {
    load,
    hydrated: () => hydrated,
    mark: () => {
      attributes.add(AFTER_PAINT_MARK);
      for (const o of observers) if (o.live && o.filter.includes(AFTER_PAINT_MARK)) o.callback();
    },
    fireLoad: () => loads.splice(0).forEach((f) => f()),
  };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('client:afterpaint', () => {
  test('waits for the mark the after-paint loader sets, not for the load event', async () => {
    const b = browser();
    hydrateAfterPaint(b.load);
    b.fireLoad();
    await settle();
    expect(b.hydrated()).toBe(0);
    b.mark();
    await settle();
    expect(b.hydrated()).toBe(1);
  });

  test('hydrates at once on a page already marked, and only once', async () => {
    const b = browser({ painted: true });
    hydrateAfterPaint(b.load);
    b.mark();
    b.fireLoad();
    await settle();
    expect(b.hydrated()).toBe(1);
  });

  test('a shared link (a page opened with a query) hydrates at once, so its own numbers replace the defaults first', async () => {
    const b = browser({ search: '?pG=0.9' });
    hydrateAfterPaint(b.load);
    await settle();
    expect(b.hydrated()).toBe(1);
    b.mark();
    b.fireLoad();
    await settle();
    expect(b.hydrated()).toBe(1);
  });

  test('on a page without the loader, hydrates on load rather than wait for a mark that never comes', async () => {
    const b = browser({ loader: false });
    hydrateAfterPaint(b.load);
    await settle();
    expect(b.hydrated()).toBe(0);
    b.fireLoad();
    await settle();
    expect(b.hydrated()).toBe(1);
    b.mark();
    await settle();
    expect(b.hydrated()).toBe(1);
  });
});
