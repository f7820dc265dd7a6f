// The collections whose entries are all frontmatter data (the imported essays and threads): where
// their files are and the schema each is checked against. content.config.ts gives them their
// loader from here, and the quote-links child (src/data/quote-links.ts) reads the same files with
// the same schemas, so both sides always agree on what a collection holds.
import { essaySchema } from '../schemas/essay.ts';
import { threadsCollectionSchema } from '../schemas/thread.ts';
import type { FrontmatterSchema } from './frontmatter.ts';

/** One frontmatter collection: its folder, from the project root, and its schema. */
export interface FrontmatterCollection {
  base: string;
  schema: FrontmatterSchema;
}

/** The frontmatter collections by name, as content.config.ts defines them. */
export const FRONTMATTER_COLLECTIONS = {
  essays: { base: 'content/essays', schema: essaySchema },
  threads: { base: 'content/threads', schema: threadsCollectionSchema },
} as const satisfies Record<string, FrontmatterCollection>;
