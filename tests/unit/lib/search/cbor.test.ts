import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { CborCursor, CborError, CborMap, CborSpan, CborSplice, decodeCbor, encodeCbor, type CborValue } from '../../../../src/lib/search/cbor.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => Uint8Array.from(Buffer.from(h.replace(/\s+/g, ''), 'hex'));

// Values of the kinds the codec supports, nested a few levels, for round-trip properties.
const value: fc.Arbitrary<CborValue> = fc.letrec<{ v: CborValue }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.maxSafeInteger(),
    fc.string({ unit: 'grapheme' }),
    fc.boolean(),
    fc.constant(null),
    fc.uint8Array({ maxLength: 8 }),
    fc.array(tie('v'), { maxLength: 4 }),
  ),
})).v;

describe('encodeCbor', () => {
  test('returns the shortest head for each integer width, as RFC 8949 appendix A lists them', () => {
    const cases: [number, string][] = [
      [0, '00'],
      [23, '17'],
      [24, '1818'],
      [255, '18ff'],
      [256, '190100'],
      [65535, '19ffff'],
      [65536, '1a00010000'],
      [4294967296, '1b0000000100000000'],
      [-1, '20'],
      [-25, '3818'],
      [-1000, '3903e7'],
    ];
    for (const [n, h] of cases) expect(hex(encodeCbor(n)), String(n)).toBe(h);
  });

  test('returns text as UTF-8 with its byte length, and arrays and maps with their counts', () => {
    expect(hex(encodeCbor('ü'))).toBe('62c3bc');
    expect(hex(encodeCbor(['a', [1, 2]]))).toBe('82616182' + '0102');
    expect(hex(encodeCbor(new CborMap([['a', 1]])))).toBe('a1616101');
    expect(hex(encodeCbor([false, true, null, undefined]))).toBe('84f4f5f6f7');
  });

  test('throws on numbers Pagefind never writes', () => {
    expect(() => encodeCbor(1.5)).toThrow(/only integers/);
    expect(() => encodeCbor(2 ** 60)).toThrow(CborError);
  });
});

describe('decodeCbor', () => {
  test('returns what was encoded, for any supported value', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(decodeCbor(encodeCbor(v))).toEqual(v);
      }),
    );
  });

  test('returns bytes that re-encode to the same bytes (canonical input stays canonical)', () => {
    fc.assert(
      fc.property(value, (v) => {
        const once = encodeCbor(v);
        expect(hex(encodeCbor(decodeCbor(once)))).toBe(hex(once));
      }),
    );
  });

  test('returns the layout of a Pagefind word chunk: [[word, [[page, positions, []]], []]]', () => {
    // One word, "wt", on page 32 at a weight marker (-25) and positions 946 and 17.
    expect(decodeCbor(bytes('81 81 83 62 77 74 81 83 18 20 83 38 18 19 03 b2 11 80 80'))).toEqual([[['wt', [[32, [-25, 946, 17], []]], []]]]);
  });

  test('throws naming the offset when the bytes end early or run on', () => {
    expect(() => decodeCbor(bytes('82 01 19 02'))).toThrow('CBOR ends early: wanted 2 more byte(s) at offset 3 of 4');
    expect(() => decodeCbor(bytes('83 01 02'))).toThrow('CBOR array at offset 0 claims 3 items but only 2 byte(s) remain');
    expect(() => decodeCbor(bytes('9a ff ff ff ff 00'))).toThrow('CBOR array at offset 0 claims 4294967295 items but only 1 byte(s) remain');
    expect(() => decodeCbor(bytes('a2 01 02'))).toThrow('CBOR map at offset 0 claims 2 entries but only 2 byte(s) remain');
    expect(() => decodeCbor(bytes('01 02'))).toThrow('CBOR has 1 byte(s) left over after the item ending at offset 1');
  });

  test('throws naming the construct for CBOR outside Pagefind’s subset', () => {
    expect(() => decodeCbor(bytes('9f ff'))).toThrow('CBOR head at offset 0 uses an indefinite length, which Pagefind never writes');
    expect(() => decodeCbor(bytes('c1 00'))).toThrow('CBOR tag at offset 0');
    expect(() => decodeCbor(bytes('f9 3c 00'))).toThrow('CBOR float at offset 0');
    expect(() => decodeCbor(bytes('62 c3 28'))).toThrow('CBOR text at offset 0 is not valid UTF-8');
    expect(() => decodeCbor(bytes('1b 00 20 00 00 00 00 00 00'))).toThrow('beyond 2^53');
  });
});

describe('CborCursor.skip', () => {
  test('passes over exactly the bytes of one item, whatever it is', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const first = encodeCbor(a);
        const both = new Uint8Array([...first, ...encodeCbor(b)]);
        const cursor = new CborCursor(both);
        cursor.skip();
        expect(cursor.at).toBe(first.length);
        expect(cursor.item()).toEqual(b);
        expect(cursor.at).toBe(both.length);
      }),
    );
  });

  test('refuses what item refuses: a short file, a tag, a float', () => {
    for (const h of ['82 01 19 02', 'c0 01', 'fb 00 00 00 00 00 00 00 00']) {
      expect(() => new CborCursor(bytes(h)).skip(), h).toThrow(CborError);
    }
  });
});

describe('encodeCbor of a CborSplice', () => {
  test('writes the array head, then each value encoded and each span copied as it is', () => {
    const source = encodeCbor([7, [1, 2, 3], 'x']);
    // Copy "[1, 2, 3]" and "x" from the source around a new value.
    const inner = new CborCursor(source, 1);
    inner.skip();
    const from = inner.at;
    inner.skip();
    inner.skip();
    const spliced = new CborSplice(3, [500, new CborSpan(source, from, inner.at)]);
    expect(hex(encodeCbor(spliced))).toBe(hex(encodeCbor([500, [1, 2, 3], 'x'])));
  });

  test('may replace a value inside an item: a page entry’s step between its head and the rest', () => {
    const entry = encodeCbor([[3, [10, 11], []]]);
    // 81 (list) 83 (entry) 03 (step) …: keep the two heads, write a new step, copy the rest.
    const spliced = new CborSplice(1, [new CborSpan(entry, 1, 2), 300, new CborSpan(entry, 3, entry.length)]);
    expect(decodeCbor(encodeCbor(spliced))).toEqual([[300, [10, 11], []]]);
  });
});
