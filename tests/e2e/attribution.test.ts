import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { load } from 'js-yaml';
import { hrefOf } from '../../src/lib/site/routes.ts';
import { HTMLElement, parse } from 'node-html-parser';
import type { Page } from 'playwright-core';
import { DIST, dom, expectNone, expectSome, pages, startSearchSession, type Session } from './helpers.ts';

// Attribution status travels with the name: wherever the built site names the author of a comment
// the editors only inferred (or whose author the export lost), the label says so. The comments are
// read from the content files, so a newly inferred attribution is checked without editing this test.

interface SourceComment {
  /** URL path of the page showing the comment. */
  page: string;
  id: string;
  name: string | null;
  status: 'recorded' | 'verified' | 'inferred' | 'unknown';
  /** The thread's label for an unrecorded writer the editors read as one person ("Commenter A"). */
  label?: string | undefined;
  /** Id of the comment this one answers, if any. */
  replyTo: string | null;
}

const UNRECORDED = 'not recorded in the export';

/** Every comment in content/threads/*.mdx, with the page it is shown on (thread or person page). */
function sourceComments(): SourceComment[] {
  const out: SourceComment[] = [];
  for (const file of readdirSync('content/threads').filter((f) => f.endsWith('.mdx'))) {
    const fm = load(readFileSync(join('content/threads', file), 'utf8').split(/^---$/m)[1] ?? '') as {
      type: 'thread' | 'profile';
      person?: string;
      comments: { id: string; author: { name: string | null; status: SourceComment['status']; label?: string }; replyTo: { kind: string; id?: string } }[];
    };
    const page = fm.type === 'profile' ? hrefOf('person', fm.person ?? '') : hrefOf('thread', file.replace(/\.mdx$/, ''));
    for (const c of fm.comments)
      out.push({
        page,
        id: c.id,
        name: c.author.name,
        status: c.author.status,
        label: c.author.label,
        replyTo: c.replyTo.kind === 'comment' ? (c.replyTo.id ?? null) : null,
      });
  }
  return out;
}

/** Names of each person's unconfirmed public names, from content/people. */
function possibleNames(): { person: string; name: string }[] {
  return readdirSync('content/people')
    .filter((f) => f.endsWith('.mdx'))
    .flatMap((f) => {
      const fm = load(readFileSync(join('content/people', f), 'utf8').split(/^---$/m)[1] ?? '') as { possibleNames?: { name: string }[] };
      return (fm.possibleNames ?? []).map((n) => ({ person: f.replace(/\.mdx$/, ''), name: n.name }));
    });
}

const all = sourceComments();
const uncertain = all.filter((c) => c.status === 'inferred' || c.status === 'unknown');
const byTarget = new Map(uncertain.map((c) => [`${c.page}#${c.id}`, c]));
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The uncertain comment a link on `path` points at, if any. */
function targetOf(path: string, href: string): SourceComment | undefined {
  const url = new URL(href, `http://site${path}`);
  return url.host === 'site' ? byTarget.get(`${url.pathname}${url.hash}`) : undefined;
}

/**
 * What is wrong with one piece of text naming (or standing for) the author of `c`: an inferred
 * name not followed by "(inferred)", or an unrecorded author described without the export wording.
 */
function labelProblem(text: string, c: SourceComment): string | null {
  const t = clean(text);
  if (c.status === 'inferred' && c.name) {
    for (let at = t.indexOf(c.name); at >= 0; at = t.indexOf(c.name, at + 1)) {
      if (!t.startsWith(`${c.name} (inferred)`, at)) return `"${t}" names ${c.name} without "(inferred)"`;
    }
    return null;
  }
  // An unrecorded author has no name to look for. Prose may say "a commenter"; a label that says
  // the author is missing must use the export wording rather than a vaguer one ("Unrecorded author").
  if (c.status === 'unknown' && /unrecorded author|unknown author|author not recorded(?! in the export)/i.test(t))
    return `"${t}" describes the unrecorded author without "${UNRECORDED}"`;
  return null;
}

