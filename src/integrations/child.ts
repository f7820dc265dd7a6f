// Build steps that run in a Node process of their own, beside or after Astro's: a fresh process
// starts without Astro's heap (the content store, the bundle, the site model), and one running
// beside Astro uses the core Astro's single thread leaves idle.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A child started by startScript: its outcome, and lines sent to its standard input. */
export interface StartedScript {
  /** Settles as runScript's promise does. */
  done: Promise<void>;
  /** Sends one line to the child (only when started with `input`). */
  send(line: string): void;
  /** Closes the child's input: a child waiting for a line then sees the end of it. */
  end(): void;
  /** Whether the child (and its pipes) keep this process alive: not while it only waits, so a build that fails first can exit. */
  hold(held: boolean): void;
}

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
  return startScript(script, args, what, log, { ready }).done;
}

/**
 * runScript, with a handle on the child: with `input`, its standard input is a pipe the caller
 * writes lines to, so a child can be started early, get its code loaded and its workers going,
 * and wait for a line saying its input is ready.
 */
export function startScript(
  script: string,
  args: readonly string[],
  what: string,
  log: (line: string) => void,
  { ready, input = false }: { ready?: ((line: string) => boolean) | undefined; input?: boolean } = {},
): StartedScript {
  const child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  // A child that exits before reading what was sent must not fail the parent.
  child.stdin.on('error', () => {});
  // Without input the child's input ends at once, as if there were none.
  if (!input) child.stdin.end();
  const done = new Promise<void>((resolve, reject) => {
    let settled = false;
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
  return {
    done,
    send: (line) => {
      child.stdin.write(`${line}\n`);
    },
    end: () => {
      child.stdin.end();
    },
    hold: (held) => {
      for (const handle of [child, child.stdin, child.stdout, child.stderr] as { ref?: () => void; unref?: () => void }[]) {
        if (held) handle.ref?.();
        else handle.unref?.();
      }
    },
  };
}
