/**
 * YAML output for untrusted text. Every string is written as a double-quoted YAML scalar on a
 * single line, so no character of the source can end the frontmatter, start an MDX construct or
 * be read as YAML syntax. The output is checked against js-yaml (what Astro uses for MDX
 * frontmatter) and eemeli/yaml in tests/unit/lib/text/yaml.test.ts.
 */

/**
 * Characters that JSON leaves alone but YAML must not see raw: DEL and the C1 controls (NEL,
 * U+0085, is a line break in YAML 1.1), the byte-order mark, the non-characters U+FFFE/U+FFFF,
 * and the Unicode line/paragraph separators (some YAML readers treat them as line breaks).
 * Bidirectional controls (U+200E/F, U+202A–E, U+2066–9) are legal YAML but are escaped too, so
 * a generated file cannot display differently from what it contains when an editor reviews it.
 */
const YAML_EXTRA_ESCAPES = /[\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff\ufffe\uffff]/g;

/**
 * Encodes `text` as a double-quoted YAML scalar. Starts from JSON string escaping, which already
 * handles `"`, `\`, the C0 controls (including NUL, tab, CR, LF) and lone surrogates, all with
 * escapes YAML 1.2 shares (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, `\uXXXX`); then escapes the
 * characters in YAML_EXTRA_ESCAPES.
 */
export function yamlString(text: string): string {
  return JSON.stringify(text).replace(YAML_EXTRA_ESCAPES, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A value the emitter can write. `undefined` members of objects are skipped. */
export type YamlValue = string | number | boolean | null | undefined | readonly YamlValue[] | { readonly [key: string]: YamlValue };
type YamlObject = { readonly [key: string]: YamlValue };

/** Longest line a nested mapping may take in flow style. */
const FLOW_LIMIT = 100;

const PLAIN_KEY = /^[A-Za-z][A-Za-z0-9_]*$/;
/** Plain words that YAML's core schema reads as null or a boolean: as keys they would not read back as written. */
const RESERVED_KEY = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/**
 * Whether `k` may be written as a plain (unquoted) key and still read back as itself. A leading
 * `_` is excluded because js-yaml reads `_1` as the integer 1.
 */
export function isPlainKey(k: string): boolean {
  return PLAIN_KEY.test(k) && !RESERVED_KEY.test(k);
}

function isScalar(v: YamlValue): v is string | number | boolean | null {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

function isObject(v: YamlValue): v is YamlObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function scalar(v: string | number | boolean | null): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return yamlString(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot write the number ${v} to YAML`);
    return String(v);
  }
  return v ? 'true' : 'false';
}

function key(k: string): string {
  return isPlainKey(k) ? k : yamlString(k);
}

function entries(o: YamlObject): [string, YamlValue][] {
  return Object.entries(o).filter(([, v]) => v !== undefined);
}

/** Objects whose members are all scalars, and arrays of scalars, are written on one line. */
function isFlat(v: YamlValue): boolean {
  if (isObject(v)) return entries(v).every(([, x]) => isScalar(x));
  if (Array.isArray(v)) return (v as readonly YamlValue[]).every((x) => isScalar(x));
  return true;
}

function flow(v: YamlValue): string {
  if (isScalar(v)) return scalar(v);
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[${(v as readonly YamlValue[]).map((x) => flow(x)).join(', ')}]`;
  if (isObject(v)) {
    const es = entries(v);
    return es.length === 0 ? '{}' : `{ ${es.map(([k, x]) => `${key(k)}: ${flow(x)}`).join(', ')} }`;
  }
  throw new Error('cannot write undefined to YAML');
}

function block(o: YamlObject, indent: number, out: string[], firstPrefix?: string): void {
  const pad = ' '.repeat(indent);
  entries(o).forEach(([k, v], i) => {
    const lead = i === 0 && firstPrefix !== undefined ? firstPrefix : pad;
    const oneLine = isFlat(v) ? `${lead}${key(k)}: ${flow(v)}` : null;
    // A mapping member that would make a long line is written as a nested block instead;
    // sequence items (paragraphs) always stay on one line each.
    if (oneLine !== null && (!isObject(v) || oneLine.length <= FLOW_LIMIT)) {
      out.push(oneLine);
    } else if (Array.isArray(v)) {
      out.push(`${lead}${key(k)}:`);
      sequence(v, indent + 2, out);
    } else if (isObject(v)) {
      out.push(`${lead}${key(k)}:`);
      block(v, indent + 2, out);
    }
  });
}

function sequence(items: readonly YamlValue[], indent: number, out: string[]): void {
  const pad = ' '.repeat(indent);
  for (const item of items) {
    if (item === undefined) throw new Error('cannot write undefined to YAML');
    if (isFlat(item)) out.push(`${pad}- ${flow(item)}`);
    else if (Array.isArray(item)) {
      out.push(`${pad}-`);
      sequence(item, indent + 2, out);
    } else if (isObject(item)) block(item, indent + 2, out, `${pad}- `);
  }
}

/**
 * Writes a YAML block mapping, one member per line, in the object's key order. Nested sequences
 * are always indented under their key, so no output line starts with `-` or `+` in column 0 and
 * none can be mistaken for a frontmatter fence.
 */
export function toYaml(o: YamlObject): string {
  const out: string[] = [];
  block(o, 0, out);
  return out.map((l) => `${l}\n`).join('');
}
