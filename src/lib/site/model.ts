/**
 * The site model: every collection's entries, typed and split by kind, with everything the pages
 * derive from the whole site (published anchors, the passage index, the link graph, previews,
 * glossary matchers, claim relations), built once from the data src/data/site.ts loads. Pure: the
 * caller hands in entries and the text of their files; every broken reference is collected and
 * thrown as one error naming the files, so the build fails before any page renders.
 */
import { backlinksTo, buildLinkGraph, type LinkGraph, type LinkGraphInput, type QuoteCorpus } from '../links/graph.ts';
import type { QuoteLink } from '../text/quotes.ts';
import { essayPreviews, threadPreviews, type PreviewMap } from '../links/previews.ts';
import { wholeQuoteParagraphs } from '../links/quote-view.ts';
import { commentsText, essayText, plainProse, type PageText } from '../links/page-text.ts';
import { bodyLineOffset, checkRefs, headingBefore, resolveRef, type KnownAnchors } from '../links/refs.ts';
import { claimRelations, sortClaims, unknownSlugs, type Relation } from '../map/claims.ts';
import { termMatchers, type TermMatcher } from '../text/terms.ts';
import { LazyMap } from './lazy-map.ts';
import { passageIndex, unknownPassages, type PassageInfo } from './passages.ts';
import { hrefOf, pageIdOf, routeOf, type RoutedKind } from './routes.ts';

/** One collection entry as the model sees it: id (the slug), parsed data, MDX body and file. */
export interface Entry<D> {
  id: string;
  data: D;
  body?: string | undefined;
  filePath?: string | undefined;
}

type Essay = NonNullable<LinkGraphInput['essays']>[number] extends infer E ? Omit<E, 'slug'> : never;
type CommentData = NonNullable<LinkGraphInput['threads']>[number]['comments'][number] & { date: string | null };
type PassageRef = { to: string; role: string; note?: string | undefined };

/** The least each collection's data must carry; the schemas' output types satisfy these. */
export interface SiteShapes {
  essay: Essay;
  thread: { type: 'thread'; post: { title: string }; comments: readonly CommentData[] };
  profile: { type: 'profile'; person: string; comments: readonly CommentData[] };
  person: { name: string; description: string };
  claim: {
    title: string;
    summary: string;
    kind: string;
    order: number;
    supports: readonly string[];
    attacks: readonly string[];
    terms: readonly string[];
    sources: readonly string[];
    passages: readonly PassageRef[];
  };
  term: { term: string; short: string; aliases: readonly string[]; related: readonly string[]; sources: readonly string[]; passages: readonly PassageRef[] };
  guide: { title: string };
  summary: { target: string; title: string };
}

/** A guide's headings, as rendering reports them (only the renderer knows the slugs it gave). */
export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

/** Everything the model is built from. */
export interface SiteInput<S extends SiteShapes> {
  essays: readonly Entry<S['essay']>[];
  /** The threads collection holds both thread and profile exports. */
  threads: readonly Entry<S['thread'] | S['profile']>[];
  people: readonly Entry<S['person']>[];
  claims: readonly Entry<S['claim']>[];
  glossary: readonly Entry<S['term']>[];
  guides: readonly (Entry<S['guide']> & { headings: readonly Heading[] })[];
  summaries: readonly Entry<S['summary']>[];
  /** The whole text of a content file, frontmatter included, so errors give the line an editor sees. */
  fileText: (file: string) => string;
  /** The quote links of quoteCorpusOf(essays, threads), found beforehand (or kept from a build before); found here when absent. */
  quoteLinks?: readonly QuoteLink[] | undefined;
}

/**
 * What the quote matcher reads, from the essays and the threads collection as the model is given
 * them: the one mapping both the model and a process finding the links ahead of it use, so the
 * two cannot read the corpus differently.
 */
