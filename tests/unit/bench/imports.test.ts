import { describe, expect, test } from 'vitest';
import { moduleImports, resolveSpecifier } from '../../../src/bench/imports.ts';

describe('moduleImports', () => {
  test('returns static imports in minified forms as eager', () => {
    const code = 'import{a as b}from"./preact.js";import"./side.js";export*from"./re.js";export{x}from"./named.js";const c=1;';
    expect(moduleImports(code)).toEqual({ eager: ['./preact.js', './side.js', './re.js', './named.js'], lazy: [] });
  });
  test('returns dynamic imports and Vite preload lists as lazy', () => {
    const code =
      'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["_astro/search.js","_astro/excerpt.js"])))=>i.map(i=>d[i]);x(()=>import("./search.js"));import(`/pagefind/pagefind.js`)';
    expect(moduleImports(code).lazy.sort()).toEqual(['./search.js', '/_astro/excerpt.js', '/_astro/search.js', '/pagefind/pagefind.js']);
  });
  test('returns nothing for a dynamic import of a computed URL or a word that merely ends in "import"', () => {
    expect(moduleImports('reimport("./a.js");import(`/x/${name}.js`);import(url)')).toEqual({ eager: [], lazy: [] });
  });
  test('returns a module once, as eager, when it is imported both ways', () => {
    expect(moduleImports('import"./a.js";import("./a.js")')).toEqual({ eager: ['./a.js'], lazy: [] });
  });
});

describe('resolveSpecifier', () => {
  test('returns site paths for relative and absolute specifiers', () => {
    expect(resolveSpecifier('./b.js', '/_astro/a.js')).toBe('/_astro/b.js');
    expect(resolveSpecifier('../pagefind/p.js', '/_astro/a.js')).toBe('/pagefind/p.js');
    expect(resolveSpecifier('/x/y.js?v=1', '/_astro/a.js')).toBe('/x/y.js');
  });
  test('returns null for bare names, other origins and data URLs', () => {
    expect([
      resolveSpecifier('preact', '/a.js'),
      resolveSpecifier('https://cdn.example/x.js', '/a.js'),
      resolveSpecifier('//cdn.example/x.js', '/a.js'),
      resolveSpecifier('data:text/javascript,1', '/a.js'),
    ]).toEqual([null, null, null, null]);
  });
});
