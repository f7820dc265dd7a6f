/**
 * The argument map's data model: claims and the "supports" / "attacks" relations between them.
 * Pure: the pages hand in collection data, and get back relations, problems and a nested tree for
 * the text version of the map. An unknown relation target is a problem the page turns into a
 * build failure naming the file.
 */

export const RELATION_KINDS = ['supports', 'attacks'] as const;
export type RelationKind = (typeof RELATION_KINDS)[number];

/** What the map needs to know about a claim. */
export interface ClaimIn {
  slug: string;
  title: string;
  /** thesis, claim, objection or reply. */
  kind: string;
  /** Lower comes first on the map and in lists. */
  order: number;
  supports: readonly string[];
  attacks: readonly string[];
  /** Where the claim was read from, for error messages. */
  file?: string | undefined;
}

/** One edge: `from` supports or attacks `to`. */
export interface Relation {
  from: string;
  to: string;
  kind: RelationKind;
}

/** Sorts claims by `order`, then slug, so every list and layout is deterministic. */
export function sortClaims<T extends Pick<ClaimIn, 'order' | 'slug'>>(claims: readonly T[]): T[] {
  return [...claims].sort((a, b) => a.order - b.order || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

/**
 * Every relation between known claims, and a message for each one that is wrong: an unknown
 * target, a claim relating to itself, a duplicate, or a pair that both supports and attacks.
 */
export function claimRelations(claims: readonly ClaimIn[]): { relations: Relation[]; problems: string[] } {
  const known = new Set(claims.map((c) => c.slug));
  const relations: Relation[] = [];
  const problems: string[] = [];
  const seen = new Map<string, RelationKind>();
  for (const c of sortClaims(claims)) {
    const where = c.file ?? `claim "${c.slug}"`;
    for (const kind of RELATION_KINDS) {
      for (const to of c[kind]) {
        if (!known.has(to)) {
          problems.push(`${where}: ${kind}: unknown claim "${to}" (no content/claims/${to}.mdx)`);
          continue;
        }
        if (to === c.slug) {
          problems.push(`${where}: ${kind}: a claim cannot ${kind === 'supports' ? 'support' : 'attack'} itself`);
          continue;
        }
        const key = `${c.slug}\u0000${to}`;
        const before = seen.get(key);
        if (before === kind) {
          problems.push(`${where}: ${kind}: "${to}" is listed twice`);
          continue;
        }
        if (before) {
          problems.push(`${where}: "${to}" is listed under both supports and attacks`);
          continue;
        }
        seen.set(key, kind);
        relations.push({ from: c.slug, to, kind });
      }
    }
  }
  return { relations, problems };
}

/** Slugs in `wanted` that are not in `known`, as messages naming the file and field. */
export function unknownSlugs(where: string, field: string, wanted: readonly string[], known: ReadonlySet<string>, kind: string): string[] {
  return wanted.filter((s) => !known.has(s)).map((s) => `${where}: ${field}: unknown ${kind} "${s}"`);
}

/** Relations ending at a claim (what supports or attacks it), in the order given. */
export function relationsTo(relations: readonly Relation[], slug: string): Relation[] {
  return relations.filter((r) => r.to === slug);
}

/** Relations starting at a claim (what it supports or attacks). */
export function relationsFrom(relations: readonly Relation[], slug: string): Relation[] {
  return relations.filter((r) => r.from === slug);
}

/** One entry of the nested text version of the map. */
export interface TreeItem {
  slug: string;
  /** How this claim bears on its parent; null at the top level. */
  via: RelationKind | null;
  /** True when the claim's own subtree is shown elsewhere in the list (earlier, or as its own top-level entry). */
  repeat: boolean;
  children: TreeItem[];
}

/**
 * The map as a nested list: top-level entries are theses and claims that bear on nothing else;
 * under each claim come the claims that support or attack it (supports first). A claim reached a
 * second time, or a top-level claim met inside another subtree, is listed with `repeat: true` and
 * no children, so cycles end, nothing is lost, and every claim's subtree appears exactly once.
 * Claims not reachable from any top-level entry (only possible inside a cycle) are appended.
 */
export function argumentTree(claims: readonly ClaimIn[], relations: readonly Relation[]): TreeItem[] {
  const sorted = sortClaims(claims);
  const rank = new Map(sorted.map((c, i) => [c.slug, i]));
  const outgoing = new Set(relations.map((r) => r.from));
  const roots = sorted.filter((c) => c.kind === 'thesis' || !outgoing.has(c.slug));
  const rootSet = new Set(roots.map((c) => c.slug));
  const shown = new Set<string>();
  const kindRank = (k: RelationKind) => RELATION_KINDS.indexOf(k);

  const visit = (slug: string, via: RelationKind | null, top: boolean): TreeItem => {
    // A top-level claim met inside another subtree is only referred to: it gets its own entry.
    if (shown.has(slug) || (!top && rootSet.has(slug))) return { slug, via, repeat: true, children: [] };
    shown.add(slug);
    const into = relationsTo(relations, slug).sort((a, b) => kindRank(a.kind) - kindRank(b.kind) || (rank.get(a.from) ?? 0) - (rank.get(b.from) ?? 0));
    return { slug, via, repeat: false, children: into.map((r) => visit(r.from, r.kind, false)) };
  };

  const out: TreeItem[] = [];
  for (const r of roots) if (!shown.has(r.slug)) out.push(visit(r.slug, null, true));
  for (const c of sorted) if (!shown.has(c.slug)) out.push(visit(c.slug, null, true));
  return out;
}

/** The claims of a nested list in reading order, each once (entries marked `repeat` are skipped). */
export function treeOrder(tree: readonly TreeItem[]): string[] {
  const out: string[] = [];
  const walk = (items: readonly TreeItem[]) => {
    for (const item of items) {
      if (item.repeat) continue;
      out.push(item.slug);
      walk(item.children);
    }
  };
  walk(tree);
  return out;
}
