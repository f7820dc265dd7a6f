import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'node-html-parser';
import { afterAll, describe, expect, test } from 'vitest';
import { collectRecords, hasAttributeNamed, indexedPartStart } from '../../../src/build/build-search-index.ts';

// The index step parses only the indexed part of each page and reads attribute names from the raw
// tag: both must give exactly what a whole-page parse gives.

describe('indexedPartStart', () => {
  test('finds the element marked data-pagefind-body after <body>, not a mention of it in the head', () => {
    const head = '<head><style>[data-pagefind-body] { color: red }</style><script>const s = "<main data-pagefind-body>";</script></head>';
    const html = `<!doctype html><html>${head}<body><header><a href="/">Home</a></header><main id="main" data-pagefind-body tabindex="-1"><h1>T</h1></main></body></html>`;
    expect(html.slice(indexedPartStart(html))).toMatch(/^<main id="main" data-pagefind-body/);
  });

  test('gives 0 (parse the whole page) when there is no body, no marked element, or the tag cannot be read with certainty', () => {
    expect(indexedPartStart('<main data-pagefind-body></main>')).toBe(0);
    expect(indexedPartStart('<html><body><main></main></body></html>')).toBe(0);
    expect(indexedPartStart('<html><body><main title="a>b" data-pagefind-body></main></body></html>')).toBe(0);
    // An attribute whose name only starts the same is not the mark.
    expect(indexedPartStart('<html><body><div data-pagefind-body-x></div></body></html>')).toBe(0);
  });
});

describe('hasAttributeNamed', () => {
  test("answers as node-html-parser's hasAttribute does, for any mix of names and values", () => {
    const name = fc.constantFrom('data-pagefind-ignore', 'data-pagefind-ignore-x', 'DATA-PAGEFIND-IGNORE', 'hidden', 'class', 'title', 'x');
    const value = fc.constantFrom('', '="data-pagefind-ignore"', "='a b'", '=plain', '= "spaced"', '="a>b"');
    const attrs = fc.array(fc.tuple(name, value), { maxLength: 5 }).map((xs) => xs.map(([n, v]) => `${n}${v}`).join(' '));
    fc.assert(
      fc.property(attrs, (raw) => {
        const el = parse(`<span ${raw}></span>`).querySelector('span');
        if (!el) return;
        for (const n of ['data-pagefind-ignore', 'hidden', 'title']) expect(hasAttributeNamed(el.rawAttrs, n)).toBe(el.hasAttribute(n));
      }),
    );
  });
});

describe('records from the indexed part equal records from the whole page', () => {
  const root = mkdtempSync(join(tmpdir(), 'record-parsing-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** Writes one page under `dist` and returns its records. */
  function recordsOf(dist: string, html: string) {
    mkdirSync(join(dist, 'threads', 'x'), { recursive: true });
    writeFileSync(join(dist, 'threads', 'x', 'index.html'), html);
    return collectRecords(dist).records;
  }

  const passage =
    '<article id="c-1" data-search-record data-search-kind="comment" data-search-anchor="c-1" data-search-author="Ann" data-search-author-status="recorded">' +
    '<header><h3>Comment by Ann</h3></header><p>Words <span data-pagefind-ignore>hidden</span> kept.</p></article>';

  test('the title falls back to <title> when the indexed part has no h1', () => {
    const html = `<!doctype html><html><head><title>Page &amp; title</title></head><body><nav>Site</nav><main data-pagefind-body>${passage}<p>Own text.</p></main></body></html>`;
    const sliced = recordsOf(join(root, 'a'), html);
    // The same page read whole: a '>' inside an attribute before the mark makes the cut uncertain.
    const wholeHtml = html.replace('<main data-pagefind-body>', '<main title="a>b" data-pagefind-body>');
    expect(indexedPartStart(wholeHtml)).toBe(0);
    const whole = recordsOf(join(root, 'b'), wholeHtml);
    expect(indexedPartStart(html)).toBeGreaterThan(0);
    expect(sliced.length).toBe(2);
    expect(sliced).toEqual(whole);
    expect(sliced.map((r) => r.content).join(' | ')).toContain('Words');
    expect(JSON.stringify(sliced)).toContain('Page & title');
    expect(sliced.map((r) => r.content).join(' | ')).not.toContain('hidden');
  });
});
