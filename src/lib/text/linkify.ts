/**
 * Editors' notes are plain text, and some of them give an address ("Its companion question post is
 * at https://…"). Shown as text, such an address cannot be followed; this splits a note into text
 * and http(s) links so the page can make each address a link, without reading the note as markup.
 */

/** A run of a note: plain text, or an address to link (`href` is the address as written). */
export interface NotePiece {
  text: string;
  href?: string;
}

// An address runs to the next space; closing punctuation at its end belongs to the sentence.
const URL_RE = /https?:\/\/[^\s<>"]+/g;
const TRAILING = /^[.,;:!?'"’”)\]]$/;

/** The pieces of `text`, in order; joined, their texts give back `text` exactly. */
export function notePieces(text: string): NotePiece[] {
  const out: NotePiece[] = [];
  let from = 0;
  for (const m of text.matchAll(URL_RE)) {
    let url = m[0];
    // Closing punctuation at the end belongs to the sentence, except a ")" that closes a "(" of the address.
    for (;;) {
      const last = url.at(-1) ?? '';
      if (!TRAILING.test(last)) break;
      if (last === ')' && url.split('(').length >= url.split(')').length) break;
      url = url.slice(0, -1);
    }
    const at = m.index;
    // "https://" with no host is not an address to follow.
    if (!/^https?:\/\/[^/?#]/.test(url)) continue;
    if (at > from) out.push({ text: text.slice(from, at) });
    out.push({ text: url, href: url });
    from = at + url.length;
  }
  if (from < text.length) out.push({ text: text.slice(from) });
  return out;
}
