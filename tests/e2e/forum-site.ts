// A build of the site with the forum fixture imported, made in a scratch copy of the repository
// (scratch-site.ts) so the public site never holds the fixture: import
// tests/fixtures/forum/lesswrong-thread.json with the real command, and run `astro build` there.
// FORUM_FIXTURE_DIST names a build made earlier (it must hold the fixture pages) to skip this.
import { cpSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, scratchSite } from './scratch-site.ts';

/** A slug of its own, so the fixture never meets a real thread of the same name in content/. */
export const FIXTURE_SLUG = 'forum-import-fixture';

/** Builds the site with the fixture thread; returns the dist directory and a cleanup. */
export function buildForumFixtureSite(): { dist: string; cleanup: () => void } {
  const given = process.env['FORUM_FIXTURE_DIST'];
  if (given) {
    if (!existsSync(join(given, 'threads', FIXTURE_SLUG, 'index.html'))) throw new Error(`FORUM_FIXTURE_DIST=${given} holds no /threads/${FIXTURE_SLUG}/ page`);
    return { dist: given, cleanup: () => undefined };
  }
  const site = scratchSite('forum-site');
  cpSync(join(ROOT, 'tests/fixtures/forum/lesswrong-thread.json'), join(site.dir, 'content/sources/forum-fixture.json'));
  site.run(['--experimental-strip-types', '--no-warnings', 'src/importer/cli.ts', 'content/sources/forum-fixture.json', '--slug', FIXTURE_SLUG, '--out', '.']);
  site.build();
  return { dist: join(site.dir, 'dist'), cleanup: site.cleanup };
}
