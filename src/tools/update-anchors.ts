// `npm run anchors:update`: regenerates content/permalinks/anchors.json from dist/ (run
// `npm run build` first) and says what changed. Commit the result: the list is the promise that
// every anchor we published keeps working. The functions are shared with the built-site tests.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { anchorKey, formatAnchorList, isPermalinkElement, mergeAnchorList, normaliseAnchorList } from '../lib/links/permalinks.ts';
import { builtPages } from '../build/dist.ts';

export const ANCHORS_FILE = 'content/permalinks/anchors.json';
export const REDIRECTS_FILE = 'content/permalinks/redirects.json';

/** Ids inside `<main>` that publish a permalink (see isPermalinkElement), in document order. */
export function pageAnchorIds(root: HTMLElement): string[] {
  const main = root.querySelector('main');
  if (!main) return [];
  const ids: string[] = [];
  for (const el of main.querySelectorAll('[id]')) {
    if (isPermalinkElement({ tag: el.tagName, id: el.id, dataPermalink: el.hasAttribute('data-permalink') })) ids.push(el.id);
  }
  return [...new Set(ids)];
}

/** Every anchor the built site in `dist` publishes, as `/page/#id`, sorted (the 404 page makes no promise). */
export function builtAnchors(dist: string): string[] {
  if (!existsSync(dist)) throw new Error(`${dist}/ is missing: run \`npm run build\` first`);
  const out: string[] = [];
  for (const page of builtPages(dist)) {
    if (page.path === '/404.html') continue;
    for (const id of pageAnchorIds(parse(page.html))) out.push(anchorKey(page.path, id));
  }
  return normaliseAnchorList(out);
}

/** Reads a JSON file of ours, naming the file when it does not parse. */
export function readJson<T>(file: string, fallback: T): T {
  if (!existsSync(file)) return fallback;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
  }
}

function main(args: string[]): void {
  const prune = args.includes('--prune');
  const dist = args.find((a) => !a.startsWith('--')) ?? 'dist';
  const before = readJson<string[]>(ANCHORS_FILE, []);
  const redirects = readJson<Record<string, string>>(REDIRECTS_FILE, {});
  const { list, added, kept, pruned } = mergeAnchorList(before, builtAnchors(dist), redirects, { prune });
  mkdirSync(dirname(ANCHORS_FILE), { recursive: true });
  writeFileSync(ANCHORS_FILE, formatAnchorList(list));
  console.log(`${ANCHORS_FILE}: ${list.length} anchors (${added.length} added${prune ? `, ${pruned.length} pruned` : ''})`);
  for (const a of added) console.log(`  + ${a}`);
  for (const a of pruned) console.log(`  - ${a}  (pruned: only right if it was never deployed)`);
  const unredirected = kept.filter((a) => redirects[a] === undefined);
  if (unredirected.length > 0) {
    console.log(
      `\nThe build no longer has ${unredirected.length} published anchor(s); they stay in the list, and the tests fail,\n` +
        `until ${REDIRECTS_FILE} maps each to its new home, e.g.\n  { "${unredirected[0]}": "/new/page/#new-id" }\n` +
        'If an anchor was never deployed, `npm run anchors:update -- --prune` drops it instead.',
    );
    for (const a of unredirected) console.log(`  ! ${a}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main(process.argv.slice(2));
