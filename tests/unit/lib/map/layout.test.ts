import { describe, expect, test } from 'vitest';
import { DEFAULT_LAYOUT, assignLayers, layoutMap, wrapLabel, type MapEdgeIn, type MapLayout, type MapNodeIn } from '../../../../src/lib/map/layout.ts';

const n = (id: string, label = id, tag?: string): MapNodeIn => ({ id, label, tag });
const sup = (from: string, to: string): MapEdgeIn => ({ from, to, kind: 'supports' });
const att = (from: string, to: string): MapEdgeIn => ({ from, to, kind: 'attacks' });

function overlaps(a: { x: number; y: number; width: number; height: number }, b: typeof a): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function expectSane(layout: MapLayout) {
  for (const node of layout.nodes) {
    expect(node.x).toBeGreaterThanOrEqual(0);
    expect(node.y).toBeGreaterThanOrEqual(0);
    expect(node.x + node.width).toBeLessThanOrEqual(layout.width);
    expect(node.y + node.height).toBeLessThanOrEqual(layout.height);
  }
  for (let i = 0; i < layout.nodes.length; i++) {
    for (let j = i + 1; j < layout.nodes.length; j++) {
      const a = layout.nodes[i];
      const b = layout.nodes[j];
      if (a && b) expect(overlaps(a, b), `${a.id} overlaps ${b.id}`).toBe(false);
    }
  }
  for (const e of layout.edges) {
    expect(e.path).toMatch(/^M[\d.-]+,[\d.-]+( C[\d., -]+)+$/);
    expect(e.label.x).toBeGreaterThanOrEqual(0);
    expect(e.label.x).toBeLessThanOrEqual(layout.width);
    expect(e.label.y).toBeGreaterThan(0);
    expect(e.label.y).toBeLessThan(layout.height);
  }
}

describe('wrapLabel', () => {
  test('returns lines no longer than the limit, breaking at spaces', () => {
    expect(wrapLabel('The order in which the properties appear decides the risk', 20)).toEqual([
      'The order in which',
      'the properties',
      'appear decides the',
      'risk',
    ]);
  });
  test('returns a long word on a line of its own rather than cutting it', () => {
    expect(wrapLabel('a supercalifragilistic word', 8)).toEqual(['a', 'supercalifragilistic', 'word']);
  });
  test('returns one empty line for empty text', () => {
    expect(wrapLabel('  ', 10)).toEqual(['']);
  });
});

describe('assignLayers', () => {
  test('returns layer 0 for claims that bear on nothing and one below the lowest target otherwise', () => {
    const { layer, reversed } = assignLayers(['t', 'a', 'b', 'c'], [sup('a', 't'), sup('b', 'a'), att('c', 't'), att('c', 'b')]);
    expect(Object.fromEntries(layer)).toEqual({ t: 0, a: 1, b: 2, c: 3 });
    expect(reversed.size).toBe(0);
  });
  test('returns a reversed edge for each cycle, and layers that still terminate', () => {
    const { layer, reversed } = assignLayers(['a', 'b'], [att('a', 'b'), att('b', 'a')]);
    expect(reversed).toEqual(new Set([1]));
    expect(Object.fromEntries(layer)).toEqual({ b: 0, a: 1 });
  });
});

