/** Glossary first-use links (src/lib/text/terms.ts) as decorations of a rendered forum block. */
import { hrefOf } from '../site/routes.ts';
import type { Segment } from '../text/terms.ts';
import { decorationsFromPieces, type Decoration } from './render.ts';

/** The term links of one paragraph's segments, placed over its text, with the same markup TermText gives. */
export function termDecorations(segments: readonly Segment[] | undefined): Decoration[] {
  if (!segments) return [];
  return decorationsFromPieces(
    segments.map((s) =>
      s.kind === 'term'
        ? { text: s.text, element: { tagName: 'a', properties: { className: ['term-link'], href: hrefOf('term', s.slug), dataTerm: s.slug } } }
        : { text: s.text },
    ),
  );
}
