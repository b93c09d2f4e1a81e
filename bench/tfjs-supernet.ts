/**
 * The supernet `tfjs.bench.ts` trains: the NAS-Bench-201 space of `tfjs-network.ts` (8 channels, one
 * cell per stage, 16×16 RGB images, batch 64) compiled as a one-shot supernet, every edge mixing all
 * five of its operations as DARTS trains it (uniform weights), Adam at 0.005 on the shared weights (`FusedAdamOptimizer`, as `oneShot` trains them).
 */
import { NasBench201Space } from '@archspace/mutables';
import { FusedAdamOptimizer, Supernet, imageBatch, makeShapesDataset, tf } from '@archspace/tfjs';
import { BENCH_BATCH, type BenchmarkNetwork } from './tfjs-network.js';

/** Compiles the benchmark supernet on the active backend; `step(i)` trains on batch `i mod 4`. */
export function benchmarkSupernet(): BenchmarkNetwork {
  const space = NasBench201Space.create({ channels: 8, cellsPerStage: 1, numClasses: 6 });
  const supernet = Supernet.compile(space, { inputShapes: [[null, 3, 16, 16]], seed: 1 });
  const weights = new Map(supernet.choices.map((c) => [c.label, tf.fill([c.names.length], 1 / c.names.length) as tf.Tensor1D]));
  const optimizer = new FusedAdamOptimizer(0.005, 0.9, 0.999);
  const variables = supernet.trainableVariables;
  const data = makeShapesDataset({ trainSize: BENCH_BATCH * 4, validationSize: 1 });
  const batches = [0, 1, 2, 3].map((b) => {
    const { x, y } = imageBatch(data.train, Array.from({ length: BENCH_BATCH }, (_, i) => b * BENCH_BATCH + i), 16, 3);
    const target = tf.oneHot(y, 6);
    y.dispose();
    return { x, target };
  });
  return {
    async step(i) {
      const b = batches[i % 4]!;
      const loss = optimizer.minimize(() => tf.losses.softmaxCrossEntropy(b.target, supernet.forward(b.x, { weights }, true)) as tf.Scalar, true, variables);
      await loss!.data();
      loss!.dispose();
    },
    dispose() {
      supernet.dispose();
      optimizer.dispose();
      tf.dispose([...weights.values(), ...batches.flatMap((b) => [b.x, b.target])]);
    },
  };
}
