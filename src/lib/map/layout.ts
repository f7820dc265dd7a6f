/**
 * Build-time layout of the argument map: a layered ("Sugiyama-style") drawing computed once, so
 * the page ships plain SVG and no script. Conclusions sit above the claims that bear on them:
 * an edge `from → to` ("from supports/attacks to") always points upward, except edges that had
 * to be turned round to break a cycle, which are flagged `reversed`.
 *
 * Steps: break cycles → assign layers (longest path to a sink) → split long edges with dummy
 * points → order each layer by barycentre sweeps, keeping the order with fewest crossings →
 * place x by balanced relaxation → route edges through their dummy points with spread-out ports
 * → place edge labels in the gaps, staggered so they do not overlap.
 *
 * Pure and deterministic: the same input always gives the same drawing.
 */

export interface MapNodeIn {
  id: string;
  /** The text in the box; wrapped to fit. */
  label: string;
  /** A short tag drawn above the label ("Objection"), so kinds never rely on colour alone. */
  tag?: string | undefined;
}

export interface MapEdgeIn {
  from: string;
  to: string;
  kind: 'supports' | 'attacks';
}

export interface LayoutOptions {
  nodeWidth: number;
  /** Characters per label line (the label font's average advance is assumed to fit this). */
  charsPerLine: number;
  lineHeight: number;
  padX: number;
  padY: number;
  /** Height of the tag line when a node has a tag. */
  tagHeight: number;
  /** Vertical space between layers (edge labels live here). */
  layerGap: number;
  /** Horizontal space between neighbouring nodes. */
  nodeGap: number;
  /** Horizontal space reserved for a dummy point of a long edge. */
  dummyWidth: number;
  margin: number;
  /** Barycentre sweeps (each is down then up). */
  sweeps: number;
  /**
   * Most nodes per layer (dummy points not counted). A node that would overflow its layer moves
   * down to the next layer with room, so the map grows taller instead of wider.
   */
  maxPerLayer: number;
  /** Approximate width of an edge label, for overlap avoidance. */
  labelWidth: number;
  labelHeight: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = {
  nodeWidth: 184,
  charsPerLine: 25,
  lineHeight: 16,
  padX: 10,
  padY: 9,
  tagHeight: 15,
  layerGap: 66,
  nodeGap: 22,
  dummyWidth: 8,
  margin: 16,
  sweeps: 12,
  maxPerLayer: Number.POSITIVE_INFINITY,
  labelWidth: 56,
  labelHeight: 14,
};

export interface Point {
  x: number;
  y: number;
}

export interface PlacedNode {
  id: string;
  /** Top-left corner and size of the box. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** 0 is the top layer. */
  layer: number;
  lines: string[];
  tag?: string;
}

export interface PlacedEdge {
  from: string;
  to: string;
  kind: 'supports' | 'attacks';
  /** From the source box's edge to the target box's edge, through any dummy points. */
  points: Point[];
  /** SVG path data: cubic curves with vertical tangents through `points`. */
  path: string;
  /** Centre of the edge's text label. */
  label: Point;
  /** True when the edge was turned round to break a cycle (it then points downward). */
  reversed: boolean;
}

export interface MapLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  /** Edge crossings between layers after ordering (for tests and for tuning). */
  crossings: number;
}

/** Splits a label into lines of at most `max` characters, breaking at spaces (a longer word gets its own line). */
export function wrapLabel(text: string, max: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line === '') line = w;
    else if (line.length + 1 + w.length <= max) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line !== '') lines.push(line);
  return lines.length ? lines : [''];
}

/**
 * Layers for a directed graph drawn with edges pointing up: sinks (claims that bear on nothing)
 * are layer 0, every other node sits one layer below the lowest of its targets, or further down
 * when that layer already holds `maxPerLayer` nodes. Edges closing a cycle (found by a depth-first
 * search in input order) are reversed first; their indices are returned.
 */
