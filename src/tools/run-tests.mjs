// `npm test`: unit tests, then the build, then the built-site and browser tests. Prints one
// closing line "N passed, N failed" summed over the phases and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
mkdirSync('test-results', { recursive: true });
let passed = 0;
let failed = 0;

function run(label, cmd, args) {
  console.log(`\n── ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  console.log(`── ${label}: exit ${res.status ?? res.signal} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return res.status === 0;
}

function vitest(label, config, out) {
  const args = ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`];
  if (config) args.push('--config', config);
  const ok = run(label, 'npx', args);
  try {
    const report = JSON.parse(readFileSync(out, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests + (ok || report.numFailedTests ? 0 : 1);
    if (report.numTotalTests === 0) failed += 1; // a phase that ran nothing is a failure, not a pass
  } catch {
    failed += 1; // the runner crashed before writing its report
  }
  return ok;
}

vitest('unit tests', null, 'test-results/unit.json');
if (run('build', 'npm', ['run', 'build', '--silent'])) {
  passed += 1;
  vitest('built-site and browser tests', 'vitest.e2e.config.ts', 'test-results/e2e.json');
} else {
  failed += 1;
  console.log('The build failed, so the built-site and browser tests did not run.');
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
