import { describe, expect, test } from 'vitest';
import { backlinksTo, buildLinkGraph, linksFrom, quotingLines, sideComments, type Backlink, type LinkGraphInput } from '../../../../src/lib/links/graph.ts';

const ASSUMPTION =
  'I’m assuming prosaic development of TAI. This high-level training setup is already the default training process for text models such as GPT-4, and this will likely continue.';
const SUMMARY = 'In this post, I discuss four precursors of deceptive alignment, which I call foundational properties.';

const input: LinkGraphInput = {
  people: [{ slug: 'davidw', name: 'DavidW' }],
  essays: [
    {
      slug: 'p1',
      title: 'Deceptive Alignment is <1% Likely',
      author: { name: 'DavidW', status: 'verified' },
      sections: [
        { id: 'summary', heading: 'Summary', line: 2, blocks: [{ kind: 'p', text: SUMMARY, line: 3 }] },
        {
          id: 'assumptions',
          heading: 'Assumptions',
          line: 4,
          blocks: [
            { kind: 'p', text: ASSUMPTION, line: 5 },
            { kind: 'missing-list', id: 'assumptions-list', after: 5, label: 'the key assumptions', items: [] },
          ],
        },
      ],
    },
  ],
  threads: [
    {
      slug: 'p1',
      title: 'Comments on P1',
      comments: [
        {
          id: 'c-a',
          author: { name: null, status: 'unknown' },
          replyTo: { kind: 'post' },
          paragraphs: [
            { text: 'This high-level training setup is already the default training process for text models such as ChatGPT', line: 10, quote: true },
            { text: 'Which tasks would it get feedback on, and from whom?', line: 11 },
          ],
        },
        {
          id: 'c-b',
          author: { name: 'DavidW', status: 'inferred' },
          replyTo: { kind: 'comment', id: 'c-a' },
          paragraphs: [{ text: 'It is not important what the tasks are, as long as the model follows directions.', line: 12 }],
        },
        {
          id: 'c-c',
          author: { name: null, status: 'unknown' },
          replyTo: { kind: 'comment', id: 'c-b' },
          paragraphs: [
            { text: 'It is not important what the tasks are, as long as the model follows directions.', line: 13, quote: true },
            { text: 'I disagree.', line: 14 },
          ],
        },
      ],
    },
  ],
  terms: [{ slug: 'foundational-properties', term: 'foundational property', aliases: ['foundational properties'], sources: ['essays/p1#summary'] }],
  claims: [
    { slug: 'rare-by-default', title: 'Deceptive alignment is rare by default', summary: 'Under 1%.', sources: ['essays/p1#assumptions', 'essays/p1#nope'] },
  ],
  refs: [{ page: 'people/davidw', to: 'essays/p1#assumptions', sentence: 'He states his assumptions in the post.' }],
};

const brief = (bs: readonly Backlink[]) => bs.map((b) => `${b.node.id} "${b.edge.excerpt}"`);