/** Links on one page to an inferred or unrecorded comment whose text, title or label drops the status. */
function linkProblems(path: string, root: HTMLElement): string[] {
  const problems: string[] = [];
  for (const a of root.querySelectorAll('a[href]')) {
    const c = targetOf(path, a.getAttribute('href') ?? '');
    if (!c) continue;
    // The link itself, and the short labels beside it in a list entry ("by …" in passage lists).
    const li = a.closest('li');
    const beside = li ? li.childNodes.filter((n): n is HTMLElement => n instanceof HTMLElement && ['SMALL', 'STRONG'].includes(n.tagName)) : [];
    const texts = [a.textContent, a.getAttribute('title') ?? '', a.getAttribute('aria-label') ?? '', ...beside.map((b) => b.textContent)];
    for (const t of texts) {
      const p = labelProblem(t, c);
      if (p) problems.push(`${path}: link to #${c.id}: ${p}`);
    }
  }
  return problems;
}

// Attributes that hold the raw name beside its status attribute, or no label at all.
const RAW_ATTRIBUTES = new Set(['href', 'id', 'class', 'datetime', 'data-search-author', 'data-search-reply-to', 'data-search-anchor']);

/** The comment's own article: status attributes, and every label outside the comment's text. */
function articleProblems(path: string, root: HTMLElement, c: SourceComment): string[] {
  const problems: string[] = [];
  const article = root.querySelector(`article[id="${c.id}"]`);
  if (!article) return [`${path}: no article #${c.id}`];
  const say = (p: string | null) => p && problems.push(`${path}#${c.id}: ${p}`);
  if (article.getAttribute('data-search-author-status') !== c.status)
    say(`data-search-author-status is "${article.getAttribute('data-search-author-status') ?? ''}", not "${c.status}"`);
  if ((article.getAttribute('data-search-author') ?? null) !== c.name) say(`data-search-author is "${article.getAttribute('data-search-author') ?? ''}"`);
  // Work on a copy: the source text, quoted excerpts and attribution notes are not labels.
  const copy = parse(article.outerHTML);
  for (const skip of copy.querySelectorAll('.comment-body, q, details, .backlink-excerpt')) skip.remove();
  const wrap = copy.querySelector('.comment-head .author-wrap');
  if (c.status === 'inferred' && !wrap?.querySelector('.tag.inferred')) say('the visible name has no "inferred" tag');
  // An unrecorded writer the editors read as one person shows the thread's label ("Commenter A")
  // with a tag saying the name is not recorded; any other unrecorded one says so in full.
  const label = c.label ? wrap?.querySelector('.author.labelled')?.textContent : undefined;
  if (c.label && (label !== c.label || !/^name not recorded/.test(wrap?.querySelector('.tag')?.textContent ?? '')))
    say(`the header shows "${wrap?.textContent.trim() ?? ''}", not the label ${c.label} tagged "name not recorded"`);
  wrap?.remove();
  if (c.status === 'unknown' && !c.label && !copy.querySelector('.comment-head')?.textContent.includes('Author not recorded in the export'))
    say('the header does not say the author is not recorded');
  for (const el of [copy, ...copy.querySelectorAll('*')]) {
    for (const [k, v] of Object.entries(el.attributes)) if (!RAW_ATTRIBUTES.has(k)) say(labelProblem(v, c) && `${k}: ${labelProblem(v, c) ?? ''}`);
  }
  for (const part of copy.querySelectorAll('.comment-head, .comment-context, .comment-foot')) say(labelProblem(part.textContent, c));
  // The list of replies under the comment is labelled with its author too.
  const replies = article.parentNode.childNodes.find(
    (n): n is HTMLElement => n instanceof HTMLElement && n.tagName === 'OL' && n.classList.contains('replies'),
  );
  if (replies) say(labelProblem(replies.getAttribute('aria-label') ?? '', c));
  return problems;
}

