/**
 * Shortens text to at most `max` characters at a word boundary, adding an ellipsis, so a
 * one-line preview never cuts a word in half (unless a single word is longer than `max`).
 */
export function excerpt(text: string, max = 140): string {
  const flat = flatHead(text, max);
  if (flat.length <= max) return flat;
  // Cut on code points, not UTF-16 units, so an emoji at the boundary is never split. Only the
  // first max + 1 are split out: labels and previews cut whole comments, and splitting every
  // character of each was four seconds of a 1,000-thread build.
  let end = 0;
  let count = 0;
  while (end < flat.length && count <= max) {
    end += (flat.codePointAt(end) ?? 0) > 0xffff ? 2 : 1;
    count++;
  }
  if (count <= max) return flat;
  // Without astral characters in the way, a code point is a unit and the string is cut as it is.
  const chars = end === count ? null : Array.from(flat.slice(0, end));
  const head = chars ? chars.slice(0, max - 1).join('') : flat.slice(0, Math.max(0, max - 1));
  // When the cut falls exactly at the end of a word, keep that word whole.
  const endsWord = /\s/.test((chars ? chars[max - 1] : flat[max - 1]) ?? '');
  const space = head.lastIndexOf(' ');
  const cut = endsWord || space <= max * 0.5 ? head : head.slice(0, space);
  return `${cut.replace(/[\s,;:.!?-]+$/u, '')}…`;
}

/**
 * The text with its whitespace collapsed and trimmed, or (for a long text) a head of it that holds
 * at least the first `max` + 1 code points of that with more after them, which is all excerpt
 * reads. Collapsing every comment whole, for each of its labels and previews, was over four
 * seconds of a 1,000-thread build.
 */
function flatHead(text: string, max: number): string {
  // Code points take at most two units each: a head twice that long (plus a space and a split
  // pair at its end) leaves the cut's characters exactly as the whole text's would be.
  const enough = 2 * (max + 1) + 2;
  // A window a little past that is enough for text with few runs of spaces, which is most; a text
  // with more is tried again with a window four times as long, then collapsed whole. (Collapsing
  // the long window for every label and preview was half a second of a 1,000-thread build.)
  for (const window of [enough + 32, 4 * enough]) {
    if (max >= 0 && text.length > window) {
      const head = text.slice(0, window).replace(/\s+/g, ' ').trimStart();
      if (head.length > enough) return head;
    }
  }
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * A passage's own words, for labels, previews and listings: paragraphs `isQuoted` flags (someone
 * else's words) are skipped, unless all are, so a label never opens with a quotation yet a passage
 * made only of quotation still shows something. Cut to `max` characters when given.
 */
export function firstOwnWords<P extends { text: string }>(paragraphs: readonly P[], isQuoted: (p: P) => boolean, max?: number): string {
  const own = paragraphs.filter((p) => !isQuoted(p));
  const text = (own.length ? own : paragraphs).map((p) => p.text).join(' ');
  return max === undefined ? text : excerpt(text, max);
}
