// The small subset of CBOR (RFC 8949) that Pagefind's index files use: integers, text and byte
// strings, arrays, maps and the simple values. Encoding is canonical (shortest integer heads), the
// same choice Pagefind's encoder makes, so decoding and re-encoding one of its files gives back the
// same bytes; the tests hold that on a real index. Anything outside the subset is refused by name
// rather than guessed at, because a file we misread would be a search index that silently lies.

/** A decoded CBOR value; maps keep their entries in file order. A CborSplice is only ever written. */
export type CborValue = number | string | boolean | null | undefined | Uint8Array | CborValue[] | CborMap | CborSplice;

/** Bytes of a file already encoded as CBOR, from `start` to `end`, to be written out as they are. */
export class CborSpan {
  readonly source: Uint8Array;
  readonly start: number;
  readonly end: number;
  /** Marks `source[start..end)` (not copied). */
  constructor(source: Uint8Array, start: number, end: number) {
    this.source = source;
    this.start = start;
    this.end = end;
  }
}

/**
 * An array to encode from its length and pieces written one after another: values encoded as
 * usual and spans copied as they are. The pieces must make up exactly `length` items, though a
 * piece may be part of one (an item's head, then a new value, then the rest of it). A merge of
 * index parts copies a word's page entries through this way instead of decoding and re-encoding
 * every one of them, which was most of the merge's time and garbage.
 */
