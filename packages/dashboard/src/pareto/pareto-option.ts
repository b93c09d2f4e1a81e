/**
 * The ECharts option of the Pareto chart: the succeeded trials by the first two objectives, the front
 * highlighted (and, with exactly two objectives, joined into its staircase), trials that break a
 * constraint faded. Every dot carries its trial id, so a click opens the trial.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { ParetoFront } from '../api/api-types.js';
import { formatMetric } from '../format/format.js';
import { objectiveHeading } from './front-rows.js';
import type { ObjectivePoint } from './objective-points.js';

/** A dot of the chart: the trial's first two objective values and its id. */
interface Dot {
  readonly value: [number, number];
  readonly trialJobId: string;
}

const dotOf = (point: ObjectivePoint): Dot => ({ value: [point.values[0]!, point.values[1]!], trialJobId: point.trialJobId });

/** The series names, which are also the legend's. */
export const PARETO_SERIES = { front: 'Pareto front', others: 'other trials', infeasible: 'breaks a constraint', staircase: 'front line' } as const;

/** The front's dots ordered along the first objective: the staircase's corners. */
function staircase(front: readonly Dot[]): [number, number][] {
  return front.map((d) => d.value).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/**
 * Where the staircase steps between two neighbours of a two-objective front (left one first): through
 * the corner both dominate — the right one's x and the left one's y when x is minimized (`end`), the
 * left one's x and the right one's y when it is maximized (`start`).
 */
export function staircaseStep(xDirection: 'maximize' | 'minimize'): 'start' | 'end' {
  return xDirection === 'minimize' ? 'end' : 'start';
}

/** The Pareto chart of `points` (from `objectivePoints`) for a front of two objectives or more. */
export function paretoOption(points: readonly ObjectivePoint[], front: Pick<ParetoFront, 'objectives'>): EChartsCoreOption {
  const onFront = points.filter((p) => p.onFront).map(dotOf);
  const others = points.filter((p) => !p.onFront && p.feasible).map(dotOf);
  const infeasible = points.filter((p) => !p.onFront && !p.feasible).map(dotOf);
  const [x, y] = front.objectives;
  const large = points.length > 5000;
  return {
    animation: false,
    grid: { left: 70, right: 24, top: 36, bottom: 48 },
    legend: { top: 0 },
    tooltip: { trigger: 'item', formatter: ({ data }: { data: Dot | [number, number] }) => {
      const dot = Array.isArray(data) ? { value: data, trialJobId: '' } : data;
      return `${dot.trialJobId}<br>${x!.name}: ${formatMetric(dot.value[0])}<br>${y!.name}: ${formatMetric(dot.value[1])}`;
    } },
    // Axes at the plot's edges, not across zero: objective values are often all of one sign.
    xAxis: { type: 'value', name: objectiveHeading(x!), nameLocation: 'middle', nameGap: 28, scale: true, axisLine: { onZero: false } },
    yAxis: { type: 'value', name: objectiveHeading(y!), scale: true, axisLine: { onZero: false } },
    series: [
      { name: PARETO_SERIES.others, type: 'scatter', symbolSize: 6, itemStyle: { color: '#8a96a3', opacity: 0.6 }, data: others, large },
      { name: PARETO_SERIES.infeasible, type: 'scatter', symbol: 'emptyCircle', symbolSize: 6, itemStyle: { color: '#c9a227', opacity: 0.5 }, data: infeasible, large },
      { name: PARETO_SERIES.front, type: 'scatter', symbolSize: 10, itemStyle: { color: '#d0342c' }, z: 3, data: onFront },
      ...(front.objectives.length === 2 ? [{ name: PARETO_SERIES.staircase, type: 'line', step: staircaseStep(x!.direction), showSymbol: false, silent: true, itemStyle: { color: '#d0342c' }, lineStyle: { color: '#d0342c', width: 1.5, opacity: 0.7 }, data: staircase(onFront) }] : []),
    ],
  };
}
