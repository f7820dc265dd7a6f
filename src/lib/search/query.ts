import { SEARCH_KINDS } from './records.ts';

/**
 * Fewest characters a query needs before we search. A single letter matches nearly every passage
 * and, in Pagefind, makes the browser fetch every index chunk under that letter: the costliest
 * query there is, and one no reader means as a search.
 */
export const MIN_QUERY_LENGTH = 2;

/** Whether a query is long enough to search, counting characters, not UTF-16 units, after trimming. */
export function isSearchableQuery(q: string): boolean {
  return Array.from(q.trim()).length >= MIN_QUERY_LENGTH;
}

/** Words in a result's excerpt: about two lines in the header panel, three on a phone. */
export const EXCERPT_WORDS = 26;

/**
 * Pagefind's ranking settings (its defaults: pageLength 0.75, termSimilarity 1). A comment that
 * makes an argument at length (Quintin Pope's runs to 1,900 words) was ranked below our short
 * summaries of it only for its length: pageLength 0.3 keeps a little of BM25's length penalty.
 * termSimilarity 3 prefers a word of the query's own length over longer words it begins
 * ("concept" over "conceptualization"). Chosen on the ranking test set
 * (tests/e2e/ranking-queries.json), which every change here must keep passing.
 */
export const SEARCH_RANKING = { pageLength: 0.3, termSimilarity: 3 } as const;

/** The kinds whose results are the sources' own words (filter labels, as the index stores them). */
export const SOURCE_KIND_LABELS: readonly string[] = [SEARCH_KINDS['essay-section'], SEARCH_KINDS.comment];

/**
 * What a result of our own (claim, glossary term, person, guide) scores against a source passage.
 * Our pages name the argument in their titles, which Pagefind ranks highly, so a short summary
 * outranked the comment that makes the argument ("Pope counting" put a claim first). At 0.3 the
 * passage comes first unless our page matches several times better, as it does when the query is
 * a claim's own title word for word. Chosen on the ranking test set, with the rest of the ranking.
 */
export const CURATED_SCORE_FACTOR = 0.3;

/** A search result as far as ranking goes. */
export interface Scored {
  id: string;
  score: number;
}

/**
 * Results reordered so that source passages come before our own pages of similar score: our pages'
 * scores count at CURATED_SCORE_FACTOR; ties keep Pagefind's order.
 */
export function sourcesFirst<T extends Scored>(results: readonly T[], sourceIds: ReadonlySet<string>): T[] {
  const adjusted = (r: T) => (sourceIds.has(r.id) ? r.score : r.score * CURATED_SCORE_FACTOR);
  return results
    .map((r, i) => ({ r, i, s: adjusted(r) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((e) => e.r);
}
