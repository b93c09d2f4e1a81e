import { describe, expect, it } from 'vitest';
import type { TrialColumns } from '../api/api-types.js';
import { curvesOption, importanceOption, parallelOption, scatterOption } from './chart-options.js';

const columns: TrialColumns = {
  total: 3,
  sequenceId: [0, 1, 2],
  trialJobId: ['a', 'b', 'c'],
  status: ['SUCCEEDED', 'FAILED', 'SUCCEEDED'],
  metric: [0.5, null, 0.8],
  parameters: { lr: [0.1, 0.2, 0.3], op: ['conv', 'pool', 'skip'] },
};

type Series = { name?: string; type: string; data: unknown[] };

describe('chart options', () => {
  it('scatter: a dot per trial with a metric, carrying its id, and a best-so-far line', () => {
    const series = scatterOption(columns, 'maximize').series as Series[];
    expect(series[0]!.data).toEqual([
      { value: [0, 0.5], trialJobId: 'a' },
      { value: [2, 0.8], trialJobId: 'c' },
    ]);
    expect(series[1]!.data).toEqual([
      [0, 0.5],
      [2, 0.8],
    ]);
    expect(series[1]!.name).toBe('best so far (maximize)');
  });

  it('curves: one highlighted-on-hover line per trial', () => {
    const series = curvesOption({ a: [{ sequence: 0, value: 1 }, { sequence: 1, value: 2 }], b: [] }).series as (Series & { emphasis: { focus: string } })[];
    expect(series.map((s) => [s.name, s.data, s.emphasis.focus])).toEqual([
      ['a', [[0, 1], [1, 2]], 'series'],
      ['b', [], 'series'],
    ]);
  });

  it('parallel: categorical axes for categorical labels and the metric last', () => {
    const option = parallelOption(columns, ['lr', 'op']) as { parallelAxis: { name: string; type: string; data?: string[] }[]; series: Series[] };
    expect(option.parallelAxis.map((a) => [a.name, a.type])).toEqual([
      ['lr', 'value'],
      ['op', 'category'],
      ['metric', 'value'],
    ]);
    expect(option.parallelAxis[1]!.data).toEqual(['conv', 'pool', 'skip']);
    expect(option.series[0]!.data).toEqual([
      [0.1, 'conv', 0.5],
      [0.3, 'skip', 0.8],
    ]);
  });

  it('importance: bars most important on top, titled with the trial count', () => {
    const option = importanceOption({ method: 'fANOVA (random forest)', trials: 40, importances: [
      { label: 'op', kind: 'categorical', importance: 0.7, active: 40 },
      { label: 'lr', kind: 'numerical', importance: 0.3, active: 40 },
    ] }) as { title: { text: string }; yAxis: { data: string[] }; series: Series[] };
    expect(option.title.text).toBe('over 40 trials with a final metric');
    expect(option.yAxis.data).toEqual(['lr (num.)', 'op (cat.)']);
    expect(option.series[0]!.data).toEqual([0.3, 0.7]);
  });
});
