import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { importForumThread } from '../../../src/importer/forum.ts';
import { SourceError } from '../../../src/lib/threads/errors.ts';
import { runCli, writtenFiles } from './cli-fixture.ts';
import { ROOT } from './helpers.ts';

// The forum import: bad data stops it with `file: $.path: message`; through the command an
// editor runs, that is the one line on stderr, exit code 1, and nothing written.

const FIXTURE = JSON.parse(readFileSync(join(ROOT, 'tests/fixtures/forum/lesswrong-thread.json'), 'utf8')) as {
  data: { post: { result: Record<string, unknown> }; comments: { results: Record<string, unknown>[] } };
};
const fixture = () => structuredClone(FIXTURE);
const FILE = 'content/sources/thread.json';
const temps: string[] = [];
afterAll(() => temps.forEach((t) => rmSync(t, { recursive: true, force: true })));

/** Runs the importer on `text` saved as content/sources/thread.json in a fresh scratch root. */
function importText(text: string, ...args: string[]) {
  const root = mkdtempSync(join(tmpdir(), 'forum-cli-'));
  temps.push(root);
  mkdirSync(join(root, 'content/sources'), { recursive: true });
  writeFileSync(join(root, FILE), text);
  return { ...runCli(root, FILE, ...args), root };
}
const importJson = (data: unknown, ...args: string[]) => importText(JSON.stringify(data, null, 2), ...args);

/** Finds a comment of the fixture by its id. */
function comment(data: ReturnType<typeof fixture>, id: string): Record<string, unknown> {
  const c = data.data.comments.results.find((x) => x['_id'] === id);
  if (!c) throw new Error(`no comment ${id} in the fixture`);
  return c;
}
const indexOf = (id: string) => FIXTURE.data.comments.results.findIndex((x) => x['_id'] === id);

describe('forum import, accepted input', () => {
  test('writes the thread and the essay of a saved GraphQL response', () => {
    const r = importJson(fixture());
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('wrote content/threads/counting-arguments-worked-example.mdx\nwrote content/essays/counting-arguments-worked-example.mdx\n');
  });

  test('reads the same two objects unwrapped, with the same result', () => {
    const f = fixture();
    const a = importJson(f);
    const b = importJson({ post: f.data.post.result, comments: f.data.comments.results });
    expect(b.status).toBe(0);
    const read = (root: string) => readFileSync(join(root, 'content/threads/counting-arguments-worked-example.mdx'), 'utf8');
    expect(read(b.root)).toBe(read(a.root));
  });

  test('refuses --segments, which is for plain-text exports', () => {
    const r = importJson(fixture(), '--segments', 'content/segments/x.yaml');
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(`--segments is for plain-text exports; ${FILE} is forum data, which needs none`);
  });
});

