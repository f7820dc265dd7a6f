// How build cost grows with content: the site is copied into a throwaway directory, N generated
// thread exports are imported there with the real importer, and the copy is built cold (`astro
// build`, search index included), timing each part and sizing the output. N = 0 is the seed corpus.
// Nothing is written to the repository; the temp directory is removed unless `keep` is set.
//
//   node src/tools/bench-corpus.ts [--threads 0,1000] [--pairs N] [--keep] [--no-bare] [--no-rebuild]
//   node src/tools/bench-corpus.ts --repetitive 20000   (one thread of near-identical comments)
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { BARE_PROJECT_FILES, bareThreadMarkdown, type BareComment, type BareThread } from '../bench/bare.ts';
import { prng, repetitiveThreadExport, threadExport } from '../bench/corpus.ts';
import { importExport } from '../importer/parse.ts';
import { renderFiles } from '../importer/to-mdx.ts';
import type { BuildPair } from '../bench/report.ts';
import { buildTimes, dirStats, linkNodeModules, REPO, runNode } from './bench-util.ts';

// What a build reads; dist/, caches and the repository's node_modules stay behind.
const PROJECT = ['astro.config.mjs', 'package.json', 'tsconfig.json', 'src', 'components', 'content', 'public'];

/** Build figures for one corpus size. */
export interface CorpusRun {
  generatedThreads: number;
  comments: number;
  pages: number;
  importSeconds: number;
  astroSeconds: number;
  indexSeconds: number;
  /** Astro build plus search index: what `npm run build` costs. */
  buildSeconds: number;
  /** Peak resident memory of the build process (Astro and the search index), bytes. */
  peakBytes: number;
  records: number;
  pagefindBytes: number;
  pagefindFiles: number;
  distBytes: number;
  htmlBytes: number;
  /** True for one thread of near-identical comments instead of `generatedThreads` varied threads. */
  repetitive?: boolean;
  /** The same comments built by a bare Astro site and Pagefind's CLI: the floor (src/bench/bare.ts). */
  bare?: BareRun;
  /** The build run again after one more generated thread is imported: what the caches save. */
  rebuild?: RebuildRun;
  /**
   * With `pairs` > 1: every cold build of ours and the bare floor's right after it, alternating,
   * the first pair being the figures above. The other figures are the first build's.
   */
  pairs?: BuildPair[];
}

/** A build after adding one thread to an already built corpus. */
export interface RebuildRun {
  seconds: number;
  astroSeconds: number;
  indexSeconds: number;
  /** Pages Astro reused from the last build (left in place, or copied from its cache) instead of rendering. */
  pagesRestored: number;
  /** Pages whose search records came from the record cache. */
  recordsReusedPages: number;
}

/** Build figures of the bare floor for the same corpus. */
export interface BareRun {
  pages: number;
  astroSeconds: number;
  indexSeconds: number;
  buildSeconds: number;
  peakBytes: number;
  htmlBytes: number;
}

/** A copy of the site's sources in `dir`, sharing the repository's packages. */
function copyProject(dir: string): void {
  for (const entry of PROJECT) cpSync(join(REPO, entry), join(dir, entry), { recursive: true });
  linkNodeModules(dir);
}

interface ThreadLike {
  post: { title: string };
  comments: readonly { author: { name: string | null }; date: string | null; karma: number | null; paragraphs: readonly { text: string }[] }[];
}

/** A thread's data as the bare site shows it. */
function bareThread(slug: string, data: ThreadLike): BareThread {
  const comments: BareComment[] = data.comments.map((c) => ({
    author: c.author.name ?? 'Unrecorded author',
    date: c.date,
    karma: c.karma,
    paragraphs: c.paragraphs.map((p) => p.text),
  }));
  return { slug, title: data.post.title, comments };
}

/** The seed threads (not profiles) from the project's content, for the bare floor. */
export function seedThreads(dir: string): BareThread[] {
  const threads = join(dir, 'content/threads');
  return readdirSync(threads)
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => {
      const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(threads, f), 'utf8'))?.[1] ?? '';
      return [f.replace(/\.mdx$/, ''), parseYaml(front) as ThreadLike & { type: string }] as const;
    })
    .filter(([, data]) => data.type === 'thread')
    .map(([slug, data]) => bareThread(slug, data));
}

/**
 * Imports `n` generated thread exports into the project at `dir`; returns the number of comments
 * and the generated threads as the bare floor shows them.
 */
function generateThreads(dir: string, n: number, first = 0): { comments: number; threads: BareThread[] } {
  const rand = prng(20261123 + first);
  let comments = 0;
  const threads: BareThread[] = [];
  for (let i = first; i < first + n; i++) {
    const slug = `generated-${String(i).padStart(4, '0')}`;
    const from = `content/sources/${slug}.txt`;
    const text = threadExport(i, rand);
    mkdirSync(dirname(join(dir, from)), { recursive: true });
    writeFileSync(join(dir, from), text);
    const result = importExport({ exportFile: from, exportText: text, from, slug, people: [] });
    const data = result.thread.data as unknown as ThreadLike;
    comments += data.comments.length;
    threads.push(bareThread(slug, data));
    for (const f of renderFiles(result)) writeFileSync(join(dir, f.path), f.text);
  }
  return { comments, threads };
}