/** Comments answering an uncertain comment carry the parent's status in their reply-to search data. */
function replyDataProblems(path: string, root: HTMLElement): string[] {
  const problems: string[] = [];
  for (const el of root.querySelectorAll('article[data-search-reply-to-status]')) {
    const href = el.querySelector('.comment-context a[href^="#"]')?.getAttribute('href');
    const parent = href ? byTarget.get(`${path}${href}`) : undefined;
    if (parent && el.getAttribute('data-search-reply-to-status') !== parent.status)
      problems.push(`${path}#${el.id}: replies to #${parent.id} but its reply-to status is not "${parent.status}"`);
  }
  return problems;
}

/** Preview files: authors are objects with a status, and uncertain comments keep theirs. */
function previewProblems(file: string, map: Record<string, { author?: unknown; title?: string }>, page: string | null): string[] {
  const problems: string[] = [];
  for (const [key, p] of Object.entries(map)) {
    if (p.author !== undefined) {
      const a = p.author as { name?: unknown; status?: unknown };
      if (typeof a !== 'object' || a === null || typeof a.status !== 'string')
        problems.push(`${file} [${key}]: author ${JSON.stringify(p.author)} carries no status`);
    }
    const c = page ? byTarget.get(`${page}#${key}`) : undefined;
    if (!c) continue;
    const a = p.author as { name?: unknown; status?: unknown } | undefined;
    if (a?.status !== c.status || (a?.name ?? null) !== c.name)
      problems.push(`${file} [${key}]: author ${JSON.stringify(p.author)}, expected ${JSON.stringify({ name: c.name, status: c.status })}`);
    const t = labelProblem(p.title ?? '', c);
    if (t) problems.push(`${file} [${key}]: title ${t}`);
  }
  return problems;
}

/** Every preview JSON file under dist/previews, with the page it previews. */
function previewFiles(): { file: string; page: string | null; map: Record<string, { author?: unknown; title?: string }> }[] {
  const out: { file: string; page: string | null; map: Record<string, { author?: unknown; title?: string }> }[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.json')) {
        const rel = relative(join(DIST, 'previews'), full).split(sep).join('/');
        const m = /^([a-z]+)\/([a-z0-9-]+)\.json$/.exec(rel);
        out.push({ file: rel, page: m ? `/${m[1]}/${m[2]}/` : null, map: JSON.parse(readFileSync(full, 'utf8')) as Record<string, { author?: unknown }> });
      }
    }
  };
  walk(join(DIST, 'previews'));
  return out;
}

