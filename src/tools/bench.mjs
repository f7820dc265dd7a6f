// `npm run bench`: builds the site and measures what a reader downloads.
//
//   node src/tools/bench.mjs [--no-build] [--dist dist] [--markdown [--runs N] [--pages N]]
//
// Measurements (one function each, so more can be added: Lighthouse, search timings):
//   build     wall time of `npm run build` (Astro build + search index); skipped with --no-build
//   pages     every built HTML page, grouped by kind (/, /essays/*, /threads/*, /people/*, /about/,
//             other), with the HTML, JS and CSS each page loads, raw and gzipped
//   pagefind  the search index on disk (index chunks vs. the Pagefind runtime and UI files)
//   markdown  with --markdown: src/tools/bench-markdown.mjs (Sätteri vs unified), --runs N cold
//             builds each (default 3), --pages N generated pages (default 1000)
//
// Prints a table and writes everything to .bench/results.json (git-ignored).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, posix, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parse } from 'node-html-parser';
import { builtPages } from './dist.ts';

const repo = resolve(import.meta.dirname, '../..');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}
const flag = (name) => process.argv.includes(`--${name}`);

const median = (xs) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Raw and gzipped size of a buffer or string. */
function sizes(content) {
  const buf = Buffer.isBuffer(content) ? content : Buffer.from(content);
  return { raw: buf.length, gzip: buf.length ? gzipSync(buf).length : 0 };
}

// ── build ───────────────────────────────────────────────────────────────────────────────────────

