import { describe, expect, test } from 'vitest';
import { encodeTextDirectivePart, passageLink, textFragmentFor } from '../../../../src/lib/links/fragment.ts';

describe('encodeTextDirectivePart', () => {
  test('returns dashes, commas and ampersands percent-encoded', () => {
    expect(encodeTextDirectivePart('long-term, goals & more')).toBe('long%2Dterm%2C%20goals%20%26%20more');
  });
});

describe('textFragmentFor', () => {
  test('returns an empty string when nothing is selected', () => {
    expect(textFragmentFor('  \n ')).toBe('');
  });
  test('returns the whole selection when it is short', () => {
    expect(textFragmentFor('hyper-locally')).toBe(':~:text=hyper%2Dlocally');
  });
  test('returns a start,end pair when the selection is long', () => {
    const long = 'Gradient descent can only update the model in the direction that improves performance hyper-locally right now';
    expect(textFragmentFor(long)).toBe(':~:text=Gradient%20descent%20can%20only,performance%20hyper%2Dlocally%20right%20now');
  });
});

describe('passageLink', () => {
  test('returns the page URL with the anchor and the directive, dropping any old hash', () => {
    expect(passageLink('https://x.test/essays/e/#old', 'summary', 'four precursors')).toBe('https://x.test/essays/e/#summary:~:text=four%20precursors');
  });
});