describe('attribution status on every built page', () => {
  test('the content has inferred and unrecorded comments to check', () => {
    expectSome(
      uncertain.filter((c) => c.status === 'inferred'),
      'inferred comments in content/threads',
    );
    expectSome(
      uncertain.filter((c) => c.status === 'unknown'),
      'unrecorded comments in content/threads',
    );
  });

  test('every link to an inferred or unrecorded comment carries the status wherever it names the author', () => {
    const problems: string[] = [];
    let links = 0;
    for (const { path } of pages()) {
      const root = dom(path);
      links += root.querySelectorAll('a[href]').filter((a) => targetOf(path, a.getAttribute('href') ?? '')).length;
      problems.push(...linkProblems(path, root));
    }
    expect(links, 'links to inferred or unrecorded comments').toBeGreaterThan(uncertain.length);
    expectNone(problems, 'links that name an author without the attribution status');
  });

  test('every inferred or unrecorded comment labels its author with the status (header, headings, search data, replies)', () => {
    const problems = uncertain.flatMap((c) => articleProblems(c.page, dom(c.page), c));
    for (const page of new Set(uncertain.map((c) => c.page))) problems.push(...replyDataProblems(page, dom(page)));
    expectNone(problems, 'comment labels without the attribution status');
  });

  test('the thread header lists inferred authors as inferred and counts the unrecorded ones', () => {
    const problems: string[] = [];
    for (const page of new Set(uncertain.map((c) => c.page))) {
      const dd = dom(page)
        .querySelectorAll('dt')
        .find((dt) => /^Authors?$/.test(dt.textContent.trim()))?.nextElementSibling;
      if (!dd) {
        problems.push(`${page}: no Authors line`);
        continue;
      }
      const onPage = all.filter((c) => c.page === page);
      for (const c of onPage.filter((x) => x.status === 'inferred')) {
        // A name with some comments on evidence says what share is inferred instead.
        const mixed = onPage.some((x) => x.name === c.name && x.status !== 'inferred');
        const p = mixed
          ? dd.textContent.includes(`${c.name ?? ''} (`) && dd.textContent.includes('inferred')
            ? null
            : `"${dd.textContent}" does not say which of ${c.name ?? ''}'s comments are inferred`
          : labelProblem(dd.textContent, c);
        if (p) problems.push(`${page}: Authors: ${p}`);
      }
      if (onPage.some((x) => x.status === 'unknown') && !dd.textContent.includes(UNRECORDED))
        problems.push(`${page}: Authors: "${dd.textContent}" does not count the unrecorded authors`);
    }
    expectNone([...new Set(problems)], 'thread headers that drop the attribution status');
  });

  test('a person page counting inferred comments says they are inferred', () => {
    const problems: string[] = [];
    const people = new Set(all.filter((c) => c.status === 'inferred').map((c) => c.name));
    for (const p of pages().filter((x) => /^\/people\/[^/]+\/$/.test(x.path))) {
      const root = dom(p.path);
      const name = root.querySelector('h1')?.textContent.trim();
      if (!people.has(name ?? null)) continue;
      const count = root.querySelector('.text-count');
      if (!count || !/inferred/.test(count.textContent)) problems.push(`${p.path}: the count of texts by ${name ?? ''} does not say that some are inferred`);
    }
    expectSome([...people], 'people with inferred comments');
    expectNone(problems, 'person pages that overstate attribution');
  });

  test('an unconfirmed public name is shown only as unconfirmed, and never as a preset or alias', () => {
    const names = possibleNames();
    expectSome(names, 'unconfirmed names in content/people');
    const problems: string[] = [];
    for (const { path } of pages()) {
      const root = dom(path);
      for (const el of root.querySelectorAll('main p, main li, main a, main h1, main h2, main h3, title')) {
        const own = clean(el.textContent);
        for (const n of names) {
          if (own.includes(n.name) && !/unconfirmed/i.test(own) && el.querySelectorAll('p, li').length === 0)
            problems.push(`${path}: "${own.slice(0, 140)}" states ${n.name} without "unconfirmed"`);
        }
      }
    }
    expectNone(problems, 'unconfirmed names stated flat');
  });
});

describe('attribution status in the preview files', () => {
  test('every preview author is an object with a status, and inferred or unrecorded comments keep theirs', () => {
    const files = previewFiles();
    expectSome(files, 'preview files');
    const checked = files.filter((f) => Object.keys(f.map).some((k) => byTarget.has(`${f.page ?? ''}#${k}`)));
    expectSome(checked, 'preview files holding inferred or unrecorded comments');
    expectNone(
      files.flatMap((f) => previewProblems(f.file, f.map, f.page)),
      'previews that drop the attribution status',
    );
  });
});

