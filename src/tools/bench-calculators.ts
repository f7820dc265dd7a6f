// Calculator benchmark: time per exact evaluation and per 100,000-sample Monte Carlo run in Node,
// the JavaScript each calculator page loads (raw and gzipped) against the 25 KB budget, and, in
// Chromium against the built site, the time from an input change to the result on screen.
// `npm run bench` calls benchCalculators (skip it with --no-calculators).
// Standalone: `node src/tools/bench-calculators.ts [dist]` (after `npm run build`).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CALCULATOR_JS_GZIP } from '../bench/budgets.ts';
import { CHROMIUM, CHROMIUM_ARGS, scriptsRan } from '../build/chromium.ts';
import { DistFiles, eagerJsBytes, pageAssets } from './page-assets.ts';
import { serveDist } from './serve-dist.ts';

const PAGES = ['/calculators/ordering/', '/calculators/goal-horizon/'];

/** Median time per call of `fn` in milliseconds, over `rounds` rounds of `reps` calls after a warm-up. */
function timeIt(fn: (i: number) => unknown, reps: number, rounds = 7): number {
  for (let i = 0; i < reps; i++) fn(i);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < reps; i++) fn(i);
    times.push((performance.now() - t0) / reps);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

/** A calculator page's JavaScript before interaction, as bench/results.json records it. */
export interface CalculatorPageJs {
  files: number;
  inlineScripts: number;
  raw: number;
  gz: number;
  withinBudget: boolean;
}

/** JavaScript a calculator page runs before interaction: module scripts, island code, inline scripts. */
function jsWeight(dist: string, path: string): CalculatorPageJs | null {
  const files = new DistFiles(dist);
  const html = files.file(`${path}index.html`);
  if (!html) return null;
  const assets = pageAssets(files, path, files.text(`${path}index.html`));
  const { raw, gzip } = eagerJsBytes(files, assets);
  return { files: assets.eagerJs.length, inlineScripts: assets.inlineJs.length, raw, gz: gzip, withinBudget: gzip <= CALCULATOR_JS_GZIP };
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;

/** Time from an input change to its result on screen, per calculator page: every change and the median, in ms. */
export interface InputToResult {
  path: string;
  field: string;
  timesMs: number[];
  medianMs: number;
}

// Each value differs from the one before, so every change moves the main result.
const CHANGES: { path: string; field: string; values: string[] }[] = [
  { path: '/calculators/ordering/', field: '#pG', values: Array.from({ length: 20 }, (_, i) => String(((i % 10) + 1) / 20)) },
  { path: '/calculators/goal-horizon/', field: '#T', values: Array.from({ length: 20 }, (_, i) => `${(i % 10) + 2}e12`) },
];

/**
 * In Chromium at a phone's width: sets a field's text as typing would (an input event), waits
 * for the main result's text to change and then for the frame that shows it (the task after the
 * next animation frame), 20 changes per calculator, a pause between them.
 */
export async function inputToResult(dist: string): Promise<InputToResult[]> {
  const served = await serveDist(dist);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const out: InputToResult[] = [];
    for (const { path, field, values } of CHANGES) {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 }, baseURL: served.url });
      await page.goto(path);
      await scriptsRan(page);
      await page.waitForSelector('[data-ready="true"]');
      const timesMs = await page.evaluate(
        async ({ field, values }) => {
          const input = document.querySelector<HTMLInputElement>(field);
          const result = document.querySelector('.calc-results [data-result]');
          if (!input || !result) throw new Error(`no ${field} or result`);
          const times: number[] = [];
          for (const v of values) {
            const before = result.textContent;
            const shown = new Promise<void>((resolve) => {
              const mo = new MutationObserver(() => {
                if (result.textContent === before) return;
                mo.disconnect();
                requestAnimationFrame(() => setTimeout(resolve, 0));
              });
              mo.observe(result, { subtree: true, childList: true, characterData: true });
            });
            const t0 = performance.now();
            input.value = v;
            input.dispatchEvent(new Event('input', { bubbles: true }));
            await shown;
            times.push(performance.now() - t0);
            await new Promise((r) => setTimeout(r, 100));
          }
          return times;
        },
        { field, values },
      );
      const sorted = [...timesMs].sort((a, b) => a - b);
      out.push({ path, field, timesMs, medianMs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN });
      await page.close();
    }
    return out;
  } finally {
    await browser.close();
    await served.close();
  }
}

