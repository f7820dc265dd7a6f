/** Percent-encodes text for a text directive, where "-", "," and "&" are syntax. */
export function encodeTextDirectivePart(text: string): string {
  return encodeURIComponent(text).replace(/-/g, '%2D');
}

/**
 * Builds the `:~:text=` fragment directive for a selection. Short selections are quoted whole;
 * long ones become a start,end pair of a few words each, which browsers match more reliably than
 * a long exact string and keeps shared links short. Returns '' for an empty selection.
 */
export function textFragmentFor(selection: string, maxWhole = 80, edgeWords = 4): string {
  const text = selection.replace(/\s+/g, ' ').trim();
  if (!text) return '';
  if (text.length <= maxWhole) return `:~:text=${encodeTextDirectivePart(text)}`;
  const words = text.split(' ');
  if (words.length <= edgeWords * 2) return `:~:text=${encodeTextDirectivePart(text)}`;
  const start = words.slice(0, edgeWords).join(' ');
  const end = words.slice(-edgeWords).join(' ');
  return `:~:text=${encodeTextDirectivePart(start)},${encodeTextDirectivePart(end)}`;
}

/** Full passage link: page URL, the nearest stable anchor, and the text directive if any. */
export function passageLink(pageUrl: string, anchor: string, selection = ''): string {
  const base = pageUrl.split('#')[0] ?? pageUrl;
  return `${base}#${anchor}${textFragmentFor(selection)}`;
}
