import { describe, expect, test } from 'vitest';
import { buildCommentTree, countNodes, readingOrder, repliesOf, type TreeComment } from '../../../../src/lib/threads/tree.ts';

const c = (id: string, parent?: string, kind: TreeComment['replyTo']['kind'] = parent ? 'comment' : 'post'): TreeComment => ({
  id,
  replyTo: parent ? { kind, id: parent } : { kind },
});

describe('buildCommentTree', () => {
  test('returns replies nested under their parents in export order', () => {
    const trees = buildCommentTree([c('a'), c('b', 'a'), c('d'), c('e', 'b'), c('f', 'a')]);
    expect(trees.map((t) => t.comment.id)).toEqual(['a', 'd']);
    expect(trees[0]?.replies.map((t) => t.comment.id)).toEqual(['b', 'f']);
    expect(trees[0]?.replies[0]?.replies[0]?.comment.id).toBe('e');
    expect(trees[0]?.replies[0]?.replies[0]?.depth).toBe(2);
  });

  test('returns unknown-parent and dangling replies as roots', () => {
    const trees = buildCommentTree([c('a'), { id: 'u', replyTo: { kind: 'unknown' } }, c('x', 'missing')]);
    expect(trees.map((t) => t.comment.id)).toEqual(['a', 'u', 'x']);
  });

  test('returns every comment exactly once even when replies form a cycle', () => {
    const trees = buildCommentTree([c('a', 'b'), c('b', 'a'), c('z')]);
    expect(countNodes(trees)).toBe(3);
  });
});

describe('repliesOf', () => {
  test('returns direct replies only', () => {
    const all = [c('a'), c('b', 'a'), c('e', 'b'), c('f', 'a')];
    expect(repliesOf(all, 'a').map((x) => x.id)).toEqual(['b', 'f']);
  });
});

describe('readingOrder', () => {
  test('returns each comment followed by its replies, depth first, as the page shows them', () => {
    const trees = buildCommentTree([c('a'), c('b', 'a'), c('d'), c('e', 'b'), c('f', 'a')]);
    expect(readingOrder(trees).map((x) => x.id)).toEqual(['a', 'b', 'e', 'f', 'd']);
  });
  test('returns an empty list for an empty forest', () => {
    expect(readingOrder([])).toEqual([]);
  });
});
