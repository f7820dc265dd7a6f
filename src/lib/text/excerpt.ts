/**
 * Shortens text to at most `max` characters at a word boundary, adding an ellipsis, so a
 * one-line preview never cuts a word in half (unless a single word is longer than `max`).
 */
export function excerpt(text: string, max = 140): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  // Cut on code points, not UTF-16 units, so an emoji at the boundary is never split.
  const chars = Array.from(flat);
  if (chars.length <= max) return flat;
  const head = chars.slice(0, max - 1).join('');
  // When the cut falls exactly at the end of a word, keep that word whole.
  const endsWord = /\s/.test(chars[max - 1] ?? '');
  const space = head.lastIndexOf(' ');
  const cut = endsWord || space <= max * 0.5 ? head : head.slice(0, space);
  return `${cut.replace(/[\s,;:.!?-]+$/u, '')}…`;
}
