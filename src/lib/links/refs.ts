/**
 * The one reference form of our MDX: `<Ref to="essays/<slug>#<anchor>">text</Ref>`. Parsing,
 * finding every usage in a source file with its position, and resolving targets against the
 * anchors the build publishes, so an unknown target fails the build naming file, line and column.
 */
import {
  REF_COLLECTIONS,
  isAnchor,
  isRefCollection,
  isSlug,
  nodeId,
  pageId,
  urlOf,
  type Anchor,
  type NodeId,
  type PageId,
  type RefCollection,
  type Slug,
} from './anchors.ts';

/** A parsed `to` value. */
export interface RefTarget {
  collection: RefCollection;
  slug: Slug;
  anchor?: Anchor;
}

export type RefParse = { ok: true; target: RefTarget } | { ok: false; error: string };
export type RefResolution = { ok: true; url: string; node: NodeId } | { ok: false; error: string };

/** Published anchors per page (`essays/x` → its section ids); a page with no anchors maps to an empty set. */
export type KnownAnchors = ReadonlyMap<string, ReadonlySet<string>>;

const FORM = '"<collection>/<slug>" or "<collection>/<slug>#<anchor>"';

/** Parses a `to` value into collection, slug and optional anchor, or explains what is wrong. */
export function parseRefTarget(to: string): RefParse {
  if (to.trim() === '') return { ok: false, error: 'empty reference target' };
  if (to !== to.trim()) return { ok: false, error: `reference "${to}" has spaces around it` };
  const hash = to.indexOf('#');
  const path = hash < 0 ? to : to.slice(0, hash);
  const anchor = hash < 0 ? undefined : to.slice(hash + 1);
  const parts = path.split('/');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
    return { ok: false, error: `reference "${to}" must look like ${FORM}` };
  }
  const [collection = '', slug = ''] = parts;
  if (!isRefCollection(collection)) {
    return { ok: false, error: `unknown collection "${collection}" in "${to}" (expected ${REF_COLLECTIONS.join(', ')})` };
  }
  if (!isSlug(slug)) return { ok: false, error: `invalid slug "${slug}" in "${to}": must be lower-case words joined by hyphens` };
  if (anchor === undefined) return { ok: true, target: { collection, slug } };
  if (anchor === '') return { ok: false, error: `empty anchor in "${to}"` };
  if (!isAnchor(anchor)) {
    return { ok: false, error: `invalid anchor "#${anchor}" in "${to}": must start with a letter and use only letters, digits, "-" and "_"` };
  }
  return { ok: true, target: { collection, slug, anchor } };
}

/** The page id (`essays/x`) of a parsed target. */
export function refPage(target: RefTarget): PageId {
  return pageId(target.collection, target.slug);
}

/** Resolves a target to its site URL, or names the page or anchor the build does not know. */
export function resolveRef(target: RefTarget | string, known: KnownAnchors): RefResolution {
  let parsed: RefTarget;
  if (typeof target === 'string') {
    const p = parseRefTarget(target);
    if (!p.ok) return p;
    parsed = p.target;
  } else {
    parsed = target;
  }
  const page = refPage(parsed);
  const anchors = known.get(page);
  if (!anchors) return { ok: false, error: `unknown page "${page}"` };
  if (parsed.anchor !== undefined && !anchors.has(parsed.anchor)) {
    return { ok: false, error: `unknown anchor "#${parsed.anchor}" on ${page}` };
  }
  const node = nodeId(page, parsed.anchor ?? null);
  return { ok: true, url: urlOf(node), node };
}

/** A problem message in the `file:line:col: message` form editors and terminals link to. */
export function formatRefError(file: string, line: number, col: number, message: string): string {
  return `${file}:${line}:${col}: ${message}`;
}

/** One `<Ref>` in a source file. */
export interface RefUsage {
  /** The literal `to` value, or null when the tag has none or a non-literal expression. */
  to: string | null;
  /** 1-based position of the `<` of the tag. */
  line: number;
  column: number;
  /** The link text between `<Ref …>` and `</Ref>`, as plain text ('' when self-closing). */
  label: string;
  /** The sentence around the reference, as plain text (mdxInlineText): the "citing sentence" for backlinks. */
  sentence: string;
  /** Why the tag could not be read, when `to` is null. */
  error?: string;
}