export function assignLayers(
  ids: readonly string[],
  edges: readonly { from: string; to: string }[],
  maxPerLayer = Number.POSITIVE_INFINITY,
): { layer: Map<string, number>; reversed: Set<number> } {
  const out = new Map<string, { to: string; i: number }[]>();
  for (const id of ids) out.set(id, []);
  edges.forEach((e, i) => out.get(e.from)?.push({ to: e.to, i }));
  const reversed = new Set<number>();
  const state = new Map<string, 1 | 2>(); // 1 = on the stack, 2 = done
  const dfs = (id: string) => {
    state.set(id, 1);
    for (const { to, i } of out.get(id) ?? []) {
      const s = state.get(to);
      if (s === 1) reversed.add(i);
      else if (s === undefined) dfs(to);
    }
    state.set(id, 2);
  };
  for (const id of ids) if (!state.has(id)) dfs(id);

  const up = new Map<string, string[]>();
  for (const id of ids) up.set(id, []);
  edges.forEach((e, i) => {
    if (e.from === e.to) return;
    const [a, b] = reversed.has(i) ? [e.to, e.from] : [e.from, e.to];
    up.get(a)?.push(b);
  });
  // Nodes are placed once all their targets are, earliest in input order first (Kahn's algorithm),
  // each on the first layer below its targets that still has room.
  const layer = new Map<string, number>();
  const count: number[] = [];
  const placed = new Set<string>();
  const cap = Math.max(1, maxPerLayer);
  while (placed.size < ids.length) {
    const next = ids.find((id) => !placed.has(id) && (up.get(id) ?? []).every((t) => placed.has(t))) ?? ids.find((id) => !placed.has(id)) ?? '';
    const targets = up.get(next) ?? [];
    let l = targets.length ? 1 + Math.max(...targets.map((t) => layer.get(t) ?? 0)) : 0;
    while ((count[l] ?? 0) >= cap) l++;
    count[l] = (count[l] ?? 0) + 1;
    layer.set(next, l);
    placed.add(next);
  }
  return { layer, reversed };
}

interface Item {
  key: string;
  /** The node id, or null for a dummy point of a long edge. */
  node: string | null;
  width: number;
  height: number;
  layer: number;
  x: number;
}

/** A segment between items on neighbouring layers (upper is `layer`, lower is `layer + 1`). */
interface Segment {
  upper: string;
  lower: string;
}

function crossingsBetween(upperOrder: readonly string[], lowerOrder: readonly string[], segs: readonly Segment[]): number {
  const u = new Map(upperOrder.map((k, i) => [k, i]));
  const l = new Map(lowerOrder.map((k, i) => [k, i]));
  const pairs = segs.map((s) => [u.get(s.upper) ?? 0, l.get(s.lower) ?? 0] as const);
  let n = 0;
  for (let i = 0; i < pairs.length; i++) {
    for (let j = i + 1; j < pairs.length; j++) {
      const [a1, b1] = pairs[i] ?? [0, 0];
      const [a2, b2] = pairs[j] ?? [0, 0];
      if ((a1 - a2) * (b1 - b2) < 0) n++;
    }
  }
  return n;
}

/** The layered graph being laid out: boxes and dummy points by key, each layer's keys, and edge chains. */
interface Grid {
  items: Map<string, Item>;
  byLayer: string[][];
  /** Wrapped label lines per node id. */
  lines: Map<string, string[]>;
  /** Segments between layer l and l + 1, at index l. */
  segments: Segment[][];
  /** For each edge, its chain of item keys from the upper end to the lower end. */
  chains: string[][];
  layerCount: number;
}

/** Step 1, items: a box per node, then a dummy point per layer crossed by an edge spanning several. */
function buildGrid(
  nodesIn: readonly MapNodeIn[],
  edges: readonly MapEdgeIn[],
  layer: ReadonlyMap<string, number>,
  reversed: ReadonlySet<number>,
  o: LayoutOptions,
): Grid {
  const layerCount = nodesIn.length ? Math.max(...nodesIn.map((n) => layer.get(n.id) ?? 0)) + 1 : 0;
  const items = new Map<string, Item>();
  const byLayer: string[][] = Array.from({ length: layerCount }, () => []);
  const lines = new Map<string, string[]>();
  for (const n of nodesIn) {
    const ls = wrapLabel(n.label, o.charsPerLine);
    lines.set(n.id, ls);
    const height = o.padY * 2 + ls.length * o.lineHeight + (n.tag ? o.tagHeight : 0);
    const l = layer.get(n.id) ?? 0;
    items.set(n.id, { key: n.id, node: n.id, width: o.nodeWidth, height, layer: l, x: 0 });
    byLayer[l]?.push(n.id);
  }
  const segments: Segment[][] = Array.from({ length: Math.max(layerCount - 1, 0) }, () => []);
  const chains: string[][] = [];
  edges.forEach((e, i) => {
    const [lower, upper] = reversed.has(i) ? [e.to, e.from] : [e.from, e.to];
    const lu = layer.get(upper) ?? 0;
    const ll = layer.get(lower) ?? 0;
    const chain = [upper];
    for (let l = lu + 1; l < ll; l++) {
      const key = `dummy:${i}:${l}`;
      items.set(key, { key, node: null, width: o.dummyWidth, height: 0, layer: l, x: 0 });
      byLayer[l]?.push(key);
      chain.push(key);
    }
    chain.push(lower);
    for (let k = 0; k + 1 < chain.length; k++) {
      const up = chain[k] ?? '';
      const lo = chain[k + 1] ?? '';
      segments[items.get(up)?.layer ?? 0]?.push({ upper: up, lower: lo });
    }
    chains.push(chain);
  });
  return { items, byLayer, lines, segments, chains, layerCount };
}

