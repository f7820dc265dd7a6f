/** Field rules, URL parsing and writing for the ordering calculator (names as in calculators.md). */
import { checkChoice, checkNumber, writeNumber, type NumberRule } from './fields.ts';
import { buildQuery, parseFields, queryGetter, writeFields, type FieldRule, type FieldRules, type Parsed } from './query.ts';
import { ORDERING_DEFAULTS, PROPS, type EmergenceDist, type OrderingInputs } from './ordering.ts';

// Times in runs: the chain solver and the Monte Carlo stay exact to 1e-15 across this whole range
// (rates 10^18 times apart, Λτ up to ~10^19; checked against a 210-digit reference in
// tests/unit/lib/calc/ordering-accuracy.test.ts). Beyond it 1/m and Λτ head for overflow.
const TIME = { min: 1e-9, max: 1e9 };

/** The allowed range of each numeric ordering input; wide enough for any reading, narrow enough to stay exact and fast. */
export const ORDERING_RANGES = {
  probability: { min: 0, max: 1 },
  emergence: TIME,
  correction: TIME,
  runEnd: TIME,
  spread: { min: 0, max: 5, minExclusive: true },
  // Up to 10^7: the island runs it in chunks between frames (chunking.ts), with progress and Cancel.
  samples: { min: 1000, max: 10_000_000, integer: true },
  seed: { min: 0, max: 4294967295, integer: true },
} as const satisfies Record<string, NumberRule>;

const num = (rule: NumberRule): FieldRule<number> => ({ check: (t) => checkNumber(t, rule), write: writeNumber });
const dist: FieldRule<EmergenceDist> = {
  check: (t) => checkChoice(t, ['exponential', 'lognormal'] as const),
  write: (v) => v,
};

/** One rule per ordering input. */
export const ORDERING_RULES: FieldRules<OrderingInputs> = {
  pG: num(ORDERING_RANGES.probability),
  pL: num(ORDERING_RANGES.probability),
  pB: num(ORDERING_RANGES.probability),
  pS: num(ORDERING_RANGES.probability),
  mG: num(ORDERING_RANGES.emergence),
  mL: num(ORDERING_RANGES.emergence),
  mB: num(ORDERING_RANGES.emergence),
  mS: num(ORDERING_RANGES.emergence),
  q: num(ORDERING_RANGES.probability),
  corr: num(ORDERING_RANGES.correction),
  tau: num(ORDERING_RANGES.runEnd),
  dG: dist,
  dL: dist,
  dB: dist,
  dS: dist,
  sG: num(ORDERING_RANGES.spread),
  sL: num(ORDERING_RANGES.spread),
  sB: num(ORDERING_RANGES.spread),
  sS: num(ORDERING_RANGES.spread),
  n: num(ORDERING_RANGES.samples),
  seed: num(ORDERING_RANGES.seed),
};

/** A field of the ordering form. */
export type OrderingKey = Extract<keyof OrderingInputs, string>;
/** What each ordering field holds as text. */
export type OrderingTexts = Record<OrderingKey, string>;

/** Reads field texts (from a form) into inputs and per-field errors. */
export function parseOrderingTexts(texts: Partial<OrderingTexts>): Parsed<OrderingInputs> {
  return parseFields(ORDERING_RULES, ORDERING_DEFAULTS, (k) => texts[k]);
}

/** Reads a query string into inputs and per-field errors; missing names take their defaults. */
export function parseOrderingQuery(search: string): Parsed<OrderingInputs> {
  return parseFields(ORDERING_RULES, ORDERING_DEFAULTS, queryGetter(search));
}

/** The texts a form shows for a set of inputs. */
export function orderingTexts(inputs: Readonly<OrderingInputs> = ORDERING_DEFAULTS): OrderingTexts {
  return writeFields(ORDERING_RULES, inputs);
}

/** The field texts of a query string: the URL's own text where given, else the default's. */
export function orderingTextsFromQuery(search: string): OrderingTexts {
  const get = queryGetter(search);
  const texts = orderingTexts();
  for (const key of Object.keys(texts) as OrderingKey[]) {
    const v = get(key);
    if (v !== null) texts[key] = v;
  }
  return texts;
}

/** Writes field texts as a query string; a property's spread is written only while it is lognormal. */
export function orderingQuery(texts: OrderingTexts): string {
  const keys: OrderingKey[] = ['pG', 'pL', 'pB', 'pS', 'mG', 'mL', 'mB', 'mS', 'q', 'corr', 'tau'];
  for (const p of PROPS) {
    if (texts[`d${p}`].trim().toLowerCase() !== 'exponential') keys.push(`d${p}`, `s${p}`);
  }
  keys.push('n', 'seed');
  return buildQuery(keys.map((k) => [k, texts[k]] as const));
}