describe('forum import, bad input', () => {
  const hostile = indexOf('Qx9HostileMmmmmmm');
  const reply = indexOf('Qx4ReplyDepth3Ddd');
  const cases: [string, () => string, string][] = [
    ['invalid JSON', () => '{"data": {"post": ', `${FILE}: $: not valid JSON (`],
    ['JSON that is not an object', () => '[1, 2]', `${FILE}: $: must be a JSON object, not an array`],
    [
      'a GraphQL error response',
      () => JSON.stringify({ errors: [{ message: 'Cannot query field "bogus" on type "Post".' }], data: null }),
      `${FILE}: $.errors[0].message: the forum answered with an error, not a thread: Cannot query field "bogus" on type "Post".`,
    ],
    [
      'a missing post',
      () => {
        const f = fixture();
        (f.data.post as Record<string, unknown>)['result'] = null;
        return JSON.stringify(f);
      },
      `${FILE}: $.data.post.result: is null: the forum found no such post`,
    ],
    [
      'a post without _id',
      () => {
        const f = fixture();
        delete f.data.post.result['_id'];
        return JSON.stringify(f);
      },
      `${FILE}: $.data.post.result._id: missing (a required field)`,
    ],
    [
      'a comment without postedAt',
      () => {
        const f = fixture();
        delete comment(f, 'Qx9HostileMmmmmmm')['postedAt'];
        return JSON.stringify(f);
      },
      `${FILE}: $.data.comments.results[${hostile}].postedAt: missing (a required field)`,
    ],
    [
      'a live comment without contents',
      () => {
        const f = fixture();
        comment(f, 'Qx9HostileMmmmmmm')['contents'] = null;
        return JSON.stringify(f);
      },
      `${FILE}: $.data.comments.results[${hostile}].contents: missing: a comment that is not deleted needs contents { html }`,
    ],
    [
      'a score that is not a number',
      () => {
        const f = fixture();
        comment(f, 'Qx9HostileMmmmmmm')['baseScore'] = '12';
        return JSON.stringify(f);
      },
      `${FILE}: $.data.comments.results[${hostile}].baseScore: must be a whole number or null, not the string "12"`,
    ],
    [
      'a date that is not ISO',
      () => {
        const f = fixture();
        comment(f, 'Qx9HostileMmmmmmm')['postedAt'] = 'yesterday';
        return JSON.stringify(f);
      },
      `${FILE}: $.data.comments.results[${hostile}].postedAt: "yesterday" is not an ISO date and time (like "2023-11-15T17:16:00.000Z")`,
    ],
    [
      'a parent id that is not in the file',
      () => {
        const f = fixture();
        comment(f, 'Qx4ReplyDepth3Ddd')['parentCommentId'] = 'NotInThisFile0001';
        return JSON.stringify(f);
      },
      `${FILE}: $.data.comments.results[${reply}].parentCommentId: "NotInThisFile0001" is not a comment in this file (save the whole thread, deleted comments included)`,
    ],
    [
      'a cycle in the parent links',
      () => {
        const f = fixture();
        const top = comment(f, 'Qx1TopLevelAaaaaa');
        top['parentCommentId'] = 'Qx4ReplyDepth3Ddd';
        delete top['topLevelCommentId'];
        return JSON.stringify(f);
      },
      `${FILE}: $.data.comments.results[${indexOf('Qx1TopLevelAaaaaa')}].parentCommentId: the replies form a cycle (Qx1TopLevelAaaaaa → Qx4ReplyDepth3Ddd → Qx3ReplyDepthTwoC → Qx2ReplyDepthOneB → Qx1TopLevelAaaaaa), so no comment in it reaches the post`,
    ],
    [
      'a comment that replies to itself',
      () => {
        const f = fixture();
        const c = comment(f, 'QxAMarkdownNnnnnn');
        c['parentCommentId'] = 'QxAMarkdownNnnnnn';
        delete c['topLevelCommentId'];
        return JSON.stringify(f);
      },
      `${FILE}: $.data.comments.results[${indexOf('QxAMarkdownNnnnnn')}].parentCommentId: the replies form a cycle (QxAMarkdownNnnnnn → QxAMarkdownNnnnnn), so no comment in it reaches the post`,
    ],
    [
      'a duplicate id',
      () => {
        const f = fixture();
        comment(f, 'QxAMarkdownNnnnnn')['_id'] = 'Qx9HostileMmmmmmm';
        return JSON.stringify(f);
      },
      `${FILE}: $.data.comments.results[${indexOf('QxAMarkdownNnnnnn')}]._id: duplicate id "Qx9HostileMmmmmmm" (also at $.data.comments.results[${hostile}])`,
    ],
    [
      'a comment on another post',
      () => {
        const f = fixture();
        comment(f, 'Qx9HostileMmmmmmm')['postId'] = 'SomeOtherPost0001';
        return JSON.stringify(f);
      },
      `${FILE}: $.data.comments.results[${hostile}].postId: this comment is on post "SomeOtherPost0001", not on the post in this file ("FmTestPost0000001")`,
    ],
    [
      'a topLevelCommentId that disagrees with the parents',
      () => {
        const f = fixture();
        comment(f, 'Qx4ReplyDepth3Ddd')['topLevelCommentId'] = 'Qx6DeletedParentF';
        return JSON.stringify(f);
      },
      `${FILE}: $.data.comments.results[${reply}].topLevelCommentId: "Qx6DeletedParentF", but following parentCommentId leads to the top-level comment "Qx1TopLevelAaaaaa"`,
    ],
    [
      'an id that is not a forum id',
      () => {
        const f = fixture();
        comment(f, 'Qx9HostileMmmmmmm')['_id'] = 'x" onmouseover="y';
        return JSON.stringify(f);
      },
      `${FILE}: $.data.comments.results[${hostile}]._id: "x\\" onmouseover=\\"y" is not a forum id (letters, digits, "-" and "_" only)`,
    ],
    [
      'a post that is not on one of the three forums',
      () => {
        const f = fixture();
        f.data.post.result['pageUrl'] = 'https://forum.example/posts/x';
        return JSON.stringify(f);
      },
      `${FILE}: $.data.post.result.pageUrl: "https://forum.example/posts/x" is not a post address on LessWrong, the Alignment Forum or the EA Forum`,
    ],
  ];

  /** The message the core stops with (what the CLI prints), or '' when it does not stop. */
  const refusal = (text: string): string => {
    try {
      importForumThread({ file: FILE, text, from: FILE, people: [] });
      return '';
    } catch (e) {
      if (e instanceof SourceError) return e.message;
      throw e;
    }
  };

  test.each(cases)('stops on %s, naming the field and the problem', (_what, text, message) => {
    const got = refusal(text());
    expect(got.startsWith(message), got).toBe(true);
    expect(got).not.toContain('\n');
  });

  const throughCli = cases.filter(([what]) => what === 'invalid JSON' || what === 'a cycle in the parent links');
  test('picks the cases the command is run on', () => expect(throughCli).toHaveLength(2));
  test.each(throughCli)('the command stops on %s: one line on stderr, exit 1, nothing written', (_what, text, message) => {
    const r = importText(text());
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(message), r.stderr).toBe(true);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(writtenFiles(r.root)).toEqual([]);
  });
});