/** The items a key is joined to in the layer above or below. */
function neighboursOf(g: Grid, key: string, towards: 'up' | 'down'): string[] {
  const l = g.items.get(key)?.layer ?? 0;
  if (towards === 'up') return (g.segments[l - 1] ?? []).filter((s) => s.lower === key).map((s) => s.upper);
  return (g.segments[l] ?? []).filter((s) => s.upper === key).map((s) => s.lower);
}

/** Step 2, ordering: barycentre sweeps within each layer, keeping the order with fewest crossings. */
function orderLayers(g: Grid, sweeps: number): { order: string[][]; crossings: number } {
  const total = (orders: string[][]) => g.segments.reduce((n, segs, l) => n + crossingsBetween(orders[l] ?? [], orders[l + 1] ?? [], segs), 0);
  const order = g.byLayer.map((l) => [...l]);
  let best = order.map((l) => [...l]);
  let bestCrossings = total(order);
  const reorder = (l: number, towards: 'up' | 'down') => {
    const ref = order[towards === 'up' ? l - 1 : l + 1] ?? [];
    const pos = new Map(ref.map((k, i) => [k, i]));
    const current = order[l] ?? [];
    const bary = current.map((key, i) => {
      const ns = neighboursOf(g, key, towards).map((n) => pos.get(n) ?? 0);
      return { key, i, b: ns.length ? ns.reduce((a, b) => a + b, 0) / ns.length : i * (ref.length / Math.max(current.length, 1)) };
    });
    bary.sort((a, b) => a.b - b.b || a.i - b.i);
    order[l] = bary.map((x) => x.key);
  };
  for (let s = 0; s < sweeps; s++) {
    for (let l = 1; l < g.layerCount; l++) reorder(l, 'up');
    for (let l = g.layerCount - 2; l >= 0; l--) reorder(l, 'down');
    const c = total(order);
    if (c < bestCrossings) {
      bestCrossings = c;
      best = order.map((l) => [...l]);
    }
  }
  return { order: best, crossings: bestCrossings };
}

/**
 * Step 3, x: pack each layer, then relax toward neighbours with a balanced (left + right) pass.
 * Dummy points of long edges may sit closer to each other and to boxes than boxes to boxes.
 */
