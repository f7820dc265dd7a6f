import { parse } from 'node-html-parser';
import { describe, expect, test } from 'vitest';
import { inlineCode } from '../../../../src/lib/security/csp.ts';
import { plainDeclarations, styleAttributesToClasses } from '../../../../src/lib/security/style-classes.ts';

const page = (body: string, head = '<title>t</title>'): string => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;

/** The rules of the <style> the step adds, by selector. */
function rules(html: string): Record<string, string> {
  const css = inlineCode(html).styles.at(-1) ?? '';
  return Object.fromEntries([...css.matchAll(/\.([\w-]+)\{([^}]*)\}/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

describe('plainDeclarations', () => {
  test.each([
    ['height:0.8889em;vertical-align:-0.1944em;', ['height:0.8889em', 'vertical-align:-0.1944em']],
    [' Top : -2.55em ', ['top:-2.55em']],
    ['border-bottom-width:0.04em;', ['border-bottom-width:0.04em']],
    ['color:rgb(1, 2, 3);margin:0 auto', ['color:rgb(1, 2, 3)', 'margin:0 auto']],
  ])('returns the declarations of %j', (value, expected) => {
    expect(plainDeclarations(value)).toEqual(expected);
  });

  test.each([
    ['font-family:"KaTeX_Main"'],
    ["background:url('x.png')"],
    ['background:url(//evil.example/x)'],
    ['color:red!important'],
    ['color:red}</style><script>'],
    ['a:b\\;c'],
    [';;'],
    ['height'],
  ])('returns null for %j, which keeps its attribute', (value) => {
    expect(plainDeclarations(value)).toBeNull();
  });
});

describe('styleAttributesToClasses', () => {
  test('moves each distinct value to one class, reused, and the page keeps no style attribute', () => {
    const html = page('<span class="strut" style="height:1em;"></span><span style="top:-2em;">a</span><b style="height:1em;">b</b>');
    const out = styleAttributesToClasses(html);
    expect(inlineCode(out).styleAttributes).toEqual([]);
    const root = parse(out);
    expect(root.querySelectorAll('span').map((e) => e.getAttribute('class'))).toEqual(['strut sa-0', 'sa-1']);
    expect(root.querySelector('b')?.getAttribute('class')).toBe('sa-0');
    expect(rules(out)).toEqual({ 'sa-0': 'height:1em!important', 'sa-1': 'top:-2em!important' });
  });

  test('puts the rules at the end of the head, after what was there', () => {
    const out = styleAttributesToClasses(page('<i style="top:1em">x</i>', '<title>t</title><style>.a{}</style>'));
    expect(out).toMatch(/<style>\.a\{\}<\/style><style>\.sa-0\{top:1em!important\}<\/style>\n<\/head>/);
  });

  test('puts the rules just before KaTeX’s stylesheet where the page placed that in its body', () => {
    const out = styleAttributesToClasses(page('<p>intro</p><style data-katex>.katex{}</style><i style="top:1em">x</i>'));
    expect(out).toContain('<p>intro</p><style>.sa-0{top:1em!important}</style>\n<style data-katex>.katex{}</style><i class="sa-0">x</i>');
    expect(out).toContain('<title>t</title></head>');
  });

  test('leaves the text, other attributes and the order of the markup as they were', () => {
    const body = '<p id="x" title="a &gt; b">text style="height:1em" <span data-k="v" style="width:2em" class="c">y</span></p>';
    const out = styleAttributesToClasses(page(body));
    expect(parse(out).querySelector('body')?.innerHTML).toBe('<p id="x" title="a &gt; b">text style="height:1em" <span data-k="v" class="c sa-0">y</span></p>');
  });

  test('keeps a class written with single quotes or none, and decodes nothing it copies', () => {
    const out = styleAttributesToClasses(page(`<a class='q "r"' style="left:1em">x</a><a class=bare style="left:1em">y</a>`));
    const links = parse(out).querySelectorAll('a');
    expect(links.map((a) => a.getAttribute('class'))).toEqual(['q "r" sa-0', 'bare sa-0']);
  });

  test('leaves alone values it does not move, tags with two style or class attributes, and code in scripts', () => {
    const body =
      '<i style="font-family:&quot;KaTeX&quot;">a</i><i style="top:1em" style="top:2em">b</i><i class="a" class="b" style="top:1em">c</i>' +
      '<script>document.write(\'<i style="top:3em">\')</script>';
    const html = page(body);
    expect(styleAttributesToClasses(html)).toBe(html);
  });

  test('returns a page without </head> unchanged, and one without style attributes untouched', () => {
    const headless = '<!doctype html><p style="top:1em">x</p>';
    expect(styleAttributesToClasses(headless)).toBe(headless);
    const plain = page('<p class="x">no styles</p>');
    expect(styleAttributesToClasses(plain)).toBe(plain);
  });

  test('finds the head’s real end, not one written inside a script in the head', () => {
    const out = styleAttributesToClasses(page('<i style="top:1em">x</i>', '<script>var s = "</head>";</script>'));
    expect(out).toContain('<script>var s = "</head>";</script><style>.sa-0{top:1em!important}</style>\n</head>');
  });
});
