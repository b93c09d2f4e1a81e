// Proxyless' cost term (ProxylessNAS' latency loss, additive): a costly candidate that fits the data
// loses to a free one when the cost weighs enough, and costs that do not match the space are refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { useTfBackend } from '../backend.js';
import { oneShot } from './one-shot.js';
import { OneShotError } from './one-shot-error.js';
import { Proxyless } from './proxyless.js';
import { OneGoodCandidateSpace, quadrantData } from './test-support/small-spaces.js';

beforeAll(async () => {
  await useTfBackend('cpu');
});

describe("Proxyless' cost term", () => {
  const run = (strategy: Proxyless) => oneShot(OneGoodCandidateSpace.create(), { strategy, data: quadrantData(0), epochs: 6, batchSize: 16, seed: 0 });

  it('steers the logits to the cheaper candidate when the cost weighs more than the loss it saves', async () => {
    const costs = new Map([['edge', [0, 1]]]); // `keep` fits the data, and costs 1
    const free = new Proxyless({ archLearningRate: 0.05, candidateCosts: costs, costWeight: 0 });
    const costly = new Proxyless({ archLearningRate: 0.05, candidateCosts: costs, costWeight: 5 });
    expect((await run(free)).sample).toEqual({ edge: 'keep' });
    expect((await run(costly)).sample).toEqual({ edge: 'zero' });
    expect(costly.probabilities().get('edge')![0]!).toBeGreaterThan(0.65);
  });

  it('refuses costs of an unknown label, of the wrong length or not finite, and a negative weight, naming them', async () => {
    const refused = async (strategy: () => Proxyless, named: RegExp) => {
      // Refused by the constructor or, for labels and lengths only the space can judge, before training.
      const error = await (async () => run(strategy()))().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(OneShotError);
      expect(`${(error as OneShotError).path.join('/')}: ${(error as Error).message}`).toMatch(named);
    };
    await refused(() => new Proxyless({ candidateCosts: new Map([['__proto__', [1, 2]]]) }), /__proto__/);
    await refused(() => new Proxyless({ candidateCosts: new Map([['edge', [1, 2, 3]]]) }), /edge.*2 costs/);
    await refused(() => new Proxyless({ candidateCosts: new Map([['edge', [1, Number.NaN]]]) }), /edge\/1/);
    await refused(() => new Proxyless({ costWeight: -1 }), /costWeight/);
    await refused(() => new Proxyless({ candidateCosts: { edge: [0, 1] } as never }), /candidateCosts.*Map/);
  });
});
