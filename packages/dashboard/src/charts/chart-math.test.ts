import { describe, expect, it } from 'vitest';
import { bestSoFar } from './best-so-far.js';
import { axisFor, categoryText, parallelRows } from './parallel-axes.js';

describe('bestSoFar', () => {
  it('keeps the running maximum when maximizing', () => {
    expect(bestSoFar([[0, 0.5], [1, 0.4], [2, 0.7], [3, 0.6]], 'maximize')).toEqual([[0, 0.5], [1, 0.5], [2, 0.7], [3, 0.7]]);
  });
  it('keeps the running minimum when minimizing, in trial order, skipping missing metrics', () => {
    expect(bestSoFar([[2, 0.3], [0, 0.5], [1, null], [3, 0.4]], 'minimize')).toEqual([[0, 0.5], [2, 0.3], [3, 0.3]]);
  });
  it('is empty without metrics', () => {
    expect(bestSoFar([[0, null]], 'maximize')).toEqual([]);
  });
});

describe('parallel axes', () => {
  it('gives numbers a numeric axis and anything else categories in first-seen order', () => {
    expect(axisFor('lr', [0.1, null, 0.01])).toEqual({ label: 'lr', kind: 'numerical' });
    expect(axisFor('op', ['conv', 'pool', 'conv'])).toEqual({ label: 'op', kind: 'categorical', categories: ['conv', 'pool'] });
    expect(axisFor('mixed', [1, 'a'])).toEqual({ label: 'mixed', kind: 'categorical', categories: ['1', 'a'] });
    expect(axisFor('inputs', [[0, 1], null])).toEqual({ label: 'inputs', kind: 'categorical', categories: ['[0,1]', '(none)'] });
    expect(categoryText(true)).toBe('true');
  });

  it('builds one row per trial with a metric, metric last', () => {
    const columns = { lr: [0.1, 0.2, 0.3], op: ['conv', 'pool', 'conv'] };
    const axes = [axisFor('lr', columns.lr), axisFor('op', columns.op)];
    expect(parallelRows(axes, columns, [0.9, null, 0.7])).toEqual([
      [0.1, 'conv', 0.9],
      [0.3, 'conv', 0.7],
    ]);
  });
});