export function quoteCorpusOf(
  essays: readonly Entry<SiteShapes['essay']>[],
  threads: readonly Entry<SiteShapes['thread'] | SiteShapes['profile']>[],
): QuoteCorpus {
  return {
    essays: essays.map((e) => ({ slug: e.id, ...e.data })),
    threads: threads.filter(isThread).map((t) => ({ slug: t.id, title: t.data.post.title, comments: t.data.comments })),
    profiles: threads.filter(isProfile).map((p) => ({ person: p.data.person, comments: p.data.comments })),
  };
}

/** One page's previews, served as /previews/<segment>/<slug>.json. */
export interface PreviewFile {
  kind: Exclude<RoutedKind, 'guide'>;
  slug: string;
  /**
   * The file's previews, worked out when asked for: a rebuild copies the files of unchanged pages
   * (their cache key says so) without asking, and working out a thousand threads' previews, an
   * excerpt of every comment, was a quarter of a rebuild's site model.
   */
  map: () => PreviewMap;
}

/** The whole site, as pages, components, search records and tests read it. */
export interface SiteModel<S extends SiteShapes> {
  essays: readonly Entry<S['essay']>[];
  threads: readonly Entry<S['thread']>[];
  profiles: readonly Entry<S['profile']>[];
  people: readonly Entry<S['person']>[];
  /** Claims in map order (`order`, then slug). */
  claims: readonly Entry<S['claim']>[];
  glossary: readonly Entry<S['term']>[];
  guides: readonly Entry<S['guide']>[];
  summaries: readonly Entry<S['summary']>[];
  /** Published anchors per page id, which every reference is resolved against. */
  known: KnownAnchors;
  /** Every passage a claim or term may list, keyed by reference. */
  passages: ReadonlyMap<string, PassageInfo>;
  graph: LinkGraph;
  /**
   * Source pages' text as a browser searches it for a text fragment, by page id (see quoteHref);
   * each made when first asked for, and only the recently used kept (see PAGE_TEXTS_KEPT).
   */
  pageTexts: LazyMap<string, PageText>;
  /** Glossary terms and their spellings, for first-use links in source text. */
  terms: readonly TermMatcher[];
  /** Supports/attacks relations between claims. */
  relations: readonly Relation[];
  previews: readonly PreviewFile[];
}

/** Anchor of the summary box on a summarised page (components/Summary.astro). */
export const SUMMARY_ANCHOR = 'our-summary';

/** Whether a threads-collection entry is a thread export (not a profile). */
export function isThread<D extends { type: string }>(e: Entry<D>): e is Entry<Extract<D, { type: 'thread' }>> {
  return e.data.type === 'thread';
}

/** Whether a threads-collection entry is a profile export. */
export function isProfile<D extends { type: string }>(e: Entry<D>): e is Entry<Extract<D, { type: 'profile' }>> {
  return e.data.type === 'profile';
}

/** The page that shows an export: a thread's own page, or for a profile its person's page. */
export function exportHref(e: Entry<{ type: 'thread' } | { type: 'profile'; person: string }>): string {
  return e.data.type === 'thread' ? hrefOf('thread', e.id) : hrefOf('person', e.data.person);
}

/** The file an entry came from, for error messages (loaders normally record it). */
function fileOf(collection: string, e: Entry<unknown>): string {
  return e.filePath ?? `content/${collection}/${e.id}.mdx`;
}

