import { describe, expect, test } from 'vitest';
import { isAnchor, isSlug, nodeId, splitNodeId, urlOf } from '../../../../src/lib/links/anchors.ts';
import {
  bodyLineOffset,
  checkRefs,
  findRefs,
  formatRefError,
  headingBefore,
  mdxInlineText,
  parseRefTarget,
  resolveRef,
  type KnownAnchors,
} from '../../../../src/lib/links/refs.ts';

const known: KnownAnchors = new Map([
  ['essays/bar', new Set(['summary', 'definition'])],
  ['threads/p1', new Set(['c-abc123'])],
  ['people/davidw', new Set<string>()],
]);

describe('parseRefTarget', () => {
  test('returns collection, slug and anchor when the target is well formed', () => {
    expect(parseRefTarget('essays/bar#summary')).toEqual({ ok: true, target: { collection: 'essays', slug: 'bar', anchor: 'summary' } });
    expect(parseRefTarget('threads/p1#c-abc123')).toEqual({ ok: true, target: { collection: 'threads', slug: 'p1', anchor: 'c-abc123' } });
    expect(parseRefTarget('people/davidw')).toEqual({ ok: true, target: { collection: 'people', slug: 'davidw' } });
    expect(parseRefTarget('arguments/counting-argument')).toMatchObject({ ok: true });
    expect(parseRefTarget('glossary/situational-awareness')).toMatchObject({ ok: true });
  });

  test.each([
    ['', 'empty reference target'],
    [' essays/bar', 'reference " essays/bar" has spaces around it'],
    ['essays', 'reference "essays" must look like "<collection>/<slug>" or "<collection>/<slug>#<anchor>"'],
    ['/essays/bar', 'reference "/essays/bar" must look like "<collection>/<slug>" or "<collection>/<slug>#<anchor>"'],
    ['essays/bar/', 'reference "essays/bar/" must look like "<collection>/<slug>" or "<collection>/<slug>#<anchor>"'],
    ['#summary', 'reference "#summary" must look like "<collection>/<slug>" or "<collection>/<slug>#<anchor>"'],
    ['posts/bar', 'unknown collection "posts" in "posts/bar" (expected essays, threads, people, arguments, glossary)'],
    ['essays/Bar', 'invalid slug "Bar" in "essays/Bar": must be lower-case words joined by hyphens'],
    ['essays/bar_baz', 'invalid slug "bar_baz" in "essays/bar_baz": must be lower-case words joined by hyphens'],
    ['essays/bar#', 'empty anchor in "essays/bar#"'],
    ['essays/bar#1st', 'invalid anchor "#1st" in "essays/bar#1st": must start with a letter and use only letters, digits, "-" and "_"'],
    ['essays/bar#a b', 'invalid anchor "#a b" in "essays/bar#a b": must start with a letter and use only letters, digits, "-" and "_"'],
  ])('returns an error when the target is %j', (to, error) => {
    expect(parseRefTarget(to)).toEqual({ ok: false, error });
  });
});

describe('resolveRef', () => {
  test('returns the page URL with the anchor when both are known', () => {
    expect(resolveRef('essays/bar#summary', known)).toEqual({ ok: true, url: '/essays/bar/#summary', node: 'essays/bar#summary' });
    expect(resolveRef('people/davidw', known)).toEqual({ ok: true, url: '/people/davidw/', node: 'people/davidw' });
  });
  test('returns the same result when given a parsed target', () => {
    const parsed = parseRefTarget('threads/p1#c-abc123');
    if (!parsed.ok) throw new Error(parsed.error);
    expect(resolveRef(parsed.target, known)).toEqual({ ok: true, url: '/threads/p1/#c-abc123', node: 'threads/p1#c-abc123' });
  });
  test('returns an error naming the anchor when the anchor is unknown', () => {
    expect(resolveRef('essays/bar#foo', known)).toEqual({ ok: false, error: 'unknown anchor "#foo" on essays/bar' });
  });
  test('returns an error naming the page when the page is unknown', () => {
    expect(resolveRef('essays/nope#summary', known)).toEqual({ ok: false, error: 'unknown page "essays/nope"' });
  });
  test('returns the parse error when the target is malformed', () => {
    expect(resolveRef('essays/Bar', known)).toEqual({ ok: false, error: 'invalid slug "Bar" in "essays/Bar": must be lower-case words joined by hyphens' });
  });
});

