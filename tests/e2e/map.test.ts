import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axe, expectNone, startSession, type Session } from './helpers.ts';

// The argument map on /arguments/ at phone, tablet and desktop widths, in Debian's Chromium: it is
// fitted to its box (the whole drawing inside it, the page no wider than the screen), its text is
// legible where the one-column drawing is shown, the zoom controls, keys, Ctrl + wheel, pinch and
// drag change the view, and a tap on a box previews it (a second tap opens it) without an error.

const PATH = '/arguments/';
const WIDTHS = [360, 390, 768, 1024, 1440] as const;
/** Below this width the page shows the one-column drawing (the container query in ArgumentMap.astro). */
const PHONE_OR_TABLET = 800;

let s: Session;
beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
});

interface Shown {
  key: string;
  /** The svg's box on the page. */
  box: { left: number; top: number; right: number; bottom: number; width: number; height: number };
  viewBox: { x: number; y: number; width: number; height: number };
  /** The union of the boxes' rectangles on the page. */
  content: { left: number; top: number; right: number; bottom: number };
  /** Rendered size of the boxes' title text, in CSS pixels. */
  textPx: number;
}

/** The drawing the page shows and where its boxes are. */
async function shown(page: Page): Promise<Shown> {
  return page.evaluate(() => {
    const svg = [...document.querySelectorAll<SVGSVGElement>('svg[data-map-svg]')].find((x) => x.getClientRects().length > 0);
    if (!svg) throw new Error('no map drawing is shown');
    const r = svg.getBoundingClientRect();
    const vb = svg.viewBox.baseVal;
    const rects = [...svg.querySelectorAll('a[data-map-node] rect')].map((x) => x.getBoundingClientRect());
    const line = svg.querySelector('a[data-map-node] text tspan:not(.tag)');
    const size = line ? parseFloat(getComputedStyle(line).fontSize) : 0;
    return {
      key: svg.dataset['mapSvg'] ?? '',
      box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
      viewBox: { x: vb.x, y: vb.y, width: vb.width, height: vb.height },
      content: {
        left: Math.min(...rects.map((x) => x.left)),
        top: Math.min(...rects.map((x) => x.top)),
        right: Math.max(...rects.map((x) => x.right)),
        bottom: Math.max(...rects.map((x) => x.bottom)),
      },
      textPx: (size * r.width) / vb.width,
    };
  });
}

const scale = (x: Shown): number => x.box.width / x.viewBox.width;

/** A page at one width with the map's script running and page errors collected. */
async function open(width: number, options: Parameters<Session['context']>[0] = {}): Promise<{ ctx: BrowserContext; page: Page; errors: string[] }> {
  const ctx = await s.context({ viewport: { width, height: 900 }, ...options });
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(PATH);
  await page.locator('[data-map-view]').scrollIntoViewIfNeeded();
  await page.waitForSelector('[data-map][data-map-ready]');
  return { ctx, page, errors };
}

