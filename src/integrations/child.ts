// Build steps that run in a Node process of their own, beside or after Astro's: a fresh process
// starts without Astro's heap (the content store, the bundle, the site model), and one running
// beside Astro uses the core Astro's single thread leaves idle.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * Runs a TypeScript `script` with `args` in a child Node process, passing each line it prints to
 * `log`; rejects with `what` and its error output on failure. With `ready`, the promise settles as
 * soon as the child prints a line `ready` accepts, so the caller can go on while the child does
 * work nobody waits for (keeping a cache); a failure after that line is logged, not thrown.
 */
export function runScript(
  script: string,
  args: readonly string[],
  what: string,
  log: (line: string) => void,
  ready?: (line: string) => boolean,
): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.trim()) log(line);
      if (!settled && ready?.(line)) {
        settled = true;
        resolve();
      }
    });
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      errors += chunk;
    });
    child.on('error', (err) => {
      if (settled) log(`${what}: ${err.message}`);
      else reject(err);
    });
    child.on('close', (code, signal) => {
      const failure = code === 0 ? null : `${what} (${signal ?? `exit ${code}`}):\n${errors.trim()}`;
      if (settled) {
        if (failure) log(failure);
      } else if (failure) {
        reject(new Error(failure));
      } else {
        resolve();
      }
      settled = true;
    });
  });
}
