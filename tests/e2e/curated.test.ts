import { hrefOf } from '../../src/lib/site/routes.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { HTMLElement } from 'node-html-parser';
import { DIST, dom, expectNone, expectSome, pagePaths, sourcePaths, startSession, type Session } from './helpers.ts';
import { shownForumBlocks, shownForumText } from './forum-text.ts';

// The curated layer as it shows on the built site: our summaries open the source pages, person
// pages open with their one-line description, the first use of each glossary term in source text
// links to its entry (once per page, never inside another link, without changing a character of
// the source), guide and summary references show up as "cited by", and the home page offers the
// ways in. Expected values are read from content/, not from the pages under test.

interface Para {
  text: string;
  quote?: boolean;
  /** Forum data: the block's HTML, which the page renders instead of the text (see forum-text.ts). */
  html?: string;
}
interface Comment {
  id: string;
  deleted?: boolean;
  paragraphs: Para[];
}
type Block = ({ kind: 'p' } & Para) | { kind: 'missing-list' };

function frontmatter(dir: string): { slug: string; data: Record<string, unknown> }[] {
  const abs = join('content', dir);
  return readdirSync(abs)
    .filter((n) => n.endsWith('.mdx'))
    .sort()
    .map((name) => {
      const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(join(abs, name), 'utf8'));
      return { slug: name.replace(/\.mdx$/, ''), data: (parseYaml(fm?.[1] ?? '') ?? {}) as Record<string, unknown> };
    });
}

const essays = frontmatter('essays');
const threads = frontmatter('threads');
const people = frontmatter('people');
const glossary = frontmatter('glossary');
const summaries = frontmatter('summaries');

/** Source pages and the comments each shows: threads, and person pages with a profile export. */
const commentPages = [
  ...threads.filter((t) => t.data['type'] === 'thread').map((t) => ({ path: hrefOf('thread', t.slug), comments: t.data['comments'] as Comment[] })),
  ...people.map((p) => ({
    path: hrefOf('person', p.slug),
    comments: threads.filter((t) => t.data['type'] === 'profile' && t.data['person'] === p.slug).flatMap((t) => t.data['comments'] as Comment[]),
  })),
].filter((p) => p.comments.length > 0);
const essayPages = essays.map((e) => ({ path: hrefOf('essay', e.slug), sections: e.data['sections'] as { id: string; blocks: Block[] }[] }));
const sourcePages = [...essayPages.map((e) => e.path), ...commentPages.map((c) => c.path)];

/** Each term's spellings in lower case, to check that a link's text is a use of its term. */
const forms = new Map(
  glossary.map((g) => [
    g.slug,
    [String(g.data['term']), String(g.data['term']).replace(/\s*\([^)]*\)\s*$/, ''), ...((g.data['aliases'] as string[] | undefined) ?? [])].map((f) =>
      f.toLowerCase(),
    ),
  ]),
);

const main = (path: string): HTMLElement => {
  const m = dom(path).querySelector('main');
  if (!m) throw new Error(`${path} has no <main>`);
  return m;
};

/** The source paragraphs an essay section renders, in order: not our notes, tools or backlinks. */
function essayParagraphs(section: HTMLElement): HTMLElement[] {
  return section.querySelectorAll('p').filter((p) => !p.closest('.section-tools, .editorial-note, .side-comments, .backlinks, .anchor-tools'));
}

describe('our summaries on the source pages', () => {
  // A page without a summary is allowed (a thread just imported has none; `npm run curation` lists it).
  test('every summarised page opens with its summary marked as ours', () => {
    expectSome(summaries, 'summaries in content/summaries');
    const problems: string[] = [];
    for (const s of summaries) {
      const target = String(s.data['target']);
      const path = `/${target}/`;
      const box = main(path).querySelector('aside.our-summary');
      if (!box) {
        problems.push(`${path}: no summary box (content/summaries/${s.slug}.mdx)`);
        continue;
      }
      if (box.getAttribute('data-summary-target') !== target) problems.push(`${path}: the box is for ${box.getAttribute('data-summary-target')}`);
      if (!/our summary/i.test(box.querySelector('h2')?.text ?? '')) problems.push(`${path}: the box heading does not say "Our summary"`);
      if (!/not by the authors/i.test(box.text)) problems.push(`${path}: the box does not say the authors did not write it`);
      // "Opens with": the box comes before any source text on the page.
      const html = main(path).innerHTML;
      const first = html.search(/class="(comment|essay-section)"/);
      if (first >= 0 && html.indexOf('our-summary') > first) problems.push(`${path}: the summary comes after source text`);
    }
    const summarised = new Set(summaries.map((s) => `/${String(s.data['target'])}/`));
    for (const path of [...essayPages.map((e) => e.path), ...threads.filter((t) => t.data['type'] === 'thread').map((t) => hrefOf('thread', t.slug))]) {
      if (!summarised.has(path) && main(path).querySelector('aside.our-summary')) problems.push(`${path}: a summary box with no summary in content/summaries`);
    }
    expectNone(problems, 'summary problems');
  });
});

