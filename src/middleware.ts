// Finishes every page as the build renders it (src/data/page-finish.ts): moved anchors, scripts
// deferred until the page has painted, and its Content-Security-Policy. The dev server's pages are
// left as they are: Vite injects inline code of its own that no policy written here would allow.
import { defineMiddleware } from 'astro:middleware';
import { finishRenderedPage } from './data/page-finish.ts';

/** Astro middleware: the finished HTML in place of the rendered HTML; anything else passes through. */
export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  if (import.meta.env.DEV || !(response.headers.get('content-type') ?? '').startsWith('text/html')) return response;
  const html = finishRenderedPage(context.url.pathname, await response.text());
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(html, { status: response.status, statusText: response.statusText, headers });
});
