import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import jsYaml from 'js-yaml';
import { readFileSync } from 'node:fs';
import { toYaml, type YamlValue } from '../../../../src/lib/text/yaml.ts';
import { readEmittedYaml } from '../../../../src/lib/text/yaml-read.ts';

// The reader only ever answers for text whose meaning it shares with js-yaml (the general parser
// the loader falls back to); everything here compares the two on the same text.

/** js-yaml's reading of `text`, or the error it gives. */
function general(text: string): { value: unknown } | { error: string } {
  try {
    return { value: jsYaml.load(text) };
  } catch (e) {
    return { error: String(e) };
  }
}

/**
 * A value written out with its kinds and member order: plain objects and arrays only (a prototype
 * other than Object's or Array's shows), -0 apart from 0. (Vitest's own equality reads an own
 * `constructor` member as the object's class, which these tests generate on purpose.)
 */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const proto = Object.getPrototypeOf(v) === Object.prototype ? '' : '!proto';
    return `{${proto}${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  if (Object.is(v, -0)) return '-0';
  return `${typeof v}:${JSON.stringify(v)}`;
}

/** Equal as values, kinds and member order (the loader keeps the data as JSON text, so order shows). */
function expectSame(text: string): void {
  const fast = readEmittedYaml(text);
  if (fast === undefined) return;
  const slow = general(text);
  expect(slow).toHaveProperty('value');
  expect(canonical(fast)).toBe(canonical((slow as { value: unknown }).value));
}

// Strings with the characters that matter to either grammar: quotes, escapes, YAML indicators,
// controls, separators, surrogates (lone ones included), non-characters, NEL and the BOM.
const tricky = fc.oneof(
  fc.string({ unit: 'grapheme-composite' }),
  fc.string({
    unit: fc.constantFrom(
      ...'"\\\'#:-,[]{}&*!|>%@` \t\n\r\u0000\u0007\u001b\u007f\u0085\u009f\u00a0\u2028\u2029\u200e\u202e\ufeff\ufffe\uffff\ud800\udc00é𝒳aZ0',
    ),
  }),
  fc.string({ unit: 'binary' }),
);
const keyArb = fc.oneof(
  fc.constantFrom('id', 'text', 'null', 'True', 'FALSE', 'yes', 'on', '__proto__', 'constructor', '_1', 'a_b', 'x9', '1', '-', 'a b', 'é', ''),
  tricky,
);
const scalarArb = fc.oneof(
  tricky,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, -0, 1e21, 1.5e-7, Number.MAX_SAFE_INTEGER + 2, Number('12345678901234567890')),
  fc.boolean(),
  fc.constant(null),
);
const valueArb: fc.Arbitrary<YamlValue> = fc.letrec<{ value: YamlValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalarArb,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(keyArb, tie('value'), { maxKeys: 4 }),
  ),
})).value;
const mappingArb = fc.dictionary(keyArb, valueArb, { minKeys: 1, maxKeys: 6 });

