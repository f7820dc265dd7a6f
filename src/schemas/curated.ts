import { z } from 'astro/zod';
import { slugSchema } from './common.ts';

// The curated kinds (claims, glossary terms, guides) are filled in by later work; their schemas
// exist now so the collections are typed from the start and a stray file fails loudly.

/** A reference from our prose to a passage: `<page path>#<anchor>`, e.g. `threads/x#c-abc`. */
export const sourceRefSchema = z.string().regex(/^(essays|threads|people)\/[a-z0-9-]+(#[A-Za-z][A-Za-z0-9_-]*)?$/);

/** A claim or objection in the argument map: /arguments/<slug>/. */
export const claimSchema = z.object({
  type: z.literal('claim'),
  title: z.string().min(1),
  /** The claim in one or two sentences (ours). */
  summary: z.string().min(1),
  /** Passages that make or attack the claim; a claim with no source is rejected. */
  sources: z.array(sourceRefSchema).min(1),
  supports: z.array(slugSchema).default([]),
  attacks: z.array(slugSchema).default([]),
});

/** A glossary term: /glossary/<slug>/. */
export const termSchema = z.object({
  type: z.literal('term'),
  term: z.string().min(1),
  aliases: z.array(z.string().min(1)).default([]),
  /** Passages that use the term. */
  sources: z.array(sourceRefSchema).min(1),
  related: z.array(slugSchema).default([]),
});

/** A guide page written by us (the start tour and similar). */
export const guideSchema = z.object({
  type: z.literal('guide'),
  title: z.string().min(1),
  description: z.string().min(1),
});
