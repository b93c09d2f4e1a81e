/**
 * What ValueChoice widths cost a one-shot supernet: the time of one training step (forward and
 * backward) on the DARTS-like space of the one-shot tests, at widths 8/16, three cells of three
 * nodes, 16×16 images, batch 32, for
 * - a DARTS mixture (every candidate, every width and kernel size weighed: one forward),
 * - one sampled path at the largest values (masked, as SPOS trains it),
 * - the frozen architecture of that path compiled by `compileModel` (the floor a path could reach).
 * Run with `npx tsx bench/oneshot-value-choice.ts [backend] [steps]` after `npx tsc -b`.
 */
import type { Sample } from '@archspace/mutables';
import { Supernet, type TfBackend, compileModel, tf, useTfBackend } from '@archspace/tfjs';
import { DartsLikeSpace } from '../packages/tfjs/dist/oneshot/test-support/darts-like-space.js';

const backend = (process.argv[2] ?? 'cpu') as TfBackend;
const steps = Number(process.argv[3] ?? 10);
await useTfBackend(backend);
const INPUT: [null, number, number, number] = [null, 3, 16, 16];
const space = DartsLikeSpace.create({ widths: [8, 16], maxCells: 3, nodes: 3 });
const supernet = Supernet.compile(space, { inputShapes: [INPUT], seed: 1 });
const x = tf.randomNormal([32, 16, 16, 3], 0, 1, 'float32', 1);
const y = tf.oneHot(tf.tensor1d(Array.from({ length: 32 }, (_, i) => i % 4), 'int32'), 4);
const largest: Sample = Object.fromEntries(
  supernet.choices.map((c) => [c.label, c.kind === 'input-choice' ? [c.names.length - 1] : c.kind === 'layer-choice' ? 'conv' : c.names[c.names.length - 1]]),
);

/**
 * Median milliseconds of a call of each of `runs`, after two warm-up calls each; the calls alternate
 * (one of each per round), so that load from other processes falls on all of them alike.
 */
function time(...runs: (() => void)[]): number[] {
  for (const run of runs) for (let i = 0; i < 2; i++) run();
  const samples = runs.map(() => [] as number[]);
  for (let i = 0; i < steps; i++) {
    runs.forEach((run, r) => {
      const start = performance.now();
      run();
      samples[r]!.push(performance.now() - start);
    });
  }
  return samples.map((ms) => ms.sort((a, b) => a - b)[ms.length >> 1]!);
}

function trainStep(variables: tf.Variable[], logits: () => tf.Tensor): () => void {
  return () =>
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, logits()) as tf.Scalar, variables);
      tf.dispose(Object.values(grads));
    });
}

const variables = supernet.trainableVariables;
const weights = new Map(supernet.choices.map((c) => [c.label, tf.softmax(tf.randomNormal([c.names.length], 0, 1e-3, 'float32', 2)) as tf.Tensor1D]));
const frozen = compileModel(space.freeze(largest), { inputShapes: [INPUT], seed: 1 });
const frozenVariables = frozen.trainableWeights.map((w) => w.read() as tf.Variable);
const [mixture, path, floor] = time(
  trainStep(variables, () => supernet.forward(x, { weights }, true)),
  trainStep(variables, () => supernet.forward(x, { sample: largest }, true)),
  trainStep(frozenVariables, () => frozen.apply(x, { training: true }) as tf.Tensor),
) as [number, number, number];
console.log(`${backend}, median of ${steps} interleaved steps, batch 32, 16×16, ${supernet.choices.length} choices`);
console.log(`DARTS mixture step     ${mixture.toFixed(1).padStart(8)} ms`);
console.log(`single path (largest)  ${path.toFixed(1).padStart(8)} ms  (${(path / floor).toFixed(2)}× the frozen network)`);
console.log(`frozen network         ${floor.toFixed(1).padStart(8)} ms`);
supernet.dispose();
frozen.dispose();
