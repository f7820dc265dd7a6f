import { z } from 'astro/zod';

/**
 * What Astro's content store holds for an imported essay or thread: the file its checked data was
 * written to. The data itself stays out of the store, which Astro bundles whole into the build
 * (see src/loaders/frontmatter.ts); src/data/site.ts reads the file back.
 */
export const entryDataRefSchema = z.object({ dataFile: z.string() });
export type EntryDataRef = z.output<typeof entryDataRefSchema>;
