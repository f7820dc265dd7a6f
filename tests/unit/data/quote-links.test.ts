import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import {
  byId,
  keepQuoteLinks,
  keptQuoteLinks,
  QUOTE_CODE,
  quoteCode,
  quoteKey,
  keptReader,
  quoteLinksForSources,
  readerFile,
  readSourceEntries,
} from '../../../src/data/quote-links.ts';
import { frontmatterLoader } from '../../../src/loaders/frontmatter.ts';
import { FRONTMATTER_COLLECTIONS } from '../../../src/loaders/collections.ts';
import { runScript } from '../../../src/integrations/child.ts';
import type { QuoteLink } from '../../../src/lib/text/quotes.ts';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'quote-links-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const said = 'Goals form early in training, long before the model knows it is trained.';
/**
 * A project in `dir/<name>` holding copies of the site's own essays and threads (real sources, so
 * every file passes the full schemas), with the .mdx files of src/ reachable for quoteCode.
 */
function sources(name: string): string {
  const at = join(dir, name);
  for (const { base } of Object.values(FRONTMATTER_COLLECTIONS)) cpSync(join(root, base), join(at, base), { recursive: true });
  for (const file of QUOTE_CODE) cpSync(join(root, file), join(at, file));
  return at;
}

const THREAD = 'content/threads/scheming-ais.mdx';

/** Rewrites every paragraph of the copied thread to words of its own that nobody quotes or repeats. */
function editThread(at: string): void {
  let n = 0;
  const text = readFileSync(join(at, THREAD), 'utf8').replace(/\{ text: "(?:[^"\\]|\\.)*"/g, () => `{ text: "Paragraph ${++n} stands alone."`);
  writeFileSync(join(at, THREAD), text);
}

const link = (anchor: string): QuoteLink => ({
  quote: { page: 'threads/talk', anchor, line: 3 },
  source: { page: 'essays/essay', anchor: 'intro', line: 2 },
  kind: 'exact',
  score: 1,
  text: said,
  inline: false,
});

describe('quoteKey', () => {
  const code = ['matcher v1'];
  const essays = [{ id: 'essay', text: '{"a":1}' }];
  const threads = [{ id: 'talk', text: '{"b":2}' }];

  test('returns the same key for the same code and data', () => {
    expect(quoteKey(code, essays, threads)).toBe(quoteKey([...code], [...essays], [...threads]));
  });

  test('returns another key when a thread’s data, the code, or the set of entries changes', () => {
    const key = quoteKey(code, essays, threads);
    expect(quoteKey(code, essays, [{ id: 'talk', text: '{"b":3}' }])).not.toBe(key);
    expect(quoteKey(['matcher v2'], essays, threads)).not.toBe(key);
    expect(quoteKey(code, essays, [...threads, { id: 'more', text: '{}' }])).not.toBe(key);
  });

  test('returns another key when an entry moves from one collection to the other', () => {
    expect(quoteKey(code, [...essays, ...threads], [])).not.toBe(quoteKey(code, essays, threads));
  });
});

describe('byId', () => {
  test('returns entries in id order whatever order the store gave them in', () => {
    expect(byId([{ id: 'scheming-ais' }, { id: 'generated-0001' }, { id: 'deceptive' }]).map((e) => e.id)).toEqual([
      'deceptive',
      'generated-0001',
      'scheming-ais',
    ]);
  });
});

describe('quoteCode', () => {
  test('returns the text of every file the key names, each of which exists', () => {
    const texts = quoteCode(root);
    expect(texts).toHaveLength(QUOTE_CODE.length);
    expect(texts.every((t) => t.length > 0)).toBe(true);
  });
});

describe('keepQuoteLinks and keptQuoteLinks', () => {
  test('returns the kept links for their key, and nothing for another key', () => {
    const cache = join(dir, 'keep');
    keepQuoteLinks(cache, 'k1', [link('c-1')]);
    expect(keptQuoteLinks(cache, 'k1')).toEqual([link('c-1')]);
    expect(keptQuoteLinks(cache, 'k2')).toBeNull();
  });

  test('keeps one set only: a new key replaces the files of the old', () => {
    const cache = join(dir, 'replace');
    keepQuoteLinks(cache, 'old', [link('c-1')]);
    keepQuoteLinks(cache, 'new', [link('c-2')]);
    expect(readdirSync(cache)).toEqual(['new.json']);
  });

  test('leaves another build’s set still being written where it is', () => {
    const cache = join(dir, 'partial');
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, 'other.123.partial'), '[]');
    keepQuoteLinks(cache, 'mine', [link('c-1')]);
    expect(readdirSync(cache).sort()).toEqual(['mine.json', 'other.123.partial']);
  });

  test('returns null for a damaged file, so the links are found again', () => {
    const cache = join(dir, 'damaged');
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, 'k.json'), '[{"quote":');
    expect(keptQuoteLinks(cache, 'k')).toBeNull();
  });
});

