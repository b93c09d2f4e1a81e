/**
 * The ECharts options of the dashboard's charts, built from API answers. Pure functions: the chart
 * component only draws what they return.
 */
import type { EChartsCoreOption } from 'echarts/core';
import type { Importance, IntermediateByTrial, TrialColumns } from '../api/api-types.js';
import { formatMetric } from '../format/format.js';
import { bestSoFar } from './best-so-far.js';
import { axisFor, parallelRows } from './parallel-axes.js';

const tooltipNumber = (value: unknown) => (typeof value === 'number' ? formatMetric(value) : String(value));

/**
 * Metric over trials: one dot per trial (its id kept for clicks) and the best-so-far line in `mode`.
 * `metricName` names the plotted value (an objective's name when the config names objectives).
 */
export function scatterOption(columns: TrialColumns, mode: 'maximize' | 'minimize', metricName = 'metric'): EChartsCoreOption {
  const dots = columns.sequenceId.flatMap((seq, i) => {
    const metric = columns.metric[i];
    return metric === null || metric === undefined ? [] : [{ value: [seq, metric], trialJobId: columns.trialJobId[i] }];
  });
  const best = bestSoFar(columns.sequenceId.map((seq, i) => [seq, columns.metric[i] ?? null] as const), mode);
  return {
    animation: false,
    grid: { left: 60, right: 24, top: 36, bottom: 60 },
    legend: { top: 0 },
    tooltip: { trigger: 'item', valueFormatter: tooltipNumber },
    xAxis: { type: 'value', name: 'trial #', nameLocation: 'middle', nameGap: 28, minInterval: 1 },
    yAxis: { type: 'value', name: metricName, scale: true },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 8 }],
    series: [
      { name: metricName, type: 'scatter', symbolSize: 7, data: dots, large: dots.length > 5000 },
      { name: `best so far (${mode})`, type: 'line', step: 'end', showSymbol: false, data: best },
    ],
  };
}

/** Intermediate curves of several trials on one chart; hovering one highlights it. */
export function curvesOption(curves: IntermediateByTrial, names?: Readonly<Record<string, string>>): EChartsCoreOption {
  const ids = Object.keys(curves);
  return {
    animation: false,
    grid: { left: 60, right: 24, top: 36, bottom: 40 },
    legend: ids.length <= 8 ? { top: 0, type: 'scroll' } : undefined,
    tooltip: { trigger: 'item', valueFormatter: tooltipNumber },
    xAxis: { type: 'value', name: 'step', nameLocation: 'middle', nameGap: 24, minInterval: 1 },
    yAxis: { type: 'value', name: 'intermediate', scale: true },
    series: ids.map((id) => ({
      name: names?.[id] ?? id,
      type: 'line',
      showSymbol: false,
      symbolSize: 4,
      lineStyle: { width: 1.5 },
      emphasis: { focus: 'series', lineStyle: { width: 3 } },
      blur: { lineStyle: { opacity: 0.15 } },
      data: (curves[id] ?? []).map((p) => [p.sequence, p.value]),
    })),
  };
}

/** Parallel coordinates: one axis per label (categorical for non-numeric labels), then the metric. */
export function parallelOption(columns: TrialColumns, labels: readonly string[]): EChartsCoreOption {
  const axes = labels.map((label) => axisFor(label, columns.parameters[label] ?? []));
  const rows = parallelRows(axes, columns.parameters, columns.metric);
  const metrics = rows.map((r) => r[r.length - 1] as number);
  return {
    animation: false,
    parallel: { left: 60, right: 90, top: 40, bottom: 30 },
    parallelAxis: [
      ...axes.map((axis, dim) => (axis.kind === 'categorical' ? { dim, name: axis.label, type: 'category', data: axis.categories } : { dim, name: axis.label, type: 'value', scale: true })),
      { dim: axes.length, name: 'metric', type: 'value', scale: true },
    ],
    visualMap: metrics.length === 0 ? undefined : { type: 'continuous', dimension: axes.length, min: Math.min(...metrics), max: Math.max(...metrics), right: 0, top: 'middle', calculable: true, inRange: { color: ['#3b4cc0', '#dddddd', '#b40426'] } },
    series: [{ type: 'parallel', lineStyle: { width: 1, opacity: 0.5 }, emphasis: { lineStyle: { width: 3, opacity: 1 } }, data: rows }],
  };
}

/** Parameter importance as horizontal bars, most important on top, titled with the trial count (the page names the method). */
export function importanceOption(importance: Importance): EChartsCoreOption {
  const items = [...importance.importances].reverse();
  return {
    animation: false,
    title: { text: `over ${importance.trials} trials with a final metric`, textStyle: { fontSize: 12, fontWeight: 'normal', color: '#5d6773' }, left: 'center' },
    grid: { left: 160, right: 30, top: 36, bottom: 30 },
    tooltip: { trigger: 'item', valueFormatter: tooltipNumber },
    xAxis: { type: 'value', min: 0, max: 1, name: 'importance' },
    yAxis: { type: 'category', data: items.map((i) => `${i.label} (${i.kind === 'categorical' ? 'cat.' : 'num.'})`) },
    series: [{ type: 'bar', data: items.map((i) => i.importance), label: { show: true, position: 'right', formatter: ({ value }: { value: number }) => formatMetric(value) } }],
  };
}
