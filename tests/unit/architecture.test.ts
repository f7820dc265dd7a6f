import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

// Imports flow one way (../shared/design/architecture.md, README "Where things live"). The table
// says, for each folder, which of our folders its files may import and which packages; a folder
// nested in another is judged by its own row. Side-effect imports (`import './x.css'`) count.
const root = resolve(import.meta.dirname, '../..');

interface Rule {
  /** Our folders (or single files) this folder's files may import. */
  may: readonly string[];
  /** Package specifiers allowed (matched from the start). */
  packages: RegExp;
}

const NODE = 'node:[a-z/_]+';
const RULES: Record<string, Rule> = {
  'src/lib': { may: ['src/lib'], packages: /^$/ },
  // Forum HTML: a real parser and sanitizer (not regular expressions) and KaTeX, still no DOM or Node.
  'src/lib/forum': { may: ['src/lib'], packages: /^(hast|hast-util-(from-html|sanitize|to-html)|katex)$/ },
  'src/bench': { may: ['src/bench'], packages: /^$/ },
  'src/schemas': { may: ['src/schemas', 'src/lib'], packages: /^astro\/zod$/ },
  'src/middleware.ts': { may: ['src/data'], packages: /^astro:middleware$/ },
  'src/content.config.ts': { may: ['src/schemas', 'src/loaders'], packages: /^(astro:content|astro\/loaders)$/ },
  'src/loaders': { may: ['src/loaders', 'src/schemas', 'src/lib'], packages: new RegExp(`^(js-yaml|astro\\/loaders|${NODE})$`) },
  // The data layer reads what the loaders keep, and the quote-links child checks sources as they do.
  'src/data': { may: ['src/data', 'src/lib', 'src/schemas', 'src/loaders'], packages: new RegExp(`^(astro:content|${NODE})$`) },
  'src/importer': { may: ['src/importer', 'src/schemas', 'src/lib'], packages: new RegExp(`^(yaml|astro/zod|${NODE})$`) },
  'src/build': { may: ['src/build', 'src/lib'], packages: new RegExp(`^(node-html-parser|pagefind|${NODE})$`) },
  'src/integrations': { may: ['src/integrations', 'src/build', 'src/lib'], packages: new RegExp(`^(astro|${NODE})$`) },
  'src/scripts': { may: ['src/scripts', 'src/lib'], packages: /^$/ },
  // public/favicon.svg: the site icon, which the layout also writes into every page inline.
  'src/layouts': { may: ['src/layouts', 'components', 'src/data', 'src/lib', 'src/scripts', 'src/styles', 'public/favicon.svg'], packages: /^astro(:|\/|$)/ },
  'src/pages': {
    may: ['src/pages', 'src/layouts', 'components', 'src/data', 'src/lib', 'src/schemas', 'src/scripts', 'src/styles'],
    packages: /^astro(:[a-z]+|\/[a-z]+)?$/,
  },
  components: {
    may: ['components', 'src/data', 'src/lib', 'src/schemas'],
    packages: /^(katex(\/dist\/katex\.min\.css(\?(url|inline))?)?|astro(:[a-z]+|\/types)?)$/,
  },
  'components/islands': { may: ['components/islands', 'src/lib/calc', 'src/lib/site/routes.ts'], packages: /^preact(\/|$)|^@preact\/signals$/ },
};

function files(dir: string): string[] {
  if (!statSync(dir).isDirectory()) return [dir];
  return readdirSync(dir).flatMap((name) => files(join(dir, name)));
}

/** Every module a file names: static and dynamic imports, re-exports and side-effect imports. */
function importsOf(src: string): string[] {
  const re =
    /(?:^|\n)\s*(?:import|export)\s[^'";]*?\sfrom\s+['"]([^'"]+)['"]|(?:^|\n|<script>\s*)\s*import\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  return [...src.matchAll(re)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** The row that governs a path: the longest folder of the table that contains it. */
function ruleFolder(path: string): string | undefined {
  return Object.keys(RULES)
    .filter((f) => path === f || path.startsWith(`${f}/`))
    .sort((a, b) => b.length - a.length)[0];
}

const code = /\.(ts|tsx|mjs|astro)$/;
const checked = Object.keys(RULES).flatMap((folder) =>
  files(join(root, folder))
    .map((f) => relative(root, f))
    .filter((f) => code.test(f) && ruleFolder(f) === folder),
);

describe('the import table', () => {
  test.each(Object.keys(RULES))('names %s, which exists', (folder) => {
    expect(existsSync(join(root, folder))).toBe(true);
  });

  test.each(Object.entries(RULES).flatMap(([f, r]) => r.may.map((m) => [f, m])))('%s may import %s, which exists', (_folder, target) => {
    expect(existsSync(join(root, target))).toBe(true);
  });

  test('returns files to check in every folder it names', () => {
    for (const folder of Object.keys(RULES))
      expect(
        checked.some((f) => ruleFolder(f) === folder),
        folder,
      ).toBe(true);
  });
});

describe('imports', () => {
  test.each(checked)('%s imports only what its folder may', (file) => {
    const rule = RULES[ruleFolder(file) ?? ''];
    if (!rule) throw new Error(`${file} has no rule`);
    for (const spec of importsOf(readFileSync(join(root, file), 'utf8'))) {
      if (spec.startsWith('.')) {
        // A query (`?raw`, `?url`) says how a file is imported, not which file.
        const target = relative(root, resolve(dirname(join(root, file)), spec.replace(/\?.*$/, '')));
        const ok = rule.may.some((m) => target === m || target.startsWith(`${m}/`));
        expect(ok, `${file} imports ${spec} (${target})`).toBe(true);
      } else {
        expect(spec, `${file} imports package ${spec}`).toMatch(rule.packages);
      }
    }
  });
});

describe('importsOf', () => {
  test('returns side-effect, dynamic and re-export specifiers as well as plain imports', () => {
    const src =
      "import a from './a.ts';\nimport './b.css';\nexport { c } from './c.ts';\nconst d = await import('./d.ts');\n<script>import '../e.ts';</script>";
    expect(importsOf(src)).toEqual(['./a.ts', './b.css', './c.ts', '../e.ts', './d.ts'].sort((x, y) => src.indexOf(x) - src.indexOf(y)));
  });
});

describe('pure folders', () => {
  test.each(checked.filter((f) => ['src/lib', 'src/lib/forum', 'src/bench'].includes(ruleFolder(f) ?? '')))(
    '%s does not touch the DOM or Node globals',
    (file) => {
      const src = readFileSync(join(root, file), 'utf8').replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '');
      expect(src).not.toMatch(/\b(document|window|localStorage|process)\./);
    },
  );
});
