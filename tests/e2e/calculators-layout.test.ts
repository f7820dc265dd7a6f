// The calculators at phone, tablet and desktop widths in Chromium: the main result stays on screen
// while an input is edited (a sticky strip on narrow screens, a sticky column on wide ones),
// presets apply in place, chart text keeps its size on a phone, wide formulas scroll inside their
// own box, and a 10^7-sample Monte Carlo run shows progress, never blocks the page for long and
// can be cancelled.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { exactOutcome } from '../../src/lib/calc/ordering.ts';
import { evaluateHorizon } from '../../src/lib/calc/horizon.ts';
import { dataValue } from '../../src/lib/calc/format.ts';
import { ORDERING_PRESETS } from '../../src/lib/calc/ordering-presets.ts';
import { HORIZON_PRESETS } from '../../src/lib/calc/horizon-presets.ts';
import { orderingQuery, orderingTexts } from '../../src/lib/calc/ordering-query.ts';
import { horizonQuery, horizonTexts } from '../../src/lib/calc/horizon-query.ts';
import { axe, expectNone, startSession, type Session } from './helpers.ts';

const ORDERING = '/calculators/ordering/';
const HORIZON = '/calculators/goal-horizon/';

/** The widths the issue names, each with a screen height typical of it. */
const SCREENS = [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
  { width: 768, height: 1024 },
  { width: 1024, height: 768 },
  { width: 1440, height: 900 },
] as const;
/** From this width the results are a column beside the inputs (kit.css). */
const SIDE_COLUMN_FROM = 1024;

let s: Session;
beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
});

async function openAt(url: string, viewport: { width: number; height: number }, options: BrowserContextOptions = {}): Promise<Page> {
  const ctx = await s.context({ viewport, ...options });
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForSelector('[data-ready="true"]');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
  return page;
}

interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Where the reader can see a result: the strip's copy or the results column's, whichever is displayed. */
async function visibleResult(page: Page, name: string): Promise<{ where: 'strip' | 'results'; text: string; box: Box } | null> {
  return page.evaluate((n) => {
    const candidates = [
      ['strip', document.querySelector(`.calc-strip [data-strip="${n}"]`)],
      ['results', document.querySelector(`.calc-results [data-result="${n}"]`)],
    ] as const;
    for (const [where, el] of candidates) {
      if (!el || !(el as HTMLElement).checkVisibility()) continue;
      const r = el.getBoundingClientRect();
      if (r.bottom <= 0 || r.top >= innerHeight || r.right <= 0 || r.left >= innerWidth) continue;
      // Something else painted over it (the strip over the results column, say) does not count.
      const hit = document.elementFromPoint(r.left + Math.min(4, r.width / 2), r.top + r.height / 2);
      if (!hit || !(el === hit || el.contains(hit))) continue;
      return { where, text: (el.textContent ?? '').trim(), box: { top: r.top, bottom: r.bottom, left: r.left, right: r.right } };
    }
    return null;
  }, name);
}

const box = (page: Page, selector: string) =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
  });
const overlaps = (a: Box, b: Box) => a.top < b.bottom && b.top < a.bottom && a.left < b.right && b.left < a.right;
const resultText = (page: Page, name: string) => page.$eval(`.calc-results [data-result="${name}"]`, (el) => (el.textContent ?? '').trim());

