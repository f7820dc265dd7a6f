/**
 * Importer core, text → model: reads a raw export (and the editor's segmentation file, when
 * there is one), checks everything, and returns the frontmatter data of the files to write,
 * already validated by the schemas the site uses. No fs or process here (see cli.ts), so tests
 * call it directly. Every problem is a SourceError naming a file and line.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'astro/zod';
import { anchorSchema, confidenceSchema, httpUrlSchema, licenceSchema, originSchema, slugSchema } from '../schemas/common.ts';
import { essaySchema, recoveredItemSchema } from '../schemas/essay.ts';
import { onPostSchema, threadsCollectionSchema } from '../schemas/thread.ts';
import { SourceError } from '../lib/threads/errors.ts';
import { isHeaderExport, looksLikeCommentHeader, parseHeaderExport, type HeaderExport } from '../lib/threads/header.ts';
import { assignCommentIds, IdCollisionError, type IdSource } from '../lib/threads/ids.ts';
import { isBlank, splitExportLines, type ExportLine } from '../lib/threads/lines.ts';
import { matchPerson, visible, type PersonRecord } from '../lib/threads/names.ts';
import {
  applySegmentation,
  linePieces,
  SEGMENT_KINDS,
  type AuthorSpec,
  type HeadingSpec,
  type MissingListSpec,
  type ParentSpec,
  type SegmentSpec,
} from '../lib/threads/segmentation.ts';
import { ANCHOR_RE, isSlug } from '../lib/links/anchors.ts';
import { slugify } from '../lib/threads/slug.ts';
import { authorLabels, LabelError } from '../lib/threads/author-groups.ts';
import { QuoteCutError, type QuoteCut } from '../lib/threads/quote-cuts.ts';

// ---------------------------------------------------------------------------------------------
// The segmentation file (YAML). Field reference: content/segments/README.md is not ours to write,
// so the reference lives here, beside the schema that enforces it.
//
//   source, type (thread | profile), slug, title, description, person (profiles)
//   origin, licence                       as in src/schemas/common.ts
//   post: { title, author, date, karma, body, bodyNote }
//   essay: { slug, title, description, author }
//   segments: (exports without headers) list of
//     lines ("1-9", 7 or [1, 9]), kind, key, id, author { name, person, status, note, sameAs },
//     date, karma, parent (C1 | post | unknown, or { to, assumed, note, refs }), originalId, url,
//     confidence, quotes, note, reason (skip), onPost { title, url, status, note },
//     and on the essay segment: openingId, headings { line: level | { level, id } },
//     missingLists [{ after, id, label, items [{ text, status, basis }], lost, note }]
//   comments: (header exports) overrides, each { line: <header line>, key, id, author, parent,
//     originalId, url, confidence, quotes, note }
//
//   author.sameAs: the key of another comment whose author is not recorded either, when the
//     editors judge both to be by one person. Comments joined this way (directly or through
//     others) form a group; every group of two or more gets a per-thread label, "Commenter A",
//     "Commenter B", … in the order its first comment appears, written into the thread as
//     `author.label`. A one-off unrecorded author stays unlabelled. The key must name another
//     comment of the export, and both authors must have status unknown.
//   parent.note is shown to readers beside the reply context, so it names no keys or export
//     lines; `refs: [C4, C5]` lists the comments it refers to, which readers get as links after
//     the note ("Probably a reply to one of these:" …). Keys and line numbers belong in `note`
//     and author.note, which readers only see in a comment's "About this attribution" details.
//   quotes: what in a comment is someone else's words. Each entry is a line number (the whole
//     line is a quotation) or { line, from, to, note }: `from` is the exact phrase of that line
//     the quotation starts with (default: the line's start), `to` the exact phrase it ends with
//     (default: the line's end); each must occur once on the line. `note` tells readers what is
//     quoted when no passage on the site holds it ("an earlier version of the post").
//   bodyLines: (header exports) [line, …]: lines that look like a comment header but are text.
//     A line such as "Bob @ 2023-11-16 11:00 (+3)" stops the import, because reading it as text
//     would credit Bob's words to the previous commenter; listing it here says it is body text
//     of the comment (or post) it sits in. Only header-like lines may be listed.
//
// Every url (origin, mirrors, evidenceUrl, url, onPost.url) must be an http(s) address.
// Authors of header exports link to a person only when their name (NFC) is exactly the person's
// `name` or one of their `aliases`; a look-alike name stays unlinked and the importer warns.
// ---------------------------------------------------------------------------------------------

const slug = slugSchema;
const anchor = anchorSchema;
const key = z.string().regex(ANCHOR_RE, 'keys are short names like C1 or V8');
const line = z.number().int().positive();
const level = z.union([z.literal(2), z.literal(3), z.literal(4)], { error: 'heading level must be 2, 3 or 4' });
const authorIn = z.strictObject({
  name: z.string().min(1).nullable(),
  person: slug.nullable().optional(),
  status: z.enum(['recorded', 'verified', 'inferred', 'unknown']),
  note: z.string().min(1).optional(),
  sameAs: key.optional(),
});
const parentIn = z.union(
  [
    z.string().min(1),
    z.strictObject({ to: z.string().min(1), assumed: z.boolean().optional(), note: z.string().min(1).optional(), refs: z.array(key).min(1).optional() }),
  ],
  { error: 'parent must be a key (C1), "post", "unknown", or { to, assumed, note, refs }' },
);
const LINES_HELP = 'lines must look like "3-9", 7 or [3, 9]';
const quoteIn = z.union(
  [line, z.strictObject({ line, from: z.string().min(1).optional(), to: z.string().min(1).optional(), note: z.string().min(1).optional() })],
  { error: 'a quote is a line number or { line, from, to, note }' },
);
const linesIn = z.union([z.string().regex(/^\s*\d+\s*(?:-\s*\d+\s*)?$/, LINES_HELP), line, z.tuple([line, line])], { error: LINES_HELP });
/** What a segment and a header override may both say about a comment. */
const commentFieldsIn = {
  key: key.optional(),
  id: anchor.optional(),
  parent: parentIn.optional(),
  originalId: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .nullable()
    .optional(),
  url: httpUrlSchema.nullable().optional(),
  confidence: confidenceSchema.optional(),
  quotes: z.array(quoteIn).optional(),
  note: z.string().min(1).optional(),
};
const segmentIn = z.strictObject({
  lines: linesIn,
  kind: z.enum(SEGMENT_KINDS, { error: `unknown kind (expected one of: ${SEGMENT_KINDS.join(', ')})` }),
  ...commentFieldsIn,
  author: authorIn.optional(),
  date: z.string().min(1).nullable().optional(),
  karma: z.number().int().nullable().optional(),
  reason: z.string().min(1).optional(),
  onPost: onPostSchema.optional(),
  openingId: anchor.optional(),
  headings: z.record(z.string().regex(/^\d+$/, 'heading keys are line numbers'), z.union([level, z.strictObject({ level, id: anchor.optional() })])).optional(),
  missingLists: z
    .array(
      z.strictObject({
        after: line,
        id: anchor.optional(),
        label: z.string().min(1),
        items: z.array(recoveredItemSchema).default([]),
        lost: z.boolean(),
        note: z.string().min(1),
      }),
    )
    .optional(),
});
const overrideIn = z.strictObject({
  line,
  ...commentFieldsIn,
  author: authorIn.partial().optional(),
});
const segmentationIn = z.strictObject({
  source: z.string().min(1).optional(),
  type: z.enum(['thread', 'profile']).default('thread'),
  slug: slug.optional(),
  title: z.string().min(1).optional(),
  description: z.string().min(1).optional(),
  person: slug.optional(),
  origin: originSchema,
  licence: licenceSchema,
  post: z
    .strictObject({
      title: z.string().min(1).optional(),
      author: authorIn.optional(),
      date: z.string().min(1).nullable().optional(),
      karma: z.number().int().nullable().optional(),
      body: z.enum(['essay', 'absent']).optional(),
      bodyNote: z.string().min(1).optional(),
    })
    .optional(),
  essay: z
    .strictObject({
      slug: slug.optional(),
      title: z.string().min(1).optional(),
      description: z.string().min(1).optional(),
      author: authorIn.optional(),
    })
    .optional(),
  segments: z.array(segmentIn).optional(),
  comments: z.array(overrideIn).optional(),
  bodyLines: z.array(line).optional(),
});
type SegmentationIn = z.output<typeof segmentationIn>;
type OverrideIn = z.output<typeof overrideIn>;

