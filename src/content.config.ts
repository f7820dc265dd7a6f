import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { personSchema } from './schemas/person.ts';
import { frontmatterLoader } from './loaders/frontmatter.ts';
import { FRONTMATTER_COLLECTIONS } from './loaders/collections.ts';
import { entryDataRefSchema } from './schemas/entry-data.ts';
import { claimSchema, guideSchema, summarySchema, termSchema } from './schemas/curated.ts';

// Every collection reads from the top-level content/ folder; raw exports in content/sources and
// segmentation files in content/segments sit outside every loader's base on purpose.
// Astro's content cache is keyed on the text of this file alone, not on the schemas it imports,
// and node_modules/.astro is shared between checkouts: change this line whenever a schema's output
// changes shape, or entries parsed under the old schema are served from the cache.
// Schema revision: forum imports (paragraph html, comment deleted/retracted, .json sources); essays
// and threads loaded as frontmatter data; their data kept outside the store.
const mdx = (dir: string) => glob({ base: `./content/${dir}`, pattern: '**/*.mdx' });

export const collections = {
  // Generated from the exports: all data, no body to render. The loader checks each file against
  // the full schema and the store keeps only where the checked data is (src/loaders/frontmatter.ts).
  essays: defineCollection({
    loader: frontmatterLoader(FRONTMATTER_COLLECTIONS.essays.base, FRONTMATTER_COLLECTIONS.essays.schema),
    schema: entryDataRefSchema,
  }),
  threads: defineCollection({
    loader: frontmatterLoader(FRONTMATTER_COLLECTIONS.threads.base, FRONTMATTER_COLLECTIONS.threads.schema),
    schema: entryDataRefSchema,
  }),
  people: defineCollection({ loader: mdx('people'), schema: personSchema }),
  claims: defineCollection({ loader: mdx('claims'), schema: claimSchema }),
  glossary: defineCollection({ loader: mdx('glossary'), schema: termSchema }),
  guides: defineCollection({ loader: mdx('guides'), schema: guideSchema }),
  summaries: defineCollection({ loader: mdx('summaries'), schema: summarySchema }),
};
