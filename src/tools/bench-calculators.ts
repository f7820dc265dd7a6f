// Calculator benchmark: time per exact evaluation and per 100,000-sample Monte Carlo run in Node,
// and the JavaScript each calculator page loads (raw and gzipped) against the 25 KB budget.
// `npm run bench` calls benchCalculators (skip it with --no-calculators).
// Standalone: `node src/tools/bench-calculators.ts [dist]` (after `npm run build`).
import { CALCULATOR_JS_GZIP } from '../bench/budgets.ts';
import { DistFiles, eagerJsBytes, pageAssets } from './page-assets.ts';

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
  return { timings, pages };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchCalculators({ dist: process.argv[2] ?? 'dist' });
}
