// The small subset of CBOR (RFC 8949) that Pagefind's index files use: integers, text and byte
// strings, arrays, maps and the simple values. Encoding is canonical (shortest integer heads), the
// same choice Pagefind's encoder makes, so decoding and re-encoding one of its files gives back the
// same bytes; the tests hold that on a real index. Anything outside the subset is refused by name
// rather than guessed at, because a file we misread would be a search index that silently lies.

/** A decoded CBOR value; maps keep their entries in file order. */
export type CborValue = number | string | boolean | null | undefined | Uint8Array | CborValue[] | CborMap;

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

/** Decodes one CBOR item that must fill `bytes` exactly. */
export function decodeCbor(bytes: Uint8Array): CborValue {
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
      throw new CborError(`CBOR head at offset ${start} uses ${info === 31 ? 'an indefinite length' : `reserved additional info ${info}`}, which Pagefind never writes`);
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
    const head = view.getUint8(at++);
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
        const out: CborValue[] = [];
        for (let i = 0; i < n; i++) out.push(item());
        return out;
      }
      case 5: {
        const n = argument(info, start);
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
  const parts: Uint8Array[] = [];
  let size = 0;
  const push = (b: Uint8Array): void => {
    parts.push(b);
    size += b.length;
  };

  const head = (major: number, n: number): void => {
    if (!Number.isSafeInteger(n) || n < 0) throw new CborError(`cannot encode ${n} as a CBOR length or integer`);
    const m = major << 5;
    if (n < 24) return push(Uint8Array.of(m | n));
    if (n < 0x100) return push(Uint8Array.of(m | 24, n));
    const width = n < 0x10000 ? 2 : n < 0x100000000 ? 4 : 8;
    const b = new Uint8Array(1 + width);
    const v = new DataView(b.buffer);
    b[0] = m | (width === 2 ? 25 : width === 4 ? 26 : 27);
    if (width === 2) v.setUint16(1, n);
    else if (width === 4) v.setUint32(1, n);
    else v.setBigUint64(1, BigInt(n));
    push(b);
  };

  const item = (x: CborValue): void => {
    if (typeof x === 'number') {
      if (!Number.isInteger(x)) throw new CborError(`cannot encode ${x}: only integers are part of Pagefind's format`);
      return x >= 0 ? head(0, x) : head(1, -1 - x);
    }
    if (typeof x === 'string') {
      const b = utf8.encode(x);
      head(3, b.length);
      return push(b);
    }
    if (x instanceof Uint8Array) {
      head(2, x.length);
      return push(x);
    }
    if (Array.isArray(x)) {
      head(4, x.length);
      return x.forEach(item);
    }
    if (x instanceof CborMap) {
      head(5, x.entries.length);
      for (const [k, v] of x.entries) {
        item(k);
        item(v);
      }
      return;
    }
    push(Uint8Array.of(x === false ? 0xf4 : x === true ? 0xf5 : x === null ? 0xf6 : 0xf7));
  };

  item(value);
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
