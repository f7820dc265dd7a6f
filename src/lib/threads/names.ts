/**
 * Author names and the people they link to. A comment is credited to a person's page only when
 * its name is exactly (after NFC) the person's name or one of their aliases: a name that merely
 * looks the same (a zero-width space, fullwidth letters, a Cyrillic "о") may be someone else, so
 * it stays an unlinked author and the importer warns about it instead of guessing.
 */

/** A person with a page under content/people, as the importer needs them. */
export interface PersonRecord {
  slug: string;
  name: string;
  aliases: readonly string[];
}

/** `U+200B` for a character, so messages can name characters a terminal would not show. */
export function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The text with every character a terminal would hide, reorder or act on (controls, format and
 * separator characters other than the plain space) written as `<U+XXXX>`, for messages.
 */
export function visible(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]|(?! )\p{Zs}/gu, (ch) => `<${codePoint(ch)}>`);
}

// Latin look-alikes from other scripts that NFKC leaves alone. Not exhaustive (Unicode's
// confusables list has thousands); these are the ones that pass for ASCII names in most fonts.
const LOOKALIKES: Record<string, string> = {
  а: 'a',
  в: 'b',
  е: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  α: 'a',
  β: 'b',
  ε: 'e',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
};

/**
 * A loose key under which look-alike names collide: NFKC (fullwidth and compatibility forms),
 * without format characters (zero-width spaces, joiners, bidi marks), case-folded, common
 * Cyrillic and Greek look-alikes mapped to Latin, underscores and space runs as one space.
 */
export function lookalikeKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\p{Cf}\p{Cc}]/gu, '')
    .toLowerCase()
    .replace(/\p{L}/gu, (ch) => LOOKALIKES[ch] ?? ch)
    .replace(/[\s_]+/gu, ' ')
    .trim();
}

/** The outcome of matching an author's name: the linked person, or a person it only resembles. */
export type PersonMatch = { person: PersonRecord; exact: true } | { person: PersonRecord; exact: false } | null;

/** Finds the person a name belongs to: exact NFC match with a name or alias, else a look-alike (never linked). */
export function matchPerson(name: string, people: readonly PersonRecord[]): PersonMatch {
  const nfc = name.normalize('NFC');
  const exact = people.find((p) => [p.name, ...p.aliases].some((n) => n.normalize('NFC') === nfc));
  if (exact) return { person: exact, exact: true };
  const key = lookalikeKey(name);
  if (key === '') return null;
  const near = people.find((p) => [p.name, ...p.aliases].some((n) => lookalikeKey(n) === key));
  return near ? { person: near, exact: false } : null;
}
