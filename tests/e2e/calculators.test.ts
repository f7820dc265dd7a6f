// The two calculators in Chromium against the built site: server-rendered results, shared links,
// field errors, keyboard-only use, the Monte Carlo staying out of the way of typing, and axe.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { axe, dom, expectNone, expectSome, requestsAroundPaint, startSession, type Session } from './helpers.ts';

const ORDERING = '/calculators/ordering/';
const HORIZON = '/calculators/goal-horizon/';
const INDEX = '/calculators/';

let s: Session;
beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
});

/** Every data-result on the page as name → { value, text }. */
async function results(page: Page): Promise<Record<string, { value: string; text: string }>> {
  return page.$$eval('[data-result]', (els) =>
    Object.fromEntries(
      els.map((e) => [e.getAttribute('data-result') ?? '', { value: e.getAttribute('data-value') ?? '', text: (e.textContent ?? '').trim() }]),
    ),
  );
}

/** Opens a calculator page and waits for its island to be live and any Monte Carlo run to finish. */
async function open(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('[data-ready="true"]');
  await settle(page);
}

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

const isNumberish = (v: string) => v === 'never' || v === 'inf' || Number.isFinite(Number(v));
const noJunk = (text: string) => text !== '' && !/NaN|undefined|null|Infinity/.test(text);

// client:afterpaint (src/scripts/hydrate-after-paint.ts): on a slow phone the island's code no
// longer competes with the page for its first screen; the page shows the server-rendered results meanwhile.
test.each([ORDERING, HORIZON])('%s fetches its island code only after its first screen is marked painted', async (path) => {
  const page = await (await s.context({ viewport: { width: 390, height: 844 } })).newPage();
  const got = await requestsAroundPaint(page, path, /^\/_astro\/(?!Base\.).*\.js$/, (p) => p.waitForSelector('[data-ready="true"]'));
  await page.close();
  expect(got.painted).toBe(true);
  expectSome(
    got.files.filter((f) => /Calculator\./.test(f.name)),
    `the calculator component among the scripts ${path} fetched`,
  );
  expectNone(
    got.files.filter((f) => f.early).map((f) => f.name),
    `scripts ${path} fetched before its first screen was marked painted`,
  );
});

test('a shared link (a page opened with a preset’s query) hydrates at once, not after the first paint', async () => {
  const href = dom(ORDERING).querySelector('a.calc-preset')?.getAttribute('href')?.replace(/&amp;/g, '&') ?? '';
  expect(href).toMatch(/^\/calculators\/ordering\/\?/);
  const page = await (await s.context({ viewport: { width: 390, height: 844 } })).newPage();
  const got = await requestsAroundPaint(page, href, /Calculator\.[^/]*\.js$/, (p) => p.waitForSelector('[data-ready="true"]'));
  await page.close();
  expect(got.painted).toBe(true);
  expectSome(got.files, `the calculator component fetched by ${href}`);
  expect(got.files.every((f) => f.early)).toBe(true);
});

describe('server-rendered calculators', () => {
  test.each([
    [ORDERING, ['p-deceptive', 'p-aligned', 'p-proxy', 'p-no-goal', 'p-dangerous-order']],
    [HORIZON, ['h-min', 'h-min-ratio', 'advantage-at-h0', 'slope-at-h0', 'training-cost', 'episode-reaches']],
  ])('%s has every result with its full-precision value in the static HTML', (path, names) => {
    const root = dom(path);
    for (const name of names) {
      const el = root.querySelector(`[data-result="${name}"]`);
      expect(el, name).not.toBeNull();
      const value = el!.getAttribute('data-value') ?? '';
      expect(isNumberish(value), `${name}=${value}`).toBe(true);
      expect(noJunk(el!.text.trim()), `${name} shows "${el!.text}"`).toBe(true);
    }
  });

  test('the default horizon result is T + c/(p m) and formulas are rendered at build time', () => {
    const root = dom(HORIZON);
    expect(root.querySelector('[data-result="h-min"]')!.getAttribute('data-value')).toBe(String(1e13 + 4e6 / 0.5));
    expect(root.querySelectorAll('.katex-display').length).toBeGreaterThanOrEqual(5);
    expect(root.querySelectorAll('math').length).toBeGreaterThanOrEqual(5);
    expect(dom(ORDERING).querySelectorAll('.katex-display').length).toBeGreaterThanOrEqual(6);
  });

  test('presets say they are illustrative and link to the passages they encode', () => {
    for (const path of [ORDERING, HORIZON]) {
      const root = dom(path);
      const items = root.querySelectorAll('.calc-presets li');
      expect(items.length).toBeGreaterThanOrEqual(3);
      for (const li of items) {
        const link = li.querySelector('a.calc-preset')!;
        expect(link.text).toMatch(/illustrative/);
        expect(link.getAttribute('href')).toMatch(new RegExp(`^${path}\\?`));
        expect(li.querySelectorAll('a[href^="/essays/"], a[href^="/threads/"]').length).toBeGreaterThanOrEqual(1);
      }
    }
  });

  test('the index lists both calculators with preset headlines', () => {
    const root = dom(INDEX);
    expect(root.querySelector(`a[href="${ORDERING}"]`)).not.toBeNull();
    expect(root.querySelector(`a[href="${HORIZON}"]`)).not.toBeNull();
    expect(root.querySelectorAll('td[data-value]').length).toBe(6);
  });
});

