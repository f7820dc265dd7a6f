import { describe, expect, test } from 'vitest';
import { decorationsFromPieces, hasFormula, renderForumBlock } from '../../../../src/lib/forum/render.ts';
import { termDecorations } from '../../../../src/lib/forum/terms.ts';

const term = { tagName: 'a', properties: { className: ['term-link'], href: '/glossary/x/' } };

describe('renderForumBlock', () => {
  test('sanitizes stored HTML again, so a hand-edited thread file cannot inject anything', () => {
    const stored =
      '<p onclick="x()">a <script>alert(1)</script><img src="https://t.example/p.gif" onerror="x()"><a href="javascript:alert(1)">js</a> ' +
      '<a href="/relative">rel</a> <a href="#c-abc">frag</a> <span id="c-fake" class="evil">s</span> <iframe src="https://e.example/"></iframe><style>*{}</style></p>';
    expect(renderForumBlock(stored, '')).toBe('<p>a js rel frag s </p>');
  });

  test('gives every outside link rel="noopener noreferrer" and keeps the footnote links it made', () => {
    expect(renderForumBlock('<p><a href="https://x.example/">x</a><sup><a href="#fm-C1-fn1" id="fm-C1-ref1">[1]</a></sup></p>', 'x[1]')).toBe(
      '<p><a href="https://x.example/" rel="noopener noreferrer">x</a><sup><a href="#fm-C1-fn1" id="fm-C1-ref1">[1]</a></sup></p>',
    );
  });

  test('wraps a table in a box that scrolls sideways', () => {
    expect(renderForumBlock('<table><tbody><tr><td>a</td></tr></tbody></table>', 'a')).toBe(
      '<div class="table-scroll" tabindex="0"><table><tbody><tr><td>a</td></tr></tbody></table></div>',
    );
  });

  test('lays decorations over the text, across element boundaries, but never inside links, code or formulas', () => {
    const html =
      '<p>the <em>mesa objective</em> and <a href="https://x.example/">mesa link</a> and <code>mesa</code> <span class="math-tex">\\(mesa\\)</span></p>';
    const text = 'the mesa objective and mesa link and mesa \\(mesa\\)';
    const at = (w: string, from = 0) => text.indexOf(w, from);
    const decorations = [
      { start: at('mesa objective') - 2, end: at('mesa objective') + 4, ...term },
      { start: at('mesa link'), end: at('mesa link') + 4, ...term },
      { start: at('mesa', at('code') + 1), end: at('mesa', at('code') + 1) + 4, ...term },
    ];
    const out = renderForumBlock(html, text, decorations);
    expect(out).toMatch(/^<p>th<a class="term-link" href="\/glossary\/x\/">e <\/a><em><a class="term-link" href="\/glossary\/x\/">mesa<\/a> objective<\/em>/);
    expect(out).toContain('<a href="https://x.example/" rel="noopener noreferrer">mesa link</a>');
    expect(out.match(/term-link/g)).toHaveLength(2);
  });

  test('leaves the text alone when the decorations were computed for other text', () => {
    expect(renderForumBlock('<p>abc</p>', 'xyz', [{ start: 0, end: 2, ...term }])).toBe('<p>abc</p>');
  });

  test('puts an inner element inside the wrapper (a quotation inside its link)', () => {
    const d = decorationsFromPieces([
      { text: 'he said ' },
      { text: 'yes', element: { tagName: 'a', properties: { href: '/x/' }, inner: { tagName: 'q', properties: {} } } },
    ]);
    expect(renderForumBlock('<p>he said yes</p>', 'he said yes', d)).toBe('<p>he said <a href="/x/"><q>yes</q></a></p>');
  });
});

describe('termDecorations', () => {
  test('returns links over the glossary segments, with the markup TermText gives', () => {
    const d = termDecorations([
      { kind: 'text', text: 'a ' },
      { kind: 'term', text: 'myopic', slug: 'myopia' },
    ]);
    expect(d).toEqual([{ start: 2, end: 8, tagName: 'a', properties: { className: ['term-link'], href: '/glossary/myopia/', dataTerm: 'myopia' } }]);
    expect(renderForumBlock('<p>a myopic</p>', 'a myopic', d)).toBe('<p>a <a class="term-link" href="/glossary/myopia/" data-term="myopia">myopic</a></p>');
  });
});

describe('hasFormula', () => {
  test('returns whether stored HTML holds a formula', () => {
    expect(hasFormula('<p><span class="math-tex">\\(x\\)</span></p>')).toBe(true);
    expect(hasFormula('<p>\\(x\\)</p>')).toBe(false);
  });
});
