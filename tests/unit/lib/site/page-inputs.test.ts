import { describe, expect, test } from 'vitest';
import type { GraphEdge, GraphNode, LinkGraph } from '../../../../src/lib/links/graph.ts';
import { linksByPage, pageKeyer, type KeyInput } from '../../../../src/lib/site/page-inputs.ts';

// A page's cache key must change whenever anything the page shows changes, and only then: a key
// that stays put serves a stale page, and one that always moves rebuilds everything.

const node = (id: string): GraphNode => ({
  id,
  page: id.split('#')[0]!,
  anchor: id.split('#')[1] ?? null,
  kind: 'comment',
  title: id,
  author: null,
  excerpt: '',
});
const edge = (from: string, to: string, excerpt = 'words'): GraphEdge => ({ type: 'quotes', from, to, excerpt });

function graphOf(edges: GraphEdge[]): LinkGraph {
  const nodes: Record<string, GraphNode> = {};
  for (const e of edges) for (const id of [e.from, e.to]) nodes[id] = node(id);
  return { version: 1, nodes, edges, problems: [] };
}

function site(over: Partial<KeyInput> = {}): KeyInput {
  return {
    essays: [{ id: 'e', data: { title: 'Essay' } }],
    threads: ['a', 'b', 'c'].map((id) => ({ id, data: { comments: [id] } })),
    profiles: [],
    people: [],
    claims: [{ id: 'claim', data: { title: 'A claim' } }],
    glossary: [],
    guides: [],
    summaries: [],
    graph: graphOf([edge('threads/b#c-1', 'threads/a#c-2')]),
    ...over,
  };
}

// The identity "hash" keeps every input visible, so a test failure shows what differs.
const keysOf = (s: KeyInput) => pageKeyer(s, (text) => text);

describe('linksByPage', () => {
  test('files each link under both its pages, and names each page at the far end once', () => {
    const links = linksByPage(
      graphOf([edge('threads/b#c-1', 'threads/a#c-2'), edge('threads/b#c-3', 'threads/a#c-2'), edge('threads/a#c-4', 'threads/a#c-2')]),
    );
    expect(links.get('threads/a')?.edges).toHaveLength(3);
    expect(links.get('threads/a')?.neighbours).toEqual(['threads/b']);
    expect(links.get('threads/b')?.edges).toHaveLength(2);
    expect(links.get('threads/c')).toBeUndefined();
  });
});

describe('pageKeyer', () => {
  const before = keysOf(site());

  test('a new thread that links to nothing leaves every other page its key', () => {
    const after = keysOf(site({ threads: [...site().threads, { id: 'd', data: { comments: ['d'] } }] }));
    for (const page of ['threads/a', 'threads/b', 'threads/c', 'essays/e']) expect(after(page)).toBe(before(page));
  });

  test('a new thread quoting a page changes that page key, and no unrelated one', () => {
    const after = keysOf(
      site({
        threads: [...site().threads, { id: 'd', data: { comments: ['d'] } }],
        graph: graphOf([edge('threads/b#c-1', 'threads/a#c-2'), edge('threads/d#c-9', 'threads/c#c-5')]),
      }),
    );
    expect(after('threads/c')).not.toBe(before('threads/c'));
    expect(after('threads/a')).toBe(before('threads/a'));
  });

  test('editing a page changes its key and the keys of the pages linked with it', () => {
    const after = keysOf(site({ threads: [{ id: 'a', data: { comments: ['a, edited'] } }, ...site().threads.slice(1)] }));
    expect(after('threads/a')).not.toBe(before('threads/a'));
    expect(after('threads/b')).not.toBe(before('threads/b'));
    expect(after('threads/c')).toBe(before('threads/c'));
  });

  test('a second link between two pages already linked changes both keys', () => {
    const after = keysOf(site({ graph: graphOf([edge('threads/b#c-1', 'threads/a#c-2'), edge('threads/b#c-7', 'threads/a#c-2', 'other words')]) }));
    expect(after('threads/a')).not.toBe(before('threads/a'));
    expect(after('threads/b')).not.toBe(before('threads/b'));
  });

  test('a change to the curated collections changes every key', () => {
    const after = keysOf(site({ claims: [{ id: 'claim', data: { title: 'A claim, reworded' } }] }));
    for (const page of ['threads/a', 'threads/c', 'essays/e']) expect(after(page)).not.toBe(before(page));
  });

  test('a related page outside the link graph counts like a linked one', () => {
    const edited = keysOf(site({ threads: [...site().threads.slice(0, 2), { id: 'c', data: { comments: ['c, edited'] } }] }));
    expect(edited('essays/e', ['threads/c'])).not.toBe(before('essays/e', ['threads/c']));
    expect(edited('essays/e')).toBe(before('essays/e'));
  });
});
