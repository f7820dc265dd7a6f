import { describe, expect, test } from 'vitest';
import { distinctLinks, passageAuthorLabel, passageIndex, shortTitle, unknownPassages } from '../../../../src/lib/site/passages.ts';

// A content entry's author carries more than name and status; the index must keep only those two.
const davidw = { name: 'DavidW', person: 'davidw', status: 'verified' as const, note: 'username' };
const index = passageIndex({
  essays: [
    {
      slug: 'e',
      title: 'An Essay',
      author: davidw,
      sections: [
        { id: 'intro', heading: 'Introduction', blocks: [{ kind: 'p' }, { kind: 'missing-list', id: 'lost', label: 'x' }] },
        { id: 'opening', heading: null, blocks: [] },
      ],
    },
  ],
  threads: [
    {
      slug: 't',
      title: 'New report: "Scheming AIs: Will AIs fake alignment?"',
      comments: [
        { id: 'c-1', author: { name: null, status: 'unknown' }, paragraphs: [{ text: 'A quoted line', quote: true }, { text: 'Own words here.' }] },
        { id: 'c-2', author: { name: 'DavidW', status: 'inferred' } },
      ],
    },
  ],
  profiles: [
    {
      person: 'vili',
      personName: 'Vili Kohonen',
      comments: [{ id: 'c-3', author: { name: 'Vili Kohonen', status: 'recorded' }, paragraphs: [{ text: 'Hi.' }] }],
    },
  ],
});

describe('passageIndex', () => {
  test('returns sections, editor notes, comments and profile comments with their URLs', () => {
    expect(index.get('essays/e#intro')).toMatchObject({ kind: 'section', url: '/essays/e/#intro', where: 'section “Introduction” of the essay “An Essay”' });
    expect(index.get('essays/e#opening')?.where).toBe('the opening note of the essay “An Essay”');
    expect(index.get('essays/e#lost')).toMatchObject({ kind: 'list-note', author: null });
    expect(index.get('threads/t#c-1')).toMatchObject({ kind: 'comment', where: 'a comment on “Scheming AIs”', opening: 'Own words here.' });
    expect(index.get('threads/t#c-2')?.opening).toBeUndefined();
    expect(index.get('people/vili#c-3')).toMatchObject({ url: '/people/vili/#c-3', where: "a comment from Vili Kohonen's profile" });
  });
});

describe('passageIndex openings', () => {
  test('returns the first words after paragraphs the matcher found whole elsewhere, not only marked quotes', () => {
    const comments = [
      {
        id: 'c-9',
        author: { name: null, status: 'unknown' as const },
        paragraphs: [
          { text: 'Words of an earlier version of the post, not marked.', line: 44 },
          { text: 'The commenter’s own question.', line: 45 },
        ],
      },
    ];
    const threads = [{ slug: 't', title: 'T', comments }];
    const quoted = (ref: string) => new Set(ref === 'threads/t#c-9' ? ['44'] : []);
    expect(passageIndex({ essays: [], threads, profiles: [], quoted }).get('threads/t#c-9')?.opening).toBe('The commenter’s own question.');
    expect(passageIndex({ essays: [], threads, profiles: [] }).get('threads/t#c-9')?.opening).toMatch(/^Words of an earlier version of the post/);
  });
});

describe('passageAuthorLabel', () => {
  test('returns the name, marks inferred names, and says when the export records none', () => {
    expect(passageAuthorLabel(index.get('essays/e#intro')?.author ?? null)).toBe('DavidW');
    expect(passageAuthorLabel(index.get('threads/t#c-2')?.author ?? null)).toBe('DavidW (inferred)');
    expect(passageAuthorLabel(index.get('threads/t#c-1')?.author ?? null)).toBe('an author not recorded in the export');
    expect(passageAuthorLabel(null)).toBe('this site’s editors');
  });
  test('returns a capitalised label for the start of a list entry', () => {
    expect(passageAuthorLabel(index.get('threads/t#c-1')?.author ?? null, 'label')).toBe('Author not recorded in the export');
    expect(passageAuthorLabel(null, 'label')).toBe('This site’s editors');
  });
  test('returns the author without the person slug, so only name and status travel', () => {
    expect(index.get('essays/e#intro')?.author).toEqual({ name: 'DavidW', status: 'verified' });
  });
});

describe('shortTitle', () => {
  test('returns the quoted title up to its colon, or the title itself', () => {
    expect(shortTitle('New report: "Scheming AIs: Will AIs fake alignment during training in order to get power?"')).toBe('Scheming AIs');
    expect(shortTitle('Deceptive Alignment is <1% Likely by Default')).toBe('Deceptive Alignment is <1% Likely by Default');
  });
});

describe('unknownPassages', () => {
  test('returns a message for each reference with no passage', () => {
    expect(unknownPassages('content/claims/x.mdx', ['essays/e#intro', 'essays/e#nope'], index)).toEqual([
      'content/claims/x.mdx: sources: no passage "essays/e#nope"',
    ]);
  });
});

describe('distinctLinks', () => {
  const on = (url: string, opening?: string) => ({ url, where: 'a comment on “X”', ...(opening ? { opening } : {}) });

  test('links whose words would repeat for different places take their opening words', () => {
    const essay = { url: '/essays/e/#s', where: 'section “S” of the essay “E”' };
    expect(distinctLinks([on('/t/#c-1', 'First'), essay, on('/t/#c-2', 'Second')])).toEqual([{ opening: true }, { opening: false }, { opening: true }]);
  });

  test('two links to the same place may read the same, and a lone comment keeps the short text', () => {
    expect(distinctLinks([on('/t/#c-1', 'First'), on('/t/#c-1', 'First')])).toEqual([{ opening: false }, { opening: false }]);
    expect(distinctLinks([on('/t/#c-1', 'First'), undefined])).toEqual([{ opening: false }, { opening: false }]);
  });

  test('when the opening words repeat too (or are missing), a number tells the links apart', () => {
    expect(distinctLinks([on('/t/#c-1', 'Same'), on('/t/#c-2', 'Same'), on('/t/#c-1', 'Same'), on('/t/#c-3')])).toEqual([
      { opening: true, ordinal: 1 },
      { opening: true, ordinal: 2 },
      { opening: true, ordinal: 1 },
      { opening: false },
    ]);
  });
});
