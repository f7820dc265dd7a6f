import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, test } from 'vitest';

// Imports flow one way (see README "Where things live"): src/lib is pure and imports only itself.
const root = resolve(import.meta.dirname, '../..');

function files(dir: string, ext: RegExp): string[] {
  const out: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...files(full, ext));
    else if (ext.test(name)) out.push(full);
  }
  return out;
}

function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');
}

describe('src/lib', () => {
  const libFiles = files(join(root, 'src/lib'), /\.ts$/);

  test('returns at least the modules we know exist (the scan is not empty)', () => {
    expect(libFiles.length).toBeGreaterThan(5);
  });

  test.each(libFiles.map((f) => [relative(root, f), f]))('%s imports only src/lib', (_name, file) => {
    for (const spec of importsOf(file)) {
      if (spec.startsWith('.')) {
        const target = resolve(dirname(file), spec);
        expect(relative(join(root, 'src/lib'), target).startsWith('..'), `${spec} leaves src/lib`).toBe(false);
      } else {
        expect(spec, `package import "${spec}" in pure code`).toMatch(/^$/);
      }
    }
  });

  test.each(libFiles.map((f) => [relative(root, f), f]))('%s does not touch the DOM or Node globals', (_name, file) => {
    const src = readFileSync(file, 'utf8').replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '');
    expect(src).not.toMatch(/\b(document|window|localStorage|process)\./);
  });
});

describe('components/islands', () => {
  test('import only preact and src/lib', () => {
    for (const file of files(join(root, 'components/islands'), /\.(tsx?|jsx?)$/)) {
      for (const spec of importsOf(file)) {
        if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec);
          const ok = !relative(join(root, 'components/islands'), target).startsWith('..') || !relative(join(root, 'src/lib'), target).startsWith('..');
          expect(ok, `${relative(root, file)} imports ${spec}`).toBe(true);
        } else expect(spec, `${relative(root, file)} imports ${spec}`).toMatch(/^preact(\/|$)/);
      }
    }
  });
});

describe('components', () => {
  test('never import pages, layouts, the importer or markdown plugins', () => {
    for (const file of files(join(root, 'components'), /\.(astro|ts|tsx)$/)) {
      for (const spec of importsOf(file)) {
        expect(spec, `${relative(root, file)} imports ${spec}`).not.toMatch(/src\/(pages|layouts|importer|markdown)\//);
      }
    }
  });
});
