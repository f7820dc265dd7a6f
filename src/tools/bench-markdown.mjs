// Which Markdown pipeline to build content with: Astro 7's default Sätteri processor with KaTeX
// rendered by a component only where formulas appear, or the unified pipeline with remark-math and
// rehype-katex everywhere. Generates a corpus of N thread pages in a temp dir (never in the repo),
// builds it both ways, alternating, and prints median wall time, output size, and how much math
// actually rendered. Usage: node src/tools/bench-markdown.mjs [--pages 1000] [--runs 3]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const PAGES = arg('pages', 1000);
const RUNS = arg('runs', 3);
const repo = resolve(import.meta.dirname, '../..');

// Deterministic pseudo-random text so every run builds the same corpus.
let seed = 12345;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const WORDS = 'model goal training gradient descent proxy aligned situational awareness horizon episode reward deception order property base understanding feedback argument evidence update parameter policy oversight counting prior simplicity speed slack comment reply essay claim objection estimate probability'.split(' ');
const sentence = () => {
  const n = 8 + Math.floor(rnd() * 18);
  const w = Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]);
  if (rnd() < 0.2) w[2] = `*${w[2]}*`;
  if (rnd() < 0.1) w[5] = `[${w[5]}](/essays/x/#summary)`;
  return `${w.join(' ')}.`;
};
const paragraph = () => Array.from({ length: 2 + Math.floor(rnd() * 4) }, sentence).join(' ');

function makeProject(dir, variant) {
  mkdirSync(join(dir, 'src/pages'), { recursive: true });
  mkdirSync(join(dir, 'content/threads'), { recursive: true });
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'package.json'), '{"type":"module","private":true}');
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    variant === 'satteri'
      ? `import { defineConfig } from 'astro/config';\nimport mdx from '@astrojs/mdx';\nexport default defineConfig({ integrations: [mdx()] });\n`
      : `import { defineConfig } from 'astro/config';\nimport mdx from '@astrojs/mdx';\nimport { unified } from '@astrojs/markdown-remark';\nimport remarkMath from 'remark-math';\nimport rehypeKatex from 'rehype-katex';\nexport default defineConfig({ integrations: [mdx()], markdown: { processor: unified({ remarkPlugins: [remarkMath], rehypePlugins: [rehypeKatex] }) } });\n`,
  );
  writeFileSync(
    join(dir, 'src/content.config.ts'),
    `import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nimport { z } from 'astro/zod';\nexport const collections = { threads: defineCollection({ loader: glob({ base: './content/threads', pattern: '*.mdx' }), schema: z.object({ title: z.string() }) }) };\n`,
  );
  writeFileSync(join(dir, 'src/M.astro'), `---\nimport katex from 'katex';\nconst { tex } = Astro.props;\n---\n<Fragment set:html={katex.renderToString(tex, { throwOnError: true })} />\n`);
  writeFileSync(
    join(dir, 'src/pages/[slug].astro'),
    `---\nimport { getCollection, render } from 'astro:content';\nimport M from '../M.astro';\nexport async function getStaticPaths() { return (await getCollection('threads')).map((e) => ({ params: { slug: e.id }, props: { e } })); }\nconst { Content } = await render(Astro.props.e);\n---\n<html lang="en"><head><title>{Astro.props.e.data.title}</title></head><body><main><Content components={{ M }} /></main></body></html>\n`,
  );
  seed = 12345;
  let mathPages = 0;
  for (let i = 0; i < PAGES; i++) {
    const math = rnd() < 0.05;
    if (math) mathPages++;
    const paras = Array.from({ length: 10 + Math.floor(rnd() * 30) }, paragraph);
    if (math) {
      const tex = String.raw`V_B - V_A = p\,m\int_T^{T+D} w(t)\,dt - \int_0^c w(t)\,dt`;
      paras.splice(3, 0, variant === 'satteri' ? `The advantage is <M tex="${tex}" /> here.` : `The advantage is $${tex}$ here.`);
    }
    const body = paras.map((p, j) => (j % 9 === 4 ? `## Part ${j}\n\n${p}` : j % 11 === 7 ? `- ${p}\n- ${sentence()}` : p)).join('\n\n');
    writeFileSync(join(dir, `content/threads/t${String(i).padStart(4, '0')}.mdx`), `---\ntitle: "Thread ${i}"\n---\n\n${body}\n`);
  }
  return mathPages;
}

function dirBytes(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    n += e.isDirectory() ? dirBytes(p) : statSync(p).size;
  }
  return n;
}

function countKatex(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) n += countKatex(p);
    else if (e.name.endsWith('.html') && readFileSync(p, 'utf8').includes('class="katex"')) n++;
  }
  return n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const root = mkdtempSync(join(tmpdir(), 'bench-markdown-'));
const variants = ['satteri', 'unified'];
const result = { pages: PAGES, runs: RUNS, variants: {} };
try {
  const dirs = {};
  for (const v of variants) {
    dirs[v] = join(root, v);
    result.variants[v] = { mathPages: makeProject(dirs[v], v), seconds: [] };
  }
  for (let r = 0; r < RUNS; r++) {
    for (const v of r % 2 ? [...variants].reverse() : variants) {
      rmSync(join(dirs[v], 'dist'), { recursive: true, force: true });
      rmSync(join(dirs[v], '.astro'), { recursive: true, force: true });
      rmSync(join(dirs[v], 'node_modules/.astro'), { recursive: true, force: true });
      const t0 = performance.now();
      execFileSync(process.execPath, [join(repo, 'node_modules/astro/bin/astro.mjs'), 'build', '--silent'], {
        cwd: dirs[v],
        env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      result.variants[v].seconds.push((performance.now() - t0) / 1000);
    }
  }
  for (const v of variants) {
    const x = result.variants[v];
    x.median = median(x.seconds);
    x.distBytes = dirBytes(join(dirs[v], 'dist'));
    x.pagesWithRenderedMath = countKatex(join(dirs[v], 'dist'));
  }
  result.ratio = result.variants.unified.median / result.variants.satteri.median;
} finally {
  rmSync(root, { recursive: true, force: true });
}

console.log(`\nMarkdown pipeline, ${PAGES} generated thread pages, ${RUNS} alternating runs each`);
console.log('variant   median s   runs (s)              dist MB   pages with math / rendered');
for (const v of variants) {
  const x = result.variants[v];
  console.log(`${v.padEnd(9)} ${x.median.toFixed(1).padStart(8)}   ${x.seconds.map((s) => s.toFixed(1)).join(', ').padEnd(20)}  ${(x.distBytes / 1e6).toFixed(1).padStart(7)}   ${x.mathPages} / ${x.pagesWithRenderedMath}`);
}
console.log(`unified / sätteri: ${result.ratio.toFixed(2)}×`);
mkdirSync(join(repo, '.bench'), { recursive: true });
writeFileSync(join(repo, '.bench/markdown.json'), `${JSON.stringify(result, null, 2)}\n`);
