/** The licence states a source can be in (kept in step with licenceSchema in src/schemas/common.ts). */
export type LicenceStatus = 'cc-by-4.0' | 'all-rights-reserved' | 'unknown';

const LABELS: Record<LicenceStatus, { long: string; short: string; brief: string }> = {
  'cc-by-4.0': { long: 'CC BY 4.0', short: 'CC BY 4.0', brief: 'CC BY 4.0' },
  'all-rights-reserved': {
    long: 'No open licence stated: copyright stays with the authors',
    short: 'no open licence; copyright with the authors',
    brief: '© the authors, no open licence',
  },
  unknown: { long: 'Licence unknown', short: 'licence unknown', brief: 'licence unknown' },
};

/**
 * How a licence status reads to people: `long` heads an attribution box, `short` fits a list item,
 * `brief` fits the one line a closed attribution box shows.
 */
export function licenceLabel(status: LicenceStatus, form: 'long' | 'short' | 'brief' = 'long'): string {
  return LABELS[status][form];
}
