import { describe, expect, test } from 'vitest';
import { contentSecurityPolicy, decodeAttribute, inlineCode, withPolicyMeta } from '../../../../src/lib/security/csp.ts';
import { policyFor, sha256 } from '../../../../src/integrations/csp.ts';

describe('inlineCode', () => {
  test('returns the text of inline scripts and skips scripts with src', () => {
    const html = '<head><script>let a = 1;</script><script type="module" src="/x.js"></script></head>';
    expect(inlineCode(html).scripts).toEqual(['let a = 1;']);
  });

  test('returns script text untouched when it contains tags, entities and quotes', () => {
    const body = 'if (a < b && "</p>" !== \'&amp;\') x()';
    expect(inlineCode(`<script>${body}</script>`).scripts).toEqual([body]);
  });

  test('returns <style> text and style attribute values, entities decoded', () => {
    const html = '<style>.a{color:red}</style><span style="height:1em;">x</span><i style=\'font-family:&quot;KaTeX&quot;\'></i>';
    const found = inlineCode(html);
    expect(found.styles).toEqual(['.a{color:red}']);
    expect(found.styleAttributes).toEqual(['height:1em;', 'font-family:"KaTeX"']);
  });

  test('returns nothing for code shown inside comments, <title> or <textarea>', () => {
    const html = '<!-- <script>bad()</script> --><title><style>x</style></title><textarea><span style="a:b"></span></textarea>';
    expect(inlineCode(html)).toEqual({ scripts: [], styles: [], styleAttributes: [], problems: [] });
  });

  test('returns attribute values containing ">" whole', () => {
    expect(inlineCode('<a title="a > b" style="top:-1em">x</a>').styleAttributes).toEqual(['top:-1em']);
  });

  test('normalises CR LF to LF, as the parser does before hashing', () => {
    expect(inlineCode('<script>a();\r\nb();\rc();</script>').scripts).toEqual(['a();\nb();\nc();']);
  });

  test('reports event handler attributes and javascript: URLs as problems', () => {
    const found = inlineCode('<button onclick="go()">x</button><a href=" javascript:alert(1)">y</a>');
    expect(found.problems).toEqual([
      '<button onclick="…">: inline event handlers are blocked by the policy',
      '<a href=" javascript:alert(1)">: javascript: URLs are blocked by the policy',
    ]);
  });

  test('reports a named character reference it cannot decode', () => {
    expect(inlineCode('<b style="content:&hellip;">x</b>').problems).toHaveLength(1);
  });
});

describe('decodeAttribute', () => {
  test.each([
    ['a&amp;b', 'a&b'],
    ['&#39;x&#x27;', "'x'"],
    ['&lt;&gt;&quot;', '<>"'],
    ['plain', 'plain'],
  ])('returns the decoded value of %s', (raw, decoded) => {
    expect(decodeAttribute(raw)).toBe(decoded);
  });

  test('returns null for a named reference outside the common set', () => {
    expect(decodeAttribute('&copy;')).toBeNull();
  });
});

describe('contentSecurityPolicy', () => {
  test('returns a self-only policy with sorted, de-duplicated hashes', () => {
    expect(contentSecurityPolicy({ scripts: ['b', 'a', 'b'], styles: ['s'], styleAttributes: ['t'] })).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-a' 'sha256-b'; style-src 'self' 'sha256-s'; " +
        "style-src-attr 'unsafe-hashes' 'sha256-t'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'",
    );
  });

  test("returns style-src-attr 'none' when the page has no style attributes", () => {
    expect(contentSecurityPolicy({ scripts: [], styles: [], styleAttributes: [] })).toContain("style-src-attr 'none';");
  });
});

describe('withPolicyMeta', () => {
  const page = '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8">\n    <title>x</title>\n  </head>\n</html>';

  test('returns the page with the policy straight after the charset declaration', () => {
    expect(withPolicyMeta(page, "default-src 'self'")).toBe(
      '<!doctype html>\n<html lang="en">\n  <head>\n    <meta charset="utf-8">\n    <meta http-equiv="Content-Security-Policy" content="default-src \'self\'">\n    <title>x</title>\n  </head>\n</html>',
    );
  });

  test('returns the same page when applied twice (the old policy is replaced)', () => {
    const once = withPolicyMeta(page, "default-src 'self'");
    expect(withPolicyMeta(withPolicyMeta(page, "default-src 'none'"), "default-src 'self'")).toBe(once);
  });

  test('returns the policy first in <head> when there is no charset declaration', () => {
    expect(withPolicyMeta('<html><head><title>x</title></head></html>', 'a')).toBe(
      '<html><head>\n<meta http-equiv="Content-Security-Policy" content="a"><title>x</title></head></html>',
    );
  });

  test('returns the policy after the doctype on a page with an implied <head> (Astro redirects)', () => {
    expect(withPolicyMeta('<!doctype html>\n<title>Redirecting</title>', 'a')).toBe(
      '<!doctype html>\n<meta http-equiv="Content-Security-Policy" content="a">\n<title>Redirecting</title>',
    );
  });

  test('throws when the page has neither <head> nor a doctype', () => {
    expect(() => withPolicyMeta('<p>fragment</p>', 'a')).toThrow('neither <head> nor a doctype');
  });
});

describe('policyFor', () => {
  test('returns the hash a browser computes (SHA-256 of the UTF-8 text, base64)', () => {
    // The empty string's digest is the well-known 47DEQ… value.
    expect(sha256('')).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    expect(policyFor('<script></script>').policy).toContain("'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='");
  });
});
