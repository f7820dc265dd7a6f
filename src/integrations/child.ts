// Build steps that run in a Node process of their own, beside or after Astro's: a fresh process
// starts without Astro's heap (the content store, the bundle, the site model), and one running
// beside Astro uses the core Astro's single thread leaves idle.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** Runs a TypeScript `script` with `args` in a child Node process, passing each line it prints to `log`; rejects with `what` and its error output on failure. */
export function runScript(script: string, args: readonly string[], what: string, log: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.trim()) log(line);
    });
    let errors = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      errors += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${what} (${signal ?? `exit ${code}`}):\n${errors.trim()}`));
    });
  });
}