/** Half-open source ranges where `<Ref` is text, not a tag: frontmatter, code and comments. */
function ignoredRanges(src: string): [number, number][] {
  const ranges: [number, number][] = [];
  let pos = 0;
  const fm = /^---\r?\n[\s\S]*?\r?\n---[ \t]*(?:\r?\n|$)/.exec(src);
  if (fm) {
    ranges.push([0, fm[0].length]);
    pos = fm[0].length;
  }
  // Fenced code blocks, line by line as CommonMark does: the closing fence uses the same
  // character, at least as long as the opening one; an unclosed fence runs to the end.
  const lineRe = /[^\n]*(?:\n|$)/g;
  lineRe.lastIndex = pos;
  let fence: { char: string; len: number; start: number } | null = null;
  const textRuns: [number, number][] = [];
  let runStart = pos;
  for (let m = lineRe.exec(src); m && m[0] !== ''; m = lineRe.exec(src)) {
    const line = m[0];
    const at = m.index;
    if (!fence) {
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
      if (open?.[1] && !(open[1][0] === '`' && line.slice(open[0].length).includes('`'))) {
        fence = { char: open[1][0] ?? '`', len: open[1].length, start: at };
        textRuns.push([runStart, at]);
      }
    } else {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*\r?\n?$/.exec(line);
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.len) {
        ranges.push([fence.start, at + line.length]);
        fence = null;
        runStart = at + line.length;
      }
    }
  }
  if (fence) ranges.push([fence.start, src.length]);
  else textRuns.push([runStart, src.length]);

  for (const [from, to] of textRuns) {
    const text = src.slice(from, to);
    // Comments first, then inline code: a backtick inside a comment is not code.
    for (const m of text.matchAll(/<!--[\s\S]*?-->|\{\s*\/\*[\s\S]*?\*\/\s*\}/g)) ranges.push([from + m.index, from + m.index + m[0].length]);
    for (let i = 0; i < text.length;) {
      if (text[i] !== '`') {
        i++;
        continue;
      }
      let n = 0;
      while (text[i + n] === '`') n++;
      // A code span closes at the next run of exactly n backticks within the same paragraph.
      const closeRe = new RegExp(`(?<!\`)\`{${n}}(?!\`)`, 'g');
      closeRe.lastIndex = i + n;
      const close = closeRe.exec(text);
      const blank = text.slice(i + n).search(/\n[ \t]*\n/);
      if (close && (blank < 0 || close.index < i + n + blank)) {
        ranges.push([from + i, from + close.index + n]);
        i = close.index + n;
      } else {
        i += n;
      }
    }
  }
  return ranges;
}

function inside(ranges: readonly [number, number][], at: number): boolean {
  return ranges.some(([a, b]) => at >= a && at < b);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the named entities above and numeric ones (`&#60;`, `&#x3C;`); leaves others as written. */
function decodeEntities(s: string): string {
  return s.replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, (all, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    const code = dec ? Number.parseInt(dec, 10) : hex ? Number.parseInt(hex, 16) : undefined;
    if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    return ENTITIES[(name ?? '').toLowerCase()] ?? all;
  });
}

/** The value of a JS string literal's body (`\"`, `\n`, `\u2019`…), as MDX would render it. */
function unescapeJs(body: string): string {
  return body.replace(/\\(u\{[0-9a-f]+\}|u[0-9a-f]{4}|x[0-9a-f]{2}|[\s\S])/gi, (_all, e: string) => {
    if (/^u\{/i.test(e)) return String.fromCodePoint(Number.parseInt(e.slice(2, -1), 16));
    if (/^[ux]/i.test(e) && e.length > 1) return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    return ({ n: ' ', t: ' ', r: '' } as Record<string, string>)[e] ?? e;
  });
}

/** Markdown's special characters, and private-use stand-ins that keep literal ones from being read as markup. */
const SPECIAL = '\\`*_{}[]()#+-.!<>&|~"\'';
const protect = (text: string) => [...text].map((c) => (SPECIAL.includes(c) ? String.fromCharCode(0xe000 + SPECIAL.indexOf(c)) : c)).join('');
const unprotect = (text: string) => text.replace(/[\ue000-\ue0ff]/g, (c) => SPECIAL[c.charCodeAt(0) - 0xe000] ?? c);

/**
 * Plain text of a run of inline MDX, as a reader sees it: a JSX string expression (`{"…"}`,
 * `{'…'}`, or a template literal without `${}`) becomes its text, any other expression
 * (a comment, `{x}`) disappears, tags are dropped, links keep their text, emphasis and code
 * marks go, backslash escapes and entities are decoded.
 */
export function mdxInlineText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length;) {
    const c = s[i] ?? '';
    if (c === '\\' && SPECIAL.includes(s[i + 1] ?? ' ')) {
      // A Markdown backslash escape: the character itself, not markup (\* is a star).
      out += protect(s[i + 1] ?? '');
      i += 2;
    } else if (c === '`') {
      // An inline code span keeps its content as written.
      let n = 0;
      while (s[i + n] === '`') n++;
      const close = new RegExp(`(?<!\`)\`{${n}}(?!\`)`, 'g');
      close.lastIndex = i + n;
      const m = close.exec(s);
      out += m ? protect(s.slice(i + n, m.index).trim()) : s.slice(i, i + n);
      i = m ? m.index + n : i + n;
    } else if (c === '{') {
      const end = expressionEnd(s, i);
      if (end < 0) {
        out += s.slice(i);
        break;
      }
      const expr = s.slice(i + 1, end).trim();
      const lit = /^(["'])((?:\\[\s\S]|(?!\1)[^\\])*)\1$/s.exec(expr) ?? /^(`)((?:\\[\s\S]|[^\\`$]|\$(?!\{))*)`$/s.exec(expr);
      // A string literal is text, not Markdown: its characters are protected from the steps below.
      if (lit) out += protect(unescapeJs(lit[2] ?? ''));
      i = end + 1;
    } else {
      out += c;
      i++;
    }
  }
  return unprotect(
    decodeEntities(
      out
        .replace(/<\/?[A-Za-z][^>]*>/g, '')
        .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/(\*{1,3})(?=\S)(.*?\S)\1/g, '$2')
        .replace(/(?<!\w)(_{1,3})(?=\S)(.*?\S)\1(?!\w)/g, '$2')
        .replace(/~~(?=\S)(.*?\S)~~/g, '$1'),
    ),
  )
    .replace(/\s+/g, ' ')
    .trim();
}

