import fc from 'fast-check';
import { Label, ModelSpace, type Module, Repeat, type Sample, type Tensor, ValueChoice, nn } from '@archspace/mutables';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Layer } from '@tensorflow/tfjs-layers/dist/engine/topology.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { compileModel } from '../compile/compile-model.js';
import { tf } from '../tf.js';
import { Supernet } from './supernet.js';
import { DartsLikeSpace } from './test-support/darts-like-space.js';
import { SlicedWidthsSpace } from './test-support/value-choice-spaces.js';

const INPUT: [null, number, number, number] = [null, 3, 6, 6];

/** The layers holding weights of `models`, in the order they were created. */
function weightedLayers(models: readonly LayersModel[]): Layer[] {
  return models.flatMap((m) => m.layers.filter((l) => l.weights.length > 0)).sort((a, b) => a.id - b.id);
}

/** `big` cut to `shape`: centred on a convolution kernel's two spatial axes, the leading part elsewhere. */
function sliced(big: tf.Tensor, shape: readonly number[]): tf.Tensor {
  const begin = shape.map((size, axis) => (shape.length === 4 && axis < 2 ? (big.shape[axis]! - size) / 2 : 0));
  return tf.slice(big, begin, [...shape]);
}

/** Copies the supernet's weights along `sample`, sliced, into `frozen`; returns the layer classes of both. */
function copySliced(supernet: Supernet, sample: Sample, frozen: LayersModel): [string[], string[]] {
  const ours = weightedLayers(supernet.modelsAlong(sample));
  const theirs = weightedLayers([frozen]);
  if (ours.length === theirs.length) {
    theirs.forEach((layer, i) => {
      const small = layer.getWeights();
      const big = ours[i]!.getWeights();
      layer.setWeights(small.map((w, j) => sliced(big[j]!, w.shape)));
    });
  }
  return [ours.map((l) => l.getClassName()), theirs.map((l) => l.getClassName())];
}

function maxDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!);
}

/** Weight 1 on each choice's value in `sample` (on each chosen input of an InputChoice), 0 elsewhere. */
function oneHotMixture(supernet: Supernet, sample: Sample): Map<string, tf.Tensor1D> {
  const chosen = (c: Supernet['choices'][number], name: string | number) => (c.kind === 'input-choice' ? (sample[c.label] as number[]).includes(name as number) : name === sample[c.label]);
  return new Map(supernet.choices.map((c) => [c.label, tf.tensor1d(c.names.map((name) => (chosen(c, name) ? 1 : 0)))]));
}

/**
 * Checks that `supernet` along `sample` computes what `space` frozen at `sample` and compiled with the
 * supernet's weights sliced into it computes on random `[batch, size, size, 3]` images (inference,
 * and with `training` batch statistics too), and that a one-hot mixture computes the same path.
 * Returns the classes of the path's weighted layers.
 */
function expectMatchesFrozen(space: Module, supernet: Supernet, sample: Sample, size: number, seed: number, training = false): string[] {
  const frozen = compileModel(space.freeze(sample), { inputShapes: [[null, 3, size, size]], seed: 1 });
  const [ours, theirs] = copySliced(supernet, sample, frozen);
  expect(ours).toEqual(theirs);
  tf.tidy(() => {
    const x = tf.randomNormal([3, size, size, 3], 0, 1, 'float32', seed);
    const expected = frozen.predict(x) as tf.Tensor;
    const single = supernet.forward(x, { sample }, false);
    expect(single.shape).toEqual(expected.shape);
    expect(maxDifference(single, expected)).toBeLessThan(1e-5);
    expect(maxDifference(supernet.forward(x, { weights: oneHotMixture(supernet, sample) }, false), single)).toBeLessThan(1e-5);
    if (training) {
      // Batch statistics over the chosen channels only.
      expect(maxDifference(supernet.forward(x, { sample }, true), frozen.apply(x, { training: true }) as tf.Tensor)).toBeLessThan(1e-4);
    }
  });
  frozen.dispose();
  return ours;
}

const samples = fc.record({
  width: fc.constantFrom(2, 4),
  kernel: fc.constantFrom(1, 3, 5),
  depth: fc.constantFrom(0, 1, 2),
});