describe('the main result stays in view while editing', () => {
  const cases = [
    {
      url: ORDERING,
      result: 'p-deceptive',
      edits: [
        ['#pG', '0.1'],
        ['#mS', '3'],
        ['#tau', '2'],
        ['#corr', '0.5'],
      ],
    },
    {
      url: HORIZON,
      result: 'h-min',
      edits: [
        ['#h0', '2'],
        ['#c', '1e6'],
        ['#D', '1e14'],
        ['#T', '2e13'],
      ],
    },
  ] as const;
  for (const screen of SCREENS) {
    for (const c of cases) {
      test(`${c.url} at ${screen.width} px: after each edit ${c.result} is on screen and the focused field is not covered`, async () => {
        const page = await openAt(c.url, screen);
        const problems: string[] = [];
        for (const [field, value] of c.edits) {
          await page.fill(field, value);
          const expected = await resultText(page, c.result);
          const seen = await visibleResult(page, c.result);
          if (!seen) {
            problems.push(`${field} = ${value}: ${c.result} is not on screen (scrollY ${await page.evaluate(() => scrollY)})`);
            continue;
          }
          if (seen.text !== expected) problems.push(`${field} = ${value}: the ${seen.where} shows "${seen.text}", the result is "${expected}"`);
          const wantWhere = screen.width >= SIDE_COLUMN_FROM ? 'results' : 'strip';
          if (seen.where !== wantWhere) problems.push(`${field}: seen in the ${seen.where}, expected the ${wantWhere}`);
          const input = await box(page, field);
          // The line being typed on is on screen (the browser may leave a few pixels of the box below the edge).
          if (input.top < 0 || input.top + (input.bottom - input.top) / 2 > screen.height) problems.push(`${field} is off screen after typing`);
          if (seen.where === 'strip' && overlaps(await box(page, '.calc-strip'), input)) problems.push(`${field} is under the result strip`);
        }
        expectNone(problems, 'results out of view');
        if (screen.width < SIDE_COLUMN_FROM) {
          // Compact, and at the top of the screen: clear of an on-screen keyboard, which rises from the bottom.
          const strip = await box(page, '.calc-strip');
          expect(strip.bottom - strip.top).toBeLessThanOrEqual(64);
          expect(Math.abs(strip.top)).toBeLessThan(1);
        }
      });
    }
  }

  test('with an on-screen keyboard taking half of a phone screen, the strip and the field being typed in are both visible', async () => {
    const page = await openAt(ORDERING, { width: 390, height: 844 });
    await page.setViewportSize({ width: 390, height: 420 });
    for (const field of ['#mB', '#q', '#tau']) {
      await page.focus(field);
      await page.keyboard.press('Control+A');
      await page.keyboard.type('0.7');
      const seen = await visibleResult(page, 'p-deceptive');
      expect(seen?.where, field).toBe('strip');
      const input = await box(page, field);
      expect(input.top, field).toBeGreaterThanOrEqual((await box(page, '.calc-strip')).bottom);
      expect(input.bottom, field).toBeLessThanOrEqual(421);
    }
  });
});

