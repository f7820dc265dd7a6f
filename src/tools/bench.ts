// `npm run bench`: builds the site and measures it the way readers' browsers meet it.
//
//   npm run bench -- [--dist dist] [--no-build] [--no-browser] [--no-lighthouse] [--no-first-screen] [--no-search]
//                    [--no-calculators] [--no-corpus] [--corpus-threads 1000] [--corpus-pairs 3]
//                    [--presets mobile,desktop,mobile-applied] [--lighthouse-runs 3]
//                    [--markdown [--runs N] [--pages N]] [--out bench/results.json]
//                    [--compare bench/before.json] [--from bench/results.json]
//
// Parts, each optional by its flag:
//   build        `astro build` into --dist (the search index is part of it; wall time of each)
//   pages        every built page read from dist/ without a browser: HTML, the JS it runs before
//                interaction (its scripts and their static imports, island code, inline scripts),
//                the JS it can load later, CSS; grouped by page kind (always on, it takes a second)
//   browser      one page per kind (the largest of its kind) loaded in Chromium from a local server:
//                requests and bytes on load, then what the first search and the first link
//                preview add
//   lighthouse   the same pages, Lighthouse mobile and desktop presets and mobile with applied
//                throttling (bench-lighthouse.ts PRESETS), served as a static host
//                would (gzip, immutable hashed assets); each run --lighthouse-runs times, the
//                run with the median LCP reported
//   first screen first-screen.ts: per kind, the gzipped bytes a phone needs to paint what the
//                whole page paints, against the first round trip's window
//   search       bench-search.ts: index size, bytes for a first query, median time to results
//   calculators  bench-calculators.ts: model timings in Node and each calculator page's JS
//   corpus       bench-corpus.ts: cold builds of the seed corpus and of the seed plus
//                --corpus-threads generated threads, each in a temp copy of the site; up to
//                1,000 threads, --corpus-pairs alternating pairs of cold builds (ours, then the
//                bare floor) give the ratio to the floor as their median
//   markdown     with --markdown: bench-markdown.ts (Sätteri vs unified), its own temp projects
//
// --compare adds a before/after table per page kind against an earlier results file; --from
// re-renders a saved results file instead of measuring.
//
// Prints tables, checks the budgets (src/bench/budgets.ts) and writes --out (default
// bench/results.json) plus a Markdown rendering of the tables beside it (results.md).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkBudgets, FIRST_WINDOW_BODY_BYTES, roundTripsFor, type BudgetCheck } from '../bench/budgets.ts';
import { isReadingPage, PAGE_KINDS, pageKindOf, representativePages, type PageKind } from '../bench/kinds.ts';
import { kib, markdownTable, median, pairedRatio, textTable } from '../bench/report.ts';
import { builtPages } from '../build/dist.ts';
import type { BrowserPage } from './bench-browser.ts';
import type { benchCalculators } from './bench-calculators.ts';
import type { CorpusRun } from './bench-corpus.ts';
import type { FirstScreen } from './first-screen.ts';
import type { LighthouseRun } from './bench-lighthouse.ts';
import type { SearchBench } from './bench-search.ts';
import { buildTimes, dirStats, runNode, type BuildTimes } from './bench-util.ts';
import type { MarkdownResult } from './bench-markdown.ts';
import { readingTables, type ReadingBench } from './bench-reading.ts';
import { bytesOf, DistFiles, eagerJsBytes, isKatexCss, pageAssets, type Bytes } from './page-assets.ts';

/** One built page's figures, read from dist/ without a browser. */
interface PageFigures {
  path: string;
  kind: PageKind | 'other';
  reading: boolean;
  html: Bytes;
  js: Bytes;
  css: Bytes;
  lazyJs: Bytes;
  requests: number;
  jsFiles: string[];
  katexCss: boolean;
  katexMarkup: boolean;
  fonts: number;
  external: string[];
}

/** The median and the maximum of a figure over a group of pages. */
interface Stat {
  median: number;
  max: number;
}

/** One page kind's figures, over all its pages. */
interface KindFigures {
  pages: number;
  htmlGzip: Stat;
  jsRaw: Stat;
  jsGzip: Stat;
  cssGzip: Stat;
  lazyJsGzip: Stat;
  requests: Stat;
}

