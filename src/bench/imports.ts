// Reading a built JavaScript module's imports without running it: what loads with it (static
// imports) and what it may load later (dynamic import()). Written for Vite's minified output.

/** The module specifiers a built module imports: `eager` load with it, `lazy` only when called. */
export interface ModuleImports {
  eager: string[];
  lazy: string[];
}

/**
 * Static and dynamic imports of minified module code. Covers `import{a}from"./x.js"`,
 * `import"./x.js"`, `export*from"./x.js"`, `import("./x.js")` and Vite's `__vite__mapDeps`
 * list (files preloaded alongside a dynamic import, hence lazy). A template literal with a
 * placeholder cannot be resolved statically and is left out.
 */
export function moduleImports(code: string): ModuleImports {
  const eager = new Set<string>();
  const lazy = new Set<string>();
  // The character before `import` rules out identifiers such as `reimport` and property names.
  for (const m of code.matchAll(/(?:^|[;}\s)])import\s*(?:[\w*{}\s,$]+?\s*from\s*)?(["'`])([^"'`]+)\1/g)) eager.add(m[2] ?? '');
  for (const m of code.matchAll(/(?:^|[;}\s])export\s*(?:\*(?:\s*as\s+[\w$]+)?|\{[^}]*\})\s*from\s*(["'`])([^"'`]+)\1/g)) eager.add(m[2] ?? '');
  for (const m of code.matchAll(/\bimport\(\s*(["'`])([^"'`$]+)\1\s*\)/g)) lazy.add(m[2] ?? '');
  const deps = /__vite__mapDeps=.*?\[([^\]]*)\]/.exec(code);
  if (deps) for (const m of (deps[1] ?? '').matchAll(/["'`]([^"'`]+)["'`]/g)) lazy.add(`/${(m[1] ?? '').replace(/^\//, '')}`);
  for (const spec of eager) lazy.delete(spec);
  return { eager: [...eager].filter(Boolean), lazy: [...lazy].filter(Boolean) };
}

/**
 * A module specifier as a site-absolute path, resolved against the importing file's path; null
 * for other origins, data: URLs and bare package names (which a browser cannot load).
 */
export function resolveSpecifier(spec: string, fromPath: string): string | null {
  if (!/^(?:\/(?!\/)|\.\.?\/)/.test(spec)) return null;
  return new URL(spec, `http://site.invalid${fromPath}`).pathname;
}
