// How build cost grows with content: the site is copied into a throwaway directory, N generated
// thread exports are imported there with the real importer, and the copy is built cold (`astro
// build`, search index included), timing each part and sizing the output. N = 0 is the seed corpus.
// Nothing is written to the repository; the temp directory is removed unless `keep` is set.
//
//   node src/tools/bench-corpus.ts [--threads 0,1000] [--keep]
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { prng, threadExport } from '../bench/corpus.ts';
import { importExport } from '../importer/parse.ts';
import { renderFiles } from '../importer/to-mdx.ts';
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
  records: number;
  pagefindBytes: number;
  pagefindFiles: number;
  distBytes: number;
  htmlBytes: number;
}

/** A copy of the site's sources in `dir`, sharing the repository's packages. */
function copyProject(dir: string): void {
  for (const entry of PROJECT) cpSync(join(REPO, entry), join(dir, entry), { recursive: true });
  linkNodeModules(dir);
}

/** Imports `n` generated thread exports into the project at `dir`; returns the number of comments. */
function generateThreads(dir: string, n: number): number {
  const rand = prng(20261123);
  let comments = 0;
  for (let i = 0; i < n; i++) {
    const from = `content/sources/generated-${String(i).padStart(4, '0')}.txt`;
    const text = threadExport(i, rand);
    mkdirSync(dirname(join(dir, from)), { recursive: true });
    writeFileSync(join(dir, from), text);
    const result = importExport({ exportFile: from, exportText: text, from, slug: `generated-${String(i).padStart(4, '0')}`, people: [] });
    comments += (result.thread.data as { comments: readonly unknown[] }).comments.length;
    for (const f of renderFiles(result)) writeFileSync(join(dir, f.path), f.text);
  }
  return comments;
}

/** Builds the site cold with `n` generated threads added, in a fresh temp copy. */
export function buildCorpus(n: number, { keep = false, log = (_: string) => {} } = {}): CorpusRun {
  const dir = mkdtempSync(join(tmpdir(), 'bench-corpus-'));
  try {
    copyProject(dir);
    const t0 = performance.now();
    const comments = generateThreads(dir, n);
    const importSeconds = (performance.now() - t0) / 1000;
    log(`corpus +${n} threads (${comments} comments) in ${dir}: building…`);
    // `astro build` writes the search index too; its log line gives the index's share of the time.
    const build = runNode(dir, [join(REPO, 'node_modules/astro/bin/astro.mjs'), 'build']);
    const { astroSeconds, indexSeconds } = buildTimes(build.seconds, build.stdout);
    const records = Number(/search index: (\d+) records/.exec(build.stdout)?.[1] ?? Number.NaN);
    const dist = dirStats(join(dir, 'dist'));
    const pf = dirStats(join(dir, 'dist/pagefind'));
    const out: CorpusRun = {
      generatedThreads: n,
      comments,
      pages: dist.pages,
      importSeconds,
      astroSeconds,
      indexSeconds,
      buildSeconds: build.seconds,
      records,
      pagefindBytes: pf.bytes,
      pagefindFiles: pf.files,
      distBytes: dist.bytes,
      htmlBytes: dist.htmlBytes,
    };
    log(
      `corpus +${n}: ${out.pages} pages, astro ${out.astroSeconds.toFixed(1)} s + index ${out.indexSeconds.toFixed(1)} s, Pagefind ${(out.pagefindBytes / 1024 / 1024).toFixed(1)} MiB`,
    );
    return out;
  } finally {
    if (keep) log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds each corpus size in turn (0 = the seed corpus alone). */
export function benchCorpus(sizes: readonly number[], options: { keep?: boolean; log?: (line: string) => void } = {}): CorpusRun[] {
  return sizes.map((n) => buildCorpus(n, options));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--threads');
  const sizes = (i < 0 ? '0,1000' : (process.argv[i + 1] ?? '')).split(',').map(Number);
  console.log(JSON.stringify(benchCorpus(sizes, { keep: process.argv.includes('--keep'), log: console.error }), null, 2));
}
