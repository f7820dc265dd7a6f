/**
 * The query string holds a calculator's whole state. These helpers turn a set of field rules into
 * a parser (text in, inputs plus per-field errors out) and a writer, shared by both calculators.
 */
import type { Result } from './result.ts';

/** How one input is read from text and written back. */
export interface FieldRule<V> {
  check(text: string): Result<V>;
  write(value: V): string;
}

/** A rule for every input of a calculator. */
export type FieldRules<I> = { [K in keyof I]: FieldRule<I[K]> };

/** Inputs ready for the model (defaults stand in for bad fields) and what was wrong with the rest. */
export interface Parsed<I> {
  inputs: I;
  /** A message per field whose text was malformed, empty or out of range. */
  errors: Partial<Record<keyof I, string>>;
}

/** Reads every field from `get` (missing: the default, silently; bad: the default, with a message). */
export function parseFields<I extends object>(
  rules: FieldRules<I>,
  defaults: Readonly<I>,
  get: (key: keyof I & string) => string | null | undefined,
): Parsed<I> {
  const inputs = { ...defaults } as I;
  const errors: Partial<Record<keyof I, string>> = {};
  for (const key of Object.keys(rules) as (keyof I & string)[]) {
    const text = get(key);
    if (text === null || text === undefined) continue;
    const result = rules[key].check(text);
    if (result.ok) inputs[key] = result.value;
    else errors[key] = result.error;
  }
  return { inputs, errors };
}

/** Every field's text for a set of inputs, as a form would show it. */
export function writeFields<I extends object>(rules: FieldRules<I>, inputs: Readonly<I>): Record<keyof I & string, string> {
  const out = {} as Record<keyof I & string, string>;
  for (const key of Object.keys(rules) as (keyof I & string)[]) out[key] = rules[key].write(inputs[key]);
  return out;
}

/** Builds a query string (with "?", or "" when empty) from field texts, in the given key order. */
export function buildQuery(entries: readonly (readonly [string, string])[]): string {
  const params = new URLSearchParams();
  for (const [k, v] of entries) params.set(k, v);
  // URLSearchParams writes spaces as "+", which reads back the same; commas and colons stay readable.
  const s = params.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':');
  return s ? `?${s}` : '';
}

/** A getter over a query string, for parseFields. */
export function queryGetter(search: string): (key: string) => string | null {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  return (key) => params.get(key);
}