describe('presets apply in place', () => {
  const cases = [
    {
      url: ORDERING,
      result: 'p-deceptive',
      from: 'neutral',
      to: ORDERING_PRESETS.find((p) => p.id === 'carlsmith')!,
      query: (p: (typeof ORDERING_PRESETS)[number]) => orderingQuery(orderingTexts(p.inputs)),
      value: (p: (typeof ORDERING_PRESETS)[number]) => dataValue(exactOutcome(p.inputs).pDeceptive),
      edit: ['#q', '0.3'],
    },
    {
      url: HORIZON,
      result: 'h-min',
      from: 'pre-training',
      to: HORIZON_PRESETS.find((p) => p.id === 'deliberate')!,
      query: (p: (typeof HORIZON_PRESETS)[number]) => horizonQuery(horizonTexts(p.inputs)),
      value: (p: (typeof HORIZON_PRESETS)[number]) => dataValue(evaluateHorizon(p.inputs).hMin),
      edit: ['#c', '14'],
    },
  ] as const;

  for (const screen of SCREENS) {
    for (const c of cases) {
      test(`${c.url} at ${screen.width} px: a preset applies without a page load, marks itself, and an edit leaves it`, async () => {
        const page = await openAt(c.url, screen);
        const link = page.locator(`a.calc-preset[data-preset="${c.to.id}"]`);
        // The defaults are a preset, so it is marked from the start.
        expect(await page.locator('a.calc-preset[aria-current="true"]').getAttribute('data-preset')).toBe(c.from);
        await link.scrollIntoViewIfNeeded();
        await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
        const linkBefore = await link.boundingBox();
        await link.click();
        await page.waitForFunction((v) => document.querySelector('.calc-results [data-result]')?.getAttribute('data-value') === v, c.value(c.to as never));
        // Same document: the marker survives and there is still one navigation entry.
        expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
        expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
        // The page stays where it was: the link is where the reader clicked it.
        expect(Math.abs((await link.boundingBox())!.y - linkBefore!.y)).toBeLessThan(1);
        expect(new URL(page.url()).search).toBe(c.query(c.to as never));
        expect(await link.getAttribute('aria-current')).toBe('true');
        expect(await page.locator('a.calc-preset[aria-current]').count()).toBe(1);
        expect(await page.locator('.calc-scenario').textContent()).toBe(`Preset: ${c.to.label}`);

        const [field, value] = c.edit;
        await page.fill(field, value);
        await expect.poll(() => page.locator('a.calc-preset[aria-current]').count()).toBe(0);
        expect(await page.locator('.calc-scenario').textContent()).toBe(`Custom (edited from “${c.to.label}”)`);
        expect(await page.locator('.calc-scenario-line').textContent()).toBe(`Custom (edited from “${c.to.label}”)`);
        expect(page.url()).toContain(`${field.slice(1)}=${value}`);

        // Back returns to the entry before the preset: the defaults, and their preset marked again.
        await page.goBack();
        await page.waitForFunction((id) => document.querySelector('a.calc-preset[aria-current="true"]')?.getAttribute('data-preset') === id, c.from);
        expect(new URL(page.url()).search).toBe('');
        expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
      });
    }
  }

  test('a shared link of edited inputs says "Custom", not edited from the defaults', async () => {
    const page = await openAt(`${ORDERING}?pG=0.123`, { width: 390, height: 844 });
    expect(await page.locator('.calc-scenario').textContent()).toBe('Custom inputs');
    expect(await page.locator('a.calc-preset[aria-current]').count()).toBe(0);
  });

  test('without JavaScript a preset is an ordinary link to its scenario', async () => {
    const ctx = await s.context({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.goto(HORIZON);
    const to = HORIZON_PRESETS.find((p) => p.id === 'rl-fine-tuning')!;
    await Promise.all([page.waitForURL(`**${HORIZON}${horizonQuery(horizonTexts(to.inputs))}`), page.click(`a.calc-preset[data-preset="${to.id}"]`)]);
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
  });
});

describe('charts and formulas on a phone', () => {
  for (const width of [360, 390]) {
    test(`chart text is at least 11 px on screen at ${width} px`, async () => {
      for (const url of [`${ORDERING}?pB=0.3`, HORIZON]) {
        const page = await openAt(url, { width, height: 800 });
        // The charts redraw at their own width once measured.
        await page.waitForFunction(() =>
          [...document.querySelectorAll<SVGSVGElement>('svg.calc-chart')].every(
            (svg) => Math.abs(svg.viewBox.baseVal.width - svg.getBoundingClientRect().width) < 1,
          ),
        );
        const sizes = await page.$$eval('svg.calc-chart', (svgs) =>
          svgs.flatMap((svg) => {
            const scale = svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width;
            return [...svg.querySelectorAll('text')].map((t) => ({ text: (t.textContent ?? '').trim(), px: parseFloat(getComputedStyle(t).fontSize) * scale }));
          }),
        );
        expect(sizes.length, url).toBeGreaterThan(8);
        expectNone(
          sizes.filter((x) => x.px < 11).map((x) => `${url}: "${x.text}" at ${x.px.toFixed(1)} px`),
          'chart text under 11 px',
        );
        // The text stays inside the chart.
        const outside = await page.$$eval('svg.calc-chart', (svgs) =>
          svgs.flatMap((svg) => {
            const r = svg.getBoundingClientRect();
            return [...svg.querySelectorAll('text')]
              .filter((t) => {
                const b = t.getBoundingClientRect();
                return b.left < r.left - 1 || b.right > r.right + 1;
              })
              .map((t) => (t.textContent ?? '').trim());
          }),
        );
        expectNone(outside, `${url}: chart labels cut off at the sides`);
      }
    });
  }

  for (const screen of SCREENS) {
    test(`formulas never widen the page at ${screen.width} px, and one that overflows scrolls in its own labelled, focusable box`, async () => {
      for (const url of [ORDERING, HORIZON]) {
        const page = await openAt(url, screen);
        const formulas = await page.$$('.math-display');
        expect(formulas.length).toBeGreaterThanOrEqual(5);
        let overflowing = 0;
        for (const f of formulas) {
          await f.scrollIntoViewIfNeeded();
          // content-visibility: auto lays a formula out only once it nears the screen, at the next frame.
          await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
          const info = await f.evaluate((el) => {
            const names = (el.getAttribute('aria-labelledby') ?? '').split(' ').filter(Boolean);
            const name = names
              .map((id) => document.getElementById(id)?.textContent ?? '')
              .join(' ')
              .trim();
            const style = getComputedStyle(el);
            return {
              overflows: el.scrollWidth > el.clientWidth + 1,
              tabindex: el.getAttribute('tabindex'),
              name,
              overflowX: style.overflowX,
              cue: style.backgroundImage,
            };
          });
          if (!info.overflows) continue;
          overflowing++;
          expect(info.tabindex).toBe('0');
          expect(info.name.length).toBeGreaterThan(10);
          expect(info.overflowX).toBe('auto');
          expect(info.cue).toContain('gradient');
          // The keyboard scrolls it.
          await f.focus();
          for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
          // (Keyboard scrolling may be animated.)
          await expect.poll(() => f.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
        }
        if (screen.width <= 390)
          expect(overflowing, `${url}: no formula overflows at ${screen.width} px, so the check above tested nothing`).toBeGreaterThan(0);
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(await page.evaluate(() => innerWidth));
      }
    });
  }
});

/** Trace events of the page's main thread, from Chromium's tracing (`X` events with wall and thread time in µs). */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { frames?: { url: string; processId: number }[] } };
}

describe('a 10^7-sample Monte Carlo run', () => {
  test('shows labelled progress, never blocks the page for 100 ms at a time, and Cancel stops it with a partial result', async () => {
    const ctx = await s.context({ viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.goto(`${ORDERING}?dG=lognormal&dS=lognormal&n=10000000`);
    await page.waitForSelector('[data-ready="true"]');
    const progress = page.getByRole('progressbar', { name: 'Monte Carlo progress' });
    await progress.waitFor();

    // The longest stretch the page's main thread is blocked while sampling: the limit is
    // 100 ms. Measured as the CPU time of each task (trace "RunTask" events), not wall time: on a
    // busy machine the wall time of even a 1 ms task includes however long the OS kept the
    // thread waiting, which the page cannot control.
    const browser = ctx.browser()!;
    await browser.startTracing(page, { categories: ['toplevel', 'disabled-by-default-devtools.timeline', '__metadata'] });
    await page.waitForFunction(() => Number(document.querySelector('#ordering-progress')?.getAttribute('value')) > 200_000, undefined, { timeout: 30_000 });
    await page.waitForTimeout(1500);
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    // This page's renderer (other tests' pages may still be open in the same browser).
    const frames = trace.traceEvents.find((e) => e.name === 'TracingStartedInBrowser')?.args?.data?.frames ?? [];
    const pid = frames.find((f) => f.url === page.url())?.processId;
    expect(pid, 'the page’s renderer process in the trace').toBeDefined();
    const mainThreads = new Set(
      trace.traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === pid).map((e) => `${e.pid}:${e.tid}`),
    );
    const tasks = trace.traceEvents.filter((e) => e.name === 'RunTask' && e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`));
    expect(tasks.length, 'main-thread tasks in the trace').toBeGreaterThan(20);
    expect(
      tasks.every((t) => typeof t.tdur === 'number'),
      'trace events carry thread time',
    ).toBe(true);
    const maxBlockingChunkMs = Math.max(...tasks.map((t) => (t.tdur ?? 0) / 1000));
    const longestWall = Math.max(...tasks.map((t) => (t.dur ?? 0) / 1000));
    expect(maxBlockingChunkMs, `longest task: ${maxBlockingChunkMs.toFixed(1)} ms of CPU (${longestWall.toFixed(1)} ms wall)`).toBeLessThan(100);
    expect(await page.locator('.calc-strip [data-strip="p-deceptive"]').textContent()).toContain('±');

    const drawn = () => page.locator('#ordering-progress').getAttribute('value').then(Number);
    expect(await drawn()).toBeLessThan(10_000_000);
    await page.getByRole('button', { name: 'Cancel sampling' }).click();
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    const mode = page.locator('.calc-mode');
    expect(await mode.getAttribute('data-partial')).toBe('true');
    expect(await mode.textContent()).toMatch(/^Cancelled: a partial Monte Carlo estimate from [\d,]+ of 10,000,000 samples/);
    const value = await page.locator('[data-result="p-deceptive"]').getAttribute('data-value');
    const stoppedAt = await drawn();
    expect(await page.locator('[data-result="p-deceptive"]').textContent()).toContain('±');
    expect(await page.locator('.calc-progress').textContent()).toContain('Stopped at');
    // Stopped: nothing changes afterwards, and the button (focus still on it) now continues the same run.
    await page.waitForTimeout(500);
    expect(await drawn()).toBe(stoppedAt);
    expect(await page.locator('[data-result="p-deceptive"]').getAttribute('data-value')).toBe(value);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Continue sampling');
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => Number(document.querySelector('#ordering-progress')?.getAttribute('value')) > n, stoppedAt);
    expect(await mode.getAttribute('data-partial')).toBeNull();

    // A new input starts a new run, which is no longer marked partial.
    await page.fill('#n', '20000');
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
    expect(await mode.getAttribute('data-partial')).toBeNull();
    expect(await mode.textContent()).toContain('estimate from 20,000 samples');
  });
});

describe('axe with the strip, the marked preset, the comparison and a cancelled run', () => {
  for (const scheme of ['light', 'dark'] as const) {
    test(`no violations at 390 and 1280 px (${scheme})`, async () => {
      const problems: string[] = [];
      for (const viewport of [
        { width: 390, height: 844 },
        { width: 1280, height: 900 },
      ]) {
        const ctx = await s.context({ colorScheme: scheme, viewport });
        await ctx.addInitScript((t) => localStorage.setItem('theme', t), scheme);
        const page = await ctx.newPage();
        await page.goto(`${ORDERING}?dL=lognormal&n=10000000`);
        await page.waitForSelector('[data-ready="true"]');
        await page.getByRole('button', { name: 'Cancel sampling' }).click();
        await page.fill('#q', '0.2');
        await page.getByRole('button', { name: 'Cancel sampling' }).click();
        await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
        for (const v of await axe(page)) problems.push(`ordering ${viewport.width} px — ${v}`);
        const horizon = await ctx.newPage();
        await horizon.goto(HORIZON);
        await horizon.waitForSelector('[data-ready="true"]');
        await horizon.locator('a.calc-preset[data-preset="deliberate"]').click();
        await horizon.waitForFunction(() => document.querySelector('a.calc-preset[aria-current="true"]')?.getAttribute('data-preset') === 'deliberate');
        for (const v of await axe(horizon)) problems.push(`goal-horizon ${viewport.width} px — ${v}`);
      }
      expectNone(problems, `accessibility problems (${scheme})`);
    }, 120_000);
  }
});
