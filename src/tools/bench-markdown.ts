// Markdown pipeline benchmark: is it worth switching every page to the unified pipeline just so a
// few pages can have math?
//
//   A "satteri": Astro 7's default processor (Sätteri). Pages with math import a tiny <M tex="…"/>
//                component that calls katex.renderToString at build time; other pages are plain.
//   B "unified": @astrojs/markdown-remark's unified() processor with remark-math + rehype-katex on
//                every page; math is written as $…$ / $$…$$.
//
// Both variants build the same generated corpus of thread pages (content collection + one
// [slug].astro route) in throwaway projects under os.tmpdir(); nothing is written to the repo
// except .bench/markdown.json. Builds alternate A, B, B, A, … and each one is cold (dist and the
// project's own Astro/Vite caches are deleted first).
//
//   C "unified-plain" (only with --variants): unified() with no plugins and the same <M> pages
//                as A, which splits B's cost into the pipeline switch and the math plugins.
//
//   node src/tools/bench-markdown.ts [--pages 1000] [--runs 3] [--math-every 20] [--keep]
//                                     [--variants satteri,unified,unified-plain]
//
// Prints a table, then the JSON it writes to .bench/markdown.json.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { prng, textMaker } from '../bench/corpus.ts';
import { linkNodeModules, runNode } from './bench-util.ts';

const repo = resolve(import.meta.dirname, '../..');
const repoModules = join(repo, 'node_modules');

function intOption(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} needs a positive whole number`);
  return n;
}
const PAGES = intOption('pages', 1000);
const RUNS = intOption('runs', 3);
const MATH_EVERY = intOption('math-every', 20); // every 20th page has formulas: 5 %
const KEEP = process.argv.includes('--keep');
const VARIANTS = (() => {
  const i = process.argv.indexOf('--variants');
  const list = i < 0 ? ['satteri', 'unified'] : String(process.argv[i + 1] ?? '').split(',');
  const known = ['satteri', 'unified', 'unified-plain'];
  if (!list.includes('satteri') || list.some((v) => !known.includes(v)))
    throw new Error(`--variants: a comma list of ${known.join(', ')} that includes satteri`);
  return list as Variant[];
})();
const usesComponent = (variant: Variant): boolean => variant !== 'unified';

/** The three pipelines compared (see the top of this file). */
type Variant = 'satteri' | 'unified' | 'unified-plain';

/** A piece of a generated page: Markdown text or a formula, written per variant by mdxFor(). */
type Block = { kind: 'md'; text: string } | { kind: 'inline-math'; before: string; tex: string; after: string } | { kind: 'display-math'; tex: string };

/** A generated thread page before it is written for one variant. */
interface Thread {
  title: string;
  blocks: Block[];
  formulas: number;
}

/** What a built variant's dist holds (inspectDist). */
interface DistFigures {
  distBytes: number;
  htmlBytes: number;
  htmlPages: number;
  jsFiles: number;
  pagesWithRenderedMath: number;
  katexSpans: number;
  katexErrors: number;
}

/** One variant's builds and output, as written to .bench/markdown.json. */
export interface MarkdownVariantResult extends Partial<DistFigures> {
  sourceBytes: number;
  seconds: number[];
  median?: number;
  min?: number;
  mathRendered?: boolean;
  ratioToSatteri?: number;
  pairedRatios?: number[];
  pairedRatioMedian?: number;
}

/** The whole comparison, as written to .bench/markdown.json and read back by the bench. */
export interface MarkdownResult {
  date: string;
  node: string;
  cpus: number;
  pages: number;
  runs: number;
  order: Variant[];
  expected: { pagesWithMath: number; formulas: number };
  variants: Partial<Record<Variant, MarkdownVariantResult>>;
  ratio?: number;
}

// ── corpus ──────────────────────────────────────────────────────────────────────────────────────

/** The shared text generator, with Markdown links into this corpus's own pages. */
const corpusText = (rand: () => number) =>
  textMaker(rand, { markdown: { internalLink: () => `/threads/t${String(Math.floor(rand() * PAGES)).padStart(4, '0')}/` } });

// Inline formulas. No `<`, `&` or `"`: they would need escaping in MDX text or a JSX attribute.
const INLINE_TEX = [
  String.raw`p(\text{deceptive}) \approx 0.01`,
  String.raw`V_B - V_A = p\,m\int_T^{T+D} w(t)\,dt`,
  String.raw`\mathbb{E}[R] = \sum_{t=0}^{H} \gamma^t r_t`,
  String.raw`\nabla_\theta \mathcal{L}(\theta) = 0`,
  String.raw`\bar{x} = \frac{1}{n}\sum_{i=1}^{n} x_i`,
  String.raw`P(A \mid B) = \frac{P(B \mid A)\,P(A)}{P(B)}`,
  String.raw`\lVert w \rVert_2 \le \epsilon`,
  String.raw`x^\ast = \arg\max_x f(x)`,
];
const DISPLAY_TEX = [
  String.raw`\sum_{k=1}^{\infty} \frac{1}{k^2} = \frac{\pi^2}{6}`,
  String.raw`\log \frac{p_\theta(x)}{q(x)} \ge \mathbb{E}_{z}\left[\log p_\theta(x \mid z)\right] - \mathrm{KL}(q \,\Vert\, p)`,
];