/** Pagefind's output on disk, in total and by part. */
interface PagefindFigures {
  bytes: number;
  files: number;
  parts: Record<string, { bytes: number; files: number }>;
}

/** What --markdown measures (bench-markdown.ts writes it). */
type MarkdownFigures = MarkdownResult;

/**
 * A bench run as written to bench/results.json. Every part is optional because every part of the
 * bench is, and because --compare and --from read files written by earlier versions of the bench.
 */
interface BenchResults {
  date: string;
  node: string;
  cpus: number;
  dist: string;
  runtimeSeconds: Record<string, number>;
  build?: BuildTimes | null;
  pages: ReturnType<typeof measurePages>;
  pagefind?: PagefindFigures | null;
  representative: Partial<Record<PageKind, string>>;
  browser?: Partial<Record<PageKind, BrowserPage>>;
  chromium?: string;
  lighthouse?: Partial<Record<PageKind, Partial<Record<string, LighthouseRun>>>>;
  /** How many Lighthouse runs each figure is the median of (absent in older results: one). */
  lighthouseRuns?: number;
  /** Lighthouse on the bare floor's page for the same thread (src/bench/bare.ts), same run, same presets. */
  lighthouseBare?: { path: string; runs: Partial<Record<string, LighthouseRun>> };
  /** When the Lighthouse figures were taken, if in a later run than the rest (merged in by hand). */
  lighthouseDate?: string;
  /** Per page kind, the gzipped bytes a phone needs to paint what the whole page paints (src/tools/first-screen.ts). */
  firstScreen?: Partial<Record<PageKind, FirstScreen>>;
  search?: SearchBench;
  calculators?: Awaited<ReturnType<typeof benchCalculators>>;
  corpus?: CorpusRun[];
  markdown?: MarkdownFigures;
  reading?: ReadingBench;
  budgetChecks?: BudgetCheck[];
  budgets: BudgetCheck[];
  compareWith?: BenchResults;
}

/** The non-empty notes as one " (a; b)" aside, or nothing. */
function parenthesised(notes: readonly string[]): string {
  const kept = notes.filter(Boolean);
  return kept.length > 0 ? ` (${kept.join('; ')})` : '';
}

/** A report table: its title, column heads and rows. */
type Table = [title: string, head: string[], rows: string[][]];

const repo = resolve(import.meta.dirname, '../..');

function option<T extends string | null>(name: string, fallback: T): string | T {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`--${name} needs a value`);
  return value;
}
const flag = (name: string): boolean => process.argv.includes(`--${name}`);
const seconds = (t0: number): number => (performance.now() - t0) / 1000;

// ── build ───────────────────────────────────────────────────────────────────────────────────────

/** Builds the site into `dist` (`astro build`, search index included) and returns the wall time of each part. */
export function measureBuild(dist: string): BuildTimes {
  const { seconds, stdout } = runNode(repo, [join(repo, 'node_modules/astro/bin/astro.mjs'), 'build', '--outDir', dist]);
  // Captured rather than shown live, to read the index time from it; shown once the build is done.
  process.stderr.write(stdout);
  return buildTimes(seconds, stdout);
}

// ── pages, read from dist/ ──────────────────────────────────────────────────────────────────────

/** Per-page byte counts for every built page, and per-kind medians and maxima. */
export function measurePages(dist: string): { total: number; byKind: Partial<Record<PageKind | 'other', KindFigures>>; pages: PageFigures[] } {
  const files = new DistFiles(dist);
  const pages: PageFigures[] = [];
  for (const page of builtPages(dist)) {
    const a = pageAssets(files, page.path, page.html);
    const html = bytesOf(page.html);
    const js = eagerJsBytes(files, a);
    const css = files.total(a.css);
    pages.push({
      path: page.path,
      kind: pageKindOf(page.path) ?? 'other',
      reading: isReadingPage(page.path),
      html,
      js,
      css,
      lazyJs: files.total(a.lazyJs),
      requests: 1 + a.eagerJs.length + a.css.length,
      jsFiles: a.eagerJs,
      katexCss: a.css.some((c) => isKatexCss(files.text(c))) || a.inlineCss.some(isKatexCss),
      katexMarkup: /class="katex"/.test(page.html),
      fonts: a.fonts.length,
      external: a.external,
    });
  }
  const byKind: Partial<Record<PageKind | 'other', KindFigures>> = {};
  for (const kind of [...PAGE_KINDS, 'other'] as const) {
    const group = pages.filter((p) => p.kind === kind);
    if (!group.length) continue;
    const stat = (pick: (p: PageFigures) => number): Stat => ({ median: median(group.map(pick)), max: Math.max(...group.map(pick)) });
    byKind[kind] = {
      pages: group.length,
      htmlGzip: stat((p) => p.html.gzip),
      jsRaw: stat((p) => p.js.raw),
      jsGzip: stat((p) => p.js.gzip),
      cssGzip: stat((p) => p.css.gzip),
      lazyJsGzip: stat((p) => p.lazyJs.gzip),
      requests: stat((p) => p.requests),
    };
  }
  return { total: pages.length, byKind, pages };
}