describe('buildLinkGraph', () => {
  test('returns nodes for pages, sections, list notes and comments', () => {
    const g = buildLinkGraph(input);
    expect(Object.values(g.nodes).map((n) => `${n.kind} ${n.id} | ${n.title}`)).toMatchInlineSnapshot(`
      [
        "person people/davidw | DavidW",
        "essay essays/p1 | Deceptive Alignment is <1% Likely",
        "section essays/p1#summary | Summary · Deceptive Alignment is <1% Likely",
        "section essays/p1#assumptions | Assumptions · Deceptive Alignment is <1% Likely",
        "list-note essays/p1#assumptions-list | Editor's note · Deceptive Alignment is <1% Likely",
        "thread threads/p1 | Comments on P1",
        "comment threads/p1#c-a | Comment by an author not recorded in the export · Comments on P1",
        "comment threads/p1#c-b | Comment by DavidW (inferred) · Comments on P1",
        "comment threads/p1#c-c | Comment by an author not recorded in the export · Comments on P1",
        "claim arguments/rare-by-default | Deceptive alignment is rare by default",
        "term glossary/foundational-properties | foundational property",
      ]
    `);
  });
  test('returns each comment node carrying its author with the status, not a bare name', () => {
    const g = buildLinkGraph(input);
    expect(g.nodes['threads/p1#c-b']?.author).toEqual({ name: 'DavidW', status: 'inferred' });
    expect(g.nodes['threads/p1#c-a']?.author).toEqual({ name: null, status: 'unknown' });
    expect(g.nodes['essays/p1#summary']?.author).toEqual({ name: 'DavidW', status: 'verified' });
    expect(g.nodes['essays/p1#assumptions-list']?.author).toBeNull();
  });
  test('returns typed edges with their citing text', () => {
    const g = buildLinkGraph(input);
    expect(g.edges).toMatchInlineSnapshot(`
      [
        {
          "excerpt": "This high-level training setup is already the default training process for text models such as ChatGPT",
          "from": "threads/p1#c-a",
          "fromLine": 10,
          "match": {
            "kind": "fuzzy",
            "score": 0.941,
          },
          "to": "essays/p1#assumptions",
          "toLine": 5,
          "type": "quotes",
        },
        {
          "excerpt": "It is not important what the tasks are, as long as the model follows directions.",
          "from": "threads/p1#c-c",
          "fromLine": 13,
          "match": {
            "kind": "exact",
            "score": 1,
          },
          "to": "threads/p1#c-b",
          "toLine": 12,
          "type": "quotes",
        },
        {
          "excerpt": "It is not important what the tasks are, as long as the model follows directions.",
          "from": "threads/p1#c-b",
          "to": "threads/p1#c-a",
          "type": "replies-to",
        },
        {
          "excerpt": "I disagree.",
          "from": "threads/p1#c-c",
          "to": "threads/p1#c-b",
          "type": "replies-to",
        },
        {
          "excerpt": "He states his assumptions in the post.",
          "from": "people/davidw",
          "to": "essays/p1#assumptions",
          "type": "cites",
        },
        {
          "excerpt": "Under 1%.",
          "from": "arguments/rare-by-default",
          "to": "essays/p1#assumptions",
          "type": "cites",
        },
        {
          "excerpt": "In this post, I discuss four precursors of deceptive alignment, which I call foundational properties.",
          "from": "essays/p1#summary",
          "to": "glossary/foundational-properties",
          "type": "mentions-term",
        },
      ]
    `);
  });
  test('returns a problem instead of an edge when a target is unknown', () => {
    expect(buildLinkGraph(input).problems).toEqual(['source of claim rare-by-default: unknown target essays/p1#nope']);
  });
  test('returns the given quote links instead of running the matcher', () => {
    const g = buildLinkGraph({
      ...input,
      quoteLinks: [
        {
          quote: { page: 'threads/p1', anchor: 'c-b', line: 12 },
          source: { page: 'essays/p1', anchor: 'summary', line: 3 },
          kind: 'exact',
          score: 1,
          text: 'x',
          inline: false,
        },
      ],
    });
    expect(g.edges.filter((e) => e.type === 'quotes').map((e) => `${e.from} -> ${e.to}`)).toEqual(['threads/p1#c-b -> essays/p1#summary']);
  });
  test('returns no reply edge when a comment names itself as parent', () => {
    const g = buildLinkGraph({
      threads: [
        {
          slug: 't',
          title: 'T',
          comments: [{ id: 'c-x', author: { name: null, status: 'unknown' }, replyTo: { kind: 'comment', id: 'c-x' }, paragraphs: [{ text: 'Hi.', line: 1 }] }],
        },
      ],
    });
    expect(g.edges).toEqual([]);
  });
  test('returns profile comments on the person page', () => {
    const g = buildLinkGraph({
      people: [{ slug: 'vili-kohonen', name: 'Vili Kohonen' }],
      profiles: [
        {
          person: 'vili-kohonen',
          comments: [
            { id: 'c-v1', author: { name: 'Vili Kohonen', status: 'recorded' }, replyTo: { kind: 'unknown' }, paragraphs: [{ text: 'Thanks.', line: 3 }] },
          ],
        },
      ],
    });
    expect(g.nodes['people/vili-kohonen#c-v1']?.title).toBe('Comment by Vili Kohonen · Vili Kohonen');
  });
});

