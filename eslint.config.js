// Lint rules for the whole repository: type-aware TypeScript (typescript-eslint, reading
// tsconfig.json through the project service), Astro components (eslint-plugin-astro), and
// accessibility rules for the markup in .astro files and the Preact islands. jsx-a11y-x is the
// maintained fork of eslint-plugin-jsx-a11y that supports ESLint 10, which eslint-plugin-astro 3
// requires; eslint-plugin-astro loads it for its own a11y config.
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';
import jsxA11y from 'eslint-plugin-jsx-a11y-x';

export default defineConfig(
  { ignores: ['dist/**', '.astro/**', 'node_modules/**', 'test-results/**', 'bench/**/*.json', 'public/**'] },
  {
    files: ['**/*.{ts,tsx,mts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // A leading underscore marks a parameter a signature needs but the body does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.tsx'],
    plugins: { 'jsx-a11y-x': jsxA11y },
    rules: jsxA11y.configs.recommended.rules,
  },
  astro.configs['flat/recommended'],
  astro.configs['flat/jsx-a11y-recommended'],
);
