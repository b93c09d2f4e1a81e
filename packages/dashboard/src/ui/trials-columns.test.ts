/**
 * The trials table's columns: exactly today's without objectives; with objectives, one column per
 * objective in the config's order (name and ↑/↓, sorting by `objective:<name>`) in place of `Metric`,
 * each cell the trial's value of that objective or empty when it did not report it. Names are data.
 */
import { describe, expect, it } from 'vitest';
import type { ObjectiveSpec, TrialSummary } from '../api/api-types.js';
import { objectiveCellText } from '../trials/objective-cell.js';
import { columnsFor } from './trials-columns.js';

const trial: TrialSummary = {
  trialJobId: 'Ab12x',
  sequenceId: 4,
  status: 'SUCCEEDED',
  parameters: { lr: 0.1 },
  metric: 0.5,
  startTime: 0,
  endTime: 1500,
  duration: 1500,
  message: null,
  objectives: [0.934567891, null, 2e6],
};

const OBJECTIVES: readonly ObjectiveSpec[] = [
  { name: 'accuracy', direction: 'maximize' },
  { name: '__proto__', direction: 'minimize' },
  { name: 'constructor', direction: 'minimize' },
];

describe('columnsFor', () => {
  it('without objectives, is the one Metric column as before', () => {
    const columns = columnsFor(['lr'], []);
    expect(columns.map((c) => c.key)).toEqual(['sequenceId', 'trialJobId', 'status', 'param:lr', 'metric', 'duration']);
    expect(columns.find((c) => c.key === 'metric')!.cell(trial)).toBe('0.5');
  });

  it('with objectives, has one column per objective in their order, titled with its direction, in place of Metric', () => {
    const columns = columnsFor(['lr'], OBJECTIVES);
    expect(columns.map((c) => c.key)).toEqual(['sequenceId', 'trialJobId', 'status', 'param:lr', 'objective:accuracy', 'objective:__proto__', 'objective:constructor', 'duration']);
    expect(columns.filter((c) => c.key.startsWith('objective:')).map((c) => c.title)).toEqual(['accuracy ↑', '__proto__ ↓', 'constructor ↓']);
    const cells = columns.filter((c) => c.key.startsWith('objective:')).map((c) => c.cell(trial));
    expect(cells).toEqual(['0.934568', '', '2.000e+6']);
  });
});

describe('objectiveCellText', () => {
  it('is empty for a trial without the value or without objectives at all', () => {
    expect(objectiveCellText(trial, 1)).toBe('');
    expect(objectiveCellText(trial, 7)).toBe('');
    expect(objectiveCellText({}, 0)).toBe('');
    expect(objectiveCellText({ objectives: [0] }, 0)).toBe('0');
  });
});
