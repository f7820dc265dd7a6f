import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import jsYaml from 'js-yaml';
import { parse as yamlParse } from 'yaml';
import { toYaml, yamlString } from '../../../../src/lib/text/yaml.ts';

const HOSTILE: [string, string][] = [
  ['empty', ''],
  ['braces', '{} {props.x} }{'],
  ['script tag', '<script>alert(1)</script>'],
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['import at line start', "import x from 'y'"],
  ['export at line start', 'export const a = 1'],
  ['javascript link', '[click](javascript:alert(1))'],
  ['backticks and fences', '```js\nconst `a` = 1\n```'],
  ['maths', '$x^2$ and $$E=mc^2$$'],
  ['fence lines', '---\n+++\n...'],
  ['mdx comment', '{/* */}'],
  ['entities', '&amp; &lt; &#60;'],
  ['yaml syntax', 'key: value # c &a *b !t %YAML - [x] {y} | > \' " \\'],
  ['escape-like text', '\\n \\u0041 \\x41 \\"'],
  ['leading and trailing spaces', '  spaced  '],
  ['NUL and C0 controls', 'a\u0000b\u0001c\u0007d\u0008e\u000bf\u000cg\u001bh\u001f'],
  ['tab, CR, LF', 'a\tb\rc\nd\r\n'],
  ['DEL and C1 controls', 'a\u007fb\u0080c\u0085d\u009f'],
  ['BOM and non-characters', '\ufeffa\ufffeb\uffff'],
  ['line and paragraph separators', 'a\u2028b\u2029c'],
  ['bidi controls', 'a\u202eevil\u202c\u2066x\u2069\u200e\u200f'],
  ['zero-width', 'a\u200bb\u200cc\u200dd\u2060e'],
  ['emoji and combining', '👩\u200d👩\u200d👧 🚀 e\u0301 Z\u0324\u0308'],
  ['RTL text', 'שלום مرحبا'],
  ['lone high surrogate', 'a\ud800b'],
  ['lone low surrogate', 'a\udc00b'],
  ['reversed pair', '\udc00\ud800'],
  ['long word', 'x'.repeat(5000)],
];

describe('yamlString', () => {
  test.each(HOSTILE)('round-trips %s through js-yaml and yaml', (_name, s) => {
    const encoded = yamlString(s);
    expect(encoded).not.toMatch(/[\n\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/);
    expect(jsYaml.load(`k: ${encoded}`)).toEqual({ k: s });
    expect(yamlParse(`k: ${encoded}`)).toEqual({ k: s });
  });

  test('returns JSON escaping for plain text', () => {
    expect(yamlString('say "hi" \\ there')).toBe('"say \\"hi\\" \\\\ there"');
  });

  test('escapes the characters JSON leaves alone but YAML forbids', () => {
    expect(yamlString('\u0085\u2028\ufeff')).toBe('"\\u0085\\u2028\\ufeff"');
  });

  test('round-trips any UTF-16 string, lone surrogates included', () => {
    const unit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (s) => {
        expect(jsYaml.load(`k: ${yamlString(s)}`)).toEqual({ k: s });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('toYaml', () => {
  test('writes nested data that js-yaml reads back unchanged', () => {
    const data = {
      type: 'thread',
      n: -3,
      ok: true,
      nothing: null,
      empty: [],
      lines: [4, 32],
      author: { name: '---', status: 'recorded' },
      long: { a: 'x'.repeat(120), b: 1 },
      list: [{ text: '+++ {x}', line: 1 }, { nested: { deep: ['a', { b: '\u2028' }] } }],
      'odd key': 'v',
    };
    expect(jsYaml.load(toYaml(data))).toEqual(data);
  });

  test('skips undefined members', () => {
    expect(toYaml({ a: 1, b: undefined })).toBe('a: 1\n');
  });

  test('never starts a line with a frontmatter fence', () => {
    const out = toYaml({ list: [{ text: '---' }, { a: { b: ['+++'] } }], s: '---\n---' });
    for (const l of out.split('\n')) expect(l).not.toMatch(/^(---|\+\+\+)/);
  });

  test('writes short scalar-only mappings on one line and long ones as blocks', () => {
    expect(toYaml({ a: { x: 1 }, b: { y: 'z'.repeat(100) } })).toBe(`a: { x: 1 }\nb:\n  y: "${'z'.repeat(100)}"\n`);
  });
});
