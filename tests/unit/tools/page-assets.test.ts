import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { isKatexCss } from '../../../src/tools/page-assets.ts';

describe('isKatexCss', () => {
  test('returns true for KaTeX’s stylesheet, alone or inside a page’s bundle', () => {
    const katex = readFileSync('node_modules/katex/dist/katex.min.css', 'utf8');
    expect(isKatexCss(katex)).toBe(true);
    expect(isKatexCss(`body{margin:0}${katex}.x{color:red}`)).toBe(true);
  });

  test('returns false for our Formula styles, which name .katex-fonts and KaTeX’s families but are not its stylesheet', () => {
    const ours = '.katex-fonts{display:none}.katex-fonts>[data-face^=AMS-]{font-family:KaTeX_AMS}.math-display{overflow-x:auto}';
    expect(isKatexCss(ours)).toBe(false);
  });

  test('returns false for a stylesheet with the class rules but none of KaTeX’s font faces', () => {
    expect(isKatexCss('.katex{font:normal 1.21em KaTeX_Main}')).toBe(false);
  });
});