// ── search index on disk ────────────────────────────────────────────────────────────────────────

/** Pagefind's output: the index proper (chunks, fragments, filters) and its runtime and UI files. */
export function measurePagefind(dist: string): PagefindFigures | null {
  const dir = join(dist, 'pagefind');
  if (!existsSync(dir)) return null;
  const out: PagefindFigures = { ...dirStats(dir), parts: {} };
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    const part: string = e.isDirectory()
      ? `${e.name}/`
      : e.name.startsWith('pagefind-entry')
        ? 'entry'
        : /\.(wasm|pagefind)$/.test(e.name)
          ? 'wasm'
          : 'runtime/ui';
    const s = e.isDirectory() ? dirStats(p) : { bytes: statSync(p).size, files: 1 };
    const total = (out.parts[part] ??= { bytes: 0, files: 0 });
    total.bytes += s.bytes;
    total.files += s.files;
  }
  return out;
}

// ── markdown pipelines ──────────────────────────────────────────────────────────────────────────

/** Runs bench-markdown.ts (its own temp projects) and returns what it wrote. */
export function measureMarkdown({ runs = 3, pages = 1000 } = {}): MarkdownFigures {
  const args = [join(repo, 'src/tools/bench-markdown.ts'), '--runs', String(runs), '--pages', String(pages)];
  // Its progress lines (stderr) show; its table and JSON (stdout) are summarised in our report.
  const res = spawnSync(process.execPath, args, { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });
  if (res.status !== 0) throw new Error(`bench-markdown failed (exit ${res.status ?? res.signal})`);
  return JSON.parse(readFileSync(join(repo, '.bench/markdown.json'), 'utf8')) as MarkdownFigures;
}

// ── report ──────────────────────────────────────────────────────────────────────────────────────

const cell = (s: Stat): string => (s.median === s.max ? kib(s.median) : `${kib(s.median)} (${kib(s.max)})`);
const ms = (n: number): string => (Number.isFinite(n) ? `${Math.round(n)}` : 'n/a');
const fixed = (n: number | undefined, digits: number): string => (n ?? Number.NaN).toFixed(digits);
const clsText = (n: number): string => (n === 0 ? '0' : n < 0.001 ? n.toExponential(1) : n.toFixed(3));

