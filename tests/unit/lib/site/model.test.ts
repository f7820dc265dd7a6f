import { describe, expect, test } from 'vitest';
import { quoteLinksOf } from '../../../../src/lib/links/graph.ts';
import {
  buildSiteModel,
  exportHref,
  isProfile,
  isThread,
  quoteCorpusOf,
  SUMMARY_ANCHOR,
  type SiteInput,
  type SiteShapes,
} from '../../../../src/lib/site/model.ts';

// A site small enough to read: one essay, one thread, one profile, one person, a claim, a term,
// a guide and a summary, all pointing at each other.
const author = { name: 'Ann', person: 'ann', status: 'recorded' as const };
const para = (text: string, line: number, quote = false) => ({ text, line, quote });
const comment = (id: string, text: string, line: number) => ({ id, author, date: null, replyTo: { kind: 'post' as const }, paragraphs: [para(text, line)] });

function input(overrides: Partial<SiteInput<SiteShapes>> = {}): SiteInput<SiteShapes> {
  return {
    essays: [
      {
        id: 'essay',
        data: {
          title: 'The Essay',
          author,
          sections: [
            {
              id: 'intro',
              heading: 'Intro',
              line: 1,
              blocks: [
                { kind: 'p', ...para('Goals form early in training.', 2) },
                { kind: 'missing-list', id: 'lost', after: 2, label: 'a list', items: [] },
              ],
            },
          ],
        },
      },
    ],
    threads: [
      { id: 'talk', data: { type: 'thread', post: { title: 'The Essay' }, comments: [comment('c-1', 'I disagree with the essay.', 3)] } },
      { id: 'ann-profile', data: { type: 'profile', person: 'ann', comments: [comment('c-9', 'A profile comment.', 4)] } },
    ],
    people: [{ id: 'ann', data: { name: 'Ann', description: 'Writes essays.' } }],
    claims: [
      {
        id: 'goals-early',
        filePath: 'content/claims/goals-early.mdx',
        body: 'See <Ref to="essays/essay#intro">the intro</Ref>.',
        data: {
          title: 'Goals form early',
          summary: 'They do.',
          kind: 'claim',
          order: 1,
          supports: [],
          attacks: [],
          terms: ['goal'],
          sources: ['essays/essay#intro'],
          passages: [{ to: 'essays/essay#intro', role: 'makes' }],
        },
      },
    ],
    glossary: [
      {
        id: 'goal',
        filePath: 'content/glossary/goal.mdx',
        body: 'A <Ref to="threads/talk#c-1">disputed</Ref> word.',
        data: {
          term: 'Goal',
          short: 'What a model pursues.',
          aliases: [],
          related: [],
          sources: ['people/ann#c-9'],
          passages: [{ to: 'people/ann#c-9', role: 'context' }],
        },
      },
    ],
    guides: [
      {
        id: 'start',
        filePath: 'content/guides/start.mdx',
        body: '## First\n\n<Ref to="arguments/goals-early">a claim</Ref>',
        data: { title: 'Start' },
        headings: [{ depth: 2, slug: 'first', text: 'First' }],
      },
    ],
    summaries: [{ id: 'essay', filePath: 'content/summaries/essay.mdx', body: 'In short.', data: { target: 'essays/essay', title: 'Our summary' } }],
    fileText: (file) => `---\nfrontmatter: true\n---\n${file}`,
    ...overrides,
  };
}

