/** A run of excerpt text, marked when it matched the query. */
export interface ExcerptPart {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the character references Pagefind writes into excerpts, and nothing else. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * Splits a Pagefind excerpt into plain and marked runs. The excerpt is HTML with `<mark>` around
 * matches; treating it as text plus marks (never as markup) means source text can't inject HTML
 * into the results list, whatever the index holds.
 */
export function parseExcerpt(html: string): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  let mark = false;
  for (const piece of html.split(/(<\/?mark>)/i)) {
    if (/^<mark>$/i.test(piece)) mark = true;
    else if (/^<\/mark>$/i.test(piece)) mark = false;
    else if (piece) {
      // Any other tag Pagefind might emit is dropped, keeping only its text.
      const text = decodeEntities(piece.replace(/<[^>]*>/g, ''));
      if (text) parts.push({ text, mark });
    }
  }
  return parts;
}

/** Words of a query worth highlighting on the landing page: no quotes, no one-letter words. */
export function highlightTerms(query: string): string[] {
  const words = query
    .toLowerCase()
    .replace(/["“”]/g, ' ')
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter((w) => w.length > 1);
  return [...new Set(words)].slice(0, 12);
}

/** Splits a record's text into words the way Pagefind counts word locations. */
export function contentWords(content: string): string[] {
  return content.split(/[^\S\uFEFF]+/).filter(Boolean);
}

/** Appends text to a list of runs, joining it to the last run when both are marked or both plain. */
function pushRun(parts: ExcerptPart[], text: string, mark: boolean): void {
  const last = parts.at(-1);
  if (last && last.mark === mark) last.text += text;
  else parts.push({ text, mark });
}

/** Marked and plain runs for the words `from`–`to` of a record, marking the words at `locations`. */
export function markedWords(words: readonly string[], locations: ReadonlySet<number>, from: number, to: number): ExcerptPart[] {
  const parts: ExcerptPart[] = [];
  for (let i = from; i < Math.min(to, words.length); i++) {
    // The space between two matched words is part of one mark ("deceptive alignment").
    if (i > from) pushRun(parts, ' ', locations.has(i - 1) && locations.has(i));
    pushRun(parts, words[i]!, locations.has(i));
  }
  return parts;
}

/**
 * The start of the `length`-word window, at or after word `from`, holding the most matched words
 * (the earliest such window, so a passage's first match is shown when matches are spread evenly).
 */
export function excerptStart(wordCount: number, locations: readonly number[], length: number, from = 0): number {
  const hits = locations.filter((l) => l >= from && l < wordCount).sort((a, b) => a - b);
  const last = Math.max(from, wordCount - length);
  if (hits.length === 0) return from;
  let best = from;
  let bestCount = -1;
  for (const h of hits) {
    // Start a little before the match so it reads in context, but never before `from`.
    const start = Math.min(last, Math.max(from, h - 4));
    const count = hits.filter((x) => x >= start && x < start + length).length;
    if (count > bestCount) {
      best = start;
      bestCount = count;
    }
  }
  return best;
}

/**
 * An excerpt of a record's text: about `length` words around the densest run of matches, never
 * from before word `from` (words a result's title already shows), with "…" where text is cut.
 */
export function excerptOf(content: string, locations: readonly number[], length: number, from = 0): ExcerptPart[] {
  const words = contentWords(content);
  if (from >= words.length) return [];
  const start = excerptStart(words.length, locations, length, from);
  const end = Math.min(words.length, start + length);
  const parts: ExcerptPart[] = [];
  if (start > from) pushRun(parts, '… ', false);
  for (const p of markedWords(words, new Set(locations), start, end)) pushRun(parts, p.text, p.mark);
  if (end < words.length) pushRun(parts, ' …', false);
  return parts;
}
