import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { load } from 'js-yaml';
import { parse, type HTMLElement } from 'node-html-parser';
import { hrefOf } from '../../src/lib/site/routes.ts';
import { SOURCE_KINDS, dom, expectNone, expectSome, pagePaths, pages, sourcePaths, startSession, type Session, type SourceKind } from './helpers.ts';

// What readers see, read as a reader would: unrecorded writers the editors read as one person
// carry one label per thread, reader-facing notes name no internal keys, export lines or file
// paths, status tags are neutral and explain themselves, headings are named by their own words,
// and nothing on a source page is wider than a phone.

interface ThreadComment {
  id: string;
  author: { name: string | null; status: string; label?: string };
  replyTo: { kind: string; id?: string };
}

/** Every thread file's comments, with the page that shows them. */
function threads(): { page: string; comments: ThreadComment[] }[] {
  return readdirSync('content/threads')
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => {
      const fm = load(readFileSync(join('content/threads', f), 'utf8').split(/^---$/m)[1] ?? '') as {
        type: string;
        person?: string;
        comments: ThreadComment[];
      };
      return { page: fm.type === 'profile' ? hrefOf('person', fm.person ?? '') : hrefOf('thread', f.replace(/\.mdx$/, '')), comments: fm.comments };
    });
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('labels for unrecorded authors', () => {
  const all = threads();
  const labelled = all.flatMap((t) => t.comments.filter((c) => c.author.label).map((c) => ({ page: t.page, c })));

  test('the content labels some unrecorded authors, each label on two or more comments of its thread', () => {
    expectSome(labelled, 'comments with a "Commenter" label');
    for (const t of all) {
      const counts = new Map<string, number>();
      for (const c of t.comments) if (c.author.label) counts.set(c.author.label, (counts.get(c.author.label) ?? 0) + 1);
      for (const [label, n] of counts) expect(n, `${t.page}: ${label} is on one comment only`).toBeGreaterThan(1);
    }
  });

  test('a labelled comment shows its label, never as search author data, and replies to it name the label', () => {
    const problems: string[] = [];
    for (const t of all) {
      const root = dom(t.page);
      const byId = new Map(t.comments.map((c) => [c.id, c]));
      for (const c of t.comments) {
        const article = root.querySelector(`article[id="${c.id}"]`);
        if (!article) {
          problems.push(`${t.page}: no article #${c.id}`);
          continue;
        }
        const shown = clean(article.querySelector('.comment-head .author')?.textContent ?? '');
        if (c.author.label && shown !== c.author.label) problems.push(`${t.page}#${c.id}: header shows "${shown}", not "${c.author.label}"`);
        const searchAuthor = article.getAttribute('data-search-author');
        if (searchAuthor !== undefined && /^Commenter [A-Z]+$/.test(searchAuthor))
          problems.push(`${t.page}#${c.id}: data-search-author is the label "${searchAuthor}"`);
        const parent = c.replyTo.kind === 'comment' && c.replyTo.id ? byId.get(c.replyTo.id) : undefined;
        if (parent?.author.label) {
          const link = article.querySelector(`.comment-context a[href="#${parent.id}"] .blind-hide`);
          if (clean(link?.textContent ?? '') !== parent.author.label)
            problems.push(`${t.page}#${c.id}: "In reply to" reads "${clean(link?.textContent ?? '')}", not "${parent.author.label}"`);
        }
      }
    }
    expectNone(problems, 'labels missing where readers look for them');
  });

  test('each page with labels explains them once, naming every label; other pages do not', () => {
    const problems: string[] = [];
    for (const t of all) {
      const notes = dom(t.page).querySelectorAll('.labels-note');
      const labels = [...new Set(t.comments.flatMap((c) => (c.author.label ? [c.author.label] : [])))];
      if (labels.length === 0 && notes.length > 0) problems.push(`${t.page}: explains labels it does not use`);
      if (labels.length > 0 && notes.length !== 1) problems.push(`${t.page}: ${notes.length} label explanations, expected 1`);
      for (const l of labels) if (!notes[0]?.textContent.includes(l)) problems.push(`${t.page}: the explanation does not name ${l}`);
      if (labels.length > 0 && !/say nothing about who/.test(notes[0]?.textContent ?? ''))
        problems.push(`${t.page}: the explanation does not say the letters identify no one`);
    }
    expectNone(problems, 'label explanations');
  });
});

