// Everything the pages need to know about the whole site, loaded once per build: the published
// anchors every <Ref> is checked against, and the link graph that backlinks, reply context and
// side-comment markers read, and the glossary's matchers for first-use term links. Unknown
// reference targets fail the build here, naming file and line.
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { buildLinkGraph, type LinkGraph } from '../src/lib/links/graph.ts';
import { readFileSync } from 'node:fs';
import { bodyLineOffset, checkRefs, headingBefore, resolveRef, type KnownAnchors } from '../src/lib/links/refs.ts';
import { termMatchers, type TermMatcher } from '../src/lib/text/terms.ts';
import type { ProfileData, ThreadData } from '../src/schemas/thread.ts';

export interface SiteData {
  known: KnownAnchors;
  graph: LinkGraph;
  /** Glossary terms and their spellings, for first-use links in source text. */
  terms: TermMatcher[];
}

/** Anchor of the summary box on a summarised page (components/Summary.astro). */
export const SUMMARY_ANCHOR = 'our-summary';

type MdxCollection = 'claims' | 'glossary' | 'guides' | 'summaries';
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
  const summaries = await entries('summaries');

  const known = new Map<string, Set<string>>();
  for (const e of essays) {
    known.set(`essays/${e.id}`, new Set(e.data.sections.flatMap((s) => [s.id, ...s.blocks.flatMap((b) => (b.kind === 'missing-list' ? [b.id] : []))])));
  }
  for (const t of threads) known.set(`threads/${t.id}`, new Set(t.data.comments.map((c) => c.id)));
  for (const p of people) {
    known.set(`people/${p.id}`, new Set(profiles.filter((x) => x.data.person === p.id).flatMap((x) => x.data.comments.map((c) => c.id))));
  }
  // Every reference in our own writing, checked before any page renders.
  const errors: string[] = [];
  for (const c of claims) known.set(`arguments/${c.id}`, new Set());
  for (const g of glossary) known.set(`glossary/${g.id}`, new Set());
  for (const s of summaries) known.get(s.data.target)?.add(SUMMARY_ANCHOR);

  // Our pages that cite sources without being reference targets: each guide (served at /<id>/)
  // with its headings, and each summary box. Their <Ref>s become "cited by" backlinks.
  const pageTitles = new Map<string, string>([
    ...essays.map((e) => [`essays/${e.id}`, e.data.title] as const),
    ...threads.map((t) => [`threads/${t.id}`, `Comments on “${t.data.post.title}”`] as const),
    ...people.map((p) => [`people/${p.id}`, p.data.name] as const),
  ]);
  const editorial: { id: string; kind: 'guide' | 'summary'; title: string }[] = [];
  const guideSlugs = new Map<string, Map<string, string>>();
  for (const g of guides) {
    editorial.push({ id: g.id, kind: 'guide', title: g.data.title });
    const { headings } = await render(g);
    const slugs = new Map(headings.filter((h) => h.depth >= 2 && h.depth <= 4).map((h) => [h.text, h.slug] as const));
    guideSlugs.set(g.id, slugs);
    for (const [text, slug] of slugs) editorial.push({ id: `${g.id}#${slug}`, kind: 'guide', title: `${text} · ${g.data.title}` });
  }
  for (const s of summaries) {
    if (!known.has(s.data.target)) errors.push(`${s.filePath ?? s.id}: target: unknown page "${s.data.target}"`);
    editorial.push({ id: `${s.data.target}#${SUMMARY_ANCHOR}`, kind: 'summary', title: `Our summary · ${pageTitles.get(s.data.target) ?? s.data.target}` });
  }

  const refs: { page: string; anchor: string | null; to: string; sentence: string }[] = [];
  // `section` says which anchor of the citing page a reference sits under (null: the page itself).
  const mdx: { page: string; file: string; body: string; section: (line: number) => string | null }[] = [
    ...claims.map((c) => ({ page: `arguments/${c.id}`, file: c.filePath ?? `content/claims/${c.id}.mdx`, body: c.body ?? '', section: () => null })),
    ...glossary.map((g) => ({ page: `glossary/${g.id}`, file: g.filePath ?? `content/glossary/${g.id}.mdx`, body: g.body ?? '', section: () => null })),
    ...guides.map((g) => ({
      page: g.id,
      file: g.filePath ?? `content/guides/${g.id}.mdx`,
      body: g.body ?? '',
      section: (line: number) => guideSlugs.get(g.id)?.get(headingBefore(g.body ?? '', line) ?? '') ?? null,
    })),
    ...summaries.map((s) => ({ page: s.data.target, file: s.filePath ?? `content/summaries/${s.id}.mdx`, body: s.body ?? '', section: () => SUMMARY_ANCHOR })),
  ];
  for (const doc of mdx) {
    // Astro hands us the body without its frontmatter; count the frontmatter back in so a broken
    // reference is reported at the line an editor sees.
    const checked = checkRefs(doc.file, doc.body, known, bodyLineOffset(readFileSync(doc.file, 'utf8'), doc.body));
    errors.push(...checked.errors);
    for (const r of checked.refs) if (r.to && r.url) refs.push({ page: doc.page, anchor: doc.section(r.line), to: r.to, sentence: r.sentence });
  }
  for (const c of claims) {
    for (const s of c.data.sources) {
      const res = resolveRef(s, known);
      if (!res.ok) errors.push(`${c.filePath ?? c.id}: sources: ${res.error}`);
    }
  }
  if (errors.length) throw new Error(`Unresolved references:\n${errors.join('\n')}`);

  const graph = buildLinkGraph({
    essays: essays.map((e) => ({ slug: e.id, title: e.data.title, author: e.data.author, sections: e.data.sections })),
    threads: threads.map((t) => ({ slug: t.id, title: t.data.post.title, comments: t.data.comments })),
    profiles: profiles.map((p) => ({ person: p.data.person, comments: p.data.comments })),
    people: people.map((p) => ({ slug: p.id, name: p.data.name })),
    claims: claims.map((c) => ({ slug: c.id, title: c.data.title, summary: c.data.summary, sources: c.data.sources })),
    terms: glossary.map((g) => ({ slug: g.id, term: g.data.term, aliases: g.data.aliases, sources: g.data.sources })),
    editorial,
    refs,
  });
  const terms = termMatchers(glossary.map((g) => ({ slug: g.id, term: g.data.term, aliases: g.data.aliases })));
  return { known, graph, terms };
}

/** The site's anchors and link graph, computed once per build. */
export function siteData(): Promise<SiteData> {
  cached ??= load();
  return cached;
}
