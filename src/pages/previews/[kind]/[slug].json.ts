import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { essayPreviews, threadPreviews, type PreviewMap } from '../../../lib/links/previews.ts';
import { wholeQuoteParagraphs } from '../../../lib/links/quote-view.ts';
import { siteData } from '../../../../components/site-data.ts';

// One small JSON file per page holding previews of that page and its passages; a link's preview
// fetches its target page's file on first use.
export const getStaticPaths = (async () => {
  const out: { params: { kind: string; slug: string }; props: { map: PreviewMap } }[] = [];
  const { graph } = await siteData();
  for (const e of await getCollection('essays')) {
    out.push({ params: { kind: 'essays', slug: e.id }, props: { map: essayPreviews(e.data.title, e.data.author, e.data.sections) } });
  }
  const threads = await getCollection('threads');
  for (const t of threads) {
    if (t.data.type !== 'thread') continue;
    out.push({ params: { kind: 'threads', slug: t.id }, props: { map: threadPreviews(`“${t.data.post.title}”`, t.data.comments, (id) => wholeQuoteParagraphs(graph, `threads/${t.id}#${id}`)) } });
  }
  for (const p of await getCollection('people')) {
    const page = { title: p.data.name, text: p.data.description };
    const map: PreviewMap = {};
    for (const prof of threads) {
      if (prof.data.type === 'profile' && prof.data.person === p.id) Object.assign(map, threadPreviews(`${p.data.name}'s profile`, prof.data.comments, (id) => wholeQuoteParagraphs(graph, `people/${p.id}#${id}`)));
    }
    map[''] = page;
    out.push({ params: { kind: 'people', slug: p.id }, props: { map } });
  }
  // Our own pages: the byline says so, since a preview floats over an author's text.
  for (const t of await getCollection('glossary')) {
    out.push({ params: { kind: 'glossary', slug: t.id }, props: { map: { '': { title: t.data.term, byline: 'Glossary · our definition', text: t.data.short } } } });
  }
  for (const c of await getCollection('claims')) {
    out.push({ params: { kind: 'arguments', slug: c.id }, props: { map: { '': { title: c.data.title, byline: 'Argument map · our summary', text: c.data.summary } } } });
  }
  return out;
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify((props as { map: PreviewMap }).map), { headers: { 'Content-Type': 'application/json' } });
