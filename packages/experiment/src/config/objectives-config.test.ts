/**
 * `objectives` and `constraints` in an experiment config: the canonical form, NSGA2 as a tuner, and
 * an exact message for each mistake.
 */
import fc from 'fast-check';
import { checkObjectives } from '@archspace/strategies';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { errorThrownBy } from './test-support/error-thrown-by.js';
import { createTuner } from './create-strategy.js';
import { parseExperimentConfig } from './parse-experiment-config.js';

const baseDir = '/work/project';
const searchSpace = { x: { _type: 'choice', _value: [1, 2, 3] } };
const base = { searchSpace, trialCommand: 'node trial.js', trialConcurrency: 1 };
const objectives = [
  { name: 'default', direction: 'maximize' },
  { name: 'flops', direction: 'minimize' },
];

function messageOf(config: unknown): string {
  return errorThrownBy(() => parseExperimentConfig(config, { baseDir }), ConfigError).message;
}

describe('objectives and constraints in a config', () => {
  it('are kept in the canonical config, which parses to itself, and set the direction', () => {
    const yaml = `
searchSpace: { x: { _type: choice, _value: [1, 2, 3] } }
trialCommand: node trial.js
trialConcurrency: 1
tuner: { name: nsga2, classArgs: { population_size: 20, crossover_prob: 0.8 } }
objectives:
  - { name: default, direction: maximize }
  - { name: flops, direction: minimize }
constraints:
  - { name: latency, max: 20 }
  - { name: memory, min: 1, max: 8 }
`;
    const config = parseExperimentConfig(yaml, { baseDir });
    expect(config.objectives).toEqual(objectives);
    expect(config.constraints).toEqual([{ name: 'latency', max: 20 }, { name: 'memory', min: 1, max: 8 }]);
    expect(config.tuner).toEqual({ name: 'NSGA2', classArgs: { direction: 'maximize', populationSize: 20, crossoverProb: 0.8 } });
    expect(parseExperimentConfig(config, { baseDir })).toStrictEqual(config);
    expect(createTuner(config.tuner!).name).toBe('NSGA2');
  });

  it('takes the first objective\'s direction for the tuner and assessor', () => {
    const config = parseExperimentConfig({ ...base, tuner: { name: 'TPE' }, assessor: { name: 'Medianstop' }, objectives: [{ name: 'loss', direction: 'minimize' }] }, { baseDir });
    expect(config.tuner!.classArgs.direction).toBe('minimize');
    expect(config.assessor!.classArgs.direction).toBe('minimize');
    expect('constraints' in config).toBe(false);
  });

  it('leaves a config without them as it was', () => {
    const config = parseExperimentConfig({ ...base, tuner: { name: 'TPE' } }, { baseDir });
    expect('objectives' in config || 'constraints' in config).toBe(false);
  });

  it.each([
    [
      'an objective named twice',
      { tuner: { name: 'NSGA2' }, objectives: [...objectives, { name: 'flops', direction: 'maximize' }] },
      'the objective "flops" is named twice (objectives 1 and 2): each objective names a different metric (at "objectives[2]/name")',
    ],
    ['an unknown direction', { tuner: { name: 'NSGA2' }, objectives: [{ name: 'flops', direction: 'down' }] }, 'invalid-value at "objectives[0]/direction": expected "maximize" or "minimize", received "down"'],
    ['an objective without a direction', { tuner: { name: 'NSGA2' }, objectives: [{ name: 'flops' }] }, 'the required key "direction" is missing: expected "maximize" or "minimize" (at "objectives[0]/direction")'],
    ['an empty list of objectives', { tuner: { name: 'NSGA2' }, objectives: [] }, 'invalid-value at "objectives": expected a non-empty list of objectives { name, direction }, received []'],
    ['an unknown key in an objective', { tuner: { name: 'NSGA2' }, objectives: [{ name: 'flops', direction: 'minimize', weight: 2 }] }, 'unknown key "weight"; the known keys are name, direction (at "objectives[0]/weight")'],
    ['a constraint without bounds', { tuner: { name: 'NSGA2' }, objectives, constraints: [{ name: 'latency' }] }, 'the constraint on "latency" has neither min nor max: give at least one bound (at "constraints[0]")'],
    ['a constraint with min > max', { tuner: { name: 'NSGA2' }, objectives, constraints: [{ name: 'latency', min: 5, max: 2 }] }, 'the constraint on "latency" has min 5 above max 2: no value meets it (at "constraints[0]/min")'],
    ['a non-finite bound', { tuner: { name: 'NSGA2' }, objectives, constraints: [{ name: 'latency', max: Infinity }] }, 'invalid-value at "constraints[0]/max": expected a finite number, received Infinity'],
    ['a NaN bound', { tuner: { name: 'NSGA2' }, objectives, constraints: [{ name: 'latency', min: NaN }] }, 'invalid-value at "constraints[0]/min": expected a finite number, received NaN'],
    [
      'constraints without objectives',
      { tuner: { name: 'TPE' }, constraints: [{ name: 'latency', max: 3 }] },
      'constraints need objectives: name the metrics to search in "objectives" (a list of { name, direction }), then bound metrics in "constraints" (at "objectives")',
    ],
    [
      'several objectives with a single-objective tuner',
      { tuner: { name: 'RegularizedEvolution' }, objectives },
      'the tuner RegularizedEvolution searches one value, not 2 objectives; the tuners that search several are Random, GridSearch, TPE, LocalSearch, Batch, NSGA2 (at "tuner/name")',
    ],
    [
      'a tuner direction that disagrees with the first objective',
      { tuner: { name: 'NSGA2', classArgs: { optimize_mode: 'minimize' } }, objectives },
      'the tuner\'s direction "minimize" disagrees with the first objective\'s ("default": "maximize"): give the direction in the objectives only (at "tuner/classArgs/optimize_mode")',
    ],
  ])('refuses %s', (_what, extra, message) => {
    expect(messageOf({ ...base, ...extra })).toBe(message);
  });

  it('names the line of the mistake in YAML', () => {
    const yaml = `
searchSpace: { x: { _type: choice, _value: [1, 2] } }
trialCommand: node trial.js
trialConcurrency: 1
tuner: { name: NSGA2 }
objectives:
  - { name: acc, direction: maximize }
constraints:
  - { name: latency, min: 9, max: 1 }
`;
    expect(messageOf(yaml)).toBe('the constraint on "latency" has min 9 above max 1: no value meets it (at "constraints[0]/min") (line 9, column 22)');
  });

  it('refuses NSGA2 options it cannot take, naming the key as written', () => {
    expect(messageOf({ ...base, tuner: { name: 'NSGA2', classArgs: { population_size: 1 } }, objectives })).toBe(
      'invalid-value at "tuner/classArgs/population_size": expected an integer ≥ 2, received 1',
    );
    expect(messageOf({ ...base, tuner: { name: 'NSGA2', classArgs: { populaton_size: 10 } }, objectives })).toContain('(did you mean "population_size"?)');
  });
});

