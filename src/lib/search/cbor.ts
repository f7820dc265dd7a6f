// The small subset of CBOR (RFC 8949) that Pagefind's index files use: integers, text and byte
// strings, arrays, maps and the simple values. Encoding is canonical (shortest integer heads), the
// same choice Pagefind's encoder makes, so decoding and re-encoding one of its files gives back the
// same bytes; the tests hold that on a real index. Anything outside the subset is refused by name
// rather than guessed at, because a file we misread would be a search index that silently lies.

/** A decoded CBOR value; maps keep their entries in file order. */
export type CborValue = number | string | boolean | null | undefined | Uint8Array | CborValue[] | CborMap | CborInts;

/**
 * An array of integers kept as its encoded elements, for a reader that only passes it on (see
 * decodeCbor's `packIntArrays`): an index's word positions are most of its items, and decoding
 * each into a JavaScript array only to encode it again was most of a merge's time and garbage.
 */
export class CborInts {
  /** The bytes the array was read from; its elements are `source[start..end)`. */
  readonly source: Uint8Array;
  readonly start: number;
  readonly end: number;
  /** How many integers those bytes hold. */
  readonly length: number;
  /** Wraps `length` integers encoded in `source` from `start` to `end` (not copied: a view per array cost more than the array). */
  constructor(source: Uint8Array, start: number, end: number, length: number) {
    this.source = source;
    this.start = start;
    this.end = end;
    this.length = length;
  }
  /** The integers themselves. */
  values(): number[] {
    const out = new Array<number>(this.length);
    const bytes = this.source;
    let at = this.start;
    for (let i = 0; i < this.length; i++) {
      const head = bytes[at++]!;
      const info = head & 31;
      let n = info;
      if (info >= 24) {
        const width = info === 24 ? 1 : info === 25 ? 2 : 4;
        n = 0;
        for (let k = 0; k < width; k++) n = n * 256 + bytes[at++]!;
      }
      out[i] = head >> 5 === 1 ? -1 - n : n;
    }
    return out;
  }
}

/** A CBOR map, kept as ordered entries because keys need not be strings. */
export class CborMap {
  /** The map's key/value pairs in the order they were read or will be written. */
  readonly entries: [CborValue, CborValue][];
  /** Wraps entries (not copied) as a map. */
  constructor(entries: [CborValue, CborValue][]) {
    this.entries = entries;
  }
}

/** Raised for bytes that are not CBOR we can read, with the offset where reading stopped. */
export class CborError extends Error {
  override name = 'CborError';
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Where the `n` integers encoded from `from` on end, or -1 when one of them is not an integer of
 * at most 4 bytes (or the bytes run out): such an array is decoded the ordinary way.
 */
function endOfInts(bytes: Uint8Array, from: number, n: number): number {
  let at = from;
  for (let i = 0; i < n; i++) {
    if (at >= bytes.length) return -1;
    const head = bytes[at++]!;
    if (head >> 6 !== 0) return -1;
    const info = head & 31;
    if (info >= 24) {
      if (info > 26) return -1;
      at += info === 24 ? 1 : info === 25 ? 2 : 4;
    }
  }
  return at <= bytes.length ? at : -1;
}

/** How decodeCbor reads. */
export interface CborDecodeOptions {
  /** Non-empty arrays of integers come back as CborInts, their bytes unread, instead of as number arrays. */
  packIntArrays?: boolean;
}

/** Decodes one CBOR item that must fill `bytes` exactly. */
export function decodeCbor(bytes: Uint8Array, { packIntArrays = false }: CborDecodeOptions = {}): CborValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;

  const need = (n: number): void => {
    if (at + n > bytes.length) throw new CborError(`CBOR ends early: wanted ${n} more byte(s) at offset ${at} of ${bytes.length}`);
  };

  // The argument of a head: the small value itself, or the 1/2/4/8 bytes after it.
  const argument = (info: number, start: number): number => {
    if (info < 24) return info;
    const width = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (width === 0) {
      throw new CborError(
        `CBOR head at offset ${start} uses ${info === 31 ? 'an indefinite length' : `reserved additional info ${info}`}, which Pagefind never writes`,
      );
    }
    need(width);
    const offset = at;
    at += width;
    if (width === 1) return view.getUint8(offset);
    if (width === 2) return view.getUint16(offset);
    if (width === 4) return view.getUint32(offset);
    const big = view.getBigUint64(offset);
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new CborError(`CBOR integer at offset ${start} is beyond 2^53`);
    return Number(big);
  };

