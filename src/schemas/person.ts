import { z } from 'astro/zod';
import { httpUrlSchema } from './common.ts';

/** A person who wrote something on this site: /people/<slug>/ (the file name is the slug). */
export const personSchema = z.object({
  type: z.literal('person'),
  /** Display name as the forums show it. */
  name: z.string().min(1),
  /**
   * Other names this person is confirmed to post under, exactly as the sources spell them (the
   * importer may match authors by these). A name the facts only suggest belongs in `possibleNames`.
   */
  aliases: z.array(z.string().min(1)).default([]),
  /**
   * Names the facts suggest but cannot confirm (e.g. a public name cited by a third party). Shown
   * as unconfirmed, and never used to match or label authors.
   */
  possibleNames: z
    .array(
      z.object({
        /** The name as the suggesting source gives it. */
        name: z.string().min(1),
        /** Why it is only possible: what suggests it and what fails to confirm it. */
        evidence: z.string().min(1),
      }),
    )
    .default([]),
  /** One line on who they are, drawn from the facts (ours). */
  description: z.string().min(1),
  /** Profile pages on the forums. */
  profiles: z.array(z.object({ label: z.string().min(1), url: httpUrlSchema })).default([]),
  /** Caveats about identity, e.g. a public name the facts cannot confirm. */
  note: z.string().optional(),
});
export type PersonData = z.output<typeof personSchema>;