/** The report's tables as [title, head, rows]; printed as text and written as Markdown. */
function tables(r: BenchResults): Table[] {
  const out: Table[] = [];
  out.push([
    `Every built page (${r.pages.total}), by kind: median (max) KiB gzipped; JS = what runs before interaction`,
    ['kind', 'pages', 'HTML', 'JS', 'CSS', 'JS on use', 'requests'],
    Object.entries(r.pages.byKind).map(([kind, k]) => [
      kind,
      String(k.pages),
      cell(k.htmlGzip),
      cell(k.jsGzip),
      cell(k.cssGzip),
      cell(k.lazyJsGzip),
      String(k.requests.median),
    ]),
  ]);
  if (r.browser) {
    const b = (x: Bytes): string => `${kib(x.raw)} / ${kib(x.gzip)}`;
    out.push([
      'In Chromium, one page per kind (its largest page): on load, KiB raw / gzipped; then what the first search ("deceptive alignment") and the first link preview add (requests, KiB gzipped)',
      ['kind', 'requests', 'HTML', 'JS', 'CSS', 'fonts gz', 'total gz', 'search +', 'preview +'],
      Object.entries(r.browser).map(([kind, p]) => {
        const l = p.load;
        const total = Object.values(l.bytes).reduce((t, x) => t + x.gzip, 0);
        const use = (f: BrowserPage['search']): string => (f ? `${f.requests} req, ${kib(Object.values(f.bytes).reduce((t, x) => t + x.gzip, 0))}` : '—');
        return [kind, String(l.requests), b(l.bytes.html), b(l.bytes.js), b(l.bytes.css), kib(l.bytes.font.gzip), kib(total), use(p.search), use(p.preview)];
      }),
    ]);
  }
  if (r.lighthouse) {
    const presets = [...new Set(Object.values(r.lighthouse).flatMap((x) => Object.keys(x)))];
    const bare = r.lighthouseBare;
    // LCP as a multiple of the bare floor's, for the same preset (issue 15 holds reading pages to 1.15×).
    const ratio = (run: LighthouseRun, p: string): string[] => {
      const floor = bare?.runs[p];
      return bare ? [floor ? (run.lcpMs / floor.lcpMs).toFixed(2) : '—'] : [];
    };
    const cells = (run: LighthouseRun | undefined, p: string): string[] =>
      run
        ? [
            Object.values(run.scores)
              .map((s) => s ?? '–')
              .join('/'),
            ms(run.lcpMs),
            ...ratio(run, p),
            Number.isFinite(run.documentBytes) ? kib(run.documentBytes) : '—',
            ms(run.tbtMs),
            clsText(run.cls),
          ]
        : Array.from({ length: bare ? 6 : 5 }, () => '—');
    out.push([
      `Lighthouse${parenthesised([r.lighthouseDate ? `run on ${r.lighthouseDate.slice(0, 10)}` : '', (r.lighthouseRuns ?? 1) > 1 ? `each the run with the median LCP of ${r.lighthouseRuns}` : ''])}: performance/accessibility/best-practices/SEO, LCP and TBT in ms, CLS${bare ? `; × bare = LCP over that of the bare floor's page for the same thread (${bare.path})` : ''}; page = the HTML as sent (KiB, gzipped), which up to about 14 KiB arrives in one round trip of the simulated phone link`,
      ['kind', ...presets.flatMap((p) => [`${p} scores`, 'LCP', ...(bare ? ['× bare'] : []), 'page', 'TBT', 'CLS'])],
      [
        ...Object.entries(r.lighthouse).map(([kind, x]) => [kind, ...presets.flatMap((p) => cells(x[p], p))]),
        ...(bare ? [['bare floor (thread)', ...presets.flatMap((p) => cells(bare.runs[p], p))]] : []),
      ],
    ]);
  }
  if (r.firstScreen) {
    out.push([
      `First screen on a slow phone link: the gzipped bytes of the page Chromium needs (412 px wide) to paint the largest element it paints from the whole page, found by cutting the response (to 256 bytes); a server's first window holds about ${kib(FIRST_WINDOW_BODY_BYTES)} KiB of it, each further window is one more round trip`,
      ['kind', 'first screen KiB', 'whole page KiB', 'round trips for the first screen', 'largest element'],
      Object.entries(r.firstScreen).map(([kind, f]) => [
        kind,
        kib(f.firstScreenGzip),
        kib(f.wholeGzip),
        String(roundTripsFor(f.firstScreenGzip)),
        (f.largest ?? '—').replace(/\|/g, '/'),
      ]),
    ]);
  }
  if (r.search?.firstQueries) {
    out.push([
      'Search: what a first query fetches, each in a fresh browser from /about/ (KiB gzipped, the engine included); whole = the query entered at once, typed = key by key at 120 ms, every keystroke a query',
      ['query', 'whole: requests', 'whole: KiB', 'typed: requests', 'typed: KiB'],
      r.search.firstQueries.map((q) => [q.query, String(q.requests), kib(q.gzipBytes), String(q.typedRequests), kib(q.typedGzipBytes)]),
    ]);
  }
  if (r.corpus) {
    out.push([
      "Cold builds in a temp copy of the site: seed corpus, and seed plus generated threads; × bare = our cold build over the bare floor's, built right after it; where several alternating pairs were built, their median, each pair's in brackets (the other figures are the first pair's)",
      [
        'corpus',
        'pages',
        'comments',
        'astro build s',
        'search index s',
        'total s',
        'bare floor s (astro + pagefind)',
        '× bare',
        'rebuild after +1 thread s (% of cold; pages reused)',
        'peak memory MiB',
        'records',
        'Pagefind MiB',
        'HTML MiB',
        'dist MiB',
      ],
      r.corpus.map((c) => [
        c.repetitive
          ? `seed + 1 thread of ${c.generatedThreads} near-identical comments`
          : c.generatedThreads
            ? `seed + ${c.generatedThreads} threads`
            : 'seed',
        String(c.pages),
        String(c.comments),
        c.astroSeconds.toFixed(1),
        c.indexSeconds.toFixed(1),
        c.buildSeconds.toFixed(1),
        c.bare ? `${c.bare.buildSeconds.toFixed(1)} (${c.bare.astroSeconds.toFixed(1)} + ${c.bare.indexSeconds.toFixed(1)})` : '—',
        ratioCell(c),
        c.rebuild ? `${c.rebuild.seconds.toFixed(1)} (${((100 * c.rebuild.seconds) / c.buildSeconds).toFixed(0)} %; ${c.rebuild.pagesRestored})` : '—',
        Number.isFinite(c.peakBytes) ? (c.peakBytes / 1048576).toFixed(0) : '—',
        String(c.records),
        (c.pagefindBytes / 1048576).toFixed(1),
        (c.htmlBytes / 1048576).toFixed(1),
        (c.distBytes / 1048576).toFixed(1),
      ]),
    ]);
  }
  if (r.compareWith) out.push(comparison(r.compareWith, r));
  if (r.compareWith?.search && r.search) {
    const [b, a] = [r.compareWith.search, r.search];
    const first = (x: SearchBench): string =>
      `${kib(x.firstQuery.gzipBytes)} (${x.firstQueries ? `costliest of ${x.firstQueries.length}: ${worstQuery(x)}` : 'one query: "deceptive"'})`;
    out.push([
      `Search before (${r.compareWith.date.slice(0, 10)}) → after`,
      ['figure', 'before', 'after'],
      [
        ['first query, KiB gzipped', first(b), first(a)],
        ['first query, requests', String(b.firstQuery.requests), String(a.firstQuery.requests)],
        ['median ms, typing to results', b.medianMs.toFixed(1), a.medianMs.toFixed(1)],
        ['Pagefind files on disk', String(b.indexFiles), String(a.indexFiles)],
      ],
    ]);
  }
  if (r.reading) out.push(...readingTables(r.reading));
  if (r.budgets.length) {
    out.push([
      'Budgets',
      ['budget', 'where', 'limit', 'measured', ''],
      r.budgets.map((b) => [
        b.budget,
        b.where || '—',
        String(b.limit),
        typeof b.actual === 'number' && !Number.isInteger(b.actual) ? b.actual.toPrecision(2) : String(b.actual),
        b.ok ? 'ok' : 'OVER',
      ]),
    ]);
  }
  return out;
}

