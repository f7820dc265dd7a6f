import { describe, expect, test } from 'vitest';
import { convertForumHtml, type ForumBlock, type ForumHeading } from '../../../../src/lib/forum/html.ts';
import { KEPT_ELEMENTS, STRIPPED_ELEMENTS } from '../../../../src/lib/forum/sanitize.ts';

const LW = 'https://www.lesswrong.com';
const inline = (html: string, scope = 'C1') => convertForumHtml(html, { scope, origin: LW, headings: 'inline' });
const blocks = (html: string) => inline(html).filter((b): b is ForumBlock => b.kind === 'block');
const htmlOf = (html: string) =>
  blocks(html)
    .map((b) => b.html)
    .join('');

describe('convertForumHtml', () => {
  test('returns one block per paragraph, list, table and code block, with its text', () => {
    const out = blocks('<p>One <em>two</em></p><ul><li>a</li><li>b <strong>c</strong></li></ul><pre><code>x  =  1\n  y</code></pre>');
    expect(out).toEqual([
      { kind: 'block', html: '<p>One <em>two</em></p>', text: 'One two', quote: false },
      { kind: 'block', html: '<ul><li>a</li><li>b <strong>c</strong></li></ul>', text: 'a\nb c', quote: false },
      { kind: 'block', html: '<pre><code>x  =  1\n  y</code></pre>', text: 'x  =  1\n  y', quote: false },
    ]);
  });

  test('marks the blocks of a blockquote as quotation, wrapping loose text in a paragraph', () => {
    expect(blocks('<blockquote><p>quoted one</p>loose words</blockquote><p>mine</p>')).toEqual([
      { kind: 'block', html: '<p>quoted one</p>', text: 'quoted one', quote: true },
      { kind: 'block', html: '<p>loose words</p>', text: 'loose words', quote: true },
      { kind: 'block', html: '<p>mine</p>', text: 'mine', quote: false },
    ]);
  });

  test('collapses the source whitespace as a browser shows it, and drops paragraphs that show nothing', () => {
    expect(blocks('<p>\n  Hello   <em> big </em>\n world  </p><p> &nbsp; </p><p></p><p>a\u00a0 b</p>').map((b) => b.text)).toEqual([
      'Hello big world',
      'a\u00a0 b',
    ]);
  });

  test('returns top-level headings of a post as headings, and demotes a comment’s so the highest is an h4', () => {
    const post = convertForumHtml('<h1>Top</h1><p>x</p><h3>Low</h3>', { scope: 'P', origin: LW, headings: 'sections' });
    expect(post.filter((p): p is ForumHeading => p.kind === 'heading')).toEqual([
      { kind: 'heading', level: 1, text: 'Top' },
      { kind: 'heading', level: 3, text: 'Low' },
    ]);
    expect(htmlOf('<h2>A</h2><h3>B</h3><h6>C</h6>')).toBe('<h4>A</h4><h5>B</h5><h6>C</h6>');
  });

  test('turns images and embeds into links to their address, never loading them', () => {
    expect(
      htmlOf(
        '<p><img src="https://img.example/a.png" alt="A graph"> <img src="data:image/png;base64,xx"></p><iframe src="https://www.youtube.com/embed/abc"></iframe>',
      ),
    ).toBe(
      '<p><a href="https://img.example/a.png" rel="noopener noreferrer">[image: A graph]</a> [image]</p><p><a href="https://www.youtube.com/embed/abc" rel="noopener noreferrer">[embedded content: www.youtube.com]</a></p>',
    );
  });

  test('makes the forum’s relative links absolute, keeps http(s) links and drops every other scheme', () => {
    expect(
      htmlOf(
        '<p><a href="/posts/x/y">rel</a> <a href="//cdn.example/z">proto</a> <a href="mailto:a@b.c">mail</a> <a href="javascript:alert(1)">js</a> <a href="https://ok.example/">ok</a></p>',
      ),
    ).toBe(
      '<p><a href="https://www.lesswrong.com/posts/x/y" rel="noopener noreferrer">rel</a> <a href="https://cdn.example/z" rel="noopener noreferrer">proto</a> mail js <a href="https://ok.example/" rel="noopener noreferrer">ok</a></p>',
    );
  });

  test('keeps footnotes working with ids scoped to the comment, and unlinks fragments whose target is gone', () => {
    const html =
      '<p>Text<span class="footnote-reference" id="fnrefab"><sup><a href="#fnab">[1]</a></sup></span> <a href="#nowhere">lost</a></p>' +
      '<ol class="footnotes"><li class="footnote-item" id="fnab"><span class="footnote-back-link"><sup><strong><a href="#fnrefab">^</a></strong></sup></span><div class="footnote-content"><p>Note</p></div></li></ol>';
    expect(htmlOf(html)).toBe(
      '<p>Text<span id="fm-C1-fnrefab"><sup><a href="#fm-C1-fnab">[1]</a></sup></span> lost</p><ol><li id="fm-C1-fnab"><sup><strong><a href="#fm-C1-fnrefab">^</a></strong></sup><p>Note</p></li></ol>',
    );
  });

  test('drops every element outside the allowlist with its content, and every attribute but the allowed ones', () => {
    const hostile =
      '<p onclick="x()" style="color:red" class="c" title="t">kept</p>' +
      // Void elements hold no text, and the parser itself ignores frames and head in a body.
      STRIPPED_ELEMENTS.filter(
        (t) => !['img', 'iframe', 'hr', 'input', 'source', 'track', 'meta', 'link', 'base', 'embed', 'frame', 'frameset', 'head'].includes(t),
      )
        .map((t) => `<${t}>SECRET-${t}</${t}>`)
        .join('');
    const out = htmlOf(hostile);
    expect(out).toBe('<p>kept</p>');
  });

  test('keeps every allowlisted element (in a context where the parser allows it; headings and blockquotes are tested above)', () => {
    const html =
      '<h2>h</h2><p>a<br>b <em>e</em><i>i</i><strong>s</strong><b>b</b><u>u</u><s>s</s><del>d</del><ins>n</ins><sub>1</sub><sup>2</sup><code>c</code><kbd>k</kbd><a href="https://x.example/">l</a><span class="math-tex">\\(x\\)</span></p>' +
      '<ul><li>u</li></ul><ol start="3"><li>o</li></ol><dl><dt>t</dt><dd>d</dd></dl><blockquote><p>q</p></blockquote><pre>p</pre>' +
      '<table><caption>c</caption><thead><tr><th scope="col">h</th></tr></thead><tbody><tr><td colspan="2">d</td></tr></tbody><tfoot><tr><td>f</td></tr></tfoot></table>';
    const out = inline(html)
      .map((b) => (b.kind === 'block' ? b.html : ''))
      .join('');
    for (const tag of KEPT_ELEMENTS.filter((t) => !/^h\d$|^blockquote$/.test(t))) expect(out, tag).toContain(`<${tag}`);
  });

  test('keeps text that looks like MDX or markup as text', () => {
    const [b] = blocks('<p>{props.x} &lt;script&gt;alert(1)&lt;/script&gt; import a from "b"</p>');
    expect(b?.text).toBe('{props.x} <script>alert(1)</script> import a from "b"');
    expect(b?.html).toBe('<p>{props.x} &#x3C;script>alert(1)&#x3C;/script> import a from "b"</p>');
  });
});
