import { describe, expect, test } from 'vitest';
import { readerChunks, readerFromBytes, TextReader, tokenise } from '../../../../src/lib/text/reading.ts';

const A = 'Goals form early in training, long before the model knows it is trained.';
const B = 'A “schemer” plays along in training… then defects.';
const C = 'Nothing in pre-training rewards a long-term goal.';

/** The file a reader would be kept in, as one buffer. */
function fileOf(reader: TextReader): Buffer {
  const chunks = readerChunks(reader);
  if (!chunks) throw new Error('the reader declined to be kept');
  return Buffer.concat(chunks);
}

/** A reader that has read `texts` in one run. */
function readerOf(...texts: string[]): TextReader {
  const reader = new TextReader();
  reader.begin();
  for (const t of texts) reader.read(t);
  return reader;
}

describe('TextReader', () => {
  test('reads a text into word numbers, its pairs in order, and its distinct pairs sorted', () => {
    const reader = readerOf();
    const got = reader.read('the model and the model');
    expect(tokenise('the model and the model')).toEqual(['the', 'model', 'and', 'the', 'model']);
    expect([...got.ids]).toEqual([0, 1, 2, 0, 1]);
    // (the, model) is read twice and numbered once.
    expect([...got.pairs]).toEqual([0, 1, 2, 0]);
    expect([...got.bigrams]).toEqual([0, 1, 2]);
    expect(reader.read('the model and the model')).toBe(got);
  });

  test('keeps only the texts its current run read, and counts the others as dropped', () => {
    const reader = readerOf(A, B);
    reader.begin();
    reader.read(B);
    reader.read(C);
    const { texts, dropped } = reader.kept();
    expect(texts.map(([t]) => t)).toEqual([B, C]);
    expect(dropped).toBe(1);
  });

  test('declines to be kept once more texts have been dropped than it would keep', () => {
    const reader = readerOf(A, B);
    reader.begin();
    reader.read(C);
    expect(readerChunks(reader)).toBeNull();
  });
});

describe('readerChunks and readerFromBytes', () => {
  test('a kept reader gives back the same numbers for the texts it kept, and numbers new words after them', () => {
    const reader = readerOf(A, B, C);
    const kept = readerFromBytes(fileOf(reader));
    expect(kept).not.toBeNull();
    if (!kept) return;
    kept.begin();
    for (const t of [A, B, C]) {
      const was = reader.read(t);
      const now = kept.read(t);
      expect([...now.ids]).toEqual([...was.ids]);
      expect([...now.pairs]).toEqual([...was.pairs]);
      expect([...now.bigrams]).toEqual([...was.bigrams]);
    }
    expect(kept.words.size).toEqual(reader.words.size);
    const fresh = kept.read('training rewards brand new words');
    // Known words and pairs keep their numbers ("training rewards" is in C); new ones come after every old number.
    expect(fresh.ids[0]).toBe(reader.read(A).ids[4]);
    expect(fresh.pairs[0]).toBe(reader.read(C).pairs[3]);
    expect([...fresh.ids.slice(2)]).toEqual([reader.words.size.words, reader.words.size.words + 1, reader.words.size.words + 2]);
    expect(kept.words.size.pairs).toBe(reader.words.size.pairs + 3);
  });

  test('keeps texts with any characters, and an empty text', () => {
    const odd = ['', 'a\nb', 'x\u0000y', '🙂 emoji and é', 'line two\r\n'];
    const reader = readerOf(...odd);
    const kept = readerFromBytes(fileOf(reader));
    kept?.begin();
    // Nothing is this run's until it is read again.
    expect(kept?.kept().texts.length ?? -1).toBe(0);
    for (const t of odd) expect([...(kept?.read(t).ids ?? [])]).toEqual([...reader.read(t).ids]);
    expect(kept?.kept().texts.map(([t]) => t)).toEqual(odd);
  });

  test('a reader taken up carries the dropped count on, so stale numbers cannot pile up', () => {
    const reader = readerOf(A, B, C);
    reader.begin();
    for (const t of [B, C]) reader.read(t);
    const kept = readerFromBytes(fileOf(reader));
    expect(kept?.stale).toBe(1);
    kept?.begin();
    kept?.read(C);
    // 1 dropped before and 1 now, against the 1 text kept.
    expect(kept && readerChunks(kept)).toBeNull();
  });

  test('refuses damaged or foreign bytes instead of trusting them', () => {
    const file = fileOf(readerOf(A, B, C));
    const header = file.indexOf(10);
    const flipped = Buffer.from(file);
    // A byte in the middle of the integers: the sum no longer holds.
    const at = header + 1 + 4 * 7 + 1;
    flipped[at] = (flipped[at] ?? 0) ^ 0x10;
    expect(readerFromBytes(flipped)).toBeNull();
    expect(readerFromBytes(file.subarray(0, file.length - 1))).toBeNull();
    expect(readerFromBytes(Buffer.concat([file, Buffer.from('x')]))).toBeNull();
    expect(readerFromBytes(Buffer.from('{"format":"quote-reader/0"}\n'))).toBeNull();
    expect(readerFromBytes(Buffer.from('not a reader'))).toBeNull();
    expect(readerFromBytes(new Uint8Array(0))).toBeNull();
    // The last character of the texts became a two-byte one: the texts no longer fill their recorded lengths.
    expect(readerFromBytes(Buffer.concat([file.subarray(0, file.length - 1), Buffer.from('é')]))).toBeNull();
    expect(readerFromBytes(file)).not.toBeNull();
  });
});
