import type { APIRoute, GetStaticPaths } from 'astro';
import { passageTexts } from '../../../lib/links/page-text.ts';
import { splitNodeId } from '../../../lib/links/anchors.ts';
import { site } from '../../../data/site.ts';

// The text of each passage of a source page, by anchor: a preview of a quote link reads it to show
// the quoted words in their sentence. Fetched only for links that carry a text fragment.
export const getStaticPaths = (async () => {
  const { pageTexts } = await site();
  return [...pageTexts].map(([page, text]) => {
    const [kind = '', slug = ''] = splitNodeId(page).page.split('/');
    return { params: { kind, slug }, props: { texts: passageTexts(text) } };
  });
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify((props as { texts: Record<string, string> }).texts), { headers: { 'Content-Type': 'application/json' } });
