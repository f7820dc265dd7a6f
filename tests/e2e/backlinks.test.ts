import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { HTMLElement } from 'node-html-parser';
import { axe, dom, expectNone, expectSome, pagePaths, sourcePaths, startSession, type Session } from './helpers.ts';

// "Quoted in / Cited by" lists in the built site: folded to one count line under each passage,
// each citing passage listed once, a quote listed beside its paragraph or under its section but
// not both, and left out of print. Pages are discovered from dist/.

const KINDS: Record<string, string> = {
  'Quoted in': 'quotes',
  'Earlier wording quoted in': 'quotes-earlier',
  'Cited by': 'cites',
  Replies: 'replies',
};

const essays = sourcePaths('essay');
const threads = sourcePaths('thread');
const reading = [...essays, ...threads];
const withLists = pagePaths(/^\/(?!pagefind\/|_astro\/).*\/$/).filter((p) => dom(p).querySelector('main .backlinks'));
/**
 * Source pages with cross-links: a thread where a comment has replies, or a page another page
 * links into (a quote, a citation). A thread just imported may have neither (top-level comments
 * nobody quotes), and then has nothing to list.
 */
const crossLinked = reading.filter(
  (path) =>
    dom(path).querySelector('main ol.replies') !== null ||
    pagePaths(/\/$/).some((other) => other !== path && dom(other).querySelector(`main a[href^="${path}#"]`) !== null),
);
/** Pages the browser checks open lists on: those that have lists. */
const readingWithLists = reading.filter((p) => withLists.includes(p));

/** The hrefs of a list's backlinks (of one kind, if given), in order. */
function hrefs(list: HTMLElement, kind?: string): string[] {
  return list.querySelectorAll(kind ? `a[data-backlink="${kind}"]` : 'a[data-backlink]').map((a) => a.getAttribute('href') ?? '');
}

/** The quoted words a side note or list shows for one link: the excerpts of its entry, without their marks. */
function excerptsOf(a: HTMLElement): string[] {
  const entry = a.parentNode;
  return entry.querySelectorAll(':scope > .backlink-excerpt').map((e) => e.textContent.replace(/^Earlier wording: /, '').replace(/^“|”$/g, ''));
}

describe('backlink lists in the built pages', () => {
  test('every source page with cross-links has lists (or, where every link is a quote of one paragraph, paragraph notes), folded by default on essays and threads', () => {
    expectSome(crossLinked, 'essay and thread pages with cross-links');
    const problems: string[] = [];
    for (const path of crossLinked) {
      const lists = dom(path).querySelectorAll('main .backlinks');
      if (lists.length === 0 && dom(path).querySelectorAll('main .side-comments').length === 0) problems.push(`${path}: no backlink lists`);
      for (const l of lists) {
        if (l.tagName !== 'DETAILS') problems.push(`${path}: a backlink list is a <${l.tagName.toLowerCase()}>, not a <details>`);
        if (l.hasAttribute('open')) problems.push(`${path}: a backlink list is open by default`);
      }
    }
    expectNone(problems, 'backlink lists that are not folded');
  });

  test('the count line of every list names each kind with the number of distinct passages listed', () => {
    expectSome(withLists, 'pages with backlink lists');
    const problems: string[] = [];
    for (const path of withLists) {
      for (const l of dom(path).querySelectorAll('main .backlinks')) {
        const line = l.querySelector(':scope > summary')?.textContent.trim() ?? '';
        const parts = line.split(' · ').map((p) => /^(.*) (\d+)$/.exec(p));
        const seen = parts.map((m) => `${m?.[1] ?? '?'} ${m?.[2] ?? '?'}`);
        const wanted = Object.entries(KINDS).flatMap(([label, kind]) => {
          const n = new Set(hrefs(l, kind)).size;
          return n > 0 ? [`${label} ${n}`] : [];
        });
        if (seen.join(' · ') !== wanted.join(' · ')) problems.push(`${path}: count line "${line}", but the list holds ${wanted.join(' · ')}`);
      }
    }
    expectNone(problems, 'count lines that disagree with their lists');
  });

  test('no list names the same passage twice', () => {
    const problems: string[] = [];
    let lists = 0;
    for (const path of withLists) {
      for (const l of dom(path).querySelectorAll('main .backlinks, main .side-comments')) {
        lists++;
        const all = hrefs(l);
        const twice = all.filter((h, i) => all.indexOf(h) !== i);
        if (twice.length > 0) problems.push(`${path}: ${[...new Set(twice)].join(', ')} listed twice in one list`);
      }
    }
    expect(lists).toBeGreaterThan(0);
    expectNone(problems, 'duplicate entries');
  });

  test('a quote listed beside its paragraph is not listed again under its section', () => {
    expectSome(essays, 'essay pages');
    const problems: string[] = [];
    let notes = 0;
    for (const path of essays) {
      for (const section of dom(path).querySelectorAll('main section.essay-section')) {
        const beside = new Set(
          section.querySelectorAll('.side-comments a[data-backlink]').flatMap((a) => excerptsOf(a).map((x) => `${a.getAttribute('href')} “${x}”`)),
        );
        notes += beside.size;
        const list = section.querySelector(':scope > .backlinks');
        for (const a of list?.querySelectorAll('a[data-backlink^="quotes"]') ?? []) {
          for (const x of excerptsOf(a))
            if (beside.has(`${a.getAttribute('href')} “${x}”`)) problems.push(`${path}: ${a.getAttribute('href')} “${x.slice(0, 40)}…” twice`);
        }
      }
    }
    expect(notes, 'quotes listed beside paragraphs').toBeGreaterThan(0);
    expectNone(problems, 'quotes listed both beside a paragraph and under its section');
  });

  test('an entry shows the citing words under its link', () => {
    const problems: string[] = [];
    for (const path of withLists) {
      for (const a of dom(path).querySelectorAll('main .backlinks a[data-backlink="cites"], main .backlinks a[data-backlink^="quotes"]')) {
        if (excerptsOf(a).every((x) => x.trim() === '')) problems.push(`${path}: ${a.getAttribute('href')} has no citing words`);
      }
    }
    expectNone(problems, 'entries without their excerpts');
  });
});