describe('formatRefError', () => {
  test('returns file, line, column and message in the editor form', () => {
    expect(formatRefError('content/claims/x.mdx', 12, 5, 'unknown anchor "#foo" on essays/bar')).toBe(
      'content/claims/x.mdx:12:5: unknown anchor "#foo" on essays/bar',
    );
  });
});

describe('findRefs', () => {
  test('returns each tag with its 1-based line and column, label and sentence', () => {
    const src = [
      '---',
      'title: x',
      '---',
      '',
      'Intro line.',
      'The post argues <Ref to="essays/bar#summary">that it is rare</Ref> here. Next one.',
      '',
      "  See <Ref to='people/davidw' />.",
    ].join('\n');
    expect(findRefs(src)).toMatchInlineSnapshot(`
      [
        {
          "column": 17,
          "label": "that it is rare",
          "line": 6,
          "sentence": "The post argues that it is rare here.",
          "to": "essays/bar#summary",
        },
        {
          "column": 7,
          "label": "",
          "line": 8,
          "sentence": "See .",
          "to": "people/davidw",
        },
      ]
    `);
  });
  test('returns nothing for tags inside fenced code, inline code and comments', () => {
    const src = [
      '```mdx',
      '<Ref to="essays/x#in-fence">a</Ref>',
      '```',
      '~~~~',
      '<Ref to="essays/x#in-tilde">a</Ref>',
      '```',
      '~~~~',
      'Use `<Ref to="essays/x#inline">` or ``<Ref to="essays/x#double">`` in text.',
      '<!-- <Ref to="essays/x#html-comment">a</Ref> -->',
      '{/* <Ref to="essays/x#jsx-comment">a</Ref> */}',
      'But <Ref to="essays/x#real">this</Ref> counts.',
    ].join('\n');
    expect(findRefs(src).map((r) => `${r.line}:${r.column}:${r.to}`)).toEqual(['11:5:essays/x#real']);
  });
  test('returns a tag when a lone backtick leaves no code span', () => {
    expect(findRefs('A ` stray tick and <Ref to="essays/x">y</Ref>.').map((r) => r.to)).toEqual(['essays/x']);
  });
  test('returns tags that span lines and use a literal in braces', () => {
    const refs = findRefs('Text <Ref\n  class="x"\n  to={"threads/p1#c-abc123"}\n>the reply</Ref>.');
    expect(refs.map((r) => [r.line, r.column, r.to, r.label])).toEqual([[1, 6, 'threads/p1#c-abc123', 'the reply']]);
  });
  test('returns an error when the target is missing or not a literal', () => {
    const refs = findRefs('<Ref>no target</Ref> and <Ref to={target}>expr</Ref>');
    expect(refs.map((r) => [r.to, r.error])).toEqual([
      [null, 'missing to="…" on <Ref>'],
      [null, 'the "to" of <Ref> must be a literal string, not {target}'],
    ]);
  });
  test('returns the citing sentence as a reader sees it: JSX strings as their text, no MDX syntax', () => {
    const src = [
      'Earlier text. Quintin Pope makes *a similar* point, <Ref to="threads/t#c-q">{"“long term goals are hard. They won\'t form”"}</Ref>,',
      'he adds {\'“short\'} horizons{"”"} and **more** &lt;1%. Next.',
    ].join('\n');
    const [ref] = findRefs(src);
    expect(ref?.label).toBe("“long term goals are hard. They won't form”");
    expect(ref?.sentence).toBe("Quintin Pope makes a similar point, “long term goals are hard. They won't form”, he adds “short horizons” and more <1%.");
  });
  test('returns nothing for other components whose name starts with Ref', () => {
    expect(findRefs('<RefPreview to="essays/x" /> <Reference to="essays/y" />')).toEqual([]);
  });
});

describe('checkRefs', () => {
  test('returns formatted errors for unknown targets and resolved URLs for known ones', () => {
    const src = 'Line one.\n\nSee <Ref to="essays/bar#summary">this</Ref> and\n    <Ref to="essays/bar#foo">that</Ref>.';
    const { refs, errors } = checkRefs('content/claims/x.mdx', src, known);
    expect(refs.map((r) => r.url)).toEqual(['/essays/bar/#summary', null]);
    expect(errors).toEqual(['content/claims/x.mdx:4:5: unknown anchor "#foo" on essays/bar']);
  });
});

