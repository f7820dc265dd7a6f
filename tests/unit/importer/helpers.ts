import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { importExport, type ImportInput } from '../../../src/importer/parse.ts';
import type { PersonRecord } from '../../../src/lib/threads/names.ts';
import { personSchema } from '../../../src/schemas/person.ts';
import { renderFiles } from '../../../src/importer/to-mdx.ts';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CLI = `${ROOT}src/importer/cli.ts`;

export const read = (rel: string): string => readFileSync(`${ROOT}${rel}`, 'utf8');

/** The people the CLI links authors to (content/people/*.mdx), with their names and aliases. */
export const people = (): PersonRecord[] =>
  readdirSync(`${ROOT}content/people`)
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .map((f) => {
      const data = personSchema.parse(parseFrontmatter(read(`content/people/${f}`)).frontmatter);
      return { slug: f.slice(0, -4), name: data.name, aliases: data.aliases };
    });

/** Runs the pure core the way the CLI does with `--out` at the repo root. */
export function generate(
  from: string,
  opts: { segments?: string | undefined; slug?: string | undefined; text?: string | undefined; people?: PersonRecord[] | undefined } = {},
) {
  const input: ImportInput = {
    exportFile: from,
    exportText: opts.text ?? read(from),
    from,
    segmentsFile: opts.segments,
    segmentsText: opts.segments === undefined ? undefined : read(opts.segments),
    segmentsRel: opts.segments,
    slug: opts.slug,
    people: opts.people ?? people(),
  };
  return renderFiles(importExport(input));
}
