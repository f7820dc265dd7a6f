// The real content/ folder read without Astro: each file's frontmatter parsed by the schema its
// collection uses, then handed to the same buildSiteModel() the build calls. Tests that check the
// content against the site's rules use this model, so no test keeps its own copy of the anchors.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import { parse } from 'yaml';
import type { z } from 'astro/zod';
import { buildSiteModel, type Entry, type SiteModel } from '../../../src/lib/site/model.ts';
import { essaySchema } from '../../../src/schemas/essay.ts';
import { threadsCollectionSchema } from '../../../src/schemas/thread.ts';
import { personSchema } from '../../../src/schemas/person.ts';
import { claimSchema, guideSchema, summarySchema, termSchema } from '../../../src/schemas/curated.ts';

export const root = resolve(import.meta.dirname, '../../..');

/** One content file: where it is, its slug, its parsed frontmatter and its whole text. */
export interface ContentFile {
  file: string;
  slug: string;
  data: Record<string, unknown>;
  source: string;
}

/** Every .mdx file of a content folder, in name order. */
export function contentFiles(dir: string): ContentFile[] {
  const abs = join(root, 'content', dir);
  return readdirSync(abs)
    .filter((n) => n.endsWith('.mdx'))
    .sort()
    .map((name) => {
      const source = readFileSync(join(abs, name), 'utf8');
      const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
      return { file: `content/${dir}/${name}`, slug: name.replace(/\.mdx$/, ''), data: (parse(fm?.[1] ?? '') ?? {}) as Record<string, unknown>, source };
    });
}

function entries<S extends z.ZodType>(dir: string, schema: S): Entry<z.output<S>>[] {
  return contentFiles(dir).map((f) => {
    const fm = /^---\r?\n[\s\S]*?\r?\n---\r?\n?/.exec(f.source)?.[0] ?? '';
    return { id: f.slug, data: schema.parse(f.data), body: f.source.slice(fm.length), filePath: f.file };
  });
}

/** Markdown headings of a body with the slugs Astro's renderer gives them (github-slugger). */
function headings(body: string): { depth: number; slug: string; text: string }[] {
  const slugger = new GithubSlugger();
  return [...body.matchAll(/^(#{1,6})\s+(.+?)\s*$/gm)].map((m) => ({ depth: m[1]?.length ?? 0, text: m[2] ?? '', slug: slugger.slug(m[2] ?? '') }));
}

/** The site model built from content/, as the build builds it. */
export function contentModel(): SiteModel<{
  essay: z.output<typeof essaySchema>;
  thread: Extract<z.output<typeof threadsCollectionSchema>, { type: 'thread' }>;
  profile: Extract<z.output<typeof threadsCollectionSchema>, { type: 'profile' }>;
  person: z.output<typeof personSchema>;
  claim: z.output<typeof claimSchema>;
  term: z.output<typeof termSchema>;
  guide: z.output<typeof guideSchema>;
  summary: z.output<typeof summarySchema>;
}> {
  return buildSiteModel({
    essays: entries('essays', essaySchema),
    threads: entries('threads', threadsCollectionSchema),
    people: entries('people', personSchema),
    claims: entries('claims', claimSchema),
    glossary: entries('glossary', termSchema),
    guides: entries('guides', guideSchema).map((g) => ({ ...g, headings: headings(g.body ?? '') })),
    summaries: entries('summaries', summarySchema),
    fileText: (file) => readFileSync(join(root, file), 'utf8'),
  });
}
