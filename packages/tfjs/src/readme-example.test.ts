// Runs the example of packages/tfjs/README.md (with a smaller dataset and search), so that it keeps working.
import { NasBench201Space, nasBench201Sample, trace } from '@archspace/mutables';
import { RegularizedEvolution, search } from '@archspace/strategies';
import { expect, it } from 'vitest';
import { ClassificationEvaluator, compileModel, trainableParameterCount, useTfBackend } from './index.js';

it('runs the README example', async () => {
  expect(await useTfBackend()).toBe('wasm');
  const space = NasBench201Space.create({ channels: 8, cellsPerStage: 1, numClasses: 6 });
  const net = space.freeze(nasBench201Sample('|nor_conv_3x3~0|+|nor_conv_3x3~0|skip_connect~1|+|skip_connect~0|nor_conv_1x1~1|avg_pool_3x3~2|'));

  const model = compileModel(net, { inputShapes: [[null, 3, 16, 16]], seed: 1 });
  expect(trainableParameterCount(model)).toBe(trace(net, [[null, 3, 16, 16]]).parameterCount());
  model.dispose();

  const evaluator = new ClassificationEvaluator({ epochs: 2, dataset: { trainSize: 128, validationSize: 64 }, seed: 0 });
  const reports: number[] = [];
  const accuracy = await evaluator.evaluate(net, { report: (acc) => reports.push(acc) });
  expect(reports).toHaveLength(2);
  expect(accuracy).toBe(reports[1]);

  const result = await search(space, evaluator.forSpace(space), new RegularizedEvolution({ populationSize: 2, sampleSize: 2 }), { maxTrials: 3 });
  expect(result.trials).toHaveLength(3);
  expect(result.best?.outcome.status).toBe('succeeded');
});
