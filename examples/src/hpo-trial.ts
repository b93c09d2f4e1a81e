/**
 * The trial of the HPO example: trains a small linear model with mini-batch SGD and momentum on a
 * generated regression problem, reports the validation loss after every epoch and the final one.
 * Runs under an experiment (parameters from the manager) or alone (`node dist/hpo-trial.js`).
 */
import { createRng } from '@archspace/mutables';
import { getNextParameter, reportFinalResult, reportIntermediateResult } from '@archspace/experiment/trial';

const params = getNextParameter({ lr: 0.01, momentum: 0.9, batch_size: 32, l2: 1e-4 });
const rng = createRng('hpo-example-data');
const FEATURES = 20;
const truth = Array.from({ length: FEATURES }, () => rng.normal());
const sample = (n: number) =>
  Array.from({ length: n }, () => {
    const x = Array.from({ length: FEATURES }, () => rng.normal());
    const y = x.reduce((s, xi, i) => s + xi * truth[i]!, 0) + 0.3 * rng.normal();
    return { x, y };
  });
const train = sample(2000);
const valid = sample(500);

const lr = Number(params.lr);
const momentum = Number(params.momentum);
const batch = Number(params.batch_size);
const l2 = Number(params.l2);
const w = new Array<number>(FEATURES).fill(0);
const velocity = new Array<number>(FEATURES).fill(0);
const loss = (data: typeof valid) => data.reduce((s, { x, y }) => s + (x.reduce((a, xi, i) => a + xi * w[i]!, 0) - y) ** 2, 0) / data.length;
const shuffle = createRng(`shuffle:${JSON.stringify(params)}`);

let validation = loss(valid);
for (let epoch = 0; epoch < 8; epoch++) {
  shuffle.shuffle(train);
  for (let start = 0; start < train.length; start += batch) {
    const grad = new Array<number>(FEATURES).fill(0);
    const slice = train.slice(start, start + batch);
    for (const { x, y } of slice) {
      const error = x.reduce((a, xi, i) => a + xi * w[i]!, 0) - y;
      for (let i = 0; i < FEATURES; i++) grad[i]! += (2 * error * x[i]!) / slice.length;
    }
    for (let i = 0; i < FEATURES; i++) {
      velocity[i] = momentum * velocity[i]! - lr * (grad[i]! + l2 * w[i]!);
      w[i]! += velocity[i]!;
    }
  }
  validation = loss(valid);
  if (!Number.isFinite(validation)) throw new Error(`training diverged at epoch ${epoch} (lr ${lr}, momentum ${momentum})`);
  reportIntermediateResult(validation);
}
reportFinalResult(validation);
