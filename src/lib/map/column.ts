/**
 * Build-time layout of the argument map for narrow screens: the boxes in one column, in the order
 * the caller gives (the page passes the order of its nested list, conclusions first), and the
 * relations drawn in vertical lanes to the left of the boxes. On a phone the layered drawing
 * (layout.ts) is four times wider than the screen; this one is drawn for a phone's width, so its
 * text stays legible when it is fitted to the screen and the reader only scrolls down.
 *
 * Buses: the relations of one kind into one claim share a lane, like the branches of a tree: a
 * trunk, a tick from each source box, and one head (arrow or bar) into the target box. A bus is
 * given the innermost lane free over all its rows (shortest first, so short hops stay next to the
 * boxes); where a tick crosses an inner trunk, the trunk is cut so the two do not look joined.
 * Ports: on each box's left side, trunks that run only upward come first, innermost lane on top,
 * then those that run both ways, then those that run only downward, outermost lane on top, so no
 * bus crosses another at its own box.
 *
 * Pure and deterministic: the same input always gives the same drawing.
 */

import { wrapLabel, type MapEdgeIn, type MapNodeIn, type PlacedNode } from './layout.ts';

export interface ColumnOptions {
  /** Width of the whole drawing, in map units (about a phone's width in CSS pixels). */
  width: number;
  /** Average advance of one character of the label font, for wrapping. */
  charWidth: number;
  lineHeight: number;
  padX: number;
  padY: number;
  /** Height of the tag line when a node has a tag. */
  tagHeight: number;
  /** Vertical space between boxes. */
  rowGap: number;
  /** Horizontal space between neighbouring lanes. */
  laneGap: number;
  /** Horizontal space between the innermost lane and the boxes (room for an arrow head). */
  stubGap: number;
  /** Least vertical space between two edge ends on a box's side. */
  portGap: number;
  /** Radius of an edge's corners. */
  radius: number;
  margin: number;
}

export const DEFAULT_COLUMN: ColumnOptions = {
  width: 340,
  charWidth: 7.4,
  lineHeight: 18,
  padX: 10,
  padY: 9,
  tagHeight: 16,
  rowGap: 12,
  laneGap: 7,
  stubGap: 16,
  portGap: 7,
  radius: 4,
  margin: 4,
};

/**
 * The relations of one kind into one claim, drawn as a bus: a trunk in one lane, a tick from each
 * source box to the trunk, and a head (the arrow or bar) from the trunk into the target box.
 */
export interface ColumnBus {
  to: string;
  kind: 'supports' | 'attacks';
  /** The claims that support or attack `to`, in row order. */
  from: string[];
  /** 0 is the lane next to the boxes. */
  lane: number;
  /** SVG path data of the vertical trunk. */
  trunk: string;
  /** SVG path data of the source ticks, each from a box's left side to the trunk. */
  ticks: string;
  /** SVG path data from the trunk into the target box (the marker goes at its end). */
  head: string;
  /** The ticks and head stopping short of their own trunk: drawn in the background colour under them, they cut a gap in every inner trunk they cross. */
  gaps: string;
}

export interface ColumnLayout {
  width: number;
  height: number;
  /** `layer` is the node's row. */
  nodes: PlacedNode[];
  buses: ColumnBus[];
  lanes: number;
}

const round = (v: number) => Math.round(v * 10) / 10;

/**
 * Lanes for intervals of rows: each interval gets the lowest lane whose intervals it does not
 * touch (sharing an end row counts as touching, so two edges never look like one line through a
 * box). Shorter intervals are placed first, then earlier ones; returns one lane per interval.
 */
export function assignLanes(spans: readonly (readonly [number, number])[]): number[] {
  const order = spans.map((s, i) => ({ i, lo: Math.min(s[0], s[1]), hi: Math.max(s[0], s[1]) }));
  order.sort((a, b) => a.hi - a.lo - (b.hi - b.lo) || a.lo - b.lo || a.i - b.i);
  const lanes: { lo: number; hi: number }[][] = [];
  const out = new Array<number>(spans.length).fill(0);
  for (const s of order) {
    let lane = lanes.findIndex((taken) => taken.every((t) => s.hi < t.lo || t.hi < s.lo));
    if (lane < 0) lane = lanes.push([]) - 1;
    lanes[lane]?.push(s);
    out[s.i] = lane;
  }
  return out;
}