/** The "× bare" cell: one pair's ratio, or the median of several with each pair's in brackets. */
function ratioCell(c: CorpusRun): string {
  if (!c.bare) return '—';
  if (!c.pairs || c.pairs.length < 2) return (c.buildSeconds / c.bare.buildSeconds).toFixed(2);
  const { ratios, median: mid } = pairedRatio(c.pairs);
  return `${mid.toFixed(2)} (${ratios.map((x) => x.toFixed(2)).join(', ')})`;
}

/**
 * Before and after, per page kind: JS before interaction, bytes and requests on load, and the
 * Lighthouse results, from an earlier results.json (`--compare`) and this run.
 */
function comparison(before: BenchResults, after: BenchResults): Table {
  const kinds = PAGE_KINDS.filter((k) => after.pages.byKind[k] && before.pages?.byKind?.[k]);
  const lh = (r: BenchResults, kind: PageKind, preset: string): string => {
    const run = r.lighthouse?.[kind]?.[preset];
    return run ? `${Object.values(run.scores).join('/')} CLS ${clsText(run.cls)}` : '—';
  };
  const load = (r: BenchResults, kind: PageKind): string => {
    const l = r.browser?.[kind]?.load;
    return l ? `${l.requests} / ${kib(Object.values(l.bytes).reduce((t, x) => t + x.gzip, 0))}` : '—';
  };
  return [
    `Before (${before.date.slice(0, 10)}) → after: JS before interaction (KiB gzipped, largest page of the kind); requests / KiB gzipped on load; Lighthouse scores and CLS`,
    ['kind', 'JS before', 'JS after', 'load before', 'load after', 'mobile before', 'mobile after', 'desktop before', 'desktop after'],
    kinds.map((k) => [
      k,
      kib(before.pages.byKind[k]?.jsGzip.max ?? Number.NaN),
      kib(after.pages.byKind[k]?.jsGzip.max ?? Number.NaN),
      load(before, k),
      load(after, k),
      lh(before, k, 'mobile'),
      lh(after, k, 'mobile'),
      lh(before, k, 'desktop'),
      lh(after, k, 'desktop'),
    ]),
  ];
}

