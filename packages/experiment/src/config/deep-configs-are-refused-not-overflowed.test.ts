import { Parser } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseExperimentConfig } from './parse-experiment-config.js';
import { errorThrownBy } from './test-support/error-thrown-by.js';
import { firstTooDeepOffset } from './yaml-nesting-depth.js';
import { takeTokenCensus } from './yaml-token-census.js';

const header = 'trialCommand: python3 train.py\ntrialConcurrency: 1\ntuner: { name: Random }\n';

const configErrorOf = (input: unknown, limits: { maxDepth?: number } = {}): ConfigError =>
  errorThrownBy(() => parseExperimentConfig(input, { baseDir: '/tmp', limits }), ConfigError);

/** A search space whose choice holds one value nested `depth` lists deep. */
const spaceWithNestedValue = (depth: number) => `searchSpace: {"x": {"_type": "choice", "_value": [${'['.repeat(depth)}${']'.repeat(depth)}]}}\n`;

/** `depth` nested arrays, built without recursion. */
function nestedArrays(depth: number): unknown[] {
  const outer: unknown[] = [];
  let inner = outer;
  for (let i = 1; i < depth; i++) {
    const next: unknown[] = [];
    inner.push(next);
    inner = next;
  }
  return outer;
}

describe('the yaml parser and lexer do not recurse', () => {
  it('parse 100,000-deep brackets, and the depth walk finds the first level too deep', () => {
    const text = '['.repeat(100_000) + ']'.repeat(100_000);
    const tokens = [...new Parser().parse(text)];
    expect(firstTooDeepOffset(tokens, 100_000)).toBeUndefined();
    expect(firstTooDeepOffset(tokens, 64)).toBe(64);
    expect(takeTokenCensus(text, 64).tooDeepOffset).toBe(64);
  });

  it('measure block nesting, which has no brackets, on the syntax tree', () => {
    const text = Array.from({ length: 10 }, (_, i) => `${' '.repeat(2 * i)}k${i}:`).join('\n') + ' leaf\n';
    const tokens = [...new Parser().parse(text)];
    expect(firstTooDeepOffset(tokens, 10)).toBeUndefined();
    expect(firstTooDeepOffset(tokens, 9)).toBe(text.indexOf('k9'));
    expect(takeTokenCensus(text, 9).tooDeepOffset).toBeUndefined();
  });
});

describe('a config nested deeper than limits.maxDepth is refused with config-too-deep', () => {
  it('3,000-deep JSON (it gave "Maximum call stack size exceeded"), located at the first level too deep', () => {
    const text = header + spaceWithNestedValue(3000);
    const error = configErrorOf(text);
    expect(error.code).toBe('config-too-deep');
    expect(error.message).toContain('more than 64 deep');
    expect(error.message).toContain('limits.maxDepth');
    expect(error.location?.line).toBe(4);
  });

  it('100,000-deep brackets, and 100,000 unclosed ones', () => {
    expect(configErrorOf('['.repeat(100_000) + ']'.repeat(100_000)).code).toBe('config-too-deep');
    expect(configErrorOf(header + 'searchSpace: ' + '['.repeat(100_000)).code).toBe('config-too-deep');
  });

  it('deep block YAML: compact "- - -" sequences and indented mappings', () => {
    expect(configErrorOf(header + 'searchSpace:\n  x:\n    ' + '- '.repeat(5000) + '1\n').code).toBe('config-too-deep');
    const indented = Array.from({ length: 200 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(configErrorOf(header + 'searchSpace:\n' + indented.replace(/^/gm, '  ') + ' 1\n').code).toBe('config-too-deep');
  });

  it('counts depth as nested lists and mappings: exactly the limit passes', () => {
    // The config mapping, searchSpace, x, _value and the value's lists: 4 + lists deep.
    const withLists = (lists: number) => header + spaceWithNestedValue(lists);
    expect(parseExperimentConfig(withLists(6), { limits: { maxDepth: 10 } }).searchSpace).toBeDefined();
    expect(configErrorOf(withLists(7), { maxDepth: 10 }).code).toBe('config-too-deep');
  });

  it('allows no limit above 256, and every step after the check handles that depth', () => {
    expect(configErrorOf(header, { maxDepth: 257 }).path).toEqual(['limits', 'maxDepth']);
    const limits = { maxDepth: 256 };
    expect(parseExperimentConfig(header + spaceWithNestedValue(252), { limits }).searchSpace).toBeDefined();
    const block = `${header}searchSpace:\n  x:\n    _type: choice\n    _value:\n      ${'- '.repeat(252)}1\n`;
    expect(parseExperimentConfig(block, { limits }).searchSpace).toBeDefined();
    const asObject = { trialCommand: 'x', trialConcurrency: 1, tuner: { name: 'Random' }, searchSpace: { x: { _type: 'choice', _value: [nestedArrays(252)] } } };
    expect(parseExperimentConfig(asObject, { limits }).searchSpace).toBeDefined();
    expect(configErrorOf({ ...asObject, searchSpace: { x: { _type: 'choice', _value: [nestedArrays(253)] } } }, limits).code).toBe('config-too-deep');
  });

  it('counts the depth aliases add', () => {
    const deep = `${'['.repeat(30)}1${']'.repeat(30)}`;
    const text = `${header}experimentName: x\nsearchSpace:\n  a: { _type: choice, _value: [&deep ${deep}] }\n  b: { _type: choice, _value: [[[[[[[[[[*deep]]]]]]]]]] }\n`;
    const error = configErrorOf(text, { maxDepth: 40 });
    expect(error.code).toBe('config-too-deep');
    expect(error.message).toContain('once its aliases are expanded');
  });

  it('holds a config given as an object to the same limit, without recursion', () => {
    const error = configErrorOf({ trialCommand: 'x', trialConcurrency: 1, tuner: { name: 'Random' }, searchSpace: { x: { _type: 'choice', _value: [nestedArrays(100_000)] } } });
    expect(error.code).toBe('config-too-deep');
  });

  it('refuses an object that contains itself, which has no JSON form', () => {
    const space: Record<string, unknown> = { x: { _type: 'choice', _value: [1, 2] } };
    space.self = space;
    const error = configErrorOf({ trialCommand: 'x', trialConcurrency: 1, tuner: { name: 'Random' }, searchSpace: space });
    expect(error.code).toBe('invalid-value');
    expect(error.message).toContain('contains itself');
  });
});
