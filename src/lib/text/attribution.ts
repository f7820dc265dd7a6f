/**
 * Who wrote a passage, and how we know. Every derived label (link titles, reply context, previews,
 * search records, page headers) is built from an `Attribution` rather than a bare name, so a name
 * the editors only inferred can never be shown without saying so.
 */

/** How an attribution is known; the same four values the content schema allows (src/schemas/common.ts). */
export const ATTRIBUTION_STATUSES = ['recorded', 'verified', 'inferred', 'unknown'] as const;
export type AttributionStatus = (typeof ATTRIBUTION_STATUSES)[number];

/**
 * A name together with how sure we are of it. Derived records carry this instead of a string, so
 * the status cannot be dropped on the way to a label. `name` is null exactly when the export and
 * the facts give no author (status `unknown`).
 */
export interface Attribution {
  readonly name: string | null;
  readonly status: AttributionStatus;
  /**
   * For an unrecorded author the editors judge to have written several comments of one thread:
   * that thread's label for them ("Commenter A"). A label, never a name: it says nothing of who.
   */
  readonly label?: string | undefined;
}

/** What a per-thread label for an unrecorded author looks like ("Commenter A", "Commenter AB"). */
export const COMMENTER_LABEL_RE = /^Commenter [A-Z]+$/;

/**
 * Where a label stands. `phrase`: inside a sentence ("In reply to …", "Comment by …"). `label`:
 * on its own, as a list entry or a filter value, so it starts with a capital.
 */
export type LabelForm = 'phrase' | 'label';

const UNKNOWN = { phrase: 'an author not recorded in the export', label: 'Author not recorded in the export' } as const;

/** Whether a string is one of the four attribution statuses (for data read back from HTML or JSON). */
export function isAttributionStatus(value: unknown): value is AttributionStatus {
  return typeof value === 'string' && (ATTRIBUTION_STATUSES as readonly string[]).includes(value);
}

/** Just the name and status of a richer author record, so notes and slugs stay out of derived JSON. */
export function attributionOf(author: { name: string | null; status: AttributionStatus; label?: string | undefined }): Attribution {
  // A name without evidence is not shown: the schema forbids the pair, and a label must not guess.
  if (author.status === 'unknown' || author.name === null) {
    return author.label !== undefined && COMMENTER_LABEL_RE.test(author.label)
      ? { name: null, status: 'unknown', label: author.label }
      : { name: null, status: 'unknown' };
  }
  return { name: author.name, status: author.status };
}

/** Whether the name is only inferred (or absent), i.e. whether a label must qualify it. */
export function isUncertain(author: Attribution): boolean {
  return author.status === 'inferred' || author.status === 'unknown' || author.name === null;
}

/**
 * The name as readers see it: "DavidW", "DavidW (inferred)", an unrecorded author's per-thread
 * label ("Commenter A"), or "an author not recorded in the export".
 */
export function authorLabel(author: Attribution, form: LabelForm = 'phrase'): string {
  if (author.status === 'unknown' || author.name === null) return author.label ?? UNKNOWN[form];
  return author.status === 'inferred' ? `${author.name} (inferred)` : author.name;
}

/**
 * One line naming everyone who wrote a set of comments: "A, B (inferred), C (2 of 5 comments
 * inferred); 3 comments by authors not recorded in the export". Names keep first-seen order.
 */
export function authorsSummary(authors: readonly Attribution[]): string {
  const byName = new Map<string, { total: number; inferred: number }>();
  let unknown = 0;
  for (const a of authors) {
    if (a.status === 'unknown' || a.name === null) {
      unknown += 1;
      continue;
    }
    const entry = byName.get(a.name) ?? { total: 0, inferred: 0 };
    entry.total += 1;
    if (a.status === 'inferred') entry.inferred += 1;
    byName.set(a.name, entry);
  }
  const parts = [...byName].map(([name, { total, inferred }]) => {
    if (inferred === 0) return name;
    if (inferred === total) return authorLabel({ name, status: 'inferred' });
    // Some of this person's comments are attributed on evidence and some by inference: say which share.
    return `${name} (${inferred} of ${total} comments inferred)`;
  });
  const named = parts.join(', ');
  if (unknown === 0) return named;
  const rest = `${unknown} ${unknown === 1 ? 'comment' : 'comments'} by ${unknown === 1 ? 'an author' : 'authors'} not recorded in the export`;
  return named ? `${named}; ${rest}` : rest;
}

/** The distinct "Commenter A" labels among a thread's authors, in the order they first appear. */
export function commenterLabels(authors: readonly { status: AttributionStatus; label?: string | undefined }[]): string[] {
  return [...new Set(authors.flatMap((a) => (a.status === 'unknown' && a.label !== undefined ? [a.label] : [])))];
}

/** "Commenter A", "Commenter A and Commenter B", "Commenter A, Commenter B and Commenter C". */
export function listLabels(labels: readonly string[]): string {
  if (labels.length <= 1) return labels[0] ?? '';
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1] ?? ''}`;
}
