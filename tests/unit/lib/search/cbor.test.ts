import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { CborError, CborInts, CborMap, decodeCbor, encodeCbor, type CborValue } from '../../../../src/lib/search/cbor.ts';

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

/** `v` with every CborInts replaced by its integers, to compare with a plain decode. */
function unpacked(v: CborValue): CborValue {
  if (v instanceof CborInts) return v.values();
  if (Array.isArray(v)) return v.map(unpacked);
  if (v instanceof CborMap) return new CborMap(v.entries.map(([k, x]) => [unpacked(k), unpacked(x)]));
  return v;
}

/** Counts the CborInts in a decoded value. */
function packedCount(v: CborValue): number {
  if (v instanceof CborInts) return 1;
  if (Array.isArray(v)) return v.reduce<number>((n, x) => n + packedCount(x), 0);
  return 0;
}

describe('decodeCbor with packIntArrays', () => {
  // Integers of every head width an index uses, and a few beyond, signed both ways.
  const int = fc.oneof(
    fc.integer({ min: -30, max: 30 }),
    fc.integer({ min: -70_000, max: 70_000 }),
    fc.integer({ min: -(2 ** 32), max: 2 ** 32 }),
    fc.maxSafeInteger(),
  );
  const withInts: fc.Arbitrary<CborValue> = fc.letrec<{ v: CborValue }>((tie) => ({
    v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, int, fc.string(), fc.array(int, { maxLength: 6 }), fc.array(tie('v'), { maxLength: 4 })),
  })).v;

  test('returns the same values as a plain decode, and re-encodes to the same bytes', () => {
    fc.assert(
      fc.property(withInts, (v) => {
        const once = encodeCbor(v);
        const packed = decodeCbor(once, { packIntArrays: true });
        expect(unpacked(packed)).toEqual(decodeCbor(once));
        expect(hex(encodeCbor(packed))).toBe(hex(once));
      }),
    );
  });

  test('keeps a word chunk’s position lists encoded, and its lists of lists and empty lists as lists', () => {
    // [[["wt", [[32, [-25, 946, 17], []]], []]]]: one word on one page, three positions, no meta positions.
    const chunk = bytes('81 81 83 62 77 74 81 83 18 20 83 38 18 19 03 b2 11 80 80');
    const packed = decodeCbor(chunk, { packIntArrays: true }) as CborValue[][][];
    const page = (packed[0]![0]![1] as CborValue[])[0] as CborValue[];
    expect(page[1]).toBeInstanceOf(CborInts);
    expect((page[1] as CborInts).values()).toEqual([-25, 946, 17]);
    expect(page[2]).toEqual([]);
    expect(packedCount(packed)).toBe(1);
  });

  test('decodes an array the plain way when one element is not an integer of at most four bytes', () => {
    const mixed = encodeCbor([1, 'a', 2]);
    expect(decodeCbor(mixed, { packIntArrays: true })).toEqual([1, 'a', 2]);
    const wide = encodeCbor([1, 2 ** 40]);
    expect(decodeCbor(wide, { packIntArrays: true })).toEqual([1, 2 ** 40]);
  });

  test('still refuses an array that claims more integers than the bytes hold', () => {
    expect(() => decodeCbor(bytes('83 01 19 02'), { packIntArrays: true })).toThrow(CborError);
  });
});