describe('buildSiteModel', () => {
  test('returns threads and profiles apart', () => {
    const m = buildSiteModel(input());
    expect(m.threads.map((t) => t.id)).toEqual(['talk']);
    expect(m.profiles.map((p) => p.data.person)).toEqual(['ann']);
  });

  test('returns the published anchors of every reference target, the summary box included', () => {
    const { known } = buildSiteModel(input());
    expect(Object.fromEntries([...known].map(([k, v]) => [k, [...v].sort()]))).toEqual({
      'essays/essay': ['intro', 'lost', SUMMARY_ANCHOR].sort(),
      'threads/talk': ['c-1'],
      'people/ann': ['c-9'],
      'arguments/goals-early': [],
      'glossary/goal': [],
    });
  });

  test('returns a passage index that lists profile comments under the person page', () => {
    const { passages } = buildSiteModel(input());
    expect(passages.get('people/ann#c-9')).toMatchObject({ url: '/people/ann/#c-9', where: "a comment from Ann's profile", opening: 'A profile comment.' });
  });

  test('returns a link graph holding the citations of claims, terms and guide sections', () => {
    const { graph } = buildSiteModel(input());
    const cites = graph.edges.filter((e) => e.type === 'cites').map((e) => `${e.from} → ${e.to}`);
    expect(cites).toEqual(
      expect.arrayContaining(['arguments/goals-early → essays/essay#intro', 'glossary/goal → threads/talk#c-1', 'start#first → arguments/goals-early']),
    );
  });

  test('returns one preview file per page, under the segment the page is served at', () => {
    const files = buildSiteModel(input()).previews.map((p) => `${p.kind}/${p.slug}`);
    expect(files.sort()).toEqual(['claim/goals-early', 'essay/essay', 'person/ann', 'term/goal', 'thread/talk']);
  });

  test('gives each page’s previews when they are asked for, the same each time', () => {
    const { previews } = buildSiteModel(input());
    for (const p of previews) {
      const map = p.map();
      expect(Object.keys(map).length).toBeGreaterThan(0);
      expect(p.map()).toEqual(map);
    }
    const thread = previews.find((p) => p.kind === 'thread')!.map();
    expect(Object.keys(thread)).toContain('c-1');
    expect(previews.find((p) => p.kind === 'term')!.map()['']?.byline).toBe('Glossary · our definition');
  });

  test('throws naming the file and target when a claim source does not exist', () => {
    const bad = input();
    const claim = bad.claims[0];
    if (!claim) throw new Error('fixture has no claim');
    const broken = { ...claim, data: { ...claim.data, sources: ['essays/essay#nowhere'], passages: [{ to: 'essays/essay#nowhere', role: 'makes' }] } };
    expect(() => buildSiteModel({ ...bad, claims: [broken] })).toThrow(/content\/claims\/goals-early\.mdx: sources: no passage "essays\/essay#nowhere"/);
  });

  test('throws with the line an editor sees when a <Ref> in a body points nowhere', () => {
    const body = '<Ref to="threads/talk#c-404">x</Ref>';
    const glossary = input().glossary.map((g) => ({ ...g, body }));
    // Three lines of frontmatter above the body: the reference is on line 4 of the file.
    const fileText = (file: string) => (file.includes('glossary') ? `---\nterm: Goal\n---\n${body}` : '');
    expect(() => buildSiteModel(input({ glossary, fileText }))).toThrow(/content\/glossary\/goal\.mdx:4:1: .*c-404/);
  });

  test('throws when a claim names a glossary term that does not exist', () => {
    const claims = input().claims.map((c) => ({ ...c, data: { ...c.data, terms: ['no-term'] } }));
    expect(() => buildSiteModel(input({ claims }))).toThrow(/goals-early\.mdx: terms: .*no-term/);
  });

  test('throws when two summaries target one page, naming both files', () => {
    const one = input().summaries[0];
    if (!one) throw new Error('fixture has no summary');
    expect(() => buildSiteModel(input({ summaries: [one, { ...one, id: 'again', filePath: 'content/summaries/again.mdx' }] }))).toThrow(
      /content\/summaries\/again\.mdx: target: essays\/essay already has a summary \(content\/summaries\/essay\.mdx\)/,
    );
  });

  test('throws when a summary targets a page that does not exist', () => {
    const summaries = input().summaries.map((s) => ({ ...s, data: { ...s.data, target: 'threads/gone' } }));
    expect(() => buildSiteModel(input({ summaries }))).toThrow(/target: unknown page "threads\/gone"/);
  });
});

describe('quoteCorpusOf', () => {
  // A comment that repeats the essay's paragraph word for word, so the corpus has a quote to find.
  const quoting = (): SiteInput<SiteShapes> => {
    const base = input();
    const essay = base.essays[0];
    if (!essay) throw new Error('fixture has no essay');
    const text = 'Goals form early in training, long before the model knows it is trained.';
    const sections = essay.data.sections.map((s) => ({ ...s, blocks: s.blocks.map((b) => (b.kind === 'p' ? { ...b, text } : b)) }));
    const threads = base.threads.map((t) =>
      t.id === 'talk' && t.data.type === 'thread' ? { ...t, data: { ...t.data, comments: [comment('c-1', `“${text}”`, 3)] } } : t,
    );
    return { ...base, essays: [{ ...essay, data: { ...essay.data, sections } }], threads };
  };

  test('returns the essays, the threads and the profiles as the link graph reads them', () => {
    const corpus = quoteCorpusOf(input().essays, input().threads);
    expect(corpus.essays?.map((e) => e.slug)).toEqual(['essay']);
    expect(corpus.threads?.map((t) => [t.slug, t.title])).toEqual([['talk', 'The Essay']]);
    expect(corpus.profiles?.map((p) => p.person)).toEqual(['ann']);
  });

  test('returns a corpus whose quote links, found apart and handed in, give the model the links it finds itself', () => {
    const links = quoteLinksOf(quoteCorpusOf(quoting().essays, quoting().threads));
    expect(links.map((l) => `${l.quote.page}#${l.quote.anchor} → ${l.source.page}#${l.source.anchor}`)).toEqual(['threads/talk#c-1 → essays/essay#intro']);
    const found = buildSiteModel(quoting());
    const handed = buildSiteModel({ ...quoting(), quoteLinks: links });
    expect(handed.graph).toEqual(found.graph);
  });

  test('returns a model that trusts handed-in links: the graph shows the links it was given, not others', () => {
    const { graph } = buildSiteModel({ ...quoting(), quoteLinks: [] });
    expect(graph.edges.filter((e) => e.type === 'quotes')).toEqual([]);
  });
});

describe('isThread and isProfile', () => {
  test('returns which kind of export an entry of the threads collection is', () => {
    const [thread, profile] = input().threads;
    if (!thread || !profile) throw new Error('fixture lacks an export');
    expect([isThread(thread), isProfile(thread), isThread(profile), isProfile(profile)]).toEqual([true, false, false, true]);
  });
});

describe('exportHref', () => {
  test('returns the thread page for a thread and the person page for a profile', () => {
    expect(input().threads.map(exportHref)).toEqual(['/threads/talk/', '/people/ann/']);
  });
});
