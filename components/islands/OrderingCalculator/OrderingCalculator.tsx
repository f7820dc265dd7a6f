/**
 * The ordering calculator island: reads the fields, calls the model in src/lib/calc, draws. The
 * server renders it with the defaults, so every number is in the HTML before any script runs.
 */
import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { dataValue, formatCount, formatEstimate, formatPercent } from '../../../src/lib/calc/format.ts';
import { compareWithHeadlines } from '../../../src/lib/calc/headlines.ts';
import type { Estimate } from '../../../src/lib/calc/montecarlo.ts';
import { exactOutcome, needsMonteCarlo, orderProbabilities, ORDERS, PROPS, sensitivity, type Prop } from '../../../src/lib/calc/ordering.ts';
import {
  orderingQuery,
  orderingTexts,
  orderingTextsFromQuery,
  parseOrderingTexts,
  type OrderingKey,
  type OrderingTexts,
} from '../../../src/lib/calc/ordering-query.ts';
import { Choice, ErrorSummary, Field, fieldBinder } from '../calculator-kit/Field.tsx';
import { useHydrated, useUrlTexts } from '../calculator-kit/hooks.ts';
import { PresetLinks, ResultStrip, scenarioText, useScenario, type PresetRef } from '../calculator-kit/Presets.tsx';
import { ShareControls } from '../calculator-kit/ShareControls.tsx';
import { OrdersChart, TornadoChart } from './charts.tsx';
import { MonteCarloProgress, useMonteCarlo } from './MonteCarloRun.tsx';
import '../calculator-kit/kit.css';
import './OrderingCalculator.css';

export interface Props {
  /** How many orders the bar chart shows (the table always lists all 65). */
  ordersShown?: number;
  /** The presets whose links (the children) apply in place. */
  presets?: readonly PresetRef[];
  /** Where the two headline figures are explained: the essay's passage and the tour's comparison. */
  headlines?: { essay: string; report: string };
  /** The server-rendered preset list. */
  children?: ComponentChildren;
}

const NAMES: Record<Prop, string> = {
  G: 'goal-directedness',
  L: 'long-term goals',
  B: 'base-goal understanding',
  S: 'situational awareness',
};

// Beside P(dangerous order): what it is, so a neutral 25 % is not read as Carlsmith's estimate.
function orderNote(p: number): string {
  return `${Math.abs(p - 0.25) < 0.0005 ? 'One race in four, by symmetry: not Carlsmith’s ≈ 25 %' : 'A share of races, not an estimate of scheming'}. Correction and the end of the run are left out.`;
}

