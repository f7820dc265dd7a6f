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
  const space = head.lastIndexOf(' ');
  const cut = space > max * 0.5 ? head.slice(0, space) : head;
  return `${cut.replace(/[\s,;:.!?-]+$/u, '')}…`;
}