export class CborSplice {
  readonly length: number;
  readonly pieces: readonly (CborValue | CborSpan)[];
  /** An array of `length` items made of `pieces`. */
  constructor(length: number, pieces: readonly (CborValue | CborSpan)[]) {
    this.length = length;
    this.pieces = pieces;
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
 * Reads CBOR one head or item at a time, for a reader that knows a file's layout and wants to keep
 * most of it as bytes (see CborSpan); decodeCbor reads whole items with it.
 */
export class CborCursor {
  readonly bytes: Uint8Array;
  /** Where the next head starts. */
  at: number;
  /** The major type of the head read last (see kind). */
  private major = 0;
  private readonly view: DataView;
  /** A cursor at `at` in `bytes`. */
  constructor(bytes: Uint8Array, at = 0) {
    this.bytes = bytes;
    this.at = at;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Throws unless `n` more bytes remain. */
  need(n: number): void {
    if (this.at + n > this.bytes.length) throw new CborError(`CBOR ends early: wanted ${n} more byte(s) at offset ${this.at} of ${this.bytes.length}`);
  }

  /** The major type of the head read last: 0 and 1 integers, 2 bytes, 3 text, 4 an array, 5 a map, 7 a simple value. */
  kind(): number {
    return this.major;
  }

  /**
   * Throws unless what remains could hold the `n` items of the array (or entries of the map) whose
   * head starts at `start`: each takes at least a byte, so a longer count is a corrupt file, not a
   * huge array.
   */
  checkCount(n: number, start: number, map = false): void {
    const left = this.bytes.length - this.at;
    if ((map ? 2 * n : n) > left)
      throw new CborError(`CBOR ${map ? 'map' : 'array'} at offset ${start} claims ${n} ${map ? 'entries' : 'items'} but only ${left} byte(s) remain`);
  }

  /** Throws unless every byte has been read: the item that ended here must fill the bytes exactly. */
  end(): void {
    if (this.at !== this.bytes.length)
      throw new CborError(`CBOR has ${this.bytes.length - this.at} byte(s) left over after the item ending at offset ${this.at}`);
  }

  /** Reads a head and returns its argument (a count, a length or an integer's magnitude); kind() says which kind. */
  head(): number {
    const start = this.at;
    this.need(1);
    const byte = this.bytes[this.at++]!;
    this.major = byte >> 5;
    const info = byte & 31;
    // A simple value or float is named by its info alone; item and skip refuse all but four.
    if (info < 24 || this.major === 7) return info;
    const width = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
    if (width === 0) {
      throw new CborError(
        `CBOR head at offset ${start} uses ${info === 31 ? 'an indefinite length' : `reserved additional info ${info}`}, which Pagefind never writes`,
      );
    }
    this.need(width);
    const offset = this.at;
    this.at += width;
    if (width === 1) return this.view.getUint8(offset);
    if (width === 2) return this.view.getUint16(offset);
    if (width === 4) return this.view.getUint32(offset);
    const big = this.view.getBigUint64(offset);
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw new CborError(`CBOR integer at offset ${start} is beyond 2^53`);
    return Number(big);
  }

  /** Reads one whole item. */
  item(): CborValue {
    const start = this.at;
    // Most of an index is small word positions: one byte each, read without the general path.
    const first = this.bytes[this.at];
    if (first !== undefined && first < 24) {
      this.at++;
      return first;
    }
    const n = this.head();
    const major = this.major;
    switch (major) {
      case 0:
        return n;
      case 1:
        return -1 - n;
      case 2:
      case 3: {
        this.need(n);
        const slice = this.bytes.subarray(this.at, (this.at += n));
        if (major === 2) return slice.slice();
        try {
          return fromUtf8.decode(slice);
        } catch {
          throw new CborError(`CBOR text at offset ${start} is not valid UTF-8`);
        }
      }
      case 4: {
        this.checkCount(n, start);
        const out: CborValue[] = new Array<CborValue>(n);
        for (let i = 0; i < n; i++) out[i] = this.item();
        return out;
      }
      case 5: {
        this.checkCount(n, start, true);
        const entries: [CborValue, CborValue][] = [];
        for (let i = 0; i < n; i++) entries.push([this.item(), this.item()]);
        return new CborMap(entries);
      }
      case 6:
        throw new CborError(`CBOR tag at offset ${start}: tags are not part of Pagefind's format`);
      default: {
        if (n === 20) return false;
        if (n === 21) return true;
        if (n === 22) return null;
        if (n === 23) return undefined;
        throw new CborError(`CBOR ${n >= 25 && n <= 27 ? 'float' : 'simple value'} at offset ${start} is not part of Pagefind's format`);
      }
    }
  }

  /** Passes over one whole item without building it; the same checks as `item`, but text is not decoded. */
  skip(): void {
    const start = this.at;
    const first = this.bytes[this.at];
    if (first !== undefined && first < 24) {
      this.at++;
      return;
    }
    const n = this.head();
    switch (this.major) {
      case 0:
      case 1:
        return;
      case 2:
      case 3:
        this.need(n);
        this.at += n;
        return;
      case 4:
        this.checkCount(n, start);
        for (let i = 0; i < n; i++) this.skip();
        return;
      case 5:
        this.checkCount(n, start, true);
        for (let i = 0; i < 2 * n; i++) this.skip();
        return;
      case 6:
        throw new CborError(`CBOR tag at offset ${start}: tags are not part of Pagefind's format`);
      default:
        if (n < 20 || n > 23) throw new CborError(`CBOR ${n >= 25 && n <= 27 ? 'float' : 'simple value'} at offset ${start} is not part of Pagefind's format`);
    }
  }
}

/** Decodes one CBOR item that must fill `bytes` exactly. */
export function decodeCbor(bytes: Uint8Array): CborValue {
  const cursor = new CborCursor(bytes);
  const value = cursor.item();
  cursor.end();
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
    if (x instanceof CborSplice) {
      head(4, x.length);
      for (const piece of x.pieces) {
        if (!(piece instanceof CborSpan)) {
          item(piece);
          continue;
        }
        const n = piece.end - piece.start;
        room(n);
        // Most spans are a few bytes, where a loop beats making a view to copy from.
        if (n < 32) for (let i = piece.start; i < piece.end; i++) buf[at++] = piece.source[i]!;
        else {
          buf.set(piece.source.subarray(piece.start, piece.end), at);
          at += n;
        }
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
