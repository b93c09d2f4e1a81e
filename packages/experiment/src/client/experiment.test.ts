import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRestServer, type RestServer } from '../rest/rest-server.js';
import { FakeManager } from '../rest/test-support/fake-manager.js';
import { ExperimentClientError } from './client-error.js';
import { Experiment } from './experiment.js';

let manager: FakeManager;
let server: RestServer;
let exp: Experiment;

beforeEach(async () => {
  manager = new FakeManager();
  server = await startRestServer(manager);
  exp = await Experiment.connect(server.url);
});
afterEach(() => server.close());

describe('Experiment reads', () => {
  it('connects by URL or by port', async () => {
    expect(exp.endpoint).toBe(server.url);
    const byPort = await Experiment.connect(server.port);
    expect(byPort.endpoint).toBe(`http://127.0.0.1:${server.port}`);
    expect(await byPort.getStatus()).toBe('RUNNING');
  });

  it('getExperimentStatus / getStatus', async () => {
    expect(await exp.getExperimentStatus()).toEqual({ status: 'RUNNING', errors: [] });
    manager.experimentStatus = 'DONE';
    expect(await exp.getStatus()).toBe('DONE');
  });

  it('getExperimentProfile and getVersion', async () => {
    expect(await exp.getExperimentProfile()).toEqual(manager.profile());
    expect(await exp.getVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('getJobStatistics', async () => {
    expect(await exp.getJobStatistics()).toEqual(manager.jobStatistics());
  });

  it('listTrialJobs decodes hyper-parameters and final metrics', async () => {
    const trials = await exp.listTrialJobs();
    expect(trials.map((t) => t.trialJobId)).toEqual(['trialA', 'trialB', 'trialC', 'trialD']);
    const b = trials[1]!;
    expect(b).toMatchObject({
      trialJobId: 'trialB',
      sequenceId: 1,
      status: 'SUCCEEDED',
      parameterIndex: 0,
      hyperParameters: [{ parameterId: 1, parameterSource: 'algorithm', parameters: { lr: 0.1, optimizer: 'sgd' }, parameterIndex: 0 }],
      finalMetricData: [{ trialJobId: 'trialB', parameterId: 1, type: 'FINAL', sequence: 0, data: { default: 0.6, loss: 1.2 } }],
      logPath: '/tmp/archspace/exp0001/trials/trialB',
      message: undefined,
    });
    expect(trials[3]).toMatchObject({ status: 'FAILED', message: 'exit code 1', stderrPath: '/tmp/archspace/exp0001/trials/trialD/stderr', finalMetricData: [] });
    expect((await exp.listTrialJobs('RUNNING')).map((t) => t.trialJobId)).toEqual(['trialC']);
  });

  it('getTrialJob, and a 404 for an unknown id', async () => {
    const a = await exp.getTrialJob('trialA');
    expect(a.finalMetricData[0]?.data).toBe(0.8);
    expect(a.startTime).toBe(1_700_000_000_000);
    expect(a.endTime).toBe(1_700_000_000_500);
    const error = await exp.getTrialJob('nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExperimentClientError);
    expect(error).toMatchObject({ status: 404, code: 'unknown-trial', path: ['trialJobId'] });
  });

  it('getJobMetrics groups every metric by trial, decoded', async () => {
    const all = await exp.getJobMetrics();
    expect(Object.keys(all)).toEqual(['trialA', 'trialB', 'trialC']);
    expect(all['trialA']!.map((m) => [m.type, m.sequence, m.data])).toEqual([
      ['PERIODICAL', 0, 0.5],
      ['PERIODICAL', 1, 0.7],
      ['FINAL', 0, 0.8],
    ]);
    expect(all['trialB']!.at(-1)!.data).toEqual({ default: 0.6, loss: 1.2 });
    const c = await exp.getJobMetrics('trialC');
    expect(Object.keys(c)).toEqual(['trialC']);
    expect(c['trialC']!.map((m) => m.data)).toEqual([0.3, 0.45, 0.5]);
    expect(c['trialC']![0]).toEqual({ timestamp: 1_700_000_002_001, trialJobId: 'trialC', parameterId: 2, type: 'PERIODICAL', sequence: 0, data: 0.3 });
    expect(Object.keys(await exp.getJobMetrics('trialD'))).toEqual([]);
  });

  it('exportData gives TrialResults with decoded values', async () => {
    expect(await exp.exportData()).toEqual([
      { parameter: { lr: 0.01, optimizer: 'adam' }, value: 0.8, trialJobId: 'trialA' },
      { parameter: { lr: 0.1, optimizer: 'sgd' }, value: { default: 0.6, loss: 1.2 }, trialJobId: 'trialB' },
    ]);
  });

  it('getParetoFront gives the front the server computes', async () => {
    expect(await exp.getParetoFront()).toEqual(manager.paretoFront());
    expect((await exp.getParetoFront()).trials.map((t) => t.trialJobId)).toEqual(['trialA']);
  });

  it('getTrialFile reads a trial file as text', async () => {
    expect(await exp.getTrialFile('trialA', 'stdout')).toBe('hello from trialA\n');
    await expect(exp.getTrialFile('trialA', 'stderr')).rejects.toMatchObject({ status: 404, code: 'file-not-found' });
  });
});

describe('Experiment updates', () => {
  it('updateConcurrency', async () => {
    await exp.updateConcurrency(5);
    expect(manager.updates.map((u) => u.type)).toEqual(['TRIAL_CONCURRENCY']);
    expect(manager.profile().params['trialConcurrency']).toBe(5);
  });

  it('updateDuration takes a unit string or seconds, and refuses nonsense before sending', async () => {
    await exp.updateDuration('90m');
    expect(manager.profile().params['maxExperimentDuration']).toBe('90m');
    await exp.updateDuration(3600);
    expect(manager.profile().params['maxExperimentDuration']).toBe(3600);
    await expect(exp.updateDuration('soon')).rejects.toMatchObject({ code: 'invalid-duration' });
    expect(manager.updates).toHaveLength(2);
  });

  it('updateSearchSpace takes an object or a JSON/YAML file', async () => {
    await exp.updateSearchSpace({ lr: { _type: 'choice', _value: [0.1, 0.01] } });
    expect(manager.profile().params['searchSpace']).toEqual({ lr: { _type: 'choice', _value: [0.1, 0.01] } });
    const dir = mkdtempSync(join(tmpdir(), 'archspace-client-'));
    writeFileSync(join(dir, 'space.json'), JSON.stringify({ bs: { _type: 'choice', _value: [16, 32] } }));
    await exp.updateSearchSpace(join(dir, 'space.json'));
    expect(manager.profile().params['searchSpace']).toEqual({ bs: { _type: 'choice', _value: [16, 32] } });
    writeFileSync(join(dir, 'space.yaml'), 'dropout:\n  _type: uniform\n  _value: [0, 0.5]\n');
    await exp.updateSearchSpace(join(dir, 'space.yaml'));
    expect(manager.profile().params['searchSpace']).toEqual({ dropout: { _type: 'uniform', _value: [0, 0.5] } });
    writeFileSync(join(dir, 'bad.json'), '[1,2]');
    await expect(exp.updateSearchSpace(join(dir, 'bad.json'))).rejects.toMatchObject({ code: 'invalid-search-space' });
    writeFileSync(join(dir, 'broken.json'), '{');
    await expect(exp.updateSearchSpace(join(dir, 'broken.json'))).rejects.toMatchObject({ code: 'config-syntax', message: expect.stringContaining('broken.json') });
    // Read as a config's searchSpaceFile is: what a file that is no search space holds is never echoed.
    writeFileSync(join(dir, 'secret.txt'), 'root:x:0:0:the-secret-line');
    const refused = exp.updateSearchSpace(join(dir, 'secret.txt'));
    await expect(refused).rejects.toMatchObject({ code: 'invalid-search-space' });
    await expect(refused).rejects.not.toMatchObject({ message: expect.stringContaining('the-secret-line') });
  });

  it('updateMaxTrialNumber and its seed alias updateTrialNum', async () => {
    await exp.updateMaxTrialNumber(20);
    expect(manager.profile().params['maxTrialNumber']).toBe(20);
    await exp.updateTrialNum(30);
    expect(manager.profile().params['maxTrialNumber']).toBe(30);
    await expect(exp.updateMaxTrialNumber(0)).rejects.toMatchObject({ code: 'invalid-value' });
  });

  it('an update the server refuses rejects with its code', async () => {
    manager.readOnly = true;
    await expect(exp.updateConcurrency(4)).rejects.toMatchObject({ status: 409, code: 'read-only-store' });
  });

  it('addCustomizedTrial and cancelTrialJob', async () => {
    expect(await exp.addCustomizedTrial({ lr: 0.2, optimizer: 'sgd' })).toBe(4);
    expect((await exp.getTrialJob('custom4')).hyperParameters[0]?.parameters).toEqual({ lr: 0.2, optimizer: 'sgd' });
    await exp.cancelTrialJob('custom4');
    expect((await exp.getTrialJob('custom4')).status).toBe('USER_CANCELED');
    await expect(exp.cancelTrialJob('trialA')).rejects.toMatchObject({ status: 409, code: 'wrong-status' });
  });

  it('stop and stopExperiment stop the experiment', async () => {
    await exp.stop();
    expect(manager.stopped).toBe(true);
    expect(await exp.getStatus()).toBe('STOPPED');
    await exp.stopExperiment();
  });

  it('waitUntilDone polls until an end status', async () => {
    setTimeout(() => (manager.experimentStatus = 'DONE'), 60);
    expect(await exp.waitUntilDone({ pollIntervalMs: 10 })).toBe('DONE');
    manager.experimentStatus = 'ERROR';
    expect(await exp.waitUntilDone({ pollIntervalMs: 10 })).toBe('ERROR');
  });
});

describe('Experiment with a token', () => {
  it('sends the token, and a wrong token fails at connect with 401', async () => {
    const secured = await startRestServer(new FakeManager(), { host: '0.0.0.0', token: 'tok-123' });
    try {
      const ok = await Experiment.connect(secured.url, { token: 'tok-123' });
      expect((await ok.listTrialJobs()).length).toBe(4);
      await expect(Experiment.connect(secured.url, { token: 'wrong', readyTimeoutMs: 2000 })).rejects.toMatchObject({ status: 401, code: 'unauthorized' });
      await expect(new Experiment(secured.url).getStatus()).rejects.toMatchObject({ status: 401 });
    } finally {
      await secured.close();
    }
  });
});

describe('Experiment against a prefixed server', () => {
  it('uses the prefix of the URL it is given', async () => {
    const prefixed = await startRestServer(new FakeManager(), { urlPrefix: 'lab/nni' });
    try {
      const e = await Experiment.connect(prefixed.url);
      expect(await e.getStatus()).toBe('RUNNING');
      const viaApiUrl = new Experiment(`${prefixed.url}/api/v1/nni/`);
      expect(viaApiUrl.endpoint).toBe(prefixed.url);
      expect(await viaApiUrl.getStatus()).toBe('RUNNING');
    } finally {
      await prefixed.close();
    }
  });
});
