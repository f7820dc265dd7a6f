/** Goal-horizon presets: round numbers that show the shape of the argument in three settings. */
import { HORIZON_DEFAULTS, type HorizonInputs } from './horizon.ts';
import { essayLink as essay, threadLink as thread, type Preset } from './sources.ts';

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