/** A built bare site: its figures and the directory it lives in (the caller removes it). */
export interface BareSite {
  dir: string;
  run: BareRun;
}

/** Builds the bare floor for `threads` cold, in a fresh temp project: Astro, then Pagefind's CLI. */
export function buildBareSite(threads: readonly BareThread[], log: (line: string) => void = () => {}): BareSite {
  const dir = mkdtempSync(join(tmpdir(), 'bench-bare-'));
  try {
    for (const [path, text] of Object.entries(BARE_PROJECT_FILES)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    mkdirSync(join(dir, 'content'), { recursive: true });
    for (const t of threads) writeFileSync(join(dir, 'content', `${t.slug}.md`), bareThreadMarkdown(t));
    linkNodeModules(dir);
    const astro = runNode(dir, [join(REPO, 'node_modules/astro/bin/astro.mjs'), 'build']);
    const index = runNode(dir, [join(REPO, 'node_modules/pagefind/lib/runner/bin.cjs'), '--site', 'dist']);
    const dist = dirStats(join(dir, 'dist'));
    const run: BareRun = {
      pages: dist.pages,
      astroSeconds: astro.seconds,
      indexSeconds: index.seconds,
      buildSeconds: astro.seconds + index.seconds,
      peakBytes: Math.max(astro.peakBytes, index.peakBytes),
      htmlBytes: dist.htmlBytes,
    };
    log(`bare floor: ${run.pages} pages, astro ${run.astroSeconds.toFixed(1)} s + pagefind ${run.indexSeconds.toFixed(1)} s`);
    return { dir, run };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** The bare floor's figures for `threads`; the built site is removed. */
function buildBare(threads: readonly BareThread[], log: (line: string) => void): BareRun {
  const { dir, run } = buildBareSite(threads, log);
  rmSync(dir, { recursive: true, force: true });
  return run;
}

// What a build leaves that the next would reuse: its output and every cache.
const BUILD_STATE = ['dist', '.astro', 'node_modules/.astro', 'node_modules/.cache', 'node_modules/.vite'];

/**
 * Makes the project at `dir` build cold again by moving its output and caches into `trash`. They
 * are moved, not deleted: on this machine a build that starts just after tens of thousands of
 * files were deleted runs markedly slower (creating files waits on the kernel), which would tax
 * our build (28,000 files at 1,000 threads) far more than the floor's. The caller deletes `trash`
 * when the timings are done.
 */
function moveBuildStateAside(dir: string, trash: string): void {
  mkdirSync(trash, { recursive: true });
  const slot = mkdtempSync(join(trash, 'state-'));
  for (const [i, path] of BUILD_STATE.entries()) if (existsSync(join(dir, path))) renameSync(join(dir, path), join(slot, String(i)));
}

/** Imports one thread of `n` near-identical comments (repetitiveThreadExport) into the project at `dir`. */
function generateRepetitive(dir: string, n: number): { comments: number; threads: BareThread[] } {
  const slug = 'generated-repetitive';
  const from = `content/sources/${slug}.txt`;
  const text = repetitiveThreadExport(n, prng(20261202));
  writeFileSync(join(dir, from), text);
  const result = importExport({ exportFile: from, exportText: text, from, slug, people: [] });
  const data = result.thread.data as unknown as ThreadLike;
  for (const f of renderFiles(result)) writeFileSync(join(dir, f.path), f.text);
  return { comments: data.comments.length, threads: [bareThread(slug, data)] };
}

/**
 * Builds the site cold with `n` generated threads added, in a fresh temp copy; with `repetitive`,
 * the addition is instead one thread of `n` near-identical comments.
 */
export function buildCorpus(n: number, { keep = false, bare = true, rebuild = true, repetitive = false, pairs = 1, log = (_: string) => {} } = {}): CorpusRun {
  const dir = mkdtempSync(join(tmpdir(), 'bench-corpus-'));
  // Outside the project, so nothing in it is read by the builds.
  const trash = `${dir}-trash`;
  try {
    copyProject(dir);
    const t0 = performance.now();
    const { comments, threads } = repetitive ? generateRepetitive(dir, n) : generateThreads(dir, n);
    const importSeconds = (performance.now() - t0) / 1000;
    log(`corpus +${repetitive ? `1 thread of ${n} near-identical comments` : `${n} threads (${comments} comments)`} in ${dir}: building…`);
    // `astro build` writes the search index too; its log line gives the index's share of the time.
    const build = runNode(dir, [join(REPO, 'node_modules/astro/bin/astro.mjs'), 'build']);
    const { astroSeconds, indexSeconds } = buildTimes(build.seconds, build.stdout);
    const records = Number(/search index: (\d+) records/.exec(build.stdout)?.[1] ?? Number.NaN);
    const dist = dirStats(join(dir, 'dist'));
    const pf = dirStats(join(dir, 'dist/pagefind'));
    const out: CorpusRun = {
      generatedThreads: n,
      ...(repetitive ? { repetitive: true } : {}),
      comments,
      pages: dist.pages,
      importSeconds,
      astroSeconds,
      indexSeconds,
      buildSeconds: build.seconds,
      peakBytes: build.peakBytes,
      records,
      pagefindBytes: pf.bytes,
      pagefindFiles: pf.files,
      distBytes: dist.bytes,
      htmlBytes: dist.htmlBytes,
    };
    // The floor is built right after, on the same machine in the same state, from the same text.
    if (bare) {
      const floorThreads = [...seedThreads(REPO), ...threads];
      out.bare = buildBare(floorThreads, log);
      log(`corpus +${n}: ${(out.buildSeconds / out.bare.buildSeconds).toFixed(2)}× the bare floor`);
      // More pairs, alternating, before the rebuild below changes the corpus; the rebuild then
      // starts from the last cold build's caches as it would from the first's.
      if (pairs > 1) {
        out.pairs = [{ seconds: out.buildSeconds, bareSeconds: out.bare.buildSeconds }];
        for (let k = 2; k <= pairs; k++) {
          moveBuildStateAside(dir, trash);
          const again = runNode(dir, [join(REPO, 'node_modules/astro/bin/astro.mjs'), 'build']);
          const floor = buildBare(floorThreads, log);
          out.pairs.push({ seconds: again.seconds, bareSeconds: floor.buildSeconds });
          log(
            `corpus +${n}, pair ${k} of ${pairs}: ${again.seconds.toFixed(1)} s against ${floor.buildSeconds.toFixed(1)} s, ${(again.seconds / floor.buildSeconds).toFixed(2)}×`,
          );
        }
      }
    }
    // One more thread, then the same build again: what the incremental and record caches save.
    if (!repetitive && rebuild) {
      generateThreads(dir, 1, n);
      const again = runNode(dir, [join(REPO, 'node_modules/astro/bin/astro.mjs'), 'build']);
      const times = buildTimes(again.seconds, again.stdout);
      out.rebuild = {
        seconds: again.seconds,
        astroSeconds: times.astroSeconds,
        indexSeconds: times.indexSeconds,
        pagesRestored: again.stdout.split('\n').filter((l) => /\((restored|cached)\)/.test(l)).length,
        recordsReusedPages: Number(/search records: (\d+) of \d+ pages unchanged/.exec(again.stdout)?.[1] ?? 0),
      };
      log(
        `corpus +${n}, then one more thread: ${out.rebuild.seconds.toFixed(1)} s (${((100 * out.rebuild.seconds) / out.buildSeconds).toFixed(0)} % of the cold build), ${out.rebuild.pagesRestored} pages reused from the last build, records of ${out.rebuild.recordsReusedPages} pages reused`,
      );
    }
    log(
      `corpus +${n}: ${out.pages} pages, astro ${out.astroSeconds.toFixed(1)} s + index ${out.indexSeconds.toFixed(1)} s, Pagefind ${(out.pagefindBytes / 1024 / 1024).toFixed(1)} MiB`,
    );
    return out;
  } finally {
    rmSync(trash, { recursive: true, force: true });
    if (keep) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds each corpus size in turn (0 = the seed corpus alone). */
export function benchCorpus(
  sizes: readonly number[],
  options: { keep?: boolean; bare?: boolean; rebuild?: boolean; pairs?: (n: number) => number; log?: (line: string) => void } = {},
): CorpusRun[] {
  const { pairs = () => 1, ...rest } = options;
  return sizes.map((n) => buildCorpus(n, { ...rest, pairs: pairs(n) }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = process.argv.indexOf('--repetitive');
  if (r >= 0) {
    console.log(
      JSON.stringify(
        buildCorpus(Number(process.argv[r + 1] ?? '20000'), { repetitive: true, keep: process.argv.includes('--keep'), log: console.error }),
        null,
        2,
      ),
    );
    process.exit(0);
  }
  const i = process.argv.indexOf('--threads');
  const sizes = (i < 0 ? '0,1000' : (process.argv[i + 1] ?? '')).split(',').map(Number);
  const p = process.argv.indexOf('--pairs');
  const pairs = p < 0 ? 1 : Number(process.argv[p + 1]);
  if (!Number.isInteger(pairs) || pairs < 1) throw new Error(`--pairs wants a whole number of at least 1, not ${process.argv[p + 1]}`);
  const options = {
    keep: process.argv.includes('--keep'),
    bare: !process.argv.includes('--no-bare'),
    rebuild: !process.argv.includes('--no-rebuild'),
    pairs: (n: number) => (n > 0 ? pairs : 1),
    log: console.error,
  };
  console.log(JSON.stringify(benchCorpus(sizes, options), null, 2));
}