/** Visible text of a page's main column that is ours, outside collapsed details and source text. */
function ourVisibleText(root: HTMLElement): string {
  // A space at every tag, so text from neighbouring elements never runs together ("Exportcontent/").
  const main = parse((root.querySelector('main') ?? root).outerHTML.replace(/></g, '> <'));
  // Source text (comment bodies, essay paragraphs, quotations) is the authors' and may say anything.
  // The "Export" row of the Source and licence box (Attribution.astro) is being reworked with
  // that box, which is to keep the export's path only inside its collapsed part.
  const drop = 'details, script, style, template, .visually-hidden, .comment-body, section.essay-section > p, blockquote, q, .backlink-excerpt';
  for (const el of main.querySelectorAll(drop)) el.remove();
  return clean(main.textContent);
}

describe('no internal codes in reader text', () => {
  const CODES: [RegExp, string][] = [
    [/\bC\d+\b/, 'a block key (C1…)'],
    [/\blines? \d+/i, 'an export line number'],
    [/Export lines/i, '"Export lines"'],
    [/\bcontent\//, 'a repository path'],
  ];

  test('outside collapsed details, no page shows block keys, export line numbers or repository paths', () => {
    const problems: string[] = [];
    const all = pages().filter((p) => p.path !== '/404.html');
    expectSome(all, 'pages');
    for (const p of all) {
      const text = ourVisibleText(dom(p.path));
      for (const [re, what] of CODES) {
        const m = re.exec(text);
        if (m) problems.push(`${p.path}: ${what}: "…${text.slice(Math.max(0, m.index - 50), m.index + 40)}…"`);
      }
    }
    expectNone(problems, 'internal codes in reader text');
  });

  test('the collapsed attribution details still hold the export lines (or, for forum data, the forum id) of every comment', () => {
    const problems: string[] = [];
    const threadPages = sourcePaths('thread');
    expectSome(threadPages, 'thread pages');
    for (const path of threadPages) {
      for (const a of dom(path).querySelectorAll('article.comment')) {
        const details = a.querySelector('.comment-foot details');
        const where =
          /Where it is in the export: lines? \d+/.test(details?.textContent ?? '') || (details?.textContent ?? '').includes(`comment id ${a.id.slice(2)}`);
        if (!where) problems.push(`${path}#${a.id}: no export lines (or forum id) in its details`);
      }
    }
    expectNone(problems, 'comments without their export lines');
  });
});

describe('headings', () => {
  test('no heading holds its permalink tools, so their labels stay out of its name', () => {
    const problems: string[] = [];
    for (const p of pages()) {
      for (const h of dom(p.path).querySelectorAll('h1, h2, h3, h4, h5, h6')) {
        if (h.querySelector('.anchor-tools, a.permalink, button'))
          problems.push(`${p.path}: <${h.tagName.toLowerCase()}> "${clean(h.textContent).slice(0, 50)}" holds tools`);
      }
    }
    expectNone(problems, 'headings holding permalink tools');
  });
});

describe('in the browser', () => {
  let s: Session;
  beforeAll(async () => {
    s = await startSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  const kinds = Object.keys(SOURCE_KINDS) as SourceKind[];
  const sourcePages = kinds.flatMap((k) => sourcePaths(k));

  test('headings are named by their own words: no "Copy link", "Permalink" or "#"', async () => {
    const paths = [...sourcePages, ...pagePaths(/^\/(glossary|about|arguments)\/$/), '/'];
    expectSome(paths, 'pages with headings');
    const ctx = await s.context();
    const page = await ctx.newPage();
    const problems: string[] = [];
    let headings = 0;
    for (const path of paths) {
      await page.goto(path);
      const snapshot = await page.locator('main').ariaSnapshot();
      for (const line of snapshot.split('\n').filter((l) => /^\s*- heading /.test(l))) {
        headings++;
        if (/Copy link|Permalink|#/.test(line.replace(/\[level=\d\]/, ''))) problems.push(`${path}: ${line.trim()}`);
      }
    }
    await ctx.close();
    expect(headings).toBeGreaterThan(20);
    expectNone(problems, 'headings whose accessible name includes the tools');
  });

  test('on a desktop, a heading’s tools appear on hover and on keyboard focus, not before', async () => {
    const ctx = await s.context({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await page.goto('/glossary/');
    const row = page
      .locator('.heading-row')
      .filter({ has: page.locator('h2') })
      .first();
    const tools = row.locator('.anchor-tools');
    const opacity = () => tools.evaluate((el) => Number(getComputedStyle(el).opacity));
    await page.mouse.move(0, 0);
    expect(await opacity()).toBe(0);
    await row.locator('h2').hover();
    await expect.poll(opacity).toBe(1);
    await page.mouse.move(0, 0);
    await expect.poll(opacity).toBe(0);
    // Tab to the "#" link: the tools show while they hold focus.
    await row.locator('a.permalink').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    await expect.poll(opacity).toBe(1);
    await ctx.close();
  });

  test('on a touch screen the "#" stays in view, and tapping it reveals the copy button', async () => {
    const ctx = await s.context({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    await page.goto('/glossary/');
    const row = page
      .locator('.heading-row')
      .filter({ has: page.locator('h2') })
      .first();
    const hash = row.locator('a.permalink');
    expect(await hash.evaluate((el) => Number(getComputedStyle(el).opacity))).toBeGreaterThan(0.4);
    expect(await row.locator('button.copy-link').isVisible()).toBe(false);
    await hash.tap();
    await expect.poll(() => row.locator('button.copy-link').isVisible()).toBe(true);
    await ctx.close();
  });

  test('an "inferred" tag is neutral, and explains itself on focus, on hover and on tap', async () => {
    const thread = sourcePaths('thread').find((p) => dom(p).querySelector('.comment-head .tag.inferred'));
    expect(thread, 'a thread with an inferred author').toBeDefined();
    for (const touch of [false, true]) {
      const ctx = await s.context(
        touch ? { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } } : { viewport: { width: 1280, height: 900 } },
      );
      const page = await ctx.newPage();
      await page.goto(thread!);
      const tag = page.locator('.comment-head .tag.inferred').first();
      const tip = tag.locator('.status-tip-text');
      // Neutral: the tag's colour is the soft text colour, not the accent used for warnings.
      const colours = await tag.evaluate((el) => {
        const probe = (v: string) => {
          const d = document.createElement('span');
          d.style.color = `var(${v})`;
          document.body.append(d);
          const c = getComputedStyle(d).color;
          d.remove();
          return c;
        };
        return { tag: getComputedStyle(el).color, soft: probe('--fg-soft'), accent: probe('--accent') };
      });
      expect(colours.tag).toBe(colours.soft);
      expect(colours.tag).not.toBe(colours.accent);
      // Screen readers get the explanation with the tag's text; on screen it waits to be asked for.
      expect(clean((await tag.textContent()) ?? '')).toMatch(/^inferred: The editors inferred this author from the text/);
      const shown = async () => (await tip.boundingBox())?.width ?? 0;
      expect(await shown()).toBeLessThan(2);
      await tag.scrollIntoViewIfNeeded();
      if (touch) await tag.tap();
      else await tag.hover();
      await expect.poll(shown).toBeGreaterThan(100);
      const box = await tip.boundingBox();
      const width = page.viewportSize()?.width ?? 0;
      expect(box && box.x >= 0 && box.x + box.width <= width, 'the explanation fits the screen').toBe(true);
      if (!touch) {
        await page.mouse.move(0, 0);
        await expect.poll(shown).toBeLessThan(2);
        await tag.focus();
        await expect.poll(shown).toBeGreaterThan(100);
      }
      await ctx.close();
    }
  });

  test('at 390 px, nothing on a source page is wider than the screen', async () => {
    expectSome(sourcePages, 'source pages');
    const ctx = await s.context({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
    const page = await ctx.newPage();
    const problems: string[] = [];
    for (const path of sourcePages) {
      await page.goto(path);
      const wide = await page.evaluate(() => {
        const out: string[] = [];
        const width = document.documentElement.clientWidth;
        if (document.documentElement.scrollWidth > width) out.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${width})`);
        for (const el of document.querySelectorAll('main *')) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.right <= width + 1) continue;
          // Content inside a box that scrolls on its own (a wide formula, a table) does not widen the page.
          let scroller: Element | null = el.parentElement;
          while (scroller && !['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(scroller).overflowX)) scroller = scroller.parentElement;
          if (scroller && scroller !== document.documentElement && scroller !== document.body) continue;
          out.push(`<${el.tagName.toLowerCase()} class="${el.className}"> "${(el.textContent ?? '').trim().slice(0, 40)}" ends at ${Math.round(r.right)} px`);
          if (out.length > 5) break;
        }
        return out;
      });
      for (const w of wide) problems.push(`${path}: ${w}`);
    }
    await ctx.close();
    expectNone(problems, 'elements wider than a 390 px screen');
  });
});