describe('isSlug', () => {
  test.each([
    ['deceptive-alignment', true],
    ['p1', true],
    ['Deceptive', false],
    ['a--b', false],
    ['-a', false],
    ['a_b', false],
    ['', false],
  ])('returns %s → %s', (s, ok) => {
    expect(isSlug(s)).toBe(ok);
  });
});

describe('isAnchor', () => {
  test.each([
    ['c-PHYDa4jyhchREs2kA', true],
    ['summary', true],
    ['Foundational_properties', true],
    ['1st', false],
    ['-x', false],
    ['a b', false],
    ['', false],
  ])('returns %s → %s', (s, ok) => {
    expect(isAnchor(s)).toBe(ok);
  });
});

describe('splitNodeId', () => {
  test('returns page and anchor, and a null anchor for a page', () => {
    expect(splitNodeId(nodeId('essays/x', 'summary'))).toEqual({ page: 'essays/x', anchor: 'summary' });
    expect(splitNodeId(nodeId('people/davidw'))).toEqual({ page: 'people/davidw', anchor: null });
  });
});

describe('urlOf', () => {
  test('returns the trailing-slash page URL with the anchor after it', () => {
    expect(urlOf('threads/p1#c-abc')).toBe('/threads/p1/#c-abc');
    expect(urlOf('glossary/mesa-optimizer')).toBe('/glossary/mesa-optimizer/');
  });
});

describe('headingBefore', () => {
  const src = [
    'Intro with <Ref to="x/y">a ref</Ref>.',
    '',
    '## The question',
    'Text.',
    '',
    '```md',
    '## Not a heading',
    '```',
    'More.',
    '### A *sub* part ##',
    'Deep.',
  ].join('\n');
  test('returns null for a line above every heading', () => {
    expect(headingBefore(src, 1)).toBeNull();
  });
  test('returns the nearest heading at or above the line', () => {
    expect(headingBefore(src, 3)).toBe('The question');
    expect(headingBefore(src, 4)).toBe('The question');
  });
  test('returns no heading from inside a fenced code block', () => {
    expect(headingBefore(src, 9)).toBe('The question');
  });
  test('returns an h3 without its closing hashes', () => {
    expect(headingBefore(src, 11)).toBe('A *sub* part');
  });
});

describe('bodyLineOffset and checkRefs line numbers', () => {
  const file = '---\ntitle: X\nsources: []\n---\n\nSome text.\n\nSee <Ref to="essays/nope#gone">this</Ref>.\n';
  const body = file.slice(file.indexOf('---\n', 4) + 4);

  test('counts the frontmatter lines that come before the body', () => {
    expect(bodyLineOffset(file, body)).toBe(4);
    expect(bodyLineOffset(file, '')).toBe(0);
    expect(bodyLineOffset(file, 'not in the file')).toBe(0);
  });

  test('an error in the body is reported at its line in the whole file', () => {
    const { errors } = checkRefs('content/claims/x.mdx', body, known, bodyLineOffset(file, body));
    const fileLine = file.split('\n').findIndex((l) => l.includes('<Ref')) + 1;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(new RegExp(`^content/claims/x\\.mdx:${fileLine}:`));
  });
});

describe('mdxInlineText', () => {
  test('returns the text of JSX string expressions in double, single and back quotes', () => {
    expect(mdxInlineText("a {\"“quoted”\"} b {'it\\'s'} c {`plain`} d")).toBe("a “quoted” b it's c plain d");
  });
  test('returns nothing for other expressions and comments', () => {
    expect(mdxInlineText('a {/* note */} b {value} c {`x ${y}`} d')).toBe('a b c d');
  });
  test('returns a string literal as written, even when it looks like Markdown or holds braces', () => {
    expect(mdxInlineText('{"*not emphasis* {braces} &lt;"}')).toBe('*not emphasis* {braces} &lt;');
  });
  test('returns text without tags, links, emphasis, strikethrough, code marks or escapes', () => {
    expect(mdxInlineText('<Ref to="x">the *essay*</Ref> says **so**, _really_ ~~not~~ [here](https://x.org) `a*b` \\*star\\* snake_case_name')).toBe(
      'the essay says so, really not here a*b *star* snake_case_name',
    );
  });
  test('returns named and numeric entities decoded', () => {
    expect(mdxInlineText('&lt;1% &amp; &#8220;x&#x201D; &unknown;')).toBe('<1% & “x” &unknown;');
  });
});
