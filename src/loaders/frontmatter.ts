// A content loader for files whose meaning is all in their frontmatter: the imported threads and
// essays, whose MDX body is only a "generated, do not edit" comment. Astro's glob() loader would
// compile each one into an MDX module that Vite then bundles, though no page ever renders it; at a
// thousand threads that was 13 s of every build. This loader stores the frontmatter as plain data
// instead: same ids, same schema, same file paths for error messages. An unchanged file (same
// digest) is not parsed again, so Astro's content cache does the work on a rebuild. The YAML is
// read with js-yaml, the parser Astro itself uses for frontmatter (and several times faster than
// the `yaml` package on these files), so the data is exactly what the glob() loader produced.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { load as parseYaml } from 'js-yaml';

/** The frontmatter block of a file's text, or null when the file has none. */
function frontmatterOf(text: string): string | null {
  const m = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text);
  return m ? (m[1] ?? '') : null;
}

/** Loads every `.mdx` file directly in `base` (relative to the project root) as a data entry. */
export function frontmatterLoader(base: string): Loader {
  return {
    name: 'frontmatter-data',
    async load(context) {
      const { config, store, logger } = context;
      const root = fileURLToPath(config.root);
      const dir = join(root, base);
      const files = (await readdir(dir)).filter((f) => f.endsWith('.mdx')).sort();
      const seen = new Set<string>();
      let reused = 0;
      for (const file of files) {
        const id = file.replace(/\.mdx$/, '');
        const filePath = relative(root, join(dir, file)).split('\\').join('/');
        const text = await readFile(join(dir, file), 'utf8');
        const digest = context.generateDigest(text);
        seen.add(id);
        if (store.get(id)?.digest === digest) {
          reused++;
          continue;
        }
        const front = frontmatterOf(text);
        if (front === null) throw new Error(`${filePath}: no frontmatter block (--- … ---) at the top of the file`);
        let raw: unknown;
        try {
          raw = parseYaml(front);
        } catch (e) {
          throw new Error(`${filePath}: the frontmatter is not valid YAML: ${e instanceof Error ? e.message : String(e)}`);
        }
        if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${filePath}: the frontmatter is not a mapping of fields`);
        const data = await context.parseData({ id, data: raw as Record<string, unknown>, filePath });
        store.set({ id, data, digest, filePath });
      }
      for (const id of store.keys()) if (!seen.has(id)) store.delete(id);
      if (reused > 0) logger.info(`${reused} of ${files.length} unchanged since the last build, reused`);
    },
  };
}
