// What a built page makes the browser load, read from dist/ without a browser: its scripts (and
// every chunk they import statically), the chunks it may import later, its stylesheets and the
// fonts those declare. Shared by the bench (`npm run bench`) and the budget tests.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parse } from 'node-html-parser';
import { moduleImports, resolveSpecifier } from '../bench/imports.ts';
import { afterPaintScripts } from '../lib/security/after-paint.ts';

/** Raw and gzipped byte counts. */
export interface Bytes {
  raw: number;
  gzip: number;
}

/** One page's assets, as site-absolute paths of files that exist in dist/. */
export interface PageAssets {
  /** JavaScript run before any interaction: module scripts, their static imports, island code. */
  eagerJs: string[];
  /** Chunks only a dynamic import() reaches (search, previews, …), with their own static imports. */
  lazyJs: string[];
  /** Inline scripts' text (theme set-up and Astro's island bootstrap). */
  inlineJs: string[];
  css: string[];
  inlineCss: string[];
  /** Fonts the page's stylesheets declare (the browser fetches only those a glyph needs). */
  fonts: string[];
  /** Script or stylesheet URLs that point off the site (should be none). */
  external: string[];
}

/** Raw and gzipped size of a string or buffer (gzip at zlib's default level, as static hosts use). */
export function bytesOf(content: string | Buffer): Bytes {
  const buf = typeof content === 'string' ? Buffer.from(content) : content;
  return { raw: buf.length, gzip: buf.length ? gzipSync(buf).length : 0 };
}

/** Reads dist/ files once each and remembers their imports and sizes. */
export class DistFiles {
  private readonly imports = new Map<string, { eager: string[]; lazy: string[] }>();
  private readonly sizes = new Map<string, Bytes>();
  readonly dist: string;
  constructor(dist: string) {
    this.dist = dist;
  }

  /** The file behind a site-absolute path, or null when dist/ has no such file. */
  file(path: string): string | null {
    const file = join(this.dist, ...path.split('/').filter(Boolean).map(decodeURIComponent));
    return existsSync(file) && statSync(file).isFile() ? file : null;
  }

  /** Text of a site file. */
  text(path: string): string {
    const file = this.file(path);
    if (!file) throw new Error(`${path} is not in ${this.dist}`);
    return readFileSync(file, 'utf8');
  }

  /** Sizes of a site file. */
  size(path: string): Bytes {
    let s = this.sizes.get(path);
    if (!s) {
      const file = this.file(path);
      if (!file) throw new Error(`${path} is not in ${this.dist}`);
      s = bytesOf(readFileSync(file));
      this.sizes.set(path, s);
    }
    return s;
  }

  /** Sum of the sizes of several site files. */
  total(paths: Iterable<string>): Bytes {
    let raw = 0;
    let gzip = 0;
    for (const p of paths) {
      const s = this.size(p);
      raw += s.raw;
      gzip += s.gzip;
    }
    return { raw, gzip };
  }

  /** A module's static and dynamic imports, resolved to site paths that exist. */
  importsOf(path: string): { eager: string[]; lazy: string[] } {
    let r = this.imports.get(path);
    if (!r) {
      const found = moduleImports(this.text(path));
      const resolve = (specs: string[]) => specs.map((s) => resolveSpecifier(s, path)).filter((p): p is string => p !== null && this.file(p) !== null);
      r = { eager: resolve(found.eager), lazy: resolve(found.lazy) };
      this.imports.set(path, r);
    }
    return r;
  }

  /** Every module `roots` load statically (roots included), and the dynamic imports they reach. */
  closure(roots: Iterable<string>): { modules: Set<string>; dynamic: Set<string> } {
    const modules = new Set<string>();
    const dynamic = new Set<string>();
    const queue = [...roots];
    while (queue.length) {
      const path = queue.pop() ?? '';
      if (modules.has(path)) continue;
      modules.add(path);
      const { eager, lazy } = this.importsOf(path);
      queue.push(...eager);
      for (const l of lazy) dynamic.add(l);
    }
    return { modules, dynamic };
  }
}

const isExternal = (url: string) => /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(url) && !url.startsWith('data:');

