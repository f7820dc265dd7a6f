/**
 * The ordering model ("Which comes first?"): four properties race to appear, and whether the goal
 * gets pointed at the base goal before all four are present decides the outcome. See
 * shared design `calculators.md` §1; the page shows these formulas (formulas.ts) beside the numbers.
 */
import { transientDistribution } from './markov.ts';

/** The four foundational properties, in the order the page lists them. */
export const PROPS = ['G', 'L', 'B', 'S'] as const;
/** One of goal-directedness, long-term goals, base-goal understanding, situational awareness. */
export type Prop = (typeof PROPS)[number];
/** How a property's emergence time is distributed once fine-tuning starts. */
export type EmergenceDist = 'exponential' | 'lognormal';

/** Every input of the ordering calculator, named as in the query string. */
export interface OrderingInputs {
  pG: number;
  pL: number;
  pB: number;
  pS: number;
  mG: number;
  mL: number;
  mB: number;
  mS: number;
  q: number;
  corr: number;
  tau: number;
  dG: EmergenceDist;
  dL: EmergenceDist;
  dB: EmergenceDist;
  dS: EmergenceDist;
  sG: number;
  sL: number;
  sB: number;
  sS: number;
  n: number;
  seed: number;
}

/** The defaults: the neutral reading with one whole fine-tuning run. */
export const ORDERING_DEFAULTS: Readonly<OrderingInputs> = Object.freeze({
  pG: 0,
  pL: 0,
  pB: 0,
  pS: 0,
  mG: 1,
  mL: 1,
  mB: 1,
  mS: 1,
  q: 0,
  corr: 1,
  tau: 1,
  dG: 'exponential',
  dL: 'exponential',
  dB: 'exponential',
  dS: 'exponential',
  sG: 1,
  sL: 1,
  sB: 1,
  sS: 1,
  n: 100_000,
  seed: 1,
});

/** The four end-of-run outcomes plus the race-order figure; the four outcomes sum to 1. */
export interface OrderingOutcome {
  pDeceptive: number;
  pAligned: number;
  pProxy: number;
  pNoGoal: number;
  pDangerousOrder: number;
}

// Property bits: a state of the chain is the set of properties present, as a 4-bit mask.
const BIT: Record<Prop, number> = { G: 1, L: 2, B: 4, S: 8 };
const FULL = 15;
const ALIGNED = 16;
const DECEPTIVE = 17;
/** Number of states of the chain: 16 property sets, then aligned, then deceptive. */
export const STATE_COUNT = 18;

/** Whether a property is in a state's property set. */
export function hasProp(mask: number, prop: Prop): boolean {
  return (mask & BIT[prop]) !== 0;
}

/** P(exactly the properties in `mask` are present after pre-training), properties independent. */
export function startSetProbability(inputs: OrderingInputs, mask: number): number {
  let p = 1;
  for (const prop of PROPS) {
    const pi = inputs[`p${prop}`];
    p *= hasProp(mask, prop) ? pi : 1 - pi;
  }
  return p;
}

/** Hazard of each property appearing during fine-tuning, per run: 1 / mean emergence time. */
export function rates(inputs: OrderingInputs): Record<Prop, number> {
  return { G: 1 / inputs.mG, L: 1 / inputs.mL, B: 1 / inputs.mB, S: 1 / inputs.mS };
}

/** Starting distribution over the 18 states (a proxy with all four properties is already deceptive). */
export function initialDistribution(inputs: OrderingInputs): Float64Array {
  const v = new Float64Array(STATE_COUNT);
  for (let mask = 0; mask <= FULL; mask++) {
    const pa = startSetProbability(inputs, mask);
    if (pa === 0) continue;
    if (hasProp(mask, 'G') && hasProp(mask, 'B')) {
      // Both present from the start: the goal forms around the understood base goal unless q bites.
      v[ALIGNED] = (v[ALIGNED] ?? 0) + (1 - inputs.q) * pa;
      const target = mask === FULL ? DECEPTIVE : mask;
      v[target] = (v[target] ?? 0) + inputs.q * pa;
    } else {
      v[mask] = (v[mask] ?? 0) + pa;
    }
  }
  return v;
}

