import type { APIRoute, GetStaticPaths } from 'astro';
import { passageTexts } from '../../../lib/links/page-text.ts';
import { splitNodeId } from '../../../lib/links/anchors.ts';
import { cacheKeyOf, site } from '../../../data/site.ts';

// The text of each passage of a source page, by anchor: a preview of a quote link reads it to show
// the quoted words in their sentence. Fetched only for links that carry a text fragment.
// The props name the page only: texts made for every page up front were held until the last was
// written. A page's text is drawn from what its own page's cache key covers (its entry, the curated
// collections, the passages that cite it), so a rebuild copies the unchanged ones.
export const getStaticPaths = (async () => {
  const { pageTexts } = await site();
  return Promise.all(
    [...pageTexts.keys()].map(async (page) => {
      const [kind = '', slug = ''] = splitNodeId(page).page.split('/');
      return { params: { kind, slug }, props: { page }, cacheKey: await cacheKeyOf(page) };
    }),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
  const { page } = props as { page: string };
  const text = (await site()).pageTexts.get(page);
  if (!text) throw new Error(`preview texts: no page text for ${page}`);
  return new Response(JSON.stringify(passageTexts(text)), { headers: { 'Content-Type': 'application/json' } });
};
