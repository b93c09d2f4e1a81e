import fc from 'fast-check';
import { LayerChoice, type Module, NasBench201Space, type Sample } from '@archspace/mutables';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Layer } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { useTfBackend } from '../backend.js';
import { compileModel } from '../compile/compile-model.js';
import { tf } from '../tf.js';
import { Supernet } from './supernet.js';
import type { LayerChoiceStep } from './supernet-graph.js';

const SPACE = () => NasBench201Space.create({ channels: 2, cellsPerStage: 1, numClasses: 3 });
const INPUT: [null, number, number, number] = [null, 3, 4, 4];

/** The LayerChoice module of `space` whose path is `path`. */
function layerChoiceAt(space: Module, path: string): LayerChoice {
  for (const [name, module] of space.namedModules()) if (name === path && module instanceof LayerChoice) return module;
  throw new Error(`no LayerChoice at ${path}`);
}

/** Weight 1 on candidate `k` of `n`, 0 elsewhere. */
function oneHot(k: number, n: number): tf.Tensor1D {
  return tf.tensor1d(Array.from({ length: n }, (_, i) => (i === k ? 1 : 0)));
}

/** The layers holding weights of `models`, in the order they were created (the flat node order). */
function weightedLayers(models: readonly LayersModel[]): Layer[] {
  const layers = models.flatMap((m) => m.layers.filter((l) => l.weights.length > 0));
  return layers.sort((a, b) => a.id - b.id);
}

function maxDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

describe('Supernet', () => {
  const space = SPACE();
  let supernet: Supernet;
  let choiceSteps: number[];
  beforeAll(async () => {
    await useTfBackend('cpu');
    supernet = Supernet.compile(space, { inputShapes: [INPUT], seed: 5 });
    choiceSteps = supernet.graph.steps.flatMap((s, i) => (s.kind === 'layer-choice' ? [i] : []));
  });

  it('lowers the NAS-Bench-201 space into one layer-choice step per edge and cell, sharing six labels', () => {
    expect(choiceSteps).toHaveLength(18);
    expect(supernet.choices.map((c) => c.label)).toEqual(['cell/0_1', 'cell/0_2', 'cell/1_2', 'cell/0_3', 'cell/1_3', 'cell/2_3']);
    expect(supernet.choices[0]!.names).toEqual(['none', 'skip_connect', 'conv_1x1', 'conv_3x3', 'avg_pool_3x3']);
  });

  it('mixes with one-hot weights exactly as the frozen candidate op compiled on its own computes', () => {
    fc.assert(
      fc.property(fc.nat(17), fc.nat(4), fc.integer({ min: 0, max: 1000 }), (which, k, seed) => {
        const index = choiceSteps[which]!;
        const step = supernet.graph.steps[index] as LayerChoiceStep;
        const candidate = layerChoiceAt(space, step.name).candidate(step.names[k]!);
        const frozen = compileModel(candidate, { inputShapes: step.inputShapes, seed: 99 });
        frozen.setWeights(supernet.stepModels(index)[k]!.getWeights());
        const [c, h, w] = step.inputShapes[0]!.slice(1) as number[];
        tf.tidy(() => {
          const x = tf.randomNormal([2, h!, w!, c!], 0, 1, 'float32', seed);
          const weights = oneHot(k, step.names.length);
          const mixed = supernet.runStep(index, [x], { weights: new Map([[step.label, weights]]) }, false)[0]!;
          const sampled = supernet.runStep(index, [x], { sample: { [step.label]: step.names[k] } }, false)[0]!;
          const expected = frozen.predict(x) as tf.Tensor;
          expect(maxDifference(mixed, expected)).toBeLessThan(1e-6);
          expect(maxDifference(sampled, expected)).toBe(0);
        });
        frozen.dispose();
      }),
      { numRuns: 12, seed: 17 },
    );
  });

  it('computes along a sample what the frozen architecture compiled by compileModel computes', () => {
    const sample: Sample = { 'cell/0_1': 'conv_3x3', 'cell/0_2': 'skip_connect', 'cell/1_2': 'avg_pool_3x3', 'cell/0_3': 'conv_1x1', 'cell/1_3': 'none', 'cell/2_3': 'conv_3x3' };
    const frozen = compileModel(space.freeze(sample), { inputShapes: [INPUT], seed: 1 });
    const chosen = supernet.graph.steps.flatMap((step, i) => {
      const models = supernet.stepModels(i);
      return step.kind === 'layer-choice' ? [models[step.names.indexOf(sample[step.label] as string)]!] : models;
    });
    const ours = weightedLayers(chosen);
    const theirs = weightedLayers([frozen]);
    expect(ours.map((l) => l.getClassName())).toEqual(theirs.map((l) => l.getClassName()));
    theirs.forEach((layer, i) => layer.setWeights(ours[i]!.getWeights()));
    tf.tidy(() => {
      const x = tf.randomNormal([3, 4, 4, 3], 0, 1, 'float32', 7);
      const expected = frozen.predict(x) as tf.Tensor;
      expect(maxDifference(supernet.forward(x, { sample }, false), expected)).toBeLessThan(1e-5);
      const mixture = new Map(supernet.choices.map((c) => [c.label, oneHot(c.names.indexOf(sample[c.label] as string), 5)]));
      expect(maxDifference(supernet.forward(x, { weights: mixture }, false), expected)).toBeLessThan(1e-5);
    });
    frozen.dispose();
  });
});
