/**
 * Turns a title or name into a slug: symbols that carry meaning in titles are spelled out
 * ("<1%" becomes "less-than-1", as LessWrong does), accents are dropped ("Adrià" → "adria"),
 * every other run of non-alphanumerics becomes one hyphen. The result is cut at a word boundary
 * so it is at most `maxLength` characters (a single longer word is cut hard). May return "" when
 * the text has no ASCII letters or digits at all.
 */
export function slugify(text: string, maxLength = 60): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/</g, ' less than ')
    .replace(/>/g, ' greater than ')
    .replace(/&/g, ' and ')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
  let out = '';
  for (const w of words) {
    const next = out ? `${out}-${w}` : w;
    if (next.length > maxLength) {
      if (!out) out = w.slice(0, maxLength);
      break;
    }
    out = next;
  }
  return out;
}
