import { describe, expect, test } from 'vitest';
import { authorLabels, commenterLabel, groupLetters, LabelError, type GroupInput } from '../../../../src/lib/threads/author-groups.ts';

const named = (key: string): GroupInput => ({ key, unrecorded: false });
const nobody = (key: string, sameAs?: string, at = 1): GroupInput => ({ key, unrecorded: true, sameAs: sameAs ? { key: sameAs, at } : undefined });

function errorOf(comments: GroupInput[]): LabelError {
  try {
    authorLabels(comments);
  } catch (e) {
    if (e instanceof LabelError) return e;
    throw e;
  }
  throw new Error('expected a LabelError');
}

describe('labels for unrecorded authors', () => {
  test('joins comments transitively, whichever way the sameAs links point', () => {
    // C4 → C2 and C2 → C1 make one group; so do C3 and C5, linked from the earlier one to the later.
    const labels = authorLabels([nobody('C1'), nobody('C2', 'C1'), nobody('C3', 'C5'), nobody('C4', 'C2'), nobody('C5')]);
    expect(labels).toEqual(['Commenter A', 'Commenter A', 'Commenter B', 'Commenter A', 'Commenter B']);
  });

  test('letters follow the order in which each group first appears, not the order of the links', () => {
    // The second group is declared first (on C9), but its first comment comes after C1's group starts.
    const labels = authorLabels([nobody('C1'), nobody('C2'), nobody('C3', 'C1'), nobody('C9', 'C2')]);
    expect(labels).toEqual(['Commenter A', 'Commenter B', 'Commenter A', 'Commenter B']);
    const reversed = authorLabels([nobody('C1', 'C3'), nobody('C2', 'C9'), nobody('C3'), nobody('C9')]);
    expect(reversed).toEqual(labels);
  });

  test('a one-off unrecorded author and every named author stay unlabelled', () => {
    const labels = authorLabels([nobody('C1'), named('C2'), nobody('C3', 'C1'), nobody('C4'), named('C5')]);
    expect(labels).toEqual(['Commenter A', undefined, 'Commenter A', undefined, undefined]);
    expect(authorLabels([nobody('C1'), nobody('C2'), named('C3')])).toEqual([undefined, undefined, undefined]);
  });

  test('a sameAs naming no comment stops with its line', () => {
    const e = errorOf([nobody('C1'), nobody('C2', 'C99', 42)]);
    expect(e.at).toBe(42);
    expect(e.message).toBe('author.sameAs of C2: no comment has the key "C99"');
  });

  test('a comment cannot be the same person as itself', () => {
    expect(errorOf([nobody('C1', 'C1', 7)]).message).toContain('cannot be "the same person" as itself');
  });

  test('named authors cannot be joined: a label would hide or duplicate their name', () => {
    expect(errorOf([named('C1'), nobody('C2', 'C1', 3)]).message).toBe(
      "author.sameAs of C2: C1's author is recorded or inferred by name, so it needs no label",
    );
    expect(errorOf([nobody('C1'), { key: 'C2', unrecorded: false, sameAs: { key: 'C1', at: 5 } }]).at).toBe(5);
  });

  test('letters run A…Z, then AA, AB, … so a long thread never runs out', () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(groupLetters)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
    expect(commenterLabel(2)).toBe('Commenter C');
  });
});
