// Lighthouse (the npm package, programmatic API) on one page per kind, with its mobile and desktop
// presets, driving Debian's Chromium through chrome-launcher. The site is served the way a static
// host serves it (gzip, immutable hashed assets); see serveDist's hostLike option.
import { launch } from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import { PAGE_KINDS, type PageKind } from '../bench/kinds.ts';
import { medianItem } from '../bench/report.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './bench-browser.ts';
import { serveDist } from './serve-dist.ts';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
/**
 * Lighthouse's phone and desktop presets, and the phone again with applied throttling: by default
 * Lighthouse simulates the slow link and CPU from an unthrottled run, and its model waits for the
 * whole HTML before the first paint; `mobile-applied` has Chromium itself receive the page at the
 * phone's speed (DevTools throttling), so it paints as the page arrives, as a real phone does.
 */
export const PRESETS = ['mobile', 'desktop', 'mobile-applied'] as const;
export type Preset = (typeof PRESETS)[number];

/** The Lighthouse config for a preset (undefined: Lighthouse's default, the simulated phone). */
function presetConfig(preset: Preset): Parameters<typeof lighthouse>[2] {
  if (preset === 'desktop') return desktopConfig;
  if (preset === 'mobile-applied') return { extends: 'lighthouse:default', settings: { throttlingMethod: 'devtools' } };
  return undefined;
}

/** One Lighthouse run: category scores (0–100), the three metrics, and what it flagged. */
export interface LighthouseRun {
  scores: Record<(typeof CATEGORIES)[number], number | null>;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  fcpMs: number;
  /**
   * Bytes of the page itself as sent (gzipped, headers included). On Lighthouse's simulated phone
   * link a page up to about 14 KiB arrives in one round trip and a longer one in two or more,
   * which is most of the difference between reading pages' LCP (bench/README.md).
   */
  documentBytes: number;
  /** Audits that cost points (score below 1 in a scored category), as `id: title (value)`. */
  flagged: string[];
  warnings: string[];
}

type Lhr = NonNullable<Awaited<ReturnType<typeof lighthouse>>>['lhr'];

/** The figures of one Lighthouse result. */
export function summarise(lhr: Lhr): LighthouseRun {
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => [c, lhr.categories[c]?.score == null ? null : Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
  ) as LighthouseRun['scores'];
  const metric = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const flagged: string[] = [];
  for (const c of CATEGORIES) {
    for (const ref of lhr.categories[c]?.auditRefs ?? []) {
      const a = lhr.audits[ref.id];
      if (!a || ref.weight === 0 || a.score === null || a.score >= 1) continue;
      flagged.push(`${a.id}: ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}`);
    }
  }
  const requests = (lhr.audits['network-requests']?.details as { items?: { resourceType?: string; transferSize?: number }[] } | undefined)?.items ?? [];
  return {
    scores,
    documentBytes: requests.find((q) => q.resourceType === 'Document')?.transferSize ?? Number.NaN,
    lcpMs: metric('largest-contentful-paint'),
    tbtMs: metric('total-blocking-time'),
    cls: metric('cumulative-layout-shift'),
    fcpMs: metric('first-contentful-paint'),
    flagged,
    warnings: lhr.runWarnings ?? [],
  };
}

/** Runs Lighthouse `runs` times on each page (one per kind) with each preset and keeps the median run; `log` reports progress. */
export async function benchLighthouse(
  dist: string,
  pages: Partial<Record<PageKind, string>>,
  { presets = PRESETS, runs = 1, log = (_: string) => {} }: { presets?: readonly Preset[]; runs?: number; log?: (line: string) => void } = {},
): Promise<Partial<Record<PageKind, Partial<Record<Preset, LighthouseRun>>>>> {
  const served = await serveDist(dist, 0, { hostLike: true });
  const chrome = await launch({ chromePath: CHROMIUM, chromeFlags: CHROMIUM_ARGS, logLevel: 'silent' });
  try {
    const out: Partial<Record<PageKind, Partial<Record<Preset, LighthouseRun>>>> = {};
    for (const kind of PAGE_KINDS) {
      const path = pages[kind];
      if (!path) continue;
      for (const preset of presets) {
        const all: LighthouseRun[] = [];
        for (let i = 0; i < runs; i++) {
          const result = await lighthouse(
            `${served.url}${path}`,
            { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] },
            presetConfig(preset),
          );
          if (!result) throw new Error(`Lighthouse returned nothing for ${path} (${preset})`);
          all.push(summarise(result.lhr));
        }
        // The run with the median LCP, whole: single runs vary (one whose first paint is partial
        // can cost 150 ms more), and one run's figures belong together.
        const run = medianItem(all, (r) => r.lcpMs);
        (out[kind] ??= {})[preset] = run;
        log(
          `lighthouse ${preset.padEnd(7)} ${path}: ${CATEGORIES.map((c) => run.scores[c]).join('/')}, LCP ${Math.round(run.lcpMs)} ms, TBT ${Math.round(run.tbtMs)} ms, CLS ${run.cls === 0 ? 0 : run.cls.toPrecision(2)}${runs > 1 ? ` (median of ${runs}; LCP ${all.map((r) => Math.round(r.lcpMs)).join(', ')})` : ''}`,
        );
      }
    }
    return out;
  } finally {
    chrome.kill();
    await served.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dist = 'dist', ...paths] = process.argv.slice(2);
  const r = await benchLighthouse(dist, Object.fromEntries(paths.map((p, i) => [PAGE_KINDS[i] ?? 'home', p])), { log: console.error });
  console.log(JSON.stringify(r, null, 2));
}