describe('the checks can fail', () => {
  // An inferred comment someone answers, so its page has an "In reply to <name>" link to break.
  const inferred = uncertain.find((c) => c.status === 'inferred' && all.some((x) => x.page === c.page && x.replyTo === c.id));
  test('a bare "In reply to DavidW" link is caught', () => {
    if (!inferred?.name) throw new Error('no inferred comment to break');
    const html = pages().find((p) => p.path === inferred.page)?.html ?? '';
    const label = `${inferred.name} (inferred)`;
    const broken = html.replace(
      new RegExp(`(In reply to <a href="#${inferred.id}"><span class="blind-hide">)${label.replace(/[()]/g, '\\$&')}`),
      `$1${inferred.name}`,
    );
    expect(broken, 'the page has an "In reply to" link to break').not.toBe(html);
    expect(linkProblems(inferred.page, parse(html))).toEqual([]);
    expect(linkProblems(inferred.page, parse(broken)).join('\n')).toContain(`names ${inferred.name} without "(inferred)"`);
  });

  test('a bare comment heading, a lost status attribute and an old "Unrecorded author" title are caught', () => {
    if (!inferred?.name) throw new Error('no inferred comment to break');
    const root = parse(pages().find((p) => p.path === inferred.page)?.html ?? '');
    const article = root.querySelector(`article[id="${inferred.id}"]`);
    article?.setAttribute('aria-label', `Comment by ${inferred.name}`);
    article?.removeAttribute('data-search-author-status');
    const problems = articleProblems(inferred.page, root, inferred).join('\n');
    expect(problems).toContain('aria-label');
    expect(problems).toContain('data-search-author-status');
    const unknown = uncertain.find((c) => c.status === 'unknown');
    if (!unknown) throw new Error('no unrecorded comment to break');
    const root2 = parse(pages().find((p) => p.path === unknown.page)?.html ?? '');
    root2.querySelector(`article[id="${unknown.id}"]`)?.setAttribute('data-search-title', 'Unrecorded author on a thread');
    expect(articleProblems(unknown.page, root2, unknown).join('\n')).toContain('data-search-title');
  });

  test('a preview with a bare author name is caught', () => {
    if (!inferred) throw new Error('no inferred comment to break');
    const map = { [inferred.id]: { title: 'Comment', author: inferred.name } };
    expect(previewProblems('x.json', map, inferred.page).length).toBe(2);
  });
});

describe('attribution status in the search index', () => {
  let s: Session;
  let page: Page;
  beforeAll(async () => {
    ({ session: s, page } = await startSearchSession());
  });
  afterAll(async () => {
    await s?.close();
  });

  /** Every record matching an author filter value, with its meta (searchable words) and filters. */
  async function byAuthor(value: string): Promise<{ url: string; meta: Record<string, string>; filters: Record<string, string[]> }[]> {
    return page.evaluate(async (value) => {
      const pf = (
        window as unknown as {
          pf: {
            search: (
              q: null,
              o: object,
            ) => Promise<{ results: { data: () => Promise<{ url: string; meta: Record<string, string>; filters: Record<string, string[]> }> }[] }>;
          };
        }
      ).pf;
      const r = await pf.search(null, { filters: { author: { any: [value] } } });
      return Promise.all(
        r.results.map(async (x) => {
          const d = await x.data();
          return { url: d.url, meta: d.meta, filters: d.filters };
        }),
      );
    }, value);
  }

  test('the author filters hold each inferred name with "(inferred)", and exactly those comments', async () => {
    const filters = await page.evaluate(
      async () => (await (window as unknown as { pf: { filters: () => Promise<Record<string, Record<string, number>>> } }).pf.filters())['author'] ?? {},
    );
    const inferred = uncertain.filter((c) => c.status === 'inferred');
    for (const name of new Set(inferred.map((c) => c.name ?? ''))) {
      const mine = inferred
        .filter((c) => c.name === name)
        .map((c) => `${c.page}#${c.id}`)
        .sort();
      expect(Object.keys(filters), 'author filter values').toContain(`${name} (inferred)`);
      const found = await byAuthor(`${name} (inferred)`);
      expect(found.map((r) => r.url).sort()).toEqual(mine);
      for (const r of found) {
        expect(r.meta['author']).toBe(`${name} (inferred)`);
        expect(r.meta['title']).toContain(`${name} (inferred)`);
      }
      // The bare name, if it is a filter at all (for texts known to be theirs), finds none of the inferred comments.
      const bare = (await byAuthor(name)).map((r) => r.url);
      expect(bare.filter((u) => mine.includes(u))).toEqual([]);
    }
  });

  test('the unrecorded-author filter finds exactly the comments whose author the export lost', async () => {
    const unknown = uncertain
      .filter((c) => c.status === 'unknown')
      .map((c) => `${c.page}#${c.id}`)
      .sort();
    const found = await byAuthor('Author not recorded in the export');
    expect(found.map((r) => r.url).sort()).toEqual(unknown);
    // The label is shown from the filter; no searchable meta names (or guesses) an author.
    for (const r of found) {
      expect(r.filters['author']).toEqual(['Author not recorded in the export']);
      expect(r.meta['author']).toBeUndefined();
      expect(r.meta['title']).toBeUndefined();
    }
  });
});