describe('person pages', () => {
  test('open with the one-line description from content/people, right under the name', () => {
    expectSome(people, 'people in content/people');
    const problems: string[] = [];
    for (const p of people) {
      const path = hrefOf('person', p.slug);
      const h1 = main(path).querySelector('h1');
      const next = h1?.nextElementSibling;
      if (h1?.text !== p.data['name']) problems.push(`${path}: h1 is "${h1?.text}"`);
      if (next?.tagName !== 'P' || !next.classList.contains('lede') || next.text !== p.data['description'])
        problems.push(`${path}: the element after the name is not the description`);
    }
    expectNone(problems, 'person pages without their description');
  });
});

describe('first-use glossary links in source text', () => {
  test('every source page is covered, and the essay and every thread have term links', () => {
    for (const path of sourcePages) expect(pagePaths(/./), path).toContain(path);
    for (const path of [...essayPages.map((e) => e.path), ...sourcePaths('thread')]) {
      expect(main(path).querySelectorAll('a.term-link').length, `term links on ${path}`).toBeGreaterThan(0);
    }
  });

  test('link each term at most once per page, to its own entry, with text that is a use of the term', () => {
    const problems: string[] = [];
    for (const path of sourcePages) {
      const seen = new Set<string>();
      for (const a of main(path).querySelectorAll('a.term-link')) {
        const slug = a.getAttribute('data-term') ?? '';
        if (seen.has(slug)) problems.push(`${path}: "${slug}" linked twice`);
        seen.add(slug);
        if (a.getAttribute('href') !== hrefOf('term', slug)) problems.push(`${path}: term link to ${a.getAttribute('href')} for "${slug}"`);
        const text = a.text.toLowerCase();
        if (!forms.get(slug)?.some((f) => text === f || text === `${f}s` || text === `${f}es`))
          problems.push(`${path}: "${a.text}" is not a form of "${slug}"`);
      }
    }
    expectNone(problems, 'term link problems');
  });

  test('never sit inside another link, hold one, or appear outside source paragraphs or in quotations', () => {
    const problems: string[] = [];
    for (const path of sourcePages) {
      for (const a of main(path).querySelectorAll('a.term-link')) {
        let up = a.parentNode;
        while (up && up.tagName !== 'MAIN') {
          if (up.tagName === 'A') problems.push(`${path}: "${a.text}" is inside another link`);
          up = up.parentNode;
        }
        if (a.querySelector('a')) problems.push(`${path}: "${a.text}" holds a link`);
        if (!a.closest('.comment-body, section.essay-section')) problems.push(`${path}: "${a.text}" is outside the source text`);
        if (a.closest('blockquote, .our-summary, .editorial-note, .backlinks')) problems.push(`${path}: "${a.text}" is in a quotation or in our own text`);
      }
    }
    expectNone(problems, 'misplaced term links');
  });

  /** Differences between the paragraphs a passage shows and its source paragraphs; counts each compared pair. */
  function differences(where: string, shown: readonly HTMLElement[], source: readonly Para[], count: () => void): string[] {
    if (shown.length !== source.length) return [`${where}: ${shown.length} paragraphs shown, ${source.length} in the source`];
    return source.flatMap((p, i) => {
      count();
      const el = shown[i];
      const text = el && p.html !== undefined ? shownForumText(el) : el?.text;
      return text === p.text ? [] : [`${where} paragraph ${i + 1}: shown «${text}», source «${p.text}»`];
    });
  }

  test('leave every comment paragraph reading exactly as the source', () => {
    let checked = 0;
    const problems = commentPages.flatMap(({ path, comments }) =>
      comments.flatMap((c) => {
        // Our notes under a quotation (what it quotes, where from) are not source paragraphs.
        const body = main(path).querySelector(`article[id="${c.id}"] .comment-body`);
        const forum = c.paragraphs.some((p) => p.html !== undefined) || c.deleted === true;
        const shown =
          forum && body ? shownForumBlocks(body, 'comment') : (body?.querySelectorAll('p') ?? []).filter((p) => !p.classList.contains('quote-source'));
        return differences(`${path}#${c.id}`, shown, c.paragraphs, () => checked++);
      }),
    );
    expect(checked).toBeGreaterThan(0);
    expectNone(problems, 'comment paragraphs that differ from the source');
  });

  test('leave every essay paragraph reading exactly as the source', () => {
    let checked = 0;
    const problems = essayPages.flatMap(({ path, sections }) =>
      sections.flatMap((s) => {
        const section = main(path).querySelector(`section[data-search-anchor="${s.id}"]`);
        const source = s.blocks.filter((b): b is { kind: 'p' } & Para => b.kind === 'p');
        const forum = source.some((b) => b.html !== undefined);
        return differences(`${path}#${s.id}`, section ? (forum ? shownForumBlocks(section, 'essay') : essayParagraphs(section)) : [], source, () => checked++);
      }),
    );
    expect(checked).toBeGreaterThan(0);
    expectNone(problems, 'essay paragraphs that differ from the source');
  });

  test('have a preview file for every glossary entry and claim, so term and claim links preview like the rest', () => {
    const wanted = [
      ...glossary.map((g) => ({ file: `glossary/${g.slug}.json`, title: g.data['term'], text: g.data['short'] })),
      ...frontmatter('claims').map((c) => ({ file: `arguments/${c.slug}.json`, title: c.data['title'], text: c.data['summary'] })),
    ];
    const problems = wanted.flatMap((w) => {
      const map = JSON.parse(readFileSync(join(DIST, 'previews', w.file), 'utf8')) as Record<string, { title: string; text: string }>;
      return map['']?.title === w.title && map['']?.text === w.text ? [] : [`previews/${w.file}: does not show the entry's title and one-line text`];
    });
    expectNone(problems, 'missing or wrong preview files');
  });
});