/** Runs the calculator benchmark, prints a table, and returns the figures for results.json. */
export async function benchCalculators({ dist = 'dist', log = console.log }: { dist?: string; log?: (line: string) => void } = {}) {
  const { exactOutcome, sensitivity } = await import('../lib/calc/ordering.ts');
  const { runMonteCarlo } = await import('../lib/calc/montecarlo.ts');
  const { evaluateHorizon, HORIZON_DEFAULTS } = await import('../lib/calc/horizon.ts');
  const { ORDERING_PRESETS } = await import('../lib/calc/ordering-presets.ts');
  const carlsmith = ORDERING_PRESETS.find((p) => p.id === 'carlsmith')?.inputs;
  if (!carlsmith) throw new Error('the "carlsmith" ordering preset is missing; the bench times the calculators on it');

  // Each call nudges τ so no engine can reuse a previous answer.
  const exactMs = timeIt((i) => exactOutcome({ ...carlsmith, tau: 1 + i * 1e-9 }), 2000);
  const stiffMs = timeIt((i) => exactOutcome({ ...carlsmith, mG: 0.001, corr: 0.001, tau: 1000 + i * 1e-9 }), 500);
  const sensitivityMs = timeIt((i) => sensitivity({ ...carlsmith, tau: 1 + i * 1e-9 }), 50);
  const horizonCutoffMs = timeIt((i) => evaluateHorizon({ ...HORIZON_DEFAULTS, T: 1e13 + i }), 2000);
  const horizonDiscountMs = timeIt((i) => evaluateHorizon({ ...HORIZON_DEFAULTS, form: 'discount', T: 1e13 + i }), 200);
  const mcExpMs = timeIt((i) => runMonteCarlo({ ...carlsmith, n: 100_000, seed: i }), 1, 5);
  const mcLogMs = timeIt((i) => runMonteCarlo({ ...carlsmith, n: 100_000, seed: i, dG: 'lognormal', dL: 'lognormal', dB: 'lognormal', dS: 'lognormal' }), 1, 5);

  const timings = {
    exactMs,
    stiffMs,
    sensitivityMs,
    horizonCutoffMs,
    horizonDiscountMs,
    monteCarlo100kExponentialMs: mcExpMs,
    monteCarlo100kLognormalMs: mcLogMs,
  };
  const pages = Object.fromEntries(PAGES.map((p) => [p, jsWeight(dist, p)]));
  const browserTimes = existsSync(`${dist}/calculators/ordering/index.html`) && existsSync(CHROMIUM) ? await inputToResult(dist) : null;

  log('\nCalculators (Node, median)');
  log(`  exact ordering evaluation          ${(exactMs * 1000).toFixed(1)} µs`);
  log(`  exact, stiff (Λτ ≈ 10^6)           ${(stiffMs * 1000).toFixed(1)} µs`);
  log(`  sensitivity table (22 evaluations) ${sensitivityMs.toFixed(2)} ms`);
  log(`  horizon, cutoff / discount         ${(horizonCutoffMs * 1000).toFixed(1)} µs / ${(horizonDiscountMs * 1000).toFixed(1)} µs`);
  log(`  Monte Carlo, 100k samples          ${mcExpMs.toFixed(1)} ms exponential, ${mcLogMs.toFixed(1)} ms all lognormal`);
  log(`JavaScript per calculator page (budget ${kb(CALCULATOR_JS_GZIP)} gzipped)`);
  for (const [path, w] of Object.entries(pages)) {
    if (!w) log(`  ${path.padEnd(28)} not built (run npm run build)`);
    else
      log(`  ${path.padEnd(28)} ${kb(w.raw)} raw, ${kb(w.gz)} gzipped, ${w.files} files + ${w.inlineScripts} inline ${w.withinBudget ? 'ok' : 'OVER BUDGET'}`);
  }
  log('Input change to result on screen (Chromium, 390 px, median of 20 changes)');
  if (!browserTimes) log('  not measured (needs a build and Chromium)');
  else
    for (const t of browserTimes) log(`  ${t.path.padEnd(28)} ${t.field.padEnd(5)} ${t.medianMs.toFixed(1)} ms (max ${Math.max(...t.timesMs).toFixed(1)} ms)`);
  return { timings, pages, inputToResult: browserTimes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchCalculators({ dist: process.argv[2] ?? 'dist' });
}
