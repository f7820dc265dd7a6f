/**
 * Importer core for a thread saved from a ForumMagnum GraphQL endpoint (JSON), beside parse.ts
 * for plain-text exports: data → the same thread (and essay) frontmatter, checked by the site's
 * schemas. No fs or process here. Every problem is a SourceError `file: $.json.path: message`.
 *
 * What comes from where: the comment anchor is `c-<_id>` (the forum's own id, so our links and
 * the forum's `?commentId=` links name the same comment); the reply tree is the forum's
 * `parentCommentId`; the text is the forum's HTML made safe by src/lib/forum (blocks with their
 * sanitized HTML and plain text, a blockquote's blocks marked as quotation so the site's quote
 * matcher sources them); authors are "recorded" and link to a person only by the forum user slug
 * in one of the person's forum profile addresses, or by their exact display name.
 */
import { essaySchema } from '../schemas/essay.ts';
import { threadsCollectionSchema } from '../schemas/thread.ts';
import { SourceError } from '../lib/threads/errors.ts';
import { matchPerson, visible, type PersonRecord } from '../lib/threads/names.ts';
import { slugify } from '../lib/threads/slug.ts';
import { isSlug } from '../lib/links/anchors.ts';
import { convertForumHtml, type ForumBlock, type ForumHeading } from '../lib/forum/html.ts';
import { ForumInputError, readForumThread, type ForumComment, type ForumUser } from '../lib/forum/input.ts';
import { commentUrl, forumOf, licenceFor, postUrl, profileSlug, type ForumSite } from '../lib/forum/site.ts';
import type { ImportResult, ImportWarning } from './parse.ts';

/** What the CLI hands over for a forum import. */
export interface ForumImportInput {
  /** The file's path as the user gave it (for messages). */
  file: string;
  text: string;
  /** The file's path relative to the output root, e.g. `content/sources/lw-thread.json`. */
  from: string;
  slug?: string | undefined;
  /** People with a page, with the forum profile addresses their pages list. */
  people?: readonly (PersonRecord & { profiles?: readonly string[] })[] | undefined;
}

/**
 * Whether a file's text is JSON (forum data) rather than a plain-text export: it starts with `{`,
 * or it starts with `[` and parses (an export's title line may start with "[Linkpost]").
 */