/** Published anchors of every page a reference may target. */
function knownAnchors<S extends SiteShapes>(
  input: SiteInput<S>,
  profiles: readonly Entry<S['profile']>[],
  threads: readonly Entry<S['thread']>[],
): Map<string, Set<string>> {
  const known = new Map<string, Set<string>>();
  for (const e of input.essays) {
    known.set(pageIdOf('essay', e.id), new Set(e.data.sections.flatMap((s) => [s.id, ...s.blocks.flatMap((b) => (b.kind === 'missing-list' ? [b.id] : []))])));
  }
  for (const t of threads) known.set(pageIdOf('thread', t.id), new Set(t.data.comments.map((c) => c.id)));
  for (const p of input.people) {
    known.set(pageIdOf('person', p.id), new Set(profiles.filter((x) => x.data.person === p.id).flatMap((x) => x.data.comments.map((c) => c.id))));
  }
  for (const c of input.claims) known.set(pageIdOf('claim', c.id), new Set());
  for (const g of input.glossary) known.set(pageIdOf('term', g.id), new Set());
  for (const s of input.summaries) known.get(s.data.target)?.add(SUMMARY_ANCHOR);
  return known;
}

/** Builds the site model, or throws one error listing every broken reference with its file. */
export function buildSiteModel<S extends SiteShapes>(input: SiteInput<S>): SiteModel<S> {
  const threads = input.threads.filter(isThread) as Entry<S['thread']>[];
  const profiles = input.threads.filter(isProfile) as Entry<S['profile']>[];
  const known = knownAnchors(input, profiles, threads);
  const errors: string[] = [];
  const personName = new Map(input.people.map((p) => [p.id, p.data.name]));

  // Summaries: each names a page that exists, and no page has two.
  const summaryOf = new Map<string, Entry<S['summary']>>();
  for (const s of input.summaries) {
    if (!known.has(s.data.target)) errors.push(`${fileOf('summaries', s)}: target: unknown page "${s.data.target}"`);
    const other = summaryOf.get(s.data.target);
    if (other) errors.push(`${fileOf('summaries', s)}: target: ${s.data.target} already has a summary (${fileOf('summaries', other)})`);
    summaryOf.set(s.data.target, s);
  }

  // Our pages that cite sources without being reference targets: each guide (served at /<id>/)
  // with its headings, and each summary box. Their <Ref>s become "cited by" backlinks.
  const pageTitles = new Map<string, string>([
    ...input.essays.map((e) => [pageIdOf('essay', e.id), e.data.title] as const),
    ...threads.map((t) => [pageIdOf('thread', t.id), `Comments on “${t.data.post.title}”`] as const),
    ...input.people.map((p) => [pageIdOf('person', p.id), p.data.name] as const),
  ]);
  const editorial: { id: string; kind: 'guide' | 'summary'; title: string }[] = [];
  const guideSlugs = new Map<string, Map<string, string>>();
  for (const g of input.guides) {
    editorial.push({ id: pageIdOf('guide', g.id), kind: 'guide', title: g.data.title });
    const slugs = new Map(g.headings.filter((h) => h.depth >= 2 && h.depth <= 4).map((h) => [h.text, h.slug] as const));
    guideSlugs.set(g.id, slugs);
    for (const [text, slug] of slugs) editorial.push({ id: `${pageIdOf('guide', g.id)}#${slug}`, kind: 'guide', title: `${text} · ${g.data.title}` });
  }
  for (const s of input.summaries) {
    editorial.push({ id: `${s.data.target}#${SUMMARY_ANCHOR}`, kind: 'summary', title: `Our summary · ${pageTitles.get(s.data.target) ?? s.data.target}` });
  }

  // Every <Ref> in our own writing, checked against the published anchors. `section` says which
  // anchor of the citing page a reference sits under (null: the page itself).
  const docs = [
    ...input.claims.map((c) => ({ page: pageIdOf('claim', c.id), file: fileOf('claims', c), body: c.body ?? '', section: (): string | null => null })),
    ...input.glossary.map((g) => ({ page: pageIdOf('term', g.id), file: fileOf('glossary', g), body: g.body ?? '', section: (): string | null => null })),
    ...input.guides.map((g) => ({
      page: pageIdOf('guide', g.id),
      file: fileOf('guides', g),
      body: g.body ?? '',
      section: (line: number): string | null => guideSlugs.get(g.id)?.get(headingBefore(g.body ?? '', line) ?? '') ?? null,
    })),
    ...input.summaries.map((s) => ({ page: s.data.target, file: fileOf('summaries', s), body: s.body ?? '', section: (): string | null => SUMMARY_ANCHOR })),
  ];
  const refs: { page: string; anchor: string | null; to: string; sentence: string }[] = [];
  for (const doc of docs) {
    // Loaders hand over the body without its frontmatter; counting it back in reports a broken
    // reference at the line an editor sees.
    const checked = checkRefs(doc.file, doc.body, known, bodyLineOffset(input.fileText(doc.file), doc.body));
    errors.push(...checked.errors);
    for (const r of checked.refs) if (r.to && r.url) refs.push({ page: doc.page, anchor: doc.section(r.line), to: r.to, sentence: r.sentence });
  }

  // The graph comes before the passage index: which paragraphs of a comment are quotations (and so
  // not its opening words) is known only once the quote links are.
  const graph = buildLinkGraph({
    ...quoteCorpusOf(input.essays, input.threads),
    ...(input.quoteLinks ? { quoteLinks: input.quoteLinks } : {}),
    people: input.people.map((p) => ({ slug: p.id, name: p.data.name })),
    claims: input.claims.map((c) => ({ slug: c.id, title: c.data.title, summary: c.data.summary, sources: c.data.sources })),
    terms: input.glossary.map((g) => ({ slug: g.id, term: g.data.term, aliases: g.data.aliases, sources: g.data.sources })),
    editorial,
    refs,
  });

  // Claims and terms: sources resolve to passages, relations and term lists name real entries.
  const passages = passageIndex({
    essays: input.essays.map((e) => ({ slug: e.id, ...e.data })),
    threads: threads.map((t) => ({ slug: t.id, title: t.data.post.title, comments: t.data.comments })),
    profiles: profiles.map((p) => ({ person: p.data.person, personName: personName.get(p.data.person) ?? p.data.person, comments: p.data.comments })),
    quoted: (ref) => wholeQuoteParagraphs(graph, ref),
  });
  const claims = sortClaims(input.claims.map((c) => ({ ...c.data, slug: c.id, file: fileOf('claims', c), entry: c })));
  const related = claimRelations(claims);
  errors.push(...related.problems);
  const termSlugs = new Set(input.glossary.map((g) => g.id));
  for (const c of claims) {
    errors.push(...unknownSlugs(c.file, 'terms', c.terms, termSlugs, 'glossary term'));
    errors.push(...unknownPassages(c.file, c.sources, passages));
    for (const s of c.sources) {
      const res = resolveRef(s, known);
      if (!res.ok) errors.push(`${c.file}: sources: ${res.error}`);
    }
  }
  for (const g of input.glossary) {
    errors.push(...unknownSlugs(fileOf('glossary', g), 'related', g.data.related, termSlugs, 'glossary term'));
    errors.push(...unknownPassages(fileOf('glossary', g), g.data.sources, passages));
  }
  if (errors.length) throw new Error(`Broken references in the content:\n${errors.join('\n')}`);

  return {
    essays: input.essays,
    threads,
    profiles,
    people: input.people,
    claims: claims.map((c) => c.entry),
    glossary: input.glossary,
    guides: input.guides,
    summaries: input.summaries,
    known,
    passages,
    graph,
    terms: termMatchers(input.glossary.map((g) => ({ slug: g.id, term: g.data.term, aliases: g.data.aliases }))),
    relations: related.relations,
    previews: previewFiles(input, threads, profiles, graph),
    pageTexts: pageTexts(input, threads, profiles, graph),
  };
}