describe('readSourceEntries', () => {
  test('returns, for each source file in id order, exactly the text the loader writes for it', async () => {
    const at = sources('same-as-loader');
    for (const [collection, { base, schema }] of Object.entries(FRONTMATTER_COLLECTIONS)) {
      // The loader, run as Astro runs it, writes one data file per entry into the cache folder.
      const written = new Map<string, string>();
      const store = new Map<string, { data: { dataFile: string } }>();
      await frontmatterLoader(base, schema).load({
        collection,
        config: { root: new URL(`file://${at}/`), cacheDir: new URL(`file://${at}/cache/`) },
        store: {
          get: (id: string) => store.get(id),
          set: (e: { id: string; data: { dataFile: string } }) => (store.set(e.id, e), true),
          keys: () => [...store.keys()],
          delete: (id: string) => void store.delete(id),
        },
        logger: { info: () => {} },
        generateDigest: (text: string) => String(text.length),
      } as never);
      for (const [id, e] of store) written.set(id, readFileSync(e.data.dataFile, 'utf8'));
      const read = readSourceEntries(at, collection as keyof typeof FRONTMATTER_COLLECTIONS);
      expect(read.map((e) => e.id)).toEqual([...written.keys()].sort());
      expect(read.length).toBeGreaterThan(0);
      for (const e of read) expect(e.text).toBe(written.get(e.id));
    }
  });

  test('takes the loader’s data file for an entry when it was written since the source changed, and checks the source otherwise', () => {
    const at = sources('reuse');
    const data = join(at, 'entry-data');
    mkdirSync(join(data, 'threads'), { recursive: true });
    const planted = join(data, 'threads', 'scheming-ais.0a1b.json');
    const textOf = () => readSourceEntries(at, 'threads', data).find((e) => e.id === 'scheming-ais')?.text;
    const checked = readSourceEntries(at, 'threads').find((e) => e.id === 'scheming-ais')?.text;
    writeFileSync(planted, '{"planted":true}');
    expect(textOf()).toBe('{"planted":true}');
    // Older than the source: the source changed since the loader wrote it.
    utimesSync(planted, new Date(0), new Date(0));
    expect(textOf()).toBe(checked);
    // Two files for one id (the loader is rewriting it), or one not yet whole: the source is read.
    writeFileSync(planted, '{"planted":true}');
    writeFileSync(join(data, 'threads', 'scheming-ais.2c3d.json'), '{"planted":true}');
    expect(textOf()).toBe(checked);
    rmSync(join(data, 'threads', 'scheming-ais.2c3d.json'));
    writeFileSync(planted, '{"planted":');
    expect(textOf()).toBe(checked);
  });

  test('returns no entries for a project without the folder', () => {
    expect(readSourceEntries(join(dir, 'no-such-project'), 'threads')).toEqual([]);
  });

  test('throws naming the file when a source file does not pass its schema', () => {
    const at = sources('bad-source');
    writeFileSync(join(at, THREAD), '---\ntype: "thread"\n---\n');
    expect(() => readSourceEntries(at, 'threads')).toThrow(/content\/threads\/scheming-ais\.mdx: the frontmatter does not match the threads schema/);
  });
});

describe('quoteLinksForSources', () => {
  test('finds the links of a corpus, keeps them, and reads them back for the same corpus', () => {
    const at = sources('corpus');
    const cache = join(dir, 'corpus-cache');
    const first = quoteLinksForSources(at, cache);
    expect(first.reused).toBe(false);
    expect(first.links).toBeGreaterThan(0);
    expect(keptQuoteLinks(cache, first.key)).toHaveLength(first.links);
    expect(quoteLinksForSources(at, cache)).toEqual({ ...first, reused: true });
  });

  test('finds them again when a thread changed, and keeps only the new set', () => {
    const at = sources('edited');
    const cache = join(dir, 'edited-cache');
    const before = quoteLinksForSources(at, cache);
    editThread(at);
    const after = quoteLinksForSources(at, cache);
    expect(after.reused).toBe(false);
    expect(after.links).toBeLessThan(before.links);
    expect(after.key).not.toBe(before.key);
    expect(readdirSync(cache).filter((f) => f.endsWith('.json'))).toEqual([`${after.key}.json`]);
  });

  test('keeps the reader for the next build, and a build that reads with it finds what a fresh one finds', () => {
    const at = sources('reader');
    const cache = join(dir, 'reader-cache');
    quoteLinksForSources(at, cache);
    const file = readerFile(cache, quoteCode(at));
    expect(readdirSync(cache).filter((f) => f.startsWith('reader-'))).toEqual([basename(file)]);
    const before = keptReader(file);
    expect(before.words.size.words).toBeGreaterThan(1000);
    editThread(at);
    const after = quoteLinksForSources(at, cache);
    // A second cache that never had a reader finds the edited corpus's links from nothing.
    const fresh = quoteLinksForSources(at, join(dir, 'reader-fresh-cache'));
    expect(after.key).toBe(fresh.key);
    expect(keptQuoteLinks(cache, after.key)).toEqual(keptQuoteLinks(join(dir, 'reader-fresh-cache'), fresh.key));
    // The edited thread's new paragraphs were numbered after the words the first build knew.
    expect(keptReader(file).words.size.words).toBeGreaterThan(before.words.size.words);
  });

  test('reports the links before keeping the reader, which nothing in the build waits for', () => {
    const at = sources('found');
    const cache = join(dir, 'found-cache');
    const seen: string[] = [];
    const run = quoteLinksForSources(at, cache, null, (r) => {
      seen.push(...readdirSync(cache));
      expect(r.reused).toBe(false);
    });
    expect(seen).toEqual([`${run.key}.json`]);
    expect(existsSync(readerFile(cache, quoteCode(at)))).toBe(true);
  });

  test('reads the texts afresh when the kept reader is damaged', () => {
    const at = sources('damaged');
    const cache = join(dir, 'damaged-cache');
    const first = quoteLinksForSources(at, cache);
    const file = readerFile(cache, quoteCode(at));
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    expect(keptReader(file).words.size.words).toBe(0);
    rmSync(join(cache, `${first.key}.json`));
    const again = quoteLinksForSources(at, cache);
    expect(keptQuoteLinks(cache, again.key)).toHaveLength(first.links);
  });
});

