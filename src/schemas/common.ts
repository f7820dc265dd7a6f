import { z } from 'astro/zod';
import { ATTRIBUTION_STATUSES, COMMENTER_LABEL_RE } from '../lib/text/attribution.ts';
import { ANCHOR_RE, ANCHOR_RULE, COMMENT_ID_RE, COMMENT_ID_RULE, SLUG_RE, SLUG_RULE } from '../lib/links/anchors.ts';

/**
 * A link we publish: an absolute http or https address, nothing else. `z.url()` alone accepts
 * any scheme (`javascript:`, `data:`) and, since the WHATWG parser strips leading controls and
 * spaces, even `\u0001javascript:…`; so the raw string is checked first.
 */
export const httpUrlSchema = z
  .string()
  .regex(/^[^\p{Cc}\p{Cf}\p{Z}\s]*$/u, 'a URL must not contain spaces, control or invisible characters')
  .regex(/^https?:\/\/[^/?#]/i, 'a URL must start with http:// or https:// and a host')
  .pipe(z.url({ protocol: /^https?$/, error: 'must be a valid http(s) URL' }));

/** How sure we are that an attribution (author, parent, post) is right, as the facts grade it. */
export const confidenceSchema = z.enum(['high', 'medium-high', 'medium', 'low-medium', 'low', 'unknown']);
export type Confidence = z.output<typeof confidenceSchema>;

/**
 * Who wrote a block. `recorded`: the export itself names the author. `verified`: the facts
 * confirm it from the original page. `inferred`: the facts infer it from content. `unknown`: no
 * evidence; the page then says "author not recorded in the export".
 */
export const authorSchema = z
  .object({
    /** Display name, exactly as known; null when unknown. */
    name: z.string().min(1).nullable(),
    /** Slug of the person's page under /people/, when they have one. */
    person: z.string().regex(SLUG_RE).nullable().default(null),
    /** How the attribution is known. */
    status: z.enum(ATTRIBUTION_STATUSES),
    /**
     * For an unrecorded author the editors judge to have written several comments of one thread:
     * the thread's label for them ("Commenter A"), set by the importer from `author.sameAs`.
     */
    label: z.string().regex(COMMENTER_LABEL_RE, 'a label looks like "Commenter A"').optional(),
    /** The facts' reasoning, shown to readers beside an inferred or unknown author. */
    note: z.string().optional(),
  })
  .refine((a) => (a.status === 'unknown') === (a.name === null), {
    message: 'an author has a name exactly when its status is not "unknown"',
  })
  .refine((a) => a.label === undefined || a.status === 'unknown', {
    message: 'only an author whose name is not recorded gets a "Commenter A" label',
  });
export type Author = z.output<typeof authorSchema>;

/** Licence or copyright status of a source, as the facts state it. */
export const licenceSchema = z.object({
  /** Machine-readable status. */
  status: z.enum(['cc-by-4.0', 'all-rights-reserved', 'unknown']),
  /** One or two sentences for readers, e.g. why CC BY applies or that no open licence is stated. */
  statement: z.string().min(1),
  /** Where the licence fact comes from. */
  evidenceUrl: httpUrlSchema.optional(),
});
export type Licence = z.output<typeof licenceSchema>;

/** Where a source was originally published. */
export const originSchema = z.object({
  /** Forum name as readers know it: "LessWrong", "EA Forum", … */
  site: z.string().min(1),
  /** Canonical URL of the original, or null when the facts could not find it. */
  url: httpUrlSchema.nullable(),
  /** Other copies (mirrors, crossposts), each with a label. */
  mirrors: z.array(z.object({ label: z.string().min(1), url: httpUrlSchema })).default([]),
  /** Date as known ("2023-11-15T17:16", "2023"), or null. */
  date: z.string().min(1).nullable(),
  /** Caveats about the origin, shown to readers. */
  note: z.string().optional(),
});
export type Origin = z.output<typeof originSchema>;

/** Kebab-case slug used in URLs. */
export const slugSchema = z.string().regex(SLUG_RE, SLUG_RULE);

/** An HTML id we publish as a permalink anchor. */
export const anchorSchema = z.string().regex(ANCHOR_RE, ANCHOR_RULE);

/** A comment's permalink anchor, `c-<original id>` or `c-<derived id>`. */
export const commentIdSchema = anchorSchema.regex(COMMENT_ID_RE, COMMENT_ID_RULE);

/** The pattern inside a whole-string regex, for building larger patterns from the id rules. */
export function patternOf(re: RegExp): string {
  return re.source.replace(/^\^/, '').replace(/\$$/, '');
}

/** Pointer back into a raw export: 1-based inclusive line range. */
export const linesSchema = z.tuple([z.number().int().positive(), z.number().int().positive()]).refine(([a, b]) => a <= b, {
  message: 'line range must run forwards',
});

/**
 * Paragraph of source text, kept verbatim: one export line, or one piece of a line that the
 * segmentation cut where a quotation starts or ends. `quote` marks someone else's words.
 */
export const paragraphSchema = z.object({
  /** Verbatim text of one export line (or piece of one). Rendered as text, never parsed as markup. */
  text: z.string(),
  /** 1-based line in the export. */
  line: z.number().int().positive(),
  /** Offset of the text in its export line: 0 unless a quote cut the line (line and col name a piece). */
  col: z.number().int().nonnegative().default(0),
  /** True when the text quotes the post or another comment (from the segmentation). */
  quote: z.boolean().default(false),
  /** For a quote: what it quotes, in the editors' words, when no passage on the site holds it. */
  quoteNote: z.string().min(1).optional(),
  /**
   * For text imported from a forum's own data: the block's HTML as src/lib/forum's allowlist left
   * it (`text` is its plain text). Pages show it after sanitizing it again (renderForumBlock).
   */
  html: z.string().min(1).optional(),
});
export type Paragraph = z.output<typeof paragraphSchema>;

/** Where an importer-written file came from, and the command that writes it again. */
export const generatedSchema = z.object({
  /** Path of the export (`….txt`) or saved forum data (`….json`) this file was generated from, e.g. `content/sources/001_….txt`. */
  from: z.string().regex(/^content\/sources\/[^/]+\.(?:txt|json)$/),
  /** Segmentation file used, when the export has no comment headers. */
  segments: z
    .string()
    .regex(/^content\/segments\/[^/]+\.ya?ml$/)
    .nullable()
    .default(null),
  /** The command that regenerates this file. */
  command: z.string().min(1),
});
