/** Ordering presets: illustrative readings, calibrated to land near each side's headline figure. */
import { ORDERING_DEFAULTS, type OrderingInputs } from './ordering.ts';
import { essayLink as essay, threadLink as thread, type Preset } from './sources.ts';

/** Ordering presets, in the order the page offers them. */
export const ORDERING_PRESETS: readonly Preset<OrderingInputs>[] = [
  {
    // Named after the essay, not its author: the only public name on record for DavidW is unconfirmed.
    id: 'less-than-one-percent-essay',
    label: 'Essay reading (“<1% Likely by Default”)',
    reading:
      'The base goal is understood early (mostly from pre-training), long-term goals and situational awareness are rare and slow to appear, and differential adversarial examples correct a proxy quickly.',
    inputs: { ...ORDERING_DEFAULTS, pG: 0.02, pL: 0.005, pB: 0.9, pS: 0.01, mG: 0.3, mL: 5, mB: 0.2, mS: 2, q: 0, corr: 0.02 },
    sources: [
      essay(
        'pre-trained-models-are-unlikely-to-develop-the-necessary-properties',
        'Essay: pre-trained models are unlikely to develop the necessary properties',
      ),
      essay(
        'will-understanding-of-the-base-goal-come-before-goal-directed-behavior',
        'Essay: will understanding of the base goal come before goal-directed behavior?',
      ),
      essay(
        'will-understanding-of-the-base-goal-come-before-long-term-goal-horizons',
        'Essay: will understanding of the base goal come before long-term goal horizons?',
      ),
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