/**
 * Page texts held at once. A page being rendered asks for the texts of the pages its quote links
 * lead to; most lead to the essay or the page itself, which stay recent. Holding every page's
 * text, folded copy and search indexes for the whole build cost ~90 MB per 1,000 comments.
 */
export const PAGE_TEXTS_KEPT = 64;

/** The text of every source page, for choosing the text directives of quote links. */
function pageTexts<S extends SiteShapes>(
  input: SiteInput<S>,
  threads: readonly Entry<S['thread']>[],
  profiles: readonly Entry<S['profile']>[],
  graph: LinkGraph,
): LazyMap<string, PageText> {
  // The citing words backlink lists repeat: a claim's summary or a tour sentence may hold the very
  // words a quote link looks for, and they are listed after every passage they cite.
  const citing = (id: string) => {
    const b = backlinksTo(graph, id);
    return [...b.quotes, ...b.cites].map((x) => x.edge.excerpt);
  };
  const above = (page: string) => [...input.summaries.filter((s) => s.data.target === page).map((s) => plainProse(s.body ?? '')), ...citing(page)];
  const after = (page: string) => (anchor: string) => citing(`${page}#${anchor}`);
  const opening = (page: string) => (c: { id: string }) => graph.nodes[`${page}#${c.id}`]?.excerpt ?? '';
  const out = new Map<string, () => PageText>();
  for (const e of input.essays) {
    const page = pageIdOf('essay', e.id);
    out.set(page, () => essayText({ title: e.data.title, above: above(page), after: after(page), sections: e.data.sections }));
  }
  for (const t of threads) {
    const page = pageIdOf('thread', t.id);
    out.set(page, () =>
      commentsText({ title: `Comments on “${t.data.post.title}”`, above: above(page), after: after(page), comments: t.data.comments, opening: opening(page) }),
    );
  }
  for (const p of input.people) {
    const page = pageIdOf('person', p.id);
    out.set(page, () => {
      const comments = profiles.filter((x) => x.data.person === p.id).flatMap((x) => x.data.comments);
      return commentsText({ title: p.data.name, above: [p.data.description, ...above(page)], after: after(page), comments, opening: opening(page) });
    });
  }
  return new LazyMap(out, PAGE_TEXTS_KEPT);
}

