/**
 * How a long Monte Carlo run is cut into chunks that each fit a time budget, so the page can hand
 * control back to the browser between them. Pure: the island measures each chunk's time and asks
 * for the next size; nothing here reads a clock or schedules anything.
 */

/** Limits for chunk sizes, in samples, and the time one chunk should take. */
export interface ChunkLimits {
  /** The time a chunk should take, in milliseconds. */
  targetMs: number;
  /** Fewest samples in a chunk (so a slow first measurement cannot stall the run). */
  min: number;
  /** Most samples in a chunk: a bound that holds even when the clock is coarse or lies. */
  max: number;
}

/** Chunk limits for the ordering calculator: ~12 ms chunks leave room for a render inside a 50 ms task. */
export const MONTE_CARLO_CHUNKS: ChunkLimits = { targetMs: 12, min: 500, max: 50_000 };

/** Samples in the first chunk, before any timing is known: small enough for a slow phone. */
export const FIRST_CHUNK = 1000;

/**
 * The size of the next chunk, given how long the last one (`size` samples) took: scaled toward the
 * target time, growing at most twofold per chunk (one fast chunk, e.g. on a coarse clock, must not
 * produce a huge one) and shrinking as far as the measurement says.
 */
export function nextChunkSize(size: number, elapsedMs: number, limits: ChunkLimits = MONTE_CARLO_CHUNKS): number {
  const { targetMs, min, max } = limits;
  const current = Number.isFinite(size) && size > 0 ? size : min;
  // A zero, negative or missing reading (a coarse or clamped clock) says only "fast": grow by the cap.
  const scaled = elapsedMs > 0 ? (current * targetMs) / elapsedMs : Number.POSITIVE_INFINITY;
  return Math.max(min, Math.min(max, 2 * current, Math.floor(scaled)));
}

/** Where a run stands, for a progress bar and for saying whether a result is partial. */
export interface RunProgress {
  drawn: number;
  total: number;
  /** Whole percent done, rounded down so 100 only shows when the run is complete. */
  percent: number;
  partial: boolean;
}

/** The progress of a run that has drawn `drawn` of `total` samples. */
export function runProgress(drawn: number, total: number): RunProgress {
  const t = Math.max(1, total);
  const d = Math.min(Math.max(0, drawn), t);
  return { drawn: d, total: t, percent: Math.floor((100 * d) / t), partial: d < t };
}