describe.each(WIDTHS)('the argument map at %i px', (width) => {
  test('is fitted to its box, with no horizontal page overflow', async () => {
    const { ctx, page, errors } = await open(width);
    const m = await shown(page);
    expect(m.key).toBe(width < PHONE_OR_TABLET ? 'column' : 'wide');
    const problems: string[] = [];
    const e = 1;
    if (m.content.left < m.box.left - e || m.content.right > m.box.right + e || m.content.top < m.box.top - e || m.content.bottom > m.box.bottom + e)
      problems.push(`boxes ${JSON.stringify(m.content)} outside the drawing's box ${JSON.stringify(m.box)}`);
    if (m.box.left < 0 || m.box.right > width) problems.push(`the drawing's box ${JSON.stringify(m.box)} leaves the ${width} px screen`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    if (overflow > 0) problems.push(`the page is ${overflow} px wider than the screen`);
    // Where the column is shown it is there to be read: its text must not shrink below 11 px.
    if (m.key === 'column' && m.textPx < 11) problems.push(`box text is ${m.textPx.toFixed(1)} px`);
    expect(await page.locator('[data-map-status]').textContent()).toMatch(/^Whole map/);
    expectNone([...problems, ...errors], `map problems at ${width} px`);
    await ctx.close();
  });

  test('zooms with its buttons and keys, and returns to the whole map', async () => {
    const { ctx, page, errors } = await open(width);
    const fit = scale(await shown(page));
    await page.getByRole('button', { name: 'Zoom in' }).click();
    const zoomed = scale(await shown(page));
    expect(zoomed).toBeGreaterThan(fit * 1.2);
    expect(await page.locator('[data-map-status]').textContent()).not.toMatch(/^Whole map/);
    await page.getByRole('button', { name: 'Zoom out' }).click();
    expect(scale(await shown(page))).toBeCloseTo(fit, 5);
    // Zooming out stops at the whole map.
    await page.getByRole('button', { name: 'Zoom out' }).click();
    expect(scale(await shown(page))).toBeCloseTo(fit, 5);

    await page.locator('[data-map-view]').focus();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    const keyed = await shown(page);
    expect(scale(keyed)).toBeGreaterThan(zoomed);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const moved = await shown(page);
    expect(moved.viewBox.x).toBeGreaterThan(keyed.viewBox.x);
    expect(moved.viewBox.y).toBeGreaterThan(keyed.viewBox.y);
    await page.keyboard.press('-');
    expect(scale(await shown(page))).toBeLessThan(scale(moved));
    await page.keyboard.press('0');
    const back = await shown(page);
    expect(scale(back)).toBeCloseTo(fit, 5);
    expect(await page.locator('[data-map-status]').textContent()).toMatch(/^Whole map/);

    // Focus on a box outside the zoomed view brings it into view.
    await page.getByRole('button', { name: 'Zoom in' }).click();
    await page.getByRole('button', { name: 'Zoom in' }).click();
    const last = page.locator('svg[data-map-svg]:visible a[data-map-node]').last();
    await last.focus();
    const lastBox = await last.locator('rect').boundingBox();
    const view = await shown(page);
    if (!lastBox) throw new Error('the last box has no position');
    // Its middle, at least: zoomed in on a phone, a box can be wider than the screen.
    const mid = { x: lastBox.x + lastBox.width / 2, y: lastBox.y + lastBox.height / 2 };
    expect(mid.x).toBeGreaterThan(view.box.left);
    expect(mid.x).toBeLessThan(view.box.right);
    expect(mid.y).toBeGreaterThan(view.box.top);
    expect(mid.y).toBeLessThan(view.box.bottom);
    await page.getByRole('button', { name: 'Whole map' }).click();
    expect(scale(await shown(page))).toBeCloseTo(fit, 5);
    expectNone(errors, 'page errors');
    await ctx.close();
  });

  test('a tap on a box previews it, a second tap opens it, and nothing throws', async () => {
    const { ctx, page, errors } = await open(width, { hasTouch: true, isMobile: width < PHONE_OR_TABLET });
    const box = page.locator('svg[data-map-svg]:visible a[data-map-node]').nth(1);
    const slug = await box.getAttribute('data-map-node');
    await box.scrollIntoViewIfNeeded();
    const r = await box.locator('rect').boundingBox();
    if (!r) throw new Error('the box has no position');
    await page.touchscreen.tap(r.x + r.width / 2, r.y + r.height / 2);
    await expect.poll(() => page.locator('#link-preview').isVisible()).toBe(true);
    // The card names the claim the box shows (the box adds its tag, "Claim:", in front).
    const words = (t: string | null) => (t ?? '').replace(/\s+/g, ' ').trim();
    const boxText = words(await box.locator('text').textContent());
    const cardTitle = words(await page.locator('#link-preview strong').textContent());
    expect(cardTitle.length).toBeGreaterThan(10);
    expect(boxText.endsWith(cardTitle)).toBe(true);
    expect(new URL(page.url()).pathname).toBe(PATH);
    const again = await box.locator('rect').boundingBox();
    if (!again) throw new Error('the box has no position');
    await page.touchscreen.tap(again.x + again.width / 2, again.y + again.height / 2);
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/arguments/${slug}/`);
    expectNone(errors, 'page errors');
    await ctx.close();
  });
});

describe('the argument map with a mouse and fingers', () => {
  test('Ctrl + wheel zooms about the pointer, a drag pans without following a link', async () => {
    const { ctx, page, errors } = await open(1440);
    const fit = await shown(page);
    const at = { x: fit.box.left + fit.box.width / 3, y: Math.max(fit.box.top, 0) + 200 };
    await page.mouse.move(at.x, at.y);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Control');
    await expect.poll(async () => scale(await shown(page))).toBeGreaterThan(scale(fit) * 1.2);
    const zoomed = await shown(page);
    // The map point under the pointer stayed under it.
    const mapX = (s0: Shown) => s0.viewBox.x + (at.x - s0.box.left) / scale(s0);
    expect(Math.abs(mapX(zoomed) - mapX(fit))).toBeLessThan(2);
    // Start the drag on a box: it must move the map, not open the box.
    const node = page.locator('svg[data-map-svg]:visible a[data-map-node]').first();
    const r = await node.locator('rect').boundingBox();
    const from = r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : at;
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x - 120, from.y - 80, { steps: 6 });
    await page.mouse.up();
    const dragged = await shown(page);
    expect(dragged.viewBox.x).not.toBeCloseTo(zoomed.viewBox.x, 1);
    expect(new URL(page.url()).pathname).toBe(PATH);
    expectNone(errors, 'page errors');
    await ctx.close();
  });

  test('two fingers moving apart zoom in', async () => {
    const { ctx, page, errors } = await open(390, { hasTouch: true, isMobile: true });
    const before = await shown(page);
    const cx = before.box.left + before.box.width / 2;
    const cy = Math.max(before.box.top, 0) + 300;
    const cdp = await ctx.newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', d: number) =>
      cdp.send('Input.dispatchTouchEvent', {
        type,
        touchPoints:
          type === 'touchEnd'
            ? []
            : [
                { x: cx - d, y: cy, id: 1 },
                { x: cx + d, y: cy, id: 2 },
              ],
      });
    await touch('touchStart', 30);
    for (let d = 40; d <= 120; d += 10) await touch('touchMove', d);
    await touch('touchEnd', 0);
    await expect.poll(async () => scale(await shown(page))).toBeGreaterThan(scale(before) * 1.5);
    expect(await page.evaluate(() => visualViewport?.scale ?? 1)).toBe(1);
    expectNone(errors, 'page errors');
    await ctx.close();
  });

  test('hovering a box shows its preview', async () => {
    const { ctx, page, errors } = await open(1440);
    const box = page.locator('svg[data-map-svg]:visible a[data-map-node]').first();
    await box.locator('rect').hover();
    await expect.poll(() => page.locator('#link-preview').isVisible()).toBe(true);
    expect(await box.getAttribute('aria-describedby')).toBe('link-preview');
    expectNone(errors, 'page errors');
    await ctx.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe-core finds no violations on the map, whole and zoomed, in the ${scheme} theme`, async () => {
      const ctx = await s.context({ colorScheme: scheme, viewport: { width: 390, height: 900 } });
      await ctx.addInitScript((t) => localStorage.setItem('theme', t), scheme);
      const page = await ctx.newPage();
      await page.goto(PATH);
      await page.locator('[data-map-view]').scrollIntoViewIfNeeded();
      await page.waitForSelector('[data-map][data-map-ready]');
      const problems = (await axe(page)).map((v) => `390 px: ${v}`);
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.getByRole('button', { name: 'Zoom in' }).click();
      problems.push(...(await axe(page)).map((v) => `1280 px, zoomed: ${v}`));
      expectNone(problems, `accessibility problems on ${PATH} in the ${scheme} theme`);
      await ctx.close();
    });
  }
});