describe('a supernet with ValueChoice widths, kernel sizes and a Repeat depth', () => {
  const space = SlicedWidthsSpace.create();
  let supernet: Supernet;
  beforeAll(async () => {
    await useTfBackend('cpu');
    supernet = Supernet.compile(space, { inputShapes: [INPUT], seed: 3 });
  });

  it('searches each ValueChoice and the depth as a categorical over its values', () => {
    expect(supernet.choices).toEqual([
      { label: 'width', kind: 'value-choice', names: [2, 4], nChosen: 1 },
      { label: 'kernel', kind: 'value-choice', names: [1, 3, 5], nChosen: 1 },
      { label: 'depth', kind: 'repeat', names: [0, 1, 2], nChosen: 1 },
    ]);
    const stem = supernet.stepModels(0)[0]!.getWeights()[0]!;
    expect(stem.shape).toEqual([5, 5, 3, 4]); // compiled once, at the largest kernel and width
  });

  it('computes along any sample what the frozen architecture computes with the sliced weights, and a one-hot mixture the same', () => {
    fc.assert(
      fc.property(samples, fc.integer({ min: 0, max: 1000 }), (sample, seed) => {
        expectMatchesFrozen(space, supernet, sample, 6, seed, true);
      }),
      { numRuns: 8, seed: 11 },
    );
  });

  it('gives every sample the same weights to share: training one path changes the weights of another', () => {
    const narrow = { width: 2, kernel: 1, depth: 0 };
    const wide = { width: 4, kernel: 5, depth: 2 };
    const before = supernet.stepModels(0)[0]!.getWeights()[0]!.dataSync().slice();
    const variables = supernet.trainableVariables;
    const optimizer = tf.train.sgd(0.1);
    tf.tidy(() => {
      const x = tf.randomNormal([4, 6, 6, 3], 0, 1, 'float32', 5);
      optimizer.minimize(() => tf.mean(tf.square(supernet.forward(x, { sample: narrow }, true))) as tf.Scalar, false, variables);
    });
    const after = supernet.stepModels(0)[0]!.getWeights()[0]!.dataSync();
    // Kernel [5, 5, 3, 4]: the narrow path trains the centre tap of the first two filters only.
    const changed = [...after].flatMap((v, i) => (v === before[i] ? [] : [i]));
    expect(changed.length).toBeGreaterThan(0);
    for (const i of changed) {
      const out = i % 4;
      const row = Math.floor(i / (5 * 3 * 4));
      const col = Math.floor(i / (3 * 4)) % 5;
      expect([out < 2, row, col]).toEqual([true, 2, 2]);
    }
    expect(supernet.modelsAlong(wide).length).toBeGreaterThan(supernet.modelsAlong(narrow).length);
    optimizer.dispose();
  });
});

describe('a DARTS-like supernet: ValueChoice kernels inside LayerChoice candidates, InputChoices, a Repeat of cells', () => {
  const space = DartsLikeSpace.create({ widths: [2, 3], maxCells: 2, nodes: 3 });
  let supernet: Supernet;
  beforeAll(async () => {
    await useTfBackend('cpu');
    supernet = Supernet.compile(space, { inputShapes: [[null, 3, 5, 5]], seed: 8 });
  });

  /** A random value for every choice: a name, or one input of an InputChoice. */
  const anySample = () =>
    fc.tuple(...supernet.choices.map((c) => (c.kind === 'input-choice' ? fc.nat(c.names.length - 1).map((i) => [i]) : fc.constantFrom(...c.names)))).map(
      (values) => Object.fromEntries(supernet.choices.map((c, i) => [c.label, values[i]])) as Sample,
    );

  it('computes along any sample what the frozen architecture computes with the sliced weights, and a one-hot mixture the same', () => {
    fc.assert(
      fc.property(anySample(), fc.integer({ min: 0, max: 1000 }), (sample, seed) => {
        expectMatchesFrozen(space, supernet, sample, 5, seed);
      }),
      { numRuns: 10, seed: 12 },
    );
  });
});

describe('a Repeat whose depth is an expression of a ValueChoice that also sets a width', () => {
  /** `d` (1 or 2, labelled `label`) sets the width `4 * d` and the depth `d + 1`. */
  function space(label: string) {
    const d = new ValueChoice([1, 2], { label: Label.absolute(label) });
    const width = d.mul(4);
    class Net extends ModelSpace {
      readonly stem = new nn.Conv2d(3, width, 3, { padding: 1 });
      readonly blocks = new Repeat(() => new nn.Sequential(new nn.Conv2d(width, width, 1), new nn.ReLU()), d.add(1));
      readonly head = new nn.Sequential(new nn.AdaptiveAvgPool2d(1), new nn.Flatten(), new nn.Linear(width, 3));
      forward(x: Tensor): Tensor {
        return this.head.call(this.blocks.call(this.stem.call(x))) as Tensor;
      }
    }
    return Net.create();
  }

  it.each(['d', '__proto__', 'constructor'])('searches the one choice (labelled %j), runs d + 1 blocks at width 4·d as the frozen network does, and mixes its depths and widths by its weights', async (label) => {
    await useTfBackend('cpu');
    const net = space(label);
    const supernet = Supernet.compile(net, { inputShapes: [[null, 3, 4, 4]], seed: 2 });
    expect(supernet.choices).toEqual([{ label, kind: 'value-choice', names: [1, 2], nChosen: 1 }]);
    for (const d of [1, 2]) {
      const sample = Object.fromEntries([[label, d]]) as Sample;
      const layers = expectMatchesFrozen(net, supernet, sample, 4, d);
      expect(layers.filter((c) => c === 'ArchspaceConv2d')).toHaveLength(d + 2);
    }
    supernet.dispose();
  });
});