/**
 * One thread page as variant-neutral blocks; `math` entries are rendered per variant by mdxFor().
 * Returns { title, blocks, formulas }.
 */
function makeThread(i: number, rand: () => number): Thread {
  const t = corpusText(rand);
  const blocks: Block[] = [];
  const paragraphs = t.int(10, 40);
  const withMath = i % MATH_EVERY === MATH_EVERY - 1;
  const mathAt = new Set<number>();
  if (withMath) while (mathAt.size < Math.min(t.int(2, 4), paragraphs)) mathAt.add(t.int(0, paragraphs - 1));
  let formulas = 0;
  for (let p = 0; p < paragraphs; p++) {
    if (p > 0 && p % 8 === 0) blocks.push({ kind: 'md', text: `## ${t.words(t.int(2, 5)).replace(/^./, (c) => c.toUpperCase())}` });
    const r = rand();
    if (r < 0.1) {
      blocks.push({ kind: 'md', text: Array.from({ length: t.int(3, 6) }, () => `- ${t.sentence()}`).join('\n') });
    } else if (r < 0.14) {
      blocks.push({ kind: 'md', text: Array.from({ length: t.int(2, 5) }, (_, k) => `${k + 1}. ${t.sentence()}`).join('\n') });
    } else if (r < 0.2) {
      blocks.push({ kind: 'md', text: `> ${t.paragraph()}` });
    }
    if (mathAt.has(p)) {
      formulas++;
      blocks.push({ kind: 'inline-math', before: t.sentence(), tex: t.pick(INLINE_TEX), after: t.paragraph() });
    } else blocks.push({ kind: 'md', text: t.paragraph() });
  }
  if (withMath && rand() < 0.5) {
    formulas++;
    blocks.splice(Math.min(3, blocks.length), 0, { kind: 'display-math', tex: t.pick(DISPLAY_TEX) });
  }
  return { title: `Thread ${i}: ${t.words(t.int(3, 7))}`, blocks, formulas };
}

/** The MDX file for one thread in one variant. */
function mdxFor(thread: Thread, variant: Variant): string {
  const hasMath = thread.formulas > 0;
  const body = thread.blocks.map((b) => {
    if (b.kind === 'md') return b.text;
    if (usesComponent(variant)) {
      return b.kind === 'inline-math' ? `${b.before} <M tex="${b.tex}" /> ${b.after}` : `<M display tex="${b.tex}" />`;
    }
    return b.kind === 'inline-math' ? `${b.before} $${b.tex}$ ${b.after}` : `$$\n${b.tex}\n$$`;
  });
  // An MDX import line must be followed by a blank line, or the Markdown after it joins the import.
  const head = usesComponent(variant) && hasMath ? `import M from '../../src/components/M.astro';\n\n` : '';
  return `---\ntitle: ${JSON.stringify(thread.title)}\nauthor: "generated"\n---\n\n${head}${body.join('\n\n')}\n`;
}

// ── throwaway projects ──────────────────────────────────────────────────────────────────────────

const CONFIG: Record<Variant, string> = {
  satteri: `import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

// Default Markdown processor (Sätteri); math comes from src/components/M.astro where it is used.
export default defineConfig({ integrations: [mdx()], compressHTML: false });
`,
  unified: `import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';

// Every page goes through remark/rehype; MDX inherits markdown.processor.
export default defineConfig({
  integrations: [mdx()],
  compressHTML: false,
  markdown: { processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] }) },
});
`,
  'unified-plain': `import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';

// The unified pipeline without math plugins; math comes from src/components/M.astro as in A.
export default defineConfig({ integrations: [mdx()], compressHTML: false, markdown: { processor: unified() } });
`,
};

