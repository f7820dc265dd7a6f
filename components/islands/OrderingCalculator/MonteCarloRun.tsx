/**
 * Scheduling of the ordering calculator's Monte Carlo in the page: one chunk per task (sized by
 * src/lib/calc/chunking.ts to ~10 ms), yielding through a MessageChannel so input and rendering
 * get in between. Progress goes to a small component of its own, so the bar moves without
 * re-rendering the calculator; the estimates are re-rendered about once a second and at the end.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { FIRST_CHUNK, nextChunkSize, runProgress, type RunProgress } from '../../../src/lib/calc/chunking.ts';
import { formatCount } from '../../../src/lib/calc/format.ts';
import { startMonteCarlo, type MonteCarloResult, type MonteCarloRun } from '../../../src/lib/calc/montecarlo.ts';
import type { OrderingInputs } from '../../../src/lib/calc/ordering.ts';

// A run shorter than this never shows progress; while it shows, the bar moves this often and the
// estimates (a render of the whole calculator) are refreshed less often.
const SHOW_PROGRESS_AFTER_MS = 100;
const PROGRESS_MS = 100;
const ESTIMATES_MS = 1000;

/** What the calculator shows of a run: its latest estimates and whether it is still going. */
export interface McView {
  /** The inputs (as JSON) the estimates are for: earlier ones stay on screen, marked busy, until the new run reports. */
  key: string;
  result: MonteCarloResult;
  running: boolean;
  /** Stopped by the reader: the estimates are from part of the samples. */
  cancelled: boolean;
}

/** Progress of a run as its bar shows it; null hides the bar. */
export type McProgress = (RunProgress & { running: boolean }) | null;

/** The controls a run exposes to its progress bar; the object stays the same across runs. */
export interface McControl {
  cancel(): void;
  resume(): void;
  /** Registers the progress bar's listener; returns its removal. */
  listen(fn: (p: McProgress) => void): () => void;
}

/** Runs the Monte Carlo for `inputs` while `active`, restarting whenever they change. */
export function useMonteCarlo(inputs: OrderingInputs, active: boolean): [McView | null, McControl, string] {
  const key = active ? JSON.stringify(inputs) : '';
  const [view, setView] = useState<McView | null>(null);
  const listener = useRef<(p: McProgress) => void>(() => {});
  const actions = useRef({ cancel: () => {}, resume: () => {} });
  const control = useRef<McControl>({
    cancel: () => actions.current.cancel(),
    resume: () => actions.current.resume(),
    listen: (fn) => {
      listener.current = fn;
      return () => {
        listener.current = () => {};
      };
    },
  });
  useEffect(() => {
    const notify = (p: McProgress) => listener.current(p);
    notify(null);
    if (!active) {
      setView(null);
      return;
    }
    const run: MonteCarloRun = startMonteCarlo(inputs);
    const channel = new MessageChannel();
    let stopped = false;
    let started = performance.now();
    let size = FIRST_CHUNK;
    let lastProgress = 0;
    let lastEstimates = Number.NEGATIVE_INFINITY;
    const publish = (cancelled: boolean) => setView({ key, result: run.result(), running: !run.done && !cancelled, cancelled });
    channel.port1.onmessage = () => {
      if (stopped) return;
      const t0 = performance.now();
      const before = run.drawn;
      run.step(size);
      const t1 = performance.now();
      size = nextChunkSize(run.drawn - before, t1 - t0);
      if (run.done) {
        notify(null);
        publish(false);
        return;
      }
      if (t1 - started > SHOW_PROGRESS_AFTER_MS) {
        if (t1 - lastProgress > PROGRESS_MS) {
          lastProgress = t1;
          notify({ ...runProgress(run.drawn, run.total), running: true });
        }
        if (t1 - lastEstimates > ESTIMATES_MS) {
          lastEstimates = t1;
          publish(false);
        }
      }
      channel.port2.postMessage(0);
    };
    actions.current = {
      cancel: () => {
        if (stopped || run.done) return;
        stopped = true;
        notify({ ...runProgress(run.drawn, run.total), running: false });
        publish(true);
      },
      resume: () => {
        if (!stopped || run.done) return;
        stopped = false;
        started = lastEstimates = performance.now();
        setView((v) => (v ? { ...v, running: true, cancelled: false } : v));
        notify({ ...runProgress(run.drawn, run.total), running: true });
        channel.port2.postMessage(0);
      },
    };
    // Earlier estimates stay on screen, marked busy, until this run has some of its own.
    setView((v) => (v ? { ...v, running: true, cancelled: false } : v));
    channel.port2.postMessage(0);
    return () => {
      stopped = true;
      channel.port1.close();
    };
  }, [key]);
  return [view, control.current, key];
}

/** The progress bar, with Cancel while sampling and Continue once cancelled; one button, so focus stays on it. */
export function MonteCarloProgress({ control }: { control: McControl }) {
  const [p, setP] = useState<McProgress>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(
    () =>
      control.listen((next) => {
        // A run that ends while its Cancel button has focus hands focus to the results, not to the page.
        if (!next && box.current?.contains(document.activeElement)) document.getElementById('ordering-results')?.focus();
        setP(next);
      }),
    [control],
  );
  if (!p) return null;
  return (
    <div class="calc-progress" ref={box}>
      <span id="ordering-progress-label">Monte Carlo progress</span>
      <progress id="ordering-progress" aria-labelledby="ordering-progress-label" max={p.total} value={p.drawn}>
        {p.percent} %
      </progress>
      <span>
        {p.running ? '' : 'Stopped at '}
        {p.percent} % of {formatCount(p.total)}
      </span>
      <button type="button" onClick={() => (p.running ? control.cancel() : control.resume())}>
        {p.running ? 'Cancel sampling' : 'Continue sampling'}
      </button>
    </div>
  );
}
