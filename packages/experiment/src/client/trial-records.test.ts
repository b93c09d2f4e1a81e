import { describe, expect, it } from 'vitest';
import { decodeHyperParameters, decodeMetric, decodeMetricRecord, decodeTrialJob, decodeTrialResult } from './trial-records.js';

describe('decoding the wire shapes', () => {
  it('decodes double-encoded metric data and single-encoded exported values alike', () => {
    expect(decodeMetric(JSON.stringify(JSON.stringify(0.93)))).toBe(0.93);
    expect(decodeMetric(JSON.stringify(JSON.stringify({ default: 0.9, loss: 2 })))).toEqual({ default: 0.9, loss: 2 });
    expect(decodeMetric(JSON.stringify(0.93))).toBe(0.93);
    expect(decodeMetric('{"default":1}')).toEqual({ default: 1 });
  });

  it('refuses data that is not JSON with malformed-response', () => {
    expect(() => decodeMetric('not json')).toThrow(expect.objectContaining({ code: 'malformed-response' }));
    expect(() => decodeMetric(12)).toThrow(expect.objectContaining({ code: 'malformed-response' }));
    expect(() => decodeHyperParameters('{"parameters": 3}')).toThrow(expect.objectContaining({ code: 'malformed-response' }));
  });

  it('maps snake_case hyper-parameters to camelCase', () => {
    expect(decodeHyperParameters('{"parameter_id":7,"parameter_source":"customized","parameters":{"a":1},"parameter_index":2}')).toEqual({
      parameterId: 7,
      parameterSource: 'customized',
      parameters: { a: 1 },
      parameterIndex: 2,
    });
  });

  it('decodes a metric record, a trial job and an exported trial', () => {
    const record = { timestamp: 5, trialJobId: 't', parameterId: '3', type: 'FINAL', sequence: 0, data: JSON.stringify(JSON.stringify(0.5)) } as const;
    expect(decodeMetricRecord(record)).toEqual({ timestamp: 5, trialJobId: 't', parameterId: 3, type: 'FINAL', sequence: 0, data: 0.5 });
    const job = decodeTrialJob({ trialJobId: 't', sequenceId: 0, status: 'WAITING', hyperParameters: [] });
    expect(job).toMatchObject({ trialJobId: 't', hyperParameters: [], finalMetricData: [], parameterIndex: undefined, logPath: undefined });
    expect(decodeTrialResult({ parameter: { a: 1 }, value: '{"default":0.7}', trialJobId: 't' })).toEqual({ parameter: { a: 1 }, value: { default: 0.7 }, trialJobId: 't' });
  });
});
