import { cpSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import quoteLinksIntegration from '../../../src/integrations/quote-links.ts';
import { handedOver, QUOTE_CACHE_DIR, QUOTE_LINKS_PENDING } from '../../../src/lib/site/build-handoff.ts';

// The integration's hooks run as `astro build` runs them, on a project whose src/ is this
// repository's (so the child runs the real script) and whose caches are its own.
const repo = resolve(import.meta.dirname, '../../..');
const project = mkdtempSync(join(tmpdir(), 'quote-links-integration-'));
symlinkSync(join(repo, 'src'), join(project, 'src'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** The project's essays and threads: copies of the site's own (`good`), or a thread file with no frontmatter. */
function sources(good: boolean): void {
  rmSync(join(project, 'content'), { recursive: true, force: true });
  for (const base of ['content/essays', 'content/threads']) cpSync(join(repo, base), join(project, base), { recursive: true });
  if (!good) writeFileSync(join(project, 'content/threads/scheming-ais.mdx'), 'no frontmatter here');
}

/** Runs config:setup and config:done for `command`, returning what was logged and the promise handed to the renderer. */
function startBuild(command = 'build'): { info: string[]; warn: string[]; pending: Promise<unknown> | undefined; done: () => unknown } {
  const info: string[] = [];
  const warn: string[] = [];
  const logger = { info: (l: string) => info.push(l), warn: (l: string) => warn.push(l) };
  const hooks = quoteLinksIntegration().hooks as Record<string, (options: unknown) => unknown>;
  hooks['astro:config:setup']?.({ command, logger });
  hooks['astro:config:done']?.({ config: { root: pathToFileURL(`${project}/`), cacheDir: pathToFileURL(`${project}/astro-cache/`) }, logger });
  return { info, warn, pending: handedOver(QUOTE_LINKS_PENDING), done: () => hooks['astro:build:done']?.({}) };
}

describe('the quote-links integration', () => {
  test('hands the renderer a promise that settles once the child has kept the links, and takes it back after the build', async () => {
    sources(true);
    const build = startBuild();
    expect(build.pending).toBeInstanceOf(Promise);
    await build.pending;
    expect(build.info).toEqual([expect.stringMatching(/^quote links: \d+ found in [\d.]+ s beside the content sync and bundling, kept for the next build$/)]);
    // The links are kept before the promise settles; the child keeps its reader after, so that file may or may not be there yet.
    expect(readdirSync(join(project, QUOTE_CACHE_DIR)).filter((f) => f.endsWith('.json'))).toHaveLength(1);
    build.done();
    expect(handedOver(QUOTE_LINKS_PENDING)).toBeUndefined();
  });

  test('starts nothing for the dev server or astro sync, which render nothing that waits for the links', () => {
    for (const command of ['dev', 'sync', 'preview']) {
      const run = startBuild(command);
      expect(run.pending).toBeUndefined();
      expect(run.info).toEqual([]);
    }
  });

  test('warns with the child’s message when it fails, and says the model will find the links itself', async () => {
    sources(false);
    const build = startBuild();
    await expect(build.pending).rejects.toThrow(/the quote links could not be found beside the build \(exit 1\)/);
    // The integration's own handler runs after the renderer's await above.
    await new Promise((r) => setImmediate(r));
    expect(build.warn).toEqual([expect.stringMatching(/scheming-ais\.mdx: no frontmatter block[\s\S]*\nThe site model finds them itself instead\.$/)]);
    build.done();
  });
});
