import type { APIRoute, GetStaticPaths } from 'astro';
import type { PreviewMap } from '../../../lib/links/previews.ts';
import { previewSegment } from '../../../lib/site/model.ts';
import { pageIdOf } from '../../../lib/site/routes.ts';
import { cacheKeyOf, site } from '../../../data/site.ts';

// One small JSON file per page holding previews of that page and its passages; a link's preview
// fetches its target page's file on first use.
// A page's previews are drawn from what its own page's cache key covers (its entry, the curated
// collections, the links touching it), so a rebuild copies the unchanged ones: without a key,
// every one of a thousand threads' files was rendered again on every rebuild.
export const getStaticPaths = (async () => {
  const { previews } = await site();
  return Promise.all(
    previews.map(async (p) => ({
      params: { kind: previewSegment(p.kind), slug: p.slug },
      props: { map: p.map },
      cacheKey: await cacheKeyOf(pageIdOf(p.kind, p.slug)),
    })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(JSON.stringify((props as { map: () => PreviewMap }).map()), { headers: { 'Content-Type': 'application/json' } });
