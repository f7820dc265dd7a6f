/**
 * The text of our source pages as a browser would search it for a text fragment: each page's
 * blocks in page order, and where each passage (section, comment, note) lies in it. Built from the
 * collection data, not the HTML, so it is known before any page renders; it repeats the text that
 * pages show twice (titles, a comment's first words in headings and contents lists, summaries,
 * backlinks' citing sentences) so a directive chosen here does not land on the copy. tests/e2e/landing.test.ts checks the choice
 * against the built pages.
 */
import { excerpt } from '../text/excerpt.ts';
import { buildCommentTree, readingOrder, type TreeComment } from '../threads/tree.ts';
import { flattenBlock, indexText, type IndexedText, type Span } from './text-match.ts';

/** One page's searchable text and where its passages are, by anchor. */
export interface PageText {
  text: IndexedText;
  passages: ReadonlyMap<string, Span>;
}

/**
 * How much of a comment's first words the pages repeat (the visually hidden heading, contents
 * lists, "the comment beginning …"): the longest such copy, so any of them is covered.
 */
export const OPENING_COPY = 120;

/** Collects blocks and passage spans while a page's text is laid out. */
class Layout {
  private readonly blocks: string[] = [];
  private length = 0;
  readonly passages = new Map<string, Span>();

  /** Adds a block; returns its span (empty blocks are skipped and return null). */
  add(text: string): Span | null {
    const flat = flattenBlock(text);
    if (!flat) return null;
    const start = this.blocks.length ? this.length + 1 : 0;
    this.blocks.push(flat);
    this.length = start + flat.length;
    return { start, end: this.length };
  }

  /** Records a passage covering the blocks added by `fill`. */
  passage(anchor: string, fill: () => void): void {
    const from = this.blocks.length ? this.length + 1 : 0;
    fill();
    if (this.length > from) this.passages.set(anchor, { start: from, end: this.length });
  }

  done(): PageText {
    return { text: indexText(this.blocks.join('\n')), passages: this.passages };
  }
}

interface ParagraphLike {
  text: string;
  quote?: boolean | undefined;
}

/** Essay data as the page shows it. */
export interface EssayTextInput {
  title: string;
  /** Our summary box and other prose shown above the text, as plain text. */
  above?: readonly string[];
  /** What the page shows after a passage (its backlinks' citing words), by anchor. */
  after?: (anchor: string) => readonly string[];
  sections: readonly {
    id: string;
    heading: string | null;
    blocks: readonly ({ kind: 'p'; text: string } | { kind: 'missing-list'; id: string; label: string; items: readonly { text: string }[] })[];
  }[];
}

/** An essay page's text: title, prose above, the contents (headings), then each section's heading and paragraphs. */
export function essayText(input: EssayTextInput): PageText {
  const page = new Layout();
  page.add(input.title);
  for (const a of input.above ?? []) page.add(a);
  // The contents list repeats every heading above the text.
  for (const s of input.sections) if (s.heading) page.add(s.heading);
  for (const s of input.sections) {
    page.passage(s.id, () => {
      if (s.heading) page.add(s.heading);
      for (const b of s.blocks) {
        if (b.kind === 'p') page.add(b.text);
        else
          page.passage(b.id, () => {
            page.add(b.label);
            for (const item of b.items) page.add(item.text);
          });
      }
    });
    for (const a of input.after?.(s.id) ?? []) page.add(a);
  }
  return page.done();
}

/** Comment-page data as the page shows it. */
export interface CommentsTextInput<C extends TreeComment & { paragraphs: readonly ParagraphLike[] }> {
  title: string;
  above?: readonly string[];
  /** What the page shows after a comment (its backlinks' citing words), by anchor. */
  after?: (anchor: string) => readonly string[];
  comments: readonly C[];
  /** A comment's own first words (quotations skipped), which headings and lists repeat. */
  opening: (c: C) => string;
}

/**
 * A thread's (or profile's) text: title, prose above, every comment's first words as a contents
 * list would show them, then the comments in reading order, each with its first words (its
 * heading) before its paragraphs. The passage of a comment is its paragraphs alone.
 */
export function commentsText<C extends TreeComment & { paragraphs: readonly ParagraphLike[] }>(input: CommentsTextInput<C>): PageText {
  const page = new Layout();
  page.add(input.title);
  for (const a of input.above ?? []) page.add(a);
  const order = readingOrder(buildCommentTree(input.comments));
  // Each comment's openings appear twice (the contents list, then its heading): worked out once.
  const known = new Map<C, string[]>();
  const openings = (c: C) => {
    let got = known.get(c);
    if (!got) {
      const own = excerpt(input.opening(c), OPENING_COPY);
      const first = excerpt(c.paragraphs.find((p) => !p.quote)?.text ?? c.paragraphs[0]?.text ?? '', OPENING_COPY);
      known.set(c, (got = own === first ? [own] : [own, first]));
    }
    return got;
  };
  for (const c of order) for (const o of openings(c)) page.add(o);
  for (const c of order) {
    for (const o of openings(c)) page.add(o);
    page.passage(c.id, () => {
      for (const p of c.paragraphs) page.add(p.text);
    });
    for (const a of input.after?.(c.id) ?? []) page.add(a);
  }
  return page.done();
}

/** Our MDX prose (a summary box) as the words a reader sees: tags and link targets dropped. */
export function plainProse(mdx: string): string {
  return flattenBlock(
    mdx
      .replace(/<[^>]*>/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/[*_`]/g, ''),
  );
}

/** Each passage's text by anchor (blocks joined by "\n"), as a preview file serves it. */
export function passageTexts(page: PageText): Record<string, string> {
  return Object.fromEntries([...page.passages].map(([anchor, span]) => [anchor, page.text.text.slice(span.start, span.end)]));
}
