/** The ordering calculator's two charts, each an inline SVG with a title, a description and a table. */
import { linearScale, niceMax } from '../../../src/lib/calc/chart.ts';
import { formatPercent } from '../../../src/lib/calc/format.ts';
import type { EmergenceOrder, SensitivityRow } from '../../../src/lib/calc/ordering.ts';
import { useWidth } from '../calculator-kit/hooks.ts';

/** Vertical grid lines at 0, half and all of `max`, labelled as percentages under the chart. */
function PercentGrid({ max, x, height }: { max: number; x: (v: number) => number; height: number }) {
  return (
    <>
      {[0, max / 2, max].map((t) => (
        <g class="calc-grid">
          <line x1={x(t)} x2={x(t)} y1={4} y2={height - 26} />
          <text x={x(t)} y={height - 10} text-anchor={x(t) < 24 ? 'start' : 'middle'}>
            {formatPercent(t)}
          </text>
        </g>
      ))}
    </>
  );
}

/** Reader-facing names of the inputs the sensitivity chart moves. */
export const INPUT_NAMES: Record<SensitivityRow['key'], string> = {
  pG: 'p_G, G present at start',
  pL: 'p_L, L present at start',
  pB: 'p_B, B present at start',
  pS: 'p_S, S present at start',
  mG: 'm_G, time for G',
  mL: 'm_L, time for L',
  mB: 'm_B, time for B',
  mS: 'm_S, time for S',
  q: 'q, proxy despite B',
  corr: 'c_m, correction time',
  tau: 'τ, end of run',
};

// Charts are drawn at the width they are shown (1 unit = 1 CSS pixel), so their 11–12 px text stays
// that size on a phone; the server draws them 640 wide. Below NARROW a row's label sits above its bar.
const W = 640;
const NARROW = 520;

export interface OrdersChartProps {
  orders: readonly EmergenceOrder[];
  probabilities: ArrayLike<number>;
  /** Standard errors when the probabilities are Monte Carlo frequencies. */
  errors?: ArrayLike<number> | undefined;
  shown: number;
}