/** The first query that fetched the most, quoted for the budget line ('' for older runs, which measured one). */
function worstQuery(search: SearchBench): string {
  return search.firstQuery.query ? `"${search.firstQuery.query}"` : '';
}

/** One-line summaries that need no table. */
function notes(r: BenchResults): string[] {
  const lines: string[] = [];
  if (r.browser || r.lighthouse)
    lines.push(
      `Pages loaded: ${Object.entries(r.representative)
        .map(([k, p]) => `${k} ${p}`)
        .join(', ')}`,
    );
  lines.push(
    r.build
      ? `Build: astro ${r.build.astroSeconds.toFixed(1)} s + search index ${r.build.indexSeconds.toFixed(1)} s`
      : 'Build: skipped (--no-build), measuring the existing build',
  );
  if (r.pagefind) {
    const parts = Object.entries(r.pagefind.parts)
      .sort((a, b) => b[1].bytes - a[1].bytes)
      .map(([name, p]) => `${name} ${kib(p.bytes)} KiB/${p.files}`)
      .join(', ');
    lines.push(`Pagefind on disk: ${kib(r.pagefind.bytes)} KiB in ${r.pagefind.files} files (${parts})`);
  }
  if (r.search) {
    const s = r.search;
    lines.push(
      `Search: the costliest first query${s.firstQueries ? ` (${worstQuery(s)})` : ''} fetches ${s.firstQuery.requests} requests, ${kib(s.firstQuery.gzipBytes)} KiB over the wire (${kib(s.firstQuery.rawBytes)} KiB decoded); ` +
        `${s.bytesBeforeFirstUse} bytes of it before first use; median ${s.medianMs.toFixed(1)} ms from typing to rendered results over ${s.timesMs.length} queries`,
    );
  }
  if (r.calculators) {
    for (const [path, w] of Object.entries(r.calculators.pages))
      if (w) lines.push(`Calculator ${path}: ${kib(w.gz)} KiB gzipped JS (${w.files} files + ${w.inlineScripts} inline)`);
    for (const t of r.calculators.inputToResult ?? [])
      lines.push(`Calculator ${t.path}: median ${t.medianMs.toFixed(1)} ms from an input change to the result on screen`);
  }
  if (r.markdown) {
    const v = r.markdown.variants;
    const others = Object.entries(v)
      .filter(([name]) => name !== 'satteri')
      .map(([name, x]) => `${name} ${fixed(x.median, 1)} s (×${fixed(x.ratioToSatteri, 2)})`)
      .join(', ');
    lines.push(
      `Markdown pipelines (${r.markdown.pages} generated pages, ${r.markdown.runs} cold builds each, median): satteri ${fixed(v.satteri?.median, 1)} s, ${others}`,
    );
  }
  const t = r.runtimeSeconds;
  lines.push(
    `Bench runtime: ${Object.entries(t)
      .map(([k, v]) => `${k} ${v.toFixed(0)} s`)
      .join(', ')}`,
  );
  return lines;
}

/** One line per budget: the worst figure among its checks, and where it failed. */
function summariseBudgets(checks: readonly BudgetCheck[]): BudgetCheck[] {
  const groups = new Map<string, BudgetCheck[]>();
  for (const b of checks) groups.set(b.budget, [...(groups.get(b.budget) ?? []), b]);
  return [...groups.entries()].map(([budget, list]) => {
    const failed = list.filter((b) => !b.ok);
    const pick = failed.length ? failed : list;
    const worst = pick.reduce((w, b) => (typeof b.actual === 'number' && typeof w.actual === 'number' && b.actual > w.actual ? b : w));
    const names = (xs: readonly BudgetCheck[]): string[] => xs.map((b) => b.where).filter(Boolean);
    let where = names([worst]).join('');
    if (failed.length && list.length > 1)
      where = `${failed.length} of ${list.length}: ${names(failed).slice(0, 3).join(', ')}${failed.length > 3 ? ', …' : ''}`;
    else if (list.length > 1) where = `all ${list.length} (worst: ${where || '—'})`;
    return { budget, where, limit: worst.limit, actual: worst.actual, ok: failed.length === 0 };
  });
}

