import { describe, expect, test } from 'vitest';
import {
  ATTRIBUTION_STATUSES,
  attributionOf,
  authorLabel,
  authorsSummary,
  commenterLabels,
  isAttributionStatus,
  listLabels,
  isUncertain,
  type Attribution,
} from '../../../../src/lib/text/attribution.ts';

const recorded: Attribution = { name: 'Quintin Pope', status: 'recorded' };
const verified: Attribution = { name: 'DavidW', status: 'verified' };
const inferred: Attribution = { name: 'DavidW', status: 'inferred' };
const unknown: Attribution = { name: null, status: 'unknown' };

describe('authorLabel', () => {
  test.each([
    [recorded, 'Quintin Pope'],
    [verified, 'DavidW'],
    [inferred, 'DavidW (inferred)'],
    [unknown, 'an author not recorded in the export'],
  ])('returns the phrase form for %o', (author, label) => {
    expect(authorLabel(author)).toBe(label);
  });

  test('returns a capitalised label for an unrecorded author standing alone', () => {
    expect(authorLabel(unknown, 'label')).toBe('Author not recorded in the export');
  });

  test('returns the same text in both forms when there is a name', () => {
    expect(authorLabel(inferred, 'label')).toBe('DavidW (inferred)');
    expect(authorLabel(recorded, 'label')).toBe('Quintin Pope');
  });

  test('returns the unrecorded wording, never a name, when data pairs a name with "unknown"', () => {
    expect(authorLabel({ name: 'Someone', status: 'unknown' })).toBe('an author not recorded in the export');
  });

  test('returns the unrecorded wording when the name is missing whatever the status says', () => {
    expect(authorLabel({ name: null, status: 'inferred' })).toBe('an author not recorded in the export');
  });
});

describe('attributionOf', () => {
  test('returns only the name and status of a content author', () => {
    expect(attributionOf({ name: 'DavidW', status: 'inferred', person: 'davidw', note: 'from the text' } as Attribution)).toEqual(inferred);
  });

  test('returns a nameless unknown attribution for a name without evidence', () => {
    expect(attributionOf({ name: 'Someone', status: 'unknown' })).toEqual(unknown);
  });
});

describe('isUncertain', () => {
  test('returns true for inferred and unrecorded authors only', () => {
    expect([recorded, verified, inferred, unknown].map(isUncertain)).toEqual([false, false, true, true]);
  });
});

describe('isAttributionStatus', () => {
  test('returns true for exactly the four schema statuses', () => {
    for (const s of ATTRIBUTION_STATUSES) expect(isAttributionStatus(s)).toBe(true);
    expect(isAttributionStatus('guessed')).toBe(false);
    expect(isAttributionStatus(undefined)).toBe(false);
  });
});

describe('authorsSummary', () => {
  test('returns each name once, in first-seen order, then the unrecorded count', () => {
    expect(authorsSummary([recorded, unknown, { name: 'Joe_Carlsmith', status: 'recorded' }, recorded, unknown])).toBe(
      'Quintin Pope, Joe_Carlsmith; 2 comments by authors not recorded in the export',
    );
  });

  test('returns "(inferred)" for a name whose every comment is inferred', () => {
    expect(authorsSummary([inferred, unknown, inferred])).toBe('DavidW (inferred); 1 comment by an author not recorded in the export');
  });

  test('returns the inferred share when only some of a name’s comments are inferred', () => {
    expect(authorsSummary([verified, inferred, inferred])).toBe('DavidW (2 of 3 comments inferred)');
  });

  test('returns only the unrecorded count when no comment has a name', () => {
    expect(authorsSummary([unknown])).toBe('1 comment by an author not recorded in the export');
  });

  test('returns an empty string for no comments', () => {
    expect(authorsSummary([])).toBe('');
  });
});

describe('labels for unrecorded authors', () => {
  test('an unrecorded author with a label is named by the label, in a sentence and on its own', () => {
    const a = attributionOf({ name: null, status: 'unknown', label: 'Commenter B' });
    expect(a).toEqual({ name: null, status: 'unknown', label: 'Commenter B' });
    expect(authorLabel(a)).toBe('Commenter B');
    expect(authorLabel(a, 'label')).toBe('Commenter B');
  });

  test('a label never replaces or joins a name, and a malformed one is dropped', () => {
    expect(attributionOf({ name: 'DavidW', status: 'inferred', label: 'Commenter A' })).toEqual(inferred);
    expect(attributionOf({ name: null, status: 'unknown', label: 'Bob' })).toEqual(unknown);
    expect(authorLabel(unknown)).toBe('an author not recorded in the export');
  });

  test('a summary still counts labelled comments among those whose author is not recorded', () => {
    const a = { name: null, status: 'unknown', label: 'Commenter A' } as const;
    expect(authorsSummary([a, a, recorded])).toBe('Quintin Pope; 2 comments by authors not recorded in the export');
  });

  test('lists a thread’s labels once each, in order of first appearance', () => {
    const by = (label?: string) => ({ status: 'unknown' as const, label });
    expect(commenterLabels([by('Commenter A'), by(), by('Commenter B'), by('Commenter A'), { status: 'recorded', label: undefined }])).toEqual([
      'Commenter A',
      'Commenter B',
    ]);
    expect(listLabels(['Commenter A'])).toBe('Commenter A');
    expect(listLabels(['Commenter A', 'Commenter B', 'Commenter C'])).toBe('Commenter A, Commenter B and Commenter C');
    expect(listLabels([])).toBe('');
  });
});
