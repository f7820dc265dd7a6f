import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
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

const author = { name: 'Ann', person: null, status: 'recorded' };

/** The loader's checked data for one thread in `<project>/<astroCache>/entry-data`; `text` is written as is (bad JSON for a failure). */
function syncedData(astroCache: string, text: string): void {
  const at = join(project, astroCache, 'entry-data', 'threads');
  mkdirSync(at, { recursive: true });
  writeFileSync(join(at, 'talk.0a1b2c.json'), text);
}

/** Runs config:done and build:start, returning what was logged and the promise handed to the renderer. */
function startBuild(astroCache: string): { info: string[]; warn: string[]; pending: Promise<unknown> | undefined; done: () => unknown } {
  const info: string[] = [];
  const warn: string[] = [];
  const hooks = quoteLinksIntegration().hooks as Record<string, (options: unknown) => unknown>;
  hooks['astro:config:done']?.({ config: { root: pathToFileURL(`${project}/`), cacheDir: pathToFileURL(`${project}/${astroCache}/`) } });
  hooks['astro:build:start']?.({ logger: { info: (l: string) => info.push(l), warn: (l: string) => warn.push(l) } });
  return { info, warn, pending: handedOver(QUOTE_LINKS_PENDING), done: () => hooks['astro:build:done']?.({}) };
}

describe('the quote-links integration', () => {
  test('hands the renderer a promise that settles once the child has kept the links, and takes it back after the build', async () => {
    const comment = { id: 'c-1', author, date: null, replyTo: { kind: 'post' }, paragraphs: [{ text: 'Nothing quoted here.', line: 3 }] };
    syncedData('astro-ok', JSON.stringify({ type: 'thread', post: { title: 'T' }, comments: [comment] }));
    const build = startBuild('astro-ok');
    expect(build.pending).toBeInstanceOf(Promise);
    await build.pending;
    expect(build.info).toEqual([expect.stringMatching(/^quote links: 0 found in [\d.]+ s beside the bundling, kept for the next build$/)]);
    expect(readdirSync(join(project, QUOTE_CACHE_DIR))).toHaveLength(1);
    build.done();
    expect(handedOver(QUOTE_LINKS_PENDING)).toBeUndefined();
  });

  test('warns with the child’s message when it fails, and says the model will find the links itself', async () => {
    syncedData('astro-bad', '{"type": "thread", ');
    const build = startBuild('astro-bad');
    await expect(build.pending).rejects.toThrow(/the quote links could not be found beside the bundling \(exit 1\)/);
    // The integration's own handler runs after the renderer's await above.
    await new Promise((r) => setImmediate(r));
    expect(build.warn).toEqual([
      expect.stringMatching(/talk\.0a1b2c\.json: the loader's checked data cannot be read[\s\S]*\nThe site model finds them itself instead\.$/),
    ]);
    build.done();
  });
});