function placeX(g: Grid, order: readonly string[][], o: LayoutOptions): void {
  const sep = (a: Item, b: Item) => a.width / 2 + (a.node && b.node ? o.nodeGap : a.node || b.node ? o.nodeGap / 2 : 4) + b.width / 2;
  const get = (k: string): Item => g.items.get(k) as Item;
  const packed = (keys: readonly string[]) => keys.reduce((w, k, i) => w + (i ? sep(get(keys[i - 1] ?? ''), get(k)) : 0), 0);
  const widest = Math.max(0, ...order.map(packed));
  for (const keys of order) {
    let x = (widest - packed(keys)) / 2;
    keys.forEach((k, i) => {
      if (i) x += sep(get(keys[i - 1] ?? ''), get(k));
      get(k).x = x;
    });
  }
  const relax = (l: number) => {
    const keys = order[l] ?? [];
    if (!keys.length) return;
    const desired = keys.map((k) => {
      const ns = [...neighboursOf(g, k, 'up'), ...neighboursOf(g, k, 'down')].map((n) => get(n).x);
      return ns.length ? ns.reduce((a, b) => a + b, 0) / ns.length : get(k).x;
    });
    const left = [...desired];
    for (let i = 1; i < keys.length; i++) left[i] = Math.max(left[i] ?? 0, (left[i - 1] ?? 0) + sep(get(keys[i - 1] ?? ''), get(keys[i] ?? '')));
    const right = [...desired];
    for (let i = keys.length - 2; i >= 0; i--) right[i] = Math.min(right[i] ?? 0, (right[i + 1] ?? 0) - sep(get(keys[i] ?? ''), get(keys[i + 1] ?? '')));
    keys.forEach((k, i) => {
      get(k).x = ((left[i] ?? 0) + (right[i] ?? 0)) / 2;
    });
  };
  for (let s = 0; s < 24; s++) {
    for (let l = 0; l < g.layerCount; l++) relax(l);
    for (let l = g.layerCount - 1; l >= 0; l--) relax(l);
  }
  const minLeft = Math.min(...[...g.items.values()].map((it) => it.x - it.width / 2));
  const shift = o.margin - (Number.isFinite(minLeft) ? minLeft : 0);
  for (const it of g.items.values()) it.x += shift;
}

/** Vertical placement: each layer is a band as tall as its tallest box. */
interface Bands {
  top: number[];
  height: number[];
  /** Height of the whole map. */
  total: number;
}

/** Step 4, y: layer bands, nodes centred in their band. */
function placeBands(g: Grid, order: readonly string[][], o: LayoutOptions): Bands {
  const height = order.map((keys) => Math.max(0, ...keys.map((k) => g.items.get(k)?.height ?? 0)));
  const top: number[] = [];
  let y = o.margin;
  for (let l = 0; l < g.layerCount; l++) {
    top.push(y);
    y += (height[l] ?? 0) + o.layerGap;
  }
  return { top, height, total: g.layerCount ? y - o.layerGap + o.margin : o.margin * 2 };
}

/** Step 5, ports: spread the edges meeting a box along its top and bottom, ordered by where they go. */
function placePorts(g: Grid, ids: readonly string[]): Map<string, number> {
  const get = (k: string): Item => g.items.get(k) as Item;
  const portX = new Map<string, number>();
  const spread = (node: string, side: 'top' | 'bottom') => {
    const ends: { id: string; other: number }[] = [];
    g.chains.forEach((chain, i) => {
      if (side === 'bottom' && chain[0] === node) ends.push({ id: `${i}:u`, other: get(chain[1] ?? '').x });
      if (side === 'top' && chain[chain.length - 1] === node) ends.push({ id: `${i}:l`, other: get(chain[chain.length - 2] ?? '').x });
    });
    ends.sort((a, b) => a.other - b.other || (a.id < b.id ? -1 : 1));
    const it = get(node);
    const span = it.width * 0.6;
    ends.forEach((e, k) => portX.set(e.id, ends.length === 1 ? it.x : it.x - span / 2 + (span * k) / (ends.length - 1)));
  };
  for (const id of ids) {
    spread(id, 'top');
    spread(id, 'bottom');
  }
  return portX;
}

const round = (v: number) => Math.round(v * 10) / 10;

/** Where an edge's label wants to sit: the gap (layer above it) and the x of its segment there. */
interface LabelSlot {
  edge: number;
  gap: number;
  x: number;
}

