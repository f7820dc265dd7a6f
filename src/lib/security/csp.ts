// The Content-Security-Policy each built page carries in a <meta> tag. The policy allows only our
// own origin; the few inline scripts and styles Astro and KaTeX emit are allowed by their hashes.
// This module finds what needs hashing and writes the policy; the caller hashes (it has crypto).
//
// It reads Astro's own output, not arbitrary HTML, so a small tokenizer is enough: comments,
// doctype, start and end tags with quoted or bare attributes, and the raw-text elements whose
// contents must not be read as tags.

/** What a page runs or styles inline, as the browser will hash it, and anything no hash can allow. */
export interface InlineCode {
  /** Text of every inline `<script>` (those without `src`). */
  scripts: string[];
  /** Text of every `<style>` element. */
  styles: string[];
  /** Value of every `style="…"` attribute, entities decoded. */
  styleAttributes: string[];
  /** Inline code a hash-based policy would block (event handler attributes, `javascript:` URLs). */
  problems: string[];
}

// Elements whose contents the HTML parser reads as text up to the matching end tag.
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href']);
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references Astro and KaTeX write in attribute values; `null` for any other named one. */
export function decodeAttribute(value: string): string | null {
  // Most values hold no reference at all; they come back as they are.
  if (!value.includes('&')) return value;
  let unknown = false;
  const out = value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    }
    const named = NAMED[ref.toLowerCase()];
    if (named === undefined) unknown = true;
    return named ?? whole;
  });
  return unknown ? null : out;
}

/** One attribute of a start tag: its name (lower case), its text as written, where that sits. */
export interface TagAttribute {
  key: string;
  /** The value as written, character references and all ('' for a bare attribute). */
  raw: string;
  /** Offsets in the HTML of the whole attribute (name, `=`, value and quotes). */
  start: number;
  end: number;
}

/** One start tag: its name (lower case), its attributes in order, and where it sits. */
export interface StartTag {
  name: string;
  attributes: TagAttribute[];
  /** Offset of `<` and just after `>`. */
  start: number;
  end: number;
  /** For a raw-text element (script, style…): its text, which holds no tags. */
  text?: string;
}

/**
 * Every start tag of a page, in order, skipping comments, doctype, end tags and the contents of
 * raw-text elements (handed over as `text`). CR LF and lone CR must already be LF.
 */
export function* startTags(html: string): Generator<StartTag> {
  const tagName = /[a-zA-Z][^\s/>]*/y;
  // The separators before a name are a group of their own: their length places the attribute.
  const attribute = /([\s/]*)([^\s"'>/=][^\s"'>/=]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? html.length : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?' || html[lt + 1] === '/') {
      const end = html.indexOf('>', lt + 1);
      i = end < 0 ? html.length : end + 1;
      continue;
    }
    tagName.lastIndex = lt + 1;
    const name = tagName.exec(html)?.[0].toLowerCase();
    if (!name) {
      i = lt + 1; // a lone "<" in text
      continue;
    }
    let at = tagName.lastIndex;
    const attributes: TagAttribute[] = [];
    for (;;) {
      attribute.lastIndex = at;
      const m = attribute.exec(html);
      if (!m || m[0].length === 0) break;
      attributes.push({ key: (m[2] ?? '').toLowerCase(), raw: m[3] ?? m[4] ?? m[5] ?? '', start: at + (m[1] ?? '').length, end: attribute.lastIndex });
      at = attribute.lastIndex;
    }
    const close = html.indexOf('>', at);
    i = close < 0 ? html.length : close + 1;
    const tag: StartTag = { name, attributes, start: lt, end: i };
    if (RAW_TEXT.has(name)) {
      const endTag = new RegExp(`</${name}[\\s/>]`, 'ig');
      endTag.lastIndex = i;
      const found = endTag.exec(html);
      tag.text = html.slice(i, found ? found.index : html.length);
      i = found ? found.index : html.length;
    }
    yield tag;
  }
}

