// Regenerates content/permalinks/anchors.json from dist/ (run `npm run build` first). Commit the
// result: the list is the promise that every anchor we published keeps working.
import { mkdirSync, writeFileSync } from 'node:fs';
import { normaliseAnchorList } from '../lib/links/permalinks.ts';
import { publishedAnchors } from './dist.ts';

const anchors = normaliseAnchorList(publishedAnchors(process.argv[2] ?? 'dist'));
mkdirSync('content/permalinks', { recursive: true });
writeFileSync('content/permalinks/anchors.json', `[\n${anchors.map((a) => `  ${JSON.stringify(a)}`).join(',\n')}\n]\n`);
console.log(`content/permalinks/anchors.json: ${anchors.length} anchors`);
