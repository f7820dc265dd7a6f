import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { readUntilHeadEnd } from '../../../src/build/dist.ts';

const root = mkdtempSync(join(tmpdir(), 'dist-read-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A file holding `text`. */
function fileOf(text: string): string {
  const file = join(root, `page-${n++}.html`);
  writeFileSync(file, text);
  return file;
}

/** What a whole read and a cut at the first `</head>` give. */
const expected = (html: string) => {
  const end = html.indexOf('</head>');
  return end < 0 ? html : html.slice(0, end + '</head>'.length);
};

describe('readUntilHeadEnd', () => {
  test('reads a page up to its first </head>, however the pieces fall', () => {
    // Small pieces, text with characters of one to four bytes: the tag and the characters fall across piece boundaries.
    const char = fc.constantFrom('a', '<', '/', 'h', 'é', '—', '🙂', '\n', '>');
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 80 }),
        fc.array(char, { maxLength: 80 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 9 }),
        (head, body, closed, piece) => {
          const html = `${head.join('')}${closed ? '</head>' : ''}${body.join('')}</head>tail`;
          expect(readUntilHeadEnd(fileOf(html), piece)).toBe(expected(html));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('reads a page with no head whole, and a long head across many pieces', () => {
    const plain = 'é'.repeat(50_000);
    expect(readUntilHeadEnd(fileOf(plain))).toBe(plain);
    const html = `<head><style>${'x'.repeat(200_000)}</style></head><body>${'y'.repeat(100_000)}</body>`;
    expect(readUntilHeadEnd(fileOf(html))).toBe(expected(html));
    expect(readUntilHeadEnd(fileOf(''))).toBe('');
  });
});
