// A build of the site with the forum fixture imported, made in a scratch copy of the repository
// so the public site never holds the fixture: copy the sources and content, import
// tests/fixtures/forum/lesswrong-thread.json with the real command, and run `astro build` there.
// FORUM_FIXTURE_DIST names a build made earlier (it must hold the fixture pages) to skip this.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
/** What a build needs from the repository (node_modules is linked, not copied). */
const COPIED = ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'components', 'public', 'content'];
/** A slug of its own, so the fixture never meets a real thread of the same name in content/. */
export const FIXTURE_SLUG = 'forum-import-fixture';

function run(cwd: string, args: string[]): void {
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed in ${cwd} (exit ${r.status ?? r.signal}):\n${r.stderr}\n${r.stdout.slice(-2000)}`);
}

/** Builds the site with the fixture thread; returns the dist directory and a cleanup. */
export function buildForumFixtureSite(): { dist: string; cleanup: () => void } {
  const given = process.env['FORUM_FIXTURE_DIST'];
  if (given) {
    if (!existsSync(join(given, 'threads', FIXTURE_SLUG, 'index.html'))) throw new Error(`FORUM_FIXTURE_DIST=${given} holds no /threads/${FIXTURE_SLUG}/ page`);
    return { dist: given, cleanup: () => undefined };
  }
  const tmp = mkdtempSync(join(tmpdir(), 'forum-site-'));
  for (const p of COPIED) cpSync(join(ROOT, p), join(tmp, p), { recursive: true });
  // A real directory of links: Astro writes node_modules/.astro, which must not be shared.
  mkdirSync(join(tmp, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (name === '.astro' || name === '.vite') continue;
    symlinkSync(join(ROOT, 'node_modules', name), join(tmp, 'node_modules', name));
  }
  cpSync(join(ROOT, 'tests/fixtures/forum/lesswrong-thread.json'), join(tmp, 'content/sources/forum-fixture.json'));
  run(tmp, ['--experimental-strip-types', '--no-warnings', 'src/importer/cli.ts', 'content/sources/forum-fixture.json', '--slug', FIXTURE_SLUG, '--out', '.']);
  run(tmp, ['node_modules/astro/bin/astro.mjs', 'build']);
  return { dist: join(tmp, 'dist'), cleanup: () => rmSync(tmp, { recursive: true, force: true }) };
}