/** The 18×18 generator (row-major); every transition goes to a higher-numbered state. */
export function generator(inputs: OrderingInputs): Float64Array {
  const n = STATE_COUNT;
  const q = new Float64Array(n * n);
  const lam = rates(inputs);
  const rho = 1 / inputs.corr;
  const add = (from: number, to: number, rate: number) => {
    if (rate <= 0) return;
    q[from * n + to] = (q[from * n + to] ?? 0) + rate;
    q[from * n + from] = (q[from * n + from] ?? 0) - rate;
  };
  // The full set is never occupied (a proxy with all four is deceptive), so its row stays empty.
  for (let mask = 0; mask < FULL; mask++) {
    const proxy = hasProp(mask, 'G');
    for (const prop of PROPS) {
      if (hasProp(mask, prop)) continue;
      const next = mask | BIT[prop];
      const landing = next === FULL ? DECEPTIVE : next;
      if (prop === 'G' && hasProp(mask, 'B')) {
        add(mask, ALIGNED, lam.G * (1 - inputs.q));
        add(mask, landing, lam.G * inputs.q);
      } else {
        add(mask, landing, lam[prop]);
      }
    }
    // Differential adversarial examples only bite once the model can understand the base goal.
    if (proxy && hasProp(mask, 'B')) add(mask, ALIGNED, rho);
  }
  return q;
}

/** Distribution over the 18 states at the end of the run, τ. */
export function stateAtEnd(inputs: OrderingInputs): Float64Array {
  return transientDistribution(generator(inputs), initialDistribution(inputs), inputs.tau);
}

/** P(B is the last to appear among the missing set `missing`), by inclusion–exclusion over exponentials. */
export function probabilityBLast(inputs: OrderingInputs, missing: number): number {
  if (!hasProp(missing, 'B')) return 0;
  const lam = rates(inputs);
  const others = PROPS.filter((p) => p !== 'B' && hasProp(missing, p));
  let total = 0;
  for (let subset = 0; subset < 1 << others.length; subset++) {
    let rateSum = lam.B;
    let sign = 1;
    others.forEach((p, i) => {
      if (subset & (1 << i)) {
        rateSum += lam[p];
        sign = -sign;
      }
    });
    total += (sign * lam.B) / rateSum;
  }
  return clamp01(total);
}

/** P(dangerous order) in closed form: B absent at the start and the last of the missing to appear. */
export function dangerousOrderProbability(inputs: OrderingInputs): number {
  let total = 0;
  for (let mask = 0; mask <= FULL; mask++) {
    if (hasProp(mask, 'B')) continue;
    total += startSetProbability(inputs, mask) * probabilityBLast(inputs, FULL & ~mask);
  }
  return clamp01(total);
}

/** The exact outcome at τ for exponential emergence (lognormal settings are read as exponential). */
export function exactOutcome(inputs: OrderingInputs): OrderingOutcome {
  const v = stateAtEnd(inputs);
  let proxy = 0;
  let noGoal = 0;
  for (let mask = 0; mask <= FULL; mask++) {
    if (hasProp(mask, 'G')) proxy += v[mask] ?? 0;
    else noGoal += v[mask] ?? 0;
  }
  return {
    pDeceptive: clamp01(v[DECEPTIVE] ?? 0),
    pAligned: clamp01(v[ALIGNED] ?? 0),
    pProxy: clamp01(proxy),
    pNoGoal: clamp01(noGoal),
    pDangerousOrder: dangerousOrderProbability(inputs),
  };
}

/** One emergence order: the start set as a tied group, then the rest one at a time. */
export interface EmergenceOrder {
  /** Position in the fixed enumeration, shared with the Monte Carlo tallies. */
  index: number;
  /** Properties present after pre-training, as a 4-bit mask. */
  start: number;
  /** The properties that appear later, in order. */
  sequence: Prop[];
  /** Readable label, e.g. "{G, L} → S → B". */
  label: string;
  /** B arrives last, after G (so the goal is a proxy) and with L and S already there. */
  dangerous: boolean;
}

/** The 65 emergence orders, in a fixed order (by start set, then sequence). */
export const ORDERS: readonly EmergenceOrder[] = buildOrders();

/** Index into ORDERS for a start set and the sequence code Σ prop_k · 4^k (prop as 0..3), or -1. */
export function orderIndex(start: number, sequenceCode: number): number {
  return ORDER_LOOKUP[start + 16 * sequenceCode] ?? -1;
}