const FILES: Record<string, string> = {
  'package.json': '{ "name": "bench-markdown-corpus", "private": true, "type": "module" }\n',
  'src/content.config.ts': `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

export const collections = {
  threads: defineCollection({
    loader: glob({ base: './content/threads', pattern: '*.mdx' }),
    schema: z.object({ title: z.string(), author: z.string() }),
  }),
};
`,
  'src/pages/threads/[slug].astro': `---
import { getCollection, render } from 'astro:content';

export async function getStaticPaths() {
  const threads = await getCollection('threads');
  return threads.map((entry) => ({ params: { slug: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
const { Content } = await render(entry);
---
<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>{entry.data.title}</title></head>
  <body>
    <main data-pagefind-body>
      <h1>{entry.data.title}</h1>
      <p>by {entry.data.author}</p>
      <article><Content /></article>
    </main>
  </body>
</html>
`,
};

const M_COMPONENT = `---
// Build-time KaTeX: the page ships HTML + MathML and no JavaScript.
import katex from 'katex';

interface Props { tex: string; display?: boolean }
const { tex, display = false } = Astro.props;
const html = katex.renderToString(tex, { displayMode: display, throwOnError: true });
---
<Fragment set:html={html} />
`;

function write(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

/**
 * A project directory for one variant. node_modules is a real directory of symlinks to the repo's
 * packages, so Astro's and Vite's caches (node_modules/.astro, .vite, .vite-temp) stay inside the
 * throwaway project instead of landing in the repo's node_modules, shared between variants.
 */
function makeProject(dir: string, variant: Variant, threads: readonly Thread[]): number {
  linkNodeModules(dir);
  write(join(dir, 'astro.config.mjs'), CONFIG[variant]);
  for (const [rel, text] of Object.entries(FILES)) write(join(dir, rel), text);
  if (usesComponent(variant)) write(join(dir, 'src/components/M.astro'), M_COMPONENT);
  let bytes = 0;
  threads.forEach((thread, i) => {
    const text = mdxFor(thread, variant);
    bytes += Buffer.byteLength(text);
    write(join(dir, 'content/threads', `t${String(i).padStart(4, '0')}.mdx`), text);
  });
  return bytes;
}

// ── measuring ───────────────────────────────────────────────────────────────────────────────────

/** One cold `astro build`; returns wall seconds. */
function build(dir: string): number {
  for (const p of ['dist', '.astro', 'node_modules/.astro', 'node_modules/.vite', 'node_modules/.vite-temp']) {
    rmSync(join(dir, p), { recursive: true, force: true });
  }
  const { seconds } = runNode(dir, [join(repoModules, 'astro/bin/astro.mjs'), 'build']);
  return seconds;
}

/** Every file under `dir`, recursively. */
function files(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) files(p, out);
    else out.push(p);
  }
  return out;
}

/** Size of dist and how much math it contains. */
function inspectDist(dir: string): DistFigures {
  const all = files(join(dir, 'dist'));
  const html = all.filter((f) => f.endsWith('.html'));
  let katexSpans = 0;
  let pagesWithMath = 0;
  let katexErrors = 0;
  let htmlBytes = 0;
  for (const f of html) {
    const text = readFileSync(f, 'utf8');
    htmlBytes += Buffer.byteLength(text);
    const n = text.split('class="katex"').length - 1;
    katexSpans += n;
    if (n) pagesWithMath++;
    katexErrors += text.split('katex-error').length - 1;
  }
  return {
    distBytes: all.reduce((t, f) => t + statSync(f).size, 0),
    htmlBytes,
    htmlPages: html.length,
    jsFiles: all.filter((f) => f.endsWith('.js')).length,
    pagesWithRenderedMath: pagesWithMath,
    katexSpans,
    katexErrors,
  };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? Number.NaN) : ((s[m - 1] ?? Number.NaN) + (s[m] ?? Number.NaN)) / 2;
};

