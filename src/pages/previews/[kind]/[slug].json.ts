import type { APIRoute, GetStaticPaths } from 'astro';
import type { PreviewMap } from '../../../lib/links/previews.ts';
import { previewSegment } from '../../../lib/site/model.ts';
import { site } from '../../../data/site.ts';

// One small JSON file per page holding previews of that page and its passages; a link's preview
// fetches its target page's file on first use.
export const getStaticPaths = (async () => {
  const { previews } = await site();
  return previews.map((p) => ({ params: { kind: previewSegment(p.kind), slug: p.slug }, props: { map: p.map } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify((props as { map: PreviewMap }).map), { headers: { 'Content-Type': 'application/json' } });
