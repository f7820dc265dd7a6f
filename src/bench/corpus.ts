// Generated text for the bench's synthetic corpora: seeded, so every run (and every variant of a
// comparison) builds the same pages. Words are nonsense syllables mixed with the debate's
// vocabulary, so the search index sees a realistic spread of rare and common terms.

/** A seeded random number generator (mulberry32) returning numbers in [0, 1). */
export function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = 'ar ven to li sen qua mor de pra vi lu ter co mi nal es run fa gol ob tra im su per al hen do ri ca'.split(' ');
const TOPIC =
  'model training gradient objective proxy goal reward policy oversight deception alignment evaluator episode horizon prior argument evidence update counterexample'.split(
    ' ',
  );

/** Options for textMaker. */
export interface TextOptions {
  /**
   * Markdown inline syntax (emphasis, links, code) sprinkled through sentences, for corpora fed to
   * the Markdown pipeline; `internalLink` gives the target of a site-internal link.
   */
  markdown?: { internalLink: () => string };
}

/** Word, sentence and paragraph makers drawing on `rand`. */
export function textMaker(rand: () => number, options: TextOptions = {}) {
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const word = () => (rand() < 0.22 ? pick(TOPIC) : Array.from({ length: int(1, 3) }, () => pick(SYLLABLES)).join(''));
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  const md = options.markdown;

  function sentence(): string {
    const parts: string[] = [];
    const n = int(7, 22);
    for (let i = 0; i < n; i++) {
      const r = md ? rand() : 1;
      if (r < 0.025) parts.push(`*${words(int(1, 3))}*`);
      else if (r < 0.035) parts.push(`**${words(int(1, 2))}**`);
      else if (r < 0.045) parts.push(`[${words(int(1, 3))}](https://example.org/${word()}/${int(1, 999)})`);
      else if (r < 0.052) parts.push(`[${words(int(1, 2))}](${md?.internalLink()})`);
      else if (r < 0.056) parts.push(`\`${word()}_${word()}\``);
      else parts.push(word());
      if (i < n - 1 && rand() < 0.07) parts[parts.length - 1] += ',';
    }
    const s = parts.join(' ');
    return `${s.replace(/[a-z]/, (c) => c.toUpperCase())}${rand() < 0.1 ? '?' : '.'}`;
  }
  const paragraph = () => Array.from({ length: int(2, 6) }, sentence).join(' ');
  return { int, pick, word, words, sentence, paragraph };
}

/** Shape of a generated thread export. */
export interface ExportShape {
  /** Fewest and most comments in a thread (uniform between them). */
  comments: readonly [number, number];
  /** How many distinct commenters the whole corpus draws from. */
  authors: number;
}

/** The default shape: about as long as the seed threads, with a large cast of commenters. */
export const DEFAULT_EXPORT_SHAPE: ExportShape = { comments: [4, 40], authors: 300 };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * Thread export number `i` in the importer's header format (title; `By Name @ date (+karma)`;
 * the viewer's crosspost notice; then comments under `Name @ date (+karma)` headers). Every
 * comment is a minute after the one before, so ids derived from author and time never collide.
 */
export function threadExport(i: number, rand: () => number, shape: ExportShape = DEFAULT_EXPORT_SHAPE): string {
  const t = textMaker(rand);
  const names = (k: number) => {
    const r = prng(k + 1);
    const part = () => Array.from({ length: 2 + Math.floor(r() * 2) }, () => SYLLABLES[Math.floor(r() * SYLLABLES.length)]).join('');
    const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
    return `${cap(part())} ${cap(part())}`;
  };
  const author = () => names(t.int(0, shape.authors - 1));
  // Spread the threads over 2019–2024, each thread's comments over the following days.
  let minutes = Date.UTC(2019, 0, 1) / 60_000 + i * 2_700 + t.int(0, 600);
  const stamp = () => {
    const d = new Date(minutes * 60_000);
    minutes += t.int(1, 600);
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  };
  const karma = () => {
    const k = t.int(-3, 40);
    return k < 0 ? `(${k})` : `(+${k})`;
  };
  const lines = [
    `Generated thread ${i}: ${t.words(t.int(3, 7))}`,
    `By ${author()} @ ${stamp()} ${karma()}`,
    'This is a crosspost, probably from LessWrong. Try viewing it there.',
  ];
  const n = t.int(shape.comments[0], shape.comments[1]);
  for (let c = 0; c < n; c++) {
    lines.push(`${author()} @ ${stamp()} ${karma()}`);
    for (let p = t.int(1, 5); p > 0; p--) lines.push(t.paragraph());
  }
  return `${lines.join('\n')}\n`;
}

/**
 * One thread of `n` near-identical comments: the same paragraph each time with one word changed,
 * from a handful of commenters a minute apart. The input that once made the build superlinear
 * (issue 15): every comment looked like a quote of every earlier one.
 */
export function repetitiveThreadExport(n: number, rand: () => number): string {
  const t = textMaker(rand);
  const base = t.paragraph().split(' ');
  const lines = ['Generated repetitive thread', 'By Rep Author @ 2024-01-01T00:00 (+1)', 'This is a crosspost, probably from LessWrong. Try viewing it there.'];
  let minutes = Date.UTC(2024, 0, 1) / 60_000;
  for (let c = 0; c < n; c++) {
    minutes += 1;
    const d = new Date(minutes * 60_000);
    const stamp = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    const words = [...base];
    words[t.int(0, words.length - 1)] = t.word();
    lines.push(`Commenter ${String.fromCharCode(65 + (c % 5))} @ ${stamp} (+1)`, words.join(' '));
  }
  return `${lines.join('\n')}\n`;
}