/** The ordering calculator: fields, exact or Monte Carlo results, orders chart and sensitivity. */
export default function OrderingCalculator({ ordersShown = 12, presets = [], headlines, children }: Props) {
  const live = useHydrated();
  const [texts, setTexts] = useUrlTexts<OrderingTexts>(orderingTexts(), orderingTextsFromQuery, orderingQuery);
  const { inputs, errors } = useMemo(() => parseOrderingTexts(texts), [texts]);
  const exact = useMemo(() => exactOutcome(inputs), [inputs]);
  const rows = useMemo(() => sensitivity(inputs), [inputs]);
  const exactOrders = useMemo(() => orderProbabilities(inputs), [inputs]);
  const general = needsMonteCarlo(inputs);
  const [mc, control, mcKey] = useMonteCarlo(inputs, general && live);
  const mcResult = general ? mc?.result : undefined;
  const scenario = useScenario(presets, orderingQuery(texts), live);
  const set = (key: OrderingKey) => (text: string) => setTexts({ ...texts, [key]: text });
  const bind = fieldBinder(texts, errors, live, setTexts, inputs);
  const errorCount = Object.keys(errors).length;
  const busy = general && (!mc || mc.key !== mcKey || mc.running);

  // Until the first Monte Carlo chunk reports, the exponential reading stands in, and says so.
  const shown = (exactValue: number, est: Estimate | undefined) => ({
    value: est ? est.value : exactValue,
    se: est?.se,
    text: est ? formatEstimate(est.value, est.se) : formatPercent(exactValue) + (general ? ' (exponential reading; sampling…)' : ''),
  });
  const deceptive = shown(exact.pDeceptive, mcResult?.pDeceptive);
  const dangerous = shown(exact.pDangerousOrder, mcResult?.pDangerousOrder);
  const minor = [
    { name: 'p-aligned', label: 'P(aligned: goal points at the base goal)', ...shown(exact.pAligned, mcResult?.pAligned) },
    { name: 'p-proxy', label: 'P(proxy goal, not deceptive yet)', ...shown(exact.pProxy, mcResult?.pProxy) },
    { name: 'p-no-goal', label: 'P(not goal-directed yet)', ...shown(exact.pNoGoal, mcResult?.pNoGoal) },
  ];
  const compare = compareWithHeadlines(deceptive.value);
  const orderErrors = mcResult ? mcResult.orders.map((p) => Math.sqrt((p * (1 - p)) / Math.max(1, mcResult.samples))) : undefined;

  // The form and the sensitivity chart only change with the inputs: the same element lets Preact
  // skip them when a Monte Carlo run refreshes its estimates.
  const form = useMemo(
    () => (
      <form class="calc-form" aria-labelledby="ordering-inputs-heading" onSubmit={(e) => e.preventDefault()} noValidate>
        <h2 id="ordering-inputs-heading">Inputs</h2>
        <p class="calc-note">
          Times are in fine-tuning runs (1 = one whole run). Numbers may be written plainly or in scientific notation (2e-2).
          <ErrorSummary count={errorCount} />
        </p>
        <div class="calc-props">
          {PROPS.map((prop) => {
            const lognormal = inputs[`d${prop}`] === 'lognormal';
            return (
              <fieldset class="calc-prop">
                <legend>
                  {prop}: {NAMES[prop]}
                </legend>
                <Field {...bind(`p${prop}`)} label={`Chance ${prop} is present after pre-training`} slider={{ min: 0, max: 1, step: 0.005, scale: 'linear' }} />
                <Field
                  {...bind(`m${prop}`)}
                  label={`${lognormal ? 'Median' : 'Mean'} time for ${prop} to appear`}
                  unit="runs"
                  slider={{ min: -4, max: 4, step: 0.01, scale: 'log' }}
                />
                <Choice
                  id={`d${prop}`}
                  label={`Spread of ${prop}’s time`}
                  value={texts[`d${prop}`]}
                  options={[
                    { value: 'exponential', label: 'exponential (exact)' },
                    { value: 'lognormal', label: 'lognormal (Monte Carlo)' },
                  ]}
                  error={errors[`d${prop}`]}
                  disabled={!live}
                  onText={set(`d${prop}`)}
                />
                {lognormal || errors[`s${prop}`] ? (
                  <Field {...bind(`s${prop}`)} label={`Log-spread of ${prop}’s time`} slider={{ min: 0.05, max: 5, step: 0.05, scale: 'linear' }} />
                ) : null}
              </fieldset>
            );
          })}
        </div>
        <fieldset class="calc-prop">
          <legend>Goal formation, correction and the run</legend>
          <Field {...bind('q')} label="Chance a proxy forms even though B is already there" slider={{ min: 0, max: 1, step: 0.005, scale: 'linear' }} />
          <Field {...bind('corr')} label="Mean time to correct a proxy once B is there" unit="runs" slider={{ min: -4, max: 9, step: 0.01, scale: 'log' }} />
          <Field {...bind('tau')} label="End of the run" unit="runs" slider={{ min: -4, max: 4, step: 0.01, scale: 'log' }} />
        </fieldset>
        <fieldset class="calc-prop">
          <legend>Monte Carlo (used when any time is lognormal)</legend>
          <Field {...bind('n')} label="Samples" hint="1,000 to 10,000,000. Long runs show their progress and can be cancelled." />
          <Field {...bind('seed')} label="Seed" />
        </fieldset>
        <ShareControls disabled={!live} onReset={() => setTexts(orderingTexts())} />
      </form>
    ),
    [texts, live],
  );
  const tornado = useMemo(() => <TornadoChart rows={rows} base={exact.pDeceptive} />, [rows, exact]);

  let mode = 'Exact: every emergence time is exponential, so the chain is solved exactly (error below 10⁻⁹).';
  if (general)
    mode =
      mc?.cancelled || mc?.running
        ? `${mc.cancelled ? 'Cancelled: a partial' : 'Sampling: a running (refreshed each second)'} Monte Carlo estimate from ${formatCount(mc.result.samples)} of ${formatCount(inputs.n)} samples (seed ${inputs.seed}), ± one standard error.`
        : `General mode: Monte Carlo estimate from ${formatCount(mcResult?.samples ?? 0)} samples (seed ${inputs.seed}), ± one standard error.`;

  return (
    <div class="calc calc-layout" data-calculator="ordering" data-ready={live ? 'true' : 'false'}>
      <div class="calc-inputs">
        <ResultStrip
          target="ordering-results"
          items={[
            { name: 'p-deceptive', label: 'P(deceptive)', text: deceptive.text },
            { name: 'p-dangerous-order', label: 'P(dangerous order)', text: dangerous.text },
          ]}
        />
        <PresetLinks presets={presets} scenario={scenario} onApply={(q) => setTexts(orderingTextsFromQuery(q), true)}>
          {children}
        </PresetLinks>
        {form}
      </div>

      <section class="calc-results calc-side" id="ordering-results" tabIndex={-1} aria-labelledby="ordering-results-heading">
        <h2 id="ordering-results-heading">Results at the end of the run</h2>
        <p class="calc-scenario-line">{scenarioText(scenario)}</p>
        <p class="calc-mode" data-mode={general ? 'monte-carlo' : 'exact'} data-partial={mc?.cancelled ? 'true' : undefined}>
          {mode}
        </p>
        {general ? <MonteCarloProgress control={control} /> : null}
        <dl class="calc-figures" aria-live="polite" aria-busy={busy ? 'true' : 'false'}>
          <div class="calc-figure-main">
            <dt>P(deceptively aligned)</dt>
            <dd data-result="p-deceptive" data-value={dataValue(deceptive.value)} data-se={deceptive.se === undefined ? undefined : dataValue(deceptive.se)}>
              {deceptive.text}
            </dd>
            <dd class="calc-compare">
              {compare.essay.replace(/^./, (c) => c.toUpperCase())} the essay’s {headlines ? <a href={headlines.essay}>“&lt;1 %”</a> : '“<1 %”'};{' '}
              {compare.report} Carlsmith’s {headlines ? <a href={headlines.report}>≈ 25 %</a> : '≈ 25 %'} for scheming. The two figures answer different
              questions.
            </dd>
          </div>
          <div class="calc-figure-order">
            <dt>P(dangerous order): under these inputs, the chance that goals come before understanding (B last)</dt>
            <dd
              data-result="p-dangerous-order"
              data-value={dataValue(dangerous.value)}
              data-se={dangerous.se === undefined ? undefined : dataValue(dangerous.se)}
            >
              {dangerous.text}
            </dd>
            <dd class="calc-compare">{orderNote(dangerous.value)}</dd>
          </div>
          {minor.map((f) => (
            <div class="calc-figure-minor">
              <dt>{f.label}</dt>
              <dd data-result={f.name} data-value={dataValue(f.value)} data-se={f.se === undefined ? undefined : dataValue(f.se)}>
                {f.text}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <section class="calc-orders" aria-labelledby="ordering-orders-heading">
        <h2 id="ordering-orders-heading">Which order comes first</h2>
        <p>
          Properties present after pre-training form a tied group in braces; the rest follow in the order they appear, with no end of run and no correction.{' '}
          {mcResult ? 'Frequencies are from the Monte Carlo run.' : 'Probabilities are exact.'}
        </p>
        <OrdersChart orders={ORDERS} probabilities={mcResult ? mcResult.orders : exactOrders} errors={orderErrors} shown={ordersShown} />
      </section>

      <section class="calc-sensitivity" aria-labelledby="ordering-sensitivity-heading">
        <h2 id="ordering-sensitivity-heading">Which assumption the answer rests on</h2>
        <p>
          Each input moved on its own: times halved and doubled, probabilities moved half way to 0 and half way to 1.
          {general ? ' Computed with the exact model, reading every time as exponential.' : ''}
        </p>
        {tornado}
      </section>
    </div>
  );
}
