/**
 * Stable labels for authors the export does not record. An editor may say that two comments by
 * unrecorded authors are by the same person (`author.sameAs: <key>` in a segmentation file); the
 * comments so joined, directly or through others, form one group, and each group of two or more
 * gets a per-thread label ("Commenter A", "Commenter B", …) in the order its first comment appears.
 * A comment whose unrecorded author appears only once keeps no label: a letter would suggest a
 * known, recurring person. Pure: the importer turns a LabelError into a `file:line` message.
 */

/** One comment as the grouping sees it, in export order. */
export interface GroupInput {
  /** The facts' key (C1, V8 …), when the comment has one. */
  key?: string | undefined;
  /** True when the author is not recorded (status `unknown`, no name). */
  unrecorded: boolean;
  /** The key of a comment the editors judge to be by the same person, with the line that says so. */
  sameAs?: { key: string; at: number } | undefined;
}

/** A `sameAs` that cannot be honoured: the line of the entry and what is wrong. */
export class LabelError extends Error {
  readonly at: number;

  constructor(at: number, message: string) {
    super(message);
    this.name = 'LabelError';
    this.at = at;
  }
}

/** "A", "B", … "Z", "AA", "AB", …: spreadsheet-style letters for the n-th group (0-based). */
export function groupLetters(n: number): string {
  let out = '';
  for (let i = n + 1; i > 0; i = Math.floor((i - 1) / 26)) out = String.fromCharCode(65 + ((i - 1) % 26)) + out;
  return out;
}

/** The label readers see for the n-th group of a thread (0-based). */
export function commenterLabel(n: number): string {
  return `Commenter ${groupLetters(n)}`;
}

/**
 * The label of each comment (undefined for named authors and one-off unrecorded ones), checking
 * every `sameAs`: its key must name another comment of the thread, and both authors must be unrecorded.
 */
export function authorLabels(comments: readonly GroupInput[]): (string | undefined)[] {
  const index = new Map<string, number>();
  comments.forEach((c, i) => {
    if (c.key !== undefined) index.set(c.key, i);
  });
  // Union-find over comment positions; the root of a group is its earliest comment.
  const root = comments.map((_, i) => i);
  const find = (i: number): number => {
    while (root[i] !== i) {
      const up = root[i] ?? i;
      root[i] = root[up] ?? up;
      i = up;
    }
    return i;
  };
  comments.forEach((c, i) => {
    if (!c.sameAs) return;
    const { key, at } = c.sameAs;
    const self = c.key ?? `the comment at position ${i + 1}`;
    const j = index.get(key);
    if (j === undefined) throw new LabelError(at, `author.sameAs of ${self}: no comment has the key "${key}"`);
    if (j === i) throw new LabelError(at, `author.sameAs of ${self}: a comment cannot be "the same person" as itself`);
    if (!c.unrecorded) throw new LabelError(at, `author.sameAs of ${self}: only comments whose author is not recorded (status unknown) can be joined`);
    if (!comments[j]?.unrecorded) throw new LabelError(at, `author.sameAs of ${self}: ${key}'s author is recorded or inferred by name, so it needs no label`);
    const a = find(i);
    const b = find(j);
    if (a !== b) {
      root[Math.max(a, b)] = Math.min(a, b);
    }
  });
  const size = new Map<number, number>();
  comments.forEach((_, i) => size.set(find(i), (size.get(find(i)) ?? 0) + 1));
  const letter = new Map<number, string>();
  return comments.map((c, i) => {
    const r = find(i);
    if (!c.unrecorded || (size.get(r) ?? 0) < 2) return undefined;
    // Roots are earliest members and comments are visited in order, so letters follow first appearance.
    if (!letter.has(r)) letter.set(r, commenterLabel(letter.size));
    return letter.get(r);
  });
}