export function looksLikeForumJson(text: string): boolean {
  if (/^\uFEFF?\s*\{/.test(text)) return true;
  if (!/^\uFEFF?\s*\[/.test(text)) return false;
  try {
    JSON.parse(text.replace(/^\uFEFF/, ''));
    return true;
  } catch {
    return false;
  }
}

/** An ISO date (UTC) as our files record dates: `YYYY-MM-DDTHH:MM`, in UTC. */
function minuteOf(iso: string): string {
  return iso.slice(0, 16);
}

/** Ids a section heading may not take: the page's own landmarks and furniture. */
const RESERVED_IDS = new Set([
  'main',
  'top',
  'comments',
  'contents',
  'on-this-page',
  'our-summary',
  'post-body-missing',
  'attribution-heading',
  'site-menu',
  'site-search',
]);

/** A section id from a heading: its slug, never a reserved or comment-like id, unique on the page. */
function sectionId(heading: string, used: Set<string>): string {
  let base = slugify(heading) || 'section';
  if (!/^[a-z]/.test(base) || base.startsWith('c-') || RESERVED_IDS.has(base)) base = `section-${base}`;
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
  used.add(id);
  return id;
}

type Author = { name: string | null; person: string | null; status: 'recorded' | 'unknown'; note?: string | undefined };

function convert(html: string, scope: string, site: ForumSite, headings: 'sections' | 'inline'): (ForumBlock | ForumHeading)[] {
  return convertForumHtml(html, { scope, origin: site.origin, headings });
}

/** Builds the thread (and essay, when the post has text) of a saved forum thread; throws SourceError on any problem. */
export function importForumThread(input: ForumImportInput): ImportResult {
  const file = input.file;
  const fail = (path: string, message: string): never => {
    throw new SourceError(file, null, `${path}: ${message}`);
  };
  let json: unknown;
  try {
    json = JSON.parse(input.text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail('$', `not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  let thread;
  try {
    thread = readForumThread(json);
  } catch (e) {
    if (e instanceof ForumInputError) return fail(e.path, e.detail);
    throw e;
  }
  const { post } = thread;
  const site =
    forumOf(post.pageUrl) ??
    fail(`${post.path}.pageUrl`, `${JSON.stringify(post.pageUrl)} is not a post address on LessWrong, the Alignment Forum or the EA Forum`);
  if (!/^content\/sources\/[^/]+\.json$/.test(input.from)) {
    fail('$', `forum data must live in content/sources/ under the output root (got ${input.from})`);
  }
  if (input.slug !== undefined && !isSlug(input.slug))
    throw new SourceError('--slug', null, `the slug "${input.slug}" is not a valid slug: it must be lower-case words joined by hyphens`);
  const slug = input.slug ?? (post.slug && isSlug(post.slug) ? post.slug : slugify(post.title));
  if (!isSlug(slug)) fail(`${post.path}.title`, 'no slug can be made from the title; pass --slug <slug>');

  const warnings: ImportWarning[] = [];
  const unlinked = new Set<string>();
  const people = input.people ?? [];
  const authorOf = (user: ForumUser | null, path: string, deleted: boolean): Author => {
    if (!user) {
      return {
        name: null,
        person: null,
        status: 'unknown',
        note: deleted ? 'The forum withholds the author of a deleted comment.' : 'The forum’s data names no author (the account may have been deleted).',
      };
    }
    const bySlug = people.find((p) => (p.profiles ?? []).some((u) => profileSlug(u, site.accounts) === user.slug));
    if (bySlug) return { name: user.displayName, person: bySlug.slug, status: 'recorded' };
    const m = matchPerson(user.displayName, people);
    if (m && !m.exact) {
      warnings.push({
        file,
        line: null,
        message: `${path}.user: author "${visible(user.displayName)}" only looks like ${m.person.name} (content/people/${m.person.slug}.mdx), so it is not linked to that page; if it really is them, add their forum profile address (…/users/${user.slug}) to that page's profiles`,
      });
    }
    if (!m?.exact) unlinked.add(`${user.displayName} (${user.slug})`);
    return { name: user.displayName, person: m?.exact ? m.person.slug : null, status: 'recorded' };
  };

  // Block numbers stand in for an export's line numbers: the post's blocks first, then each
  // comment's in the order the page shows them, so every paragraph has its own key.
  let line = 1;
  const postParts = post.html === null ? [] : convert(post.html, post.id, site, 'sections');
  const hasBody = postParts.some((p) => p.kind === 'block');
  const sections: Record<string, unknown>[] = [];
  if (hasBody) {
    const levels = [...new Set(postParts.flatMap((p) => (p.kind === 'heading' ? [p.level] : [])))].sort((a, b) => a - b);
    const used = new Set<string>();
    let current: { id: string; heading: string | null; line: number | null; level: number; first: number; blocks: Record<string, unknown>[] } | null = null;
    const close = () => {
      if (current)
        sections.push({
          id: current.id,
          heading: current.heading,
          line: current.line,
          level: current.level,
          lines: [current.first, Math.max(current.first, line - 1)],
          blocks: current.blocks,
        });
    };
    for (const part of postParts) {
      if (part.kind === 'heading') {
        close();
        const at = line++;
        current = { id: sectionId(part.text, used), heading: part.text, line: at, level: Math.min(4, 2 + levels.indexOf(part.level)), first: at, blocks: [] };
        continue;
      }
      if (!current) {
        used.add('post');
        current = { id: 'post', heading: null, line: null, level: 2, first: line, blocks: [] };
      }
      current.blocks.push({ kind: 'p', text: part.text, line: line++, quote: part.quote ? true : undefined, html: part.html });
    }
    close();
  }

  // Oldest first, as the forum's "old" ordering shows them: the quote matcher treats earlier comments as possible sources.
  const ordered = [...thread.comments].sort((a, b) => (a.postedAt < b.postedAt ? -1 : a.postedAt > b.postedAt ? 1 : a.id < b.id ? -1 : 1));
  const comments = ordered.map((c: ForumComment) => {
    const first = line;
    const blocks = c.html === null ? [] : convert(c.html, c.id, site, 'inline').filter((b): b is ForumBlock => b.kind === 'block');
    const paragraphs = blocks.map((b) => ({ text: b.text, line: line++, quote: b.quote ? true : undefined, html: b.html }));
    if (paragraphs.length === 0 && !c.deleted) {
      fail(`${c.path}.contents.html`, 'holds no text once converted; if the comment really is empty, remove it from the file (or mark it deleted)');
    }
    return {
      id: `c-${c.id}`,
      originalId: c.id,
      author: authorOf(c.user, c.path, c.deleted),
      date: minuteOf(c.postedAt),
      karma: c.baseScore,
      replyTo: c.parentId === null ? { kind: 'post' } : { kind: 'comment', id: `c-${c.parentId}` },
      url: commentUrl(post.pageUrl, c.id),
      confidence: 'high',
      lines: [first, Math.max(first, line - 1)],
      deleted: c.deleted ? true : undefined,
      retracted: c.retracted ? true : undefined,
      paragraphs,
    };
  });

  const command = ['npm run import --', input.from, ...(input.slug ? ['--slug', input.slug] : [])].join(' ');
  const generated = { from: input.from, segments: null, command };
  const origin = {
    site: site.name,
    url: postUrl(post.pageUrl),
    mirrors: [],
    date: minuteOf(post.postedAt),
    note: `Imported from ${site.name}’s own data (its GraphQL API): comment ids, reply links, dates and karma are the forum’s. Times are UTC.`,
  };
  const postAuthor = authorOf(post.user, post.path, false);
  const threadData = {
    type: 'thread',
    title: post.title,
    generated,
    origin,
    licence: licenceFor(
      site,
      'comments',
      ordered.map((c) => c.postedAt),
    ),
    post: {
      title: post.title,
      author: postAuthor,
      date: minuteOf(post.postedAt),
      karma: post.baseScore,
      body: hasBody ? 'essay' : 'absent',
      essay: hasBody ? slug : undefined,
      bodyNote: hasBody ? undefined : 'The forum’s data holds no text for this post (a link post, or one whose text was not saved).',
    },
    comments,
  };
  const essayData = hasBody
    ? {
        type: 'essay',
        title: post.title,
        author: postAuthor,
        origin,
        licence: licenceFor(site, 'post', [post.postedAt]),
        thread: slug,
        generated,
        sections,
      }
    : null;

  const check = (schema: typeof threadsCollectionSchema | typeof essaySchema, data: unknown, kind: string) => {
    const r = schema.safeParse(data);
    if (r.success) return;
    const issue = r.error.issues[0];
    const path = issue?.path ?? [];
    const c = path[0] === 'comments' && typeof path[1] === 'number' ? ordered[path[1]] : undefined;
    const at = c ? c.path : post.path;
    fail(at, `the generated ${kind} "${slug}" fails the site schema at ${path.map(String).join('.')}: ${issue?.message ?? 'invalid'}`);
  };
  check(threadsCollectionSchema, threadData, 'thread');
  if (essayData) check(essaySchema, essayData, 'essay');
  if (unlinked.size > 0) {
    warnings.push({
      file,
      line: null,
      message: `${unlinked.size} author(s) have no page under content/people and are shown unlinked: ${[...unlinked].slice(0, 8).join(', ')}${unlinked.size > 8 ? ', …' : ''}. To link one, add content/people/<slug>.mdx with their display name as "name" or their forum profile address in "profiles"`,
    });
  }
  return { thread: { slug, data: threadData }, essay: essayData ? { slug, data: essayData } : null, command, warnings };
}
