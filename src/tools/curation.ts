// `npm run curation`: what the editors have not curated yet (pages without our summary, glossary
// terms a page uses without the entry citing it, candidate terms), read from content/. A report,
// not a test: it always exits 0 when the content can be read. The rules are in src/lib/site/curation.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { curationReport, formatCurationReport, type CurationPage } from '../lib/site/curation.ts';
import { essaySchema } from '../schemas/essay.ts';
import { threadsCollectionSchema } from '../schemas/thread.ts';
import { summarySchema, termSchema } from '../schemas/curated.ts';

const CONTENT = 'content';

/** Each .mdx file of a content folder: its slug and parsed frontmatter. */
function entries(dir: string): { slug: string; data: unknown; file: string }[] {
  return readdirSync(join(CONTENT, dir))
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => {
      const file = join(CONTENT, dir, f);
      const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
      return { slug: f.slice(0, -4), data: parse(fm) as unknown, file };
    });
}

const pages: CurationPage[] = [];
for (const e of entries('essays')) {
  const d = essaySchema.parse(e.data);
  pages.push({
    page: `essays/${e.slug}`,
    title: d.title,
    passages: d.sections.map((s) => ({ anchor: s.id, texts: s.blocks.flatMap((b) => (b.kind === 'p' ? [b.text] : [])) })),
  });
}
for (const e of entries('threads')) {
  const d = threadsCollectionSchema.parse(e.data);
  if (d.type !== 'thread') continue;
  pages.push({
    page: `threads/${e.slug}`,
    title: d.title,
    passages: d.comments.map((c) => ({ anchor: c.id, texts: c.paragraphs.filter((p) => !p.quote).map((p) => p.text) })),
  });
}
const summaries = entries('summaries').map((e) => summarySchema.parse(e.data).target);
const terms = entries('glossary').map((e) => {
  const t = termSchema.parse(e.data);
  return { slug: e.slug, term: t.term, aliases: t.aliases, sources: t.sources };
});
process.stdout.write(formatCurationReport(curationReport({ pages, summaries, terms })));
