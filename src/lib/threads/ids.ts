import { fnv1a32Hex } from './hash.ts';
import { ANCHOR_RE } from '../links/anchors.ts';
import { slugify } from './slug.ts';

/** Words hashed for an undated comment's id, before any collision forces more. */
export const ID_WORDS = 12;

/**
 * The words of a text as ids see them: NFKC, lower-case, punctuation, symbols and invisible
 * format characters removed, split on whitespace. Edits to spacing, quote style or case then
 * leave the id alone.
 */
export function idWords(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}\p{Cf}]/gu, '')
    .split(/[\s\p{Cc}]+/u)
    .filter((w) => w.length > 0);
}

/** What an id may be derived from. Position in the export is deliberately not part of it. */
export interface IdSource {
  /** Label for error messages ("C3", "line 12"). */
  label: string;
  /** An id an editor fixed in the segmentation file; used as is. */
  explicitId?: string | undefined;
  /** The forum's own comment id, when known. */
  originalId?: string | null | undefined;
  /** Author slug (person page slug, else slug of the display name), when the author is known. */
  authorSlug?: string | null | undefined;
  /** `YYYY-MM-DDTHH:MM` from the export, when known. */
  date?: string | null | undefined;
  /** The comment's full text (its lines joined by newlines). */
  text: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

function hashId(words: string[], n: number): string {
  return fnv1a32Hex(words.slice(0, n).join(' '));
}

type Base = { id: string; derived: 'fixed' | 'dated' | 'text' };

/** The id a comment gets when nothing collides with it. */
export function commentId(src: IdSource): string {
  return baseId(src).id;
}

function baseId(src: IdSource): Base {
  if (src.explicitId) return { id: src.explicitId, derived: 'fixed' };
  if (src.originalId) return { id: `c-${src.originalId}`, derived: 'fixed' };
  const author = src.authorSlug ? slugify(src.authorSlug, 40) : '';
  const m = src.date ? DATE_RE.exec(src.date) : null;
  if (author && m) return { id: `c-${author}-${m.slice(1).join('')}`, derived: 'dated' };
  return { id: `c-${hashId(idWords(src.text), ID_WORDS)}`, derived: 'text' };
}

/** Thrown when two comments cannot be told apart; `labels` names them. */
export class IdCollisionError extends Error {
  readonly labels: string[];
  constructor(labels: string[], id: string) {
    super(`comments ${labels.join(' and ')} would share the id "${id}" (same author and time, or identical text); give one an explicit id`);
    this.name = 'IdCollisionError';
    this.labels = labels;
  }
}

/**
 * Ids for a list of comments: the original permalink id when known, else `c-<author>-<date>`,
 * else a hash of the first 12 words. Comments whose ids collide are disambiguated by their text
 * alone: text-derived ids hash 24, 48, … words until they differ; dated ids get a `-<hash>`
 * suffix grown the same way. So an id depends only on the comment itself and on the comments
 * it collides with, never on order or position. Throws IdCollisionError when texts are
 * identical or an id is not a valid anchor.
 */
export function assignCommentIds(sources: readonly IdSource[]): string[] {
  const bases = sources.map(baseId);
  const ids = bases.map((b) => b.id);
  const groups = new Map<string, number[]>();
  bases.forEach((b, i) => groups.set(b.id, [...(groups.get(b.id) ?? []), i]));
  for (const [id, members] of groups) {
    if (members.length < 2) continue;
    const labels = members.map((i) => sources[i]?.label ?? String(i));
    if (members.some((i) => bases[i]?.derived === 'fixed')) throw new IdCollisionError(labels, id);
    const words = members.map((i) => idWords(sources[i]?.text ?? ''));
    const longest = Math.max(...words.map((w) => w.length));
    let resolved = false;
    for (let n = ID_WORDS * 2; ; n *= 2) {
      const candidates = members.map((i, k) => (bases[i]?.derived === 'dated' ? `${id}-${hashId(words[k] ?? [], n)}` : `c-${hashId(words[k] ?? [], n)}`));
      if (new Set(candidates).size === candidates.length) {
        members.forEach((i, k) => (ids[i] = candidates[k] ?? ''));
        resolved = true;
        break;
      }
      if (n >= longest) break;
    }
    if (!resolved) throw new IdCollisionError(labels, id);
  }
  const seen = new Map<string, number>();
  ids.forEach((id, i) => {
    if (!ANCHOR_RE.test(id)) throw new Error(`comment ${sources[i]?.label}: "${id}" is not a valid anchor id`);
    const prev = seen.get(id);
    if (prev !== undefined) throw new IdCollisionError([sources[prev]?.label ?? '', sources[i]?.label ?? ''], id);
    seen.set(id, i);
  });
  return ids;
}
