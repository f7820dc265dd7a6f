/**
 * What our claim and glossary pages say about a source passage they link to: where it is (essay
 * section, comment on a thread, comment on a profile), who wrote it and how sure we are of that.
 * Pure: built from collection data the pages pass in; unknown references are reported, not guessed.
 */
import { urlOf } from '../links/anchors.ts';
import { firstOwnWords } from '../text/excerpt.ts';
import { paragraphKey } from '../text/quotes.ts';
import { attributionOf, authorLabel, type Attribution, type LabelForm } from '../text/attribution.ts';

interface CommentIn {
  id: string;
  author: Attribution;
  /** The comment's text; its first own words become the passage's `opening`. */
  paragraphs?: readonly { text: string; line?: number; col?: number | undefined; quote?: boolean | undefined }[] | undefined;
}

export interface PassageIndexInput {
  essays: readonly {
    slug: string;
    title: string;
    author: Attribution;
    sections: readonly { id: string; heading: string | null; blocks: readonly { kind: string; id?: string; label?: string }[] }[];
  }[];
  threads: readonly { slug: string; title: string; comments: readonly CommentIn[] }[];
  /** Profile exports, shown on /people/<person>/. */
  profiles: readonly { person: string; personName: string; comments: readonly CommentIn[] }[];
  /**
   * Paragraphs of a comment (by paragraphKey) that the quote matcher found whole in another passage,
   * by reference; they are someone else's words, so a comment's opening skips them as it skips
   * paragraphs marked as quotes.
   */
  quoted?: (ref: string) => ReadonlySet<string>;
}

export interface PassageInfo {
  /** The reference as written: `essays/x#anchor`. */
  ref: string;
  url: string;
  kind: 'essay' | 'section' | 'list-note' | 'thread' | 'comment' | 'person';
  /** Where it is, for a link list: "section “Definition” of the essay “…”". */
  where: string;
  /** Who wrote it; null for our own editor's notes and whole pages. */
  author: Attribution | null;
  /** For a comment: its first own words (quoted lines skipped), so readers can tell comments apart. */
  opening?: string;
}

const OPENING = 72;

function opening(c: CommentIn, quoted: ReadonlySet<string>): { opening?: string } {
  const text = firstOwnWords(c.paragraphs ?? [], (p) => Boolean(p.quote) || (p.line !== undefined && quoted.has(paragraphKey(p.line, p.col))), OPENING);
  return text ? { opening: text } : {};
}

/**
 * A short name for a thread's post: the quoted title inside an announcement ("New report: \"X: Y\""
 * gives X), else the title up to a colon, else the whole title.
 */
export function shortTitle(title: string): string {
  const quoted = /["“]([^"”]+)["”]/.exec(title)?.[1];
  const base = (quoted ?? title).trim();
  const colon = base.indexOf(': ');
  return colon > 0 ? base.slice(0, colon) : base;
}

/** Index of every passage a claim or term may cite, keyed by reference (`threads/x#c-1`). */
export function passageIndex(input: PassageIndexInput): Map<string, PassageInfo> {
  const map = new Map<string, PassageInfo>();
  const none = new Set<string>();
  const quoted = (ref: string) => input.quoted?.(ref) ?? none;
  const put = (ref: string, info: Omit<PassageInfo, 'ref' | 'url'>) => map.set(ref, { ref, url: urlOf(ref), ...info });
  for (const e of input.essays) {
    const page = `essays/${e.slug}`;
    put(page, { kind: 'essay', where: `the essay “${e.title}”`, author: attributionOf(e.author) });
    for (const s of e.sections) {
      put(`${page}#${s.id}`, {
        kind: 'section',
        where: s.heading ? `section “${s.heading}” of the essay “${e.title}”` : `the opening note of the essay “${e.title}”`,
        author: attributionOf(e.author),
      });
      for (const b of s.blocks) {
        if (b.kind === 'missing-list' && b.id) {
          put(`${page}#${b.id}`, { kind: 'list-note', where: `editor's note on a lost list in “${s.heading ?? e.title}”`, author: null });
        }
      }
    }
  }
  for (const t of input.threads) {
    const page = `threads/${t.slug}`;
    const name = shortTitle(t.title);
    put(page, { kind: 'thread', where: `the thread on “${name}”`, author: null });
    for (const c of t.comments)
      put(`${page}#${c.id}`, { kind: 'comment', where: `a comment on “${name}”`, author: attributionOf(c.author), ...opening(c, quoted(`${page}#${c.id}`)) });
  }
  for (const p of input.profiles) {
    const page = `people/${p.person}`;
    if (!map.has(page)) put(page, { kind: 'person', where: `${p.personName}'s page`, author: null });
    for (const c of p.comments)
      put(`${page}#${c.id}`, {
        kind: 'comment',
        where: `a comment from ${p.personName}'s profile`,
        author: attributionOf(c.author),
        ...opening(c, quoted(`${page}#${c.id}`)),
      });
  }
  return map;
}

/** Who wrote a listed passage, for "by …": our editors for our own notes, else the attributed name. */
export function passageAuthorLabel(author: Attribution | null, form: LabelForm = 'phrase'): string {
  if (author) return authorLabel(author, form);
  return form === 'label' ? 'This site’s editors' : 'this site’s editors';
}

/** How a list tells apart links that would otherwise read the same. */
export interface LinkDistinction {
  /** Put the passage's opening words inside the link ("a comment on “X”, beginning “…”"). */
  opening: boolean;
  /** When even the opening words repeat: a number to add ("(2)"), counting from 1 in list order. */
  ordinal?: number;
}

/**
 * For a list of passages shown as links by their `where` ("a comment on “Scheming AIs”"), what
 * each link must add so that no two links to different places read the same: the opening words
 * where the `where` repeats, and a number where those repeat too. Links to one place may match.
 */
export function distinctLinks(items: readonly (Pick<PassageInfo, 'url' | 'where' | 'opening'> | undefined)[]): LinkDistinction[] {
  const targets = new Map<string, Set<string>>();
  const add = (key: string, url: string) => targets.set(key, (targets.get(key) ?? new Set()).add(url));
  for (const i of items) if (i) add(i.where, i.url);
  const withOpening = (i: Pick<PassageInfo, 'where' | 'opening'>) => JSON.stringify([i.where, i.opening ?? '']);
  const repeats = (key: string) => (targets.get(key)?.size ?? 0) > 1;
  for (const i of items) if (i && repeats(i.where)) add(withOpening(i), i.url);
  const seen = new Map<string, string[]>();
  return items.map((i) => {
    if (!i || !repeats(i.where)) return { opening: false };
    const key = withOpening(i);
    const opening = i.opening !== undefined;
    if (!repeats(key)) return { opening };
    const urls = seen.get(key) ?? [];
    if (!urls.includes(i.url)) urls.push(i.url);
    seen.set(key, urls);
    return { opening, ordinal: urls.indexOf(i.url) + 1 };
  });
}

/** References missing from the index, as messages naming the file. */
export function unknownPassages(where: string, refs: readonly string[], index: ReadonlyMap<string, PassageInfo>): string[] {
  return refs.filter((r) => !index.has(r)).map((r) => `${where}: sources: no passage "${r}"`);
}
