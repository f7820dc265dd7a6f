import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { afterAll, describe, expect, test } from 'vitest';
import { essaySchema } from '../../../src/schemas/essay.ts';
import { threadsCollectionSchema } from '../../../src/schemas/thread.ts';
import { CLI, generate, read, ROOT } from './helpers.ts';

/** The committed outputs and the exact arguments that produce them (README lists the same commands). */
const SEEDS = [
  {
    from: 'content/sources/000_17256e143ba248d8.txt',
    segments: 'content/segments/000_17256e143ba248d8.yaml',
    files: [
      'content/threads/deceptive-alignment-is-less-than-1-likely-by-default.mdx',
      'content/essays/deceptive-alignment-is-less-than-1-likely-by-default.mdx',
    ],
  },
  {
    from: 'content/sources/001_c3a483cbcfe7bf87.txt',
    segments: 'content/segments/001_c3a483cbcfe7bf87.yaml',
    slug: 'scheming-ais',
    files: ['content/threads/scheming-ais.mdx'],
  },
  {
    from: 'content/sources/004_54c46a0792e90b17.txt',
    segments: 'content/segments/004_54c46a0792e90b17.yaml',
    files: ['content/threads/vili-kohonen-profile.mdx'],
  },
];

const HOSTILE = 'tests/fixtures/importer/hostile.txt';
const HOSTILE_GOLDEN = {
  'content/threads/hostile-less-than-script-greater-than-alert-1-less-than.mdx': 'tests/fixtures/golden/hostile.thread.mdx',
  'content/essays/hostile-less-than-script-greater-than-alert-1-less-than.mdx': 'tests/fixtures/golden/hostile.essay.mdx',
} as Record<string, string>;
const hostileFiles = () => generate('content/sources/hostile.txt', { text: read(HOSTILE), people: [] });

const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

describe('importer output for the seeds', () => {
  test.each(SEEDS)('regenerating $from changes no committed file', (seed) => {
    const files = generate(seed.from, { segments: seed.segments, slug: seed.slug });
    expect(files.map((f) => f.path)).toEqual(seed.files);
    for (const f of files) expect(f.text, `${f.path} is stale: re-run ${seed.from}'s import command`).toBe(read(f.path));
  });

  test.each(SEEDS)('writes frontmatter for $from that the site schemas accept', (seed) => {
    for (const path of seed.files) {
      const { frontmatter } = parseFrontmatter(read(path));
      const schema = path.startsWith('content/essays/') ? essaySchema : threadsCollectionSchema;
      expect(schema.safeParse(frontmatter).success).toBe(true);
    }
  });

  test('records the facts: comment counts, ids, parents and authors', () => {
    const fm = (p: string) =>
      parseFrontmatter(read(p)).frontmatter as {
        comments: { key: string; id: string; replyTo: { kind: string; id?: string }; author: { name: string | null; status: string } }[];
      };
    const t000 = fm(SEEDS[0]?.files[0] ?? '');
    expect(t000.comments).toHaveLength(28);
    const byKey = new Map(t000.comments.map((c) => [c.key, c]));
    expect(byKey.get('C18')?.id).toBe('c-PHYDa4jyhchREs2kA');
    expect(byKey.get('C26')?.replyTo).toMatchObject({ kind: 'comment', id: 'c-obZ4Q7NfhCKcpq9do' });
    expect(byKey.get('C4')?.replyTo).toMatchObject({ kind: 'comment', id: byKey.get('C1')?.id });
    expect(byKey.get('C2')?.author).toMatchObject({ name: 'DavidW', status: 'inferred' });
    expect(byKey.get('C1')?.author).toMatchObject({ name: null, status: 'unknown' });
    const t001 = fm(SEEDS[1]?.files[0] ?? '');
    expect(t001.comments.map((c) => c.id)).toEqual([
      'c-quintin-pope-202311152230',
      'c-joe-carlsmith-202311280127',
      'c-jp-addison-202311281639',
      'c-adria-r-moret-202312011600',
    ]);
    expect(t001.comments[1]?.replyTo).toMatchObject({ kind: 'comment', id: 'c-quintin-pope-202311152230' });
    expect(fm(SEEDS[2]?.files[0] ?? '').comments).toHaveLength(11);
  });

  test('the CLI writes the same file as the core', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'import-cli-'));
    temps.push(tmp);
    const seed = SEEDS[1];
    if (!seed) throw new Error('no seed');
    for (const p of [seed.from, seed.segments]) {
      mkdirSync(join(tmp, p, '..'), { recursive: true });
      cpSync(join(ROOT, p), join(tmp, p));
    }
    const r = spawnSync(
      process.execPath,
      ['--experimental-strip-types', '--no-warnings', CLI, seed.from, '--slug', 'scheming-ais', '--segments', seed.segments, '--out', tmp],
      { cwd: tmp, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(join(tmp, 'content/threads/scheming-ais.mdx'), 'utf8')).toBe(read('content/threads/scheming-ais.mdx'));
  });
});

describe('importer output for the hostile fixture', () => {
  test('matches the committed golden files', () => {
    const files = hostileFiles();
    expect(files.map((f) => f.path)).toEqual(Object.keys(HOSTILE_GOLDEN));
    for (const f of files) expect(f.text).toBe(read(HOSTILE_GOLDEN[f.path] ?? ''));
  });

  test('gives back every line of the export verbatim from the frontmatter', () => {
    const source = read(HOSTILE)
      .split('\n')
      .map((l) => l.replace(/\r$/, ''));
    const [threadText, essayText] = hostileFiles().map((f) => f.text);
    const thread = parseFrontmatter(threadText ?? '').frontmatter as {
      title: string;
      post: { author: { name: string } };
      comments: { author: { name: string }; lines: [number, number]; paragraphs: { text: string; line: number }[] }[];
    };
    const essay = parseFrontmatter(essayText ?? '').frontmatter as { sections: { blocks: { text: string; line: number }[] }[] };
    const got = new Map<number, string>();
    for (const c of thread.comments) for (const p of c.paragraphs) got.set(p.line, p.text);
    for (const s of essay.sections) for (const b of s.blocks) got.set(b.line, b.text);
    expect(thread.title).toBe(source[0]);
    expect(`By ${thread.post.author.name} @ 2024-01-02T03:04 (+5)`).toBe(source[1]);
    const headers = new Set(thread.comments.map((c) => c.lines[0]));
    source.forEach((text, i) => {
      const line = i + 1;
      if (line <= 2 || headers.has(line)) return;
      expect(got.get(line), `line ${line}`).toBe(text);
    });
    expect(got.get(17)?.length).toBe(5000);
    expect(got.get(19)).toContain('\u0000');
  });

  test('puts nothing from the export in the MDX body', () => {
    for (const f of hostileFiles()) {
      const { content } = parseFrontmatter(f.text);
      expect(content.trim()).toMatch(/^\{\/\* Generated by src\/importer\/cli\.ts from content\/sources\/hostile\.txt\. [^{}]*\*\/\}$/);
      for (const l of f.text.split('\n')) expect(l).not.toMatch(/^(---|\+\+\+)./);
    }
  });
});
