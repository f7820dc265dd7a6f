/**
 * What the editors have not curated yet, as a report (`npm run curation`), never a failing test:
 * a newly imported thread builds and passes the tests before anyone has summarised it. Three
 * lists: source pages without our summary; glossary terms a page uses whose entry cites no passage
 * of that page; and words a page leans on that the glossary does not define (candidates only,
 * picked by a simple rule: a hyphenated compound or an acronym used in three or more passages).
 */
import { linkFirstUses, termMatchers } from '../text/terms.ts';

/** One source page, as the report needs it: its passages' texts by anchor. */
export interface CurationPage {
  /** `essays/<slug>` or `threads/<slug>`. */
  page: string;
  title: string;
  passages: readonly { anchor: string; texts: readonly string[] }[];
}

export interface CurationInput {
  pages: readonly CurationPage[];
  /** Targets of the summaries we have written (`threads/<slug>`). */
  summaries: readonly string[];
  terms: readonly { slug: string; term: string; aliases?: readonly string[]; sources: readonly string[] }[];
}

export interface CurationReport {
  /** Pages with no summary of ours. */
  unsummarised: { page: string; title: string }[];
  /** Per page, the glossary terms it uses whose entry cites none of its passages. */
  uncitedTerms: { page: string; terms: string[] }[];
  /** Per page, words that may deserve a glossary entry, with the number of passages using them. */
  candidates: { page: string; words: { word: string; passages: number }[] }[];
}

/** A word the glossary might want: a hyphenated compound (`training-gaming`) or an acronym (`SGD`). */
const CANDIDATE = /\b(?:[A-Za-z]+(?:-[A-Za-z]+)+|[A-Z]{2,6}s?)\b/g;
/** Passages a candidate must appear in before it is listed. */
export const CANDIDATE_MIN_PASSAGES = 3;
/** Acronyms and compounds every text uses; listing them would only add noise. */
const COMMON = new Set([
  'ai',
  'ais',
  'ok',
  'i',
  'us',
  'uk',
  'eg',
  'ie',
  'tl-dr',
  'e-g',
  'i-e',
  'so-called',
  'well-known',
  'long-term',
  'short-term',
  'non-trivial',
]);

/** Builds the report. */
export function curationReport(input: CurationInput): CurationReport {
  const summarised = new Set(input.summaries);
  const matchers = termMatchers(input.terms);
  const forms = new Set(matchers.flatMap((m) => m.forms.map((f) => f.toLowerCase())));
  const unsummarised = input.pages.filter((p) => !summarised.has(p.page)).map((p) => ({ page: p.page, title: p.title }));
  const uncitedTerms: CurationReport['uncitedTerms'] = [];
  const candidates: CurationReport['candidates'] = [];
  for (const p of input.pages) {
    const { linked } = linkFirstUses(
      p.passages.flatMap((x) => x.texts),
      matchers,
    );
    const cited = (slug: string) => input.terms.find((t) => t.slug === slug)?.sources.some((s) => s === p.page || s.startsWith(`${p.page}#`)) ?? false;
    const uncited = linked.filter((slug) => !cited(slug));
    if (uncited.length > 0) uncitedTerms.push({ page: p.page, terms: uncited });
    const counts = new Map<string, { word: string; passages: number }>();
    for (const x of p.passages) {
      const seen = new Set<string>();
      for (const m of x.texts.join('\n').matchAll(CANDIDATE)) {
        const key = m[0].toLowerCase().replace(/s$/, '');
        if (seen.has(key) || COMMON.has(key) || forms.has(key) || forms.has(`${key}s`)) continue;
        seen.add(key);
        const entry = counts.get(key) ?? { word: m[0], passages: 0 };
        entry.passages += 1;
        counts.set(key, entry);
      }
    }
    const words = [...counts.values()]
      .filter((w) => w.passages >= CANDIDATE_MIN_PASSAGES)
      .sort((a, b) => b.passages - a.passages || a.word.localeCompare(b.word));
    if (words.length > 0) candidates.push({ page: p.page, words });
  }
  return { unsummarised, uncitedTerms, candidates };
}

/** The report as the command prints it. */
export function formatCurationReport(r: CurationReport): string {
  const out: string[] = [];
  out.push(`Pages without a summary (${r.unsummarised.length}):`);
  for (const p of r.unsummarised) {
    const [kind = '', slug = ''] = p.page.split('/');
    out.push(`  ${p.page}  “${p.title}”: add content/summaries/${kind.replace(/s$/, '')}-${slug}.mdx with target: "${p.page}"`);
  }
  out.push('', `Glossary terms used on a page whose entry cites none of its passages (${r.uncitedTerms.reduce((n, x) => n + x.terms.length, 0)}):`);
  for (const x of r.uncitedTerms) out.push(`  ${x.page}: ${x.terms.join(', ')}`);
  out.push('', `Words used in ${CANDIDATE_MIN_PASSAGES} or more passages that the glossary does not define (candidates, not errors):`);
  for (const x of r.candidates) out.push(`  ${x.page}: ${x.words.map((w) => `${w.word} (${w.passages})`).join(', ')}`);
  return `${out.join('\n')}\n`;
}
