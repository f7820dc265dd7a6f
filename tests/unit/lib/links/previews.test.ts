import { describe, expect, test } from 'vitest';
import { essayPreviews, previewByline, previewFileFor, previewText, previewTextFileFor, threadPreviews } from '../../../../src/lib/links/previews.ts';

describe('previewText', () => {
  test('returns the writer’s own lines, skipping quoted ones', () => {
    expect(previewText([{ text: 'quoted', quote: true }, { text: 'mine' }])).toBe('mine');
  });
  test('returns quoted lines when a passage is nothing but quotes', () => {
    expect(previewText([{ text: 'only a quote', quote: true }])).toBe('only a quote');
  });
});

describe('threadPreviews', () => {
  test('returns one preview per comment plus the page, each author with its status', () => {
    const map = threadPreviews('T', [
      { id: 'c-a', author: { name: 'Ann', status: 'recorded' }, date: '2023-11-15T22:30', paragraphs: [{ text: 'Hello' }] },
      { id: 'c-b', author: { name: null, status: 'unknown' }, date: null, paragraphs: [{ text: 'Hi' }] },
      { id: 'c-c', author: { name: 'DavidW', status: 'inferred' }, date: null, paragraphs: [{ text: 'Yes' }] },
    ]);
    expect(Object.keys(map)).toEqual(['', 'c-a', 'c-b', 'c-c']);
    expect(map['c-a']).toEqual({ title: 'Comment on T', author: { name: 'Ann', status: 'recorded' }, date: '2023-11-15T22:30', text: 'Hello' });
    expect(map['c-b']?.author).toEqual({ name: null, status: 'unknown' });
    expect(map['c-b']).not.toHaveProperty('date');
    expect(map['c-c']?.author).toEqual({ name: 'DavidW', status: 'inferred' });
  });
  test('returns only the name and status of an author, leaving notes and slugs out of the JSON', () => {
    const author = { name: 'DavidW', status: 'inferred' as const, person: 'davidw', note: 'from the text' };
    expect(threadPreviews('T', [{ id: 'c-a', author, date: null, paragraphs: [] }])['c-a']?.author).toEqual({ name: 'DavidW', status: 'inferred' });
  });
});

describe('essayPreviews', () => {
  test('returns previews for sections and for notes about lost lists', () => {
    const map = essayPreviews('E', { name: 'DavidW', status: 'verified' }, [
      {
        id: 'summary',
        heading: 'Summary',
        blocks: [
          { kind: 'p', text: 'In this post' },
          { kind: 'missing-list', id: 'summary-list', label: 'the summary points' },
        ],
      },
    ]);
    expect(map['summary']?.title).toBe('Summary · E');
    expect(map['summary-list']?.text).toBe('A list the export lost: the summary points.');
  });
});

describe('previewByline', () => {
  test('returns the author with "(inferred)" when the name is only inferred', () => {
    expect(previewByline({ title: 'T', author: { name: 'DavidW', status: 'inferred' }, text: '' })).toBe('DavidW (inferred)');
  });
  test('returns the unrecorded-author wording when the export names nobody', () => {
    expect(previewByline({ title: 'T', author: { name: null, status: 'unknown' }, text: '' })).toBe('Author not recorded in the export');
  });
  test('returns our own byline for a page without an author', () => {
    expect(previewByline({ title: 'T', byline: 'Glossary · our definition', text: '' })).toBe('Glossary · our definition');
    expect(previewByline({ title: 'T', text: '' })).toBeUndefined();
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

describe('previewTextFileFor', () => {
  test.each([
    ['/threads/scheming-ais/', '/previews/threads/scheming-ais.text.json'],
    ['/essays/e/', '/previews/essays/e.text.json'],
    ['/people/davidw/', '/previews/people/davidw.text.json'],
    ['/arguments/x/', null],
    ['/about/', null],
  ])('returns the passage-text file for %s', (path, file) => {
    expect(previewTextFileFor(path)).toBe(file);
  });
});
