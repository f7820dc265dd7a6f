// What a source page (an essay, a thread) is drawn from beyond its own entry and the site-wide
// curated collections: the links that touch it and the pages at their far ends. Astro's
// incremental build reuses a page only when none of this changed (src/data/site.ts gives each
// such page the key made here), so adding one thread re-renders the pages it links with, and no
// others.
import type { GraphEdge, LinkGraph } from '../links/graph.ts';
import { pageIdOf } from './routes.ts';

/** The links touching one page, and the other pages they lead to or come from. */
export interface PageLinks {
  edges: GraphEdge[];
  neighbours: string[];
}

/** Every page's links (backlinks, quote links, reply notes all come from these), by page id. */
export function linksByPage(graph: LinkGraph): Map<string, PageLinks> {
  const pageOf = (node: string): string => graph.nodes[node]?.page ?? node.split('#')[0] ?? node;
  const out = new Map<string, { edges: GraphEdge[]; neighbours: Set<string> }>();
  const at = (page: string) => {
    let got = out.get(page);
    if (!got) out.set(page, (got = { edges: [], neighbours: new Set() }));
    return got;
  };
  for (const edge of graph.edges) {
    const from = pageOf(edge.from);
    const to = pageOf(edge.to);
    at(from).edges.push(edge);
    if (to !== from) {
      at(to).edges.push(edge);
      at(from).neighbours.add(to);
      at(to).neighbours.add(from);
    }
  }
  return new Map([...out].map(([page, { edges, neighbours }]) => [page, { edges, neighbours: [...neighbours].sort() }]));
}

interface Keyed {
  id: string;
  data?: unknown;
}

/** The parts of the site model a source page's key reads. */
export interface KeyInput {
  essays: readonly Keyed[];
  threads: readonly Keyed[];
  profiles: readonly (Keyed & { data: { person: string } })[];
  people: readonly Keyed[];
  claims: readonly unknown[];
  glossary: readonly unknown[];
  guides: readonly unknown[];
  summaries: readonly unknown[];
  graph: LinkGraph;
}

/**
 * A maker of cache keys for source pages: `key(page, related)` digests the page's entry, the
 * curated collections, the links touching the page and the entries of every page at their far
 * ends or in `related` (pages it names outside the link graph). `hash` turns text into a digest;
 * the caller brings one, so this stays free of Node.
 */
export function pageKeyer(model: KeyInput, hash: (text: string) => string): (page: string, related?: readonly string[]) => string {
  // Curated collections reach every source page (summaries, glossary links, people's names), so a
  // change to them re-renders them all; they are small and change by hand.
  const shared = hash(JSON.stringify([model.people, model.claims, model.glossary, model.guides, model.summaries]));
  const entries = new Map<string, unknown>();
  for (const e of model.essays) entries.set(pageIdOf('essay', e.id), e);
  for (const t of model.threads) entries.set(pageIdOf('thread', t.id), t);
  for (const p of model.people) entries.set(pageIdOf('person', p.id), [p, model.profiles.filter((x) => x.data.person === p.id)]);
  const digests = new Map<string, string>();
  const digest = (page: string): string => {
    let d = digests.get(page);
    if (d === undefined) digests.set(page, (d = hash(JSON.stringify(entries.get(page) ?? page))));
    return d;
  };
  const links = linksByPage(model.graph);
  return (page, related = []) => {
    const own = links.get(page);
    const others = [...new Set([...(own?.neighbours ?? []), ...related])].sort();
    return hash([shared, page, digest(page), JSON.stringify(own?.edges ?? []), ...others.map((o) => `${o} ${digest(o)}`)].join('\n'));
  };
}
