import { SourceError } from './errors.ts';
import { isBlank, type ExportLine } from './lines.ts';
import { cutLine, QuoteCutError, type QuoteCut } from './quote-cuts.ts';
import { ANCHOR_RE } from '../links/anchors.ts';
import { slugify } from './slug.ts';

/**
 * The segmentation model: an editor's description of an export that has no comment headers
 * (seeds 000 and 004), written as YAML under content/segments/. The YAML is read and
 * shape-checked by src/importer/parse.ts; this module checks it against the export itself and
 * cuts the export into comments, an essay, a bio, … Every spec carries the line of the
 * segmentation file it came from, so errors can point there.
 */

export const SEGMENT_KINDS = ['comment', 'essay', 'bio', 'name', 'post-title', 'skip'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

export type Confidence = 'high' | 'medium-high' | 'medium' | 'low-medium' | 'low' | 'unknown';

export interface AuthorSpec {
  name: string | null;
  person?: string | null | undefined;
  status: 'recorded' | 'verified' | 'inferred' | 'unknown';
  note?: string | undefined;
  /** Key of a comment the editors judge to be by the same (unrecorded) person. */
  sameAs?: string | undefined;
}

/** `to` is a segment key (C1), `post`, or `unknown`. */
export interface ParentSpec {
  to: string;
  assumed?: boolean | undefined;
  note?: string | undefined;
  /** Keys of comments the note refers to; readers get them as links after the note. */
  refs?: string[] | undefined;
  at: number;
}

export interface OnPostSpec {
  title: string | null;
  url: string | null;
  status: 'verified' | 'candidate' | 'unknown';
  note?: string | undefined;
}

export interface HeadingSpec {
  line: number;
  level: 2 | 3 | 4;
  id?: string | undefined;
  at: number;
}

export interface RecoveredItem {
  text: string;
  status: 'reconstructed' | 'verbatim-elsewhere';
  basis: string;
}

export interface MissingListSpec {
  after: number;
  id?: string | undefined;
  label: string;
  items: RecoveredItem[];
  lost: boolean;
  note: string;
  at: number;
}

export interface SegmentSpec {
  /** Line of this segment in the segmentation file. */
  at: number;
  lines: [number, number];
  kind: SegmentKind;
  key?: string | undefined;
  id?: string | undefined;
  author?: AuthorSpec | undefined;
  /** Line of `author.sameAs`, for errors. */
  sameAsAt?: number | undefined;
  date?: string | null | undefined;
  karma?: number | null | undefined;
  parent?: ParentSpec | undefined;
  originalId?: string | null | undefined;
  url?: string | null | undefined;
  confidence?: Confidence | undefined;
  /** Lines (or parts of lines, cut by exact phrases) that quote someone else. */
  quotes?: QuoteCut[] | undefined;
  /** Line of the `quotes:` entry, for errors. */
  quotesAt?: number | undefined;
  note?: string | undefined;
  reason?: string | undefined;
  onPost?: OnPostSpec | undefined;
  headings?: HeadingSpec[] | undefined;
  openingId?: string | undefined;
  missingLists?: MissingListSpec[] | undefined;
}

export interface Para {
  text: string;
  line: number;
  /** Where the text starts in its export line, when a quote cut split the line. */
  col: number;
  quote: boolean;
  /** What the quotation is of, when the segmentation says so. */
  note?: string | undefined;
}

export interface CommentDraft {
  spec: SegmentSpec;
  /** Resolved label for messages: the key, else "lines a-b". */
  label: string;
  paragraphs: Para[];
}

export type EssayBlockDraft =
  ({ kind: 'p' } & Para) | { kind: 'missing-list'; id: string; after: number; label: string; items: RecoveredItem[]; lost: boolean; note: string };

export interface EssaySectionDraft {
  id: string;
  heading: string | null;
  line: number | null;
  level: 2 | 3 | 4;
  lines: [number, number];
  blocks: EssayBlockDraft[];
}

export interface SegmentedExport {
  comments: CommentDraft[];
  essay: { spec: SegmentSpec; sections: EssaySectionDraft[] } | null;
  bio: Para | null;
  name: Para | null;
  postTitles: { spec: SegmentSpec; text: string; line: number }[];
}

/** How messages name a segment: its key, else its kind and lines ("essay (lines 95-167)"). */
export function labelOf(s: SegmentSpec): string {
  return s.key ?? `${s.kind} (${linesText(s.lines)})`;
}

function rangeText([a, b]: [number, number]): string {
  return a === b ? `${a}` : `${a}-${b}`;
}

/** "line 7" or "lines 3-9". */
function linesText(r: [number, number]): string {
  return r[0] === r[1] ? `line ${r[0]}` : `lines ${rangeText(r)}`;
}

/**
 * Checks that `segments` cover `lines` exactly (in order, no gaps, no overlaps, nothing past the
 * end), that keys are unique and parents, quotes, headings and list positions point at real
 * things, then cuts the export up. `file` is the segmentation file, named in every error.
 */
export function applySegmentation(file: string, lines: readonly ExportLine[], segments: readonly SegmentSpec[], exportFile: string): SegmentedExport {
  const total = lines.length;
  const fail = (at: number, msg: string): never => {
    throw new SourceError(file, at, msg);
  };
  if (segments.length === 0) fail(1, `no segments: the export ${exportFile} has ${total} lines to cover`);

  // Coverage.
  let next = 1;
  let prev: SegmentSpec | null = null;
  for (const s of segments) {
    const [a, b] = s.lines;
    const label = labelOf(s);
    if (a < 1 || b < a) fail(s.at, `segment ${label} has an invalid line range ${a}-${b}`);
    if (b > total) fail(s.at, `segment ${label} ends at line ${b}, but ${exportFile} has only ${total} lines`);
    if (prev && a < next) fail(s.at, `segment ${label} overlaps ${labelOf(prev)} (${linesText([a, Math.min(b, next - 1)])})`);
    if (a > next) {
      fail(
        s.at,
        `${linesText([next, a - 1])} of ${exportFile} ${a - 1 === next ? 'is' : 'are'} in no segment (${prev ? `between ${labelOf(prev)} and ${label}` : `before ${label}`}); add a segment or a "kind: skip" with a reason`,
      );
    }
    next = b + 1;
    prev = s;
  }
  if (next <= total) {
    fail(
      prev?.at ?? 1,
      `${linesText([next, total])} of ${exportFile} ${total === next ? 'is' : 'are'} in no segment (after ${prev ? labelOf(prev) : 'the start'})`,
    );
  }

  const textAt = (n: number): string => lines[n - 1]?.text ?? '';

  // Keys, kinds and per-kind rules.
  const keys = new Map<string, SegmentSpec>();
  for (const s of segments) {
    if (s.key !== undefined) {
      const dup = keys.get(s.key);
      if (dup) fail(s.at, `segment key ${s.key} is used twice (first at line ${dup.at})`);
      keys.set(s.key, s);
    }
    if (s.kind === 'skip' && !s.reason) fail(s.at, `segment ${labelOf(s)} has kind "skip" but no reason`);
    if ((s.kind === 'bio' || s.kind === 'name' || s.kind === 'post-title') && s.lines[0] !== s.lines[1]) {
      fail(s.at, `segment ${labelOf(s)} of kind "${s.kind}" must be a single line`);
    }
    if (s.kind !== 'essay' && (s.headings || s.missingLists || s.openingId)) {
      fail(s.at, `segment ${labelOf(s)}: headings, openingId and missingLists belong on the essay segment`);
    }
    for (const q of s.quotes ?? []) {
      if (q.line < s.lines[0] || q.line > s.lines[1])
        fail(s.quotesAt ?? s.at, `segment ${labelOf(s)}: quote line ${q.line} is outside its lines ${rangeText(s.lines)}`);
      if (isBlank(textAt(q.line))) fail(s.quotesAt ?? s.at, `segment ${labelOf(s)}: quote line ${q.line} is blank`);
    }
  }
  for (const kind of ['essay', 'bio', 'name'] as const) {
    const all = segments.filter((s) => s.kind === kind);
    if (all.length > 1) fail(all[1]?.at ?? 1, `only one segment may have kind "${kind}" (the first is at line ${all[0]?.at})`);
  }
  for (const s of segments) {
    if (!s.parent) continue;
    const to = s.parent.to;
    if (to === 'post' || to === 'unknown') continue;
    const target = keys.get(to);
    if (!target) fail(s.parent.at, `segment ${labelOf(s)} replies to unknown key "${to}"`);
    else if (target === s) fail(s.parent.at, `segment ${labelOf(s)} cannot reply to itself`);
    else if (target.kind !== 'comment') fail(s.parent.at, `segment ${labelOf(s)} replies to ${to}, which is a ${target.kind}, not a comment`);
  }

  const paras = (s: SegmentSpec, skip: ReadonlySet<number> = new Set()): Para[] => {
    const out: Para[] = [];
    for (let n = s.lines[0]; n <= s.lines[1]; n++) {
      if (skip.has(n) || isBlank(textAt(n))) continue;
      try {
        out.push(...linePieces(textAt(n), n, s.quotes ?? []));
      } catch (e) {
        if (e instanceof QuoteCutError) fail(s.quotesAt ?? s.at, `segment ${labelOf(s)}: ${e.message}`);
        throw e;
      }
    }
    return out;
  };

  const result: SegmentedExport = { comments: [], essay: null, bio: null, name: null, postTitles: [] };
  for (const s of segments) {
    switch (s.kind) {
      case 'comment': {
        const p = paras(s);
        if (p.length === 0) fail(s.at, `segment ${labelOf(s)} has only blank lines`);
        result.comments.push({ spec: s, label: labelOf(s), paragraphs: p });
        break;
      }
      case 'essay':
        result.essay = { spec: s, sections: essaySections(file, s, textAt, paras) };
        break;
      case 'bio':
      case 'name': {
        const [p] = paras(s);
        if (!p) fail(s.at, `segment ${labelOf(s)} of kind "${s.kind}" is a blank line`);
        else result[s.kind] = p;
        break;
      }
      case 'post-title': {
        const t = textAt(s.lines[0]);
        if (isBlank(t)) fail(s.at, `segment ${labelOf(s)} of kind "post-title" is a blank line`);
        result.postTitles.push({ spec: s, text: t, line: s.lines[0] });
        break;
      }
      case 'skip':
        break;
    }
  }
  return result;
}

function essaySections(
  file: string,
  s: SegmentSpec,
  textAt: (n: number) => string,
  paras: (s: SegmentSpec, skip?: ReadonlySet<number>) => Para[],
): EssaySectionDraft[] {
  const fail = (at: number, msg: string): never => {
    throw new SourceError(file, at, msg);
  };
  const [a, b] = s.lines;
  const headings = [...(s.headings ?? [])].sort((x, y) => x.line - y.line);
  const headingLines = new Set<number>();
  for (const h of headings) {
    if (h.line < a || h.line > b) fail(h.at, `heading line ${h.line} is outside the essay's lines ${rangeText(s.lines)}`);
    if (headingLines.has(h.line)) fail(h.at, `heading line ${h.line} is listed twice`);
    if (isBlank(textAt(h.line))) fail(h.at, `heading line ${h.line} is blank in the export`);
    headingLines.add(h.line);
  }
  const starts: { id: string; heading: string | null; line: number | null; level: 2 | 3 | 4; from: number; at: number }[] = [];
  if (!headingLines.has(a)) {
    if (!s.openingId) fail(s.at, `the essay starts at line ${a}, which is not a heading; give "openingId" for the untitled opening section`);
    starts.push({ id: s.openingId ?? '', heading: null, line: null, level: 2, from: a, at: s.at });
  }
  for (const h of headings) {
    const heading = textAt(h.line);
    let id = h.id ?? slugify(heading, 80);
    if (!h.id && /^[0-9]/.test(id)) id = `section-${id}`;
    if (!ANCHOR_RE.test(id)) fail(h.at, `heading at line ${h.line} ("${heading.slice(0, 60)}") needs an explicit id`);
    starts.push({ id, heading, line: h.line, level: h.level, from: h.line, at: h.at });
  }
  const seen = new Map<string, number>();
  for (const st of starts) {
    const first = seen.get(st.id);
    if (first !== undefined) {
      fail(st.at, `section id "${st.id}" (line ${st.line ?? st.from}) is already used by line ${first}; give this heading an explicit id`);
    }
    seen.set(st.id, st.line ?? st.from);
  }
  const body = paras({ ...s }, headingLines);
  const sections: EssaySectionDraft[] = starts.map((st, i) => {
    const end = (starts[i + 1]?.from ?? b + 1) - 1;
    return {
      id: st.id,
      heading: st.heading,
      line: st.line,
      level: st.level,
      lines: [st.from, end],
      blocks: body.filter((p) => p.line >= st.from && p.line <= end).map((p) => ({ kind: 'p' as const, ...p })),
    };
  });
  for (const m of s.missingLists ?? []) {
    if (m.after < a || m.after > b) fail(m.at, `missing list "after: ${m.after}" is outside the essay's lines ${rangeText(s.lines)}`);
    const id = m.id ?? `missing-list-${m.after}`;
    if (seen.has(id)) fail(m.at, `missing list id "${id}" is already used`);
    seen.set(id, m.after);
    const section = sections.find((x) => m.after >= x.lines[0] && m.after <= x.lines[1]);
    if (!section) fail(m.at, `no section holds line ${m.after}`);
    else {
      const block: EssayBlockDraft = { kind: 'missing-list', id, after: m.after, label: m.label, items: m.items, lost: m.lost, note: m.note };
      // After the paragraph on line `after`; at the section's start when `after` is its heading.
      const idx = section.blocks.findIndex((x) => x.kind === 'p' && x.line > m.after);
      let pos = idx === -1 ? section.blocks.length : idx;
      // Keep several lists after the same line in file order.
      while (pos < section.blocks.length && section.blocks[pos]?.kind === 'missing-list') pos++;
      section.blocks.splice(pos, 0, block);
    }
  }
  return sections;
}

/** The paragraphs of one export line: the whole line, or its pieces when quotes cut it. */
export function linePieces(text: string, line: number, quotes: readonly QuoteCut[]): Para[] {
  const mine = quotes.filter((q) => q.line === line);
  return cutLine(text, line, mine).map((p) => ({ text: p.text, line, col: p.col, quote: p.quote, note: p.note }));
}