/** Prints the tables and notes to stdout. */
function printReport(r: BenchResults): void {
  for (const [title, head, rows] of tables(r)) console.log(`\n${title}\n${textTable(head, rows)}`);
  console.log(`\n${notes(r).join('\n')}`);
}

/** The tables and notes as Markdown, for results.md. */
function markdownReport(r: BenchResults): string {
  const parts = [`Bench run of ${r.date} (Node ${r.node}, ${r.cpus} CPUs, ${r.chromium ?? 'no browser'}).`];
  for (const [title, head, rows] of tables(r)) parts.push(`**${title}**\n\n${markdownTable(head, rows)}`);
  parts.push(
    notes(r)
      .map((l) => `- ${l}`)
      .join('\n'),
  );
  return `${parts.join('\n\n')}\n`;
}

/** Prints the report and writes the results file and its Markdown rendering. */
function finish(r: BenchResults, out: string): void {
  const compare = option('compare', null);
  if (compare) r.compareWith = JSON.parse(readFileSync(resolve(repo, compare), 'utf8')) as BenchResults;
  printReport(r);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify({ ...r, compareWith: compare ? relative(repo, resolve(repo, compare)) : undefined }, null, 2)}\n`);
  writeFileSync(out.replace(/\.json$/, '.md'), markdownReport(r));
  console.log(`\nwrote ${relative(repo, out)} and ${relative(repo, out.replace(/\.json$/, '.md'))}`);
}

/** Checks a run's figures against the budgets (a re-rendered run is checked against today's). */
function checkRun(r: BenchResults): void {
  // The budgets take plain records: kinds and presets the bench did not run are left out.
  const lighthouse =
    r.lighthouse &&
    Object.fromEntries(
      Object.entries(r.lighthouse).map(([kind, runs]) => [
        kind,
        Object.fromEntries(Object.entries(runs ?? {}).flatMap(([preset, run]) => (run ? [[preset, run] as const] : []))),
      ]),
    );
  r.budgetChecks = checkBudgets({
    pages: r.pages.pages.map((p) => ({ path: p.path, reading: p.reading, calculator: p.kind === 'calculator', eagerJsGzip: p.js.gzip })),
    ...(lighthouse && { lighthouse }),
    ...(r.search && {
      search: {
        firstQueryGzip: r.search.firstQuery.gzipBytes,
        firstQueryWhere: worstQuery(r.search),
        bytesBeforeFirstUse: r.search.bytesBeforeFirstUse,
        medianMs: r.search.medianMs,
      },
    }),
    katex: r.pages.pages.map((p) => ({ path: p.path, katexCss: p.katexCss, katexMarkup: p.katexMarkup, externalAssets: p.external.length })),
    ...(r.firstScreen && { firstScreen: r.firstScreen }),
  });
  // Per-page lines are many; the report keeps the failures and one summary line per budget.
  r.budgets = summariseBudgets(r.budgetChecks);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const dist = resolve(repo, option('dist', 'dist'));
  const out = resolve(repo, option('out', 'bench/results.json'));
  const from = option('from', null);
  if (from) {
    // Re-render an earlier run (for instance with --compare) without measuring anything.
    const earlier = JSON.parse(readFileSync(resolve(repo, from), 'utf8')) as BenchResults;
    checkRun(earlier);
    finish(earlier, out);
    return;
  }
  const runtime: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
    const s = performance.now();
    const v = await fn();
    runtime[name] = seconds(s);
    return v;
  };
  const log = (line: string): void => console.error(line);
  const build = flag('no-build') ? null : await timed('build', () => measureBuild(dist));
  if (!existsSync(dist)) throw new Error(`${dist} does not exist; run without --no-build`);
  const pages = await timed('pages', () => measurePages(dist));
  const r: BenchResults = {
    date: new Date().toISOString(),
    node: process.versions.node,
    cpus: availableParallelism(),
    dist: relative(repo, dist) || '.',
    runtimeSeconds: runtime,
    build,
    pages,
    pagefind: measurePagefind(dist),
    representative: representativePages(pages.pages.map((p) => ({ path: p.path, htmlBytes: p.html.raw }))),
    budgets: [],
  };

  if (!flag('no-browser')) {
    const { benchBrowser } = await import('./bench-browser.ts');
    r.browser = await timed('browser', () => benchBrowser(dist, r.representative));
    r.chromium = spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout.trim();
  }
  if (!flag('no-lighthouse')) {
    const { benchLighthouse, PRESETS } = await import('./bench-lighthouse.ts');
    const presets = option('presets', 'mobile,desktop,mobile-applied').split(',');
    const unknown = presets.filter((p) => !(PRESETS as readonly string[]).includes(p));
    if (unknown.length) throw new Error(`--presets: unknown ${unknown.join(', ')} (known: ${PRESETS.join(', ')})`);
    const runs = Number(option('lighthouse-runs', '3'));
    if (!Number.isInteger(runs) || runs < 1) throw new Error('--lighthouse-runs: a whole number of at least 1');
    r.lighthouseRuns = runs;
    r.lighthouse = await timed('lighthouse', () => benchLighthouse(dist, r.representative, { presets: presets as (typeof PRESETS)[number][], runs, log }));
    // The floor for first paint: the same thread's text as a bare Astro page, measured right after ours.
    const slug = /^\/threads\/([^/]+)\/$/.exec(r.representative.thread ?? '')?.[1];
    if (slug) {
      const { buildBareSite, seedThreads } = await import('./bench-corpus.ts');
      r.lighthouseBare = await timed('lighthouse (bare floor)', async () => {
        const bare = buildBareSite(
          seedThreads(repo).filter((t) => t.slug === slug),
          log,
        );
        try {
          const path = `/${slug}/`;
          const bareRuns = await benchLighthouse(join(bare.dir, 'dist'), { thread: path }, { presets: presets as (typeof PRESETS)[number][], runs, log });
          return { path, runs: bareRuns.thread ?? {} };
        } finally {
          rmSync(bare.dir, { recursive: true, force: true });
        }
      });
    }
  }
  if (!flag('no-first-screen')) {
    const { benchFirstScreen } = await import('./first-screen.ts');
    r.firstScreen = await timed('first screen', () => benchFirstScreen(dist, r.representative, log));
  }
  if (!flag('no-reading')) {
    const { benchReading } = await import('./bench-reading.ts');
    r.reading = await timed('reading', () => benchReading(dist));
  }
  if (!flag('no-search')) {
    const { benchSearch } = await import('./bench-search.ts');
    r.search = await timed('search', () => benchSearch(dist));
  }
  if (!flag('no-calculators')) {
    const { benchCalculators } = await import('./bench-calculators.ts');
    r.calculators = await timed('calculators', () => benchCalculators({ dist, log }));
  }
  if (!flag('no-corpus')) {
    const { benchCorpus } = await import('./bench-corpus.ts');
    // Sizes to build, smallest first: `--corpus-threads 1000,5000` also shows how the cost grows.
    const sizes = option('corpus-threads', '1000').split(',').map(Number);
    // The ≤ 2× goal is judged at 1,000 threads, where one pair of builds is about a minute and a
    // quarter; larger corpora get one pair (5,000 threads take several minutes a build).
    const pairs = Number(option('corpus-pairs', '3'));
    r.corpus = await timed('corpus', () => benchCorpus([0, ...sizes], { log, pairs: (n) => (n > 0 && n <= 1000 ? pairs : 1) }));
    // The input that once made the build superlinear: one thread of near-identical comments.
    const { buildCorpus } = await import('./bench-corpus.ts');
    const repetitive = Number(option('repetitive', '20000'));
    if (repetitive > 0) r.corpus.push(await timed('repetitive corpus', () => buildCorpus(repetitive, { repetitive: true, log })));
  }
  if (flag('markdown'))
    r.markdown = await timed('markdown', () => measureMarkdown({ runs: Number(option('runs', '3')), pages: Number(option('pages', '1000')) }));

  checkRun(r);
  runtime.total = seconds(t0);
  finish(r, out);
}

// Run only as a script, so other tools can import the measurement functions.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
}