/** Step 6, edges: from the upper box's bottom to the lower box's top, then oriented source → target. */
function placeEdges(
  g: Grid,
  edges: readonly MapEdgeIn[],
  reversed: ReadonlySet<number>,
  bands: Bands,
  portX: ReadonlyMap<string, number>,
): { placed: PlacedEdge[]; slots: LabelSlot[] } {
  const get = (k: string): Item => g.items.get(k) as Item;
  const centreY = (it: Item) => (bands.top[it.layer] ?? 0) + (bands.height[it.layer] ?? 0) / 2;
  const slots: LabelSlot[] = [];
  const placed = edges.map((e, i): PlacedEdge => {
    const chain = g.chains[i] ?? [];
    const pts: Point[] = chain.map((k, j) => {
      const it = get(k);
      if (j === 0) return { x: portX.get(`${i}:u`) ?? it.x, y: centreY(it) + it.height / 2 };
      if (j === chain.length - 1) return { x: portX.get(`${i}:l`) ?? it.x, y: centreY(it) - it.height / 2 };
      return { x: it.x, y: centreY(it) };
    });
    // The label sits in the gap just above the source (the lower end for upward edges).
    const rev = reversed.has(i);
    const segIndex = rev ? 0 : pts.length - 2;
    const a = pts[segIndex] ?? { x: 0, y: 0 };
    const b = pts[segIndex + 1] ?? { x: 0, y: 0 };
    slots.push({ edge: i, gap: get(chain[segIndex] ?? '').layer, x: (a.x + b.x) / 2 });
    const points = (rev ? pts : [...pts].reverse()).map((p) => ({ x: round(p.x), y: round(p.y) }));
    let d = `M${points[0]?.x ?? 0},${points[0]?.y ?? 0}`;
    for (let k = 1; k < points.length; k++) {
      const p = points[k - 1] ?? { x: 0, y: 0 };
      const q = points[k] ?? { x: 0, y: 0 };
      const my = round((p.y + q.y) / 2);
      d += ` C${p.x},${my} ${q.x},${my} ${q.x},${q.y}`;
    }
    return { from: e.from, to: e.to, kind: e.kind, points, path: d, label: { x: 0, y: 0 }, reversed: rev };
  });
  return { placed, slots };
}

/** Step 7, labels: per gap, left to right, on up to three staggered rows so neighbours do not overlap. */
function placeLabels(placed: PlacedEdge[], slots: readonly LabelSlot[], bands: Bands, o: LayoutOptions): void {
  const byGap = new Map<number, LabelSlot[]>();
  for (const s of slots) byGap.set(s.gap, [...(byGap.get(s.gap) ?? []), s]);
  for (const [gap, inGap] of byGap) {
    inGap.sort((p, q) => p.x - q.x || p.edge - q.edge);
    const mid = (bands.top[gap] ?? 0) + (bands.height[gap] ?? 0) + o.layerGap / 2;
    const rowsRight = [-Infinity, -Infinity, -Infinity];
    const rowOffsets = [0, -1, 1];
    for (const s of inGap) {
      let row = rowsRight.findIndex((r) => r + 4 <= s.x - o.labelWidth / 2);
      if (row < 0) row = rowsRight.indexOf(Math.min(...rowsRight));
      rowsRight[row] = s.x + o.labelWidth / 2;
      const edge = placed[s.edge];
      if (edge) edge.label = { x: round(s.x), y: round(mid + (rowOffsets[row] ?? 0) * (o.labelHeight + 2)) };
    }
  }
}

/** Lays out the map. Node ids must be unique; edges to unknown ids are ignored. */
export function layoutMap(nodesIn: readonly MapNodeIn[], edgesIn: readonly MapEdgeIn[], options: Partial<LayoutOptions> = {}): MapLayout {
  const o: LayoutOptions = { ...DEFAULT_LAYOUT, ...options };
  const ids = nodesIn.map((n) => n.id);
  const idSet = new Set(ids);
  const edges = edgesIn.filter((e) => idSet.has(e.from) && idSet.has(e.to) && e.from !== e.to);
  const { layer, reversed } = assignLayers(ids, edges, o.maxPerLayer);
  const grid = buildGrid(nodesIn, edges, layer, reversed, o);
  const { order, crossings } = orderLayers(grid, o.sweeps);
  placeX(grid, order, o);
  const bands = placeBands(grid, order, o);
  const portX = placePorts(grid, ids);
  const nodes: PlacedNode[] = nodesIn.map((n) => {
    const it = grid.items.get(n.id) as Item;
    const top = (bands.top[it.layer] ?? 0) + (bands.height[it.layer] ?? 0) / 2 - it.height / 2;
    const placed: PlacedNode = {
      id: n.id,
      x: it.x - it.width / 2,
      y: top,
      width: it.width,
      height: it.height,
      layer: it.layer,
      lines: grid.lines.get(n.id) ?? [],
    };
    if (n.tag) placed.tag = n.tag;
    return placed;
  });
  const { placed, slots } = placeEdges(grid, edges, reversed, bands, portX);
  placeLabels(placed, slots, bands, o);
  const width = Math.max(...[...grid.items.values()].map((it) => it.x + it.width / 2), 0) + o.margin;
  return { width: Math.ceil(width), height: Math.ceil(bands.total), nodes, edges: placed, crossings };
}
