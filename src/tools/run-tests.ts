// `npm test`: the type check (`npm run check`) and the lint (`npm run lint`), then (a) unit tests,
// (b) the build (`astro build`, search index included, into dist/), (c) the built-site checks and
// browser tests against dist/. Every phase runs even when an earlier one
// failed (except (c), which needs a fresh build). Ends with one line, "N passed, N failed",
// summed over the phases, and exits non-zero if anything failed.
//
// Counting: each vitest test counts once; a test file that crashes before its tests run counts
// as one failure; a vitest phase that runs no tests at all counts as a failure (a suite that
// passes on nothing is a defect); the build, the type check and the lint count as one test each.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
const VITEST = 'node_modules/vitest/vitest.mjs';
const MINUTE = 60_000;
mkdirSync('test-results', { recursive: true });

/** A phase's counts for the closing summary. */
interface Phase {
  label: string;
  p: number;
  f: number;
  skipped: number;
  seconds: number;
  note: string;
}

/** The parts of vitest's JSON report this runner reads. */
interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numTotalTests: number;
  testResults: { name: string; status: string; message?: string; assertionResults: { status: string }[] }[];
}

/** One line per phase for the closing summary. */
const phases: Phase[] = [];
let passed = 0;
let failed = 0;

/** Runs a command with inherited output; returns whether it exited 0 and how long it took. */
function run(label: string, cmd: string, args: string[], timeout: number): { ok: boolean; seconds: number; how: string } {
  console.log(`\n── ${label}: ${[cmd, ...args].join(' ')}`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: process.env, timeout, killSignal: 'SIGKILL' });
  const seconds = (Date.now() - started) / 1000;
  const how = (res.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT' ? `killed after ${timeout / 1000} s` : `exit ${res.status ?? res.signal}`;
  console.log(`── ${label}: ${how} in ${seconds.toFixed(1)} s`);
  return { ok: res.status === 0, seconds, how };
}

/** Runs one vitest phase and adds its counts from its JSON report (written to `out`). */
function vitest(label: string, config: string | null, timeout: number, out: string, files: string[] = []): boolean {
  rmSync(out, { force: true });
  const args = [VITEST, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  if (config) args.push('--config', config);
  args.push(...files);
  const { ok, seconds, how } = run(label, process.execPath, args, timeout);
  let p = 0;
  let f = 0;
  let skipped = 0;
  let note = '';
  if (existsSync(out)) {
    const report = JSON.parse(readFileSync(out, 'utf8')) as VitestReport;
    p = report.numPassedTests;
    f = report.numFailedTests;
    skipped = report.numPendingTests + report.numTodoTests;
    const crashed = report.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed'));
    for (const file of crashed) console.log(`✗ ${file.name}: the file failed outside its tests: ${(file.message || '').split('\n')[0]}`);
    f += crashed.length;
    if (report.numTotalTests === 0) {
      f += 1;
      note = 'no tests ran';
    }
    if (!ok && f === 0) {
      f = 1; // vitest failed for a reason its report does not show (e.g. an unhandled error)
      note = `vitest ${how}`;
    }
  } else {
    f = 1;
    note = `no report: vitest ${how}`;
  }
  passed += p;
  failed += f;
  phases.push({ label, p, f, skipped, seconds, note });
  return ok;
}

/** Runs one npm script as a phase that counts as a single test: the build, the type check, the lint. */
function step(label: string, script: string, timeout: number): boolean {
  const { ok, seconds, how } = run(label, 'npm', ['run', script, '--silent'], timeout);
  if (ok) passed += 1;
  else failed += 1;
  phases.push({ label, p: ok ? 1 : 0, f: ok ? 0 : 1, skipped: 0, seconds, note: ok ? '' : how });
  return ok;
}

function build(): boolean {
  return step('build', 'build', 5 * MINUTE);
}

/** Every .test.ts file under tests/e2e, sorted: run one vitest process per file, so a file that hangs loses only its own results. */
function e2eFiles(dir = 'tests/e2e'): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...e2eFiles(full));
    else if (entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out.sort();
}

const started = Date.now();
// Stop starting new e2e files after this (a file running at the deadline is stopped there): with
// `npm ci` and Chromium's install, CI then stays inside the 30 minutes we allow it. An unloaded
// run took 11 minutes on 1 December and 19 on 2 December, when this machine was slower.
const DEADLINE = 24 * MINUTE;

// Types and lint first: they are quick to read when they fail, and a failure there does not stop the rest.
step('type check', 'check', 5 * MINUTE);
step('lint', 'lint', 5 * MINUTE);
vitest('unit tests', null, 4 * MINUTE, 'test-results/unit.json');
if (build()) {
  const files = e2eFiles();
  if (files.length === 0) {
    failed += 1;
    phases.push({ label: 'e2e', p: 0, f: 1, skipped: 0, seconds: 0, note: 'no files in tests/e2e' });
  }
  for (const file of files) {
    const name = file.replace(/^tests\/e2e\//, '').replace(/\.test\.ts$/, '');
    const left = DEADLINE - (Date.now() - started);
    if (left < 20_000) {
      failed += 1;
      phases.push({ label: `e2e ${name}`, p: 0, f: 1, skipped: 0, seconds: 0, note: 'not run: out of time' });
      continue;
    }
    vitest(`e2e ${name}`, 'vitest.e2e.config.ts', Math.min(6 * MINUTE, left), `test-results/e2e-${name.replace(/\W+/g, '-')}.json`, [file]);
  }
} else {
  console.log('\nThe build failed, so the built-site and browser tests did not run (they would test a stale dist/).');
  failed += 1;
  phases.push({ label: 'built-site and browser tests', p: 0, f: 1, skipped: 0, seconds: 0, note: 'not run: the build failed' });
}

console.log('\n── summary');
for (const ph of phases) {
  const extra = [ph.skipped ? `${ph.skipped} skipped` : '', ph.note].filter(Boolean).join('; ');
  console.log(
    `  ${ph.label.padEnd(30)} ${String(ph.p).padStart(4)} passed ${String(ph.f).padStart(3)} failed  ${ph.seconds.toFixed(1).padStart(6)} s${extra ? `  (${extra})` : ''}`,
  );
}
console.log(
  `  ${'total'.padEnd(30)} ${String(passed).padStart(4)} passed ${String(failed).padStart(3)} failed  ${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s`,
);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
