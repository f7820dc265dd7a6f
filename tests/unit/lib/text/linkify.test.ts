import { describe, expect, test } from 'vitest';
import { notePieces } from '../../../../src/lib/text/linkify.ts';

describe('addresses in editors’ notes', () => {
  test('an address becomes a link; the text around it stays text, and nothing is lost', () => {
    const text = 'Read it in the original on LessWrong: https://www.greaterwrong.com/posts/x/y. Or not.';
    const pieces = notePieces(text);
    expect(pieces).toEqual([
      { text: 'Read it in the original on LessWrong: ' },
      { text: 'https://www.greaterwrong.com/posts/x/y', href: 'https://www.greaterwrong.com/posts/x/y' },
      { text: '. Or not.' },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(text);
  });

  test('closing punctuation ends the sentence, unless a ")" closes a "(" of the address', () => {
    expect(notePieces('(see https://a.example/p),').map((p) => p.href ?? null)).toEqual([null, 'https://a.example/p', null]);
    expect(notePieces('https://en.example/wiki/A_(b).').find((p) => p.href)?.href).toBe('https://en.example/wiki/A_(b)');
  });

  test('a note without an address, or with only a scheme, is plain text', () => {
    expect(notePieces('No address here.')).toEqual([{ text: 'No address here.' }]);
    expect(notePieces('Broken: https://. End')).toEqual([{ text: 'Broken: https://. End' }]);
    expect(notePieces('javascript:alert(1) ftp://x.example')).toEqual([{ text: 'javascript:alert(1) ftp://x.example' }]);
  });
});
