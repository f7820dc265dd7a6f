/** Minimal shape of a comment that the tree needs; the full schema type satisfies it. */
export interface TreeComment {
  id: string;
  replyTo: { kind: 'post' | 'comment' | 'unknown'; id?: string | undefined };
}

/** A comment with the replies that point at it, in export order. */
export interface CommentNode<C extends TreeComment> {
  comment: C;
  replies: CommentNode<C>[];
  depth: number;
}

/**
 * Arranges comments into reply trees. Roots are top-level comments and comments whose parent is
 * unknown or missing, kept in export order so the page reads like the original thread.
 */
export function buildCommentTree<C extends TreeComment>(comments: readonly C[]): CommentNode<C>[] {
  const byId = new Map(comments.map((c) => [c.id, c]));
  const children = new Map<string, C[]>();
  const roots: C[] = [];
  for (const c of comments) {
    const parentId = c.replyTo.kind === 'comment' ? c.replyTo.id : undefined;
    // A parent that is itself or not in this thread cannot hold the reply; show it as a root.
    if (parentId && parentId !== c.id && byId.has(parentId)) {
      const list = children.get(parentId) ?? [];
      list.push(c);
      children.set(parentId, list);
    } else {
      roots.push(c);
    }
  }
  const seen = new Set<string>();
  const build = (c: C, depth: number): CommentNode<C> => {
    seen.add(c.id);
    // Guard against reply cycles in hand-written segmentation files: a cycle member is not re-entered.
    const replies = (children.get(c.id) ?? []).filter((r) => !seen.has(r.id)).map((r) => build(r, depth + 1));
    return { comment: c, replies, depth };
  };
  const trees = roots.map((c) => build(c, 0));
  // Comments only reachable through a cycle would otherwise vanish; surface them as roots.
  for (const c of comments) if (!seen.has(c.id)) trees.push(build(c, 0));
  return trees;
}

/** Ids of the comments that reply directly to `id`, in export order. */
export function repliesOf<C extends TreeComment>(comments: readonly C[], id: string): C[] {
  return comments.filter((c) => c.replyTo.kind === 'comment' && c.replyTo.id === id && c.id !== id);
}

/** Counts comments in a forest of trees. */
export function countNodes<C extends TreeComment>(trees: readonly CommentNode<C>[]): number {
  return trees.reduce((n, t) => n + 1 + countNodes(t.replies), 0);
}

/** The comments of a forest in the order the page shows them: each comment, then its replies. */
export function readingOrder<C extends TreeComment>(trees: readonly CommentNode<C>[]): C[] {
  return trees.flatMap((t) => [t.comment, ...readingOrder(t.replies)]);
}
