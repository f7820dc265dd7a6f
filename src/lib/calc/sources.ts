/**
 * Where the calculators' presets and explanations point: the essay and the Scheming AIs thread,
 * by section and comment id. The built-site link checker fails if one of these stops resolving.
 */

import { hrefOf } from '../site/routes.ts';

/** Where the essay lives, for deep links into its sections. */
export const ESSAY_PATH = hrefOf('essay', 'deceptive-alignment-is-less-than-1-likely-by-default');
/** Where the Scheming AIs comment thread lives, for deep links to comments. */
export const SCHEMING_THREAD_PATH = hrefOf('thread', 'scheming-ais');

/** A passage a preset or an assumption draws on. */
export interface SourceLink {
  href: string;
  text: string;
}

/**
 * A named set of inputs with the reading behind it: an illustrative reading of the sources, not
 * parameters anyone published, linked to the passages it tries to encode.
 */
export interface Preset<I> {
  id: string;
  label: string;
  /** One sentence on what the numbers are meant to say. */
  reading: string;
  inputs: I;
  sources: SourceLink[];
}

/** A link to an essay section. */
export function essayLink(id: string, text: string): SourceLink {
  return { href: `${ESSAY_PATH}#${id}`, text };
}

/** A link to a comment in the Scheming AIs thread. */
export function threadLink(id: string, text: string): SourceLink {
  return { href: `${SCHEMING_THREAD_PATH}#${id}`, text };
}
