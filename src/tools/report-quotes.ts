/**
 * Prints what the quote matcher finds in content/: every automatic quote link with the quoting
 * and quoted text side by side, counts by kind, and the lines marked as quotes that got no link,
 * so a reader can check each one. Uses the same graph builder as the site.
 *
 *   node --experimental-strip-types --no-warnings src/tools/report-quotes.ts [content-dir]
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { buildLinkGraph, type LinkGraphInput } from '../lib/links/graph.ts';
import { excerpt } from '../lib/text/excerpt.ts';
import type { AttributionStatus } from '../lib/text/attribution.ts';

type Input = Required<Pick<LinkGraphInput, 'essays' | 'threads' | 'profiles'>>;
type Essay = Input['essays'][number];
type Thread = Input['threads'][number];
type Profile = Input['profiles'][number];

const contentDir = process.argv[2] ?? 'content';

/** Frontmatter of an MDX file as data; the generated files hold nothing else. */
function frontmatter(file: string): Record<string, unknown> {
  const text = readFileSync(file, 'utf8');
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  if (!m) throw new Error(`${file}: no frontmatter`);
  return parse(m[1] ?? '') as Record<string, unknown>;
}

function mdxFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx') || f.endsWith('.md'))
    .sort();
}

const essays: Essay[] = [];
const threads: Thread[] = [];
const profiles: Profile[] = [];
/** Paragraph text by `page@line`, to print both sides of each link. */
const lineText = new Map<string, string>();

for (const f of mdxFiles(join(contentDir, 'essays'))) {
  const data = frontmatter(join(contentDir, 'essays', f)) as unknown as Omit<Essay, 'slug' | 'author'> & {
    author: { name: string | null; status: AttributionStatus };
  };
  const slug = f.replace(/\.mdx?$/, '');
  essays.push({ slug, title: data.title, author: data.author, sections: data.sections });
  for (const s of data.sections) {
    if (s.heading && s.line !== null) lineText.set(`essays/${slug}@${s.line}`, s.heading);
    for (const b of s.blocks) {
      if (b.kind === 'p') lineText.set(`essays/${slug}@${b.line}`, b.text);
      else lineText.set(`essays/${slug}@${b.after}`, `[recovered list items] ${b.items.map((i) => i.text).join(' | ')}`);
    }
  }
}
for (const f of mdxFiles(join(contentDir, 'threads'))) {
  const data = frontmatter(join(contentDir, 'threads', f)) as { type: string; title: string; person?: string; comments: Thread['comments'] };
  const slug = f.replace(/\.mdx?$/, '');
  const page = data.type === 'profile' ? `people/${data.person ?? slug}` : `threads/${slug}`;
  if (data.type === 'profile') profiles.push({ person: data.person ?? slug, comments: data.comments });
  else threads.push({ slug, title: data.title, comments: data.comments });
  for (const c of data.comments) for (const p of c.paragraphs) lineText.set(`${page}@${p.line}`, p.text);
}

if (essays.length === 0 && threads.length === 0 && profiles.length === 0) {
  console.error(`No essays or threads under ${contentDir}/ yet: run the importer first.`);
  process.exit(1);
}

const graph = buildLinkGraph({ essays, threads, profiles });
const quotes = graph.edges.filter((e) => e.type === 'quotes');
const page = (id: string) => id.split('#')[0] ?? id;
const count = (pred: (e: (typeof quotes)[number]) => boolean) => quotes.filter(pred).length;

console.log(`Quote links in ${contentDir}/: ${quotes.length}`);
console.log(
  `  by kind: exact ${count((e) => e.match?.kind === 'exact')}, normalised ${count((e) => e.match?.kind === 'normalised')}, fuzzy ${count((e) => e.match?.kind === 'fuzzy')}`,
);
console.log(`  by source: essay passages ${count((e) => e.to.startsWith('essays/'))}, earlier comments ${count((e) => !e.to.startsWith('essays/'))}`);
console.log('');

for (const e of quotes) {
  const from = `${page(e.from)}@${e.fromLine ?? 0}`;
  const to = `${page(e.to)}@${e.toLine ?? 0}`;
  console.log(`${e.from} L${e.fromLine} → ${e.to} L${e.toLine}  [${e.match?.kind} ${e.match?.score.toFixed(3)}]`);
  console.log(`    quote:  ${excerpt(e.excerpt, 150)}`);
  if (!lineText.has(from)) console.log('    (quoting line not found)');
  console.log(`    source: ${excerpt(lineText.get(to) ?? '(not found)', 150)}`);
}

// A line the segmentation marks as a quote but that got no link is either a quote of text the
// export lost (an early essay version, an outside source) or a miss worth a look.
const linked = new Set(quotes.map((e) => `${page(e.from)}@${e.fromLine ?? 0}`));
const unlinked: string[] = [];
for (const t of [
  ...threads.map((x) => ({ page: `threads/${x.slug}`, comments: x.comments })),
  ...profiles.map((x) => ({ page: `people/${x.person}`, comments: x.comments })),
]) {
  for (const c of t.comments) {
    for (const p of c.paragraphs) {
      if (p.quote && !linked.has(`${t.page}@${p.line}`)) unlinked.push(`${t.page}#${c.id} L${p.line}: ${excerpt(p.text, 120)}`);
    }
  }
}
console.log('');
console.log(`Lines marked as quotes with no link: ${unlinked.length}`);
for (const u of unlinked) console.log(`  ${u}`);
if (graph.problems.length) {
  console.log('');
  console.log('Problems:');
  for (const p of graph.problems) console.log(`  ${p}`);
}
