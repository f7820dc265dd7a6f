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