describe('random objectives and constraints', () => {
  const name = fc.oneof(fc.constantFrom('default', 'flops', '__proto__', 'constructor', ''), fc.string({ maxLength: 5 }));
  const value = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constantFrom(Infinity, NaN, null, 'x'), fc.double());
  const objective = fc.oneof(fc.record({ name, direction: fc.constantFrom('maximize', 'minimize', 'up') }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 1 }));
  const constraint = fc.oneof(fc.record({ name, min: value, max: value }, { requiredKeys: [] }), fc.jsonValue({ maxDepth: 1 }));
  const list = <T>(item: fc.Arbitrary<T>) => fc.oneof(fc.constant(undefined), fc.array(item, { maxLength: 3 }), fc.jsonValue({ maxDepth: 1 }));

  it('are accepted only as search() would take them, and refused only with a ConfigError', () => {
    fc.assert(
      fc.property(list(objective), list(constraint), fc.constantFrom('NSGA2', 'TPE', 'RegularizedEvolution'), (objectives, constraints, tuner) => {
        let config;
        try {
          config = parseExperimentConfig({ ...base, tuner: { name: tuner }, objectives, constraints }, { baseDir });
        } catch (error) {
          expect(error).toBeInstanceOf(ConfigError);
          return;
        }
        if (config.objectives === undefined) {
          expect(config.constraints).toBeUndefined();
          return;
        }
        expect(() => checkObjectives(config.objectives!, config.constraints ?? [])).not.toThrow();
        expect(config.tuner!.classArgs.direction).toBe(config.objectives[0]!.direction);
        expect(parseExperimentConfig(config, { baseDir })).toStrictEqual(config);
      }),
      { numRuns: 300 },
    );
  });
});
