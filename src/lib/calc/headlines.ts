/**
 * Plain-words comparison of the calculator's P(deceptive) with the debate's two headline figures:
 * the essay's "<1 %" for deceptive alignment and Carlsmith's "about 25 %" for scheming (see the
 * home page's "Two estimates" and the tour's "Two numbers"). The figures answer different
 * questions, so the page only says where a number lies relative to them, not which side it backs.
 */

/** The essay's bound: deceptive alignment below 1 % likely by default. */
export const ESSAY_BOUND = 0.01;
/** Carlsmith's report: scheming at roughly 25 % for the models it considers. */
export const REPORT_FIGURE = 0.25;

const FRACTIONS = ['', 'all', 'half', 'a third', 'a quarter', 'a fifth', 'a sixth', 'a seventh', 'an eighth', 'a ninth', 'a tenth'];

// "about a fifth of", "about 3 times", "about the same as": how `p` relates to `ref`, in words.
function relative(p: number, ref: number): string {
  const r = p / ref;
  if (!(r > 0)) return 'far below';
  if (r >= 0.9 && r <= 1.1) return 'about the same as';
  if (r > 1) return r < 1.5 ? 'a little above' : `about ${r < 10 ? Number(r.toFixed(1)) : Math.round(r)} times`;
  if (r > 2 / 3) return 'a little below';
  const n = Math.round(1 / r);
  if (n === 2) return 'about half of';
  if (n <= 10) return `about ${FRACTIONS[n]} of`;
  if (n > 1000) return 'under a thousandth of';
  return `about 1/${n < 20 ? n : Number(n.toPrecision(1))} of`;
}

/** The two phrases that open each half of the comparison, before the figure they refer to. */
export interface HeadlineComparison {
  /** Before the essay's figure: "within", or how many times its bound. */
  essay: string;
  /** Before Carlsmith's figure: "about a fifth of", "about the same as", … */
  report: string;
}

/** How a probability of deceptive alignment compares with the two headline figures, in words. */
export function compareWithHeadlines(p: number): HeadlineComparison {
  const essay = p < ESSAY_BOUND ? 'within' : relative(p, ESSAY_BOUND);
  return { essay, report: relative(p, REPORT_FIGURE) };
}
