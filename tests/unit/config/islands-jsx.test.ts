import { preact } from '@preact/preset-vite';
import { describe, expect, test } from 'vitest';
import config from '../../../astro.config.mjs';

// astro.config.mjs takes the islands' JSX away from Babel by finding Preact's preset plugin by name
// and dropping its transform, and asks Vite's own transformer for Preact's JSX runtime instead. If a
// release renamed the plugin, Babel would quietly compile again (correct, only slower): this says so.
describe('the islands’ JSX', () => {
  test('Preact’s preset still has a plugin named vite:preact-jsx that compiles with Babel when given Babel options', () => {
    const plugins = [preact({ babel: {} })].flat(Infinity) as { name?: string; transform?: unknown }[];
    const jsx = plugins.find((p) => p.name === 'vite:preact-jsx');
    expect(jsx).toBeDefined();
    expect(typeof jsx?.transform).toBe('function');
  });

  test('is compiled by Vite’s transformer with Preact’s automatic runtime, and the preset plugin’s transform is dropped', () => {
    expect(config.vite?.oxc).toEqual({ jsx: { runtime: 'automatic', importSource: 'preact' } });
    const hack = (config.vite?.plugins ?? []).flat().find((p) => p && typeof p === 'object' && 'name' in p && p.name === 'site:islands-jsx-by-oxc') as
      { configResolved: (c: { plugins: { name: string; transform?: unknown }[] }) => void } | undefined;
    expect(hack).toBeDefined();
    const babel: { name: string; transform?: () => null } = { name: 'vite:preact-jsx', transform: () => null };
    const other = { name: 'other', transform: () => null };
    hack!.configResolved({ plugins: [other, babel] });
    expect('transform' in babel).toBe(false);
    expect(typeof other.transform).toBe('function');
  });
});
