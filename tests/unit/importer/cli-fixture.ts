import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from './helpers.ts';

/** The importer fixtures directory. */
export const FIX = join(ROOT, 'tests/fixtures/importer');

/** A scratch output root with every importer fixture in content/sources and content/segments. */
export function scratchRoot(): string {
  const tmp = mkdtempSync(join(tmpdir(), 'import-cli-'));
  mkdirSync(join(tmp, 'content/sources'), { recursive: true });
  mkdirSync(join(tmp, 'content/segments'), { recursive: true });
  for (const dir of [FIX, join(FIX, 'headers'), join(FIX, 'bad-segments')]) {
    for (const f of readdirSync(dir)) {
      if (f.endsWith('.txt')) cpSync(join(dir, f), join(tmp, 'content/sources', f));
      else if (f.endsWith('.yaml')) cpSync(join(dir, f), join(tmp, 'content/segments', f));
    }
  }
  return tmp;
}

/** Runs the CLI in `root` (also the output root), as `npm run import` would. */
export function runCli(root: string, ...args: string[]): { status: number | null; stderr: string; stdout: string } {
  const r = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', CLI, ...args, '--out', '.'], { cwd: root, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

/** Names of the generated files under `root`. */
export function writtenFiles(root: string): string[] {
  return ['content/threads', 'content/essays'].filter((d) => existsSync(join(root, d))).flatMap((d) => readdirSync(join(root, d)).map((f) => `${d}/${f}`));
}
