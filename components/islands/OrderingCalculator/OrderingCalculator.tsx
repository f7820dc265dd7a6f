/**
 * The ordering calculator island: reads the fields, calls the model in src/lib/calc, draws. The
 * server renders it with the defaults, so every number is in the HTML before any script runs.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { dataValue, formatEstimate, formatNumber, formatPercent } from '../../../src/lib/calc/format.ts';
import { startMonteCarlo, type MonteCarloResult } from '../../../src/lib/calc/montecarlo.ts';
import {
  exactOutcome,
  needsMonteCarlo,
  orderProbabilities,
  ORDERS,
  PROPS,
  sensitivity,
  type OrderingInputs,
  type Prop,
} from '../../../src/lib/calc/ordering.ts';
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
import { ShareControls } from '../calculator-kit/ShareControls.tsx';
import { OrdersChart, TornadoChart } from './charts.tsx';
import '../calculator-kit/kit.css';
import './OrderingCalculator.css';

export interface Props {
  /** How many orders the bar chart shows (the table always lists all 65). */
  ordersShown?: number;
}

const NAMES: Record<Prop, string> = {
  G: 'goal-directedness',
  L: 'long-term goals',
  B: 'base-goal understanding',
  S: 'situational awareness',
};

// Samples per slice of work: small enough that a slice stays well under a frame.
const CHUNK = 4000;
const SLICE_MS = 8;
const SHOW_PROGRESS_AFTER_MS = 100;

interface McState {
  key: string;
  result: MonteCarloResult;
  drawn: number;
  total: number;
  running: boolean;
  showProgress: boolean;
}

/** Runs the Monte Carlo in slices between frames so typing never waits for it. */
function useMonteCarlo(inputs: OrderingInputs, active: boolean): McState | null {
  const key = active ? JSON.stringify(inputs) : '';
  const [state, setState] = useState<McState | null>(null);
  useEffect(() => {
    if (!active) {
      setState(null);
      return;
    }
    let cancelled = false;
    const run = startMonteCarlo(inputs);
    const started = performance.now();
    const slice = () => {
      if (cancelled) return;
      const t0 = performance.now();
      do run.step(CHUNK);
      while (!run.done && performance.now() - t0 < SLICE_MS);
      const elapsed = performance.now() - started;
      // Publish partial estimates only when the reader will see progress, to avoid 25 renders per run.
      if (run.done || elapsed > SHOW_PROGRESS_AFTER_MS) {
        setState({ key, result: run.result(), drawn: run.drawn, total: run.total, running: !run.done, showProgress: !run.done });
      }
      if (!run.done) setTimeout(slice, 0);
    };
    setState((prev) => (prev ? { ...prev, running: true, showProgress: false } : prev));
    setTimeout(slice, 0);
    return () => {
      cancelled = true;
    };
  }, [key]);
  return state;
}

/** The ordering calculator: fields, exact or Monte Carlo results, orders chart and sensitivity. */
export default function OrderingCalculator({ ordersShown = 12 }: Props) {
  const live = useHydrated();
  const [texts, setTexts] = useUrlTexts<OrderingTexts>(orderingTexts(), orderingTextsFromQuery, orderingQuery);
  const { inputs, errors } = useMemo(() => parseOrderingTexts(texts), [texts]);
  const exact = useMemo(() => exactOutcome(inputs), [inputs]);
  const rows = useMemo(() => sensitivity(inputs), [inputs]);
  const exactOrders = useMemo(() => orderProbabilities(inputs), [inputs]);
  const general = needsMonteCarlo(inputs);
  const mc = useMonteCarlo(inputs, general && live);
  const mcResult = general ? mc?.result : undefined;
  const set = (key: OrderingKey) => (text: string) => setTexts({ ...texts, [key]: text });
  const bind = fieldBinder(texts, errors, live, setTexts, inputs);
  const errorCount = Object.keys(errors).length;

  const figures = [
    { name: 'p-deceptive', label: 'P(deceptively aligned)', exact: exact.pDeceptive, est: mcResult?.pDeceptive },
    { name: 'p-aligned', label: 'P(aligned: goal points at the base goal)', exact: exact.pAligned, est: mcResult?.pAligned },
    { name: 'p-proxy', label: 'P(proxy goal, not deceptive yet)', exact: exact.pProxy, est: mcResult?.pProxy },
    { name: 'p-no-goal', label: 'P(not goal-directed yet)', exact: exact.pNoGoal, est: mcResult?.pNoGoal },
  ] as const;
  const orderErrors = mcResult ? mcResult.orders.map((p) => Math.sqrt((p * (1 - p)) / Math.max(1, mcResult.samples))) : undefined;

  return (
    <div class="calc" data-calculator="ordering" data-ready={live ? 'true' : 'false'}>
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
          <Field {...bind('n')} label="Samples" />
          <Field {...bind('seed')} label="Seed" />
        </fieldset>
        <ShareControls disabled={!live} onReset={() => setTexts(orderingTexts())} />
      </form>

      <section class="calc-results" aria-labelledby="ordering-results-heading">
        <h2 id="ordering-results-heading">Results at the end of the run</h2>
        <p class="calc-mode" data-mode={general ? 'monte-carlo' : 'exact'}>
          {general
            ? `General mode: Monte Carlo estimate from ${formatNumber(mcResult?.samples ?? 0)} samples (seed ${inputs.seed}), ± one standard error.`
            : 'Exact: every emergence time is exponential, so the chain is solved exactly (error below 10⁻⁹).'}
        </p>
        {general && mc?.showProgress ? (
          <p class="calc-progress">
            <span id="ordering-progress-label">Sampling</span>{' '}
            <progress id="ordering-progress" aria-labelledby="ordering-progress-label" max={mc.total} value={mc.drawn}>
              {Math.round((100 * mc.drawn) / mc.total)} %
            </progress>{' '}
            {Math.round((100 * mc.drawn) / mc.total)} % of {formatNumber(mc.total)}
          </p>
        ) : null}
        <dl class="calc-figures" aria-live="polite" aria-busy={general && (!mcResult || mc?.running) ? 'true' : 'false'}>
          {figures.map((f) => {
            // Until the first Monte Carlo slice reports, the exponential reading stands in, and says so.
            const est = general ? f.est : undefined;
            return (
              <div class={f.name === 'p-deceptive' ? 'calc-figure-main' : undefined}>
                <dt>{f.label}</dt>
                <dd data-result={f.name} data-value={dataValue(est ? est.value : f.exact)} data-se={est ? dataValue(est.se) : undefined}>
                  {est ? formatEstimate(est.value, est.se) : formatPercent(f.exact)}
                  {general && !est ? ' (exponential reading; sampling…)' : ''}
                </dd>
              </div>
            );
          })}
          <div>
            <dt>P(dangerous order: B last, after G, L and S), ignoring correction and the end of the run</dt>
            <dd
              data-result="p-dangerous-order"
              data-value={dataValue(mcResult ? mcResult.pDangerousOrder.value : exact.pDangerousOrder)}
              data-se={mcResult ? dataValue(mcResult.pDangerousOrder.se) : undefined}
            >
              {mcResult ? formatEstimate(mcResult.pDangerousOrder.value, mcResult.pDangerousOrder.se) : formatPercent(exact.pDangerousOrder)}
            </dd>
          </div>
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
        <TornadoChart rows={rows} base={exact.pDeceptive} />
      </section>
    </div>
  );
}
