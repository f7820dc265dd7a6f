import { describe, expect, test } from 'vitest';
import { assignCommentIds, commentId, IdCollisionError, idWords, type IdSource } from '../../../../src/lib/threads/ids.ts';

const src = (label: string, text: string, extra: Partial<IdSource> = {}): IdSource => ({ label, text, ...extra });

describe('commentId', () => {
  test.each<[string, IdSource, string | RegExp]>([
    ['the original permalink id', src('C18', 'text', { originalId: 'PHYDa4jyhchREs2kA' }), 'c-PHYDa4jyhchREs2kA'],
    ['author and time for dated comments', src('Q', 'text', { authorSlug: 'quintin-pope', date: '2023-11-15T22:30' }), 'c-quintin-pope-202311152230'],
    ['a slug of a display name', src('M', 'text', { authorSlug: 'Adrià R. Moret', date: '2023-12-01T16:00' }), 'c-adria-r-moret-202312011600'],
    ['an explicit id over everything', src('X', 'text', { explicitId: 'c-fixed', originalId: 'abc' }), 'c-fixed'],
    ['a text hash when undated', src('C1', 'Comments as I read:'), /^c-[0-9a-f]{8}$/],
    ['a text hash when the author is unknown', src('C2', 'Some text', { date: '2023-11-15T22:30' }), /^c-[0-9a-f]{8}$/],
  ])('uses %s', (_what, s, expected) => {
    if (typeof expected === 'string') expect(commentId(s)).toBe(expected);
    else expect(commentId(s)).toMatch(expected);
  });

  test('ignores case, punctuation, spacing and compatibility forms in the hashed words', () => {
    const a = commentId(src('a', 'Thanks, this was a nice   countering argument!'));
    const b = commentId(src('b', 'thanks this was a nice countering argument'));
    const c = commentId(src('c', 'Ｔhanks — this was a “nice” countering argument.'));
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  test('depends on the first 12 words only', () => {
    const first = 'one two three four five six seven eight nine ten eleven twelve';
    expect(commentId(src('a', `${first} thirteen`))).toBe(commentId(src('b', `${first} something else`)));
  });
});

describe('idWords', () => {
  test('strips punctuation, symbols and invisible characters', () => {
    expect(idWords('It’s a\u200b “test” — 1+1=2!')).toEqual(['its', 'a', 'test', '112']);
  });
});

describe('assignCommentIds', () => {
  const thread = [
    src('A', 'First comment about deceptive alignment'),
    src('B', 'A reply that disagrees', { authorSlug: 'joe-carlsmith', date: '2023-11-28T01:27' }),
    src('C', 'Permalinked comment', { originalId: 'QxdznhqAgJSACeSbv' }),
    src('D', 'Yet another comment, undated'),
  ];
  const idsByLabel = (list: IdSource[]) => Object.fromEntries(list.map((s, i) => [s.label, assignCommentIds(list)[i]]));
  const base = idsByLabel(thread);

  test.each<[string, IdSource[]]>([
    ['reversed', [...thread].reverse()],
    ['rotated', [...thread.slice(2), ...thread.slice(0, 2)]],
    ['with comments added', [src('N1', 'A brand new comment'), ...thread, src('N2', 'Another new one', { authorSlug: 'x', date: '2024-01-01T00:00' })]],
    ['with one removed', thread.filter((s) => s.label !== 'B')],
  ])('keeps every id when the comments are %s', (_how, list) => {
    const ids = idsByLabel(list);
    for (const s of list) if (s.label in base) expect(ids[s.label]).toBe(base[s.label]);
  });

  test('extends the hashed words when two comments share their first 12 words', () => {
    const start = 'w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 w11 w12';
    const ids = assignCommentIds([src('a', `${start} ends one way`), src('b', `${start} ends another way`), src('c', 'unrelated')]);
    expect(new Set(ids).size).toBe(3);
    expect(ids[2]).toBe(commentId(src('c', 'unrelated')));
    // The same pair in the other order gets the same ids.
    const swapped = assignCommentIds([src('b', `${start} ends another way`), src('a', `${start} ends one way`)]);
    expect(swapped).toEqual([ids[1], ids[0]]);
  });

  test('adds a text hash when one author posts twice in the same minute', () => {
    const ids = assignCommentIds([
      src('a', 'first', { authorSlug: 'eve', date: '2024-01-01T00:00' }),
      src('b', 'second', { authorSlug: 'eve', date: '2024-01-01T00:00' }),
    ]);
    expect(ids[0]).toMatch(/^c-eve-202401010000-[0-9a-f]{8}$/);
    expect(ids[1]).toMatch(/^c-eve-202401010000-[0-9a-f]{8}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });

  test('throws a clear error when two comments are identical', () => {
    expect(() => assignCommentIds([src('C7', 'Same text.'), src('C9', 'same text')])).toThrow(IdCollisionError);
    expect(() => assignCommentIds([src('C7', 'Same text.'), src('C9', 'same text')])).toThrow(
      /^comments C7 and C9 would share the id "c-[0-9a-f]{8}" \(same author and time, or identical text\); give one an explicit id$/,
    );
  });

  test('throws when two comments claim the same original id', () => {
    expect(() => assignCommentIds([src('a', 'x', { originalId: 'abc' }), src('b', 'y', { originalId: 'abc' })])).toThrow(IdCollisionError);
  });
});
