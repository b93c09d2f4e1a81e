// Runs the one-shot example of packages/tfjs/README.md as written, so that it keeps working.
import { NasBench201Space } from '@archspace/mutables';
import { expect, it } from 'vitest';
import { Darts, Enas, GumbelDarts, Proxyless, RandomOneShot, makeShapesDataset, oneShot, useTfBackend } from '../index.js';

it('runs the one-shot README example', async () => {
  await useTfBackend('cpu');
  const space = NasBench201Space.create({ channels: 4, cellsPerStage: 1, numClasses: 4 });
  const data = makeShapesDataset({ numClasses: 4, imageSize: 8, trainSize: 32, validationSize: 32 });
  const losses: number[] = [];
  const darts = await oneShot(space, { strategy: new Darts(), data, epochs: 2, batchSize: 16, seed: 0, onEpoch: (e) => losses.push(e.loss) });
  const spos = await oneShot(space, { strategy: new RandomOneShot({ population: 6, generations: 2 }), data, epochs: 2, batchSize: 16 });
  const gdas = new GumbelDarts({ tauMax: 10, tauMin: 0.1 });
  const gumbel = await oneShot(space, { strategy: gdas, data, epochs: 2, batchSize: 16 });
  const proxyless = await oneShot(space, { strategy: new Proxyless(), data, epochs: 2, batchSize: 16 });
  expect([...gdas.probabilities().keys()].sort()).toEqual(Object.keys(space.simplify()).sort());
  expect(space.contains(gumbel.sample) && space.contains(proxyless.sample)).toBe(true);
  const enas = new Enas({ controllerSamples: 2 });
  const rl = await oneShot(space, { strategy: enas, data, epochs: 2, batchSize: 16 });
  expect(enas.probabilities().get(Object.keys(rl.sample)[0]!)).toHaveLength(5);
  expect(losses).toHaveLength(2);
  expect(space.contains(darts.sample) && space.contains(spos.sample) && space.contains(rl.sample)).toBe(true);
  expect(space.freeze(darts.sample)).toBeDefined();
});
