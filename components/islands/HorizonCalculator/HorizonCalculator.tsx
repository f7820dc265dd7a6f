/**
 * The goal-horizon calculator island: reads the fields, calls the model in src/lib/calc, draws.
 * The server renders it with the defaults, so every number is in the HTML before any script runs.
 */
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { dataValue, formatHorizonNear, formatNumber, formatQuantity, formatRatio, precisionNote, resultDigits } from '../../../src/lib/calc/format.ts';
import { evaluateHorizon, type HorizonResult, type Quantity } from '../../../src/lib/calc/horizon.ts';
import {
  horizonQuery,
  horizonTexts,
  horizonTextsFromQuery,
  parseHorizonTexts,
  type HorizonKey,
  type HorizonTexts,
} from '../../../src/lib/calc/horizon-query.ts';
import { Choice, ErrorSummary, Field, fieldBinder } from '../calculator-kit/Field.tsx';
import { useHydrated, useUrlTexts } from '../calculator-kit/hooks.ts';
import { PresetLinks, ResultStrip, scenarioText, useScenario, type PresetRef } from '../calculator-kit/Presets.tsx';
import { ShareControls } from '../calculator-kit/ShareControls.tsx';
import { AdvantageChart } from './AdvantageChart.tsx';
import '../calculator-kit/kit.css';
import './HorizonCalculator.css';

export interface Props {
  /** Show the deliberate-training panel (on by default). */
  showTrainingPanel?: boolean;
  /** The presets whose links (the children) apply in place. */
  presets?: readonly PresetRef[];
  /** The server-rendered preset list. */
  children?: ComponentChildren;
}

const UNIT_ONE: Record<string, string> = { tokens: 'token', steps: 'step', days: 'day' };

// A quantity, with a short note below it when double precision cannot give it as an ordinary number.
function QuantityValue({ q, digits }: { q: Quantity; digits: number }) {
  const note = precisionNote(q);
  return (
    <>
      {formatQuantity(q, digits)}
      {note ? <span class="calc-precision"> {note}</span> : null}
    </>
  );
}

// What the advantage and slope at h₀ say about playing along, in words that never claim a sign
// double precision could not determine.
function readingAtH0(r: HorizonResult, slopeText: string, one: string): string {
  const adv = r.advantageAtH0;
  const slope = r.slopeAtH0;
  if (adv.sign > 0) return 'At h₀ playing along already pays.';
  const slopeUnknown = slope.status === 'unresolved';
  if (adv.sign === 0) {
    const start = adv.status === 'unresolved' ? 'At h₀ the two plans pay the same to within double precision' : 'At h₀ the two plans pay the same';
    if (slopeUnknown) return `${start}, and whether a slightly longer horizon would tip the balance is below what double precision can resolve.`;
    return slope.sign > 0
      ? `${start}; a slightly longer horizon would favour playing along, by ${slopeText} per ${one} of horizon.`
      : `${start}; a slightly longer horizon would favour open pursuit.`;
  }
  const start = 'At h₀ open pursuit pays better';
  if (slopeUnknown) return `${start}, and whether a slightly longer horizon would help playing along is below what double precision can resolve.`;
  if (slope.sign <= 0) return `${start}, and a slightly longer horizon would not help playing along: there is no local push toward longer goals.`;
  return `${start}, though a slightly longer horizon would narrow the gap, by ${slopeText} per ${one} of horizon.`;
}

