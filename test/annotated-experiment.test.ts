/**
 * End to end: an experiment with `useAnnotation: true` precompiles its annotated trial code into
 * its own folder before the first trial, takes the generated search space, and finishes with trials
 * whose parameters lie in that space and whose results the annotations reported. JavaScript trials
 * use archspace's runtime; Python trials go through archspace's own `nni` module, which the trial finds on its PYTHONPATH.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromSearchSpaceJson } from '@archspace/mutables';
import { SqliteStore, startExperiment } from '@archspace/experiment';
import { writeTree } from '../packages/experiment/src/annotation/test-support/annotated-tree.js';
import { pythonCommand } from '../packages/experiment/src/annotation/python-annotations.js';


const CODE = {
  'trial.cjs': [
    '/** @archspace.variable(choice(1, 2, 3), name = width) */',
    'const width = 1;',
    '/** @archspace.variable(uniform(0, 1), name = lr) */',
    'let lr = 0.5;',
    '/** @archspace.reportIntermediateResult(width / 10) */',
    '/** @archspace.reportFinalResult(width + lr) */',
    '',
  ].join('\n'),
  'train.py': [
    '"""@nni.variable(nni.choice(10, 20), name=depth)"""',
    'depth = 10',
    '"""@nni.variable(nni.qloguniform(1, 100, 1), name=units)"""',
    'units = 1',
    '"""@nni.report_final_result(depth + units)"""',
    '',
  ].join('\n'),
};

async function runAnnotated(trialCommand: string) {
  const root = mkdtempSync(join(tmpdir(), 'archspace-annotated-experiment-'));
  writeTree(join(root, 'code'), CODE);
  const experiment = await startExperiment(
    { useAnnotation: true, trialCommand, trialCodeDirectory: join(root, 'code'), trialConcurrency: 2, maxTrialNumber: 4, tuner: { name: 'Random' }, experimentWorkingDirectory: join(root, 'experiments') },
    { noServer: true },
  );
  const status = await experiment.done;
  await experiment.close();
  const store = SqliteStore.open(join(experiment.dir, 'experiment.db'), { readonly: true });
  try {
    return { status, dir: experiment.dir, trials: store.listTrials(), finals: store.finalMetrics(), config: store.getExperiment()!.config };
  } finally {
    store.close();
  }
}

describe('an experiment with useAnnotation', () => {
  it('runs annotated JavaScript trials with parameters from the generated space', async () => {
    const { status, dir, trials, finals, config } = await runAnnotated('node trial.cjs');
    expect(status).toBe('DONE');
    const space = { 'train/depth/choice': { _type: 'choice', _value: [10, 20] }, 'train/units/qloguniform': { _type: 'qloguniform', _value: [1, 100, 1] }, 'trial/width/choice': { _type: 'choice', _value: [1, 2, 3] }, 'trial/lr/uniform': { _type: 'uniform', _value: [0, 1] } };
    expect(config['searchSpace']).toEqual(space);
    expect(JSON.parse(readFileSync(join(dir, 'annotated-code', 'search_space.json'), 'utf8'))).toEqual(space);
    expect(trials).toHaveLength(4);
    const mutable = fromSearchSpaceJson(space);
    for (const trial of trials) {
      expect(trial.status).toBe('SUCCEEDED');
      expect(mutable.checkContains(trial.parameters)).toBeUndefined();
    }
    const byId = new Map(trials.map((t) => [t.trialJobId, t.parameters]));
    expect(finals).toHaveLength(4);
    for (const final of finals) {
      const parameters = byId.get(final.trialJobId)!;
      expect(JSON.parse(final.data)).toBeCloseTo((parameters['trial/width/choice'] as number) + (parameters['trial/lr/uniform'] as number), 12);
    }
    // The user's folder is untouched: the rewritten code lives in the experiment's folder.
    expect(existsSync(join(dir, 'annotated-code', 'trial.cjs'))).toBe(true);
  }, 120_000);

  it('runs annotated Python trials through the nni module', async () => {
    const { status, trials, finals } = await runAnnotated(`PYTHONDONTWRITEBYTECODE=1 ${pythonCommand()} train.py`);
    expect(status).toBe('DONE');
    expect(trials.every((t) => t.status === 'SUCCEEDED')).toBe(true);
    const byId = new Map(trials.map((t) => [t.trialJobId, t.parameters]));
    for (const final of finals) {
      const parameters = byId.get(final.trialJobId)!;
      expect([10, 20]).toContain(parameters['train/depth/choice']);
      expect(JSON.parse(final.data)).toBe((parameters['train/depth/choice'] as number) + (parameters['train/units/qloguniform'] as number));
    }
    expect(finals).toHaveLength(4);
  }, 120_000);
});
