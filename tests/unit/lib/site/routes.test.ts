import { describe, expect, test } from 'vitest';
import { hrefOf, indexHrefOf, pageIdOf, ROUTES, routeOfPath, type RoutedKind } from '../../../../src/lib/site/routes.ts';
import { REF_COLLECTIONS } from '../../../../src/lib/links/anchors.ts';

describe('hrefOf', () => {
  test.each<[RoutedKind, string, string | undefined, string]>([
    ['essay', 'e', undefined, '/essays/e/'],
    ['thread', 't', 'c-1', '/threads/t/#c-1'],
    ['person', 'p', null as unknown as undefined, '/people/p/'],
    ['claim', 'x', 'passages', '/arguments/x/#passages'],
    ['term', 'slack', undefined, '/glossary/slack/'],
    ['guide', 'start', 'the-question', '/start/#the-question'],
  ])('returns the published URL of a %s page', (kind, slug, anchor, url) => {
    expect(hrefOf(kind, slug, anchor)).toBe(url);
  });
});

describe('pageIdOf', () => {
  test('returns the id <Ref to> uses: the URL segment, not the collection name', () => {
    expect(pageIdOf('claim', 'x')).toBe('arguments/x');
    expect(pageIdOf('term', 'x')).toBe('glossary/x');
    expect(pageIdOf('guide', 'start')).toBe('start');
  });
});

describe('indexHrefOf', () => {
  test('returns the section index of a kind', () => {
    expect(indexHrefOf('claim')).toBe('/arguments/');
    expect(indexHrefOf('person')).toBe('/people/');
  });
});

describe('routeOfPath', () => {
  test('returns kind and slug for every routed kind with a segment, the inverse of hrefOf', () => {
    for (const r of ROUTES.filter((x) => x.segment !== '')) expect(routeOfPath(hrefOf(r.kind, 'some-slug'))).toEqual({ kind: r.kind, slug: 'some-slug' });
  });

  test.each(['/', '/arguments/', '/calculators/ordering/', '/arguments/x/extra/', '/arguments/x', 'arguments/x/'])('returns null for %s', (path) => {
    expect(routeOfPath(path)).toBeNull();
  });
});

describe('ROUTES', () => {
  test('gives each kind, collection and segment once', () => {
    for (const key of ['kind', 'collection', 'segment'] as const) expect(new Set(ROUTES.map((r) => r[key])).size).toBe(ROUTES.length);
  });

  test('returns the reference segments <Ref to> accepts, guides excluded', () => {
    expect([...REF_COLLECTIONS]).toEqual(['essays', 'threads', 'people', 'arguments', 'glossary']);
  });
});
