/**
 * General mode of the ordering calculator: a seeded Monte Carlo that allows lognormal emergence
 * times. It runs in chunks so the page can hand control back to the browser between them; a run
 * split into chunks gives exactly the numbers of the same run done in one go.
 */
import { createRng } from './rng.ts';
import { ORDERS, PROPS, orderIndex, type OrderingInputs } from './ordering.ts';

/** A Monte Carlo estimate and its standard error. */
export interface Estimate {
  value: number;
  se: number;
}

/** Monte Carlo estimates of the same outcomes the exact model gives, plus order frequencies. */
export interface MonteCarloResult {
  samples: number;
  pDeceptive: Estimate;
  pAligned: Estimate;
  pProxy: Estimate;
  pNoGoal: Estimate;
  pDangerousOrder: Estimate;
  /** Frequency of each of the 65 orders, indexed like ORDERS. */
  orders: Float64Array;
}

/** A run in progress: call `step` until `done`, then read `result`. */
export interface MonteCarloRun {
  readonly total: number;
  /** Samples drawn so far. */
  readonly drawn: number;
  readonly done: boolean;
  /** Draws up to `count` more samples and returns how many have been drawn in all. */
  step(count: number): number;
  /** Estimates from the samples drawn so far (all of them once done). */
  result(): MonteCarloResult;
}

const G = 0;
const L = 1;
const B = 2;
const S = 3;

/** Starts a run of `inputs.n` samples seeded by `inputs.seed`. */
export function startMonteCarlo(inputs: OrderingInputs): MonteCarloRun {
  const rng = createRng(inputs.seed);
  const total = Math.max(1, Math.floor(inputs.n));
  const present = PROPS.map((p) => inputs[`p${p}`]);
  const median = PROPS.map((p) => inputs[`m${p}`]);
  const spread = PROPS.map((p) => inputs[`s${p}`]);
  const lognormal = PROPS.map((p) => inputs[`d${p}`] === 'lognormal');
  const times = new Float64Array(4);
  const counts = { deceptive: 0, aligned: 0, proxy: 0, noGoal: 0, dangerous: 0 };
  const orderCounts = new Float64Array(ORDERS.length);
  let drawn = 0;

  const emergence = (i: number): number =>
    lognormal[i] ? (median[i] ?? 1) * Math.exp((spread[i] ?? 1) * rng.normal()) : -(median[i] ?? 1) * Math.log(rng.nextOpen());

  const sample = (): void => {
    // Every sample draws the same kinds of numbers whatever its inputs, so with one seed a small
    // change of an input moves the estimate smoothly instead of reshuffling every later sample.
    let start = 0;
    for (let i = 0; i < 4; i++) {
      const there = rng.next() < (present[i] ?? 0);
      const t = emergence(i);
      times[i] = there ? 0 : t;
      if (there) start |= 1 << i;
    }
    const coin = rng.next();
    const wait = -inputs.corr * Math.log(rng.nextOpen());

    const tG = times[G] ?? 0;
    const tB = times[B] ?? 0;
    const all = Math.max(tG, times[L] ?? 0, tB, times[S] ?? 0);
    // B present when the goal forms (including both at the start): the goal follows the base goal unless q bites.
    const bFirst = (start & 5) === 5 || (!(start & 1) && tB < tG);
    const proxy = bFirst ? coin < inputs.q : true;
    if (tG > inputs.tau) counts.noGoal++;
    else if (!proxy) counts.aligned++;
    else {
      const corrected = Math.max(tG, tB) + wait;
      if (all <= inputs.tau && all <= corrected) counts.deceptive++;
      else if (corrected <= inputs.tau) counts.aligned++;
      else counts.proxy++;
    }

    const index = orderIndex(start, raceCode(start));
    if (index >= 0) {
      orderCounts[index] = (orderCounts[index] ?? 0) + 1;
      if (ORDERS[index]?.dangerous) counts.dangerous++;
    }
  };

  // Later arrivals sorted by time, coded as Σ prop·4^k, the key ORDERS is indexed by.
  const order = [0, 0, 0, 0];
  const raceCode = (start: number): number => {
    let k = 0;
    for (let i = 0; i < 4; i++) if (!(start & (1 << i))) order[k++] = i;
    for (let a = 1; a < k; a++) {
      const v = order[a] ?? 0;
      let b = a - 1;
      while (b >= 0 && (times[order[b] ?? 0] ?? 0) > (times[v] ?? 0)) {
        order[b + 1] = order[b] ?? 0;
        b--;
      }
      order[b + 1] = v;
    }
    let code = 0;
    for (let j = k - 1; j >= 0; j--) code = code * 4 + (order[j] ?? 0);
    return code;
  };

  const estimate = (hits: number): Estimate => {
    const n = Math.max(1, drawn);
    const value = hits / n;
    return { value, se: Math.sqrt((value * (1 - value)) / n) };
  };

  return {
    total,
    get drawn() {
      return drawn;
    },
    get done() {
      return drawn >= total;
    },
    step(count: number): number {
      const stop = Math.min(total, drawn + Math.max(0, Math.floor(count)));
      while (drawn < stop) {
        sample();
        drawn++;
      }
      return drawn;
    },
    result(): MonteCarloResult {
      const n = Math.max(1, drawn);
      return {
        samples: drawn,
        pDeceptive: estimate(counts.deceptive),
        pAligned: estimate(counts.aligned),
        pProxy: estimate(counts.proxy),
        pNoGoal: estimate(counts.noGoal),
        pDangerousOrder: estimate(counts.dangerous),
        orders: orderCounts.map((c) => c / n),
      };
    },
  };
}

/** Runs a whole Monte Carlo at once (tests, the benchmark, and the server-rendered page). */
export function runMonteCarlo(inputs: OrderingInputs): MonteCarloResult {
  const run = startMonteCarlo(inputs);
  run.step(run.total);
  return run.result();
}
