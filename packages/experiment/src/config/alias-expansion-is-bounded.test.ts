import { describe, expect, it } from 'vitest';
import { ConfigError } from './config-error.js';
import { parseExperimentConfig } from './parse-experiment-config.js';
import { errorThrownBy } from './test-support/error-thrown-by.js';

const header = 'trialCommand: python3 train.py\ntrialConcurrency: 1\ntuner: { name: Random }\n';

const configErrorOf = (text: string): ConfigError => errorThrownBy(() => parseExperimentConfig(text, { baseDir: '/tmp' }), ConfigError);

/**
 * The tester's case, rebuilt: 100 anchored strings of 833 control characters (5,000 bytes of JSON
 * escapes each), each aliased 99 times. The `yaml` package's `maxAliasCount` allows it — no anchor is
 * used more than 100 times — and before the fix the config was accepted: 550 KB of text stood for a
 * search space of 8.3 million characters, 50 million once written as JSON.
 */
function manyAliasedStrings(): string {
  const anchors: string[] = [];
  const uses: string[] = [];
  for (let k = 0; k < 100; k++) {
    anchors.push(`&a${k} "${k}${'\\u0001'.repeat(833)}"`);
    uses.push(`[${Array.from({ length: 99 }, () => `*a${k}`).join(',')}]`);
  }
  return `${header}searchSpace:\n  anchors: {_type: choice, _value: [${anchors.join(',')}]}\n  x: {_type: choice, _value: [${uses.join(',')}]}\n`;
}

describe('YAML aliases may not expand a config past its limits', () => {
  it('refuses 550 KB of aliases that stand for 8 million characters, saying how large it would be', () => {
    const text = manyAliasedStrings();
    expect(text.length).toBeGreaterThan(500_000);
    expect(text.length).toBeLessThan(600_000);
    const error = configErrorOf(text);
    expect(error.code).toBe('config-too-large');
    const size = Number(/holds (\d+) characters of text once its aliases are expanded/.exec(error.message)?.[1]);
    expect(size).toBeGreaterThan(8_000_000);
    expect(error.message).toContain('limits.maxBytes');
  });

  it('refuses many aliases of one large flat anchor (yaml counts aliases, not their size)', () => {
    const text = `${header}experimentName: x\nsearchSpace:\n  a: {_type: choice, _value: &big [${Array.from({ length: 20_000 }, (_, i) => i).join(',')}]}\n  b: {_type: choice, _value: [${Array.from({ length: 90 }, () => '*big').join(',')}]}\n`;
    const error = configErrorOf(text);
    expect(error.code).toBe('config-too-large');
    expect(error.message).toMatch(/holds 18\d{5} values once its aliases are expanded/);
    expect(error.message).toContain('limits.maxExpandedNodes (now 100000)');
  });

  it('refuses a "billion laughs" document in time proportional to its text', () => {
    const levels = [`l0: &l0 [${Array.from({ length: 10 }, () => 'lol').join(',')}]`];
    for (let i = 1; i < 10; i++) levels.push(`l${i}: &l${i} [${Array.from({ length: 10 }, () => `*l${i - 1}`).join(',')}]`);
    const error = configErrorOf(`${header}${levels.join('\n')}\n`);
    expect(error.code).toBe('config-too-large');
    // Level 9 alone stands for 11,111,111,111 values (each level: itself and ten of the level below).
    expect(Number(/holds (\d+) values/.exec(error.message)?.[1])).toBeGreaterThan(11_111_111_111);
  });

  it('refuses an alias inside the node its anchor marks, at the alias', () => {
    const error = configErrorOf(`${header}searchSpace: &s\n  x: {_type: choice, _value: [*s]}\n`);
    expect(error.code).toBe('config-too-large');
    expect(error.message).toContain('*s is inside the node its anchor &s marks');
    expect(error.location?.line).toBe(5);
  });

  it('reads aliases within the limits as copies of what their anchor marks', () => {
    const text = `${header}searchSpace:\n  a: &spec {_type: choice, _value: [1, 2]}\n  b: *spec\n  c: {_type: choice, _value: [&one 1, *one, 3]}\n`;
    expect(configErrorOf(text).code).toBe('duplicate-value');
    const config = parseExperimentConfig(text.replace('*one, 3', '2, 3'));
    expect(config.searchSpace).toEqual({ a: { _type: 'choice', _value: [1, 2] }, b: { _type: 'choice', _value: [1, 2] }, c: { _type: 'choice', _value: [1, 2, 3] } });
    expect(config.searchSpace!.a).not.toBe(config.searchSpace!.b);
  });

  it('resolves an alias to the last anchor of its name before it, as YAML does', () => {
    const text = `${header}searchSpace:\n  a: {_type: choice, _value: [&v 1, 2]}\n  b: {_type: choice, _value: [&v 3, *v]}\n`;
    expect(configErrorOf(text).code).toBe('duplicate-value');
    const config = parseExperimentConfig(`${header}searchSpace:\n  a: {_type: choice, _value: [&v 1, 2]}\n  b: {_type: choice, _value: [&v 3, 4]}\n  c: {_type: choice, _value: [*v, 5]}\n`);
    expect(config.searchSpace!.c).toEqual({ _type: 'choice', _value: [3, 5] });
  });

  it('accepts many distinct aliases (the yaml package alone takes quadratic time over them)', () => {
    const values = Array.from({ length: 1000 }, (_, i) => `[&a${i} ${i}, *a${i}]`).join(',');
    const config = parseExperimentConfig(`${header}searchSpace:\n  x: {_type: choice, _value: [${values}]}\n`);
    expect((config.searchSpace!.x as { _value: unknown[] })._value[999]).toEqual([999, 999]);
  });

  it('still refuses an alias with no anchor before it', () => {
    expect(configErrorOf(`${header}experimentName: *nowhere\n`).code).toBe('config-syntax');
  });
});