describe('calculators in the browser', () => {
  test('load without console errors, failed requests or requests to other origins', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
    page.on('request', (r) => !r.url().startsWith(s.served.url) && problems.push(`third party: ${r.url()}`));
    for (const path of [INDEX, ORDERING, HORIZON]) {
      await page.goto(path, { waitUntil: 'networkidle' });
      // On a busy machine the island's imports can start after the network has been quiet for a
      // moment: wait until the island is live (its code loaded), so leaving the page aborts nothing.
      if (path !== INDEX) await page.waitForSelector('[data-ready="true"]');
    }
    expect(problems).toEqual([]);
  });

  test('a shared ordering URL restores every input and the same numbers, Monte Carlo included', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    await open(page, ORDERING);
    await page.fill('#pG', '0.25');
    await page.fill('#mB', '0.4');
    await page.fill('#corr', '2e-1');
    await page.selectOption('#dS', 'lognormal');
    await page.fill('#sS', '1.2');
    await page.fill('#n', '20000');
    await page.fill('#seed', '42');
    await settle(page);
    const url = page.url();
    expect(url).toContain('corr=2e-1');
    expect(url).toContain('dS=lognormal');
    const before = await results(page);
    expect(before['p-deceptive']!.text).toContain('±');

    const other = await (await s.context()).newPage();
    await open(other, url.replace(s.served.url, ''));
    expect(await results(other)).toEqual(before);
    for (const [id, value] of [
      ['#pG', '0.25'],
      ['#mB', '0.4'],
      ['#corr', '2e-1'],
      ['#dS', 'lognormal'],
      ['#sS', '1.2'],
      ['#seed', '42'],
    ]) {
      expect(await other.inputValue(id!), id).toBe(value);
    }
  });

  test('a shared horizon URL restores every input and the same numbers', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    await open(page, HORIZON);
    await page.selectOption('#form', 'discount');
    await page.selectOption('#unit', 'days');
    await page.fill('#T', '365');
    await page.fill('#c', '7');
    await page.fill('#D', '1e4');
    await page.fill('#h0', '30');
    const before = await results(page);
    expect(before['h-min']!.text).toContain('days');
    const other = await (await s.context()).newPage();
    await open(other, page.url().replace(s.served.url, ''));
    expect(await results(other)).toEqual(before);
    expect(await other.inputValue('#form')).toBe('discount');
    expect(await other.inputValue('#D')).toBe('1e4');
  });

  test('bad input in a link marks each field, says what is allowed, and the rest still computes', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    await open(page, `${ORDERING}?pG=2&mL=abc&q=&pB=0.9`);
    for (const [id, message] of [
      ['pG', '2 is out of range. Enter a number from 0 to 1.'],
      ['mL', '“abc” is not a number. Enter a number from 1e-9 to 1e9.'],
      ['q', 'This field is empty. Enter a number from 0 to 1.'],
    ] as const) {
      const field = page.locator(`#${id}`);
      expect(await field.getAttribute('aria-invalid'), id).toBe('true');
      const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
      expect(await page.locator(`#${describedBy.split(' ')[0]}`).textContent()).toContain(message);
    }
    expect(await page.locator('#pB').getAttribute('aria-invalid')).toBeNull();
    const r = await results(page);
    for (const [name, { value, text }] of Object.entries(r)) {
      expect(isNumberish(value), name).toBe(true);
      expect(noJunk(text), `${name}: ${text}`).toBe(true);
    }
    // pB = 0.9 was taken, so the result differs from the all-defaults one.
    expect(r['p-deceptive']!.value).not.toBe(dom(ORDERING).querySelector('[data-result="p-deceptive"]')!.getAttribute('data-value'));
  });

  test('bad input typed into a field marks it and clears when corrected', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    await open(page, HORIZON);
    await page.fill('#T', '');
    expect(await page.locator('#T').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#T-error').textContent()).toContain('This field is empty. Enter a number from 1e-6 to 1e30.');
    await page.fill('#p', '1.5');
    expect(await page.locator('#p-error').textContent()).toContain('1.5 is out of range. Enter a number from 0 to 1.');
    const r = await results(page);
    for (const [name, { value, text }] of Object.entries(r)) expect(isNumberish(value) && noJunk(text), `${name}: ${text}`).toBe(true);
    expect(r['h-min']!.value).toBe(String(1e13 + 4e6 / 0.5));
    await page.fill('#T', '2e13');
    await page.fill('#p', '1');
    expect(await page.locator('#T').getAttribute('aria-invalid')).toBeNull();
    expect(await page.locator('#T-error').count()).toBe(0);
    expect((await results(page))['h-min']!.value).toBe(String(2e13 + 4e6));
  });

  test.each([`${HORIZON}?c=1e-300`, `${HORIZON}?c=1e-300&form=discount`, `${HORIZON}?c=5e-324&form=discount&h0=1e-310`])(
    '%s does not hang: the field error names the range and every result is finite',
    async (url) => {
      const ctx = await s.context();
      const page = await ctx.newPage();
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(e.message));
      await open(page, url);
      expect(await page.locator('#c').getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#c-error').textContent()).toContain('is out of range. Enter a number from 1e-6 to 1e30.');
      const r = await results(page);
      for (const [name, { value, text }] of Object.entries(r)) expect(isNumberish(value) && noJunk(text), `${name}: ${text}`).toBe(true);
      // The default c is used meanwhile, so h-min is the discount or cutoff answer for c = 4e6.
      expect(Number(r['h-min']!.value)).toBeGreaterThan(1e11);
      expect(problems).toEqual([]);
    },
  );

  test('the discount form at ε = 1 gives h-min = c/100, and a tiny positive slope is not called "no local push"', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    await open(page, `${HORIZON}?form=discount&eps=1`);
    expect((await results(page))['h-min']!.value).toBe('40000');
    await open(page, `${HORIZON}?form=discount&c=1&h0=1.58489e11`);
    const slope = (await results(page))['slope-at-h0']!;
    expect(Number(slope.value) / 3.2737121898621e-18 - 1).toBeLessThan(1e-9);
    // h₀ is typed with six significant figures, so six are shown.
    expect(slope.text).toBe('3.27371 × 10⁻¹⁸');
    const reading = (await page.locator('.calc-results .calc-mode').textContent()) ?? '';
    expect(reading).toContain('narrow the gap');
    expect(reading).not.toContain('no local push');
    await open(page, `${HORIZON}?form=discount&h0=5.98126846252717e11`);
    // At h-min itself V_B and V_A agree to every digit the doubles hold, and the page says so.
    const at = (await results(page))['advantage-at-h0']!;
    expect(at.text).toMatch(/^0 ± 10⁻?[⁰-⁹]+ Closer to zero than double precision can resolve/);
    expect(await page.locator('.calc-results .calc-mode').textContent()).toContain('the same to within double precision');
  });

  test('a value below double precision says so, and results show only the digits the inputs justify', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    await open(page, `${HORIZON}?form=discount&eps=1`);
    const adv = (await results(page))['advantage-at-h0']!;
    expect(adv.text).toMatch(/^1\.5 × 10⁻¹²⁰⁴¹²⁰ Below the smallest number double precision holds/);
    expect(await page.locator('[data-result="advantage-at-h0"]').getAttribute('data-status')).toBe('tiny');
    await open(page, HORIZON);
    const r = await results(page);
    expect(r['h-min']!.text).toBe('10¹³ + 8 × 10⁶ tokens');
    expect(r['h-min-ratio']!.text).toBe('(1 + 8 × 10⁻⁷) × T');
    expect(r['h-min-ratio']!.value).toBe(String((1e13 + 8e6) / 1e13));
  });

  test('an invalid value leaves its slider at the value in use, not at the end of its track', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    await open(page, `${HORIZON}?p=7&eps=-1`);
    const slider = (id: string) => page.locator(`#${id}`).locator('xpath=following-sibling::input[@type="range"]');
    expect(await page.locator('#p').getAttribute('aria-invalid')).toBe('true');
    expect(await slider('p').inputValue()).toBe('0.5');
    expect(await slider('p').getAttribute('aria-valuetext')).toContain('the default, in use while the field is wrong');
    expect(await slider('eps').inputValue()).toBe('0');
    await open(page, `${ORDERING}?mB=1e12`);
    expect(await page.locator('#mB-error').textContent()).toContain('Enter a number from 1e-9 to 1e9.');
    expect(Number(await slider('mB').inputValue())).toBe(0);
  });

  test('the ordering calculator accepts times from 1e-9 to 1e9 runs', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    await open(page, `${ORDERING}?mG=1e-9&mL=1e9&mB=1e-4&mS=1e4&tau=1e9&corr=1e-9`);
    expect(await page.locator('[aria-invalid="true"]').count()).toBe(0);
    const r = await results(page);
    for (const [name, { value, text }] of Object.entries(r)) expect(isNumberish(value) && noJunk(text), `${name}: ${text}`).toBe(true);
    const total = ['p-deceptive', 'p-aligned', 'p-proxy', 'p-no-goal'].reduce((acc, k) => acc + Number(r[k]!.value), 0);
    expect(Math.abs(total - 1)).toBeLessThan(1e-9);
  });

  test('keyboard only: tab to a preset, follow it, tab to a field and type', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    await open(page, HORIZON);
    await page.locator('body').focus();
    const tabTo = async (match: (el: { tag: string; text: string; id: string }) => boolean, limit = 80) => {
      for (let i = 0; i < limit; i++) {
        await page.keyboard.press('Tab');
        const el = await page.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          return { tag: a?.tagName ?? '', text: (a?.textContent ?? '').trim(), id: a?.id ?? '' };
        });
        if (match(el)) return;
      }
      throw new Error('never reached the control by Tab');
    };
    await tabTo((el) => el.tag === 'A' && el.text.startsWith('RL fine-tuning'));
    await page.keyboard.press('Enter');
    await page.waitForURL(/unit=steps/);
    await page.waitForSelector('[data-ready="true"]');
    expect((await results(page))['h-min']!.value).toBe(String(1e4 + 10 / 0.5));
    await tabTo((el) => el.id === 'T');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2e4');
    expect((await results(page))['h-min']!.value).toBe(String(2e4 + 10 / 0.5));
    expect(page.url()).toContain('T=2e4');
    await tabTo((el) => el.tag === 'BUTTON' && el.text === 'Reset');
    await page.keyboard.press('Space');
    expect((await results(page))['h-min']!.value).toBe(String(1e13 + 8e6));
    expect(await page.locator('.calc-status').textContent()).toContain('reset');
  });

  test('keyboard only: a select and a slider change the ordering result', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    await open(page, ORDERING);
    const before = (await results(page))['p-deceptive']!.value;
    await page.focus('#pB');
    await page.keyboard.press('Tab');
    // The slider beside the field takes the arrow keys.
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).type)).toBe('range');
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    expect(await page.inputValue('#pB')).toBe('0.1');
    const after = (await results(page))['p-deceptive']!.value;
    expect(Number(after)).toBeLessThan(Number(before));
  });

  test('copy link puts the scenario URL on the clipboard', async () => {
    const ctx = await s.context({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await ctx.newPage();
    await open(page, `${HORIZON}?T=5e12`);
    await page.getByRole('button', { name: 'Copy link to this scenario' }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`${s.served.url}${HORIZON}?T=5e12`);
    expect(await page.locator('.calc-status').textContent()).toBe('Link to this scenario copied.');
  });

  test('a 10^6-sample Monte Carlo shows progress and leaves typing responsive', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    await open(page, ORDERING);
    await page.fill('#n', '1000000');
    await page.selectOption('#dG', 'lognormal');
    await page.waitForSelector('#ordering-progress');
    // Typing lands while the run is still going: the field updates and the run restarts.
    await page.fill('#pS', '');
    await page.locator('#pS').pressSequentially('0.5', { delay: 10 });
    expect(await page.inputValue('#pS')).toBe('0.5');
    expect(await page.locator('[aria-busy="true"]').count()).toBe(1);
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), undefined, { timeout: 30_000 });
    const r = await results(page);
    expect(r['p-deceptive']!.text).toMatch(/±/);
    expect(await page.locator('#ordering-progress').count()).toBe(0);
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe finds no violations with errors shown, tables open and Monte Carlo results (${scheme})`, async () => {
      const ctx = await s.context({ colorScheme: scheme });
      await ctx.addInitScript((t) => localStorage.setItem('theme', t), scheme);
      const page = await ctx.newPage();
      const problems: string[] = [];
      for (const url of [INDEX, `${ORDERING}?pG=2&dL=lognormal&n=5000`, `${HORIZON}?T=abc&form=discount`]) {
        if (url === INDEX) await page.goto(url);
        else await open(page, url);
        await page.$$eval('details', (els) => els.forEach((d) => (d.open = true)));
        for (const v of await axe(page)) problems.push(`${url} — ${v}`);
      }
      expect(problems).toEqual([]);
    }, 120_000);
  }
});
