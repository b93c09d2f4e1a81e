/**
 * The network `tfjs.bench.ts` trains: NAS-Bench-201 with 8 channels and one cell per stage, 16×16 RGB
 * images, the cell the TensorFlow.js search example finds best, batch 64, Adam at 0.005 (the fused Adam
 * the package's evaluator trains with: the same updates as `tf.train.adam`, far fewer kernel calls).
 */
import { NasBench201Space, nasBench201Sample } from '@archspace/mutables';
import { FusedAdamOptimizer, compileModel, imageBatch, makeShapesDataset, tf } from '@archspace/tfjs';

/** The benchmark's architecture string. */
export const BENCH_ARCH = '|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_3x3~0|avg_pool_3x3~1|nor_conv_3x3~2|';
/** Images per training step. */
export const BENCH_BATCH = 64;

/** A compiled benchmark network with four fixed batches; `step(i)` trains on batch `i mod 4`. */
export interface BenchmarkNetwork {
  step(i: number): Promise<void>;
  dispose(): void;
}

/** Compiles the benchmark network on the active backend. */
export function benchmarkNetwork(): BenchmarkNetwork {
  const space = NasBench201Space.create({ channels: 8, cellsPerStage: 1, numClasses: 6 });
  const model = compileModel(space.freeze(nasBench201Sample(BENCH_ARCH)), { inputShapes: [[null, 3, 16, 16]], seed: 1 });
  model.compile({ optimizer: new FusedAdamOptimizer(0.005, 0.9, 0.999), loss: (labels: tf.Tensor, logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(labels, logits) });
  const data = makeShapesDataset({ trainSize: BENCH_BATCH * 4, validationSize: 1 });
  const batches = [0, 1, 2, 3].map((b) => {
    const { x, y } = imageBatch(data.train, Array.from({ length: BENCH_BATCH }, (_, i) => b * BENCH_BATCH + i), 16, 3);
    return { x, target: tf.oneHot(y, 6) };
  });
  return {
    async step(i) {
      const b = batches[i % 4]!;
      await model.trainOnBatch(b.x, b.target);
    },
    dispose() {
      model.dispose();
      tf.dispose(batches.flatMap((b) => [b.x, b.target]));
    },
  };
}
