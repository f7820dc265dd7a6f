/** Field rules, URL parsing and writing for the goal-horizon calculator (names as in calculators.md). */
import { checkChoice, checkNumber, writeNumber, type NumberRule } from './fields.ts';
import { buildQuery, parseFields, queryGetter, writeFields, type FieldRule, type FieldRules, type Parsed } from './query.ts';
import { HORIZON_DEFAULTS, type HorizonForm, type HorizonInputs, type TimeUnit } from './horizon.ts';

// 1e30 is far past any training run in any unit, and 1e-6 (under a tenth of a second in days) far
// below any step or token. Together they keep every ratio the model forms (10^6 · T against c/100,
// at most 10^44) well inside double range, where every result is checked to 1e-6 (tests/unit/lib/calc).
const BIG = 1e30;
const SMALL = 1e-6;

/** The allowed range of each numeric horizon input. */
export const HORIZON_RANGES = {
  duration: { min: SMALL, max: BIG },
  payoffAfter: { min: SMALL, max: BIG, allowInfinity: true },
  probability: { min: 0, max: 1 },
  rate: { min: 0, max: 1e6 },
  episodes: { min: 1, max: 1e15, integer: true },
} as const satisfies Record<string, NumberRule>;

const num = (rule: NumberRule): FieldRule<number> => ({ check: (t) => checkNumber(t, rule), write: writeNumber });

/** One rule per horizon input. */
export const HORIZON_RULES: FieldRules<HorizonInputs> = {
  form: { check: (t) => checkChoice<HorizonForm>(t, ['cutoff', 'discount']), write: (v) => v },
  T: num(HORIZON_RANGES.duration),
  c: num(HORIZON_RANGES.duration),
  p: num(HORIZON_RANGES.probability),
  m: num(HORIZON_RANGES.rate),
  D: num(HORIZON_RANGES.payoffAfter),
  eps: num(HORIZON_RANGES.probability),
  unit: { check: (t) => checkChoice<TimeUnit>(t, ['tokens', 'steps', 'days']), write: (v) => v },
  h0: num(HORIZON_RANGES.duration),
  E: num(HORIZON_RANGES.duration),
  N: num(HORIZON_RANGES.episodes),
};

/** A field of the horizon form. */
export type HorizonKey = Extract<keyof HorizonInputs, string>;
/** What each horizon field holds as text. */
export type HorizonTexts = Record<HorizonKey, string>;
/** The order fields appear in a link. */
export const HORIZON_KEYS: readonly HorizonKey[] = ['form', 'T', 'c', 'p', 'm', 'D', 'eps', 'unit', 'h0', 'E', 'N'];

/** Reads field texts (from a form) into inputs and per-field errors. */
export function parseHorizonTexts(texts: Partial<HorizonTexts>): Parsed<HorizonInputs> {
  return parseFields(HORIZON_RULES, HORIZON_DEFAULTS, (k) => texts[k]);
}

/** Reads a query string into inputs and per-field errors; missing names take their defaults. */
export function parseHorizonQuery(search: string): Parsed<HorizonInputs> {
  return parseFields(HORIZON_RULES, HORIZON_DEFAULTS, queryGetter(search));
}

/** The texts a form shows for a set of inputs. */
export function horizonTexts(inputs: Readonly<HorizonInputs> = HORIZON_DEFAULTS): HorizonTexts {
  return writeFields(HORIZON_RULES, inputs);
}

/** The field texts of a query string: the URL's own text where given, else the default's. */
export function horizonTextsFromQuery(search: string): HorizonTexts {
  const get = queryGetter(search);
  const texts = horizonTexts();
  for (const key of HORIZON_KEYS) {
    const v = get(key);
    if (v !== null) texts[key] = v;
  }
  return texts;
}

/** Writes field texts as a query string, every field included so a link keeps its meaning if defaults change. */
export function horizonQuery(texts: HorizonTexts): string {
  return buildQuery(HORIZON_KEYS.map((k) => [k, texts[k]] as const));
}
