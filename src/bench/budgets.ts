// The budgets of site.md as numbers, and the check the bench runs over its figures. The built-site
// tests enforce the byte budgets; times and Lighthouse scores are only reported (they vary by machine).

/** JavaScript a reading page may run before interaction: the search and preview loader (gzipped bytes). */
export const READING_JS_GZIP = 3 * 1024;
/** All JavaScript a calculator page runs before interaction (gzipped bytes). */
export const CALCULATOR_JS_GZIP = 25 * 1024;
/** Bytes fetched over the wire for the first search query. */
export const SEARCH_FIRST_QUERY_GZIP = 100 * 1024;
/** Median time from typing to rendered results. */
export const SEARCH_MEDIAN_MS = 50;
/** Every Lighthouse category, on every page kind and both presets. */
export const LIGHTHOUSE_SCORE = 100;

/**
 * The gzipped HTML a page's first screen must fit in: what a server may send before the first
 * acknowledgement comes back (TCP's initial window, ten 1,460-byte segments, RFC 6928), less
 * about 400 bytes of response headers. On a slow link each further window is one more round trip.
 */
export const FIRST_WINDOW_BODY_BYTES = 10 * 1460 - 400;

/**
 * Round trips a response of `gzipBytes` needs on a fresh connection when each window is twice the
 * last (TCP slow start with no loss, before the link's bandwidth caps it): 1 up to the first window.
 */
export function roundTripsFor(gzipBytes: number): number {
  let trips = 1;
  let window = FIRST_WINDOW_BODY_BYTES;
  let sent = window;
  while (sent < gzipBytes) {
    window *= 2;
    sent += window;
    trips++;
  }
  return trips;
}

/** One budget line: what was measured against what was allowed. */
export interface BudgetCheck {
  budget: string;
  /** The page or page kind it applies to, or '' for site-wide budgets. */
  where: string;
  limit: number | string;
  actual: number | string;
  ok: boolean;
}

/** The bench figures the budgets read; every part is optional because every part of the bench is. */
export interface BudgetInputs {
  /** Per page: gzipped JS before interaction (inline scripts included), and whether it is a reading page. */
  pages?: readonly { path: string; reading: boolean; calculator: boolean; eagerJsGzip: number }[];
  /** Per page kind and preset: the four category scores and CLS. */
  lighthouse?: Readonly<Record<string, Readonly<Record<string, { scores: Readonly<Record<string, number | null>>; cls: number }>>>>;
  /** Search: the costliest cold first query (and which it was), early fetches, the median time. */
  search?: { firstQueryGzip: number; firstQueryWhere?: string; bytesBeforeFirstUse: number; medianMs: number };
  /** Per page kind, the gzipped bytes a phone needs to paint its first screen (src/tools/first-screen.ts). */
  firstScreen?: Readonly<Record<string, { firstScreenGzip: number }>>;
  /** Pages whose stylesheets include KaTeX's, and whether each has KaTeX markup. */
  katex?: readonly { path: string; katexCss: boolean; katexMarkup: boolean; externalAssets: number }[];
}

/** Checks every budget the inputs allow, one line per page or kind for per-page budgets. */
export function checkBudgets(inputs: BudgetInputs): BudgetCheck[] {
  const out: BudgetCheck[] = [];
  for (const p of inputs.pages ?? []) {
    if (p.reading)
      out.push({
        budget: 'reading-page JS before interaction (gzip)',
        where: p.path,
        limit: READING_JS_GZIP,
        actual: p.eagerJsGzip,
        ok: p.eagerJsGzip <= READING_JS_GZIP,
      });
    if (p.calculator)
      out.push({ budget: 'calculator JS (gzip)', where: p.path, limit: CALCULATOR_JS_GZIP, actual: p.eagerJsGzip, ok: p.eagerJsGzip <= CALCULATOR_JS_GZIP });
  }
  for (const [kind, presets] of Object.entries(inputs.lighthouse ?? {})) {
    for (const [preset, run] of Object.entries(presets)) {
      const low = Object.entries(run.scores).filter(([, s]) => s !== LIGHTHOUSE_SCORE);
      out.push({
        budget: `Lighthouse ${preset}: 100 in every category`,
        where: kind,
        limit: LIGHTHOUSE_SCORE,
        actual: low.length ? low.map(([c, s]) => `${c} ${s ?? 'n/a'}`).join(', ') : LIGHTHOUSE_SCORE,
        ok: low.length === 0,
      });
      out.push({ budget: `Lighthouse ${preset}: CLS 0`, where: kind, limit: 0, actual: run.cls, ok: run.cls === 0 });
    }
  }
  for (const [kind, f] of Object.entries(inputs.firstScreen ?? {})) {
    out.push({
      budget: 'first screen within the first round trip (gzip)',
      where: kind,
      limit: FIRST_WINDOW_BODY_BYTES,
      actual: f.firstScreenGzip,
      ok: f.firstScreenGzip <= FIRST_WINDOW_BODY_BYTES,
    });
  }
  if (inputs.search) {
    const s = inputs.search;
    out.push({
      budget: 'search: bytes for the first query (gzip)',
      where: s.firstQueryWhere ?? '',
      limit: SEARCH_FIRST_QUERY_GZIP,
      actual: s.firstQueryGzip,
      ok: s.firstQueryGzip <= SEARCH_FIRST_QUERY_GZIP,
    });
    out.push({ budget: 'search: nothing fetched before first use', where: '', limit: 0, actual: s.bytesBeforeFirstUse, ok: s.bytesBeforeFirstUse === 0 });
    out.push({
      budget: 'search: median ms from typing to results',
      where: '',
      limit: SEARCH_MEDIAN_MS,
      actual: Math.round(s.medianMs * 10) / 10,
      ok: s.medianMs <= SEARCH_MEDIAN_MS,
    });
  }
  const k = inputs.katex ?? [];
  if (k.length) {
    const stray = k.filter((p) => p.katexCss && !p.katexMarkup).map((p) => p.path);
    const missing = k.filter((p) => !p.katexCss && p.katexMarkup).map((p) => p.path);
    const external = k.filter((p) => p.externalAssets > 0).map((p) => p.path);
    out.push({ budget: 'KaTeX CSS only on pages with math', where: stray.join(' ') || '', limit: 0, actual: stray.length, ok: stray.length === 0 });
    out.push({ budget: 'KaTeX CSS on every page with math', where: missing.join(' ') || '', limit: 0, actual: missing.length, ok: missing.length === 0 });
    out.push({
      budget: 'scripts, styles and fonts from our own origin',
      where: external.join(' ') || '',
      limit: 0,
      actual: external.length,
      ok: external.length === 0,
    });
  }
  return out;
}
