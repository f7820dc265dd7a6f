// Moving through a comment thread as the page shows it: comments in reading order (each comment,
// then its replies), each with its depth and whether the reader folded it. Nothing here knows the
// DOM: the page script measures positions and passes them in.

/** One comment as the navigation sees it, in reading order. */
export interface NavEntry {
  /** 0 for a top-level comment, 1 for a reply to it, and so on. */
  depth: number;
  /** The reader folded it: its own text and all its replies are out of sight. */
  collapsed: boolean;
}

/** A comment with where its top edge sits, in pixels below the reading line (negative: above it). */
export interface PlacedEntry extends NavEntry {
  top: number;
}

/** For each entry, whether a folded comment above it in the tree hides it (its own fold does not). */
export function hiddenEntries(entries: readonly NavEntry[]): boolean[] {
  // Depth of the shallowest folded comment whose replies we are inside, or Infinity.
  let foldedAt = Number.POSITIVE_INFINITY;
  return entries.map((e) => {
    if (e.depth <= foldedAt) foldedAt = Number.POSITIVE_INFINITY;
    const hidden = foldedAt !== Number.POSITIVE_INFINITY;
    if (!hidden && e.collapsed) foldedAt = e.depth;
    return hidden;
  });
}

/**
 * The entry a "next" (dir 1) or "previous" (dir -1) move lands on, or null at either end. Moves
 * skip replies hidden by a fold; `topLevel` moves only between top-level comments. From a current
 * comment the move is relative to it; without one (nothing focused, or focus scrolled out of sight)
 * it goes to the first comment below the reading line, or the last one above it. Two pixels of
 * slack keep a comment that was just scrolled to the line from counting as below or above it.
 */
export function stepTo(entries: readonly PlacedEntry[], current: number | null, dir: 1 | -1, topLevel = false): number | null {
  const hidden = hiddenEntries(entries);
  const eligible = (i: number): boolean => !hidden[i] && (!topLevel || entries[i]?.depth === 0);
  if (current !== null) {
    for (let i = current + dir; i >= 0 && i < entries.length; i += dir) if (eligible(i)) return i;
    return null;
  }
  if (dir === 1) {
    for (let i = 0; i < entries.length; i++) if (eligible(i) && (entries[i]?.top ?? 0) > 2) return i;
    return null;
  }
  for (let i = entries.length - 1; i >= 0; i--) if (eligible(i) && (entries[i]?.top ?? 0) < -2) return i;
  return null;
}
