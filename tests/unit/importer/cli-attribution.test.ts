import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli, scratchRoot, writtenFiles } from './cli-fixture.ts';

// The importer must never credit text to the wrong person: a misattributed quotation is the
// worst error this site can publish. Each fixture in
// tests/fixtures/importer/headers/ has one line (line 5) that is almost a comment header.
let tmp = '';
beforeEach(() => {
  tmp = scratchRoot();
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

const hint = '; if it is really text, list line 5 under "bodyLines" in the segmentation file';

describe('importer CLI on lines that look like comment headers', { timeout: 30_000 }, () => {
  test.each([
    ['space-not-t.txt', `looks like a comment header but the date "2023-11-16 11:00" is not YYYY-MM-DDTHH:MM${hint}`],
    ['arabic-indic-digits.txt', `looks like a comment header but the date "٢٠٢٣-١١-١٦T11:00" has non-ASCII digits (U+0662)${hint}`],
    ['fullwidth-digits.txt', `looks like a comment header but the date "２０２３-11-16T11:00" has non-ASCII digits (U+FF12)${hint}`],
    ['fullwidth-karma.txt', `looks like a comment header but the karma "(+３)" has non-ASCII digits (U+FF13)${hint}`],
    ['control-in-name.txt', `looks like a comment header but the name contains a control character (U+0007)${hint}`],
    ['separator-in-name.txt', `looks like a comment header but the name contains a Unicode separator (U+2028) where only a plain space may be${hint}`],
    ['no-break-space-in-name.txt', `looks like a comment header but the name contains a Unicode separator (U+00A0) where only a plain space may be${hint}`],
    ['format-in-name.txt', `looks like a comment header but the name contains a Unicode format character (U+202E)${hint}`],
    ['missing-karma.txt', `looks like a comment header but the karma, e.g. "(+3)", is missing after the date${hint}`],
    ['double-space.txt', `looks like a comment header but the name and the date must be separated by " @ " (one space either side)${hint}`],
    ['null-prefix-broken.txt', `looks like a comment header but the date "2023-11-16 11:00" is not YYYY-MM-DDTHH:MM${hint}`],
    ['huge-karma.txt', 'karma +99999999999999999999 is not a safe integer'],
  ])('%s stops at line 5 with exit 1 and writes nothing', (file, message) => {
    const r = runCli(tmp, `content/sources/${file}`);
    expect(r.stderr).toBe(`content/sources/${file}:5: ${message}\n`);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(writtenFiles(tmp)).toEqual([]);
  });

  test('stops at a byline whose karma is not a safe integer', () => {
    const r = runCli(tmp, 'content/sources/huge-byline-karma.txt');
    expect(r.stderr).toBe('content/sources/huge-byline-karma.txt:2: karma +99999999999999999999 is not a safe integer\n');
    expect(r.status).toBe(1);
    expect(writtenFiles(tmp)).toEqual([]);
  });

  test('keeps a line listed in bodyLines as text of the comment it sits in', () => {
    const r = runCli(tmp, 'content/sources/body-line.txt', '--segments', 'content/segments/body-line.yaml');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const fm = parseFrontmatter(readFileSync(join(tmp, 'content/threads/quoted-header.mdx'), 'utf8')).frontmatter as {
      comments: { author: { name: string }; paragraphs: { line: number; text: string }[] }[];
    };
    expect(fm.comments.map((c) => [c.author.name, c.paragraphs.map((p) => p.line)])).toEqual([
      ['Ann', [4, 5, 6]],
      ['Cid', [8]],
    ]);
  });

  test('stops without bodyLines, and when bodyLines lists a line that is plain text', () => {
    const without = runCli(tmp, 'content/sources/body-line.txt');
    expect(without.stderr).toBe(
      `content/sources/body-line.txt:5: looks like a comment header but the date "2023-11-16 11:00" is not YYYY-MM-DDTHH:MM${hint}\n`,
    );
    expect(without.status).toBe(1);
    const wrong = runCli(tmp, 'content/sources/body-line.txt', '--segments', 'content/segments/body-line-wrong.yaml');
    expect(wrong.stderr).toBe(
      'content/segments/body-line-wrong.yaml:6: bodyLines: line 6 of content/sources/body-line.txt does not look like a comment header; list only lines the importer stops at\n',
    );
    expect(wrong.status).toBe(1);
    expect(writtenFiles(tmp)).toEqual([]);
  });
});

describe('importer CLI linking authors to people', { timeout: 30_000 }, () => {
  test('links only the exact name, and warns about look-alikes without failing', () => {
    const r = runCli(tmp, 'content/sources/lookalikes.txt');
    const warn = (line: number, name: string) =>
      `content/sources/lookalikes.txt:${line}: warning: author "${name}" only looks like Joe Carlsmith (content/people/joe-carlsmith.mdx), so it is not linked to that page; if it really is them, set author.person in the segmentation file\n`;
    expect(r.stderr).toBe(warn(3, 'Joe_Carlsmith<U+200B>') + warn(5, 'Ｊｏｅ_Carlsmith'));
    expect(r.status).toBe(0);
    const fm = parseFrontmatter(readFileSync(join(tmp, 'content/threads/look-alikes.mdx'), 'utf8')).frontmatter as {
      post: { author: { person: string | null } };
      comments: { author: { name: string; person: string | null } }[];
    };
    expect(fm.post.author.person).toBe('joe-carlsmith');
    expect(fm.comments.map((c) => [c.author.name, c.author.person])).toEqual([
      ['Joe_Carlsmith\u200b', null],
      ['Ｊｏｅ_Carlsmith', null],
      ['Joe_Carlsmith', 'joe-carlsmith'],
    ]);
  });
});