/** Index of the `}` that closes the expression opened at `open`, skipping strings; -1 if none. */
function expressionEnd(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < s.length && s[i] !== c; i++) if (s[i] === '\\') i++;
    } else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return -1;
}

/** Reads the attributes of a tag from just after its name; returns `to` and where the tag ends. */
function readTag(src: string, from: number): { to: string | null; error?: string; end: number; selfClosing: boolean } | null {
  let i = from;
  let to: string | null = null;
  let error: string | undefined;
  let sawTo = false;
  const done = (end: number, selfClosing: boolean) => {
    const why = error ?? (!sawTo ? 'missing to="…" on <Ref>' : to === null ? 'the "to" of <Ref> has no value' : undefined);
    return { to, ...(why ? { error: why } : {}), end, selfClosing };
  };
  while (i < src.length) {
    while (/\s/.test(src[i] ?? '')) i++;
    if (src.startsWith('/>', i)) return done(i + 2, true);
    if (src[i] === '>') return done(i + 1, false);
    const name = /^[A-Za-z_:][\w:.-]*/.exec(src.slice(i))?.[0];
    if (!name) return null;
    i += name.length;
    while (/\s/.test(src[i] ?? '')) i++;
    let value: string | null = null;
    if (src[i] === '=') {
      i++;
      while (/\s/.test(src[i] ?? '')) i++;
      const q = src[i];
      if (q === '"' || q === "'") {
        const end = src.indexOf(q, i + 1);
        if (end < 0) return null;
        value = src.slice(i + 1, end);
        i = end + 1;
      } else if (q === '{') {
        let depth = 0;
        const start = i;
        for (; i < src.length; i++) {
          if (src[i] === '{') depth++;
          else if (src[i] === '}' && --depth === 0) break;
        }
        const expr = src.slice(start + 1, i).trim();
        i++;
        // A plain string literal in braces is still a literal; anything else cannot be checked.
        const lit = /^(["'])(.*)\1$/s.exec(expr);
        if (lit) value = lit[2] ?? '';
        else if (name === 'to') error = `the "to" of <Ref> must be a literal string, not {${expr}}`;
      } else {
        return null;
      }
    }
    if (name === 'to') {
      sawTo = true;
      to = value;
    }
  }
  return null;
}

/** `s` with the inside of every complete `{…}` expression blanked out, same length. */
function maskExpressions(s: string): string {
  let out = '';
  for (let i = 0; i < s.length;) {
    const end = s[i] === '{' ? expressionEnd(s, i) : -1;
    if (end < 0) {
      out += s[i];
      i++;
    } else {
      out += `{${' '.repeat(end - i - 1)}}`;
      i = end + 1;
    }
  }
  return out;
}

/** The sentence of the paragraph that contains [start, end), as plain text (see mdxInlineText). */
function sentenceAround(src: string, start: number, end: number): string {
  let paraStart = 0;
  for (const m of src.slice(0, start).matchAll(/\n[ \t]*\n/g)) paraStart = m.index + m[0].length;
  const afterRel = src.slice(end).search(/\n[ \t]*\n/);
  const paraEnd = afterRel < 0 ? src.length : end + afterRel;
  const head = src.slice(paraStart, start);
  const tail = src.slice(end, paraEnd);
  // Full stops inside a JSX expression (`{"“… it. And …”"}`) do not end the sentence.
  const lastStop = Math.max(...[...maskExpressions(head).matchAll(/[.!?](?=\s)/g)].map((m) => m.index + 1), 0);
  const firstStop = /[.!?](?=\s|$)/.exec(maskExpressions(tail));
  const sentence = head.slice(lastStop) + src.slice(start, end) + (firstStop ? tail.slice(0, firstStop.index + 1) : tail);
  return mdxInlineText(sentence.replace(/^\s*[-*>#]+\s/gm, ' '));
}

/** Finds every `<Ref>` tag in an MDX source, skipping frontmatter, code and comments. */
export function findRefs(mdxSource: string): RefUsage[] {
  const ignored = ignoredRanges(mdxSource);
  const lineStarts = [0];
  for (let i = 0; i < mdxSource.length; i++) if (mdxSource[i] === '\n') lineStarts.push(i + 1);
  const position = (at: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((lineStarts[mid] ?? 0) <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: at - (lineStarts[lo] ?? 0) + 1 };
  };

  const out: RefUsage[] = [];
  for (const m of mdxSource.matchAll(/<Ref(?=[\s/>])/g)) {
    if (inside(ignored, m.index)) continue;
    const { line, column } = position(m.index);
    const tag = readTag(mdxSource, m.index + 4);
    if (!tag) {
      out.push({ to: null, line, column, label: '', sentence: '', error: 'unreadable <Ref> tag' });
      continue;
    }
    let label = '';
    let end = tag.end;
    if (!tag.selfClosing) {
      const close = mdxSource.indexOf('</Ref>', tag.end);
      if (close >= 0) {
        label = mdxInlineText(mdxSource.slice(tag.end, close));
        end = close + '</Ref>'.length;
      }
    }
    const usage: RefUsage = { to: tag.to, line, column, label, sentence: sentenceAround(mdxSource, m.index, end) };
    if (tag.to === null) usage.error = tag.error ?? 'missing to="…" on <Ref>';
    out.push(usage);
  }
  return out;
}

/** A usage resolved against the published anchors. */
export interface CheckedRef extends RefUsage {
  url: string | null;
  node: NodeId | null;
}

/**
 * Finds, parses and resolves every reference in one file: the resolved usages for the link graph,
 * and one formatted message per problem for the build to fail with. `lineOffset` is the number of
 * file lines before `mdxSource` (the frontmatter, when only the body is passed), so messages name
 * the line an editor sees.
 */
export function checkRefs(file: string, mdxSource: string, known: KnownAnchors, lineOffset = 0): { refs: CheckedRef[]; errors: string[] } {
  const refs: CheckedRef[] = [];
  const errors: string[] = [];
  for (const usage of findRefs(mdxSource)) {
    const res: RefResolution = usage.to === null ? { ok: false, error: usage.error ?? 'unreadable <Ref> tag' } : resolveRef(usage.to, known);
    if (res.ok) refs.push({ ...usage, url: res.url, node: res.node });
    else {
      refs.push({ ...usage, url: null, node: null });
      errors.push(formatRefError(file, usage.line + lineOffset, usage.column, res.error));
    }
  }
  return { refs, errors };
}

/** Lines of an MDX file before its body (the frontmatter block), or 0 when the body is not in the file. */
export function bodyLineOffset(fileText: string, body: string): number {
  const at = body === '' ? -1 : fileText.lastIndexOf(body);
  return at === -1 ? 0 : fileText.slice(0, at).split('\n').length - 1;
}

/**
 * The text of the nearest Markdown heading (`##` to `####`) on or before a 1-based line of an MDX
 * source, outside fenced code, or null when the line comes before every heading. Lets a `<Ref>`
 * in a guide be credited to the section that holds it rather than to the whole page.
 */
export function headingBefore(mdxSource: string, line: number): string | null {
  let heading: string | null = null;
  let fence: string | null = null;
  const lines = mdxSource.split('\n');
  for (let i = 0; i < Math.min(line, lines.length); i++) {
    const text = lines[i] ?? '';
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence) {
      if (marker && marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      continue;
    }
    if (marker) {
      fence = marker;
      continue;
    }
    const h = /^ {0,3}#{2,4}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(text);
    if (h)
      heading = (h[1] ?? '')
        .replace(/<[^>]*>/g, '')
        .replace(/\s+/g, ' ')
        .trim();
  }
  return heading;
}
