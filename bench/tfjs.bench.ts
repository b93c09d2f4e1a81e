/**
 * Training throughput of a NAS-Bench-201 network (8 channels, one cell per stage, 16×16 RGB images,
 * the cell the TensorFlow.js search example finds best) at batch 64, on the WASM and the CPU
 * backends. Goals: WASM ≥ 400 images/s — a 20-trial search of the example trains about 50,000
 * images and should stay under two minutes on two cores; CPU ≥ 20 images/s — it is the bit-for-bit
 * reproducible backend the tests use, not the one to search with.
 */
import { NasBench201Space, nasBench201Sample } from '@archspace/mutables';
import { type TfBackend, compileModel, imageBatch, makeShapesDataset, tf, useTfBackend } from '@archspace/tfjs';
import { report } from './harness.js';

const ARCH = '|nor_conv_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_3x3~0|avg_pool_3x3~1|nor_conv_3x3~2|';
const BATCH = 64;

/** Images per second of `steps` training steps, after two warm-up steps. */
async function throughput(backend: TfBackend, steps: number): Promise<number> {
  await useTfBackend(backend);
  const space = NasBench201Space.create({ channels: 8, cellsPerStage: 1, numClasses: 6 });
  const model = compileModel(space.freeze(nasBench201Sample(ARCH)), { inputShapes: [[null, 3, 16, 16]], seed: 1 });
  model.compile({ optimizer: tf.train.adam(0.005), loss: (labels: tf.Tensor, logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(labels, logits) });
  const data = makeShapesDataset({ trainSize: BATCH * 4, validationSize: 1 });
  const batches = [0, 1, 2, 3].map((b) => {
    const { x, y } = imageBatch(data.train, Array.from({ length: BATCH }, (_, i) => b * BATCH + i), 16, 3);
    return { x, target: tf.oneHot(y, 6) };
  });
  for (let i = 0; i < 2; i++) await model.trainOnBatch(batches[i]!.x, batches[i]!.target);
  const start = performance.now();
  for (let i = 0; i < steps; i++) await model.trainOnBatch(batches[i % 4]!.x, batches[i % 4]!.target);
  const seconds = (performance.now() - start) / 1000;
  model.dispose();
  tf.dispose(batches.flatMap((b) => [b.x, b.target]));
  return (steps * BATCH) / seconds;
}

export default async function (): Promise<void> {
  const wasm = await throughput('wasm', 30);
  report('NAS-Bench-201 network (C=8, 16×16) training, batch 64, WASM', wasm, { bound: '≥', value: 400, unit: 'images/s' });
  const cpu = await throughput('cpu', 4);
  report('NAS-Bench-201 network (C=8, 16×16) training, batch 64, CPU', cpu, { bound: '≥', value: 20, unit: 'images/s' });
  report('WASM speed-up over CPU', wasm / cpu, { bound: '≥', value: 5, unit: '×' });
}
