import { gunzipSync } from 'node:zlib';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { HTMLElement } from 'node-html-parser';
import { DIST, dom, expectNone, expectSome, pages } from './helpers.ts';

// Who said what: every quotation the built site shows is checked against the passage it says it
// quotes. A blockquote holds only words found in that passage, or says plainly that it quotes an
// earlier version or a text the site does not hold; a comment's title, preview and search text
// start from the commenter's own words. The normaliser below is deliberately separate from the
// site's quote matcher, so a bug there cannot hide here.

/**
 * Folds what typography changes between a quote and its source: quote marks (a quotation inside a
 * quotation turns double marks into single ones, so all become one mark), dashes, spacing, case.
 */
function norm(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[“”„‟«»″＂"‘’‚‛′`´]/g, "'")
    .replace(/[‐‑‒–—―−]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^['\s]+|['\s]+$/g, '')
    .toLowerCase();
}

/** True when every part of `quote` between elisions ("…" or "...") occurs in `source`, in order. */
function foundIn(quote: string, source: string): boolean {
  const hay = norm(source);
  let from = 0;
  const parts = norm(quote)
    .split(/…|\.\.\./)
    .map((p) => p.replace(/^["'\s]+|["'\s]+$/g, ''))
    .filter((p) => p.length > 0);
  for (const part of parts) {
    const at = hay.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return parts.length > 0;
}

/** Text of an element without the parts the site adds around quotations (labels, notes, tools). */
function bareText(el: HTMLElement): string {
  const clone = el.clone() as HTMLElement;
  // Backlink lists and side notes repeat other pages' words (a quote's own excerpt among them).
  for (const x of clone.querySelectorAll('.quote-source, .anchor-tools, .visually-hidden, .side-comments, .backlinks, blockquote')) x.remove();
  return clone.textContent;
}

/** A link's page and element id; a text fragment (`#id:~:text=…`) names words inside that element. */
function splitHref(url: string): [string, string] {
  const [path = '', fragment = ''] = url.split('#');
  return [path, fragment.split(':~:')[0] ?? ''];
}

/** The passage an anchor names, as readers see it: a comment's body, a section's text, a note. */
function passageText(url: string): string | null {
  const [path, id] = splitHref(url);
  let root: HTMLElement;
  try {
    root = dom(path);
  } catch {
    return null;
  }
  if (!id) return bareText(root.querySelector('main') ?? root);
  const el = root.getElementById(id);
  if (!el) return null;
  if (el.classList.contains('comment')) {
    const body = el.querySelector('.comment-body');
    if (!body) return null;
    // Only the commenter's own paragraphs: a comment's blockquotes are someone else's words.
    const own = body.childNodes.filter((n) => (n as HTMLElement).tagName === 'P');
    return own.map((n) => (n as HTMLElement).textContent).join('\n');
  }
  if (/^H[2-6]$/.test(el.tagName)) {
    const section = el.closest('section');
    return section ? bareText(section) : null;
  }
  return bareText(el);
}

interface Seen {
  page: string;
  status: string;
  text: string;
  cites: string | undefined;
}

const blockquotes: Seen[] = [];
const spans: Seen[] = [];
for (const page of pages()) {
  const root = dom(page.path);
  for (const bq of root.querySelectorAll('main blockquote')) {
    const paras = bq.querySelectorAll('p').filter((p) => !p.classList.contains('quote-source'));
    blockquotes.push({
      page: page.path,
      status: bq.getAttribute('data-quote') ?? 'none',
      text: paras.map((p) => p.textContent).join('\n'),
      cites: bq.querySelector('a.quote-source')?.getAttribute('href') ?? bq.getAttribute('cite') ?? undefined,
    });
  }
  for (const a of root.querySelectorAll('main a.quote-span')) {
    spans.push({
      page: page.path,
      status: a.getAttribute('data-quote') ?? 'none',
      text: a.querySelector('q')?.textContent ?? '',
      cites: a.getAttribute('href') ?? undefined,
    });
  }
}

describe('quote provenance', () => {
  test('every blockquote on a source page says what it quotes', () => {
    const onSources = blockquotes.filter((b) => /^\/(threads|essays|people)\//.test(b.page));
    expectSome(onSources, 'blockquotes on source pages');
    expectNone(
      onSources.filter((b) => !['found', 'earlier', 'noted'].includes(b.status)).map((b) => `${b.page}: "${b.text.slice(0, 70)}…" has status ${b.status}`),
      'blockquotes that neither cite a passage nor say what they quote',
    );
  });

  test('a blockquote that cites a passage holds only words found in it', () => {
    const citing = blockquotes.filter((b) => b.status === 'found' || (b.status === 'none' && b.cites));
    expectSome(citing, 'blockquotes citing a passage');
    const problems: string[] = [];
    for (const b of citing) {
      const source = b.cites ? passageText(b.cites) : null;
      if (source === null) problems.push(`${b.page}: "${b.text.slice(0, 60)}…" cites ${b.cites ?? 'nothing'}, which does not resolve`);
      else if (!foundIn(b.text, source)) problems.push(`${b.page}: "${b.text.slice(0, 70)}…" is not in ${b.cites}`);
    }
    expectNone(problems, 'blockquotes wider than what they quote');
  });

  test('every "Quoting:" label links to the passage the words are found in and names it', () => {
    const problems: string[] = [];
    let labels = 0;
    for (const page of pages()) {
      for (const a of dom(page.path).querySelectorAll('main blockquote a.quote-source')) {
        labels++;
        const href = a.getAttribute('href') ?? '';
        const label = a.textContent.replace(/^Quoting:\s*/, '');
        const [path, id] = splitHref(href);
        const target = id ? dom(path).getElementById(id) : null;
        if (!target) {
          problems.push(`${page.path}: "Quoting: ${label}" points at ${href}, which does not exist`);
          continue;
        }
        // The label names the passage as the target shows itself: a comment by its author (or as
        // unrecorded), a section by its heading, a note by its first words.
        const author = target.getAttribute('data-search-author');
        // An unrecorded writer the editors read as one person is named by the thread's label.
        const labelled = target.getAttribute('data-author-label');
        const names = target.classList.contains('comment')
          ? author
            ? label.startsWith(`Comment by ${author}`)
            : labelled
              ? label.startsWith(`Comment by ${labelled} ·`)
              : /not recorded|unrecorded/i.test(label)
          : norm(bareText(target)).startsWith(norm(label.split(' · ')[0] ?? label));
        if (!names) problems.push(`${page.path}: "Quoting: ${label}" does not name ${href} ("${bareText(target).trim().slice(0, 50)}")`);
      }
    }
    expect(labels).toBeGreaterThan(0);
    expectNone(problems, '"Quoting:" labels');
  });

  test('an earlier-version quote says so, and its words are indeed not in the passage linked', () => {
    const earlier = blockquotes.filter((b) => b.status === 'earlier');
    expectSome(earlier, 'earlier-version quotes');
    const problems: string[] = [];
    for (const page of new Set(earlier.map((b) => b.page))) {
      for (const bq of dom(page).querySelectorAll('main blockquote[data-quote="earlier"]')) {
        const note = bq.querySelector('.quote-note')?.textContent ?? '';
        if (!/earlier version|not the same words/.test(note)) problems.push(`${page}: earlier-version quote without its note`);
      }
    }
    for (const b of earlier) {
      const source = b.cites ? passageText(b.cites) : null;
      if (source !== null && foundIn(b.text, source))
        problems.push(`${b.page}: "${b.text.slice(0, 60)}…" is marked as an earlier version but is in ${b.cites}`);
    }
    expectNone(problems, 'earlier-version quotes');
  });

  test('a quotation of a text the site does not hold says what it quotes', () => {
    const noted = blockquotes.filter((b) => b.status === 'noted');
    expectSome(noted, 'quotations of texts the site does not hold');
    const problems: string[] = [];
    for (const page of new Set(noted.map((b) => b.page))) {
      for (const bq of dom(page).querySelectorAll('main blockquote[data-quote="noted"]')) {
        if ((bq.querySelector('.quote-note')?.textContent.trim() ?? '') === '') problems.push(`${page}: a noted quotation has no note`);
      }
    }
    expectNone(problems, 'noted quotations');
  });

  test('inline quotations inside a writer’s own paragraph are found where they link', () => {
    expectSome(spans, 'inline quotations');
    const problems: string[] = [];
    for (const s of spans) {
      const source = s.cites ? passageText(s.cites) : null;
      if (s.status === 'found' && (source === null || !foundIn(s.text, source)))
        problems.push(`${s.page}: inline quote "${s.text}" is not in ${s.cites ?? 'nothing'}`);
      // The span is inside a paragraph, never a blockquote: the words around it are the writer's.
    }
    expectNone(problems, 'inline quotations');
  });

  test('"Quoted in" lists and paragraph notes show only words found in the passage they sit under', () => {
    const problems: string[] = [];
    let checked = 0;
    for (const page of pages().filter((p) => /^\/(threads|essays|people)\//.test(p.path))) {
      for (const list of dom(page.path).querySelectorAll('main .backlinks, main .side-comments')) {
        // The passage a list belongs to: the paragraph of a note, else the section or comment it closes.
        const para = list.closest('.para');
        const comment = list.closest('article.comment');
        const section = list.closest('section.essay-section');
        const source = para ? bareText(para) : comment ? passageText(`${page.path}#${comment.id}`) : section ? bareText(section) : null;
        if (source === null) continue;
        for (const a of list.querySelectorAll('a[data-backlink="quotes"]')) {
          // Words marked as an earlier wording make no claim on the passage; the rest must be in it.
          for (const x of a.parentNode.querySelectorAll(':scope > .backlink-excerpt:not(.backlink-earlier)')) {
            checked++;
            if (!foundIn(x.textContent, source))
              problems.push(`${page.path}: "${x.textContent.slice(0, 60)}…" listed as quoting a passage without those words`);
          }
        }
      }
    }
    expect(checked, 'quoted words in backlink lists').toBeGreaterThan(0);
    expectNone(problems, 'backlink excerpts claiming words their passage does not have');
  });

  test('counts', () => {
    const count = (xs: Seen[]) =>
      Object.entries(Object.groupBy(xs, (x) => x.status))
        .map(([k, v]) => `${k} ${v?.length ?? 0}`)
        .join(', ');
    console.log(`quote provenance: ${blockquotes.length} blockquotes (${count(blockquotes)}); ${spans.length} inline quotations (${count(spans)})`);
    expect(blockquotes.length).toBeGreaterThan(0);
  });
});

// -------------------------------------------------------------------------------------------------

interface CommentSeen {
  page: string;
  id: string;
  title: string;
  quotes: string[];
}

/** Every comment on the built source pages, with its hidden title and the texts of its blockquotes. */
function comments(): CommentSeen[] {
  const out: CommentSeen[] = [];
  for (const page of pages().filter((p) => /^\/(threads|people)\//.test(p.path))) {
    for (const art of dom(page.path).querySelectorAll('article.comment')) {
      const title = (art.querySelector('.comment-head h3')?.textContent ?? '').replace(/^Comment by [^:]*:\s*/, '');
      const quotes = art
        .querySelectorAll('.comment-body > blockquote')
        .map((bq) => bq.querySelectorAll('p').filter((p) => !p.classList.contains('quote-source'))[0]?.textContent ?? '');
      out.push({ page: page.path, id: art.id, title, quotes });
    }
  }
  return out;
}

/** A label "starts inside a quote" when its first words are the first words of one of the comment's quotations. */
function startsInside(label: string, quotes: readonly string[]): string | null {
  const head = norm(label).slice(0, 30);
  if (head.length < 10) return null;
  return quotes.find((q) => norm(q).includes(head)) ?? null;
}

describe('own words', () => {
  const all = comments();
  const quoting = all.filter((c) => c.quotes.length > 0);

  test('a comment’s title never begins inside a quotation', () => {
    expectSome(quoting, 'comments with quotations');
    expectNone(
      quoting.flatMap((c) => {
        const q = startsInside(c.title, c.quotes);
        return q ? [`${c.page}#${c.id}: title "${c.title.slice(0, 50)}" starts inside "${q.slice(0, 50)}"`] : [];
      }),
      'titles starting inside a quotation',
    );
  });

  test('a comment’s preview text never begins inside a quotation', () => {
    const problems: string[] = [];
    for (const c of quoting) {
      const [, kind, slug] = /^\/(threads|people)\/([^/]+)\//.exec(c.page) ?? [];
      const map = JSON.parse(readFileSync(join(DIST, 'previews', kind ?? '', `${slug ?? ''}.json`), 'utf8')) as Record<string, { text: string }>;
      const text = map[c.id]?.text;
      if (text === undefined) problems.push(`${c.page}#${c.id}: no preview`);
      else {
        const q = startsInside(text, c.quotes);
        if (q) problems.push(`${c.page}#${c.id}: preview "${text.slice(0, 50)}" starts inside "${q.slice(0, 50)}"`);
      }
    }
    expectNone(problems, 'previews starting inside a quotation');
  });

  test('a comment listed on a claim or glossary page is introduced by its own opening words', () => {
    const quotesOf = new Map(all.map((c) => [`${c.page}#${c.id}`, c.quotes]));
    const problems: string[] = [];
    let listed = 0;
    for (const p of pages().filter((x) => /^\/(arguments|glossary)\/[^/]+\/$/.test(x.path))) {
      for (const li of dom(p.path).querySelectorAll('.passages li')) {
        const href = li.querySelector('a')?.getAttribute('href') ?? '';
        const quotes = quotesOf.get(href);
        const opening = li.querySelector('.opening q')?.textContent;
        if (!quotes || opening === undefined) continue;
        listed++;
        const q = startsInside(opening.replace(/…$/, ''), quotes);
        if (q) problems.push(`${p.path}: ${href} is introduced by "${opening.slice(0, 50)}", inside "${q.slice(0, 50)}"`);
      }
    }
    expect(listed).toBeGreaterThan(0);
    expectNone(problems, 'passage lists opening inside a quotation');
  });

  test('a comment’s search text holds none of its quotations, so no excerpt can begin inside one', () => {
    const dir = join(DIST, 'pagefind', 'fragment');
    const fragments = new Map<string, string>();
    for (const f of readdirSync(dir)) {
      const json = gunzipSync(readFileSync(join(dir, f)))
        .toString('utf8')
        .replace(/^pagefind_dcd/, '');
      const frag = JSON.parse(json) as { url: string; content: string };
      fragments.set(frag.url, frag.content);
    }
    const problems: string[] = [];
    for (const c of quoting) {
      const content = fragments.get(`${c.page}#${c.id}`);
      if (content === undefined) {
        problems.push(`${c.page}#${c.id}: no search record`);
        continue;
      }
      for (const q of c.quotes)
        if (norm(q).length >= 20 && norm(content).includes(norm(q).slice(0, 60)))
          problems.push(`${c.page}#${c.id}: search text contains the quotation "${q.slice(0, 50)}"`);
    }
    expectNone(problems, 'search records holding quotations');
  });
});

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('labels', () => {
  test('no page shows a value the template could not turn into text', () => {
    const problems = pages().flatMap((p) => (/\[object Object\]|>\s*(?:undefined|null|NaN)\s*</.test(p.html) ? [p.path] : []));
    expectNone(problems, 'pages showing [object Object], undefined, null or NaN');
  });

  test('no space shows between an author’s name and the punctuation after it', () => {
    // Whitespace just inside the name's closing tag, or before the next character, renders as a
    // space before it ("by DavidW ."). Every name on the site is drawn by one component, whose
    // outer element is .author-wrap for names and labels, .author for an unrecorded author.
    const problems: string[] = [];
    let names = 0;
    for (const p of pages()) {
      for (const el of dom(p.path).querySelectorAll('.author-wrap, .author')) {
        names++;
        const next = el.nextSibling?.rawText ?? '';
        if (/\s$/.test(el.innerHTML) && /^[.,;:)]/.test(next)) problems.push(`${p.path}: "${el.textContent}${next.slice(0, 10)}"`);
        if (/^\s+[.,;:)]/.test(next)) problems.push(`${p.path}: "${el.textContent}${next.slice(0, 10)}"`);
      }
    }
    expect(names).toBeGreaterThan(0);
    expectNone(problems, 'stray spaces between a name and its punctuation');
  });

  test('no page shows a space between the end of an element and the punctuation after it', () => {
    // The same mistake anywhere in a template ("posted by <a>…</a> , on …"): the text that follows
    // an inline element, up to the next element, starts with whitespace and then punctuation.
    const problems: string[] = [];
    let checked = 0;
    for (const p of pages()) {
      const body = dom(p.path).querySelector('body');
      for (const el of body?.querySelectorAll('*') ?? []) {
        // Source text keeps its authors' spacing, whatever it is; only our own markup is checked.
        if (
          ['SCRIPT', 'STYLE', 'TEMPLATE'].includes(el.tagName) ||
          el.closest('.backlink-excerpt, pre, code, .comment-body, section.essay-section > p, blockquote')
        )
          continue;
        checked++;
        const siblings = el.parentNode.childNodes;
        let after = '';
        for (const n of siblings.slice(siblings.indexOf(el) + 1)) {
          // A <style> or <script> sibling (KaTeX's rules sit before the formulas) shows no text.
          if (n instanceof HTMLElement && ['SCRIPT', 'STYLE', 'TEMPLATE'].includes(n.tagName)) continue;
          after += n.textContent;
          if (after.trim() !== '') break;
        }
        if (/^\s+[.,;:)]/.test(after) && !/^\s*$/.test(el.rawText))
          problems.push(`${p.path}: "${clean(el.textContent).slice(-30)}${after.replace(/\s+/g, ' ').slice(0, 12)}"`);
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expectNone(problems, 'stray spaces before punctuation');
  });
});
