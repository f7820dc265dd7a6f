import { describe, expect, test } from 'vitest';
import { curationReport, formatCurationReport } from '../../../../src/lib/site/curation.ts';

const input = {
  pages: [
    {
      page: 'threads/new-one',
      title: 'A new thread',
      passages: [
        { anchor: 'c-a', texts: ['Myopia again, and the self-play setup with SGD.'] },
        { anchor: 'c-b', texts: ['More self-play, more SGD.'] },
        { anchor: 'c-c', texts: ['Self-play and SGD once more; AI is common.'] },
      ],
    },
    { page: 'essays/old-one', title: 'An old essay', passages: [{ anchor: 'intro', texts: ['A myopic model.'] }] },
  ],
  summaries: ['essays/old-one'],
  terms: [{ slug: 'myopia', term: 'Myopia', aliases: ['myopic'], sources: ['essays/old-one#intro'] }],
};

describe('curationReport', () => {
  test('lists pages without a summary, terms used where the glossary cites nothing, and repeated candidate words', () => {
    expect(curationReport(input)).toEqual({
      unsummarised: [{ page: 'threads/new-one', title: 'A new thread' }],
      uncitedTerms: [{ page: 'threads/new-one', terms: ['myopia'] }],
      candidates: [
        {
          page: 'threads/new-one',
          words: [
            { word: 'self-play', passages: 3 },
            { word: 'SGD', passages: 3 },
          ],
        },
      ],
    });
  });

  test('formats the report with the file to add for each missing summary', () => {
    expect(formatCurationReport(curationReport(input))).toContain(
      'threads/new-one  “A new thread”: add content/summaries/thread-new-one.mdx with target: "threads/new-one"',
    );
  });
});
