import { describe, expect, test } from 'vitest';
import { commentUrl, forumOf, licenceFor, postUrl, profileSlug } from '../../../../src/lib/forum/site.ts';
import { importForumThread } from '../../../../src/importer/forum.ts';

const EA = forumOf('https://forum.effectivealtruism.org/posts/abc/x');
const LW = forumOf('https://www.lesswrong.com/posts/abc/x');
const AF = forumOf('https://www.alignmentforum.org/posts/abc/x');

describe('forumOf', () => {
  test('returns the forum of a post address on each of the three forums, and null elsewhere', () => {
    expect([LW?.name, AF?.name, EA?.name]).toEqual(['LessWrong', 'Alignment Forum', 'EA Forum']);
    expect(LW?.accounts).toBe(AF?.accounts);
    expect(forumOf('https://lesswrong.com.evil.example/posts/x')).toBeNull();
    expect(forumOf('javascript:alert(1)//www.lesswrong.com')).toBeNull();
  });
});

describe('commentUrl', () => {
  test('returns the post address with ?commentId=, whatever query or fragment the post address had', () => {
    expect(commentUrl('https://www.lesswrong.com/posts/abc/x?view=old#top', 'C1d')).toBe('https://www.lesswrong.com/posts/abc/x?commentId=C1d');
    expect(postUrl('https://www.lesswrong.com/posts/abc/x?view=old#top')).toBe('https://www.lesswrong.com/posts/abc/x');
  });
});

describe('profileSlug', () => {
  test('returns the user slug of a profile address on the same accounts, and null for another forum or path', () => {
    expect(profileSlug('https://www.lesswrong.com/users/davidw', 'lesswrong')).toBe('davidw');
    expect(profileSlug('https://www.greaterwrong.com/users/davidw/', 'lesswrong')).toBe('davidw');
    expect(profileSlug('https://www.lesswrong.com/users/davidw', 'ea-forum')).toBeNull();
    expect(profileSlug('https://www.lesswrong.com/posts/davidw', 'lesswrong')).toBeNull();
  });
});

describe('licenceFor', () => {
  test('returns no open licence for LessWrong and the Alignment Forum', () => {
    if (!LW || !AF) throw new Error('no forum');
    expect(licenceFor(LW, 'comments', ['2024-01-01T00:00:00.000Z']).status).toBe('all-rights-reserved');
    expect(licenceFor(AF, 'post', ['2024-01-01T00:00:00.000Z']).statement).toMatch(
      /^The Alignment Forum, which shares its posts and comments with LessWrong, states no open licence/,
    );
  });

  test('returns CC BY 4.0 with a note of our changes for EA Forum text from 1 December 2022 on', () => {
    if (!EA) throw new Error('no forum');
    const l = licenceFor(EA, 'comments', ['2022-12-01T00:00:00.000Z', '2023-05-01T10:00:00.000Z']);
    expect(l.status).toBe('cc-by-4.0');
    expect(l.statement).toContain('Our changes:');
    expect(l.evidenceUrl).toMatch(/^https:\/\/forum\.effectivealtruism\.org\//);
  });

  test('returns no open licence for older EA Forum text, saying which part is CC BY', () => {
    if (!EA) throw new Error('no forum');
    expect(licenceFor(EA, 'post', ['2022-11-30T23:59:59.000Z']).status).toBe('all-rights-reserved');
    const mixed = licenceFor(EA, 'comments', ['2022-11-30T12:00:00.000Z', '2023-01-02T00:00:00.000Z', '2023-01-03T00:00:00.000Z']);
    expect(mixed.status).toBe('all-rights-reserved');
    expect(mixed.statement).toContain('1 of these comments was posted before that date (the other 2 are under CC BY 4.0');
  });
});

describe('authors of forum data', () => {
  const data = (user: { displayName: string; slug: string }) =>
    JSON.stringify({
      post: {
        _id: 'P1',
        title: 'T',
        pageUrl: 'https://www.alignmentforum.org/posts/P1/t',
        postedAt: '2024-01-01T00:00:00Z',
        user,
        contents: null,
      },
      comments: [],
    });
  const people = [
    { slug: 'ada', name: 'Ada Lovelace', aliases: [], profiles: ['https://www.lesswrong.com/users/ada-l'] },
    { slug: 'bob', name: 'Bob', aliases: ['Bobby'], profiles: [] },
  ];
  const author = (user: { displayName: string; slug: string }) => {
    const r = importForumThread({ file: 'x.json', text: data(user), from: 'content/sources/x.json', people });
    return { author: (r.thread.data as { post: { author: unknown } }).post.author, warnings: r.warnings.map((w) => w.message) };
  };

  test('link to a person by the forum user slug in their profile address (one account on LessWrong and the Alignment Forum)', () => {
    expect(author({ displayName: 'A. L.', slug: 'ada-l' }).author).toEqual({ name: 'A. L.', person: 'ada', status: 'recorded' });
  });

  test('link to a person by their exact name or alias, never by a look-alike', () => {
    expect(author({ displayName: 'Bobby', slug: 'x' }).author).toEqual({ name: 'Bobby', person: 'bob', status: 'recorded' });
    const lookalike = author({ displayName: 'B\u200bob', slug: 'y' });
    expect(lookalike.author).toEqual({ name: 'B\u200bob', person: null, status: 'recorded' });
    expect(lookalike.warnings[0]).toContain('only looks like Bob');
  });
});
