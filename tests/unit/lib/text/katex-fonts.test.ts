import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import katex from 'katex';
import { describe, expect, test } from 'vitest';
import { KATEX_FACES, katexFaces } from '../../../../src/lib/text/katex-fonts.ts';

const render = (tex: string) => katex.renderToString(tex, { displayMode: true, throwOnError: true, output: 'htmlAndMathml' });

describe('katexFaces', () => {
  test.each([
    ['1 + 1', ['Main-Regular']],
    ['x', ['Main-Regular', 'Math-Italic']],
    ['\\frac{a}{b}', ['Main-Regular', 'Math-Italic']],
    ['\\left(\\frac{a}{b}\\right)', ['Main-Regular', 'Math-Italic', 'Size2-Regular']],
    ['\\Bigg(\\Big(\\big(', ['Main-Regular', 'Size1-Regular', 'Size2-Regular', 'Size4-Regular']],
    ['\\sum_i x_i', ['Main-Regular', 'Math-Italic', 'Size2-Regular']],
    ['\\textstyle\\sum_i x_i', ['Main-Regular', 'Math-Italic', 'Size1-Regular']],
    ['\\left\\{\\begin{array}{l}a\\\\b\\\\c\\\\d\\\\e\\end{array}\\right.', ['Main-Regular', 'Math-Italic', 'Size4-Regular']],
    ['\\mathbb{R} \\leqslant 1', ['AMS-Regular', 'Main-Regular']],
    ['\\mathbf{A}\\,\\text{if}', ['Main-Bold', 'Main-Regular']],
    ['\\textbf{\\textit{ab}}', ['Main-BoldItalic', 'Main-Regular']],
    ['\\boldsymbol{x}', ['Main-Regular', 'Math-BoldItalic']],
    ['\\mathit{ab}', ['Main-Italic', 'Main-Regular']],
    ['\\mathcal{L} \\mathfrak{g} \\mathscr{S}', ['Caligraphic-Regular', 'Fraktur-Regular', 'Main-Regular', 'Script-Regular']],
    ['\\mathtt{f} \\mathsf{g} \\textsf{\\textbf{h}}', ['Main-Regular', 'SansSerif-Bold', 'SansSerif-Regular', 'Typewriter-Regular']],
  ])('names the faces of %s', (tex, faces) => {
    expect(katexFaces(render(tex)).toSorted()).toEqual(faces.toSorted());
  });

  test('answers in one stable order, each face once, whatever the order of the formulas', () => {
    const a = render('\\left(\\sum x\\right)');
    const b = render('\\mathbb{R}');
    expect(katexFaces(a + b)).toEqual(katexFaces(b + a));
    const faces = katexFaces(a + a + b);
    expect(new Set(faces).size).toBe(faces.length);
    expect(faces).toEqual(KATEX_FACES.filter((f) => faces.includes(f)));
  });
});

// KaTeX's stylesheet decides which face each class is set in; an upgrade that adds or renames a
// class must not leave a face unnamed, or its fonts would again be missing from a printout.
describe("every font rule of KaTeX's stylesheet", () => {
  const css = readFileSync(createRequire(import.meta.url).resolve('katex/dist/katex.css'), 'utf8');
  const rules = [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}@]+)\{([^{}]*)\}/g)]
    .map((m) => ({ selectors: (m[1] ?? '').split(','), body: m[2] ?? '' }))
    .filter((r) => /font-family:\s*KaTeX_/.test(r.body));
  const cases = rules.flatMap(({ selectors, body }) => {
    const family = /font-family:\s*KaTeX_(\w+)/.exec(body)?.[1] ?? '';
    const bold = /font-weight:\s*(bold|700)/.test(body) ? 'Bold' : '';
    const italic = /font-style:\s*italic/.test(body) ? 'Italic' : '';
    const face = `${family}-${bold + italic || 'Regular'}`;
    return selectors
      .map((sel) => [...sel.matchAll(/\.([\w-]+)/g)].map((m) => m[1] ?? '').filter((c) => c !== 'katex'))
      .filter((classes) => classes.length > 0)
      .map((classes) => [classes.join(' '), face] as const);
  });

  test('the stylesheet was read: it sets faces by class', () => {
    expect(cases.length).toBeGreaterThan(20);
  });

  test.each(cases)('an element with class "%s" is set in %s', (classes, face) => {
    expect(KATEX_FACES).toContain(face);
    expect(katexFaces(`<span class="${classes}">x</span>`)).toContain(face);
  });
});