describe('readEmittedYaml', () => {
  test('reads what toYaml writes exactly as js-yaml does, for any value', () => {
    fc.assert(
      fc.property(mappingArb, (o) => {
        expectSame(toYaml(o));
      }),
      { numRuns: 3000 },
    );
  });

  test('answers for the emitter ordinary output rather than leaving all of it to js-yaml', () => {
    // Keys and strings the emitter writes in the common case: the reader must actually take them.
    const plain = fc.dictionary(
      fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/).filter((k) => !/^(null|true|false)$/.test(k)),
      fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 })),
      { minKeys: 1 },
    );
    fc.assert(
      fc.property(plain, (o) => {
        const text = toYaml(o);
        const fast = readEmittedYaml(text);
        expect(fast).toBeDefined();
        expect(canonical(fast)).toBe(canonical(jsYaml.load(text)));
      }),
      { numRuns: 1000 },
    );
  });

  test('never answers differently from js-yaml for text the emitter did not write', () => {
    // Mutations of emitted text (a character dropped, doubled or replaced, a line joined) and
    // arbitrary lines: whatever the reader accepts, js-yaml must read the same way.
    const mutated = fc
      .tuple(mappingArb, fc.nat(), fc.constantFrom(' ', '  ', '\n', '\t', '#', ':', '- ', '"', '\\', ',', '{', '}', '[', ']', '', 'x', '\r', '0', 'e+'))
      .map(([o, at, insert]) => {
        const t = toYaml(o);
        const i = at % (t.length + 1);
        return t.slice(0, i) + insert + t.slice(i + (at % 3 === 0 ? 1 : 0));
      });
    const lines = fc.array(
      fc.oneof(
        fc.constantFrom(
          'a: 1',
          'a:',
          '  b: 2',
          '- 1',
          '  - 1',
          '-',
          '  -',
          'a: [1, 2]',
          'a: { b: 1 }',
          'a: {b: 1}',
          'a: "x"',
          'a: x',
          'a: 01',
          'a: 1_0',
          'a: .5',
          'a: +1',
          'a: 1e3',
          'a: 1e+400',
          'a: ~',
          'a: Null',
          '"a": 1',
          'a: "\\x41"',
          'a: "\\/"',
          '  - a: 1',
          '    b: 2',
          'a: [',
          'a: ""',
        ),
        fc.string(),
      ),
      { maxLength: 6 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          mutated,
          lines.map((ls) => ls.join('\n')),
        ),
        (text) => {
          expectSame(text);
        },
      ),
      { numRuns: 4000 },
    );
  });

  test.each([
    ['a key written twice (js-yaml refuses it)', 'a: 1\na: 2\n'],
    ['a key with no value (YAML null)', 'a:\nb: 1\n'],
    ['a comment', 'a: 1 # note\n'],
    ['a plain string', 'a: hello\n'],
    ['a YAML-only escape', 'a: "\\x41"\n'],
    ['a string over two lines', 'a: "one\n  two"\n'],
    ['a tab in the indentation', 'a:\n\t- 1\n'],
    ['a sequence not indented under its key', 'a:\n- 1\n'],
    ['a raw control character', 'a: "x\u0001"\n'],
    ['a DEL, which YAML does not allow raw', 'a: "x\u007f"\n'],
    ['CRLF line ends', 'a: 1\r\nb: 2\r\n'],
    ['an anchor', 'a: &x 1\n'],
    ['a reserved word as key', 'True: 1\n'],
    ['an octal-looking number', 'a: 012\n'],
    ['a number too large for a double (a string to js-yaml)', 'a: 1e400\n'],
    ['a prototype key', '__proto__: { polluted: true }\n'],
    ['the empty text', ''],
  ])('leaves %s to the general parser', (_what, text) => {
    expect(readEmittedYaml(text)).toBeUndefined();
  });

  test('reads an imported thread the same as js-yaml, member order included', () => {
    const file = readFileSync(new URL('../../../../content/threads/scheming-ais.mdx', import.meta.url), 'utf8');
    const front = /^---\n([\s\S]*?)\n---\n/.exec(file)?.[1];
    expect(front).toBeDefined();
    const fast = readEmittedYaml(front ?? '');
    expect(fast).toBeDefined();
    expect(canonical(fast)).toBe(canonical(jsYaml.load(front ?? '')));
  });

  test('leaves deep nesting to js-yaml (which refuses it by name) instead of overflowing the stack', () => {
    const flow = `a: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`;
    let block = '';
    for (let i = 0; i < 5_000; i++) block += `${' '.repeat(2 * i)}k:\n`;
    block += `${' '.repeat(10_000)}k: 1\n`;
    for (const text of [flow, block]) {
      expect(readEmittedYaml(text)).toBeUndefined();
      expect(() => jsYaml.load(text)).toThrow(/maxDepth/);
    }
    // Nesting as deep as anything the importer writes, and well beyond, is still read here.
    const nested = toYaml({ a: { b: { c: { d: { e: [[[1, 'x']]] } } } } });
    expect(canonical(readEmittedYaml(nested))).toBe(canonical(jsYaml.load(nested)));
  });

  test('does not let a key touch the prototype', () => {
    const text = toYaml({ constructor: { prototype: 1 }, toString: 'x', hasOwnProperty: 2 });
    const o = readEmittedYaml(text);
    expect(o).toBeDefined();
    expect(canonical(o)).toBe(canonical(jsYaml.load(text)));
    expect(({} as Record<string, unknown>)['prototype']).toBeUndefined();
  });
});
