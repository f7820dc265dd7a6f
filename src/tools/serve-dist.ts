// A tiny static server for the built site, used by the browser tests and the benchmark: it
// serves dist/ on 127.0.0.1 the way a static host would (directory index, 404 page).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
};

/** How closely to imitate a production static host. */
export interface ServeOptions {
  /**
   * Gzip text responses for clients that accept it and mark Astro's content-hashed assets as
   * immutable, as static hosts do. The bench's Lighthouse runs use this; the tests do not need it.
   */
  hostLike?: boolean;
}

// Types a host compresses; fonts, images and Pagefind's chunks (already gzip files) go as they are.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.wasm', '.txt', '.xml']);

export interface Served {
  url: string;
  close: () => Promise<void>;
}

/** Serves `dir` on a free port of 127.0.0.1 (or `port`), resolving once it listens. */
export async function serveDist(dir = 'dist', port = 0, options: ServeOptions = {}): Promise<Served> {
  const root = resolve(dir);
  const respond = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      let path = normalize(join(root, decodeURIComponent(url.pathname)));
      if (path !== root && !path.startsWith(root + sep)) throw new Error('outside root'); // not a sibling like dist-old/
      if ((await stat(path).catch(() => null))?.isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      const headers: Record<string, string> = { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' };
      if (options.hostLike) {
        if (url.pathname.startsWith('/_astro/')) headers['Cache-Control'] = 'public, max-age=31536000, immutable';
        if (COMPRESSIBLE.has(extname(path)) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
          headers['Content-Encoding'] = 'gzip';
          headers['Vary'] = 'Accept-Encoding';
          res.writeHead(200, headers);
          res.end(gzipSync(body));
          return;
        }
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      const body = await readFile(join(root, '404.html')).catch(() => Buffer.from('Not found'));
      res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(body);
    }
  };
  const server: Server = createServer((req, res) => void respond(req, res));
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok));
  const address = server.address();
  const actual = typeof address === 'object' && address ? address.port : port;
  return { url: `http://127.0.0.1:${actual}`, close: () => new Promise((ok) => server.close(() => ok())) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const served = await serveDist(process.argv[2] ?? 'dist', Number(process.argv[3] ?? 4321));
  console.log(`Serving ${process.argv[2] ?? 'dist'} at ${served.url}`);
}