describe('layoutMap', () => {
  test('returns an empty drawing for no nodes', () => {
    const l = layoutMap([], []);
    expect(l.nodes).toEqual([]);
    expect(l.edges).toEqual([]);
    expect(l.height).toBe(DEFAULT_LAYOUT.margin * 2);
  });

  test('returns targets above the claims that support or attack them', () => {
    const l = layoutMap([n('thesis'), n('step'), n('objection', 'o', 'Objection')], [sup('step', 'thesis'), att('objection', 'step')]);
    const y = Object.fromEntries(l.nodes.map((x) => [x.id, x.y]));
    expect(y.thesis).toBeLessThan(y.step ?? 0);
    expect(y.step).toBeLessThan(y.objection ?? 0);
    expectSane(l);
  });

  test('returns edges that start at the source box and end at the target box', () => {
    const l = layoutMap([n('a'), n('b')], [sup('b', 'a')]);
    const a = l.nodes.find((x) => x.id === 'a');
    const b = l.nodes.find((x) => x.id === 'b');
    const e = l.edges[0];
    expect(e?.points[0]?.y).toBeCloseTo(b?.y ?? 0, 5);
    expect(e?.points.at(-1)?.y).toBeCloseTo((a?.y ?? 0) + (a?.height ?? 0), 5);
  });

  test('returns long edges routed through one point per skipped layer', () => {
    const l = layoutMap([n('top'), n('mid'), n('low')], [sup('mid', 'top'), sup('low', 'mid'), att('low', 'top')]);
    const long = l.edges.find((e) => e.from === 'low' && e.to === 'top');
    expect(long?.points).toHaveLength(3);
    expectSane(l);
  });

  test('returns taller boxes for longer labels and room for a tag', () => {
    const l = layoutMap([n('a', 'short'), n('b', 'a much longer label that needs several lines to fit in the box', 'Objection')], []);
    const [a, b] = l.nodes;
    expect(b?.lines.length).toBeGreaterThan(1);
    expect(b?.height).toBeGreaterThan(a?.height ?? 0);
    expect(b?.tag).toBe('Objection');
  });

  test('returns no crossings for a tree drawn from one root', () => {
    const edges = [sup('a', 'r'), sup('b', 'r'), att('a1', 'a'), att('a2', 'a'), sup('b1', 'b'), sup('b2', 'b')];
    const l = layoutMap(
      ['r', 'a', 'b', 'a1', 'a2', 'b1', 'b2'].map((id) => n(id)),
      edges,
    );
    expect(l.crossings).toBe(0);
    expectSane(l);
  });

  test('returns a finite drawing for a cycle and marks the turned edge', () => {
    const l = layoutMap([n('a'), n('b'), n('c')], [att('a', 'b'), att('b', 'c'), att('c', 'a')]);
    expect(l.edges.filter((e) => e.reversed)).toHaveLength(1);
    expectSane(l);
  });

  test('returns edge labels in the same gap that do not overlap', () => {
    const ids = ['t', ...Array.from({ length: 8 }, (_, i) => `s${i}`)];
    const l = layoutMap(
      ids.map((id) => n(id)),
      ids.slice(1).map((id, i) => (i % 2 ? sup(id, 't') : att(id, 't'))),
    );
    const boxes = l.edges.map((e) => ({
      x: e.label.x - DEFAULT_LAYOUT.labelWidth / 2,
      y: e.label.y - DEFAULT_LAYOUT.labelHeight / 2,
      width: DEFAULT_LAYOUT.labelWidth,
      height: DEFAULT_LAYOUT.labelHeight,
    }));
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i]!, boxes[j]!)).toBe(false);
    expectSane(l);
  });

  test('returns the same drawing for the same input', () => {
    const nodes = ['a', 'b', 'c', 'd', 'e'].map((id) => n(id, `claim ${id}`));
    const edges = [sup('b', 'a'), att('c', 'a'), sup('d', 'b'), att('e', 'b'), att('e', 'c')];
    expect(layoutMap(nodes, edges)).toEqual(layoutMap(nodes, edges));
  });

  test('ignores edges to unknown nodes and self-loops', () => {
    const l = layoutMap([n('a')], [sup('a', 'missing'), att('a', 'a')]);
    expect(l.edges).toEqual([]);
  });
});

describe('assignLayers with a width limit', () => {
  test('returns no layer with more than maxPerLayer nodes, and targets still above sources', () => {
    const ids = ['t', 'a', 'b', 'c', 'd', 'e'];
    const edges = ids.slice(1).map((id) => sup(id, 't'));
    const { layer } = assignLayers(ids, edges, 2);
    const sizes = new Map<number, number>();
    for (const l of layer.values()) sizes.set(l, (sizes.get(l) ?? 0) + 1);
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(2);
    for (const e of edges) expect(layer.get(e.to)).toBeLessThan(layer.get(e.from) ?? 0);
  });
});

describe('layoutMap with a width limit', () => {
  test('returns a narrower, taller drawing than without the limit', () => {
    const ids = ['t', ...Array.from({ length: 9 }, (_, i) => `s${i}`)];
    const nodes = ids.map((id) => n(id));
    const edges = ids.slice(1).map((id) => sup(id, 't'));
    const wide = layoutMap(nodes, edges);
    const narrow = layoutMap(nodes, edges, { maxPerLayer: 3 });
    expect(narrow.width).toBeLessThan(wide.width);
    expect(narrow.height).toBeGreaterThan(wide.height);
    expectSane(narrow);
  });
});