/** Runs `npm run build` once and returns its wall time; throws if the build fails. */
export function measureBuild() {
  const t0 = performance.now();
  const res = spawnSync('npm', ['run', 'build', '--silent'], {
    cwd: repo,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  const seconds = (performance.now() - t0) / 1000;
  if (res.status !== 0) throw new Error(`npm run build failed (exit ${res.status ?? res.signal})`);
  return { seconds };
}

// ── pages and their assets ──────────────────────────────────────────────────────────────────────

/** Which group a URL path belongs to in the report. */
export function pageKind(path) {
  if (path === '/') return '/';
  if (path === '/about/') return '/about/';
  for (const section of ['essays', 'threads', 'people']) {
    if (path.startsWith(`/${section}/`) && path !== `/${section}/`) return `/${section}/*`;
  }
  return 'other';
}
const KINDS = ['/', '/essays/*', '/threads/*', '/people/*', '/about/', 'other'];

/** A site-absolute URL (or one relative to `from`) as a file under dist, or null if external. */
function assetFile(dist, url, from = '/') {
  if (!url || /^(?:[a-z]+:)?\/\//i.test(url) || url.startsWith('data:')) return null;
  const clean = url.split(/[?#]/)[0];
  const abs = clean.startsWith('/') ? clean : posix.join(posix.dirname(from), clean);
  const file = join(dist, ...abs.split('/').filter(Boolean));
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** URL path of a file under dist. */
const urlOf = (dist, file) => `/${relative(dist, file).split(sep).join('/')}`;

/**
 * Static imports of a built JS module (loaded with it) and its dynamic ones (loaded on demand),
 * as URL strings. Covers Vite's minified forms: import{a}from"./x.js", import"./x.js",
 * import("./x.js"), import(`/pagefind/pagefind.js`) and the __vite__mapDeps preload list.
 */
function importsOf(code) {
  const eager = new Set();
  const lazy = new Set();
  for (const m of code.matchAll(/(?:^|[;}\s])import\s*(?:[\w*{}\s,$]+?\s*from\s*)?(["'`])([^"'`]+)\1/g)) eager.add(m[2]);
  for (const m of code.matchAll(/\bexport\s*(?:\*|\{[^}]*\})\s*from\s*(["'`])([^"'`]+)\1/g)) eager.add(m[2]);
  for (const m of code.matchAll(/\bimport\(\s*(["'`])([^"'`$]+)\1\s*\)/g)) lazy.add(m[2]);
  const deps = code.match(/__vite__mapDeps=.*?\[([^\]]*)\]/);
  if (deps) for (const m of deps[1].matchAll(/["'`]([^"'`]+)["'`]/g)) lazy.add(`/${m[1].replace(/^\//, '')}`);
  return { eager, lazy };
}

/** Closure of JS files reachable from `roots` through static imports; dynamic ones collected apart. */
function jsClosure(dist, roots, cache) {
  const eager = new Set();
  const lazyRoots = new Set();
  const queue = [...roots];
  while (queue.length) {
    const file = queue.pop();
    if (eager.has(file)) continue;
    eager.add(file);
    if (!cache.has(file)) cache.set(file, importsOf(readFileSync(file, 'utf8')));
    const { eager: deps, lazy } = cache.get(file);
    const from = urlOf(dist, file);
    for (const u of deps) {
      const f = assetFile(dist, u, from);
      if (f) queue.push(f);
    }
    for (const u of lazy) {
      const f = assetFile(dist, u, from);
      if (f) lazyRoots.add(f);
    }
  }
  return { eager, lazyRoots };
}

/** What one page loads: the HTML itself, eager JS (with island code), lazy JS, and CSS. */
function pageAssets(dist, page, jsCache) {
  const root = parse(page.html);
  const scriptRoots = new Set();
  let inlineJs = '';
  for (const s of root.querySelectorAll('script')) {
    const type = s.getAttribute('type');
    if (type && !/module|javascript/.test(type)) continue; // JSON, speculation rules, …
    const src = s.getAttribute('src');
    if (src) {
      const f = assetFile(dist, src, page.path);
      if (f) scriptRoots.add(f);
    } else inlineJs += s.textContent;
  }
  for (const l of root.querySelectorAll('link[rel="modulepreload"]')) {
    const f = assetFile(dist, l.getAttribute('href'), page.path);
    if (f) scriptRoots.add(f);
  }
  // Islands: Astro's island element fetches its component and renderer when it hydrates.
  for (const island of root.querySelectorAll('astro-island')) {
    for (const attr of ['component-url', 'renderer-url']) {
      const f = assetFile(dist, island.getAttribute(attr), page.path);
      if (f) scriptRoots.add(f);
    }
  }
  const css = new Set();
  let inlineCss = '';
  for (const l of root.querySelectorAll('link[rel="stylesheet"]')) {
    const f = assetFile(dist, l.getAttribute('href'), page.path);
    if (f) css.add(f);
  }
  for (const s of root.querySelectorAll('style')) inlineCss += s.textContent;

  const { eager, lazyRoots } = jsClosure(dist, scriptRoots, jsCache);
  const lazy = new Set();
  for (const f of jsClosure(dist, lazyRoots, jsCache).eager) if (!eager.has(f)) lazy.add(f);
  return { eager, lazy, css, inlineJs, inlineCss };
}

/** Per-page and per-kind byte counts for every built page. */
export function measurePages(dist) {
  const fileSizes = new Map();
  const sizeOf = (f) => {
    if (!fileSizes.has(f)) fileSizes.set(f, sizes(readFileSync(f)));
    return fileSizes.get(f);
  };
  const sum = (files) => [...files].reduce((t, f) => ({ raw: t.raw + sizeOf(f).raw, gzip: t.gzip + sizeOf(f).gzip }), { raw: 0, gzip: 0 });
  const jsCache = new Map();
  const pages = [];
  for (const page of builtPages(dist)) {
    const a = pageAssets(dist, page, jsCache);
    const html = sizes(page.html);
    const js = sum(a.eager);
    const css = sum(a.css);
    pages.push({
      path: page.path,
      kind: pageKind(page.path),
      html,
      js,
      css,
      lazyJs: sum(a.lazy),
      inlineJs: sizes(a.inlineJs),
      inlineCss: sizes(a.inlineCss),
      requests: 1 + a.eager.size + a.css.size,
      jsFiles: [...a.eager].map((f) => urlOf(dist, f)).sort(),
      totalGzip: html.gzip + js.gzip + css.gzip,
    });
  }
  const byKind = {};
  for (const kind of KINDS) {
    const group = pages.filter((p) => p.kind === kind);
    if (!group.length) continue;
    const stat = (pick) => ({ median: median(group.map(pick)), max: Math.max(...group.map(pick)) });
    byKind[kind] = {
      pages: group.length,
      htmlRaw: stat((p) => p.html.raw),
      htmlGzip: stat((p) => p.html.gzip),
      jsRaw: stat((p) => p.js.raw),
      jsGzip: stat((p) => p.js.gzip),
      cssRaw: stat((p) => p.css.raw),
      cssGzip: stat((p) => p.css.gzip),
      lazyJsGzip: stat((p) => p.lazyJs.gzip),
      requests: stat((p) => p.requests),
      totalGzip: stat((p) => p.totalGzip),
    };
  }
  return { total: pages.length, byKind, pages };
}

// ── search index ────────────────────────────────────────────────────────────────────────────────

/** Files and bytes under a directory, recursively. */
function walkSize(dir) {
  let bytes = 0;
  let files = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      const s = walkSize(p);
      bytes += s.bytes;
      files += s.files;
    } else {
      bytes += statSync(p).size;
      files += 1;
    }
  }
  return { bytes, files };
}

/** Pagefind's output: the index proper (chunks, fragments, filters) and its runtime/UI files. */
export function measurePagefind(dist) {
  const dir = join(dist, 'pagefind');
  if (!existsSync(dir)) return null;
  const out = { ...walkSize(dir), parts: {} };
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    const part = e.isDirectory() ? `${e.name}/` : e.name.startsWith('pagefind-entry') ? 'entry' : /\.(wasm|pagefind)$/.test(e.name) ? 'wasm' : 'runtime/ui';
    const s = e.isDirectory() ? walkSize(p) : { bytes: statSync(p).size, files: 1 };
    out.parts[part] ??= { bytes: 0, files: 0 };
    out.parts[part].bytes += s.bytes;
    out.parts[part].files += s.files;
  }
  return out;
}

// ── markdown pipelines ──────────────────────────────────────────────────────────────────────────

/** Runs bench-markdown.mjs (its own temp projects) and returns what it wrote. */
export function measureMarkdown({ runs = 3, pages = 1000 } = {}) {
  const args = [join(repo, 'src/tools/bench-markdown.mjs'), '--runs', String(runs), '--pages', String(pages)];
  // Its progress lines (stderr) show; its table and JSON (stdout) are summarised in our report
  // and kept whole in .bench/markdown.json and under "markdown" in .bench/results.json.
  const res = spawnSync(process.execPath, args, { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  if (res.status !== 0) throw new Error(`bench-markdown failed (exit ${res.status ?? res.signal})`);
  return JSON.parse(readFileSync(join(repo, '.bench/markdown.json'), 'utf8'));
}

// ── report ──────────────────────────────────────────────────────────────────────────────────────

const kb = (n) => (n / 1024).toFixed(1);

function printReport(r) {
  const lines = [];
  lines.push('');
  lines.push(r.build ? `Build (npm run build): ${r.build.seconds.toFixed(1)} s` : 'Build: skipped (--no-build), measuring the existing dist/');
  lines.push(`Pages: ${r.pages.total}`);
  lines.push('');
  lines.push('Per page, median (max) KiB; gz = gzip; JS counts module scripts, their static imports and island code');
  const head = ['kind', 'pages', 'HTML', 'HTML gz', 'JS', 'JS gz', 'CSS', 'CSS gz', 'total gz', 'reqs', 'lazy JS gz'];
  const rows = Object.entries(r.pages.byKind).map(([kind, k]) => {
    const cell = (s) => (s.median === s.max ? kb(s.median) : `${kb(s.median)} (${kb(s.max)})`);
    return [kind, String(k.pages), cell(k.htmlRaw), cell(k.htmlGzip), cell(k.jsRaw), cell(k.jsGzip), cell(k.cssRaw), cell(k.cssGzip), cell(k.totalGzip), String(k.requests.median), cell(k.lazyJsGzip)];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const fmt = (row) => row.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  lines.push(fmt(head));
  lines.push(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of rows) lines.push(fmt(row));
  lines.push('');
  if (r.pagefind) {
    const parts = Object.entries(r.pagefind.parts)
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .map(([name, p]) => `${name} ${kb(p.bytes)} KiB/${p.files}`)
      .join(', ');
    lines.push(`Pagefind on disk: ${kb(r.pagefind.bytes)} KiB in ${r.pagefind.files} files (${parts})`);
  } else lines.push('Pagefind: no dist/pagefind directory');
  if (r.markdown) {
    const m = r.markdown;
    const v = m.variants;
    const others = Object.entries(v)
      .filter(([name]) => name !== 'satteri')
      .map(([name, x]) => `${name} ${x.median.toFixed(1)} s (×${x.ratioToSatteri.toFixed(2)})`)
      .join(', ');
    lines.push(`Markdown pipelines (${m.pages} generated pages, ${m.runs} cold builds each, median): satteri + <M> KaTeX ${v.satteri.median.toFixed(1)} s, ${others}`);
  }
  console.log(lines.join('\n'));
}

async function main() {
  const dist = resolve(repo, option('dist', 'dist'));
  const results = { date: new Date().toISOString(), node: process.versions.node, dist: relative(repo, dist) || '.' };
  results.build = flag('no-build') ? null : measureBuild();
  if (!existsSync(dist)) throw new Error(`${dist} does not exist; run without --no-build`);
  results.pages = measurePages(dist);
  results.pagefind = measurePagefind(dist);
  if (flag('markdown')) results.markdown = measureMarkdown({ runs: Number(option('runs', '3')), pages: Number(option('pages', '1000')) });
  printReport(results);
  mkdirSync(join(repo, '.bench'), { recursive: true });
  writeFileSync(join(repo, '.bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwrote .bench/results.json`);
}

// Run only as a script, so later tools can import the measurement functions.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
