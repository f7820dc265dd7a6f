import { z } from 'astro/zod';
import { anchorSchema, authorSchema, generatedSchema, licenceSchema, linesSchema, originSchema, paragraphSchema, slugSchema } from './common.ts';

/** An item of a list the export dropped, as far as the facts recover it. */
export const recoveredItemSchema = z.object({
  /** The item as the facts give it (often paraphrased: `basis` says how it is known). */
  text: z.string().min(1),
  /** `reconstructed`: recovered from another source (see `basis`); `verbatim-elsewhere`: quoted exactly in a comment or heading. */
  status: z.enum(['reconstructed', 'verbatim-elsewhere']),
  /** Where the item comes from, for readers ("quoted in comment C10, line 26"). */
  basis: z.string().min(1),
});

/** A block inside an essay section: a verbatim paragraph or an editorial note about lost text. */
export const essayBlockSchema = z.discriminatedUnion('kind', [
  paragraphSchema.extend({ kind: z.literal('p') }),
  z.object({
    kind: z.literal('missing-list'),
    /** Anchor for this note, so it can be linked and listed. */
    id: anchorSchema,
    /** Export line after which the list was stripped. */
    after: z.number().int().positive(),
    /** What the list was, in our words. */
    label: z.string().min(1),
    items: z.array(recoveredItemSchema).default([]),
    /** True when items beyond those listed (or all of them) are lost. */
    lost: z.boolean(),
    /** Confidence and evidence, from the facts. */
    note: z.string().min(1),
  }),
]);
export type EssayBlock = z.output<typeof essayBlockSchema>;

/** A section of an essay; `heading` null for the untitled opening. */
export const essaySectionSchema = z.object({
  /** Permalink anchor of the heading. */
  id: anchorSchema,
  /** Heading text, verbatim from the export line `line`; null for the untitled opening block. */
  heading: z.string().min(1).nullable(),
  /** Export line of the heading (when there is one). */
  line: z.number().int().positive().nullable(),
  /** 2 for top-level sections, 3 and 4 below. */
  level: z.union([z.literal(2), z.literal(3), z.literal(4)]),
  lines: linesSchema,
  blocks: z.array(essayBlockSchema),
});
export type EssaySection = z.output<typeof essaySectionSchema>;

/** An essay with its headings restored: /essays/<slug>/. */
export const essaySchema = z
  .object({
    type: z.literal('essay'),
    title: z.string().min(1),
    description: z.string().min(1).optional(),
    author: authorSchema,
    origin: originSchema,
    licence: licenceSchema,
    /** Slug of the thread page holding this essay's comments. */
    thread: slugSchema.nullable().default(null),
    generated: generatedSchema,
    sections: z.array(essaySectionSchema).min(1),
  })
  .superRefine((data, ctx) => {
    const seen = new Set<string>();
    data.sections.forEach((s, i) => {
      const ids = [s.id, ...s.blocks.flatMap((b) => (b.kind === 'missing-list' ? [b.id] : []))];
      for (const id of ids) {
        if (seen.has(id)) ctx.addIssue({ code: 'custom', path: ['sections', i, 'id'], message: `duplicate anchor "${id}"` });
        seen.add(id);
      }
    });
  });
export type EssayData = z.output<typeof essaySchema>;
export { slugSchema };