/** The goal-horizon calculator: fields, results, chart and the deliberate-training panel. */
export default function HorizonCalculator({ showTrainingPanel = true, presets = [], children }: Props) {
  const live = useHydrated();
  const [texts, setTexts] = useUrlTexts<HorizonTexts>(horizonTexts(), horizonTextsFromQuery, horizonQuery);
  const { inputs, errors } = useMemo(() => parseHorizonTexts(texts), [texts]);
  const r = useMemo(() => evaluateHorizon(inputs), [inputs]);
  const set = (key: HorizonKey) => (text: string) => setTexts({ ...texts, [key]: text });
  const bind = fieldBinder(texts, errors, live, setTexts, inputs);
  const unit = inputs.unit;
  const one = UNIT_ONE[unit] ?? unit;
  const errorCount = Object.keys(errors).length;
  // No more significant figures than the most precisely typed input states (format.ts).
  const digits = resultDigits([texts.T, texts.c, texts.p, texts.m, texts.D, texts.eps, texts.h0]);
  const slopeText = formatQuantity(r.slopeAtH0, digits);
  const scenario = useScenario(presets, horizonQuery(texts), live);
  const hMinText = formatHorizonNear(r.hMin, inputs.T, unit, digits);
  const ratioText = r.hMinRatio === null ? 'never' : formatRatio(r.hMinRatio, digits);
  const field = (key: HorizonKey, label: string, extra: Partial<Parameters<typeof Field>[0]> = {}) => <Field {...bind(key)} label={label} {...extra} />;

  return (
    <div class="calc calc-layout" data-calculator="goal-horizon" data-ready={live ? 'true' : 'false'}>
      <div class="calc-inputs">
        <ResultStrip
          target="horizon-results"
          items={[
            { name: 'h-min', label: 'h-min', text: r.hMin === null ? 'never' : hMinText },
            { name: 'h-min-ratio', label: 'h-min / T', text: ratioText },
          ]}
        />
        <PresetLinks presets={presets} scenario={scenario} onApply={(q) => setTexts(horizonTextsFromQuery(q), true)}>
          {children}
        </PresetLinks>
        <form class="calc-form" aria-labelledby="horizon-inputs-heading" onSubmit={(e) => e.preventDefault()} noValidate>
          <h2 id="horizon-inputs-heading">Inputs</h2>
          <p class="calc-note">
            Numbers may be written plainly or in scientific notation (1e13, 1.5e6); D may be inf.
            <ErrorSummary count={errorCount} />
          </p>
          <div class="calc-horizon-grid">
            <fieldset>
              <legend>How the goal weighs time</legend>
              <Choice
                id="form"
                label="Horizon form"
                value={texts.form}
                options={[
                  { value: 'cutoff', label: 'hard cutoff at H' },
                  { value: 'discount', label: 'discounting, half-life H' },
                ]}
                error={errors.form}
                disabled={!live}
                onText={set('form')}
              />
              <Choice
                id="unit"
                label="Unit of time"
                value={texts.unit}
                options={[
                  { value: 'tokens', label: 'tokens' },
                  { value: 'steps', label: 'gradient steps' },
                  { value: 'days', label: 'days' },
                ]}
                error={errors.unit}
                disabled={!live}
                onText={set('unit')}
              />
              {field('h0', 'Current horizon h₀', { unit })}
            </fieldset>
            <fieldset>
              <legend>Oversight and correction</legend>
              {field('T', 'Oversight remaining, T (training plus monitored use)', { unit })}
              {field('c', 'Time an openly pursued proxy survives, c', { unit })}
              {field('eps', 'Payoff rate while playing along, ε (open pursuit pays 1)', { slider: { min: 0, max: 1, step: 0.01, scale: 'linear' } })}
            </fieldset>
            <fieldset>
              <legend>After oversight ends</legend>
              {field('p', 'Chance escape succeeds, p', { slider: { min: 0, max: 1, step: 0.01, scale: 'linear' } })}
              {field('m', 'Payoff rate after escape, m (open pursuit pays 1)', { slider: { min: -2, max: 3, step: 0.01, scale: 'log' } })}
              {field('D', 'How long that payoff lasts, D', { unit })}
            </fieldset>
          </div>
          <ShareControls disabled={!live} onReset={() => setTexts(horizonTexts())} />
        </form>
      </div>

      <section class="calc-results calc-side" id="horizon-results" aria-labelledby="horizon-results-heading">
        <h2 id="horizon-results-heading">Results</h2>
        <p class="calc-scenario-line">{scenarioText(scenario)}</p>
        <dl class="calc-figures" aria-live="polite">
          <div class="calc-figure-main">
            <dt>h-min: the shortest horizon at which playing along pays</dt>
            <dd data-result="h-min" data-value={dataValue(r.hMin)}>
              {hMinText}
            </dd>
          </div>
          <div>
            <dt>h-min as a multiple of T</dt>
            <dd data-result="h-min-ratio" data-value={dataValue(r.hMinRatio)}>
              {ratioText}
            </dd>
          </div>
          <div>
            <dt>
              V_B − V_A at h₀ = {formatNumber(inputs.h0)} {inputs.h0 === 1 ? one : unit}
            </dt>
            <dd data-result="advantage-at-h0" data-value={dataValue(r.advantageAtH0.value)} data-status={r.advantageAtH0.status}>
              <QuantityValue q={r.advantageAtH0} digits={digits} />
            </dd>
          </div>
          <div>
            <dt>Slope of V_B − V_A at h₀, per {one} of horizon</dt>
            <dd data-result="slope-at-h0" data-value={dataValue(r.slopeAtH0.value)} data-status={r.slopeAtH0.status}>
              <QuantityValue q={r.slopeAtH0} digits={digits} />
            </dd>
          </div>
        </dl>
        <p class="calc-mode">
          {readingAtH0(r, slopeText, one)} Values are in units of the payoff from one {one} of open pursuit.
        </p>
      </section>

      <section class="calc-curve" aria-labelledby="horizon-curve-heading">
        <h2 id="horizon-curve-heading">The advantage of playing along, by horizon</h2>
        <AdvantageChart inputs={inputs} hMin={r.hMin} digits={digits} />
      </section>

      {showTrainingPanel ? (
        <section class="calc-panel" aria-labelledby="horizon-training-heading">
          <h2 id="horizon-training-heading">Training a long horizon on purpose</h2>
          <p>
            Credit assignment means a horizon is only trained by episodes at least that long, so N episodes that instil h-min cost at least N · h-min {unit} of
            training.
          </p>
          <div class="calc-horizon-grid">
            {field('E', 'Episode length you propose, E', { unit })}
            {field('N', 'Number of episodes, N')}
          </div>
          <dl class="calc-figures" aria-live="polite">
            <div>
              <dt>Least training to instil h-min with N episodes</dt>
              <dd data-result="training-cost" data-value={dataValue(r.trainingCost)}>
                {r.trainingCost === null ? 'not possible: h-min is never' : `${formatNumber(r.trainingCost, digits)} ${unit}`}
              </dd>
            </div>
            <div>
              <dt>Do episodes of length E reach h-min?</dt>
              <dd data-result="episode-reaches" data-value={dataValue(r.episodeReaches)}>
                {r.episodeReaches ? 'yes' : r.hMin === null ? 'no: no horizon pays' : `no: ${formatNumber(r.hMin / inputs.E, digits)} times too short`}
              </dd>
            </div>
          </dl>
        </section>
      ) : null}
    </div>
  );
}
