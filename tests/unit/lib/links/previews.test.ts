import { describe, expect, test } from 'vitest';
import { essayPreviews, previewFileFor, previewText, threadPreviews } from '../../../../src/lib/links/previews.ts';

describe('previewText', () => {
  test('returns the writer’s own lines, skipping quoted ones', () => {
    expect(previewText([{ text: 'quoted', quote: true }, { text: 'mine' }])).toBe('mine');
  });
  test('returns quoted lines when a passage is nothing but quotes', () => {
    expect(previewText([{ text: 'only a quote', quote: true }])).toBe('only a quote');
  });
});

describe('threadPreviews', () => {
  test('returns one preview per comment plus the page, marking unknown authors', () => {
    const map = threadPreviews('T', [
      { id: 'c-a', author: { name: 'Ann' }, date: '2023-11-15T22:30', paragraphs: [{ text: 'Hello' }] },
      { id: 'c-b', author: { name: null }, date: null, paragraphs: [{ text: 'Hi' }] },
    ]);
    expect(Object.keys(map)).toEqual(['', 'c-a', 'c-b']);
    expect(map['c-a']).toEqual({ title: 'Comment on T', author: 'Ann', date: '2023-11-15T22:30', text: 'Hello' });
    expect(map['c-b']?.author).toBe('Author not recorded');
    expect(map['c-b']).not.toHaveProperty('date');
  });
});

describe('essayPreviews', () => {
  test('returns previews for sections and for notes about lost lists', () => {
    const map = essayPreviews('E', 'DavidW', [
      { id: 'summary', heading: 'Summary', blocks: [{ kind: 'p', text: 'In this post' }, { kind: 'missing-list', id: 'summary-list', label: 'the summary points' }] },
    ]);
    expect(map['summary']?.title).toBe('Summary · E');
    expect(map['summary-list']?.text).toBe('A list the export lost: the summary points.');
  });
});

describe('previewFileFor', () => {
  test.each([
    ['/threads/scheming-ais/', '/previews/threads/scheming-ais.json'],
    ['/people/davidw/', '/previews/people/davidw.json'],
    ['/about/', null],
    ['/threads/', null],
  ])('returns the preview file for %s', (path, file) => {
    expect(previewFileFor(path)).toBe(file);
  });
});
