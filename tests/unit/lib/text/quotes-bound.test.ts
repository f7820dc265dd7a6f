import { describe, expect, test } from 'vitest';
import { prng, repetitiveThreadExport, threadExport } from '../../../../src/bench/corpus.ts';
import { importExport } from '../../../../src/importer/parse.ts';
import { findQuoteLinks, MAX_POSTINGS, threadQuoteInputs, type QuotableThread } from '../../../../src/lib/text/quotes.ts';

// Work per comment must not grow with how repetitive the text is: a thread of near-identical
// comments once compared every comment with every earlier one. Work is counted in passage
// comparisons (findQuoteLinks' stats), never timed.

const N = 3_000;

/** Comparisons the matcher makes over one imported export. */
function comparisons(text: string): { comparisons: number; links: number; comments: number } {
  const { thread } = importExport({ exportFile: 'content/sources/x.txt', exportText: text, from: 'content/sources/x.txt', slug: 'x', people: [] });
  const data = thread.data as unknown as QuotableThread;
  const { passages, candidates } = threadQuoteInputs('threads/x', data);
  const stats = { comparisons: 0 };
  const links = findQuoteLinks(passages, candidates, { stats });
  return { comparisons: stats.comparisons, links: links.length, comments: data.comments.length };
}

describe('quote matching on repetitive text', () => {
  const small = comparisons(repetitiveThreadExport(N / 2, prng(7)));
  const repetitive = comparisons(repetitiveThreadExport(N, prng(7)));
  const varied = comparisons(threadExport(0, prng(7), { comments: [N, N], authors: 300 }));

  test('the corpora have the comments asked for', () => {
    expect([small.comments, repetitive.comments, varied.comments]).toEqual([N / 2, N, N]);
  });

  test('work grows linearly: twice the near-identical comments cost at most about twice the comparisons', () => {
    // Comparing each comment with every earlier one would cost four times as much; below the bound
    // the lists are still filling, so the cost per comment rises a little before it levels off.
    expect(repetitive.comparisons).toBeLessThanOrEqual(2.5 * small.comparisons);
  });

  test('each near-identical comment costs at most MAX_POSTINGS comparisons, a fixed multiple of varied text', () => {
    expect(repetitive.comparisons / N).toBeLessThanOrEqual(MAX_POSTINGS);
    // Varied text without quotes costs next to no comparisons (counting shared word pairs rules
    // out nearly every passage), so the multiple is taken of one comparison per comment at least.
    expect(varied.comparisons).toBeLessThan(N);
    expect(repetitive.comparisons).toBeLessThanOrEqual(100 * Math.max(varied.comparisons, N));
  });

  test('near-identical comments are still found to repeat one another', () => {
    expect(repetitive.links).toBeGreaterThan(N / 2);
  });
});
