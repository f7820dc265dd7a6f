// The bench's floor for a corpus: the same comments as plain Markdown in a bare Astro site (one
// glob collection, one route, a few-line layout, Pagefind's own CLI over the output). What our
// build costs beyond this is the price of everything the site adds; issue 15 holds it to 2×.
// Pure: the bench tool (src/tools/bench-bare.ts) writes these texts to a throwaway project.

/** One comment as the bare site shows it. */
export interface BareComment {
  author: string;
  date: string | null;
  karma: number | null;
  paragraphs: readonly string[];
}

/** One thread as the bare site shows it. */
export interface BareThread {
  slug: string;
  title: string;
  comments: readonly BareComment[];
}

// Markdown would read these as syntax at the start of a line or inside text; the bare site shows
// text, so they are escaped, as a careful writer of Markdown by hand would.
const SPECIAL = /[\\`*_{}[\]<>#|!]/g;

/** Text made safe to place in Markdown as plain text. */
export function markdownText(text: string): string {
  return text.replace(SPECIAL, (c) => `\\${c}`).replace(/^(\s*)([-+]|\d+\.)(\s)/, '$1\\$2$3');
}

/** A thread as one Markdown file: title in front matter, `### Name @ date (karma)` per comment. */
export function bareThreadMarkdown(thread: BareThread): string {
  const out = ['---', `title: ${JSON.stringify(thread.title)}`, '---', ''];
  for (const c of thread.comments) {
    const karma = c.karma === null ? '' : ` (${c.karma})`;
    out.push(`### ${markdownText(c.author)} @ ${c.date ?? 'undated'}${karma}`, '');
    for (const p of c.paragraphs) out.push(markdownText(p), '');
  }
  return out.join('\n');
}

/** The bare project's fixed files (config, collection, route with its layout), by path. */
export const BARE_PROJECT_FILES: Readonly<Record<string, string>> = {
  'package.json': JSON.stringify({ name: 'bare-floor', private: true, type: 'module' }, null, 2),
  'astro.config.mjs': "import { defineConfig } from 'astro/config';\nexport default defineConfig({});\n",
  'src/content.config.ts': [
    "import { defineCollection } from 'astro:content';",
    "import { glob } from 'astro/loaders';",
    "export const collections = { threads: defineCollection({ loader: glob({ base: './content', pattern: '**/*.md' }) }) };",
    '',
  ].join('\n'),
  'src/pages/[slug].astro': [
    '---',
    "import { getCollection, render } from 'astro:content';",
    'export async function getStaticPaths() {',
    "  return (await getCollection('threads')).map((entry) => ({ params: { slug: entry.id }, props: { entry } }));",
    '}',
    'const { entry } = Astro.props;',
    'const { Content } = await render(entry);',
    '---',
    '<html lang="en">',
    '  <head><meta charset="utf-8" /><title>{entry.data.title}</title></head>',
    '  <body>',
    '    <main data-pagefind-body>',
    '      <h1>{entry.data.title}</h1>',
    '      <Content />',
    '    </main>',
    '  </body>',
    '</html>',
    '',
  ].join('\n'),
};
