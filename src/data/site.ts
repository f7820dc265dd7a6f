// The one place that reads the content collections. Everything else (pages, components, preview
// files) asks this module for the site model, which is built once per build by the pure
// buildSiteModel() in src/lib/site. A collection that fails to load fails the build here, with
// Astro's message naming the file: an empty list would quietly publish a site with pages missing.
import { getCollection, getEntry, render } from 'astro:content';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSiteModel, type SiteModel } from '../lib/site/model.ts';
import { pageKeyer } from '../lib/site/page-inputs.ts';
import { finishDigest } from './page-finish.ts';
import { byId, findQuoteLinks, keepQuoteLinks, keptQuoteLinks, quoteCode, quoteKey } from './quote-links.ts';
import { handedOver, QUOTE_CACHE_DIR, QUOTE_LINKS_PENDING } from '../lib/site/build-handoff.ts';
import type { QuoteLink } from '../lib/text/quotes.ts';
import type { EntryDataRef } from '../schemas/entry-data.ts';
import type { EssayData } from '../schemas/essay.ts';
import type { PersonData } from '../schemas/person.ts';
import type { ProfileData, ThreadData, ThreadsEntryData } from '../schemas/thread.ts';
import type { ClaimData, GuideData, SummaryData, TermData } from '../schemas/curated.ts';

/** The collection data types, as the schemas produce them. */
export interface SiteTypes {
  essay: EssayData;
  thread: ThreadData;
  profile: ProfileData;
  person: PersonData;
  claim: ClaimData;
  term: TermData;
  guide: GuideData;
  summary: SummaryData;
}

export type Site = SiteModel<SiteTypes>;

/** The collections whose MDX bodies pages render (the others are shown from their data). */
type RenderedCollection = 'claims' | 'glossary' | 'guides' | 'summaries';
type RenderResult = Awaited<ReturnType<typeof render>>;
let cached: Promise<Site> | undefined;

/**
 * Entries whose checked data the loader keeps in files of their own (src/loaders/frontmatter.ts),
 * with that data read back, in id order (the store's order depends on what an earlier build had),
 * and the files' texts, for the quote links' key.
 */
function withData<D>(entries: readonly { id: string; data: EntryDataRef; filePath?: string | undefined }[]): {
  entries: { id: string; data: D; filePath?: string | undefined }[];
  texts: { id: string; text: string }[];
} {
  const texts: { id: string; text: string }[] = [];
  const out = byId(entries).map((e) => {
    let data: D;
    try {
      const text = readFileSync(e.data.dataFile, 'utf8');
      texts.push({ id: e.id, text });
      data = JSON.parse(text) as D;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      throw new Error(`${e.filePath ?? e.id}: its checked data (${e.data.dataFile}) cannot be read (${why}); delete node_modules/.astro and build again`);
    }
    return { id: e.id, filePath: e.filePath, data };
  });
  return { entries: out, texts };
}

/**
 * The corpus's quote links: those the quote-links integration's child process found (or read
 * back) beside the content sync and the bundling, those kept by an earlier build of the same corpus and code, or, when
 * neither is there (the dev server, a failed child), found here and kept.
 */
async function quoteLinks(essays: ReturnType<typeof withData<EssayData>>, threads: ReturnType<typeof withData<ThreadsEntryData>>): Promise<QuoteLink[]> {
  const root = process.cwd();
  const key = quoteKey(quoteCode(root), essays.texts, threads.texts);
  // The child's failure is reported by the integration; the links are then found here.
  await handedOver(QUOTE_LINKS_PENDING)?.catch(() => {});
  const dir = join(root, QUOTE_CACHE_DIR);
  const kept = keptQuoteLinks(dir, key);
  if (kept) return kept;
  const links = findQuoteLinks(essays.entries, threads.entries);
  try {
    keepQuoteLinks(dir, key, links);
  } catch {
    // Keeping them only saves the next build time: a cache folder that cannot be written fails nothing.
  }
  return links;
}

async function load(): Promise<Site> {
  const guides = await getCollection('guides');
  const essays = withData<EssayData>(await getCollection('essays'));
  const threads = withData<ThreadsEntryData>(await getCollection('threads'));
  return buildSiteModel<SiteTypes>({
    essays: essays.entries,
    threads: threads.entries,
    quoteLinks: await quoteLinks(essays, threads),
    people: await getCollection('people'),
    claims: await getCollection('claims'),
    glossary: await getCollection('glossary'),
    // Heading slugs are the renderer's to give, so guides are rendered here to learn them.
    guides: await Promise.all(guides.map(async (g) => ({ ...g, headings: (await render(g)).headings }))),
    summaries: await getCollection('summaries'),
    fileText: (file) => readFileSync(file, 'utf8'),
  });
}

/** The site model, computed once per build. */
export function site(): Promise<Site> {
  cached ??= load();
  return cached;
}

let keys: Promise<(page: string, related?: readonly string[]) => string> | undefined;

/**
 * A source page's cache key for Astro's incremental build: the digest of its entry, the curated
 * collections, the links touching it and every page those links (or `related`) lead to, which is
 * all the page is drawn from, and what finishing the page reads (page-finish.ts). An unchanged
 * key lets Astro copy the page from the last build.
 */
export async function cacheKeyOf(page: string, related: readonly string[] = []): Promise<string> {
  keys ??= site().then((model) => pageKeyer(model, (text) => createHash('sha256').update(text).digest('hex')));
  return `${finishDigest()}.${(await keys)(page, related)}`;
}

/** Renders one entry's MDX body; pages get the model's plain data, so they come here to render. */
export async function renderEntry(collection: RenderedCollection, id: string): Promise<RenderResult> {
  const entry = await getEntry(collection, id);
  if (!entry) throw new Error(`No entry "${id}" in the ${collection} collection`);
  return render(entry);
}