/** Bar chart of the most likely orders, dangerous ones marked in colour and in words. */
export function OrdersChart({ orders, probabilities, errors, shown }: OrdersChartProps) {
  const ranked = orders.map((o) => ({ o, p: probabilities[o.index] ?? 0 })).sort((a, b) => b.p - a.p || a.o.index - b.o.index);
  const top = ranked.slice(0, shown);
  const max = niceMax(top[0]?.p ?? 0);
  const [ref, width] = useWidth<HTMLElement>(W);
  const narrow = width < NARROW;
  const row = narrow ? 40 : 24;
  const left = narrow ? 2 : 200;
  const right = width - (narrow ? 124 : 160);
  const height = top.length * row + 34;
  const x = linearScale(0, max, left, right);
  const dangerShare = ranked.filter((r) => r.o.dangerous).reduce((s, r) => s + r.p, 0);
  return (
    <figure class="calc-figure" ref={ref}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="orders-chart-title orders-chart-desc" class="calc-chart">
        <title id="orders-chart-title">The {shown} most likely emergence orders</title>
        <desc id="orders-chart-desc">
          Horizontal bars, one per order, longest first. Orders in which B comes last after G, L and S are dangerous and drawn in the accent colour with the
          word “dangerous”. Together the dangerous orders have probability {formatPercent(dangerShare)}. The table below lists all 65.
        </desc>
        <PercentGrid max={max} x={x} height={height} />
        {top.map(({ o, p }, i) => {
          const y = i * row + 6;
          const barY = narrow ? y + 19 : y + 3;
          const barH = narrow ? 14 : row - 8;
          return (
            <g class={o.dangerous ? 'calc-bar danger' : 'calc-bar'}>
              <text x={narrow ? left : left - 8} y={narrow ? y + 9 : y + row / 2 + 1} text-anchor={narrow ? 'start' : 'end'} dominant-baseline="middle">
                {o.label}
              </text>
              <rect x={left} y={barY} width={Math.max(0.5, x(p) - left)} height={barH} />
              <text x={x(p) + 6} y={barY + barH / 2 + 1} dominant-baseline="middle" class="calc-bar-value">
                {formatPercent(p)}
                {o.dangerous ? ' · dangerous' : ''}
              </text>
            </g>
          );
        })}
      </svg>
      <details class="calc-table">
        <summary>All 65 orders as a table</summary>
        <table>
          <caption>Probability of each emergence order (start set in braces, then later arrivals in order)</caption>
          <thead>
            <tr>
              <th scope="col">Order</th>
              <th scope="col">Probability</th>
              {errors ? <th scope="col">Standard error</th> : null}
              <th scope="col">Dangerous</th>
            </tr>
          </thead>
          <tbody>
            {ranked.map(({ o, p }) => (
              <tr>
                <th scope="row">{o.label}</th>
                <td>{formatPercent(p)}</td>
                {errors ? <td>{formatPercent(errors[o.index] ?? 0)}</td> : null}
                <td>{o.dangerous ? 'yes' : 'no'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}

export interface TornadoChartProps {
  rows: readonly SensitivityRow[];
  base: number;
}

/** Sensitivity tornado: for each input, P(deceptive) with it moved down and up, widest first. */
export function TornadoChart({ rows, base }: TornadoChartProps) {
  const max = niceMax(Math.max(base, ...rows.flatMap((r) => [r.low, r.high])));
  const [ref, width] = useWidth<HTMLElement>(W);
  const narrow = width < NARROW;
  const row = narrow ? 40 : 26;
  const left = narrow ? 2 : 190;
  const right = width - (narrow ? 120 : 40);
  const height = rows.length * row + 34;
  const x = linearScale(0, max, left, right);
  return (
    <figure class="calc-figure" ref={ref}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby="tornado-title tornado-desc" class="calc-chart">
        <title id="tornado-title">Sensitivity of P(deceptive) to each input</title>
        <desc id="tornado-desc">
          One row per input, widest swing first. Each bar runs from P(deceptive) with the input moved down (halved, or half way to 0 for a probability) to
          P(deceptive) with it moved up (doubled, or half way to 1). The vertical line is the current value, {formatPercent(base)}. The table below gives the
          numbers.
        </desc>
        <PercentGrid max={max} x={x} height={height} />
        {rows.map((r, i) => {
          const y = i * row + 6;
          const lo = Math.min(r.low, r.high);
          const hi = Math.max(r.low, r.high);
          const barY = narrow ? y + 19 : y + 4;
          const barH = narrow ? 14 : row - 10;
          return (
            <g class="calc-tornado-row">
              <text x={narrow ? left : left - 8} y={narrow ? y + 9 : y + row / 2} text-anchor={narrow ? 'start' : 'end'} dominant-baseline="middle">
                {INPUT_NAMES[r.key]}
              </text>
              <rect class="down" x={x(Math.min(r.low, base))} y={barY} width={Math.max(0.5, Math.abs(x(r.low) - x(base)))} height={barH} />
              <rect class="up" x={x(Math.min(r.high, base))} y={barY} width={Math.max(0.5, Math.abs(x(r.high) - x(base)))} height={barH} />
              <text x={x(hi) + 6} y={barY + barH / 2} dominant-baseline="middle" class="calc-bar-value">
                {formatPercent(lo)} to {formatPercent(hi)}
              </text>
              {/* Stacked rows draw the current value per bar, so the line does not run through the labels. */}
              {narrow ? <line class="calc-base" x1={x(base)} x2={x(base)} y1={barY - 3} y2={barY + barH + 3} /> : null}
            </g>
          );
        })}
        {narrow ? null : <line class="calc-base" x1={x(base)} x2={x(base)} y1={2} y2={height - 26} />}
      </svg>
      <p class="calc-legend">
        <span class="calc-key down" aria-hidden="true"></span> input moved down <span class="calc-key up" aria-hidden="true"></span> input moved up
      </p>
      <details class="calc-table">
        <summary>Sensitivity as a table</summary>
        <table>
          <caption>P(deceptive) with one input moved at a time (current value {formatPercent(base)})</caption>
          <thead>
            <tr>
              <th scope="col">Input</th>
              <th scope="col">Moved down to</th>
              <th scope="col">P(deceptive)</th>
              <th scope="col">Moved up to</th>
              <th scope="col">P(deceptive)</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">{INPUT_NAMES[r.key]}</th>
                <td>{String(Number(r.lowValue.toPrecision(6)))}</td>
                <td>{formatPercent(r.low)}</td>
                <td>{String(Number(r.highValue.toPrecision(6)))}</td>
                <td>{formatPercent(r.high)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
