import { describe, expect, test } from 'vitest';
import { DEFAULT_COLUMN, assignLanes, layoutColumn } from '../../../../src/lib/map/column.ts';
import type { MapEdgeIn, MapNodeIn } from '../../../../src/lib/map/layout.ts';

const n = (id: string, label = id, tag?: string): MapNodeIn => ({ id, label, tag });
const sup = (from: string, to: string): MapEdgeIn => ({ from, to, kind: 'supports' });
const att = (from: string, to: string): MapEdgeIn => ({ from, to, kind: 'attacks' });

/** Numbers of an SVG path's commands (all our paths use absolute M, H and V). */
const coords = (d: string) =>
  [...d.matchAll(/([MHV])([\d.-]+)(?:,([\d.-]+))?/g)].map((m) => ({ cmd: m[1], a: Number(m[2]), b: m[3] === undefined ? undefined : Number(m[3]) }));

describe('assignLanes', () => {
  test('returns one lane for spans that do not touch, and separate lanes for spans that overlap or share a row', () => {
    expect(
      assignLanes([
        [0, 1],
        [2, 3],
        [4, 5],
      ]),
    ).toEqual([0, 0, 0]);
    expect(
      assignLanes([
        [0, 2],
        [2, 4],
      ]),
    ).toEqual([0, 1]);
    expect(
      assignLanes([
        [0, 5],
        [1, 2],
      ]),
    ).toEqual([1, 0]);
  });
  test('returns the innermost lanes for the shortest spans', () => {
    const lanes = assignLanes([
      [0, 9],
      [3, 4],
      [2, 6],
    ]);
    expect(lanes[1]).toBe(0);
    expect(lanes[2]).toBe(1);
    expect(lanes[0]).toBe(2);
  });
});

describe('layoutColumn', () => {
  const nodes = [
    n('t', 'The conclusion', 'Conclusion'),
    n('a', 'A claim that supports it'),
    n('o', 'An objection to the claim', 'Objection'),
    n('b', 'Another support'),
  ];
  const edges = [sup('a', 't'), att('o', 'a'), sup('b', 't'), att('o', 't')];
  const l = layoutColumn(nodes, edges);

  test('returns the boxes in the given order, one under another, within the width', () => {
    expect(l.nodes.map((x) => x.id)).toEqual(['t', 'a', 'o', 'b']);
    for (let i = 1; i < l.nodes.length; i++) {
      const above = l.nodes[i - 1]!;
      expect(l.nodes[i]!.y).toBeCloseTo(above.y + above.height + DEFAULT_COLUMN.rowGap, 6);
    }
    for (const x of l.nodes) expect(x.x + x.width).toBeLessThanOrEqual(l.width);
    const last = l.nodes.at(-1)!;
    expect(l.height).toBe(Math.ceil(last.y + last.height + DEFAULT_COLUMN.margin));
  });

  test('returns one bus per target and kind, its sources in row order', () => {
    expect(l.buses.map((b) => `${b.kind} ${b.to} ← ${b.from.join(',')}`).sort()).toEqual(['attacks a ← o', 'attacks t ← o', 'supports t ← a,b']);
  });

  test('returns buses that touch the right boxes: heads end on the target, ticks start on each source', () => {
    const byId = new Map(l.nodes.map((x) => [x.id, x]));
    const within = (id: string, y: number) => {
      const box = byId.get(id)!;
      return y > box.y && y < box.y + box.height;
    };
    for (const b of l.buses) {
      const head = coords(b.head);
      expect(head.at(-1)).toEqual({ cmd: 'H', a: byId.get(b.to)!.x, b: undefined });
      expect(within(b.to, head[0]!.b!)).toBe(true);
      const starts = coords(b.ticks).filter((c) => c.cmd === 'M');
      expect(starts).toHaveLength(b.from.length);
      starts.forEach((c, i) => {
        expect(c.a).toBe(byId.get(b.from[i]!)!.x);
        expect(within(b.from[i]!, c.b!)).toBe(true);
      });
      // The trunk runs in the bus's lane over every end.
      const [m, v] = coords(b.trunk);
      const ys = [head[0]!.b!, ...starts.map((c) => c.b!)];
      expect(m!.a).toBe(head[0]!.a);
      expect(m!.b).toBeCloseTo(Math.min(...ys), 6);
      expect(v!.a).toBeCloseTo(Math.max(...ys), 6);
    }
  });

  test('returns separate lanes for buses whose rows overlap, and no two ends at one height on a box', () => {
    const lanes = l.buses.map((b) => b.lane);
    expect(new Set(lanes).size).toBe(l.buses.length);
    expect(l.lanes).toBe(3);
    const ends = new Map<string, number[]>();
    for (const b of l.buses) {
      const ys = [...coords(b.ticks).filter((c) => c.cmd === 'M'), coords(b.head)[0]!].map((c) => c.b!);
      for (const y of ys) ends.set(String(y), [...(ends.get(String(y)) ?? []), b.lane]);
    }
    for (const [y, at] of ends) expect(at, `two ends at y = ${y}`).toHaveLength(1);
  });

  test('returns taller boxes for longer labels and for boxes with many ends', () => {
    const long = layoutColumn([n('a', 'word '.repeat(40)), n('b', 'short')], []);
    expect(long.nodes[0]!.height).toBeGreaterThan(long.nodes[1]!.height);
    const hub = layoutColumn(
      ['h', ...Array.from({ length: 12 }, (_, i) => `s${i}`)].map((id) => n(id)),
      Array.from({ length: 12 }, (_, i) => (i % 2 ? sup(`s${i}`, 'h') : att(`s${i}`, 'h'))),
    );
    // Two buses end at the hub: it is tall enough for its ends to stay apart.
    expect(hub.nodes[0]!.height).toBeGreaterThanOrEqual(3 * DEFAULT_COLUMN.portGap);
  });

  test('wraps labels to fit the box that is left beside the lanes', () => {
    for (const x of l.nodes) for (const line of x.lines) expect(line.length * DEFAULT_COLUMN.charWidth).toBeLessThanOrEqual(x.width - DEFAULT_COLUMN.padX * 2);
  });

  test('ignores edges to unknown claims and self-loops, and draws no lanes without edges', () => {
    const lone = layoutColumn([n('a')], [sup('a', 'missing'), att('a', 'a')]);
    expect(lone.buses).toEqual([]);
    expect(lone.lanes).toBe(0);
    expect(lone.nodes[0]!.x).toBe(DEFAULT_COLUMN.margin);
  });

  test('returns the same drawing for the same input', () => {
    expect(layoutColumn(nodes, edges)).toEqual(layoutColumn(nodes, edges));
  });
});