/** Lays out the map as a column. Node ids must be unique; edges to unknown ids and self-loops are ignored. */
export function layoutColumn(nodesIn: readonly MapNodeIn[], edgesIn: readonly MapEdgeIn[], options: Partial<ColumnOptions> = {}): ColumnLayout {
  const o: ColumnOptions = { ...DEFAULT_COLUMN, ...options };
  const row = new Map(nodesIn.map((n, i) => [n.id, i]));
  const rowOf = (id: string) => row.get(id) ?? 0;
  // One bus per target and kind, in the order their first edge is given.
  const groups = new Map<string, { to: string; kind: MapEdgeIn['kind']; from: string[] }>();
  for (const e of edgesIn) {
    if (!row.has(e.from) || !row.has(e.to) || e.from === e.to) continue;
    const key = `${e.kind}\u0000${e.to}`;
    const g = groups.get(key) ?? { to: e.to, kind: e.kind, from: [] };
    if (!g.from.includes(e.from)) g.from.push(e.from);
    groups.set(key, g);
  }
  const list = [...groups.values()].map((g) => ({ ...g, from: [...g.from].sort((a, b) => rowOf(a) - rowOf(b)) }));
  const span = (g: (typeof list)[number]) => {
    const rows = [rowOf(g.to), ...g.from.map(rowOf)];
    return [Math.min(...rows), Math.max(...rows)] as const;
  };
  const lane = assignLanes(list.map(span));
  const lanes = list.length ? Math.max(...lane) + 1 : 0;

  const boxLeft = o.margin + (lanes ? o.stubGap + (lanes - 1) * o.laneGap + 1 : 0);
  const boxWidth = Math.max(o.width - o.margin - boxLeft, o.padX * 2 + o.charWidth * 8);
  const chars = Math.max(8, Math.floor((boxWidth - o.padX * 2) / o.charWidth));

  // Each box's ends, in port order: trunks running only upward first (innermost lane on top), then
  // trunks running both ways, then trunks running only downward (outermost lane on top).
  const ends = nodesIn.map(() => [] as { bus: number; rank: number; lane: number }[]);
  list.forEach((g, i) => {
    const [lo, hi] = span(g);
    for (const id of [g.to, ...g.from]) {
      const r = rowOf(id);
      const rank = lo < r && r < hi ? 1 : hi === r ? 0 : 2;
      ends[r]?.push({ bus: i, rank, lane: lane[i] ?? 0 });
    }
  });
  for (const e of ends) e.sort((p, q) => p.rank - q.rank || (p.rank === 2 ? q.lane - p.lane : p.lane - q.lane) || p.bus - q.bus);

  const nodes: PlacedNode[] = [];
  const port = new Map<string, number>(); // `${bus}:${row}` → y
  let y = o.margin;
  nodesIn.forEach((n, r) => {
    const lines = wrapLabel(n.label, chars);
    const text = o.padY * 2 + lines.length * o.lineHeight + (n.tag ? o.tagHeight : 0);
    const mine = ends[r] ?? [];
    const height = Math.max(text, (mine.length + 1) * o.portGap);
    mine.forEach((end, k) => port.set(`${end.bus}:${r}`, round(y + (height * (k + 1)) / (mine.length + 1))));
    const placed: PlacedNode = { id: n.id, x: boxLeft, y, width: round(boxWidth), height, layer: r, lines };
    if (n.tag) placed.tag = n.tag;
    nodes.push(placed);
    y += height + o.rowGap;
  });

  const buses = list.map((g, i): ColumnBus => {
    const lx = round(boxLeft - o.stubGap - (lane[i] ?? 0) * o.laneGap);
    const at = (id: string) => port.get(`${i}:${rowOf(id)}`) ?? 0;
    const ys = [g.to, ...g.from].map(at);
    const yt = at(g.to);
    const tick = (yy: number, stop: number) => `M${boxLeft},${yy} H${stop}`;
    return {
      to: g.to,
      kind: g.kind,
      from: g.from,
      lane: lane[i] ?? 0,
      trunk: `M${lx},${Math.min(...ys)} V${Math.max(...ys)}`,
      ticks: g.from.map((id) => tick(at(id), lx)).join(' '),
      head: `M${lx},${yt} H${boxLeft}`,
      gaps: [...g.from.map(at), yt].map((yy) => tick(yy, round(lx + o.laneGap / 2))).join(' '),
    };
  });
  const height = nodesIn.length ? y - o.rowGap + o.margin : o.margin * 2;
  return { width: o.width, height: Math.ceil(height), nodes, buses, lanes };
}
