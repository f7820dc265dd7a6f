import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { byId, keepQuoteLinks, keptQuoteLinks, QUOTE_CODE, quoteCode, quoteKey, quoteLinksForData, readEntryData } from '../../../src/data/quote-links.ts';
import { runScript } from '../../../src/integrations/child.ts';
import type { QuoteLink } from '../../../src/lib/text/quotes.ts';

const root = resolve(import.meta.dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'quote-links-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const said = 'Goals form early in training, long before the model knows it is trained.';
const author = { name: 'Ann', person: null, status: 'recorded' };
const essay = {
  title: 'The Essay',
  author,
  sections: [{ id: 'intro', heading: 'Intro', line: 1, blocks: [{ kind: 'p', text: said, line: 2 }] }],
};
const thread = (text: string) => ({
  type: 'thread',
  post: { title: 'The Essay' },
  comments: [{ id: 'c-1', author, date: null, replyTo: { kind: 'post' }, paragraphs: [{ text, line: 3 }] }],
});

/** The loader's data folders in `dir/<name>`: one essay and one thread, each as `<id>.<digest>.json`. */
function entryData(name: string, comment: string): string {
  const at = join(dir, name);
  mkdirSync(join(at, 'essays'), { recursive: true });
  mkdirSync(join(at, 'threads'), { recursive: true });
  writeFileSync(join(at, 'essays', 'essay.0123abcd.json'), JSON.stringify(essay));
  writeFileSync(join(at, 'threads', 'talk.4567ef01.json'), JSON.stringify(thread(comment)));
  return at;
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

describe('readEntryData', () => {
  test('returns each entry’s id (dots kept, the digest dropped), text and data, in id order', () => {
    const at = join(dir, 'ids');
    mkdirSync(at, { recursive: true });
    writeFileSync(join(at, 'v2.thread.abc123.json'), '{"n":2}');
    writeFileSync(join(at, 'a-thread.def456.json'), '{"n":1}');
    expect(readEntryData<{ n: number }>(at).map((e) => [e.id, e.data.n, e.text])).toEqual([
      ['a-thread', 1, '{"n":1}'],
      ['v2.thread', 2, '{"n":2}'],
    ]);
  });

  test('returns no entries for a collection without a folder', () => {
    expect(readEntryData(join(dir, 'no-such-folder'))).toEqual([]);
  });

  test('throws naming the file when a data file is not JSON', () => {
    const at = join(dir, 'bad');
    mkdirSync(at, { recursive: true });
    writeFileSync(join(at, 'talk.abc.json'), 'comments: [');
    expect(() => readEntryData(at)).toThrow(/bad\/talk\.abc\.json: the loader's checked data cannot be read/);
  });
});

describe('quoteLinksForData', () => {
  test('finds the links of a corpus, keeps them, and reads them back for the same corpus', () => {
    const data = entryData('corpus', `“${said}”`);
    const cache = join(dir, 'corpus-cache');
    const first = quoteLinksForData(root, data, cache);
    expect(first).toMatchObject({ links: 1, reused: false });
    expect(keptQuoteLinks(cache, first.key)?.map((l) => `${l.quote.anchor} → ${l.source.page}#${l.source.anchor}`)).toEqual(['c-1 → essays/essay#intro']);
    expect(quoteLinksForData(root, data, cache)).toEqual({ ...first, reused: true });
  });

  test('finds them again when a thread changed, and keeps only the new set', () => {
    const data = entryData('edited', `“${said}”`);
    const cache = join(dir, 'edited-cache');
    const before = quoteLinksForData(root, data, cache);
    writeFileSync(join(data, 'threads', 'talk.4567ef01.json'), JSON.stringify(thread('My own words, quoting nobody at all today.')));
    const after = quoteLinksForData(root, data, cache);
    expect(after).toMatchObject({ links: 0, reused: false });
    expect(after.key).not.toBe(before.key);
    expect(readdirSync(cache)).toEqual([`${after.key}.json`]);
  });
});

describe('the quote-links script, run as the integration runs it', () => {
  const script = join(root, 'src/data/quote-links.ts');

  test('reports the links found, then the same links kept, one line each', async () => {
    const data = entryData('script', `“${said}”`);
    const cache = join(dir, 'script-cache');
    const args = ['--root', root, '--entry-data', data, '--cache-dir', cache];
    const lines: string[] = [];
    await runScript(script, args, 'quote links failed', (l) => lines.push(l));
    await runScript(script, args, 'quote links failed', (l) => lines.push(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^quote links: 1 found in [\d.]+ s beside the bundling, kept for the next build$/);
    expect(lines[1]).toMatch(/^quote links: 1 kept from an earlier build of the same corpus, read in [\d.]+ s$/);
  });

  test('fails with a message naming the damaged data file, and keeps nothing', async () => {
    const data = entryData('script-bad', said);
    writeFileSync(join(data, 'threads', 'talk.4567ef01.json'), '{');
    const cache = join(dir, 'script-bad-cache');
    await expect(runScript(script, ['--root', root, '--entry-data', data, '--cache-dir', cache], 'quote links failed', () => {})).rejects.toThrow(
      /quote links failed \(exit 1\):\n.*talk\.4567ef01\.json: the loader's checked data cannot be read/,
    );
    expect(existsSync(cache)).toBe(false);
  });

  test('refuses to run without the folders it needs, saying which', async () => {
    await expect(runScript(script, ['--root', root], 'quote links failed', () => {})).rejects.toThrow(/--entry-data takes a folder/);
  });
});