describe('"cited by" from the start tour and from our summaries', () => {
  test('passages the tour links to list the tour (section) that cites them, and the link lands there', () => {
    const tour = dom('/start/');
    const cites = sourcePages.flatMap((p) =>
      main(p)
        .querySelectorAll('a[data-backlink="cites"]')
        .map((a) => ({ page: p, href: a.getAttribute('href') ?? '' })),
    );
    const fromTour = cites.filter((c) => c.href.startsWith('/start/'));
    // A reference above the tour's first heading is credited to the page; the rest to their section.
    expectSome(
      fromTour.filter((c) => c.href.includes('#')),
      '"cited by" links to a section of the start tour',
    );
    const problems = fromTour.filter(
      (c) => c.href !== '/start/' && (!/^\/start\/#[a-z0-9-]+$/.test(c.href) || !tour.getElementById(c.href.slice('/start/#'.length))),
    );
    expectNone(
      problems.map((c) => `${c.page}: ${c.href}`),
      'tour backlinks that do not land on a tour section',
    );
  });

  test('glossary and claim pages the tour links to list the tour among what cites them', () => {
    const tour = readFileSync('content/guides/start.mdx', 'utf8');
    const targets = [...new Set([...tour.matchAll(/<Ref to="((?:glossary|arguments)\/[a-z0-9-]+)"/g)].map((m) => `/${m[1]}/`))];
    expectSome(targets, 'glossary or claim references in content/guides/start.mdx');
    const problems = targets.filter(
      (path) =>
        !main(path)
          .querySelectorAll('.backlinks a[data-backlink="cites"]')
          .some((a) => (a.getAttribute('href') ?? '').startsWith('/start/')),
    );
    expectNone(problems, 'pages the tour cites that do not list it');
  });

  test('passages a summary links to list that summary, landing on its box', () => {
    const problems: string[] = [];
    let found = 0;
    for (const path of sourcePages) {
      for (const a of main(path).querySelectorAll('a[data-backlink="cites"]')) {
        const href = a.getAttribute('href') ?? '';
        if (!href.endsWith('#our-summary')) continue;
        found++;
        const [page] = href.split('#');
        if (!dom(page ?? '').querySelector('aside.our-summary#our-summary')) problems.push(`${path}: ${href} has no summary box`);
        if (!/^Our summary · /.test(a.text)) problems.push(`${path}: summary backlink named "${a.text}"`);
      }
    }
    expect(found, '"cited by" links to a summary').toBeGreaterThan(0);
    expectNone(problems, 'summary backlinks');
  });
});

describe('navigation and the home page', () => {
  test('the main nav links to Start, Arguments, Glossary, Calculators and Search on every page', () => {
    const wanted = ['/start/', '/arguments/', '/glossary/', '/calculators/', '/search/'];
    const problems: string[] = [];
    for (const path of pagePaths(/\/$/)) {
      const hrefs = dom(path)
        .querySelectorAll('nav[aria-label="Main"] a')
        .map((a) => a.getAttribute('href'));
      for (const w of wanted) if (!hrefs.includes(w)) problems.push(`${path}: nav lacks ${w}`);
    }
    expectNone(problems, 'pages whose nav lacks a section');
  });

  test('the home page asks the question, sets the two estimates side by side with deep links, and lists every source', () => {
    const home = main('/');
    expect(home.querySelector('h1')?.text).toMatch(/\?/);
    for (const id of ['positions', 'ways-in', 'sources']) expect(home.querySelector(`h2#${id}`), `h2#${id}`).not.toBeNull();
    const positions = home.querySelectorAll('.positions > *');
    expect(positions.length, 'two position cards').toBe(2);
    const [low, high] = positions.map((p) => p.text);
    expect(low).toMatch(/1\s?%/);
    expect(high).toMatch(/25\s?%/);
    // Each estimate links to the passages that state it and what it conditions on.
    const hrefs = positions.map((p) => p.querySelectorAll('a').map((a) => a.getAttribute('href') ?? ''));
    expect(hrefs[0]?.some((h) => /^\/essays\/[^/]+\/#/.test(h))).toBe(true);
    expect(hrefs[1]?.some((h) => /^\/threads\/scheming-ais\/#c-/.test(h))).toBe(true);
    const ways = home.querySelectorAll('.ways a').map((a) => a.getAttribute('href'));
    for (const w of ['/start/', '/arguments/', '/calculators/', '/glossary/', '/search/']) expect(ways, `ways in: ${w}`).toContain(w);
    const listed = home.querySelectorAll('.source-list a').map((a) => a.getAttribute('href'));
    for (const e of essays) expect(listed).toContain(hrefOf('essay', e.slug));
    for (const t of threads) expect(listed).toContain(t.data['type'] === 'thread' ? hrefOf('thread', t.slug) : hrefOf('person', String(t.data['person'])));
    for (const item of home.querySelectorAll('.source-list > li')) expect(item.text, 'each source names its licence').toMatch(/licen[cs]e|CC BY|rights/i);
  });
});

describe('term links in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  test('focus on a term link previews the glossary definition; the link still navigates', async () => {
    const path = essayPages[0]?.path ?? '';
    const a = main(path).querySelector('a.term-link');
    expect(a, `a term link on ${path}`).not.toBeNull();
    const slug = a?.getAttribute('data-term') ?? '';
    const short = String(glossary.find((g) => g.slug === slug)?.data['short']);
    const ctx = await s.context();
    const page = await ctx.newPage();
    await page.goto(path);
    const link = page.locator(`a.term-link[data-term="${slug}"]`);
    await link.focus();
    await expect.poll(() => page.locator('#link-preview').isVisible()).toBe(true);
    expect(await page.locator('#link-preview').textContent()).toContain(short);
    expect(await link.getAttribute('aria-describedby')).toBe('link-preview');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toBe(hrefOf('term', slug));
    await ctx.close();
  });

  test('a term link is told apart from the author’s links by its dotted underline', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    await page.goto(sourcePaths('thread')[0] ?? '/');
    const style = await page
      .locator('a.term-link')
      .first()
      .evaluate((el) => getComputedStyle(el).textDecorationStyle);
    expect(style).toBe('dotted');
    await ctx.close();
  });
});