/** A parsed segmentation file, with the line of every segment and override. */
export interface Segmentation {
  file: string;
  data: SegmentationIn;
  segments: SegmentSpec[] | null;
  overrides: { at: number; parentAt: number; quotesAt: number; sameAsAt: number; o: OverrideIn }[] | null;
  /** Line of a top-level key (for schema errors in output fields copied from it). */
  lineOfKey: (path: readonly (string | number)[]) => number;
}

function yamlLine(doc: Document, lc: LineCounter, path: readonly PropertyKey[]): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      const keyRange = isScalar(pair.key) ? pair.key.range : undefined;
      if (keyRange) offset = keyRange[0];
      node = pair.value;
      const r = (node as { range?: [number, number, number] } | null)?.range;
      if (r && !isMap(node) && !isSeq(node)) offset = keyRange ? keyRange[0] : r[0];
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)];
      if (item === undefined) break;
      node = item;
      const r = (item as { range?: [number, number, number] }).range;
      if (r) offset = r[0];
    } else break;
  }
  return lc.linePos(offset).line;
}

function describePath(data: unknown, path: readonly PropertyKey[]): string {
  if ((path[0] === 'segments' || path[0] === 'comments') && typeof path[1] === 'number') {
    const list = (data as Record<string, unknown[]> | null)?.[path[0]];
    const item = list?.[path[1]] as { key?: unknown; line?: unknown } | undefined;
    const name =
      path[0] === 'segments'
        ? `segment ${typeof item?.key === 'string' ? item.key : `#${path[1] + 1}`}`
        : `comment override ${typeof item?.key === 'string' ? item.key : `#${path[1] + 1}`}`;
    const rest = path.slice(2).map(String).join('.');
    return rest ? `${name}: ${rest}` : name;
  }
  return path.map(String).join('.') || '(top level)';
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function parseRange(v: string | number | [number, number]): [number, number] {
  if (typeof v === 'number') return [v, v];
  if (Array.isArray(v)) return v;
  const [a, b] = v.split('-').map((x) => Number.parseInt(x.trim(), 10));
  return [a ?? 0, b ?? a ?? 0];
}

/** The non-blank export lines of a range, joined: the text a derived comment id is made from. */
function wholeLines(lines: readonly ExportLine[], [a, b]: [number, number]): string {
  return lines
    .slice(a - 1, b)
    .filter((l) => !isBlank(l.text))
    .map((l) => l.text)
    .join('\n');
}

function quoteCut(q: z.output<typeof quoteIn>): QuoteCut {
  return typeof q === 'number' ? { line: q } : q;
}

function parentSpec(p: z.output<typeof parentIn> | undefined, at: number): ParentSpec | undefined {
  if (p === undefined) return undefined;
  return typeof p === 'string' ? { to: p, at } : { to: p.to, assumed: p.assumed, note: p.note, refs: p.refs, at };
}

/** Far above what an editor writes by hand, far below what an exponential alias expansion reaches. */
const MAX_ALIAS_COUNT = 100;

/** Reads and shape-checks a segmentation file. */
export function parseSegmentation(file: string, text: string): Segmentation {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const at = err.linePos?.[0]?.line ?? lc.linePos(err.pos[0]).line;
    throw new SourceError(file, at, `bad YAML: ${err.message.split('\n')[0]}`);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // The yaml library refuses to expand aliases past the limit ("billion laughs").
    if (e instanceof ReferenceError)
      throw new SourceError(file, null, `bad YAML: aliases expand to too many nodes (over ${MAX_ALIAS_COUNT}); write the values out instead`);
    throw new SourceError(file, null, `bad YAML: ${e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e)}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new SourceError(file, 1, 'a segmentation file must be a YAML mapping');
  const parsed = segmentationIn.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // An unknown key is reported on its object; point at the key itself.
    const path = [...(issue?.path ?? []), ...(issue?.code === 'unrecognized_keys' ? issue.keys.slice(0, 1) : [])];
    const got = valueAt(raw, path);
    const shown = typeof got === 'string' || typeof got === 'number' ? ` (got ${JSON.stringify(got)})` : '';
    throw new SourceError(file, yamlLine(doc, lc, path), `${describePath(raw, path)}: ${issue?.message ?? 'invalid'}${shown}`);
  }
  const data = parsed.data;
  const at = (path: readonly PropertyKey[]) => yamlLine(doc, lc, path);
  const segments =
    data.segments?.map((s, i): SegmentSpec => {
      const p = ['segments', i];
      const headings: HeadingSpec[] | undefined = s.headings
        ? Object.entries(s.headings).map(([k, v]) => ({
            line: Number(k),
            level: typeof v === 'number' ? v : v.level,
            id: typeof v === 'number' ? undefined : v.id,
            at: at([...p, 'headings', k]),
          }))
        : undefined;
      const missingLists: MissingListSpec[] | undefined = s.missingLists?.map((m, j) => ({ ...m, at: at([...p, 'missingLists', j]) }));
      return {
        at: at(p),
        lines: parseRange(s.lines),
        kind: s.kind,
        key: s.key,
        id: s.id,
        author: s.author,
        sameAsAt: s.author?.sameAs !== undefined ? at([...p, 'author', 'sameAs']) : undefined,
        date: s.date,
        karma: s.karma,
        parent: parentSpec(s.parent, at([...p, 'parent'])),
        originalId: s.originalId,
        url: s.url,
        confidence: s.confidence,
        quotes: s.quotes?.map(quoteCut),
        quotesAt: at([...p, 'quotes']),
        note: s.note,
        reason: s.reason,
        onPost: s.onPost,
        headings,
        openingId: s.openingId,
        missingLists,
      };
    }) ?? null;
  const overrides =
    data.comments?.map((o, i) => ({
      at: at(['comments', i]),
      parentAt: at(['comments', i, 'parent']),
      quotesAt: at(['comments', i, 'quotes']),
      sameAsAt: at(['comments', i, 'author', 'sameAs']),
      o,
    })) ?? null;
  if (segments && overrides)
    throw new SourceError(file, at(['comments']), 'use either "segments" (exports without headers) or "comments" (header exports), not both');
  return { file, data, segments, overrides, lineOfKey: at };
}

// ---------------------------------------------------------------------------------------------
// Building the model.
// ---------------------------------------------------------------------------------------------

export interface ImportInput {
  /** The export's path as the user gave it (for messages). */
  exportFile: string;
  exportText: string;
  /** The export's path relative to the output root, e.g. `content/sources/001_….txt`. */
  from: string;
  /** The segmentation file's path as given, its text and its path relative to the output root. */
  segmentsFile?: string | undefined;
  segmentsText?: string | undefined;
  segmentsRel?: string | undefined;
  /** `--slug`, when given. */
  slug?: string | undefined;
  /** The people with a page under content/people (header-export authors link on an exact name or alias). */
  people?: readonly PersonRecord[] | undefined;
}

/** Something worth an editor's attention that does not stop the import. */
export interface ImportWarning {
  file: string;
  line: number | null;
  message: string;
}

/** Frontmatter of one file to write, with the slug that names it. */
export interface OutputFile<T> {
  slug: string;
  data: T;
}

export interface ImportResult {
  thread: OutputFile<Record<string, unknown>>;
  essay: OutputFile<Record<string, unknown>> | null;
  /** The command that regenerates these files (also written into them). */
  command: string;
  warnings: ImportWarning[];
}

type Author = { name: string | null; person: string | null; status: AuthorSpec['status']; label?: string | undefined; note?: string | undefined };
type ReplyTo = {
  kind: 'post' | 'comment' | 'unknown';
  id?: string | undefined;
  assumed?: boolean | undefined;
  note?: string | undefined;
  refs?: string[] | undefined;
};
type Para = { text: string; line: number; col?: number | undefined; quote?: true | undefined; quoteNote?: string | undefined };

interface CommentModel {
  /** Where to point errors about this comment: file and line. */
  origin: { file: string; line: number };
  label: string;
  key: string | undefined;
  idSource: IdSource;
  parentKey: ParentSpec | undefined;
  /** The editors' "same person as" link, with its line in the segmentation file. */
  sameAs: { key: string; at: number } | undefined;
  data: {
    id: string;
    originalId: string | null;
    key: string | undefined;
    author: Author;
    date: string | null;
    karma: number | null;
    replyTo: ReplyTo;
    url: string | null;
    confidence: string;
    lines: [number, number];
    note: string | undefined;
    onPost: SegmentSpec['onPost'];
    paragraphs: Para[];
  };
}

function authorOut(a: AuthorSpec): Author {
  return { name: a.name, person: a.person ?? null, status: a.status, note: a.note };
}

function paraOut(p: { text: string; line: number; col?: number | undefined; quote: boolean; note?: string | undefined }): Para {
  return { text: p.text, line: p.line, col: p.col ? p.col : undefined, quote: p.quote ? true : undefined, quoteNote: p.quote ? p.note : undefined };
}

function buildCommand(input: ImportInput): string {
  return ['npm run import --', input.from, ...(input.slug ? ['--slug', input.slug] : []), ...(input.segmentsRel ? ['--segments', input.segmentsRel] : [])].join(
    ' ',
  );
}

/** Resolves parent keys to ids once every comment has its id. */
function resolveIds(comments: CommentModel[], fallbackFile: string): void {
  let ids: string[];
  try {
    ids = assignCommentIds(comments.map((c) => c.idSource));
  } catch (e) {
    if (e instanceof IdCollisionError) {
      const first = comments.find((c) => c.label === e.labels[1]) ?? comments[0];
      throw new SourceError(first?.origin.file ?? fallbackFile, first?.origin.line ?? null, e.message);
    }
    throw e;
  }
  const byKey = new Map<string, string>();
  comments.forEach((c, i) => {
    c.data.id = ids[i] ?? '';
    if (c.key) byKey.set(c.key, c.data.id);
  });
  for (const c of comments) {
    const p = c.parentKey;
    if (!p) continue;
    const refs = p.refs?.map((k) => {
      const id = byKey.get(k);
      if (!id) throw new SourceError(c.origin.file, p.at, `comment ${c.label}: parent.refs names unknown key "${k}"`);
      if (k === c.key) throw new SourceError(c.origin.file, p.at, `comment ${c.label}: parent.refs names the comment itself`);
      return id;
    });
    if (p.to === 'post') c.data.replyTo = { kind: 'post', assumed: p.assumed, note: p.note, refs };
    else if (p.to === 'unknown') c.data.replyTo = { kind: 'unknown', note: p.note, refs };
    else {
      const id = byKey.get(p.to);
      if (!id) throw new SourceError(c.origin.file, p.at, `comment ${c.label} replies to unknown key "${p.to}"`);
      if (p.to === c.key) throw new SourceError(c.origin.file, p.at, `comment ${c.label} cannot reply to itself`);
      c.data.replyTo = { kind: 'comment', id, assumed: p.assumed, note: p.note, refs };
    }
  }
}

/** Gives the unrecorded authors the editors joined with `sameAs` their per-thread labels. */
function applyLabels(comments: CommentModel[], file: string): void {
  let labels: (string | undefined)[];
  try {
    labels = authorLabels(
      comments.map((c) => ({ key: c.key, unrecorded: c.data.author.status === 'unknown' && c.data.author.name === null, sameAs: c.sameAs })),
    );
  } catch (e) {
    if (e instanceof LabelError) throw new SourceError(file, e.at, e.message);
    throw e;
  }
  comments.forEach((c, i) => {
    const label = labels[i];
    // Rebuilt so the label sits beside the status in the generated file, before the note.
    if (label) c.data.author = { name: c.data.author.name, person: c.data.author.person, status: c.data.author.status, label, note: c.data.author.note };
  });
}

function checkSlug(s: string, where: { file: string; line: number | null }, what: string): string {
  if (!isSlug(s)) throw new SourceError(where.file, where.line, `${what} "${s}" is not a valid slug: it must be lower-case words joined by hyphens`);
  return s;
}

/** Builds the thread (and essay) of an export; throws SourceError on any problem. */
export function importExport(input: ImportInput): ImportResult {
  const lines = splitExportLines(input.exportText);
  if (lines.every((l) => isBlank(l.text))) throw new SourceError(input.exportFile, null, 'the export is empty');
  const seg = input.segmentsText !== undefined ? parseSegmentation(input.segmentsFile ?? input.segmentsRel ?? 'segments', input.segmentsText) : null;
  const warnings: ImportWarning[] = [];
  const personFor = (name: string, where: { file: string; line: number | null }): string | null => {
    const m = matchPerson(name, input.people ?? []);
    if (m && !m.exact) {
      warnings.push({
        ...where,
        message: `author "${visible(name)}" only looks like ${m.person.name} (content/people/${m.person.slug}.mdx), so it is not linked to that page; if it really is them, set author.person in the segmentation file`,
      });
    }
    return m?.exact ? m.person.slug : null;
  };
  const command = buildCommand(input);
  const generated = { from: input.from, segments: input.segmentsRel ?? null, command };
  if (input.slug !== undefined) checkSlug(input.slug, { file: '--slug', line: null }, 'the slug');
  if (seg?.data.source !== undefined && seg.data.source !== input.from) {
    throw new SourceError(seg.file, seg.lineOfKey(['source']), `this segmentation is for ${seg.data.source}, not ${input.from}`);
  }

  if (seg?.data.bodyLines && !isHeaderExport(lines)) {
    throw new SourceError(
      seg.file,
      seg.lineOfKey(['bodyLines']),
      '"bodyLines" is only for exports with comment headers; in a segmentation, every line is already placed by "segments"',
    );
  }
  const built = isHeaderExport(lines) ? buildFromHeaders(input, lines, seg, personFor, generated) : buildFromSegments(input, lines, seg, generated);

  // Paths must be where the schemas (and the site) expect them.
  if (!/^content\/sources\/[^/]+\.txt$/.test(input.from)) {
    throw new SourceError(input.exportFile, null, `exports must live in content/sources/ under the output root (got ${input.from})`);
  }
  if (input.segmentsRel !== undefined && !/^content\/segments\/[^/]+\.ya?ml$/.test(input.segmentsRel)) {
    throw new SourceError(
      input.segmentsFile ?? input.segmentsRel,
      null,
      `segmentation files must live in content/segments/ under the output root (got ${input.segmentsRel})`,
    );
  }

  validateOutput(built, seg, input);
  return { thread: built.thread, essay: built.essay, command, warnings };
}

type Built = Omit<ImportResult, 'command' | 'warnings'> & { comments: CommentModel[]; sectionAt: number[] };

function buildFromHeaders(
  input: ImportInput,
  lines: readonly ExportLine[],
  seg: Segmentation | null,
  personFor: (name: string, where: { file: string; line: number | null }) => string | null,
  generated: Record<string, unknown>,
): Built {
  const bodyLines = checkBodyLines(input, lines, seg);
  const h: HeaderExport = parseHeaderExport(input.exportFile, lines, { bodyLines });
  if (seg?.segments)
    throw new SourceError(seg.file, seg.lineOfKey(['segments']), 'this export has comment headers: give per-comment "comments" overrides, not "segments"');
  const overrides = new Map<number, NonNullable<Segmentation['overrides']>[number]>();
  const headerLines = new Set(h.comments.map((c) => c.headerLine));
  const keys = new Set<string>();
  for (const ov of seg?.overrides ?? []) {
    if (!headerLines.has(ov.o.line)) throw new SourceError(seg?.file ?? '', ov.at, `line ${ov.o.line} of ${input.exportFile} is not a comment header`);
    if (overrides.has(ov.o.line)) throw new SourceError(seg?.file ?? '', ov.at, `comment at line ${ov.o.line} has two overrides`);
    if (ov.o.key) {
      if (keys.has(ov.o.key)) throw new SourceError(seg?.file ?? '', ov.at, `comment key ${ov.o.key} is used twice`);
      keys.add(ov.o.key);
    }
    overrides.set(ov.o.line, ov);
  }
  const sd = seg?.data;
  const slug = checkSlug(input.slug ?? sd?.slug ?? slugify(h.title.text), { file: input.exportFile, line: 1 }, 'the slug');
  const hasBody = h.postBody.length > 0;
  const defaultNote = h.crosspostNotice
    ? `The export has no post text, only the forum viewer's crosspost notice (line ${h.crosspostNotice.line}): "${h.crosspostNotice.text}"`
    : 'The export has no post text.';
  const postOv = sd?.post?.author;
  const postAuthor: Author = postOv
    ? authorOut({
        ...postOv,
        // An editor's name replaces the byline's, so the link must follow that name, not the byline's.
        person:
          postOv.person !== undefined
            ? postOv.person
            : postOv.name === null
              ? null
              : personFor(postOv.name, { file: seg?.file ?? '', line: seg?.lineOfKey(['post', 'author']) ?? null }),
      })
    : { name: h.byline.author, person: personFor(h.byline.author, { file: input.exportFile, line: h.byline.line }), status: 'recorded' };
  const comments: CommentModel[] = h.comments.map((c) => {
    const ov = overrides.get(c.headerLine);
    const o = ov?.o;
    const quotes = (o?.quotes ?? []).map(quoteCut);
    const bodyLines = new Set(c.body.map((l) => l.line));
    for (const q of quotes) {
      if (q.line <= c.headerLine || q.line > c.lastLine)
        throw new SourceError(seg?.file ?? '', ov?.quotesAt ?? null, `quote line ${q.line} is not in the comment at lines ${c.headerLine}-${c.lastLine}`);
      if (!bodyLines.has(q.line)) throw new SourceError(seg?.file ?? '', ov?.quotesAt ?? null, `quote line ${q.line} is blank`);
    }
    let paragraphs: Para[];
    try {
      paragraphs = c.body.flatMap((l) => linePieces(l.text, l.line, quotes).map(paraOut));
    } catch (e) {
      if (e instanceof QuoteCutError) throw new SourceError(seg?.file ?? '', ov?.quotesAt ?? null, `comment at line ${c.headerLine}: ${e.message}`);
      throw e;
    }
    const name = o?.author?.name !== undefined ? o.author.name : c.author;
    const nameAt = o?.author?.name !== undefined ? { file: seg?.file ?? '', line: ov?.at ?? null } : { file: input.exportFile, line: c.headerLine };
    const author: Author = {
      name,
      person: o?.author?.person !== undefined ? o.author.person : name === null ? null : personFor(name, nameAt),
      status: o?.author?.status ?? 'recorded',
      note: o?.author?.note,
    };
    const label = o?.key ?? `at line ${c.headerLine}`;
    return {
      origin: ov ? { file: seg?.file ?? '', line: ov.at } : { file: input.exportFile, line: c.headerLine },
      label,
      key: o?.key,
      idSource: {
        label,
        explicitId: o?.id,
        originalId: o?.originalId,
        authorSlug: author.person ?? c.author,
        date: c.date,
        text: c.body.map((l) => l.text).join('\n'),
      },
      parentKey: o?.parent !== undefined ? parentSpec(o.parent, ov?.parentAt ?? 0) : undefined,
      sameAs: o?.author?.sameAs !== undefined ? { key: o.author.sameAs, at: ov?.sameAsAt ?? 0 } : undefined,
      data: {
        id: '',
        originalId: o?.originalId ?? null,
        key: o?.key,
        author,
        date: c.date,
        karma: c.karma,
        replyTo: { kind: 'unknown', note: 'The export does not record which comment this replies to.' },
        url: o?.url ?? null,
        confidence: o?.confidence ?? 'medium',
        lines: [c.headerLine, c.lastLine],
        note: o?.note,
        onPost: undefined,
        paragraphs,
      },
    };
  });
  resolveIds(comments, input.exportFile);
  applyLabels(comments, seg?.file ?? input.exportFile);
  const first = h.postBody[0];
  const last = h.postBody[h.postBody.length - 1];
  const title = sd?.title ?? h.title.text;
  const essaySlug = sd?.essay?.slug ?? slug;
  const thread = {
    type: 'thread',
    title,
    description: sd?.description,
    generated,
    origin: sd?.origin ?? {
      site: 'unknown',
      url: null,
      mirrors: [],
      date: h.byline.date,
      note: 'The export does not say which forum it comes from or where the post is.',
    },
    licence: sd?.licence ?? { status: 'unknown', statement: 'The export does not state a licence; the texts remain their authors’ work.' },
    post: {
      title: sd?.post?.title ?? h.title.text,
      author: postAuthor,
      date: h.byline.date,
      karma: h.byline.karma,
      body: hasBody ? 'essay' : 'absent',
      essay: hasBody ? essaySlug : undefined,
      bodyNote: hasBody ? undefined : (sd?.post?.bodyNote ?? defaultNote),
    },
    comments: comments.map((c) => c.data),
  };
  const essay =
    hasBody && first && last
      ? {
          slug: essaySlug,
          data: {
            type: 'essay',
            title: sd?.essay?.title ?? h.title.text,
            description: sd?.essay?.description,
            author: sd?.essay?.author ? authorOut(sd.essay.author) : postAuthor,
            origin: thread.origin,
            licence: thread.licence,
            thread: slug,
            generated,
            sections: [
              {
                id: 'post',
                heading: null,
                line: null,
                level: 2,
                lines: [first.line, last.line],
                blocks: h.postBody.map((l) => ({ kind: 'p', text: l.text, line: l.line })),
              },
            ],
          },
        }
      : null;
  return { thread: { slug, data: thread }, essay, comments, sectionAt: [] };
}

/** The `bodyLines` of a header export's segmentation, each checked to be a header-like line of the export. */
function checkBodyLines(input: ImportInput, lines: readonly ExportLine[], seg: Segmentation | null): Set<number> {
  const out = new Set<number>();
  (seg?.data.bodyLines ?? []).forEach((n, i) => {
    const at = seg?.lineOfKey(['bodyLines', i]) ?? null;
    const text = lines[n - 1]?.text;
    if (text === undefined || n <= 2) throw new SourceError(seg?.file ?? '', at, `bodyLines: line ${n} is not a line after the byline of ${input.exportFile}`);
    if (!looksLikeCommentHeader(text)) {
      throw new SourceError(
        seg?.file ?? '',
        at,
        `bodyLines: line ${n} of ${input.exportFile} does not look like a comment header; list only lines the importer stops at`,
      );
    }
    out.add(n);
  });
  return out;
}

function buildFromSegments(input: ImportInput, lines: readonly ExportLine[], seg: Segmentation | null, generated: Record<string, unknown>): Built {
  if (!seg) throw new SourceError(input.exportFile, 2, 'this export has no comment headers ("By Name @ …" on line 2); pass --segments <segmentation file>');
  if (!seg.segments) throw new SourceError(seg.file, 1, `the export ${input.exportFile} has no comment headers, so the segmentation file needs "segments"`);
  const sd = seg.data;
  const cut = applySegmentation(seg.file, lines, seg.segments, input.exportFile);
  const slug = checkSlug(input.slug ?? sd.slug ?? slugify(sd.title ?? sd.post?.title ?? ''), { file: seg.file, line: seg.lineOfKey(['slug']) }, 'the slug');
  const isProfile = sd.type === 'profile';
  if (isProfile && !sd.person)
    throw new SourceError(seg.file, seg.lineOfKey(['type']), 'a profile segmentation needs "person" (the slug of the person whose profile it is)');
  if (!isProfile && !sd.post?.author) throw new SourceError(seg.file, seg.lineOfKey(['post']), 'a thread segmentation needs "post.author"');
  if (!isProfile && cut.bio) throw new SourceError(seg.file, cut.comments[0]?.spec.at ?? 1, 'only profiles have a bio segment');
  const title = sd.title ?? sd.post?.title;
  if (!title) throw new SourceError(seg.file, 1, 'the segmentation needs "title"');

  const comments: CommentModel[] = cut.comments.map((c) => {
    const s = c.spec;
    let author: Author;
    if (s.author) author = authorOut(s.author);
    else if (isProfile && cut.name) author = { name: cut.name.text, person: sd.person ?? null, status: 'recorded' };
    else throw new SourceError(seg.file, s.at, `comment ${c.label} needs an author (write { name: null, status: unknown } when the facts do not know it)`);
    if (s.date !== undefined && s.date !== null && !/^\d{4}/.test(s.date))
      throw new SourceError(seg.file, s.at, `comment ${c.label}: date "${s.date}" should start with a year`);
    return {
      origin: { file: seg.file, line: s.at },
      label: c.label,
      key: s.key,
      // Ids hash whole export lines, so cutting a quote out of a line never moves a permalink.
      idSource: {
        label: c.label,
        explicitId: s.id,
        originalId: s.originalId,
        authorSlug: author.person ?? author.name,
        date: s.date,
        text: wholeLines(lines, s.lines),
      },
      parentKey: s.parent,
      sameAs: s.author?.sameAs !== undefined ? { key: s.author.sameAs, at: s.sameAsAt ?? s.at } : undefined,
      data: {
        id: '',
        originalId: s.originalId ?? null,
        key: s.key,
        author,
        date: s.date ?? null,
        karma: s.karma ?? null,
        replyTo: { kind: 'unknown' },
        url: s.url ?? null,
        confidence: s.confidence ?? 'unknown',
        lines: s.lines,
        note: s.note,
        onPost: s.onPost,
        paragraphs: c.paragraphs.map(paraOut),
      },
    };
  });
  resolveIds(comments, seg.file);
  applyLabels(comments, seg.file);

  const base = { title, description: sd.description, generated, origin: sd.origin, licence: sd.licence };
  const essaySlug = sd.essay?.slug ?? slug;
  const postAuthor = sd.post?.author ? authorOut(sd.post.author) : null;
  let thread: Record<string, unknown>;
  if (isProfile) {
    thread = {
      type: 'profile',
      person: sd.person,
      bio: cut.bio ? paraOut(cut.bio) : null,
      postTitles: cut.postTitles.map((t) => ({ text: t.text, line: t.line, url: t.spec.url ?? null, note: t.spec.note })),
      ...base,
      comments: comments.map((c) => c.data),
    };
  } else {
    thread = {
      type: 'thread',
      ...base,
      post: {
        title: sd.post?.title ?? title,
        author: postAuthor,
        date: sd.post?.date ?? null,
        karma: sd.post?.karma ?? null,
        body: cut.essay ? 'essay' : (sd.post?.body ?? 'absent'),
        essay: cut.essay ? essaySlug : undefined,
        bodyNote: cut.essay ? undefined : (sd.post?.bodyNote ?? 'The export has no post text.'),
      },
      comments: comments.map((c) => c.data),
    };
  }
  let essay: OutputFile<Record<string, unknown>> | null = null;
  const sectionAt: number[] = [];
  if (cut.essay) {
    const eAuthor = sd.essay?.author ? authorOut(sd.essay.author) : postAuthor;
    if (!eAuthor) throw new SourceError(seg.file, cut.essay.spec.at, 'the essay needs an author: give "essay.author" or "post.author"');
    const headingAt = new Map((cut.essay.spec.headings ?? []).map((h) => [h.line, h.at]));
    essay = {
      slug: checkSlug(essaySlug, { file: seg.file, line: seg.lineOfKey(['essay', 'slug']) }, 'the essay slug'),
      data: {
        type: 'essay',
        title: sd.essay?.title ?? sd.post?.title ?? title,
        description: sd.essay?.description,
        author: eAuthor,
        origin: sd.origin,
        licence: sd.licence,
        thread: isProfile ? null : slug,
        generated,
        sections: cut.essay.sections.map((s) => {
          sectionAt.push(s.line === null ? (cut.essay?.spec.at ?? 1) : (headingAt.get(s.line) ?? 1));
          return {
            id: s.id,
            heading: s.heading,
            line: s.line,
            level: s.level,
            lines: s.lines,
            blocks: s.blocks.map((b) => (b.kind === 'p' ? { kind: 'p', ...paraOut(b) } : b)),
          };
        }),
      },
    };
  }
  return { thread: { slug, data: thread }, essay, comments, sectionAt };
}

/** Checks the frontmatter against the site's own schemas; the first problem becomes a SourceError. */
function validateOutput(built: Built, seg: Segmentation | null, input: ImportInput): void {
  const where = (path: readonly PropertyKey[], kind: 'thread' | 'essay'): { file: string; line: number | null; what: string } => {
    const [head, index] = path;
    if (kind === 'thread' && head === 'comments' && typeof index === 'number') {
      const c = built.comments[index];
      if (c) return { ...c.origin, what: `comment ${c.label}` };
    }
    if (kind === 'essay' && head === 'sections' && typeof index === 'number' && seg) {
      return { file: seg.file, line: built.sectionAt[index] ?? null, what: `essay section ${index + 1}` };
    }
    if (seg && typeof head === 'string') return { file: seg.file, line: seg.lineOfKey([head]), what: String(head) };
    return { file: input.exportFile, line: null, what: 'the output' };
  };
  const check = (schema: z.ZodType, data: unknown, kind: 'thread' | 'essay', slug: string) => {
    const r = schema.safeParse(data);
    if (r.success) return;
    const issue = r.error.issues[0];
    const path = issue?.path ?? [];
    const w = where(path, kind);
    throw new SourceError(
      w.file,
      w.line,
      `generated ${kind} "${slug}" fails the site schema: ${w.what}: ${path.map(String).join('.')}: ${issue?.message ?? 'invalid'}`,
    );
  };
  check(threadsCollectionSchema, built.thread.data, 'thread', built.thread.slug);
  if (built.essay) check(essaySchema, built.essay.data, 'essay', built.essay.slug);
}
