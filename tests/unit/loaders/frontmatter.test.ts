import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { z } from 'astro/zod';
import type { Loader } from 'astro/loaders';
import { load } from 'js-yaml';
import { dataFileEntryId, dataFileName, frontmatterLoader } from '../../../src/loaders/frontmatter.ts';
import { threadsCollectionSchema } from '../../../src/schemas/thread.ts';

// The loader for imported essays and threads: it checks each file against the full schema, writes
// the checked data to a file of its own, and leaves in Astro's content store only that file's path,
// so the store Astro bundles into the build stays small however many comments there are.

const root = mkdtempSync(join(tmpdir(), 'frontmatter-loader-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface Stored {
  id: string;
  data: Record<string, unknown>;
  digest?: string | number;
  filePath?: string;
}

/** A project folder with a content folder and a cache folder, and a store that lives across loads. */
function project(name: string) {
  const dir = join(root, name);
  mkdirSync(join(dir, 'content', 'things'), { recursive: true });
  const entries = new Map<string, Stored>();
  const logged: string[] = [];
  const store = {
    get: (id: string) => entries.get(id),
    // As Astro's store does: an entry whose digest it already holds is left as it is.
    set: (e: Stored) => {
      if (e.digest !== undefined && entries.get(e.id)?.digest === e.digest) return false;
      entries.set(e.id, e);
      return true;
    },
    keys: () => [...entries.keys()],
    delete: (id: string) => void entries.delete(id),
  };
  const context = {
    collection: 'things',
    config: { root: pathToFileURL(`${dir}/`), cacheDir: pathToFileURL(join(dir, 'cache') + '/') },
    store,
    logger: { info: (m: string) => logged.push(m) },
    generateDigest: (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16),
  };
  const write = (id: string, text: string) => writeFileSync(join(dir, 'content', 'things', `${id}.mdx`), text);
  const dataFiles = () => readdirSync(join(dir, 'cache', 'entry-data', 'things')).sort();
  return { dir, entries, logged, context, write, dataFiles, remove: (id: string) => rmSync(join(dir, 'content', 'things', `${id}.mdx`)) };
}

/** A schema that counts how often it is asked to check something. */
function countingSchema() {
  const inner = z.object({ title: z.string(), words: z.array(z.string()) });
  const schema = { calls: 0, safeParse: (raw: unknown) => (schema.calls++, inner.safeParse(raw)) };
  return schema;
}

async function run(loader: Loader, context: ReturnType<typeof project>['context']): Promise<void> {
  await loader.load(context as unknown as Parameters<Loader['load']>[0]);
}

const file = (title: string, words: string[]) => `---\ntitle: ${title}\nwords:\n${words.map((w) => `  - ${w}`).join('\n')}\n---\n{/* generated */}\n`;

describe('frontmatterLoader', () => {
  test('keeps the checked data in a file of its own and only its path in the store', async () => {
    const p = project('store');
    const schema = countingSchema();
    p.write('one', file('One', ['alpha', 'beta']));
    await run(frontmatterLoader('content/things', schema), p.context);
    const entry = p.entries.get('one');
    expect(entry?.filePath).toBe('content/things/one.mdx');
    expect(Object.keys(entry?.data ?? {})).toEqual(['dataFile']);
    expect(JSON.stringify(entry)).not.toContain('alpha');
    const dataFile = String(entry?.data.dataFile);
    expect(dataFile.startsWith(join(p.dir, 'cache', 'entry-data', 'things'))).toBe(true);
    expect(JSON.parse(readFileSync(dataFile, 'utf8'))).toEqual({ title: 'One', words: ['alpha', 'beta'] });
  });

  test('reuses an unchanged file and checks an edited one again, dropping the old data', async () => {
    const p = project('reuse');
    const schema = countingSchema();
    const loader = frontmatterLoader('content/things', schema);
    p.write('one', file('One', ['alpha']));
    p.write('two', file('Two', ['gamma']));
    await run(loader, p.context);
    expect(schema.calls).toBe(2);
    const before = p.dataFiles();

    await run(loader, p.context);
    expect(schema.calls).toBe(2);
    expect(p.logged.at(-1)).toBe('2 of 2 unchanged since the last build, reused');
    expect(p.dataFiles()).toEqual(before);

    p.write('two', file('Two', ['delta']));
    await run(loader, p.context);
    expect(schema.calls).toBe(3);
    const after = p.dataFiles();
    expect(after).toHaveLength(2);
    expect(after.filter((f) => before.includes(f))).toEqual([before.find((f) => f.startsWith('one.'))]);
    expect(JSON.parse(readFileSync(String(p.entries.get('two')?.data.dataFile), 'utf8'))).toEqual({ title: 'Two', words: ['delta'] });
  });

  test('parses again when the data file of an unchanged entry has gone', async () => {
    const p = project('gone');
    const schema = countingSchema();
    const loader = frontmatterLoader('content/things', schema);
    p.write('one', file('One', ['alpha']));
    await run(loader, p.context);
    rmSync(String(p.entries.get('one')?.data.dataFile));
    await run(loader, p.context);
    expect(schema.calls).toBe(2);
    expect(existsSync(String(p.entries.get('one')?.data.dataFile))).toBe(true);
  });

  test('parses again when the store names a data file elsewhere (a store from another checkout)', async () => {
    const p = project('elsewhere');
    const schema = countingSchema();
    const loader = frontmatterLoader('content/things', schema);
    p.write('one', file('One', ['alpha']));
    await run(loader, p.context);
    const own = String(p.entries.get('one')?.data.dataFile);
    const entry = p.entries.get('one');
    if (entry) entry.data = { dataFile: join(root, 'another-checkout', 'one.json') };
    await run(loader, p.context);
    expect(schema.calls).toBe(2);
    expect(p.entries.get('one')?.data.dataFile).toBe(own);
    // And from then on it is this checkout's: the next load reuses it.
    await run(loader, p.context);
    expect(schema.calls).toBe(2);
    expect(p.logged.at(-1)).toBe('1 of 1 unchanged since the last build, reused');
  });

  test('forgets a removed file and its data', async () => {
    const p = project('removed');
    const loader = frontmatterLoader('content/things', countingSchema());
    p.write('one', file('One', ['alpha']));
    p.write('two', file('Two', ['beta']));
    await run(loader, p.context);
    p.remove('two');
    await run(loader, p.context);
    expect([...p.entries.keys()]).toEqual(['one']);
    expect(p.dataFiles().map((f) => f.split('.')[0])).toEqual(['one']);
  });

  test('names the file and the field when the frontmatter does not match the schema', async () => {
    const p = project('bad-schema');
    p.write('bad', '---\ntitle: Bad\nwords: 3\n---\n');
    await expect(run(frontmatterLoader('content/things', countingSchema()), p.context)).rejects.toThrow(
      /^content\/things\/bad\.mdx: the frontmatter does not match the things schema:\n {2}- words: /,
    );
    expect(p.entries.size).toBe(0);
  });

  test('names the file when the YAML is broken, missing or not a mapping', async () => {
    const cases: [string, RegExp][] = [
      ['---\ntitle: [unclosed\n---\n', /content\/things\/x\.mdx: the frontmatter is not valid YAML/],
      ['no fence at all\n', /content\/things\/x\.mdx: no frontmatter block/],
      ['---\n- a\n- b\n---\n', /content\/things\/x\.mdx: the frontmatter is not a mapping of fields/],
    ];
    for (const [i, [text, message]] of cases.entries()) {
      const p = project(`bad-yaml-${i}`);
      p.write('x', text);
      await expect(run(frontmatterLoader('content/things', countingSchema()), p.context)).rejects.toThrow(message);
    }
  });

  test('loads many files with reads and writes overlapping, every data file written and stored in file order', async () => {
    const p = project('many');
    const ids = Array.from({ length: 25 }, (_, i) => `t${String(i).padStart(2, '0')}`);
    for (const id of [...ids].reverse()) p.write(id, file(id, [id]));
    await run(frontmatterLoader('content/things', countingSchema()), p.context);
    expect([...p.entries.keys()]).toEqual(ids);
    for (const id of ids) expect(JSON.parse(readFileSync(String(p.entries.get(id)?.data.dataFile), 'utf8'))).toEqual({ title: id, words: [id] });
  });

  test('names the bad file among good ones, and a file that cannot be read, failing the load', async () => {
    const p = project('bad-among-good');
    for (const id of ['a', 'b', 'd']) p.write(id, file(id, [id]));
    p.write('c', '---\ntitle: [unclosed\n---\n');
    await expect(run(frontmatterLoader('content/things', countingSchema()), p.context)).rejects.toThrow(
      /content\/things\/c\.mdx: the frontmatter is not valid YAML/,
    );
    const q = project('unreadable');
    q.write('a', file('a', ['a']));
    mkdirSync(join(q.dir, 'content', 'things', 'b.mdx'));
    await expect(run(frontmatterLoader('content/things', countingSchema()), q.context)).rejects.toThrow(/EISDIR/);
  });

  test('gives back a real thread exactly as the schema gave it', async () => {
    const p = project('real');
    const text = readFileSync('content/threads/scheming-ais.mdx', 'utf8');
    p.write('scheming-ais', text);
    await run(frontmatterLoader('content/things', threadsCollectionSchema), p.context);
    const back: unknown = JSON.parse(readFileSync(String(p.entries.get('scheming-ais')?.data.dataFile), 'utf8'));
    const front = /^---\n([\s\S]*?)\n---/.exec(text)?.[1] ?? '';
    // Strict: a field the schema gives as undefined, or a Date, would not survive JSON.
    expect(back).toStrictEqual(threadsCollectionSchema.parse(load(front)));
  });
});

describe('dataFileName and dataFileEntryId', () => {
  test('name a data file by id and digest, and read the id back, dots in the id kept', () => {
    for (const id of ['talk', 'v2.thread', 'a.b.c']) expect(dataFileEntryId(dataFileName(id, '0a1b2c'))).toBe(id);
  });

  test('give null for a file that is not a data file', () => {
    expect(dataFileEntryId('talk.json')).toBeNull();
    expect(dataFileEntryId('talk.0a1b.json.partial')).toBeNull();
    expect(dataFileEntryId('.0a1b.json')).toBeNull();
  });
});
