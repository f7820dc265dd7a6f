import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { linkBlocks, linkFirstUses, sourceParagraphs, startsFolded, termMatchers, type Segment, type TermMatcher } from '../../../../src/lib/text/terms.ts';

const terms: TermMatcher[] = termMatchers([
  { slug: 'episode', term: 'Episode', aliases: ['training episode'] },
  { slug: 'beyond-episode-goal', term: 'Beyond-episode goal', aliases: ['cross-episode goals'] },
  { slug: 'base-goal', term: 'Base goal', aliases: ['training goal'] },
  { slug: 'hfdt', term: 'HFDT (human feedback on diverse tasks)', aliases: ['human feedback on diverse tasks'] },
  { slug: 'rlhf', term: 'RLHF' },
]);

describe('termMatchers', () => {
  test('returns the term, the term without its parenthesis, and the aliases', () => {
    expect(terms.find((t) => t.slug === 'hfdt')?.forms).toEqual(['HFDT (human feedback on diverse tasks)', 'HFDT', 'human feedback on diverse tasks']);
  });
});

describe('startsFolded', () => {
  test('answers as comparing the lower-cased slice does, for ASCII and other text', () => {
    const piece = fc.constantFrom('mesa', 'MESA', 'Mesa-', 'optimizer', ' ', 'İ', 'i̇', 'É', 'é', '😀', 'ß', 's');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.array(piece, { minLength: 1, maxLength: 4 }), fc.nat(), (textPieces, formPieces, at) => {
        const text = textPieces.join('');
        const form = formPieces.join('').toLowerCase();
        const i = text.length === 0 ? 0 : at % (text.length + 1);
        expect(startsFolded(text, i, form)).toBe(text.slice(i, i + form.length).toLowerCase() === form);
        // The form at its own place is found whatever its case in the text.
        const placed = text.slice(0, i) + formPieces.join('').toUpperCase() + text.slice(i);
        if (formPieces.join('').toUpperCase().toLowerCase() === form)
          expect(startsFolded(placed, i, form)).toBe(placed.slice(i, i + form.length).toLowerCase() === form);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('linkFirstUses', () => {
  test('returns the first use of a term as a term segment and later uses as text', () => {
    const { paragraphs, linked } = linkFirstUses(['The base goal matters.', 'Again the base goal.'], terms);
    expect(paragraphs).toEqual([
      [
        { kind: 'text', text: 'The ' },
        { kind: 'term', text: 'base goal', slug: 'base-goal' },
        { kind: 'text', text: ' matters.' },
      ],
      [{ kind: 'text', text: 'Again the base goal.' }],
    ]);
    expect(linked).toEqual(['base-goal']);
  });

  test('returns matches in any case with the original spelling kept', () => {
    const { paragraphs } = linkFirstUses(['Under Rlhf and rlhf.'], terms);
    expect(paragraphs[0]?.[1]).toEqual({ kind: 'term', text: 'Rlhf', slug: 'rlhf' });
  });

  test('returns an alias match linked to its term', () => {
    const { paragraphs } = linkFirstUses(['We use human feedback on diverse tasks here.'], terms);
    expect(paragraphs[0]?.[1]).toEqual({ kind: 'term', text: 'human feedback on diverse tasks', slug: 'hfdt' });
  });

  test('returns the longest form at a position', () => {
    const { paragraphs, linked } = linkFirstUses(['Its cross-episode goals, then an episode.'], terms);
    expect(paragraphs[0]).toEqual([
      { kind: 'text', text: 'Its ' },
      { kind: 'term', text: 'cross-episode goals', slug: 'beyond-episode-goal' },
      { kind: 'text', text: ', then an ' },
      { kind: 'term', text: 'episode', slug: 'episode' },
      { kind: 'text', text: '.' },
    ]);
    expect(linked).toEqual(['beyond-episode-goal', 'episode']);
  });

  test('returns no link for a shorter term inside a later use of a longer, already linked one', () => {
    const { paragraphs } = linkFirstUses(['A training episode.', 'Another training episode, then episodes.'], terms);
    expect(paragraphs[1]).toEqual([{ kind: 'text', text: 'Another training episode, then episodes.' }]);
  });

  test('returns plurals in s and es as uses', () => {
    const { paragraphs } = linkFirstUses(['Two episodes.'], terms);
    expect(paragraphs[0]?.[1]).toEqual({ kind: 'term', text: 'episodes', slug: 'episode' });
  });

  test('returns no match inside a longer word or a hyphenated compound', () => {
    const { linked } = linkFirstUses(['Episodic memory; a cross-episode plan; rebase goal; RLHFs-like.'], terms);
    expect(linked).toEqual([]);
  });

  test('returns matches next to punctuation and quotes', () => {
    const { linked } = linkFirstUses(['(“RLHF”), base goal.'], terms);
    expect(linked).toEqual(['rlhf', 'base-goal']);
  });

  test('never links inside an existing link, and passes the link through with its index', () => {
    const { paragraphs, linked } = linkFirstUses([[{ text: 'See ' }, { text: 'the base goal', link: true }, { text: ' and the base goal.' }]], terms);
    expect(paragraphs[0]).toEqual([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'the base goal', index: 1 },
      { kind: 'text', text: ' and the ' },
      { kind: 'term', text: 'base goal', slug: 'base-goal' },
      { kind: 'text', text: '.' },
    ]);
    expect(linked).toEqual(['base-goal']);
  });

  test('never links inside a bare URL or a segment marked noTerms', () => {
    const { paragraphs, linked } = linkFirstUses(
      ['https://example.com/rlhf-and-episode then www.example.org/episode', [{ text: 'quoted RLHF', noTerms: true }, { text: ' and RLHF' }]],
      terms,
    );
    expect(paragraphs[0]).toEqual([{ kind: 'text', text: 'https://example.com/rlhf-and-episode then www.example.org/episode' }]);
    expect(paragraphs[1]).toEqual([
      { kind: 'text', text: 'quoted RLHF and ' },
      { kind: 'term', text: 'RLHF', slug: 'rlhf' },
    ]);
    expect(linked).toEqual(['rlhf']);
  });

  test('returns nothing new for terms already seen on the page, and records new ones in seen', () => {
    const seen = new Set(['rlhf']);
    const { linked } = linkFirstUses(['RLHF and the base goal.'], terms, { seen });
    expect(linked).toEqual(['base-goal']);
    expect([...seen]).toEqual(['rlhf', 'base-goal']);
  });

  test('never links an excluded term', () => {
    const { linked } = linkFirstUses(['RLHF and the base goal.'], terms, { exclude: ['base-goal'] });
    expect(linked).toEqual(['rlhf']);
  });

  test('returns the text unchanged when there are no terms', () => {
    expect(linkFirstUses(['Plain text.', ''], []).paragraphs).toEqual([[{ kind: 'text', text: 'Plain text.' }], []]);
  });

  test('returns a form shared by two terms for the first term that lists it', () => {
    const clash = termMatchers([
      { slug: 'a', term: 'alpha', aliases: ['shared'] },
      { slug: 'b', term: 'beta', aliases: ['shared'] },
    ]);
    expect(linkFirstUses(['shared'], clash).linked).toEqual(['a']);
  });

  test('returns text that joins back into the input exactly', () => {
    const input = ['A base goal, RLHF, https://x.y/z and cross-episode goals; the training goal. Ünïcode RLHF.'];
    const { paragraphs } = linkFirstUses(input, terms);
    expect(paragraphs[0]?.map((s) => s.text).join('')).toBe(input[0]);
  });

  test('returns matches at the very start and end of a paragraph, and before a possessive', () => {
    expect(linkFirstUses(['RLHF'], terms).paragraphs[0]).toEqual([{ kind: 'term', text: 'RLHF', slug: 'rlhf' }]);
    expect(linkFirstUses(['The base goal’s reach'], terms).paragraphs[0]?.[1]).toEqual({ kind: 'term', text: 'base goal', slug: 'base-goal' });
  });

  test('returns no match glued to a digit or a non-Latin letter', () => {
    expect(linkFirstUses(['RLHF2 and éRLHF and RLHFü'], terms).linked).toEqual([]);
  });

  test('returns no match for a term broken across a line break (forms match as written)', () => {
    expect(linkFirstUses(['the base\ngoal'], terms).linked).toEqual([]);
  });

  test('returns markup-like source text as plain text segments, never as anything else', () => {
    const { paragraphs } = linkFirstUses(['<a href="x">RLHF</a> {base goal} <script>'], terms);
    expect(paragraphs[0]).toEqual([
      { kind: 'text', text: '<a href="x">' },
      { kind: 'term', text: 'RLHF', slug: 'rlhf' },
      { kind: 'text', text: '</a> {' },
      { kind: 'term', text: 'base goal', slug: 'base-goal' },
      { kind: 'text', text: '} <script>' },
    ]);
  });

  test('returns a term right after a URL once the URL has ended', () => {
    const { paragraphs } = linkFirstUses(['See https://a.example/rlhf. RLHF here.'], terms);
    expect(paragraphs[0]).toEqual([
      { kind: 'text', text: 'See https://a.example/rlhf. ' },
      { kind: 'term', text: 'RLHF', slug: 'rlhf' },
      { kind: 'text', text: ' here.' },
    ]);
  });

  // Words the matcher knows, mixed with the characters that decide word boundaries.
  const pieces = fc.constantFrom(
    'RLHF',
    'rlhf',
    'base goal',
    'episode',
    'episodes',
    'training episode',
    'beyond-episode goal',
    '-',
    ' ',
    '’s',
    '.',
    'x',
    '2',
    'https://e.x/base',
    '\n',
    'é',
  );
  const text = fc.array(pieces, { maxLength: 25 }).map((xs) => xs.join(''));

  test('returns, for any text, segments that join back into it and at most one link per term', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 5 }), (paras) => {
        const { paragraphs, linked } = linkFirstUses(paras, terms);
        expect(paragraphs.map((p) => p.map((s) => s.text).join(''))).toEqual(paras);
        const slugs = paragraphs.flat().flatMap((s) => (s.kind === 'term' ? [s.slug] : []));
        expect(new Set(slugs).size).toBe(slugs.length);
        expect(slugs).toEqual(linked);
      }),
    );
  });
});

