import { z } from 'astro/zod';
import { httpUrlSchema } from './common.ts';

/** A person who wrote something on this site: /people/<slug>/ (the file name is the slug). */
export const personSchema = z.object({
  type: z.literal('person'),
  /** Display name as the forums show it. */
  name: z.string().min(1),
  /** Other names the sources use for this person (usernames, public names the facts suggest). */
  aliases: z.array(z.string().min(1)).default([]),
  /** One line on who they are, drawn from the facts (ours). */
  description: z.string().min(1),
  /** Profile pages on the forums. */
  profiles: z.array(z.object({ label: z.string().min(1), url: httpUrlSchema })).default([]),
  /** Caveats about identity, e.g. a public name the facts cannot confirm. */
  note: z.string().optional(),
});
export type PersonData = z.output<typeof personSchema>;