let s: Session;
beforeAll(async () => {
  s = await startSession();
});
afterAll(async () => {
  await s?.close();
});

describe('backlink lists in the browser', () => {
  for (const [width, height] of [
    [1280, 900],
    [390, 844],
  ] as const) {
    test(`folded, they take under a tenth of the essay and thread pages at ${width} px, and open to show their excerpts`, async () => {
      const ctx = await s.context({ viewport: { width, height } });
      const page = await ctx.newPage();
      const problems: string[] = [];
      for (const path of readingWithLists) {
        await page.goto(path);
        const { share, open } = await page.evaluate(() => {
          const els = [...document.querySelectorAll('.backlinks, .side-comments')];
          const sum = els.reduce((n, e) => n + e.getBoundingClientRect().height, 0);
          return { share: sum / document.documentElement.scrollHeight, open: els.filter((e) => (e as HTMLDetailsElement).open).length };
        });
        if (open > 0) problems.push(`${path}: ${open} lists open on load`);
        if (share >= 0.1) problems.push(`${path}: backlink lists take ${(share * 100).toFixed(1)} % of the page`);
        const list = page.locator('main details.backlinks').first();
        const excerpt = list.locator('.backlink-excerpt').first();
        if (await excerpt.isVisible()) problems.push(`${path}: an excerpt shows while its list is folded`);
        await list.locator(':scope > summary').click();
        if (!(await excerpt.isVisible())) problems.push(`${path}: opening the first list shows no excerpt`);
        if (!(await list.locator('a[data-backlink]').first().isVisible())) problems.push(`${path}: opening the first list shows no link`);
      }
      await ctx.close();
      expectNone(problems, `backlink lists at ${width} px`);
    });
  }

  test('printing leaves out backlink lists and paragraph notes, even open ones', async () => {
    const ctx = await s.context();
    const page = await ctx.newPage();
    const problems: string[] = [];
    for (const path of crossLinked) {
      await page.goto(path);
      await page.evaluate(() => document.querySelectorAll('details.backlinks, details.side-comments').forEach((d) => d.setAttribute('open', '')));
      const shown = () => page.evaluate(() => [...document.querySelectorAll('.backlinks, .side-comments')].filter((e) => e.getClientRects().length > 0).length);
      const onScreen = await shown();
      if (onScreen === 0) problems.push(`${path}: no backlink lists on screen to begin with`);
      await page.emulateMedia({ media: 'print' });
      const printed = await shown();
      if (printed > 0) problems.push(`${path}: ${printed} backlink lists or notes in print`);
      await page.emulateMedia({ media: 'screen' });
    }
    await ctx.close();
    expectNone(problems, 'backlink lists in print');
  });

  for (const scheme of ['light', 'dark'] as const) {
    test(`axe-core finds no violations with a list and a paragraph note open (${scheme})`, async () => {
      const ctx = await s.context({ colorScheme: scheme });
      await ctx.addInitScript((t) => localStorage.setItem('theme', t), scheme);
      const page = await ctx.newPage();
      const problems: string[] = [];
      for (const path of [...essays, threads[0] ?? ''].filter((p) => withLists.includes(p))) {
        await page.goto(path);
        await page.locator('main details.backlinks > summary').first().click();
        const note = page.locator('main details.side-comments > summary').first();
        if ((await note.count()) > 0) await note.click();
        for (const v of await axe(page)) problems.push(`${path} [${scheme}] ${v}`);
      }
      await ctx.close();
      expectNone(problems, `accessibility problems with backlink lists open (${scheme})`);
    });
  }
});
