import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import contentSecurityPolicy, { policyFor } from '../../../src/integrations/csp.ts';
import { finishRenderedPage } from '../../../src/data/page-finish.ts';

// After the build the integration finishes only what the renderer did not (Astro's redirect pages)
// and leaves finished pages alone; here on a small dist/ of both kinds.
const dist = mkdtempSync(join(tmpdir(), 'csp-integration-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

const REDIRECT =
  '<!doctype html><title>Redirecting to: /new/</title><meta http-equiv="refresh" content="0;url=/new/"><meta name="robots" content="noindex"><a href="/new/">Redirecting to /new/</a>';
const RENDERED = finishRenderedPage(
  '/new/',
  '<!DOCTYPE html><html><head><meta charset="utf-8"><title>n</title><style>p{margin:0}</style></head><body><main><p>x</p></main><script type="module" src="/_astro/a.js"></script></body></html>',
);

/** Runs the integration's hooks as `astro build` would, collecting what it logs. */
async function runHooks(): Promise<string[]> {
  const lines: string[] = [];
  const hooks = contentSecurityPolicy().hooks as Record<string, (options: unknown) => unknown>;
  await hooks['astro:config:done']?.({ config: { root: pathToFileURL(`${process.cwd()}/`) } });
  await hooks['astro:build:done']?.({ dir: pathToFileURL(`${dist}/`), logger: { info: (l: string) => lines.push(l) } });
  return lines;
}

describe('the Content-Security-Policy integration after the build', () => {
  test('gives a redirect page its policy and leaves a page finished while rendering exactly as it was', async () => {
    mkdirSync(join(dist, 'old'), { recursive: true });
    mkdirSync(join(dist, 'new'), { recursive: true });
    writeFileSync(join(dist, 'old/index.html'), REDIRECT);
    writeFileSync(join(dist, 'new/index.html'), RENDERED);
    const log = await runHooks();
    expect(log).toEqual(['Content-Security-Policy: 1 pages finished as they were rendered, 1 after the build']);
    expect(readFileSync(join(dist, 'new/index.html'), 'utf8')).toBe(RENDERED);
    const redirect = readFileSync(join(dist, 'old/index.html'), 'utf8');
    expect(redirect).toContain(`<meta http-equiv="Content-Security-Policy" content="${policyFor(redirect).policy}">`);
    // A second pass finds both finished.
    expect(await runHooks()).toEqual(['Content-Security-Policy: 2 pages finished as they were rendered, 0 after the build']);
  });
});
