/**
 * What a worker accepts from the queue and what the manager accepts back: any payload is either a
 * trial job or refused with the first wrong field named (never a throw), and any stored result is
 * either a trial result or an error exit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exitOfResult, trialJobDataProblem } from './trial-job.js';

const valid = {
  version: 1,
  experimentId: 'exp1',
  trialJobId: 'Ab12x',
  sequenceId: 3,
  command: 'python3 train.py',
  codeDirectory: '/code',
  parameters: { parameter_id: 3, parameter_source: 'algorithm', parameters: { lr: 0.1, constructor: 1 }, parameter_index: 0 },
  env: { CUDA_VISIBLE_DEVICES: '0' },
  maxRetries: 0,
};

const hostile = fc.oneof(
  fc.constantFrom(undefined, null, NaN, Infinity, -1, 1.5, '', 'x'.repeat(70), '__proto__', [], {}, { __proto__: { polluted: 1 } }, 2 ** 53 + 1, { length: Object.create(null) }),
  fc.anything(),
);

describe('trial job payloads', () => {
  it('accepts a well-formed payload', () => {
    expect(trialJobDataProblem(valid)).toBeUndefined();
  });

  it('refuses any field made hostile, naming it, and never throws', () => {
    const keys = [...Object.keys(valid), 'budget', 'timeoutMs', 'unexpected'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...keys), hostile, (key, value) => {
        const payload: Record<string, unknown> = { ...valid, [key]: value };
        const problem = trialJobDataProblem(payload);
        const stillValid = trialJobDataProblem(JSON.parse(JSON.stringify(payload)) as unknown) === undefined && problem === undefined;
        if (!stillValid) expect(problem).toMatch(new RegExp(`^(${key}|the payload|parameters|env)`));
      }),
      { numRuns: 2000 },
    );
    for (const key of ['trialJobId', 'command', 'maxRetries', 'parameters'] as const) {
      expect(trialJobDataProblem({ ...valid, [key]: undefined })).toMatch(new RegExp(`^${key}`));
    }
    expect(trialJobDataProblem({ ...valid, env: { 'BAD NAME': 'x' } })).toMatch(/^env/);
    expect(trialJobDataProblem('not an object')).toMatch(/^the payload/);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('trial job results', () => {
  it('reads a worker result, and turns anything else into an error exit', () => {
    const result = { exitCode: 0, signal: null, timedOut: false, killed: false, stdoutTail: 'out', stderrTail: '' };
    expect(exitOfResult(result)).toEqual({ exit: { exitCode: 0, signal: null, timedOut: false, killed: false }, stdoutTail: 'out', stderrTail: '' });
    expect(exitOfResult(JSON.stringify(result)).exit.exitCode).toBe(0);
    fc.assert(
      fc.property(fc.oneof(hostile, fc.string()), (value) => {
        const { exit } = exitOfResult(value);
        expect(typeof exit.killed).toBe('boolean');
      }),
      { numRuns: 1000 },
    );
    expect(exitOfResult('{').exit.error).toMatch(/not a trial result/);
  });
});
