/**
 * Multi-trial NAS: a model space, a traced evaluator and a strategy run as an experiment; each trial
 * process receives the frozen model (IR JSON) and the evaluator through the serializer.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { loadModel } from '@archspace/ir';
import { LayerChoice, ModelSpace, type Tensor, flattenModel, nn } from '@archspace/mutables';
import { GridSearch } from '@archspace/strategies';
import { startNasExperiment } from '@archspace/experiment';
// @ts-expect-error: a plain JavaScript fixture without type declarations.
import { ConvCountEvaluator } from './fixtures/conv-count-evaluator.mjs';

const evaluatorModule = fileURLToPath(new URL('./fixtures/conv-count-evaluator.mjs', import.meta.url));

class Net extends ModelSpace {
  static override labelPrefix = 'net';
  first = new LayerChoice({ conv: new nn.Conv2d(4, 4, 3, { padding: 1 }), skip: new nn.Identity() }, { label: 'first' });
  second = new LayerChoice({ conv: new nn.Conv2d(4, 4, 1), pool: new nn.MaxPool2d(3, { stride: 1, padding: 1 }) }, { label: 'second' });
  forward(x: Tensor) {
    return this.second.call(this.first.call(x));
  }
}

it('runs every architecture of a small space as a trial that loads the evaluator and the IR', async () => {
  const workingDirectory = mkdtempSync(join(tmpdir(), 'archspace-nas-'));
  const experiment = await startNasExperiment(
    {
      space: Net.create(),
      inputShapes: [[null, 4, 8, 8]],
      evaluator: new ConvCountEvaluator({ bonus: 100 }),
      strategy: new GridSearch(),
      imports: [evaluatorModule],
      config: { trialConcurrency: 2, maxTrialNumber: 10, experimentWorkingDirectory: workingDirectory },
    },
    { noServer: true },
  );
  expect(await experiment.done).toBe('DONE');
  const trials = experiment.manager.store.listTrials();
  expect(trials).toHaveLength(4);
  const finals = new Map(experiment.manager.store.finalMetrics().map((m) => [m.trialJobId, JSON.parse(m.data) as number]));
  for (const trial of trials) {
    expect(trial.status).toBe('SUCCEEDED');
    const sample = trial.sample as { 'net/first': string; 'net/second': string };
    const expected = 100 + (sample['net/first'] === 'conv' ? 1 : 0) + (sample['net/second'] === 'conv' ? 1 : 0);
    expect(finals.get(trial.trialJobId)).toBe(expected);
    // The trial received the frozen architecture as IR JSON.
    const parameters = JSON.parse(readFileSync(join(trial.logPath!, 'parameters.json'), 'utf8')).parameters;
    expect(flattenModel(loadModel(parameters.model)).nodes.filter((n) => n.type === 'Conv2d')).toHaveLength(expected - 100);
    expect(parameters.evaluator).toContain('archspace-test/conv-count-evaluator');
  }
  await experiment.close();
}, 120_000);

it('refuses to load an evaluator whose module the experiment did not name: the trials fail, saying why', async () => {
  const workingDirectory = mkdtempSync(join(tmpdir(), 'archspace-nas-refused-'));
  const experiment = await startNasExperiment(
    {
      space: Net.create(),
      inputShapes: [[null, 4, 8, 8]],
      evaluator: new ConvCountEvaluator({ bonus: 0 }),
      strategy: new GridSearch(),
      imports: [],
      config: { trialConcurrency: 2, maxTrialNumber: 2, experimentWorkingDirectory: workingDirectory },
    },
    { noServer: true },
  );
  // No trial could succeed: the experiment ends ERROR, its error naming the reason.
  expect(await experiment.done).toBe('ERROR');
  const trials = experiment.manager.store.listTrials();
  expect(trials.map((t) => t.status)).toEqual(['FAILED', 'FAILED']);
  expect(trials[0]!.message).toMatch(/archspace-test\/conv-count-evaluator/);
  expect(experiment.manager.experiment.error).toMatch(/^all 2 trials failed; first reasons: .*archspace-test\/conv-count-evaluator/);
  await experiment.close();
}, 60_000);