/** Finds the inline scripts, `<style>` elements and style attributes of one page's HTML. */
export function inlineCode(source: string): InlineCode {
  // The parser turns CR LF and lone CR into LF before anything else, and hashes what it parsed.
  const html = source.includes('\r') ? source.replace(/\r\n?/g, '\n') : source;
  const found: InlineCode = { scripts: [], styles: [], styleAttributes: [], problems: [] };
  for (const tag of startTags(html)) {
    const name = tag.name;
    const attrs = new Map<string, string>();
    for (const { key, raw } of tag.attributes) {
      if (attrs.has(key)) continue; // the parser keeps the first of duplicated attributes
      const value = decodeAttribute(raw);
      if (value === null) {
        found.problems.push(`<${name} ${key}="${raw}">: a character reference this policy cannot hash reliably`);
        attrs.set(key, raw);
        continue;
      }
      attrs.set(key, value);
    }
    for (const [key, value] of attrs) {
      if (key === 'style') found.styleAttributes.push(value);
      else if (/^on[a-z]+$/.test(key)) found.problems.push(`<${name} ${key}="…">: inline event handlers are blocked by the policy`);
      else if (URL_ATTRIBUTES.has(key) && /^\s*javascript:/i.test(value))
        found.problems.push(`<${name} ${key}="${value}">: javascript: URLs are blocked by the policy`);
    }
    if (tag.text !== undefined) {
      if (name === 'script' && !attrs.has('src')) found.scripts.push(tag.text);
      if (name === 'style') found.styles.push(tag.text);
    }
  }
  return found;
}

/** Base64 SHA-256 digests of a page's inline code, grouped the way the policy lists them. */
export interface PolicyHashes {
  scripts: readonly string[];
  styles: readonly string[];
  styleAttributes: readonly string[];
}

/** Sorted, de-duplicated hash sources (`'sha256-…'`), so equal pages get byte-identical policies. */
function sources(digests: readonly string[]): string[] {
  return [...new Set(digests)].sort().map((d) => `'sha256-${d}'`);
}

/**
 * The policy for one page: everything from our own origin only, inline code only by hash.
 * `'wasm-unsafe-eval'` lets Pagefind compile its WebAssembly search engine: without it Chromium
 * refuses the compile and search finds nothing. It allows WebAssembly only, never eval() of
 * JavaScript.
 * Style attributes (KaTeX's build-time markup) get their own directive, so their hashes allow
 * exactly those attribute values and nothing else.
 */
export function contentSecurityPolicy(hashes: PolicyHashes): string {
  const attrs = sources(hashes.styleAttributes);
  return [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...sources(hashes.scripts)].join(' '),
    ["style-src 'self'", ...sources(hashes.styles)].join(' '),
    attrs.length > 0 ? ["style-src-attr 'unsafe-hashes'", ...attrs].join(' ') : "style-src-attr 'none'",
    // data: for the site icon, which every page carries inline (Base.astro) instead of fetching it.
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

const POLICY_META = /<meta\s+http-equiv\s*=\s*["']?content-security-policy["']?[^>]*>\s*/gi;

/**
 * The policy one page's HTML calls for, and the inline code in it no hash-based policy can allow.
 * `hash` is the base64 SHA-256 of a text as UTF-8; the caller brings it, so this stays free of Node.
 */
export function policyOf(html: string, hash: (text: string) => string): { policy: string; problems: string[] } {
  const code = inlineCode(html);
  const policy = contentSecurityPolicy({
    scripts: code.scripts.map(hash),
    styles: code.styles.map(hash),
    styleAttributes: code.styleAttributes.map(hash),
  });
  return { policy, problems: code.problems };
}

/**
 * Whether a page already carries a Content-Security-Policy tag, from the first few kilobytes of
 * the page: the tag's opening is enough, since a policy with many hashes (KaTeX's style
 * attributes) can run past the bytes read.
 */
export function hasPolicyMeta(head: string): boolean {
  return /<meta\s+http-equiv\s*=\s*["']?content-security-policy\b/i.test(head);
}

/**
 * Puts the policy in `<head>` ahead of every script and style, replacing any earlier policy tag.
 * Throws when the page has neither a `<head>` tag nor a doctype, rather than guess a place.
 * It goes straight after `<meta charset>` when that comes first, because the charset must stay
 * within the first 1024 bytes and a long policy in front could push it out; a charset declaration
 * loads nothing, so the policy still precedes everything it governs.
 */
export function withPolicyMeta(html: string, policy: string): string {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}">`;
  const clean = html.replace(POLICY_META, '');
  // Astro's redirect pages leave <head> implied: there the policy follows the doctype.
  const head = /<head(?:\s[^>]*)?>(\s*<meta\s+charset\s*=\s*["']?[\w-]+["']?\s*\/?>)?/i.exec(clean) ?? /^\s*<!doctype html[^>]*>/i.exec(clean);
  if (!head) throw new Error('neither <head> nor a doctype to put the Content-Security-Policy after');
  const at = head.index + head[0].length;
  // Same indentation as the charset line, so the built HTML stays readable.
  const lead = head[1] ? (/^\s*/.exec(head[1])?.[0] ?? '\n') : '\n';
  return `${clean.slice(0, at)}${lead || '\n'}${tag}${clean.slice(at)}`;
}
