/**
 * Text fragments (`#anchor:~:text=…`): links that land on given words, not just on an element.
 * Writing and reading the directive syntax lives here; finding words and choosing a directive that
 * picks out the right occurrence is src/lib/links/text-match.ts.
 */
import { fragmentId } from './fragment-id.ts';

/**
 * One text directive: `text=[prefix-,]start[,end][,-suffix]`. `start` alone matches those words;
 * with `end` it matches everything from `start` to the next `end`; `prefix` and `suffix` are words
 * that must stand just before and after the match, to tell repeated words apart.
 */
export interface TextDirective {
  prefix?: string;
  start: string;
  end?: string;
  suffix?: string;
}

/**
 * Percent-encodes text for a text directive. Besides what URLs require, "-", "," and "&" are the
 * directive's own syntax, so they are always encoded (encodeURIComponent leaves "-" alone).
 * Whitespace runs become one space first: browsers match rendered text, where runs collapse.
 */
export function encodeTextDirectivePart(text: string): string {
  return encodeURIComponent(text.replace(/\s+/g, ' ').trim()).replace(/-/g, '%2D');
}

/** The `:~:text=…` fragment directive for a directive; '' when it has no start words. */
export function directiveString(d: TextDirective): string {
  if (!d.start.trim()) return '';
  const parts = [
    ...(d.prefix ? [`${encodeTextDirectivePart(d.prefix)}-`] : []),
    encodeTextDirectivePart(d.start),
    ...(d.end ? [encodeTextDirectivePart(d.end)] : []),
    ...(d.suffix ? [`-${encodeTextDirectivePart(d.suffix)}`] : []),
  ];
  return `:~:text=${parts.join(',')}`;
}

/** Decodes a percent-encoded part, or null when the encoding is malformed (a hand-typed "%"). */
function decodePart(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

/** Reads the value of one `text=` directive (without `text=`), or null when it is not well formed. */
export function parseTextDirective(value: string): TextDirective | null {
  const parts = value.split(',');
  const prefix = parts.length > 1 && parts[0]?.endsWith('-') ? parts.shift()?.slice(0, -1) : undefined;
  const suffix = parts.length > 1 && parts[parts.length - 1]?.startsWith('-') ? parts.pop()?.slice(1) : undefined;
  if (parts.length < 1 || parts.length > 2) return null;
  const [start, end, pre, suf] = [parts[0], parts[1], prefix, suffix].map((p) => (p === undefined ? undefined : decodePart(p)));
  if (!start || parts[0]?.startsWith('-') || [end, pre, suf].includes(null)) return null;
  const d: TextDirective = { start };
  if (pre) d.prefix = pre;
  if (end) d.end = end;
  if (suf) d.suffix = suf;
  return d;
}

/** What a URL fragment asks for: the element id before any `:~:`, and its text directives. */
export interface ParsedFragment {
  /** The id, percent-decoded when that is possible (a malformed escape is kept as written); null when empty. */
  id: string | null;
  directives: TextDirective[];
}

/**
 * Splits a URL fragment (with or without "#") into its element id and text directives. Never
 * throws: readers paste and edit links, and a stray "%" must not stop the page's scripts.
 */
export function parseFragment(hash: string): ParsedFragment {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  const at = raw.indexOf(':~:');
  const directives =
    at < 0
      ? []
      : raw
          .slice(at + 3)
          .split('&')
          .flatMap((d) => (d.startsWith('text=') ? [parseTextDirective(d.slice(5))] : []))
          .filter((d): d is TextDirective => d !== null);
  const id = fragmentId(raw) || null;
  return { id, directives };
}

/**
 * Builds the `:~:text=` fragment directive for a selection when nothing more is known of the page
 * than the selected words. Short selections are quoted whole; long ones become a start,end pair of
 * a few words each, which keeps shared links short. Returns '' for an empty selection. Callers
 * that know the page's text use textDirectiveFor (text-match.ts), which also makes the match unique.
 */
export function textFragmentFor(selection: string, maxWhole = 80, edgeWords = 4): string {
  const text = selection.replace(/\s+/g, ' ').trim();
  if (!text) return '';
  const words = text.split(' ');
  if (text.length <= maxWhole || words.length <= edgeWords * 2) return directiveString({ start: text });
  return directiveString({ start: words.slice(0, edgeWords).join(' '), end: words.slice(-edgeWords).join(' ') });
}

/** Full passage link: page URL, the nearest stable anchor, and a text directive (or the selected words) if any. */
export function passageLink(pageUrl: string, anchor: string, selection: string | TextDirective = ''): string {
  const base = pageUrl.split('#')[0] ?? pageUrl;
  const directive = typeof selection === 'string' ? textFragmentFor(selection) : directiveString(selection);
  return `${base}#${anchor}${directive}`;
}
