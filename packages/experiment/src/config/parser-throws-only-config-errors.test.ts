import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { ConfigError } from './config-error.js';
import { parseExperimentConfig } from './parse-experiment-config.js';

/** Parses `input`; passes when it is accepted or refused with a ConfigError, fails on any other throw. */
function acceptedOrConfigError(input: unknown): void {
  try {
    parseExperimentConfig(input, { baseDir: '/tmp/fuzz' });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    expect(error.message.length).toBeGreaterThan(0);
    expect(Array.isArray(error.path)).toBe(true);
  }
}

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withNullPrototype: true,
  withObjectString: true,
  withSet: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

/** Mostly `valid`, now and then any value at all. */
const mostly = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ arbitrary: valid, weight: 15 }, { arbitrary: anything, weight: 1 });
/** Mostly absent. */
const rarely = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: value, weight: 1 });

const tunerNames = fc.constantFrom('Random', 'GridSearch', 'tpe', 'Evolution', 'RegularizedEvolution', 'Hyperband', 'BOHB', 'PolicyBasedRL', 'PPOTuner', 'LocalSearch', 'SMAC');
const optionKeys = fc.constantFrom(
  'optimize_mode', 'direction', 'seed', 'dedup', 'retries', 'shuffle', 'max_granularity', 'tpe_args', 'n_startup_jobs', 'gamma', 'constant_liar_type',
  'population_size', 'sample_size', 'mutation_prob', 'R', 'eta', 'min_budget', 'max_budget', 'exec_mode', 'iterations', 'top_n_percent', 'lr',
  'reward_for_invalid', 'epoch_num', 'start_step', 'threshold', 'gap', 'unknown_option',
);
const optionValues = fc.oneof(
  { arbitrary: fc.integer({ min: -2, max: 120 }), weight: 4 },
  { arbitrary: fc.double({ min: -1, max: 2 }), weight: 2 },
  { arbitrary: fc.constantFrom('maximize', 'minimize', 'parallelism', 'serial', 'best', true, false, null), weight: 3 },
  { arbitrary: fc.dictionary(optionKeys, fc.integer({ min: -1, max: 30 }), { maxKeys: 2 }), weight: 1 },
  { arbitrary: anything, weight: 1 },
);
const classArgs = mostly(fc.dictionary(optionKeys, optionValues, { maxKeys: 4 }));
const bound = fc.oneof(fc.integer({ min: -3, max: 10 }), fc.double({ min: -1, max: 10 }), anything);
const parameter = fc.oneof(
  fc.record({ _type: fc.constant('choice'), _value: fc.array(fc.oneof(fc.integer(), fc.string(), fc.boolean(), anything), { maxLength: 4 }) }),
  fc.record({
    _type: fc.constantFrom('randint', 'uniform', 'quniform', 'loguniform', 'qloguniform', 'normal', 'qnormal', 'lognormal', 'qlognormal', 'bogus'),
    _value: fc.array(bound, { minLength: 1, maxLength: 4 }),
  }),
  anything,
);
const validSpaces = fc.constantFrom(
  { x: { _type: 'choice', _value: ['a', 'b'] } },
  { lr: { _type: 'loguniform', _value: [0.001, 0.1] }, k: { _type: 'randint', _value: [1, 9] } },
  { opt: { _type: 'choice', _value: [{ _name: 'sgd', momentum: { _type: 'uniform', _value: [0, 1] } }, { _name: 'adam' }] } },
);
const searchSpaces = mostly(
  fc.oneof({ arbitrary: validSpaces, weight: 4 }, { arbitrary: fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), parameter, { minKeys: 1, maxKeys: 3 }), weight: 1 }),
);

/** Configs near the valid ones, so that the parser gets past the first key and into every later check. */
const nearlyValid = fc.record({
  searchSpace: searchSpaces,
  searchSpaceFile: rarely(rarely(mostly(fc.constant('/nonexistent/space.json')))),
  trialCommand: mostly(fc.constant('node trial.js')),
  trialConcurrency: mostly(fc.integer({ min: 1, max: 8 })),
  maxTrialNumber: rarely(mostly(fc.integer({ min: -1, max: 8 }))),
  maxExperimentDuration: rarely(mostly(fc.constantFrom('1h', '1.5h', '0s', '10 minutes', 30, -1))),
  tuner: mostly(fc.record({ name: tunerNames, classArgs: rarely(classArgs) }, { requiredKeys: ['name'] })),
  advisor: rarely(rarely(fc.record({ name: tunerNames, classArgs }))),
  assessor: rarely(mostly(fc.record({ name: fc.constantFrom('Medianstop', 'Curvefitting', 'Other'), classArgs }, { requiredKeys: ['name'] }))),
  trainingService: rarely(
    mostly(
      fc.record(
        { platform: mostly(fc.constantFrom('local', 'remote')), gpuIndices: mostly(fc.constantFrom(0, [1, 2], '0,1', '1,x', -1)), useActiveGpu: mostly(fc.boolean()) },
        { requiredKeys: [] },
      ),
    ),
  ),
  experimentType: rarely(mostly(fc.constantFrom('hpo', 'nas'))),
  seed: rarely(mostly(fc.oneof(fc.integer(), fc.string()))),
  logLevel: rarely(mostly(fc.constantFrom('info', 'debug', 'loud'))),
  debug: rarely(mostly(fc.boolean())),
  experimentWorkingDirectory: rarely(mostly(fc.constantFrom('~/x', 'relative', '/abs'))),
});