describe('the quote-links script, run as the integration runs it', () => {
  const script = join(root, 'src/data/quote-links.ts');

  test('reports the links found, then the same links kept, one line each', async () => {
    const at = sources('script');
    const cache = join(dir, 'script-cache');
    const args = ['--root', at, '--cache-dir', cache];
    const lines: string[] = [];
    await runScript(script, args, 'quote links failed', (l) => lines.push(l));
    await runScript(script, args, 'quote links failed', (l) => lines.push(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^quote links: \d+ found in [\d.]+ s beside the content sync and bundling, kept for the next build$/);
    expect(lines[1]).toMatch(/^quote links: \d+ kept from an earlier build of the same corpus, read in [\d.]+ s$/);
  });

  test('fails with a message naming the bad source file, and keeps nothing', async () => {
    const at = sources('script-bad');
    writeFileSync(join(at, THREAD), 'no frontmatter here');
    const cache = join(dir, 'script-bad-cache');
    await expect(runScript(script, ['--root', at, '--cache-dir', cache], 'quote links failed', () => {})).rejects.toThrow(
      /quote links failed \(exit 1\):\n.*content\/threads\/scheming-ais\.mdx: no frontmatter block/,
    );
    expect(existsSync(cache)).toBe(false);
  });

  test('refuses to run without the folders it needs, saying which', async () => {
    await expect(runScript(script, ['--root', root], 'quote links failed', () => {})).rejects.toThrow(/--cache-dir takes a folder/);
  });
});

describe('runScript with a ready line', () => {
  /** A script that prints `ready`, then after a pause prints more and exits with `code`. */
  function script(name: string, code: number): string {
    const file = join(dir, `${name}.ts`);
    writeFileSync(
      file,
      `console.log('warming up');\nconsole.log('ready: 3');\nsetTimeout(() => { console.log('done'); console.error('it broke'); process.exit(${code}); }, 300);\n`,
    );
    return file;
  }

  /** Runs `script(name, code)` until its ready line; the lines logged, which keep coming after. */
  async function untilReady(name: string, code: number, what: string): Promise<string[]> {
    const lines: string[] = [];
    await runScript(
      script(name, code),
      [],
      what,
      (l) => lines.push(l),
      (l) => l.startsWith('ready:'),
    );
    return lines;
  }

  test('settles at the ready line, while the child goes on', async () => {
    const lines = await untilReady('ready-ok', 0, 'failed');
    // Settled before the child's last line: the caller goes on while it finishes.
    expect(lines).toEqual(['warming up', 'ready: 3']);
    await vi.waitFor(() => expect(lines).toEqual(['warming up', 'ready: 3', 'done']), { timeout: 10_000 });
  });

  test('logs a failure after the ready line instead of throwing it', async () => {
    const lines = await untilReady('ready-fail', 1, 'the cache could not be kept');
    await vi.waitFor(() => expect(lines).toEqual(['warming up', 'ready: 3', 'done', 'the cache could not be kept (exit 1):\nit broke']), { timeout: 10_000 });
  });

  test('rejects a failure before the ready line', async () => {
    await expect(
      runScript(
        script('never-ready', 1),
        [],
        'failed',
        () => {},
        (l) => l === 'never printed',
      ),
    ).rejects.toThrow(/failed \(exit 1\):\nit broke/);
  });
});
