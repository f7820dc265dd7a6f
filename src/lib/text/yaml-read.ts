/**
 * A reader for exactly the YAML that `toYaml` (./yaml.ts) writes, and nothing else. The imported
 * threads' frontmatter is 36 MB at a thousand threads, and a general YAML parser spends about a
 * second of every cold build (twice: the content sync and the quote-links child each read it) on
 * a grammar these files never use. This one knows only the emitter's shapes: block mappings and
 * sequences indented by two, one member per line, and flow values made of double-quoted strings,
 * plain decimal numbers, `true`, `false`, `null`, `[…]` and `{ … }`, each written the way the
 * emitter spaces them. The strings are JSON-compatible by construction, so the engine's own
 * JSON.parse decodes them.
 *
 * Anything else, hand-edited or not, gets `undefined` back, and the caller reads the text with
 * the general parser, which also gives the error messages. So this reader never has to decide
 * what an unusual construct means: it only answers for text whose meaning every YAML 1.2 reader
 * agrees on, and the differential tests in tests/unit/lib/text/yaml-read.test.ts hold its
 * answers equal to js-yaml's.
 */

import { isPlainKey } from './yaml.ts';

/** A parsed mapping: a plain object, built member by member in document order as js-yaml builds it. */
export type ReadMapping = { [key: string]: ReadValue };
/** A parsed value. */
export type ReadValue = string | number | boolean | null | ReadValue[] | ReadMapping;

/**
 * Characters a YAML stream may not contain raw (outside YAML's printable set), which JSON.parse
 * would accept inside a string: js-yaml refuses the whole document for them, so this reader must
 * not answer for it. Mirrors the printable set of YAML 1.2 §5.1, lone surrogates included.
 */
const NON_PRINTABLE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/;
/**
 * Anything outside printable ASCII and the plain BMP, line feeds apart: a quicker scan, which the
 * exact one above follows only when it finds something (a tab, an emoji's surrogates, a NEL).
 */
const MAYBE_NON_PRINTABLE = /[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd]/;

/** Numbers as `String(n)` writes finite ones; forms with leading zeros, `_`, `+` or `.5` are left to the general parser. */
const NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:e[+-][0-9]+)?$/;
/** Where a plain word (a key, number or keyword) ends. */
const PLAIN_END = /[\n ,:\]}]/g;

const QUOTE = 34;
const SPACE = 32;
const DASH = 45;
const COLON = 58;
const BRACKET = 91;
const BRACE = 123;

/**
 * Deepest nesting the reader follows. The importer's files nest four deep; deeper text is left to
 * js-yaml, which refuses past 100 levels with a message of its own, rather than overflowing the
 * stack here.
 */
const MAX_DEPTH = 50;

/** Thrown inside the reader when the text leaves the emitter's grammar; never escapes it. */
class NotOurs extends Error {}

function fail(): never {
  throw new NotOurs();
}

/**
 * One pass over the text. `pos` is the cursor; `lineEnd` the end of the line it is on. Block
 * methods start at the beginning of a line and leave the cursor at the beginning of the next
 * line they did not take (past the end of the text when none is left).
 */
class Reader {
  readonly s: string;
  pos = 0;
  lineEnd = 0;
  private depth = 0;
  constructor(s: string) {
    this.s = s;
  }

  /** Enters a nested value; a reader that fails is discarded, so only success needs to leave it. */
  private enter(): void {
    if (++this.depth > MAX_DEPTH) fail();
  }

  /** The indent of the line starting at the cursor, or -1 at the end of the text; sets lineEnd. */
  indent(): number {
    const s = this.s;
    if (this.pos >= s.length) return -1;
    const nl = s.indexOf('\n', this.pos);
    this.lineEnd = nl < 0 ? s.length : nl;
    let i = this.pos;
    while (s.charCodeAt(i) === SPACE) i++;
    // A blank line or one of spaces only: the emitter writes none.
    if (i === this.lineEnd) fail();
    return i - this.pos;
  }

  /** Moves to the next line, requiring the value just read to have ended this one. */
  endLine(): void {
    if (this.pos !== this.lineEnd) fail();
    this.pos = this.lineEnd + 1;
  }

  expect(token: string): void {
    if (!this.s.startsWith(token, this.pos)) fail();
    this.pos += token.length;
  }

  /** A double-quoted scalar starting at the cursor, decoded; it must close on its own line. */
  quoted(): string {
    const s = this.s;
    let end = this.pos + 1;
    for (;;) {
      end = s.indexOf('"', end);
      if (end < 0 || end >= this.lineEnd) fail();
      // A quote ends the scalar unless an odd run of backslashes escapes it.
      let slashes = 0;
      while (s.charCodeAt(end - 1 - slashes) === 92) slashes++;
      if (slashes % 2 === 0) break;
      end++;
    }
    let decoded: unknown;
    try {
      decoded = JSON.parse(s.slice(this.pos, end + 1));
    } catch {
      // An escape YAML has and JSON has not (`\x41`, `\e`, …) or a raw tab: the general parser's.
      fail();
    }
    this.pos = end + 1;
    return decoded as string;
  }

  /** A plain word up to the next delimiter. */
  plain(): string {
    PLAIN_END.lastIndex = this.pos;
    const m = PLAIN_END.exec(this.s);
    const end = m ? m.index : this.s.length;
    const word = this.s.slice(this.pos, end);
    this.pos = end;
    return word;
  }

  key(): string {
    if (this.s.charCodeAt(this.pos) === QUOTE) return this.quoted();
    const k = this.plain();
    if (!isPlainKey(k)) fail();
    return k;
  }