describe('linkBlocks', () => {
  test('returns each block its own paragraphs, with each term linked once across the page', () => {
    const out = linkBlocks(
      [
        { key: 'c-1', paragraphs: ['No terms here.', 'RLHF first.'] },
        { key: 'c-2', paragraphs: ['RLHF again, and the base goal.'] },
      ],
      terms,
    );
    expect([...out.keys()]).toEqual(['c-1', 'c-2']);
    expect(out.get('c-1')).toEqual([
      [{ kind: 'text', text: 'No terms here.' }],
      [
        { kind: 'term', text: 'RLHF', slug: 'rlhf' },
        { kind: 'text', text: ' first.' },
      ],
    ]);
    const second: Segment[][] | undefined = out.get('c-2');
    expect(second?.[0]?.filter((s) => s.kind === 'term')).toEqual([{ kind: 'term', text: 'base goal', slug: 'base-goal' }]);
  });

  test('returns an empty list for a block with no paragraphs, without shifting the next block', () => {
    const out = linkBlocks(
      [
        { key: 'a', paragraphs: [] },
        { key: 'b', paragraphs: ['RLHF'] },
      ],
      terms,
    );
    expect(out.get('a')).toEqual([]);
    expect(out.get('b')).toEqual([[{ kind: 'term', text: 'RLHF', slug: 'rlhf' }]]);
  });

  test('throws when two blocks share a key', () => {
    expect(() =>
      linkBlocks(
        [
          { key: 'a', paragraphs: [] },
          { key: 'a', paragraphs: [] },
        ],
        terms,
      ),
    ).toThrow('two blocks share the key "a"');
  });
});

describe('sourceParagraphs', () => {
  test('returns plain text for the writer’s own paragraphs and a noTerms segment for quotations', () => {
    const input = [
      { text: 'RLHF quoted', line: 1, quote: true },
      { text: 'RLHF repeated from the essay', line: 2 },
      { text: 'RLHF in my words', line: 3 },
    ];
    const paras = sourceParagraphs(input, new Set(['2']));
    expect(paras).toEqual([[{ text: 'RLHF quoted', noTerms: true }], [{ text: 'RLHF repeated from the essay', noTerms: true }], 'RLHF in my words']);
    expect(linkFirstUses(paras, terms).paragraphs[2]?.[0]).toEqual({ kind: 'term', text: 'RLHF', slug: 'rlhf' });
  });
});
