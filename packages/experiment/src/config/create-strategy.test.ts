import { BOHB, CurveFitting, MedianStop, RegularizedEvolution, TPE } from '@archspace/strategies';
import { describe, expect, it } from 'vitest';
import { createAssessor, createTuner } from './create-strategy.js';
import { parseExperimentConfig } from './parse-experiment-config.js';

const base = { searchSpace: { x: { _type: 'choice', _value: [1, 2] } }, trialCommand: 'node trial.js', trialConcurrency: 1 };

describe('createTuner and createAssessor', () => {
  it('build the classes a canonical config names, with exactly its options', () => {
    const config = parseExperimentConfig({
      ...base,
      tuner: { name: 'RegularizedEvolution', classArgs: { population_size: 40, mutation_prob: 0.1 } },
      assessor: { name: 'Curvefitting', classArgs: { epoch_num: 20 } },
    });
    const strategy = createTuner(config.tuner!);
    expect(strategy).toBeInstanceOf(RegularizedEvolution);
    const { direction, ...options } = config.tuner!.classArgs;
    expect(direction).toBe('maximize');
    expect((strategy as RegularizedEvolution).options).toEqual(options);
    const assessor = createAssessor(config.assessor!);
    expect(assessor).toBeInstanceOf(CurveFitting);
    expect((assessor as CurveFitting).options).toMatchObject({ epochNum: 20 });
  });

  it('cover every tuner and assessor name', () => {
    expect(createTuner(parseExperimentConfig({ ...base, tuner: { name: 'tpe' } }).tuner!)).toBeInstanceOf(TPE);
    expect(createTuner(parseExperimentConfig({ ...base, tuner: { name: 'BOHB', classArgs: { max_budget: 9 } } }).tuner!)).toBeInstanceOf(BOHB);
    expect(createAssessor(parseExperimentConfig({ ...base, tuner: { name: 'TPE' }, assessor: { name: 'Medianstop' } }).assessor!)).toBeInstanceOf(MedianStop);
  });
});