describe('backlinksTo', () => {
  const g = buildLinkGraph(input);
  test('returns links to a passage grouped by type', () => {
    const b = backlinksTo(g, 'essays/p1#assumptions');
    expect({ quotes: brief(b.quotes), cites: brief(b.cites), replies: b['replies-to'].length, terms: b['mentions-term'].length }).toMatchInlineSnapshot(`
      {
        "cites": [
          "people/davidw "He states his assumptions in the post."",
          "arguments/rare-by-default "Under 1%."",
        ],
        "quotes": [
          "threads/p1#c-a "This high-level training setup is already the default training process for text models such as ChatGPT"",
        ],
        "replies": 0,
        "terms": 0,
      }
    `);
  });
  test('returns links to every passage of a page when asked for the whole page', () => {
    expect(backlinksTo(g, 'essays/p1').cites).toEqual([]);
    expect(backlinksTo(g, 'essays/p1', { withinPage: true }).cites).toHaveLength(2);
  });
  test('returns empty groups when nothing links to the node', () => {
    expect(backlinksTo(g, 'threads/p1#c-c')).toEqual({ quotes: [], 'replies-to': [], cites: [], 'mentions-term': [] });
  });
});

describe('linksFrom', () => {
  test('returns the links a node makes, grouped by type', () => {
    const l = linksFrom(buildLinkGraph(input), 'threads/p1#c-c');
    expect([...brief(l.quotes), ...brief(l['replies-to'])]).toEqual([
      'threads/p1#c-b "It is not important what the tasks are, as long as the model follows directions."',
      'threads/p1#c-b "I disagree."',
    ]);
  });
});

describe('buildLinkGraph with editorial pages', () => {
  const g = buildLinkGraph({
    ...input,
    editorial: [
      { id: 'start', kind: 'guide', title: 'Start here' },
      { id: 'start#the-question', kind: 'guide', title: 'The question · Start here' },
      { id: 'threads/p1#our-summary', kind: 'summary', title: 'Our summary · Comments on P1' },
    ],
    refs: [
      { page: 'start', anchor: 'the-question', to: 'essays/p1#assumptions', sentence: 'The tour cites the assumptions.' },
      { page: 'start', anchor: null, to: 'threads/p1#c-b', sentence: 'The tour opens with a reply.' },
      { page: 'threads/p1', anchor: 'our-summary', to: 'threads/p1#c-a', sentence: 'Our summary points at the question.' },
    ],
  });

  test('returns guide and summary nodes whose ids give their addresses', () => {
    expect(['start', 'start#the-question', 'threads/p1#our-summary'].map((id) => `${g.nodes[id]?.kind} ${g.nodes[id]?.title}`)).toEqual([
      'guide Start here',
      'guide The question · Start here',
      'summary Our summary · Comments on P1',
    ]);
    expect(g.problems).toEqual(['source of claim rare-by-default: unknown target essays/p1#nope']);
  });

  test('returns "cited by" links from the guide section, the guide page and the summary box', () => {
    expect(brief(backlinksTo(g, 'essays/p1#assumptions').cites)).toContain('start#the-question "The tour cites the assumptions."');
    expect(brief(backlinksTo(g, 'threads/p1#c-b').cites)).toEqual(['start "The tour opens with a reply."']);
    expect(brief(backlinksTo(g, 'threads/p1#c-a').cites)).toEqual(['threads/p1#our-summary "Our summary points at the question."']);
  });

  test('returns a citation from an unknown guide section as a problem, not an edge', () => {
    const bad = buildLinkGraph({ ...input, refs: [{ page: 'start', anchor: 'nowhere', to: 'threads/p1#c-a', sentence: 'x' }] });
    expect(bad.problems).toContain('<Ref to="threads/p1#c-a"> on start: unknown source start');
    expect(backlinksTo(bad, 'threads/p1#c-a').cites).toEqual([]);
  });
});

describe('quotingLines', () => {
  const g = buildLinkGraph(input);
  test('returns the paragraphs of a comment that repeat another passage', () => {
    expect([...quotingLines(g, 'threads/p1#c-a')]).toEqual(['10']);
    expect([...quotingLines(g, 'threads/p1#c-c')]).toEqual(['13']);
  });
  test('returns no lines for a comment that quotes nothing', () => {
    expect(quotingLines(g, 'threads/p1#c-b').size).toBe(0);
  });
});

describe('sideComments', () => {
  test('returns each quoted paragraph with the comments quoting it', () => {
    const sides = sideComments(buildLinkGraph(input), 'essays/p1');
    expect(sides.map((s) => ({ at: `${s.anchor}@${s.line}`, by: s.quotedBy.map((b) => b.node.id) }))).toEqual([
      { at: 'assumptions@5', by: ['threads/p1#c-a'] },
    ]);
  });
});
