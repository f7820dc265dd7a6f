import { describe, expect, test } from 'vitest';
import { FIRST_CHUNK, MONTE_CARLO_CHUNKS, nextChunkSize, runProgress, type ChunkLimits } from '../../../../src/lib/calc/chunking.ts';
import { startMonteCarlo } from '../../../../src/lib/calc/montecarlo.ts';
import { ORDERING_DEFAULTS } from '../../../../src/lib/calc/ordering.ts';

const limits: ChunkLimits = { targetMs: 10, min: 100, max: 100_000 };

/** Chunk sizes and times for a run of `total` samples on a machine where a sample costs `costMs(i)` in chunk i. */
function simulate(total: number, costMs: (chunk: number) => number, first = FIRST_CHUNK, l = limits) {
  const chunks: { size: number; ms: number }[] = [];
  let size = first;
  let done = 0;
  while (done < total) {
    const n = Math.min(size, total - done);
    const ms = n * costMs(chunks.length);
    chunks.push({ size: n, ms });
    done += n;
    size = nextChunkSize(n, ms, l);
  }
  return chunks;
}

describe('nextChunkSize', () => {
  test('scales a chunk toward the target time', () => {
    expect(nextChunkSize(1000, 20, limits)).toBe(500);
    expect(nextChunkSize(1000, 10, limits)).toBe(1000);
    expect(nextChunkSize(1000, 8, limits)).toBe(1250);
  });

  test('grows at most twofold per chunk, however fast the last one was', () => {
    expect(nextChunkSize(1000, 0.001, limits)).toBe(2000);
    expect(nextChunkSize(1000, 0, limits)).toBe(2000);
    expect(nextChunkSize(1000, -3, limits)).toBe(2000);
  });

  test('stays within the limits, and recovers from a size or time that is not a number', () => {
    expect(nextChunkSize(90_000, 1, limits)).toBe(100_000);
    expect(nextChunkSize(1000, 1e6, limits)).toBe(100);
    expect(nextChunkSize(Number.NaN, 5, limits)).toBe(200);
    expect(nextChunkSize(1000, Number.NaN, limits)).toBe(2000);
    expect(nextChunkSize(0, Number.POSITIVE_INFINITY, limits)).toBe(100);
  });

  test('keeps every chunk of a 10^7-sample run within the target once the first has been timed', () => {
    for (const cost of [0.0002, 0.002, 0.02]) {
      const chunks = simulate(1e7, () => cost);
      expect(chunks.reduce((n, c) => n + c.size, 0)).toBe(1e7);
      const later = chunks.slice(1).map((c) => c.ms);
      expect(Math.max(...later), `cost ${cost} ms a sample`).toBeLessThanOrEqual(limits.targetMs + 1e-9);
    }
  });

  test('shrinks after a slowdown: only the chunk that meets it runs long', () => {
    // The machine gets 20 times slower from chunk 30 on (another tab, a throttled CPU).
    const chunks = simulate(2e6, (i) => (i < 30 ? 0.001 : 0.02));
    const over = chunks.filter((c) => c.ms > limits.targetMs + 1e-9);
    expect(over.length).toBe(1);
    expect(chunks.indexOf(over[0]!)).toBe(30);
  });

  test('uses the calculator limits by default, and they leave most of a 100 ms budget free', () => {
    expect(nextChunkSize(FIRST_CHUNK, 0)).toBe(2 * FIRST_CHUNK);
    expect(MONTE_CARLO_CHUNKS.targetMs).toBeLessThanOrEqual(25);
    expect(FIRST_CHUNK).toBeLessThanOrEqual(MONTE_CARLO_CHUNKS.max);
  });

  test('drives a real run to the same result as one done in a single step', () => {
    const inputs = { ...ORDERING_DEFAULTS, n: 20_000, seed: 4, dS: 'lognormal' as const };
    const whole = startMonteCarlo(inputs);
    whole.step(whole.total);
    const run = startMonteCarlo(inputs);
    let size = 300;
    let chunks = 0;
    while (!run.done) {
      const before = run.drawn;
      run.step(size);
      chunks++;
      size = nextChunkSize(run.drawn - before, 3 + (chunks % 5), { targetMs: 4, min: 100, max: 5000 });
    }
    expect(chunks).toBeGreaterThan(4);
    expect(run.result()).toEqual(whole.result());
  });
});

describe('runProgress', () => {
  test('reports whole percent rounded down and whether the run is partial', () => {
    expect(runProgress(0, 1e7)).toEqual({ drawn: 0, total: 1e7, percent: 0, partial: true });
    expect(runProgress(9_999_999, 1e7)).toEqual({ drawn: 9_999_999, total: 1e7, percent: 99, partial: true });
    expect(runProgress(1e7, 1e7)).toEqual({ drawn: 1e7, total: 1e7, percent: 100, partial: false });
  });

  test('clamps counts outside the run', () => {
    expect(runProgress(-5, 10)).toMatchObject({ drawn: 0, percent: 0 });
    expect(runProgress(12, 10)).toMatchObject({ drawn: 10, percent: 100, partial: false });
    expect(runProgress(0, 0)).toMatchObject({ total: 1, partial: true });
  });
});
