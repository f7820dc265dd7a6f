/**
 * Presets: illustrative readings of the sources, not parameters anyone published. Each links to the
 * passages it tries to encode so a reader can judge the reading for themselves.
 */
import { HORIZON_DEFAULTS, type HorizonInputs } from './horizon.ts';
import { ORDERING_DEFAULTS, type OrderingInputs } from './ordering.ts';

/** Where the essay lives, for deep links into its sections. */
export const ESSAY_PATH = '/essays/deceptive-alignment-is-less-than-1-likely-by-default/';
/** Where the Scheming AIs comment thread lives, for deep links to comments. */
export const SCHEMING_THREAD_PATH = '/threads/scheming-ais/';

/** A passage a preset or an assumption draws on. */
export interface SourceLink {
  href: string;
  text: string;
}

/** A named set of inputs with the reading behind it. */
export interface Preset<I> {
  id: string;
  label: string;
  /** One sentence on what the numbers are meant to say. */
  reading: string;
  inputs: I;
  sources: SourceLink[];
}

const essay = (id: string, text: string): SourceLink => ({ href: `${ESSAY_PATH}#${id}`, text });
const thread = (id: string, text: string): SourceLink => ({ href: `${SCHEMING_THREAD_PATH}#${id}`, text });

/** Ordering presets, in the order the page offers them. */
export const ORDERING_PRESETS: readonly Preset<OrderingInputs>[] = [
  {
    id: 'wheaton',
    label: 'Wheaton reading',
    reading:
      'The base goal is understood early (mostly from pre-training), long-term goals and situational awareness are rare and slow to appear, and differential adversarial examples correct a proxy quickly.',
    inputs: { ...ORDERING_DEFAULTS, pG: 0.02, pL: 0.005, pB: 0.9, pS: 0.01, mG: 0.3, mL: 5, mB: 0.2, mS: 2, q: 0, corr: 0.02 },
    sources: [
      essay('pre-trained-models-are-unlikely-to-develop-the-necessary-properties', 'Essay: pre-trained models are unlikely to develop the necessary properties'),
      essay('will-understanding-of-the-base-goal-come-before-goal-directed-behavior', 'Essay: will understanding of the base goal come before goal-directed behavior?'),
      essay('will-understanding-of-the-base-goal-come-before-long-term-goal-horizons', 'Essay: will understanding of the base goal come before long-term goal horizons?'),
    ],
  },
  {
    id: 'carlsmith',
    label: 'Carlsmith reading',
    reading:
      'Models are often goal-directed and situationally aware already, are trained on long tasks, and training has slack: a proxy can form even when the base goal is understood, and correction is slow.',
    inputs: { ...ORDERING_DEFAULTS, pG: 0.3, pL: 0.2, pB: 0.6, pS: 0.4, mG: 0.2, mL: 0.5, mB: 0.3, mS: 0.3, q: 0.25, corr: 0.3 },
    sources: [
      thread('c-joe-carlsmith-202311280127', 'Joe Carlsmith on slack, path-dependence and deliberately trained long-term goals'),
      thread('c-quintin-pope-202311152230', 'Quintin Pope’s comment he is answering'),
    ],
  },
  {
    id: 'neutral',
    label: 'Neutral',
    reading: 'No information: nothing is present after pre-training and every property appears at the same rate, so every order is equally likely.',
    inputs: { ...ORDERING_DEFAULTS },
    sources: [essay('foundational-properties-for-deceptive-alignment', 'Essay: the four foundational properties')],
  },
];

/** Horizon presets, in the order the page offers them. */
export const HORIZON_PRESETS: readonly Preset<HorizonInputs>[] = [
  {
    id: 'pre-training',
    label: 'Pre-training',
    reading:
      'Counted in tokens: about 10^13 tokens of training and monitored use remain, and a proxy pursued openly survives one batch of 4 million tokens before the next update changes it. The current horizon is the next token.',
    inputs: { ...HORIZON_DEFAULTS },
    sources: [essay('pre-trained-models-are-unlikely-to-have-long-term-goals', 'Essay: pre-trained models are unlikely to have long-term goals')],
  },
  {
    id: 'rl-fine-tuning',
    label: 'RL fine-tuning',
    reading:
      'Counted in gradient steps: 10,000 steps of fine-tuning and monitored use remain, a proxy pursued openly is corrected within about 10 steps, and an episode (and the current horizon) is a hundredth of a step.',
    inputs: { ...HORIZON_DEFAULTS, unit: 'steps', T: 1e4, c: 10, h0: 0.01, E: 0.01, N: 100_000 },
    sources: [essay('long-term-goals-how-likely', 'Essay: how likely is the dangerous case? (long-term goals)')],
  },
  {
    id: 'deliberate',
    label: 'Deliberate long-horizon training',
    reading:
      'Counted in days: a year of oversight remains, open pursuit is noticed within a week, and the model is trained on purpose with month-long episodes, so its horizon is as long as an episode.',
    inputs: { ...HORIZON_DEFAULTS, unit: 'days', T: 365, c: 7, h0: 30, E: 30, N: 1000 },
    sources: [
      thread('c-quintin-pope-202311152230', 'Quintin Pope on credit assignment working against long-term goals'),
      thread('c-joe-carlsmith-202311280127', 'Joe Carlsmith on training long-term goals on purpose'),
    ],
  },
];