/** Fonts declared by `url(…)` in a stylesheet at `cssPath`, as site paths (external ones kept as is). */
function fontUrls(css: string, cssPath: string): string[] {
  const out: string[] = [];
  for (const m of css.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/g)) {
    const url = m[2] ?? '';
    if (!/\.(?:woff2?|ttf|otf|eot)(?:[?#]|$)/i.test(url)) continue;
    out.push(isExternal(url) ? url : new URL(url, `http://site.invalid${cssPath}`).pathname);
  }
  return out;
}

/** The assets of the page at `pagePath` whose HTML is `html`. */
export function pageAssets(files: DistFiles, pagePath: string, html: string): PageAssets {
  const root = parse(html);
  const roots = new Set<string>();
  const inlineJs: string[] = [];
  const external: string[] = [];
  const local = (url: string | undefined): string | null => {
    if (!url) return null;
    if (isExternal(url)) {
      external.push(url);
      return null;
    }
    const path = new URL(url, `http://site.invalid${pagePath}`).pathname;
    return files.file(path) ? path : null;
  };
  for (const s of root.querySelectorAll('script')) {
    const type = s.getAttribute('type');
    if (type && !/module|javascript/.test(type)) continue; // JSON data, speculation rules
    const src = s.getAttribute('src');
    if (src !== undefined) {
      const p = local(src);
      if (p) roots.add(p);
    } else if (s.textContent.trim()) inlineJs.push(s.textContent);
  }
  // Module scripts the page's inline loader imports once the page has painted (src/lib/security/after-paint.ts).
  for (const url of afterPaintScripts(html)) {
    const p = local(url);
    if (p) roots.add(p);
  }
  for (const l of root.querySelectorAll('link[rel="modulepreload"]')) {
    const p = local(l.getAttribute('href'));
    if (p) roots.add(p);
  }
  // An island fetches its component and the framework renderer when it hydrates; every island on
  // these pages hydrates without a click (client:load, client:idle or client:visible).
  for (const island of root.querySelectorAll('astro-island')) {
    for (const attr of ['component-url', 'renderer-url']) {
      const p = local(island.getAttribute(attr));
      if (p) roots.add(p);
    }
  }
  const css: string[] = [];
  for (const l of root.querySelectorAll('link[rel="stylesheet"]')) {
    const p = local(l.getAttribute('href'));
    if (p) css.push(p);
  }
  const inlineCss = root
    .querySelectorAll('style')
    .map((s) => s.textContent)
    .filter((t) => t.trim());
  const fonts = new Set<string>();
  for (const c of css) for (const f of fontUrls(files.text(c), c)) fonts.add(f);
  for (const c of inlineCss) for (const f of fontUrls(c, pagePath)) fonts.add(f);
  for (const f of fonts) if (isExternal(f)) external.push(f);

  const eager = files.closure(roots);
  const lazy = files.closure(eager.dynamic);
  return {
    eagerJs: [...eager.modules].sort(),
    lazyJs: [...lazy.modules].filter((p) => !eager.modules.has(p)).sort(),
    inlineJs,
    css,
    inlineCss,
    fonts: [...fonts].sort(),
    external,
  };
}

/** Gzipped bytes of JavaScript a page runs before interaction: its eager modules plus inline scripts. */
export function eagerJsBytes(files: DistFiles, assets: PageAssets): Bytes {
  const t = files.total(assets.eagerJs);
  for (const s of assets.inlineJs) {
    const b = bytesOf(s);
    t.raw += b.raw;
    t.gzip += b.gzip;
  }
  return t;
}

/**
 * True when a stylesheet is (or contains) KaTeX's: a rule for its `.katex` class and a font face
 * of its own. Either alone is not enough: our Formula component's styles name `.katex-fonts` and
 * KaTeX's families, and would pass for KaTeX's stylesheet when that was missing.
 */
export function isKatexCss(css: string): boolean {
  return /(^|[},\s])\.katex[\s{.>:,]/.test(css) && /@font-face\s*\{[^}]*font-family:\s*["']?KaTeX_/.test(css);
}
