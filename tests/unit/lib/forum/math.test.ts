import katex from 'katex';
import { describe, expect, test } from 'vitest';
import { convertForumHtml } from '../../../../src/lib/forum/html.ts';
import { typeset, unwrapDelimiters } from '../../../../src/lib/forum/math.ts';
import { renderForumBlock } from '../../../../src/lib/forum/render.ts';

const one = (html: string) => {
  const [b] = convertForumHtml(html, { scope: 'C1', origin: 'https://www.lesswrong.com', headings: 'inline' });
  return b?.kind === 'block' ? b.html : '';
};
const INLINE = '<p>x <span class="math-tex">\\(a^2\\)</span> y</p>';
const DISPLAY = '<p><span class="math-tex">\\[\\frac{a}{b}\\]</span></p>';

describe('formula shapes ForumMagnum stores', () => {
  test.each([
    ['the editor’s span, inline', '<p>x <span class="math-tex">\\( a^2 \\)</span> y</p>', INLINE],
    ['the editor’s span, display', '<p><span class="math-tex">\\[\\frac{a}{b}\\]</span></p>', DISPLAY],
    ['MathJax script, inline', '<p>x <script type="math/tex">a^2</script> y</p>', INLINE],
    ['MathJax script, display', '<p><script type="math/tex; mode=display">\\frac{a}{b}</script></p>', DISPLAY],
    [
      'server-typeset MathJax (mjpage), inline, with its stylesheet',
      '<p>x <span class="mjpage"><span class="mjx-chtml"><span class="mjx-math" aria-label="a^2"><span class="mjx-mrow" aria-hidden="true">a2</span></span><style>.mjx-chtml{}</style></span></span> y</p>',
      INLINE,
    ],
    [
      'server-typeset MathJax (mjpage), display',
      '<p><span class="mjpage mjpage__block"><span class="mjx-chtml MJXc-display"><span class="mjx-math" aria-label="\\frac{a}{b}"><span>junk</span></span></span></span></p>',
      DISPLAY,
    ],
    [
      'typeset MathJax inside the editor’s span',
      '<p>x <span class="math-tex"><span class="mjx-chtml"><span class="mjx-math" aria-label="a^2">a2</span></span></span> y</p>',
      INLINE,
    ],
    ['the editing view’s data-math-tex', '<p>x <span data-math-tex="a^2">a2</span> y</p>', INLINE],
    ['bare delimiters left by the Markdown editor', '<p>x \\(a^2\\) y</p>', INLINE],
    ['bare display delimiters', '<p>\\[\\frac{a}{b}\\]</p>', DISPLAY],
  ])('reads %s as the editor’s span', (_what, html, expected) => {
    expect(one(html)).toBe(expected);
  });

  test('leaves dollar signs, and delimiters inside code, as text', () => {
    expect(one('<p>$5 and $x$ and <code>\\(y\\)</code></p>')).toBe('<p>$5 and $x$ and <code>\\(y\\)</code></p>');
  });
});

describe('unwrapDelimiters', () => {
  test('returns the TeX and whether it is displayed, or null without delimiters', () => {
    expect(unwrapDelimiters(' \\( x \\) ')).toEqual({ tex: 'x', display: false });
    expect(unwrapDelimiters('\\[y\\]')).toEqual({ tex: 'y', display: true });
    expect(unwrapDelimiters('z')).toBeNull();
  });
});

describe('typeset', () => {
  test('returns KaTeX’s own markup for good TeX', () => {
    expect(typeset({ tex: 'a^2', display: false })).toEqual({
      ok: true,
      html: katex.renderToString('a^2', { output: 'htmlAndMathml', throwOnError: true, strict: 'ignore' }),
    });
  });

  test('returns the reason for bad TeX instead of throwing', () => {
    const r = typeset({ tex: '\\frac{1}{', display: false });
    expect(r.ok).toBe(false);
  });

  test('never makes a link or runs a trusted command', () => {
    for (const tex of [
      '\\href{javascript:alert(1)}{x}',
      '\\url{https://evil.example/}',
      '\\htmlClass{x}{y}',
      '\\includegraphics{https://evil.example/a.png}',
    ]) {
      const r = typeset({ tex, display: false });
      const html = r.ok ? r.html : '';
      // The source is kept as text (in the annotation); no link, image or class of its own is made.
      expect(html, tex).not.toMatch(/<a |href=|<img|src=|class="x"/);
    }
  });
});

describe('formulas on the page', () => {
  test('renders a stored formula with KaTeX, a display one in a scrolling box', () => {
    expect(renderForumBlock(INLINE, 'x \\(a^2\\) y')).toBe(
      `<p>x <span class="math-inline">${katex.renderToString('a^2', { output: 'htmlAndMathml' })}</span> y</p>`,
    );
    expect(renderForumBlock(DISPLAY, '\\[\\frac{a}{b}\\]')).toBe(
      `<p><span class="math-display" tabindex="0">${katex.renderToString('\\frac{a}{b}', { output: 'htmlAndMathml', displayMode: true })}</span></p>`,
    );
  });

  test('shows a formula KaTeX refuses as its source, with the reason, and never throws', () => {
    const out = renderForumBlock('<p><span class="math-tex">\\(\\frac{1}{\\)</span></p>', '');
    expect(out).toMatch(
      /^<p><code class="math-error" title="The formula could not be typeset: KaTeX parse error: [^"]*" data-pagefind-ignore>\\\(\\frac\{1\}\{\\\)<\/code><\/p>$/,
    );
  });
});
