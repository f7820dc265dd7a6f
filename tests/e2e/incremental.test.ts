// A rebuild must ship what a cold build of the same content ships. A rebuild draws on three caches:
// Astro's incremental build reuses every page whose key did not change (src/data/site.ts
// cacheKeyOf), left in place in dist by src/integrations/kept-output.ts, the quote links are kept per corpus (src/data/quote-links.ts) and the search records
// and index parts per page (src/build/build-search-index.ts). A key that leaves out something a page
// shows would ship that page stale, and nothing else would notice. So in a scratch copy of the site,
// for each of three edits an editor makes (importing a thread that quotes the essay; giving a claim
// one more sentence and rewording a glossary definition; removing the thread again): a rebuild on
// the last build's caches and output, then a cold build of the same content to compare it with,
// file by file. A page left in place that the build no longer makes would show up there.
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { expectNone, filesOf } from './helpers.ts';
import { scratchSite, type ScratchSite } from './scratch-site.ts';

const QUOTED = 'The most dangerous case is when the model develops a proxy objective before it understands the base goal.';
const SLUG = 'incremental-check';
const CLAIM = 'content/claims/base-goal-understood-before-goal-directedness.mdx';
const CLAIM_SENTENCE = 'A sentence added to check that a rebuild shows it.';
const TERM = 'content/glossary/myopia.mdx';
const TERM_SHORT = 'Caring only about the next step, reworded to check that a rebuild shows it.';

const EXPORT = [
  'A thread added between two builds',
  'By Tester @ 2024-05-01T10:00 (+3)',
  'A short post about the essay.',
  '---',
  'Quoter @ 2024-05-02T11:00 (+4)',
  `The essay says "${QUOTED}" I doubt that ordering.`,
].join('\n');

/** A rebuild's log, the files it shipped, and those of a cold build of the same content. */
interface Run {
  log: string;
  warm: Map<string, Buffer>;
  cold: Map<string, Buffer>;
}

let site: ScratchSite;
const runs: Record<'thread' | 'curated' | 'removed', Run> = {} as never;

/** Rebuilds after `edit`, then builds the same content cold: what each shipped, and the rebuild's log. */
function rebuildAndCompare(edit: () => void): Run {
  edit();
  const log = site.build();
  const warm = filesOf(join(site.dir, 'dist'));
  // The same content, with nothing kept from earlier builds; its caches are the next rebuild's.
  for (const cache of ['dist', 'node_modules/.astro', 'node_modules/.cache', 'node_modules/.vite'])
    rmSync(join(site.dir, cache), { recursive: true, force: true });
  site.build();
  return { log, warm, cold: filesOf(join(site.dir, 'dist')) };
}

beforeAll(() => {
  site = scratchSite('incremental-site');
  site.build();
  runs.thread = rebuildAndCompare(() => {
    writeFileSync(join(site.dir, `content/sources/${SLUG}.txt`), EXPORT);
    site.run(['--experimental-strip-types', '--no-warnings', 'src/importer/cli.ts', `content/sources/${SLUG}.txt`, '--slug', SLUG]);
  });
  runs.curated = rebuildAndCompare(() => {
    appendFileSync(join(site.dir, CLAIM), `\n${CLAIM_SENTENCE}\n`);
    const term = readFileSync(join(site.dir, TERM), 'utf8');
    writeFileSync(join(site.dir, TERM), term.replace(/^short: ".*"$/m, `short: "${TERM_SHORT}"`));
  });
  runs.removed = rebuildAndCompare(() => {
    // The import wrote the thread and its post as an essay, beside the export.
    for (const file of [`content/threads/${SLUG}.mdx`, `content/essays/${SLUG}.mdx`, `content/sources/${SLUG}.txt`]) rmSync(join(site.dir, file));
  });
}, 900_000);
afterAll(() => site?.cleanup());

/** Paths whose bytes differ between two builds, or that only one of them has. */
function differences(a: Map<string, Buffer>, b: Map<string, Buffer>): string[] {
  const same = (x: Buffer | undefined, y: Buffer | undefined) => x !== undefined && y !== undefined && x.equals(y);
  return [...new Set([...a.keys(), ...b.keys()])].filter((path) => !same(a.get(path), b.get(path))).sort();
}

describe('a rebuild after a thread is imported', () => {
  test('drew on the caches: Astro left unchanged pages in place, the search step reused records', () => {
    expect(runs.thread.log).toMatch(/\(cached\)/);
    expect(runs.thread.log).toMatch(/search records: \d+ of \d+ pages unchanged since the last build, reused/);
    // A thread the import did not touch keeps its page and both its preview files. Astro colours
    // its log when it thinks a terminal or CI is watching: the words are read without the colours.
    const plain = stripVTControlCharacters(runs.thread.log);
    for (const file of ['/threads/scheming-ais/index.html', '/previews/threads/scheming-ais.json', '/previews/threads/scheming-ais.text.json']) {
      expect(plain).toContain(`${file} (cached)`);
    }
  });

  test('logs no warning an editor could not act on (Rolldown’s 67 about Astro’s MDX marker are dropped)', () => {
    const warnings = stripVTControlCharacters(runs.thread.log)
      .split('\n')
      .filter((line) => line.includes('[WARN]'));
    // The one expected: the site's address is a placeholder until SITE_URL is set.
    expectNone(
      warnings.filter((line) => !line.includes('SITE_URL is not set')),
      'warnings in the rebuild log',
    );
  });

  test('shows the new thread, and the essay lists its comment among those quoting it', () => {
    expect(runs.thread.warm.has(`threads/${SLUG}/index.html`)).toBe(true);
    expect(runs.thread.warm.get('essays/deceptive-alignment-is-less-than-1-likely-by-default/index.html')?.toString()).toContain(`/threads/${SLUG}/#c-`);
  });

  test('ships the same files, byte for byte, as a cold build of the same content', () => {
    expect(differences(runs.thread.warm, runs.thread.cold)).toEqual([]);
  });
});

describe('a rebuild after the curated layer is edited', () => {
  test('left the pages it did not render again in place, untouched', () => {
    expect(stripVTControlCharacters(runs.curated.log)).toMatch(/\d+ files of the last build left in place/);
  });

  test('shows the claim’s new sentence and the reworded definition', () => {
    expect(runs.curated.warm.get('arguments/base-goal-understood-before-goal-directedness/index.html')?.toString()).toContain(CLAIM_SENTENCE);
    expect(runs.curated.warm.get('glossary/myopia/index.html')?.toString()).toContain(TERM_SHORT);
  });

  test('found the quote links kept from the build before: no thread changed', () => {
    expect(runs.curated.log).toMatch(/quote links: \d+ kept from an earlier build of the same corpus/);
  });

  test('ships the same files, byte for byte, as a cold build of the same content', () => {
    expect(differences(runs.curated.warm, runs.curated.cold)).toEqual([]);
  });
});

describe('a rebuild after a thread is removed', () => {
  test('removed its page and preview files, which the last build had left in place', () => {
    const plain = stripVTControlCharacters(runs.removed.log);
    expect(plain).toMatch(/\d+ files of the last build no longer built, removed: /);
    expect(runs.removed.warm.has(`threads/${SLUG}/index.html`)).toBe(false);
    expect([...runs.removed.warm.keys()].filter((f) => f.includes(SLUG))).toEqual([]);
  });

  test('ships the same files, byte for byte, as a cold build of the same content', () => {
    expect(differences(runs.removed.warm, runs.removed.cold)).toEqual([]);
  });
});
