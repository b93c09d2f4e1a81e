/**
 * The bundled pure-Python `nni` module speaks archspace's trial protocol: it reads the parameters
 * file, appends metric lines the manager accepts, behaves like the reference's standalone mode
 * outside an experiment, and refuses metrics the manager would refuse, before writing them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMetricLine } from '../training-service/metric-line.js';
import { trialEnvironment } from '../training-service/local-training-service.js';
import { BUNDLED_PYTHON_DIR, withBundledPython } from '../training-service/python-path.js';
import { TRIAL_ENV } from './trial-env.js';

const hasPython = spawnSync('python3', ['--version']).status === 0;

function python(code: string, env: Record<string, string | undefined>) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('ARCHSPACE_')));
  return spawnSync('python3', ['-c', code], { encoding: 'utf8', env: { ...clean, PYTHONPATH: BUNDLED_PYTHON_DIR, ...env } });
}

function trialFiles(parameters: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'archspace-nni-module-'));
  const parametersFile = join(dir, 'parameters.json');
  const metricsFile = join(dir, 'metrics.jsonl');
  writeFileSync(parametersFile, JSON.stringify(parameters));
  const env = {
    [TRIAL_ENV.experimentId]: 'exp1',
    [TRIAL_ENV.trialJobId]: 'trialA',
    [TRIAL_ENV.sequenceId]: '7',
    [TRIAL_ENV.parametersFile]: parametersFile,
    [TRIAL_ENV.metricsFile]: metricsFile,
  };
  return { env, metricsFile };
}

describe('the PYTHONPATH of a trial', () => {
  it('starts with the bundled module, before any PYTHONPATH the trial already had', () => {
    expect(withBundledPython(undefined)).toBe(BUNDLED_PYTHON_DIR);
    expect(withBundledPython('')).toBe(BUNDLED_PYTHON_DIR);
    expect(withBundledPython('/opt/lib')).toBe(`${BUNDLED_PYTHON_DIR}:/opt/lib`);
    const launch = { experimentId: 'e', trialJobId: 't', sequenceId: 0, env: { PYTHONPATH: '/mine' } } as unknown as Parameters<typeof trialEnvironment>[0];
    expect(trialEnvironment(launch, '/tmp/t', { PYTHONPATH: '/base' })['PYTHONPATH']).toBe(`${BUNDLED_PYTHON_DIR}:/mine`);
    expect(trialEnvironment({ ...launch, env: {} }, '/tmp/t', {})['PYTHONPATH']).toBe(BUNDLED_PYTHON_DIR);
  });
});

describe.skipIf(!hasPython)('the bundled nni module', () => {
  it('reads the parameters and writes metric lines the manager accepts', () => {
    const { env, metricsFile } = trialFiles({ parameter_id: 3, parameter_source: 'algorithm', parameters: { lr: 0.1, D: { _name: 'A', x: 1 } }, parameter_index: 0 });
    const run = python(
      `
import json, nni, nni.trial
p = nni.get_next_parameter()
assert p == {'lr': 0.1, 'D': {'_name': 'A', 'x': 1}}, p
assert nni.get_current_parameter() == p and nni.get_current_parameter('lr') == 0.1
assert nni.trial.get_current_parameter is nni.get_current_parameter
assert (nni.get_experiment_id(), nni.get_trial_id(), nni.get_sequence_id()) == ('exp1', 'trialA', 7)
nni.report_intermediate_result(0.5)
nni.report_intermediate_result({'default': 0.6, 'other': 'x'})
nni.report_final_result({'default': 0.75, 'loss': 0.25})
`,
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = readFileSync(metricsFile, 'utf8').trim().split('\n').map((line) => checkMetricLine(line));
    expect(lines.map((l) => (l.ok ? [l.metric.line.type, l.metric.line.sequence, l.metric.line.parameter_id, l.metric.value] : l.reason))).toEqual([
      ['PERIODICAL', 0, 3, 0.5],
      ['PERIODICAL', 1, 3, 0.6],
      ['FINAL', 0, 3, 0.75],
    ]);
  });

  it('refuses a metric the manager would refuse, a second final result, and results before the parameters', () => {
    const { env, metricsFile } = trialFiles({ parameter_id: 0, parameters: {} });
    const run = python(
      `
import nni
def fails(f, *args):
    try:
        f(*args)
    except (TypeError, RuntimeError) as e:
        print(type(e).__name__, e)
        return
    raise AssertionError('no error')
fails(nni.report_final_result, 0.5)
nni.get_next_parameter()
for bad in (float('nan'), float('inf'), True, 'high', [1], {'loss': 1}, {'default': 'x'}):
    fails(nni.report_intermediate_result, bad)
nni.report_final_result(1)
fails(nni.report_final_result, 2)
`,
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^RuntimeError nni.get_next_parameter\(\) needs to be called before reporting results/);
    expect(run.stdout.match(/TypeError nni: the metric must be a finite number, or a dict with a finite numeric "default"/g)).toHaveLength(7);
    expect(run.stdout).toMatch(/RuntimeError nni.report_final_result\(\) was already called/);
    expect(readFileSync(metricsFile, 'utf8').trim().split('\n')).toHaveLength(1);
  });

  it('runs standalone like the reference: no parameters (a warning), results printed', () => {
    const run = python(
      `
import nni
assert nni.get_current_parameter() is None
assert nni.get_next_parameter() == {}
assert nni.get_trial_id() == 'STANDALONE' and nni.get_experiment_id() == 'STANDALONE' and nni.get_sequence_id() == 0
nni.report_intermediate_result(0.1)
nni.report_final_result({'default': 0.2})
`,
      {},
    );
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/not running under an experiment/);
    expect(run.stdout).toBe('[nni] Intermediate result #0: 0.1\n[nni] Final result: {"default": 0.2}\n');
  });

  it('merges the tuner parameters into argparse defaults as nni.utils.merge_parameter does', () => {
    const run = python(
      `
import argparse
from nni.utils import merge_parameter
args = argparse.Namespace(lr=0.1, epochs=3, name='x')
merged = merge_parameter(args, {'lr': 1, 'epochs': 4.0})
assert merged is args and args.lr == 1.0 and isinstance(args.lr, float) and args.epochs == 4 and isinstance(args.epochs, int)
for bad, error in (({'missing': 1}, ValueError), ({'name': 3}, TypeError)):
    try:
        merge_parameter({'name': 'x'}, bad)
    except error:
        continue
    raise AssertionError(bad)
print('ok')
`,
      {},
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('ok\n');
  });
});
