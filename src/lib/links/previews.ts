import { firstOwnWords } from '../text/excerpt.ts';
import { paragraphKey } from '../text/quotes.ts';
import { attributionOf, authorLabel, type Attribution } from '../text/attribution.ts';

/** What a link preview shows: where the passage is, who wrote it, and its first lines. */
export interface Preview {
  title: string;
  /** Who wrote a source passage, with how that is known; the card shows it through `previewByline`. */
  author?: Attribution;
  /** For our own pages, which have no author: what the card says instead ("Glossary · our definition"). */
  byline?: string;
  date?: string;
  text: string;
}

/** The author line a preview card shows: the attributed name with its status, or our own byline. */
export function previewByline(p: Preview): string | undefined {
  return p.author ? authorLabel(p.author, 'label') : p.byline;
}

/** Previews of one page, keyed by anchor id; the key '' previews the page itself. */
export type PreviewMap = Record<string, Preview>;

interface ParagraphLike {
  text: string;
  line?: number;
  col?: number | undefined;
  quote?: boolean | undefined;
}

/**
 * First lines of a passage, skipping quotations so the preview shows the writer's own words:
 * paragraphs marked as quotes, and those the quote matcher found whole in another passage
 * (`quoting`, by paragraphKey).
 */
export function previewText(paragraphs: readonly ParagraphLike[], max = 280, quoting: ReadonlySet<string> = new Set()): string {
  return firstOwnWords(paragraphs, (p) => Boolean(p.quote) || (p.line !== undefined && quoting.has(paragraphKey(p.line, p.col))), max);
}

interface CommentLike {
  id: string;
  author: Attribution;
  date: string | null;
  paragraphs: readonly ParagraphLike[];
}

/**
 * Previews for a thread page and every comment on it. `quoting` gives, per comment id, the
 * paragraphs that are wholly quotations (see previewText).
 */
export function threadPreviews(
  pageTitle: string,
  comments: readonly CommentLike[],
  quoting: (id: string) => ReadonlySet<string> = () => new Set(),
): PreviewMap {
  const map: PreviewMap = { '': { title: pageTitle, text: `${comments.length} comments` } };
  for (const c of comments) {
    const p: Preview = { title: `Comment on ${pageTitle}`, author: attributionOf(c.author), text: previewText(c.paragraphs, 280, quoting(c.id)) };
    if (c.date) p.date = c.date;
    map[c.id] = p;
  }
  return map;
}

interface SectionLike {
  id: string;
  heading: string | null;
  blocks: readonly ({ kind: 'p'; text: string; quote?: boolean | undefined } | { kind: 'missing-list'; id: string; label: string })[];
}

/** Previews for an essay page, each section, and each editorial note about a lost list. */
export function essayPreviews(title: string, author: Attribution, sections: readonly SectionLike[]): PreviewMap {
  const by = attributionOf(author);
  const first = sections.flatMap((s) => s.blocks).filter((b): b is { kind: 'p'; text: string } => b.kind === 'p');
  const map: PreviewMap = { '': { title, author: by, text: previewText(first) } };
  for (const s of sections) {
    const paras = s.blocks.filter((b): b is { kind: 'p'; text: string; quote?: boolean | undefined } => b.kind === 'p');
    map[s.id] = { title: `${s.heading ?? 'Opening'} · ${title}`, author: by, text: previewText(paras) };
    for (const b of s.blocks) {
      if (b.kind === 'missing-list') map[b.id] = { title: `Editor's note · ${title}`, text: `A list the export lost: ${b.label}.` };
    }
  }
  return map;
}

/** The JSON file holding a page's previews, e.g. `/previews/threads/x.json` for `/threads/x/`. */
export function previewFileFor(pagePath: string): string | null {
  const m = /^\/(essays|threads|people|arguments|glossary)\/([a-z0-9-]+)\/$/.exec(pagePath);
  return m ? `/previews/${m[1]}/${m[2]}.json` : null;
}

/**
 * The JSON file holding a source page's passage texts (`/previews/threads/x.text.json`), which a
 * preview of a quote link reads to show the quoted words in their context; null for other pages.
 */
export function previewTextFileFor(pagePath: string): string | null {
  const m = /^\/(essays|threads|people)\/([a-z0-9-]+)\/$/.exec(pagePath);
  return m ? `/previews/${m[1]}/${m[2]}.text.json` : null;
}
