// How one search result reads: what it is (a title), where it is (source and section path), who
// wrote it and when. Built from the record's meta and filters (src/lib/search/records.ts), so the
// header panel and the /search/ page draw every result the same way.
import { contentWords } from './excerpt.ts';

/** A result's data as Pagefind returns it (the fields used here). */
export interface ResultFields {
  url: string;
  content: string;
  meta: Record<string, string | undefined>;
  filters?: Record<string, string[] | undefined>;
}

/** How a result is drawn. */
export interface ResultDisplay {
  /** The heading line: a section's own heading, a page's title, or a comment's opening words. */
  title: string;
  /** How many of the record's first words the title shows (a comment's opening), so the excerpt starts after them; 0 otherwise. */
  openingWords: number;
  /** Where the passage sits, outermost first: the source, then the headings above a section. */
  where: string[];
  /** Kind, author (with how the name is known), date and reply context, or that the page is ours. */
  who: string;
  /** Whether the record has text beyond its title worth an excerpt. */
  excerpt: boolean;
}

/** Words of a comment's opening shown as its title: enough to tell comments by one author apart. */
export const OPENING_WORDS = 10;

/** A date as "15 Nov 2023", from an ISO date or date-time; anything else as it is. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return `${Number(m[3])} ${months[Number(m[2]) - 1] ?? ''} ${m[1]}`;
}

/** How a result is drawn, from its record's meta (title, author) and filters (kind, author label, source, date, reply). */
export function resultDisplay(d: ResultFields): ResultDisplay {
  const f = (key: string) => d.filters?.[key]?.[0];
  const kind = f('kind') ?? 'Page';
  const title = d.meta['title'] ?? '';
  const passage = d.url.includes('#');
  if (!passage) {
    const sameAsTitle = d.content.trim() === title.trim();
    return { title: title || d.url, openingWords: 0, where: [], who: `${kind} · written by this site's editors`, excerpt: !sameAsTitle };
  }
  const who = [kind, f('author'), f('date') ? formatDate(f('date')!) : undefined, f('replyTo') ? `in reply to ${f('replyTo')}` : undefined]
    .filter(Boolean)
    .join(' · ');
  const source = f('source');
  if (kind === 'Comment') {
    const words = contentWords(d.content);
    const n = Math.min(OPENING_WORDS, words.length);
    const opening = `“${words.slice(0, n).join(' ')}${n < words.length ? '…' : ''}”`;
    return { title: opening, openingWords: n, where: source ? [source] : [], who, excerpt: n < words.length };
  }
  const path = title.split(' › ').filter(Boolean);
  const own = path.at(-1) ?? kind;
  return { title: own, openingWords: 0, where: [...(source ? [source] : []), ...path.slice(0, -1)], who, excerpt: d.content.trim() !== own.trim() };
}