const ORDER_LOOKUP: Int16Array = (() => {
  const table = new Int16Array(16 * 256).fill(-1);
  for (const o of ORDERS) table[o.start + 16 * sequenceCode(o.sequence)] = o.index;
  return table;
})();

function sequenceCode(sequence: readonly Prop[]): number {
  let code = 0;
  sequence.forEach((p, k) => {
    code += PROPS.indexOf(p) * 4 ** k;
  });
  return code;
}

function buildOrders(): EmergenceOrder[] {
  const out: EmergenceOrder[] = [];
  for (let start = 0; start <= FULL; start++) {
    const missing = PROPS.filter((p) => !hasProp(start, p));
    for (const sequence of permutations(missing)) {
      const group = PROPS.filter((p) => hasProp(start, p));
      const parts = group.length ? [`{${group.join(', ')}}`] : [];
      const label = [...parts, ...sequence].join(' → ');
      const dangerous = !hasProp(start, 'B') && sequence[sequence.length - 1] === 'B';
      out.push({ index: out.length, start, sequence, label, dangerous });
    }
  }
  return out;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [items.slice()];
  const out: T[][] = [];
  items.forEach((item, i) => {
    const rest = items.filter((_, j) => j !== i);
    for (const tail of permutations(rest)) out.push([item, ...tail]);
  });
  return out;
}

/** Probability of each of the 65 orders in the race with no end of run (exponential emergence). */
export function orderProbabilities(inputs: OrderingInputs): Float64Array {
  const lam = rates(inputs);
  const out = new Float64Array(ORDERS.length);
  for (const o of ORDERS) {
    let p = startSetProbability(inputs, o.start);
    o.sequence.forEach((prop, k) => {
      // Summed afresh rather than by subtraction, which loses a slow rate's digits beside fast ones.
      const remaining = o.sequence.slice(k).reduce((s, x) => s + lam[x], 0);
      p *= lam[prop] / remaining;
    });
    out[o.index] = p;
  }
  return out;
}

/** The inputs the sensitivity table moves, in the order the page lists them. */
export const SENSITIVITY_KEYS = ['pG', 'pL', 'pB', 'pS', 'mG', 'mL', 'mB', 'mS', 'q', 'corr', 'tau'] as const;
/** One input the sensitivity table moves. */
export type SensitivityKey = (typeof SENSITIVITY_KEYS)[number];
const PROBABILITY_KEYS: ReadonlySet<SensitivityKey> = new Set(['pG', 'pL', 'pB', 'pS', 'q']);

/** One row of the tornado: P(deceptive) with the input moved down and up. */
export interface SensitivityRow {
  key: SensitivityKey;
  lowValue: number;
  highValue: number;
  low: number;
  high: number;
  /** |high − low|: how much the conclusion rests on this input. */
  swing: number;
}

/** The two values a sensitivity row tries: halved and doubled, or half way to 0 and to 1 for probabilities. */
export function sensitivityValues(key: SensitivityKey, value: number): [number, number] {
  return PROBABILITY_KEYS.has(key) ? [value / 2, (1 + value) / 2] : [value / 2, value * 2];
}

/** P(deceptive) with each input halved and doubled, largest swing first (the exact model). */
export function sensitivity(inputs: OrderingInputs): SensitivityRow[] {
  const rows = SENSITIVITY_KEYS.map((key): SensitivityRow => {
    const [lowValue, highValue] = sensitivityValues(key, inputs[key]);
    const low = exactOutcome({ ...inputs, [key]: lowValue }).pDeceptive;
    const high = exactOutcome({ ...inputs, [key]: highValue }).pDeceptive;
    return { key, lowValue, highValue, low, high, swing: Math.abs(high - low) };
  });
  // A stable sort keeps the page's order among ties, so equal swings do not shuffle on each keystroke.
  return rows.sort((a, b) => b.swing - a.swing);
}

/** Whether any property uses the lognormal, so only the Monte Carlo mode can answer. */
export function needsMonteCarlo(inputs: OrderingInputs): boolean {
  return PROPS.some((p) => inputs[`d${p}`] === 'lognormal');
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