describe('parseExperimentConfig throws nothing but ConfigError', () => {
  it('for any value', () => {
    fc.assert(fc.property(anything, acceptedOrConfigError), { numRuns: 500 });
  });

  it('for any text, JSON text and YAML text', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), acceptedOrConfigError), { numRuns: 300 });
    fc.assert(fc.property(fc.json(), acceptedOrConfigError), { numRuns: 300 });
    fc.assert(
      fc.property(nearlyValid, (config) => {
        let text: string;
        try {
          text = stringify(config);
        } catch {
          return; // not representable as YAML (a BigInt, say): nothing to parse
        }
        acceptedOrConfigError(text);
      }),
      { numRuns: 300 },
    );
  });

  it('for configs that are nearly valid, deep into tuners, assessors, search spaces and platforms', () => {
    fc.assert(fc.property(nearlyValid, acceptedOrConfigError), { numRuns: 1000 });
  });
});

/** Brackets and block indicators nested up to thousands deep, closed or not. */
const deeplyNested = fc
  .record({
    depth: fc.integer({ min: 1, max: 5000 }),
    open: fc.constantFrom('[', '{"a": ', '{a: ', '- ', '[[', '? '),
    closed: fc.boolean(),
    leaf: fc.constantFrom('1', '', '*a', '&a 1', '"x"'),
  })
  .map(({ depth, open, closed, leaf }) => {
    const close = open.startsWith('[') ? ']'.repeat(open.length) : open.startsWith('{') ? '}' : '';
    return `searchSpace:\n  x: ${open.repeat(depth)}${leaf}${closed ? close.repeat(depth) : ''}\n`;
  });

/** "Billion laughs": levels of anchors, each aliasing the one below `fanOut` times. */
const aliasBomb = fc
  .record({ levels: fc.integer({ min: 1, max: 30 }), fanOut: fc.integer({ min: 1, max: 20 }), selfReference: fc.boolean(), leaf: fc.constantFrom('lol', '"a long string of text"', '[1, 2, 3]') })
  .map(({ levels, fanOut, selfReference, leaf }) => {
    const lines = [`l0: &l0 ${leaf}`];
    for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array.from({ length: fanOut }, () => `*l${i - 1}`).join(', ')}${selfReference && i === levels - 1 ? `, *l${i}` : ''}]`);
    return `${lines.join('\n')}\nsearchSpace: {x: {_type: choice, _value: [*l${levels - 1}]}}\n`;
  });

/** Text made of YAML's structural pieces, anchors and aliases in any order. */
const yamlPieces = fc
  .array(fc.constantFrom('[', ']', '{', '}', ',', ': ', '- ', '\n', '  ', '&a ', '&b ', '*a', '*b', 'x', '1', '"s"', '? ', '---\n', '#c\n', '!!str '), { maxLength: 400 })
  .map((pieces) => pieces.join(''));

/** Small limits, so that fuzzed inputs reach every limit. */
const smallLimits = fc.record({ maxBytes: fc.integer({ min: 1, max: 4000 }), maxDepth: fc.integer({ min: 1, max: 12 }), maxExpandedNodes: fc.integer({ min: 1, max: 300 }) }, { requiredKeys: [] });

/** Objects nested deep, shared many times over, or holding themselves. */
const hostileObject = fc.record({ depth: fc.integer({ min: 1, max: 20_000 }), share: fc.integer({ min: 0, max: 40 }), cycle: fc.boolean() }).map(({ depth, share, cycle }) => {
  const deep: unknown[] = [];
  let inner = deep;
  for (let i = 1; i < depth; i++) inner.push((inner = []));
  let shared: unknown = [1, 2];
  for (let i = 0; i < share; i++) shared = [shared, shared];
  const space: Record<string, unknown> = { deep: { _type: 'choice', _value: [deep] }, shared: { _type: 'choice', _value: [shared] } };
  if (cycle) inner.push(space);
  return { searchSpace: space, trialCommand: 'node trial.js', trialConcurrency: 1, tuner: { name: 'Random' } };
});

describe('parseExperimentConfig throws nothing but ConfigError for hostile input', () => {
  it('for deep nesting, alias bombs and any arrangement of YAML pieces', () => {
    fc.assert(fc.property(deeplyNested, acceptedOrConfigError), { numRuns: 100 });
    fc.assert(fc.property(aliasBomb, acceptedOrConfigError), { numRuns: 100 });
    fc.assert(fc.property(yamlPieces, acceptedOrConfigError), { numRuns: 500 });
  });

  it('for objects nested deep, shared exponentially often, or holding themselves', () => {
    fc.assert(fc.property(hostileObject, acceptedOrConfigError), { numRuns: 60 });
  });

  it('under any limits', () => {
    const asJson = (config: unknown): string => {
      try {
        return JSON.stringify(config) ?? '';
      } catch {
        return ''; // a BigInt has no JSON form
      }
    };
    const input = fc.oneof(deeplyNested, aliasBomb, yamlPieces, nearlyValid.map(asJson));
    fc.assert(
      fc.property(input, smallLimits, (text, limits) => {
        try {
          parseExperimentConfig(text, { baseDir: '/tmp/fuzz', limits });
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('every config the parser accepts is a fixed point once canonical', () => {
  it('parsing the canonical config again (as an object or as JSON text) gives it back', () => {
    let accepted = 0;
    fc.assert(
      fc.property(nearlyValid, (input) => {
        let canonical;
        try {
          canonical = parseExperimentConfig(input, { baseDir: '/tmp/fuzz' });
        } catch (error) {
          if (error instanceof ConfigError) return;
          throw error;
        }
        accepted++;
        expect(parseExperimentConfig(canonical, { baseDir: '/elsewhere' })).toStrictEqual(canonical);
        expect(parseExperimentConfig(JSON.stringify(canonical))).toStrictEqual(canonical);
      }),
      { numRuns: 500 },
    );
    expect(accepted).toBeGreaterThan(50);
  });
});