  /** A flow value: a scalar, `[…]` or `{ … }`. */
  value(): ReadValue {
    const c = this.s.charCodeAt(this.pos);
    if (c === QUOTE) return this.quoted();
    if (c === BRACKET) return this.flowSequence();
    if (c === BRACE) return this.flowMapping();
    const word = this.plain();
    if (word === 'null') return null;
    if (word === 'true') return true;
    if (word === 'false') return false;
    // A number too large for a double is a string to js-yaml; the emitter never writes one.
    const n = NUMBER.test(word) ? Number(word) : NaN;
    return Number.isFinite(n) ? n : fail();
  }

  flowSequence(): ReadValue[] {
    this.enter();
    this.pos++;
    const items: ReadValue[] = [];
    if (this.s.charCodeAt(this.pos) !== 93) {
      for (;;) {
        items.push(this.value());
        if (!this.s.startsWith(', ', this.pos)) break;
        this.pos += 2;
      }
    }
    this.expect(']');
    this.depth--;
    return items;
  }

  flowMapping(): ReadMapping {
    this.enter();
    const out: ReadMapping = {};
    if (this.s.startsWith('{}', this.pos)) this.pos += 2;
    else {
      this.expect('{ ');
      for (;;) {
        const k = this.key();
        this.expect(': ');
        put(out, k, this.value());
        if (!this.s.startsWith(', ', this.pos)) break;
        this.pos += 2;
      }
      this.expect(' }');
    }
    this.depth--;
    return out;
  }

  /**
   * A block mapping whose keys sit at `indent`. With `inline`, its first key is on the current
   * line after a sequence's `- `, where the cursor already is.
   */
  blockMapping(indent: number, inline: boolean): ReadMapping {
    this.enter();
    const out: ReadMapping = {};
    for (let first = inline; ; first = false) {
      if (!first && !this.nextLineAt(indent)) return out;
      const k = this.key();
      if (this.s.charCodeAt(this.pos) === COLON && this.pos + 1 === this.lineEnd) {
        this.pos = this.lineEnd + 1;
        put(out, k, this.nested(indent + 2));
      } else {
        this.expect(': ');
        put(out, k, this.value());
        this.endLine();
      }
    }
  }

  /** A block sequence whose `-` marks sit at `indent`. */
  blockSequence(indent: number): ReadValue[] {
    this.enter();
    const items: ReadValue[] = [];
    while (this.nextLineAt(indent)) {
      if (this.s.charCodeAt(this.pos) !== DASH) fail();
      if (this.pos + 1 === this.lineEnd) {
        this.pos = this.lineEnd + 1;
        items.push(this.nested(indent + 2, true));
        continue;
      }
      this.expect('- ');
      if (this.beginsMapping()) items.push(this.blockMapping(indent + 2, true));
      else {
        items.push(this.value());
        this.endLine();
      }
    }
    return items;
  }

  /**
   * Moves the cursor to the content of the next line when that line belongs to the block at
   * `indent`. False when the block has ended (the line is shallower, or there is none), and the
   * block then leaves its depth; a deeper line is outside the grammar.
   */
  private nextLineAt(indent: number): boolean {
    const at = this.indent();
    if (at < indent) {
      this.depth--;
      return false;
    }
    if (at > indent) fail();
    this.pos += at;
    return true;
  }

  /**
   * What follows a `key:` or `-` line: a block one level deeper, never nothing (YAML's null);
   * after a lone `-`, only a sequence, as the emitter writes.
   */
  private nested(indent: number, sequenceOnly = false): ReadValue {
    const start = this.pos;
    if (this.indent() !== indent) fail();
    const c = start + indent;
    const isSequence = this.s.charCodeAt(c) === DASH && (c + 1 === this.lineEnd || this.s.charCodeAt(c + 1) === SPACE);
    if (sequenceOnly && !isSequence) fail();
    return isSequence ? this.blockSequence(indent) : this.blockMapping(indent, false);
  }

  /** Whether the item after `- ` begins a block mapping (`key: …` or `key:`, the key plain or quoted); the cursor does not move. */
  private beginsMapping(): boolean {
    const first = this.s.charCodeAt(this.pos);
    if (first === BRACKET || first === BRACE) return false;
    const start = this.pos;
    if (first === QUOTE) this.quoted();
    else this.plain();
    const after = this.pos;
    this.pos = start;
    return this.s.charCodeAt(after) === COLON && (after + 1 === this.lineEnd || this.s.charCodeAt(after + 1) === SPACE);
  }
}

/** Adds a member, leaving duplicate keys (an error in YAML) and `__proto__` to the general parser. */
function put(o: ReadMapping, k: string, v: ReadValue): void {
  if (k === '__proto__' || Object.hasOwn(o, k)) fail();
  o[k] = v;
}

/**
 * The mapping that `text` (a frontmatter block, without its `---` fences) holds, when the text is
 * in the grammar `toYaml` writes; `undefined` when it is not, for the caller to read it with a
 * general YAML parser instead.
 */
export function readEmittedYaml(text: string): ReadMapping | undefined {
  if (text === '' || (MAYBE_NON_PRINTABLE.test(text) && NON_PRINTABLE.test(text))) return undefined;
  try {
    const reader = new Reader(text);
    const out = reader.blockMapping(0, false);
    return reader.pos >= text.length ? out : undefined;
  } catch (e) {
    if (e instanceof NotOurs) return undefined;
    throw e;
  }
}
