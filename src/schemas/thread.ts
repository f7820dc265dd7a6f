import { z } from 'astro/zod';
import {
  anchorSchema,
  authorSchema,
  commentIdSchema,
  confidenceSchema,
  generatedSchema,
  httpUrlSchema,
  licenceSchema,
  linesSchema,
  originSchema,
  paragraphSchema,
  slugSchema,
} from './common.ts';

/** Where a comment sits in the conversation. */
export const replyToSchema = z.object({
  /** `post`: top-level; `comment`: a reply to `id`; `unknown`: the facts could not tell. */
  kind: z.enum(['post', 'comment', 'unknown']),
  /** Anchor id (`c-…`) of the parent comment when kind is `comment`. */
  id: anchorSchema.optional(),
  /** True when the facts only assume or infer this placement. */
  assumed: z.boolean().default(false),
  /** Editorial note on the reply context, for readers ("Answers point (2) of the comment it replies to"). */
  note: z.string().optional(),
  /** Comments the note refers to (anchor ids), shown as links after it. */
  refs: z.array(anchorSchema).optional(),
});

/** For profile exports: the post a comment was left on, as far as it is known. */
export const onPostSchema = z.object({
  title: z.string().min(1).nullable(),
  url: httpUrlSchema.nullable(),
  /** `verified` by the facts, a `candidate` they name without verifying, or `unknown`. */
  status: z.enum(['verified', 'candidate', 'unknown']),
  note: z.string().optional(),
});

/** One comment, with its verbatim text and everything known about who wrote it and where. */
export const commentSchema = z.object({
  /** Stable permalink anchor, `c-<original id>` or `c-<derived id>`; never positional. */
  id: commentIdSchema,
  /** The forum's own comment id, when the facts found it. */
  originalId: z.string().min(1).nullable().default(null),
  /** The facts' key for this block (C18, Q, V8 …), for editors. */
  key: z.string().min(1).optional(),
  author: authorSchema,
  /** Date/time exactly as the export gives it, or null. */
  date: z.string().min(1).nullable().default(null),
  /** Karma exactly as the export gives it, or null. */
  karma: z.number().int().nullable().default(null),
  replyTo: replyToSchema,
  /** Link to the comment on its original site, when known. */
  url: httpUrlSchema.nullable().default(null),
  /** The facts' confidence in this block's boundaries and placement. */
  confidence: confidenceSchema,
  /** Lines of the export this comment came from. */
  lines: linesSchema,
  /** Editorial note for readers (from the facts). */
  note: z.string().optional(),
  /** For profile comments: the post it was left on. */
  onPost: onPostSchema.optional(),
  /** Deleted on the forum: the page keeps its place in the tree, with its replies, as "[deleted]". */
  deleted: z.boolean().optional(),
  /** Retracted by its author: shown struck through, as the forums show it. */
  retracted: z.boolean().optional(),
  /** Verbatim text, one entry per export line (per block, for forum data); empty only for a deleted comment. */
  paragraphs: z.array(paragraphSchema),
});
export type Comment = z.output<typeof commentSchema>;
export type CommentInput = z.input<typeof commentSchema>;

/** The post a thread discusses. */
export const threadPostSchema = z.object({
  title: z.string().min(1),
  author: authorSchema,
  /** Date and karma exactly as known. */
  date: z.string().min(1).nullable().default(null),
  karma: z.number().int().nullable().default(null),
  /** `essay`: the body is on our essay page `essay`; `absent`: the export lost it. */
  body: z.enum(['essay', 'absent']),
  /** Slug of our essay page holding the body, when body is `essay`. */
  essay: slugSchema.optional(),
  /** For an absent body: what the export shows instead, for readers. */
  bodyNote: z.string().optional(),
});

const threadBase = {
  title: z.string().min(1),
  /** Short description for meta tags and listings (ours). */
  description: z.string().min(1).optional(),
  generated: generatedSchema,
  origin: originSchema,
  licence: licenceSchema,
  comments: z.array(commentSchema),
};

/** A comment thread under one post: /threads/<slug>/. */
export const threadSchema = z
  .object({
    type: z.literal('thread'),
    post: threadPostSchema,
    ...threadBase,
  })
  .superRefine(checkComments);

/** One person's profile export of comments, shown on /people/<person>/. */
export const profileSchema = z
  .object({
    type: z.literal('profile'),
    /** Slug of the person whose profile this is. */
    person: slugSchema,
    /** The profile's bio, verbatim. */
    bio: paragraphSchema.nullable().default(null),
    /** Post titles the profile lists (the person's own posts), verbatim. */
    postTitles: z
      .array(z.object({ text: z.string().min(1), line: z.number().int().positive(), url: httpUrlSchema.nullable(), note: z.string().optional() }))
      .default([]),
    ...threadBase,
  })
  .superRefine(checkComments);

/** Importer output: either a thread or a profile. */
export const threadsCollectionSchema = z.discriminatedUnion('type', [threadSchema, profileSchema]);
export type ThreadData = z.output<typeof threadSchema>;
export type ProfileData = z.output<typeof profileSchema>;
export type ThreadsEntryData = z.output<typeof threadsCollectionSchema>;

/** Cross-field rules: text unless deleted, unique ids, and every reply points at a comment in the same file. */
function checkComments(data: { comments: Comment[] }, ctx: z.RefinementCtx): void {
  const ids = new Set<string>();
  data.comments.forEach((c, i) => {
    if (c.paragraphs.length === 0 && c.deleted !== true)
      ctx.addIssue({ code: 'custom', path: ['comments', i, 'paragraphs'], message: 'a comment needs text unless it is deleted' });
    if (ids.has(c.id)) ctx.addIssue({ code: 'custom', path: ['comments', i, 'id'], message: `duplicate comment id "${c.id}"` });
    ids.add(c.id);
  });
  data.comments.forEach((c, i) => {
    if (c.replyTo.kind === 'comment' && (!c.replyTo.id || !ids.has(c.replyTo.id))) {
      ctx.addIssue({
        code: 'custom',
        path: ['comments', i, 'replyTo', 'id'],
        message: `reply target "${c.replyTo.id ?? ''}" is not a comment in this file`,
      });
    }
    (c.replyTo.refs ?? []).forEach((r, j) => {
      if (!ids.has(r) || r === c.id)
        ctx.addIssue({ code: 'custom', path: ['comments', i, 'replyTo', 'refs', j], message: `"${r}" is not another comment in this file` });
    });
  });
}