function main(): void {
  const rand = prng(20261122);
  const threads = Array.from({ length: PAGES }, (_, i) => makeThread(i, rand));
  const expected = {
    pagesWithMath: threads.filter((t) => t.formulas > 0).length,
    formulas: threads.reduce((n, t) => n + t.formulas, 0),
  };
  const variants = VARIANTS;
  const root = mkdtempSync(join(tmpdir(), 'bench-markdown-'));
  const result: MarkdownResult = {
    date: new Date().toISOString(),
    node: process.versions.node,
    cpus: availableParallelism(),
    pages: PAGES,
    runs: RUNS,
    order: [],
    expected,
    variants: {},
  };
  try {
    for (const v of variants) {
      const dir = join(root, v);
      result.variants[v] = { sourceBytes: makeProject(dir, v, threads), seconds: [] };
    }
    console.error(`corpus: ${PAGES} pages, ${expected.pagesWithMath} with math (${expected.formulas} formulas), in ${root}`);
    for (let r = 0; r < RUNS; r++) {
      // A B, B A, A B, …: neither variant always runs first (warm disk cache, other load).
      for (const v of r % 2 === 0 ? variants : [...variants].reverse()) {
        const s = build(join(root, v));
        result.variants[v]?.seconds.push(s);
        result.order.push(v);
        console.error(`run ${r + 1}/${RUNS} ${v}: ${s.toFixed(2)} s`);
      }
    }
    for (const v of variants) {
      const x = result.variants[v];
      if (!x) continue;
      const dist = inspectDist(join(root, v));
      x.median = median(x.seconds);
      x.min = Math.min(...x.seconds);
      Object.assign(x, dist);
      x.mathRendered = dist.katexSpans === expected.formulas && dist.pagesWithRenderedMath === expected.pagesWithMath && dist.katexErrors === 0;
    }
    // Each variant against A: ratio of medians, and the per-run ratios of each A/X pair.
    const a = result.variants.satteri;
    for (const v of variants.filter((x) => x !== 'satteri')) {
      const x = result.variants[v];
      if (!a || !x || x.median === undefined || a.median === undefined) continue;
      x.ratioToSatteri = x.median / a.median;
      x.pairedRatios = a.seconds.map((s, i) => (x.seconds[i] ?? Number.NaN) / s);
      x.pairedRatioMedian = median(x.pairedRatios);
    }
    const ratio = result.variants.unified?.ratioToSatteri;
    if (ratio !== undefined) result.ratio = ratio;
  } finally {
    if (KEEP) console.error(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
  report(result);
  mkdirSync(join(repo, '.bench'), { recursive: true });
  write(join(repo, '.bench/markdown.json'), `${JSON.stringify(result, null, 2)}\n`);
  if (Object.values(result.variants).some((x) => !x.mathRendered)) {
    console.error('math did not render as expected in at least one variant (see katexSpans / katexErrors)');
    process.exitCode = 1;
  }
}

const LABELS: Record<Variant, string> = {
  satteri: 'A satteri + <M> KaTeX',
  unified: 'B unified + remark-math/rehype-katex',
  'unified-plain': 'C unified, no plugins, + <M> KaTeX',
};

/** Prints the comparison as a table, then the JSON. */
function report(r: MarkdownResult): void {
  const mb = (n = Number.NaN): string => (n / 1e6).toFixed(2);
  const fixed = (n: number | undefined, digits: number): string => (n ?? Number.NaN).toFixed(digits);
  const entries = Object.entries(r.variants) as [Variant, MarkdownVariantResult][];
  const rows = [
    ['variant', 'median s', 'runs s', 'dist MB', 'HTML MB', 'math pages', 'formulas', 'ok'],
    ...entries.map(([v, x]) => [
      LABELS[v],
      fixed(x.median, 2),
      x.seconds.map((s) => s.toFixed(1)).join(' '),
      mb(x.distBytes),
      mb(x.htmlBytes),
      `${x.pagesWithRenderedMath}/${r.expected.pagesWithMath}`,
      `${x.katexSpans}/${r.expected.formulas}`,
      x.mathRendered ? 'yes' : 'NO',
    ]),
  ];
  const w = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  console.log(`\nMarkdown pipelines: ${r.pages} generated thread pages, ${r.runs} cold builds each, alternating`);
  for (const row of rows) console.log(row.map((c, i) => (i === 0 || i === 2 ? c.padEnd(w[i] ?? 0) : c.padStart(w[i] ?? 0))).join('  '));
  for (const [v, x] of entries) {
    if (v === 'satteri') continue;
    console.log(
      `${LABELS[v].split(' ')[0]} / A: ${fixed(x.ratioToSatteri, 2)}× (ratio of medians); per pair ${(x.pairedRatios ?? []).map((y) => y.toFixed(2)).join(', ')}`,
    );
  }
  console.log('');
  console.log(JSON.stringify(r, null, 2));
}

main();