  const item = (): CborValue => {
    const start = at;
    need(1);
    const head = bytes[at++]!;
    // Most of an index is small word positions: one byte each, read without the general path.
    if (head < 24) return head;
    const major = head >> 5;
    const info = head & 31;
    switch (major) {
      case 0:
        return argument(info, start);
      case 1:
        return -1 - argument(info, start);
      case 2:
      case 3: {
        const n = argument(info, start);
        need(n);
        const slice = bytes.subarray(at, (at += n));
        if (major === 2) return slice.slice();
        try {
          return fromUtf8.decode(slice);
        } catch {
          throw new CborError(`CBOR text at offset ${start} is not valid UTF-8`);
        }
      }
      case 4: {
        const n = argument(info, start);
        // Each element takes at least a byte: a longer count is a corrupt file, not a huge array.
        if (n > bytes.length - at) throw new CborError(`CBOR array at offset ${start} claims ${n} items but only ${bytes.length - at} byte(s) remain`);
        // An empty list stays a list: it may be one of lists (a word on no page), not of integers.
        if (packIntArrays && n > 0) {
          const end = endOfInts(bytes, at, n);
          if (end >= 0) {
            const ints = new CborInts(bytes, at, end, n);
            at = end;
            return ints;
          }
        }
        const out: CborValue[] = new Array<CborValue>(n);
        for (let i = 0; i < n; i++) out[i] = item();
        return out;
      }
      case 5: {
        const n = argument(info, start);
        if (2 * n > bytes.length - at) throw new CborError(`CBOR map at offset ${start} claims ${n} entries but only ${bytes.length - at} byte(s) remain`);
        const entries: [CborValue, CborValue][] = [];
        for (let i = 0; i < n; i++) entries.push([item(), item()]);
        return new CborMap(entries);
      }
      case 6:
        throw new CborError(`CBOR tag at offset ${start}: tags are not part of Pagefind's format`);
      default: {
        if (info === 20) return false;
        if (info === 21) return true;
        if (info === 22) return null;
        if (info === 23) return undefined;
        throw new CborError(`CBOR ${info >= 25 && info <= 27 ? 'float' : 'simple value'} at offset ${start} is not part of Pagefind's format`);
      }
    }
  };

  const value = item();
  if (at !== bytes.length) throw new CborError(`CBOR has ${bytes.length - at} byte(s) left over after the item ending at offset ${at}`);
  return value;
}

/** Encodes a value as canonical CBOR (shortest heads, definite lengths). */
export function encodeCbor(value: CborValue): Uint8Array {
  // One growing buffer, written in place: an index chunk is tens of thousands of small integers,
  // and a part per integer made encoding a large index take half a minute.
  let buf = new Uint8Array(1024);
  let view = new DataView(buf.buffer);
  let at = 0;
  const room = (n: number): void => {
    if (at + n <= buf.length) return;
    let size = buf.length * 2;
    while (size < at + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(buf.subarray(0, at));
    buf = next;
    view = new DataView(buf.buffer);
  };

  const head = (major: number, n: number): void => {
    if (!Number.isSafeInteger(n) || n < 0) throw new CborError(`cannot encode ${n} as a CBOR length or integer`);
    const m = major << 5;
    room(9);
    if (n < 24) {
      buf[at++] = m | n;
    } else if (n < 0x100) {
      buf[at++] = m | 24;
      buf[at++] = n;
    } else if (n < 0x10000) {
      buf[at++] = m | 25;
      view.setUint16(at, n);
      at += 2;
    } else if (n < 0x100000000) {
      buf[at++] = m | 26;
      view.setUint32(at, n);
      at += 4;
    } else {
      buf[at++] = m | 27;
      view.setBigUint64(at, BigInt(n));
      at += 8;
    }
  };

  const raw = (b: Uint8Array): void => {
    room(b.length);
    buf.set(b, at);
    at += b.length;
  };

  const item = (x: CborValue): void => {
    if (typeof x === 'number') {
      if (!Number.isInteger(x)) throw new CborError(`cannot encode ${x}: only integers are part of Pagefind's format`);
      return x >= 0 ? head(0, x) : head(1, -1 - x);
    }
    if (typeof x === 'string') {
      const b = utf8.encode(x);
      head(3, b.length);
      return raw(b);
    }
    if (x instanceof Uint8Array) {
      head(2, x.length);
      return raw(x);
    }
    if (x instanceof CborInts) {
      head(4, x.length);
      const n = x.end - x.start;
      room(n);
      // Most are a few bytes, where a loop beats making a view to copy from.
      if (n < 32) for (let i = x.start; i < x.end; i++) buf[at++] = x.source[i]!;
      else {
        buf.set(x.source.subarray(x.start, x.end), at);
        at += n;
      }
      return;
    }
    if (Array.isArray(x)) {
      head(4, x.length);
      for (const y of x) item(y);
      return;
    }
    if (x instanceof CborMap) {
      head(5, x.entries.length);
      for (const [k, v] of x.entries) {
        item(k);
        item(v);
      }
      return;
    }
    room(1);
    buf[at++] = x === false ? 0xf4 : x === true ? 0xf5 : x === null ? 0xf6 : 0xf7;
  };

  item(value);
  return buf.slice(0, at);
}