/** Previews of every page and its passages; a link's preview fetches its target page's file. */
function previewFiles<S extends SiteShapes>(
  input: SiteInput<S>,
  threads: readonly Entry<S['thread']>[],
  profiles: readonly Entry<S['profile']>[],
  graph: LinkGraph,
): PreviewFile[] {
  const quoting = (page: string) => (id: string) => wholeQuoteParagraphs(graph, `${page}#${id}`);
  const out: PreviewFile[] = [];
  for (const e of input.essays) out.push({ kind: 'essay', slug: e.id, map: () => essayPreviews(e.data.title, e.data.author, e.data.sections) });
  for (const t of threads) {
    out.push({ kind: 'thread', slug: t.id, map: () => threadPreviews(`“${t.data.post.title}”`, t.data.comments, quoting(pageIdOf('thread', t.id))) });
  }
  for (const p of input.people) {
    const map = (): PreviewMap => {
      const previews: PreviewMap = {};
      for (const prof of profiles) {
        if (prof.data.person === p.id)
          Object.assign(previews, threadPreviews(`${p.data.name}'s profile`, prof.data.comments, quoting(pageIdOf('person', p.id))));
      }
      previews[''] = { title: p.data.name, text: p.data.description };
      return previews;
    };
    out.push({ kind: 'person', slug: p.id, map });
  }
  // Our own pages: the byline says so, since a preview floats over an author's text.
  for (const t of input.glossary)
    out.push({ kind: 'term', slug: t.id, map: () => ({ '': { title: t.data.term, byline: 'Glossary · our definition', text: t.data.short } }) });
  for (const c of input.claims)
    out.push({ kind: 'claim', slug: c.id, map: () => ({ '': { title: c.data.title, byline: 'Argument map · our summary', text: c.data.summary } }) });
  return out;
}

/** The URL segment a preview file is served under (`/previews/arguments/x.json`). */
export function previewSegment(kind: PreviewFile['kind']): string {
  return routeOf(kind).segment;
}
