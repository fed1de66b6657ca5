/**
 * A line chart in SVG (no chart library) of a cumulative figure over dates against a reference
 * step line (e.g. the milestone due) and a target line. Drawn at the element's measured pixel size
 * with text in the element's font size, so it stays sharp and readable at any screen size.
 * Presentational only: values arrive in display units with a formatter.
 */
import { linearScale, niceTicks } from './chart-scale';
import { useElementSize } from './use-element-size';

export interface TrendChartPoint {
  /** ISO date YYYY-MM-DD. */
  date: string;
  value: number;
  /** Drawn as the live (today) point. */
  live?: boolean;
}

export interface TrendChartProps {
  testId: string;
  series: readonly TrendChartPoint[];
  /** Vertices of the reference line (already stepped where it jumps). */
  reference: readonly TrendChartPoint[];
  /** A horizontal target line; null draws none. */
  target: number | null;
  labels: { series: string; reference: string; target: string; unit: string };
  formatValue(value: number): string;
  /** Axis labels; `formatValue` when absent. */
  formatTick?(value: number): string;
}

const DAY = 86_400_000;
const dayOf = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / DAY);
const shortDate = (date: string) => date.slice(5);

function pathOf(points: readonly { x: number; y: number }[]): string {
  return points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x.toFixed(1)},${point.y.toFixed(1)}`).join('');
}

export function TrendChart(props: TrendChartProps) {
  const { ref, size } = useElementSize<HTMLDivElement>();
  const { series, reference, target } = props;
  const em = size.fontSizePixels;
  const margin = { left: em * 3.6, right: em * 1.2, top: em * 2.4, bottom: em * 2.2 };
  const ready = size.width > margin.left + margin.right && size.height > margin.top + margin.bottom && series.length > 0;
  const days = [...series, ...reference].map((point) => dayOf(point.date));
  const maximum = Math.max(...series.map((point) => point.value), ...reference.map((point) => point.value), target ?? 0);
  const ticks = niceTicks(maximum * 1.05, 4);
  const x = linearScale(Math.min(...days), Math.max(...days), margin.left, size.width - margin.right);
  const y = linearScale(0, ticks.at(-1) ?? 1, size.height - margin.bottom, margin.top);
  const seriesPoints = series.map((point) => ({ x: x(dayOf(point.date)), y: y(point.value), point }));
  const referencePoints = reference.map((point) => ({ x: x(dayOf(point.date)), y: y(point.value) }));
  const last = seriesPoints.at(-1);
  const labelEvery = Math.max(1, Math.ceil(series.length / Math.max(1, Math.floor((size.width - margin.left - margin.right) / (em * 3.6)))));
  const baseline = size.height - margin.bottom;

  return (
    <div className="trend-chart" ref={ref} data-testid={props.testId} data-points={series.length}
      data-last-value={last ? String(last.point.value) : ''}>
      {ready && (
        <svg width={size.width} height={size.height} role="img" aria-label={`${props.labels.series}与${props.labels.reference}`}>
          <g className="trend-grid">
            {ticks.map((tick) => (
              <g key={tick}>
                <line x1={margin.left} x2={size.width - margin.right} y1={y(tick)} y2={y(tick)} />
                <text x={margin.left - em * 0.4} y={y(tick)} dy="0.35em" textAnchor="end">{(props.formatTick ?? props.formatValue)(tick)}</text>
              </g>
            ))}
            <text x={margin.left - em * 0.4} y={margin.top - em * 0.9} textAnchor="end" className="trend-unit">{props.labels.unit}</text>
          </g>
          <g className="trend-axis">
            {seriesPoints.map(({ x: pointX, point }, index) =>
              (index % labelEvery === 0 || point.live) && !(index === seriesPoints.length - 2 && seriesPoints.at(-1)?.point.live && (seriesPoints.at(-1)?.x ?? 0) - pointX < em * 3)
                ? <text key={point.date} x={pointX} y={baseline + em * 1.4} textAnchor="middle">{point.live ? '今日' : shortDate(point.date)}</text>
                : null)}
          </g>
          {target !== null && (
            <g className="trend-target">
              <line x1={margin.left} x2={size.width - margin.right} y1={y(target)} y2={y(target)} />
            </g>
          )}
          {seriesPoints.length > 0 && (
            <path className="trend-area" d={`${pathOf(seriesPoints)}L${(last?.x ?? 0).toFixed(1)},${baseline}L${(seriesPoints[0]?.x ?? 0).toFixed(1)},${baseline}Z`} />
          )}
          <path className="trend-reference" d={pathOf(referencePoints)} />
          <path className="trend-series" d={pathOf(seriesPoints)} />
          {seriesPoints.map(({ x: pointX, y: pointY, point }) => (
            <circle key={point.date} className={point.live ? 'trend-dot live' : 'trend-dot'} cx={pointX} cy={pointY} r={em * (point.live ? 0.42 : 0.26)} />
          ))}
          {last && (
            <text className="trend-last" x={last.x} y={last.y - em * 0.8} textAnchor="end">{props.formatValue(last.point.value)}</text>
          )}
          <g className="trend-legend" transform={`translate(${margin.left + em * 0.4},${em * 0.9})`}>
            <line className="trend-series" x1={0} x2={em * 1.6} y1={0} y2={0} />
            <text x={em * 2} y={0} dy="0.35em">{props.labels.series}</text>
            <line className="trend-reference" x1={em * 8} x2={em * 9.6} y1={0} y2={0} />
            <text x={em * 10} y={0} dy="0.35em">{props.labels.reference}</text>
            {target !== null && <line className="trend-target-legend" x1={em * 16.5} x2={em * 18.1} y1={0} y2={0} />}
            {target !== null && <text x={em * 18.5} y={0} dy="0.35em">{props.labels.target}</text>}
          </g>
        </svg>
      )}
    </div>
  );
}
