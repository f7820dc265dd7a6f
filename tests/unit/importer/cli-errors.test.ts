import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { CLI, ROOT } from './helpers.ts';

const FIX = join(ROOT, 'tests/fixtures/importer');
let tmp = '';

beforeEach(() => {
  tmp = mkdtempSync(join(tmpdir(), 'import-err-'));
  mkdirSync(join(tmp, 'content/sources'), { recursive: true });
  mkdirSync(join(tmp, 'content/segments'), { recursive: true });
  cpSync(join(FIX, 'small.txt'), join(tmp, 'content/sources/small.txt'));
  cpSync(join(FIX, 'small.yaml'), join(tmp, 'content/segments/small.yaml'));
  for (const f of readdirSync(join(FIX, 'bad-segments'))) cpSync(join(FIX, 'bad-segments', f), join(tmp, 'content/segments', f));
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const cli = (...args: string[]) => {
  const r = spawnSync(process.execPath, ['--experimental-strip-types', '--no-warnings', CLI, ...args, '--out', '.'], { cwd: tmp, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
};
const written = () => ['content/threads', 'content/essays'].filter((d) => existsSync(join(tmp, d))).flatMap((d) => readdirSync(join(tmp, d)));

describe('importer CLI', () => {
  test('writes the thread and essay of a valid segmentation', () => {
    const r = cli('content/sources/small.txt', '--segments', 'content/segments/small.yaml');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('wrote content/threads/small-thread.mdx\nwrote content/essays/small-thread.mdx\n');
    expect(written().sort()).toEqual(['small-thread.mdx', 'small-thread.mdx']);
  });

  test.each([
    ['overlap.yaml', 'content/segments/overlap.yaml:16: segment B overlaps A (line 2)'],
    [
      'gap.yaml',
      'content/segments/gap.yaml:16: line 2 of content/sources/small.txt is in no segment (between A and B); add a segment or a "kind: skip" with a reason',
    ],
    ['out-of-range.yaml', 'content/segments/out-of-range.yaml:22: segment essay (lines 4-9) ends at line 9, but content/sources/small.txt has only 7 lines'],
    ['unknown-parent.yaml', 'content/segments/unknown-parent.yaml:20: segment B replies to unknown key "Z"'],
    [
      'unknown-kind.yaml',
      'content/segments/unknown-kind.yaml:11: segment A: kind: unknown kind (expected one of: comment, essay, bio, name, post-title, skip) (got "coment")',
    ],
    ['bad-yaml.yaml', /^content\/segments\/bad-yaml\.yaml:5: bad YAML: /],
    [
      'duplicate-heading.yaml',
      'content/segments/duplicate-heading.yaml:26: section id "why-does-this-matter" (line 6) is already used by line 4; give this heading an explicit id',
    ],
    ['heading-out-of-range.yaml', "content/segments/heading-out-of-range.yaml:26: heading line 9 is outside the essay's lines 4-7"],
    ['bad-slug.yaml', 'content/segments/bad-slug.yaml:3: slug: must be lower-case words joined by hyphens (got "Small Thread")'],
    [
      'schema-fail.yaml',
      'content/segments/schema-fail.yaml:10: generated thread "small-thread" fails the site schema: comment A: comments.0.author: an author has a name exactly when its status is not "unknown"',
    ],
  ])('rejects %s with file and line, exit 1, and writes nothing', (file, message) => {
    const r = cli('content/sources/small.txt', '--segments', `content/segments/${file}`);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    if (typeof message === 'string') expect(r.stderr).toBe(`${message}\n`);
    else expect(r.stderr).toMatch(message);
    expect(written()).toEqual([]);
  });

  test.each<[string, () => string[], string]>([
    ['a missing file', () => ['content/sources/nope.txt'], 'content/sources/nope.txt: file not found'],
    [
      'an empty file',
      () => {
        writeFileSync(join(tmp, 'content/sources/empty.txt'), '');
        return ['content/sources/empty.txt'];
      },
      'content/sources/empty.txt: the file is empty',
    ],
    [
      'a file of blank lines',
      () => {
        writeFileSync(join(tmp, 'content/sources/blank.txt'), '\n  \n');
        return ['content/sources/blank.txt'];
      },
      'content/sources/blank.txt: the export is empty',
    ],
    [
      'an unparseable byline',
      () => {
        writeFileSync(join(tmp, 'content/sources/h.txt'), 'Title\nBy Joe @ 2023-11-15 (+71)\ntext\n');
        return ['content/sources/h.txt'];
      },
      'content/sources/h.txt:2: unparseable byline: expected "By Name @ YYYY-MM-DDTHH:MM (+karma)"',
    ],
    [
      'an unparseable comment header',
      () => {
        writeFileSync(join(tmp, 'content/sources/h.txt'), 'Title\nBy Joe @ 2023-11-15T17:16 (+71)\nAnn @ 2023-11-16T25:00 (+1)\ntext\n');
        return ['content/sources/h.txt'];
      },
      'content/sources/h.txt:3: comment header has an impossible date "2023-11-16T25:00"',
    ],
    [
      'a headerless export without segmentation',
      () => ['content/sources/small.txt'],
      'content/sources/small.txt:2: this export has no comment headers ("By Name @ …" on line 2); pass --segments <segmentation file>',
    ],
    [
      'an invalid --slug',
      () => ['content/sources/small.txt', '--segments', 'content/segments/small.yaml', '--slug', 'Bad Slug'],
      '--slug: the slug "Bad Slug" is not a valid slug: it must be lower-case words joined by hyphens',
    ],
    [
      'a missing segmentation file',
      () => ['content/sources/small.txt', '--segments', 'content/segments/none.yaml'],
      'content/segments/none.yaml: file not found',
    ],
    [
      'a segmentation file for another export',
      () => {
        cpSync(join(FIX, 'small.txt'), join(tmp, 'content/sources/other.txt'));
        return ['content/sources/other.txt', '--segments', 'content/segments/small.yaml'];
      },
      'content/segments/small.yaml:2: this segmentation is for content/sources/small.txt, not content/sources/other.txt',
    ],
    [
      'an export outside content/sources',
      () => {
        cpSync(join(FIX, 'hostile.txt'), join(tmp, 'hostile.txt'));
        return ['hostile.txt'];
      },
      'hostile.txt: exports must live in content/sources/ under the output root (got hostile.txt)',
    ],
  ])('rejects %s with one clear message and exit 1', (_what, args, message) => {
    const r = cli(...args());
    expect(r.stderr).toBe(`${message}\n`);
    expect(r.status).toBe(1);
    expect(written()).toEqual([]);
  });

  test('refuses to overwrite a file generated from another export', () => {
    mkdirSync(join(tmp, 'content/threads'), { recursive: true });
    writeFileSync(join(tmp, 'content/threads/small-thread.mdx'), '---\ngenerated:\n  from: "content/sources/other.txt"\n---\n');
    const r = cli('content/sources/small.txt', '--segments', 'content/segments/small.yaml');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/content\/threads\/small-thread\.mdx: already exists and was not generated from content\/sources\/small\.txt/);
    expect(existsSync(join(tmp, 'content/essays/small-thread.mdx'))).toBe(false);
  });

  test('prints usage for missing arguments', () => {
    const r = cli();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^usage: npm run import -- <export\.txt \| thread\.json/);
  });
});
