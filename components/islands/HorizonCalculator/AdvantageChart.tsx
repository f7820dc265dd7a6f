/** V_B − V_A against the horizon H: log horizontal axis, signed-log vertical axis, T, h-min and h₀ marked. */
import { decadeTicks, horizonChartRange, logScale, linearScale, symlog, symlogTicks } from '../../../src/lib/calc/chart.ts';
import { formatHorizonNear, formatNumber } from '../../../src/lib/calc/format.ts';
import { advantage, advantageCurve, valueOpen, valuePlayAlong, type HorizonInputs } from '../../../src/lib/calc/horizon.ts';
import { useWidth } from '../calculator-kit/hooks.ts';

export interface AdvantageChartProps {
  inputs: HorizonInputs;
  hMin: number | null;
  /** Significant figures the inputs justify (format.ts resultDigits). */
  digits?: number;
}

// Drawn at the width it is shown (1 unit = 1 CSS pixel) so its 11–12 px text stays that size on a
// phone; the server draws it 640 wide.
const WIDE = 640;
const H = 320;
const PAD = { left: 84, right: 16, top: 54, bottom: 40 };

/** The advantage chart as inline SVG with its title, description and table of values. */
export function AdvantageChart({ inputs, hMin, digits = 3 }: AdvantageChartProps) {
  const [ref, W] = useWidth<HTMLElement>(WIDE);
  const [from, to] = horizonChartRange(inputs, hMin);
  const corners = [inputs.c, inputs.T, inputs.T + inputs.D, hMin ?? NaN, inputs.h0].filter((x) => x > from && x < to);
  const points = [...advantageCurve(inputs, from, to, 16), ...corners.map((h) => ({ H: h, advantage: advantage(inputs, h) }))].sort((a, b) => a.H - b.H);
  // One unit of open pursuit, or c when that is smaller, marks where the vertical scale turns logarithmic.
  const unit = Math.min(1, inputs.c);
  const ys = points.map((p) => symlog(p.advantage, unit));
  const yMin = Math.min(0, ...ys);
  const yMax = Math.max(0, ...ys);
  const pad = (yMax - yMin || 1) * 0.05;
  const x = logScale(from, to, PAD.left, W - PAD.right);
  const y = linearScale(yMin - pad, yMax + pad, H - PAD.bottom, PAD.top);
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${x(p.H).toFixed(1)},${y(symlog(p.advantage, unit)).toFixed(1)}`).join('');
  const markers = [
    { at: inputs.T, label: 'T', row: 0 },
    { at: hMin, label: 'h-min', row: 1 },
    { at: inputs.h0, label: 'h₀', row: 2 },
  ].filter((m): m is { at: number; label: string; row: number } => m.at !== null && m.at >= from && m.at <= to);
  const unitName = inputs.unit;
  const tableRows = decadeTicks(from, to, 14);
  return (
    <figure class="calc-figure" ref={ref}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="advantage-title advantage-desc" class="calc-chart">
        <title id="advantage-title">Advantage of playing along, V_B − V_A, against the goal horizon H</title>
        <desc id="advantage-desc">
          A line over horizons from {formatNumber(from)} to {formatNumber(to)} {unitName} on a logarithmic axis; the vertical axis is signed-logarithmic. The
          line is below zero, so open pursuit pays better, until{' '}
          {hMin === null ? 'the end of the range: playing along never pays' : `h-min, ${formatHorizonNear(hMin, inputs.T, unitName, digits)}`}. Marked: T ={' '}
          {formatNumber(inputs.T, digits)} {unitName}
          {hMin === null ? '' : `, h-min`}, and the current horizon h₀ = {formatNumber(inputs.h0, digits)} {unitName}. The table below gives values at each
          power of ten.
        </desc>
        {decadeTicks(from, to, Math.max(3, Math.min(7, Math.floor((W - PAD.left) / 64)))).map((t) => (
          <g class="calc-grid">
            <line x1={x(t)} x2={x(t)} y1={PAD.top} y2={H - PAD.bottom} />
            <text x={x(t)} y={H - PAD.bottom + 16} text-anchor="middle">
              {formatNumber(t, 3)}
            </text>
          </g>
        ))}
        {symlogTicks(yMin, yMax, unit, 6).map((v) => (
          <g class="calc-grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(symlog(v, unit))} y2={y(symlog(v, unit))} />
            <text x={PAD.left - 6} y={y(symlog(v, unit))} text-anchor="end" dominant-baseline="middle">
              {formatNumber(v, 3)}
            </text>
          </g>
        ))}
        <line class="calc-zero" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
        <text class="calc-axis-label" x={(PAD.left + W - PAD.right) / 2} y={H - 4} text-anchor="middle">
          goal horizon H ({unitName}, log scale)
        </text>
        {markers.map((m) => (
          <g class={`calc-marker m-${m.row}`}>
            <line x1={x(m.at)} x2={x(m.at)} y1={PAD.top - 4 - m.row * 14} y2={H - PAD.bottom} />
            <text x={x(m.at) + 4} y={PAD.top - 8 - m.row * 14}>
              {m.label}
            </text>
          </g>
        ))}
        <path class="calc-line" d={path} />
      </svg>
      <details class="calc-table">
        <summary>The curve as a table</summary>
        <div class="calc-table-scroll">
          <table>
            <caption>V_A, V_B and V_B − V_A at each power of ten of H ({unitName})</caption>
            <thead>
              <tr>
                <th scope="col">H</th>
                <th scope="col">V_A (open pursuit)</th>
                <th scope="col">V_B (playing along)</th>
                <th scope="col">V_B − V_A</th>
              </tr>
            </thead>
            <tbody>
              {tableRows.map((h) => (
                <tr>
                  <th scope="row">{formatNumber(h, 3)}</th>
                  <td>{formatNumber(valueOpen(inputs, h), 4)}</td>
                  <td>{formatNumber(valuePlayAlong(inputs, h), 4)}</td>
                  <td>{formatNumber(advantage(inputs, h), 4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
