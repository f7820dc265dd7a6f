import { z } from 'astro/zod';
import { httpUrlSchema, patternOf, slugSchema } from './common.ts';
import { ANCHOR_RE, SLUG_RE } from '../lib/links/anchors.ts';

// Pages that hold source passages, the only targets a claim, term or summary may rest on.
const SOURCE_PAGE = `(essays|threads|people)/${patternOf(SLUG_RE)}`;

// The curated layer: claims for the argument map, glossary terms, guides (the start tour) and
// our summaries of each essay and thread. Everything here is written by the site's editors; the
// schemas make sure every claim and term points at the source passages it rests on.

/** A reference from our prose to a passage: `<page path>#<anchor>`, e.g. `threads/x#c-abc`. */
export const sourceRefSchema = z
  .string()
  .regex(new RegExp(`^${SOURCE_PAGE}(#${patternOf(ANCHOR_RE)})?$`), 'must look like "essays|threads|people/<slug>#<anchor>"');

/** What a passage does for a claim. */
export const passageRoleSchema = z.enum(['makes', 'supports', 'attacks', 'defends', 'context']);
export type PassageRole = z.output<typeof passageRoleSchema>;

/** Human labels for the roles, shown on claim pages (kept beside the enum so they stay in step). */
export const PASSAGE_ROLE_LABELS: Record<PassageRole, string> = {
  makes: 'Makes the claim',
  supports: 'Supports it',
  attacks: 'Attacks it',
  defends: 'Defends it against an attack',
  context: 'Context',
};

/**
 * One source passage of a claim or term. Shorthand: a bare reference string means
 * `{ to, role: 'makes' }` for claims and `{ to, role: 'context' }` for terms.
 */
export const passageSchema = z.object({
  /** The passage, as `essays|threads|people/<slug>#<anchor>`. */
  to: sourceRefSchema,
  /** What the passage does for the claim (for terms: always `context`). */
  role: passageRoleSchema,
  /** One line in our words on what the passage says, shown beside the link. */
  note: z.string().min(1).optional(),
});
export type Passage = z.output<typeof passageSchema>;

const passageInput = (fallback: PassageRole) => z.union([sourceRefSchema.transform((to): Passage => ({ to, role: fallback })), passageSchema]);

/** Splits the passage list into the plain `sources` the link graph reads and the annotated `passages`. */
function withPassages<T extends { sources: Passage[] }>(data: T): Omit<T, 'sources'> & { sources: string[]; passages: Passage[] } {
  const { sources, ...rest } = data;
  return { ...rest, sources: [...new Set(sources.map((p) => p.to))], passages: sources };
}

/** The kinds of node on the argument map. */
export const claimKindSchema = z.enum(['thesis', 'claim', 'objection', 'reply']);
export type ClaimKind = z.output<typeof claimKindSchema>;

/** A claim or objection in the argument map: /arguments/<slug>/ (the file name is the slug). */
export const claimSchema = z
  .object({
    type: z.literal('claim'),
    /** The claim as a short sentence; also the node label on the map (keep it under ~70 characters). */
    title: z.string().min(1).max(90),
    /** The claim in one or two sentences (ours). */
    summary: z.string().min(1),
    /** Thesis (a headline conclusion), claim (a step of an argument), objection or reply. */
    kind: claimKindSchema.default('claim'),
    /** Where it is made: the passages that make, support, attack or defend it. A claim with no source is rejected. */
    sources: z.array(passageInput('makes')).min(1, 'a claim needs at least one source passage'),
    /** Slugs of claims this one supports (checked: an unknown slug fails the build). */
    supports: z.array(slugSchema).default([]),
    /** Slugs of claims this one attacks (checked: an unknown slug fails the build). */
    attacks: z.array(slugSchema).default([]),
    /** Glossary slugs the claim relies on, listed on its page. */
    terms: z.array(slugSchema).default([]),
    /** Order on the map and in lists (lower first), so the tour's order survives file renames. */
    order: z.number().int().default(100),
    /**
     * Where the claim is made when that text is not in our exports (e.g. the Scheming AIs report).
     * The page says the text is not here; `sources` must still hold a passage that discusses it.
     */
    external: z
      .array(
        z.object({
          /** Title of the work, as its author gives it. */
          title: z.string().min(1),
          /** Public address of the work. */
          url: httpUrlSchema,
          /** What is and is not in our exports about it (ours). */
          note: z.string().min(1),
        }),
      )
      .default([]),
  })
  .refine((c) => c.sources.some((p) => p.role === 'makes') || c.external.length > 0, {
    message: 'a claim needs a passage with role "makes", or an `external` entry naming where it is made',
    path: ['sources'],
  })
  .transform(withPassages);
export type ClaimInput = z.input<typeof claimSchema>;
export type ClaimData = z.output<typeof claimSchema>;

/** A glossary term: /glossary/<slug>/ (the file name is the slug). */
export const termSchema = z
  .object({
    type: z.literal('term'),
    /** The term as readers see it in headings ("Base goal"). */
    term: z.string().min(1),
    /** Other spellings and forms a first-use link should also catch ("base goals", "training goal"). */
    aliases: z.array(z.string().min(1)).default([]),
    /** A one-sentence definition in our words, for the index and link previews. */
    short: z.string().min(1),
    /** Passages that use the term or describe the idea. A term with no source is rejected. */
    sources: z.array(passageInput('context')).min(1, 'a term needs at least one source passage'),
    /** Slugs of related glossary terms (checked: an unknown slug fails the build). */
    related: z.array(slugSchema).default([]),
  })
  .transform(withPassages);
export type TermInput = z.input<typeof termSchema>;
export type TermData = z.output<typeof termSchema>;

/** A guide page written by us (the start tour and similar). */
export const guideSchema = z.object({
  type: z.literal('guide'),
  title: z.string().min(1),
  description: z.string().min(1),
  /** Estimated reading time in minutes, shown under the title. */
  minutes: z.number().int().positive().optional(),
});
export type GuideData = z.output<typeof guideSchema>;

/** Our short summary of an essay or thread, shown in a box at the top of that page. */
export const summarySchema = z.object({
  type: z.literal('summary'),
  /** The page summarised: `essays/<slug>`, `threads/<slug>` or `people/<slug>`. */
  target: z.string().regex(new RegExp(`^${SOURCE_PAGE}$`), 'must look like "essays/<slug>", "threads/<slug>" or "people/<slug>"'),
  /** One line for the box's heading and for search results. */
  title: z.string().min(1).default('Our summary'),
});
export type SummaryData = z.output<typeof summarySchema>;
