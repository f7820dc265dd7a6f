import { describe, expect, test } from 'vitest';
import { argumentTree, claimRelations, relationsFrom, relationsTo, sortClaims, treeOrder, unknownSlugs, type ClaimIn } from '../../../../src/lib/map/claims.ts';

const c = (slug: string, extra: Partial<ClaimIn> = {}): ClaimIn => ({ slug, title: slug, kind: 'claim', order: 100, supports: [], attacks: [], ...extra });

describe('claimRelations', () => {
  test('returns one relation per supports and attacks entry', () => {
    const { relations, problems } = claimRelations([c('t', { kind: 'thesis' }), c('a', { supports: ['t'] }), c('o', { attacks: ['a'] })]);
    expect(problems).toEqual([]);
    expect(relations).toEqual([
      { from: 'a', to: 't', kind: 'supports' },
      { from: 'o', to: 'a', kind: 'attacks' },
    ]);
  });

  test('returns a problem naming the file and field for a relation to an unknown claim', () => {
    const { relations, problems } = claimRelations([c('a', { supports: ['nope'], file: 'content/claims/a.mdx' })]);
    expect(relations).toEqual([]);
    expect(problems).toEqual(['content/claims/a.mdx: supports: unknown claim "nope" (no content/claims/nope.mdx)']);
  });

  test('returns problems for self-relations, duplicates and a pair that both supports and attacks', () => {
    const { problems } = claimRelations([c('t'), c('a', { supports: ['a', 't', 't'], attacks: ['t'] })]);
    expect(problems).toEqual([
      'claim "a": supports: a claim cannot support itself',
      'claim "a": supports: "t" is listed twice',
      'claim "a": "t" is listed under both supports and attacks',
    ]);
  });
});

describe('unknownSlugs', () => {
  test('returns a message for each slug that is not known', () => {
    expect(unknownSlugs('content/glossary/x.mdx', 'related', ['a', 'b'], new Set(['a']), 'glossary term')).toEqual([
      'content/glossary/x.mdx: related: unknown glossary term "b"',
    ]);
  });
});

describe('relationsTo and relationsFrom', () => {
  test('returns the relations ending at and starting from a claim', () => {
    const { relations } = claimRelations([c('t'), c('a', { supports: ['t'] }), c('o', { attacks: ['t', 'a'] })]);
    expect(relationsTo(relations, 't').map((r) => r.from)).toEqual(['a', 'o']);
    expect(relationsFrom(relations, 'o').map((r) => r.to)).toEqual(['t', 'a']);
  });
});

describe('sortClaims', () => {
  test('returns claims by order, then slug', () => {
    expect(sortClaims([c('b', { order: 2 }), c('c', { order: 1 }), c('a', { order: 2 })]).map((x) => x.slug)).toEqual(['c', 'a', 'b']);
  });
});

describe('argumentTree', () => {
  test('returns theses at the top with supports before attacks beneath them', () => {
    const claims = [
      c('t', { kind: 'thesis', order: 1 }),
      c('o', { attacks: ['t'], order: 2 }),
      c('a', { supports: ['t'], order: 3 }),
      c('r', { attacks: ['o'], order: 4 }),
    ];
    const tree = argumentTree(claims, claimRelations(claims).relations);
    expect(tree).toMatchInlineSnapshot(`
      [
        {
          "children": [
            {
              "children": [],
              "repeat": false,
              "slug": "a",
              "via": "supports",
            },
            {
              "children": [
                {
                  "children": [],
                  "repeat": false,
                  "slug": "r",
                  "via": "attacks",
                },
              ],
              "repeat": false,
              "slug": "o",
              "via": "attacks",
            },
          ],
          "repeat": false,
          "slug": "t",
          "via": null,
        },
      ]
    `);
  });

  test('returns a claim reached twice once in full and once as a repeat', () => {
    const claims = [c('t', { kind: 'thesis' }), c('a', { supports: ['t'] }), c('b', { supports: ['t', 'a'] })];
    const tree = argumentTree(claims, claimRelations(claims).relations);
    const flat: { slug: string; repeat: boolean }[] = [];
    const walk = (items: typeof tree) => items.forEach((i) => (flat.push({ slug: i.slug, repeat: i.repeat }), walk(i.children)));
    walk(tree);
    expect(flat.filter((x) => x.slug === 'b')).toHaveLength(2);
    expect(flat.filter((x) => x.slug === 'b' && !x.repeat)).toHaveLength(1);
  });

  test('returns a second thesis as its own entry even when it bears on the first', () => {
    const claims = [c('t1', { kind: 'thesis', order: 1 }), c('t2', { kind: 'thesis', order: 2, attacks: ['t1'] }), c('x', { supports: ['t2'] })];
    const tree = argumentTree(claims, claimRelations(claims).relations);
    expect(tree.map((i) => i.slug)).toEqual(['t1', 't2']);
    expect(tree[0]?.children).toEqual([{ slug: 't2', via: 'attacks', repeat: true, children: [] }]);
    expect(tree[1]?.children.map((i) => i.slug)).toEqual(['x']);
  });

  test('returns every claim of a cycle even with no top-level entry', () => {
    const claims = [c('a', { attacks: ['b'] }), c('b', { attacks: ['a'] })];
    const tree = argumentTree(claims, claimRelations(claims).relations);
    expect(tree.map((i) => i.slug)).toEqual(['a']);
    expect(tree[0]?.children[0]?.slug).toBe('b');
  });
});

describe('treeOrder', () => {
  test('returns each claim once, in the reading order of the nested list', () => {
    const claims = [
      c('t', { kind: 'thesis', order: 1 }),
      c('a', { supports: ['t'], order: 2 }),
      c('o', { kind: 'objection', attacks: ['a', 't'], order: 3 }),
      c('b', { supports: ['t'], order: 4 }),
    ];
    const tree = argumentTree(claims, claimRelations(claims).relations);
    expect(treeOrder(tree)).toEqual(['t', 'a', 'o', 'b']);
  });
});
