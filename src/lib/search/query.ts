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
