// Everything the pages need to know about the whole site, loaded once per build: the published
// anchors every <Ref> is checked against, and the link graph that backlinks, reply context and
// side-comment markers read. Unknown reference targets fail the build here, naming file and line.
import { getCollection, type CollectionEntry } from 'astro:content';
import { buildLinkGraph, type LinkGraph } from '../src/lib/links/graph.ts';
import { checkRefs, resolveRef, type KnownAnchors } from '../src/lib/links/refs.ts';
import type { ProfileData, ThreadData } from '../src/schemas/thread.ts';

export interface SiteData {
  known: KnownAnchors;
  graph: LinkGraph;
}

type MdxCollection = 'claims' | 'glossary' | 'guides';
let cached: Promise<SiteData> | undefined;

async function entries<C extends MdxCollection>(c: C): Promise<CollectionEntry<C>[]> {
  try {
    return await getCollection(c);
  } catch {
    return [];
  }
}

async function load(): Promise<SiteData> {
  const essays = await getCollection('essays');
  const all = await getCollection('threads');
  const threads = all.filter((t) => t.data.type === 'thread').map((t) => ({ id: t.id, data: t.data as ThreadData }));
  const profiles = all.filter((t) => t.data.type === 'profile').map((t) => ({ id: t.id, data: t.data as ProfileData }));
  const people = await getCollection('people');
  const claims = await entries('claims');
  const glossary = await entries('glossary');
  const guides = await entries('guides');

  const known = new Map<string, Set<string>>();
  for (const e of essays) {
    known.set(`essays/${e.id}`, new Set(e.data.sections.flatMap((s) => [s.id, ...s.blocks.flatMap((b) => (b.kind === 'missing-list' ? [b.id] : []))])));
  }
  for (const t of threads) known.set(`threads/${t.id}`, new Set(t.data.comments.map((c) => c.id)));
  for (const p of people) {
    known.set(`people/${p.id}`, new Set(profiles.filter((x) => x.data.person === p.id).flatMap((x) => x.data.comments.map((c) => c.id))));
  }
  for (const c of claims) known.set(`arguments/${c.id}`, new Set());
  for (const g of glossary) known.set(`glossary/${g.id}`, new Set());

  // Every reference in our own writing, checked before any page renders.
  const errors: string[] = [];
  const refs: { page: string; anchor: string | null; to: string; sentence: string }[] = [];
  const mdx: { page: string; file: string; body: string }[] = [
    ...claims.map((c) => ({ page: `arguments/${c.id}`, file: c.filePath ?? `content/claims/${c.id}.mdx`, body: c.body ?? '' })),
    ...glossary.map((g) => ({ page: `glossary/${g.id}`, file: g.filePath ?? `content/glossary/${g.id}.mdx`, body: g.body ?? '' })),
    ...guides.map((g) => ({ page: `guides/${g.id}`, file: g.filePath ?? `content/guides/${g.id}.mdx`, body: g.body ?? '' })),
  ];
  for (const doc of mdx) {
    const checked = checkRefs(doc.file, doc.body, known);
    errors.push(...checked.errors);
    for (const r of checked.refs) if (r.to && r.url) refs.push({ page: doc.page, anchor: null, to: r.to, sentence: r.sentence });
  }
  for (const c of claims) {
    for (const s of c.data.sources) {
      const res = resolveRef(s, known);
      if (!res.ok) errors.push(`${c.filePath ?? c.id}: sources: ${res.error}`);
    }
  }
  if (errors.length) throw new Error(`Unresolved references:\n${errors.join('\n')}`);

  const graph = buildLinkGraph({
    essays: essays.map((e) => ({ slug: e.id, title: e.data.title, author: e.data.author.name, sections: e.data.sections })),
    threads: threads.map((t) => ({ slug: t.id, title: t.data.post.title, comments: t.data.comments })),
    profiles: profiles.map((p) => ({ person: p.data.person, comments: p.data.comments })),
    people: people.map((p) => ({ slug: p.id, name: p.data.name })),
    claims: claims.map((c) => ({ slug: c.id, title: c.data.title, summary: c.data.summary, sources: c.data.sources })),
    terms: glossary.map((g) => ({ slug: g.id, term: g.data.term, aliases: g.data.aliases, sources: g.data.sources })),
    refs,
  });
  return { known, graph };
}

/** The site's anchors and link graph, computed once per build. */
export function siteData(): Promise<SiteData> {
  cached ??= load();
  return cached;
}
