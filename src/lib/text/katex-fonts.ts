// Which of KaTeX's font faces a rendered formula needs, read from the classes in its HTML.
//
// Why: a browser fetches a web font only when it lays out text in it. A formula that is never laid
// out on screen (below the fold with `content-visibility: auto`, see components/Formula.astro)
// has its fonts requested only when the page is printed, too late for the printout, which then
// shows invisible glyphs (KaTeX's faces use font-display: block) around bare fraction bars. So
// each formula names the faces it needs in a tiny element that is always laid out, and the fonts
// arrive with the page. The selectors below follow KaTeX's stylesheet (katex/dist/katex.css);
// tests/unit/lib/text/katex-fonts.test.ts and tests/e2e/print.test.ts check them against KaTeX.

/** A KaTeX font face, named as KaTeX names its font files ("Main-Regular", "Size1-Regular"). */
export type KatexFace = `${Family}-${'Regular' | 'Bold' | 'Italic' | 'BoldItalic'}`;

type Family = 'AMS' | 'Caligraphic' | 'Fraktur' | 'Main' | 'Math' | 'SansSerif' | 'Script' | 'Size1' | 'Size2' | 'Size3' | 'Size4' | 'Typewriter';

// The faces KaTeX ships for each family (its @font-face rules), in the order they are listed.
const SHIPPED: Record<Family, readonly KatexFace[]> = {
  AMS: ['AMS-Regular'],
  Caligraphic: ['Caligraphic-Regular', 'Caligraphic-Bold'],
  Fraktur: ['Fraktur-Regular', 'Fraktur-Bold'],
  Main: ['Main-Regular', 'Main-Bold', 'Main-Italic', 'Main-BoldItalic'],
  Math: ['Math-Italic', 'Math-BoldItalic'],
  SansSerif: ['SansSerif-Regular', 'SansSerif-Bold', 'SansSerif-Italic'],
  Script: ['Script-Regular'],
  Size1: ['Size1-Regular'],
  Size2: ['Size2-Regular'],
  Size3: ['Size3-Regular'],
  Size4: ['Size4-Regular'],
  Typewriter: ['Typewriter-Regular'],
};

/** Every face KaTeX ships, in a stable order (components/Formula.astro has a style for each family). */
export const KATEX_FACES: readonly KatexFace[] = (Object.keys(SHIPPED) as Family[]).flatMap((f) => SHIPPED[f]);

const any = (c: ReadonlySet<string>, names: readonly string[]) => names.some((n) => c.has(n));

// One element's classes → its family, as KaTeX's stylesheet sets it; the first match wins. Sized
// delimiters and big operators come first: their fonts have one face whatever the style around.
const FAMILIES: readonly [test: (c: ReadonlySet<string>) => boolean, family: Family][] = [
  [(c) => (c.has('delimsizing') && c.has('size1')) || c.has('delim-size1') || (c.has('op-symbol') && c.has('small-op')), 'Size1'],
  [(c) => (c.has('delimsizing') && c.has('size2')) || (c.has('op-symbol') && c.has('large-op')), 'Size2'],
  [(c) => c.has('delimsizing') && c.has('size3'), 'Size3'],
  [(c) => (c.has('delimsizing') && c.has('size4')) || c.has('delim-size4'), 'Size4'],
  [(c) => any(c, ['mathnormal', 'boldsymbol']), 'Math'],
  [(c) => any(c, ['amsrm', 'mathbb', 'textbb']), 'AMS'],
  [(c) => c.has('mathcal'), 'Caligraphic'],
  [(c) => any(c, ['mathfrak', 'textfrak', 'mathboldfrak', 'textboldfrak']), 'Fraktur'],
  [(c) => any(c, ['mathtt', 'texttt']), 'Typewriter'],
  [(c) => any(c, ['mathscr', 'textscr']), 'Script'],
  [(c) => any(c, ['mathsf', 'textsf', 'mathboldsf', 'textboldsf', 'mathitsf', 'mathsfit', 'textitsf']), 'SansSerif'],
];
const BOLD = ['mathbf', 'textbf', 'boldsymbol', 'mathboldsf', 'textboldsf', 'mathboldfrak', 'textboldfrak'];
const ITALIC = ['mathnormal', 'mathit', 'textit', 'boldsymbol', 'mathitsf', 'mathsfit', 'textitsf'];

/** The shipped face a browser picks for a family, weight and style: the style first, then the weight. */
function matchFace(family: Family, bold: boolean, italic: boolean): KatexFace {
  const faces = SHIPPED[family];
  const isItalic = (f: string) => f.endsWith('Italic');
  const isBold = (f: string) => f.includes('-Bold');
  const styled = faces.filter((f) => isItalic(f) === italic);
  const pool = styled.length > 0 ? styled : faces;
  return pool.find((f) => isBold(f) === bold) ?? pool[0]!;
}

/**
 * The faces the KaTeX HTML of one or more formulas is set in, in KATEX_FACES order. Main-Regular,
 * the face of `.katex` itself, is always among them.
 */
export function katexFaces(html: string): KatexFace[] {
  const found = new Set<KatexFace>(['Main-Regular']);
  for (const m of html.matchAll(/\bclass="([^"]*)"/g)) {
    const classes = new Set((m[1] ?? '').split(/\s+/));
    const family = FAMILIES.find(([test]) => test(classes))?.[1] ?? 'Main';
    // `mainrm` (\mathrm inside italic text) sets the style back to upright.
    found.add(matchFace(family, any(classes, BOLD), any(classes, ITALIC) && !classes.has('mainrm')));
  }
  return KATEX_FACES.filter((f) => found.has(f));
}
