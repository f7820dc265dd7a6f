/**
 * Results instead of exceptions: the calculators feed every keystroke through these functions, and
 * a thrown error would blank the page instead of pointing at the field that is wrong.
 */

/** A successful result carrying its value. */
export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

/** A failed result carrying a message written for the reader, not the programmer. */
export interface Err {
  readonly ok: false;
  readonly error: string;
}

/** Either a value or a reader-facing error message. */
export type Result<T> = Ok<T> | Err;

/** Wraps a value as a success. */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/** Wraps a reader-facing message as a failure. */
export function err(error: string): Err {
  return { ok: false, error };
}
