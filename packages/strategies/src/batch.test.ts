import { describe, expect, it } from 'vitest';
import { SearchSpaceError } from '@archspace/ir';
import { createRng, fromSearchSpaceJson } from '@archspace/mutables';
import { Batch } from './batch.js';
import { search } from './search.js';
import { drain } from './test-support/session-helpers.js';

const SETS = [
  { optimizer: 'Adam', learning_rate: 0.001 },
  { optimizer: 'Adam', learning_rate: 0.0001 },
  { optimizer: 'SGD', learning_rate: 0.01 },
];
const space = () => fromSearchSpaceJson({ combine_params: { _type: 'choice', _value: SETS } });

describe('Batch', () => {
  it('proposes exactly the listed parameter sets, once each and in order, then is done', () => {
    const session = new Batch().start({ space: space(), rng: createRng(1), direction: 'maximize' });
    const proposals = drain(session);
    expect(proposals.map((p) => p.sample['combine_params'])).toEqual(SETS);
    expect(session.done).toBe(true);
    for (const p of proposals) session.tell(p.id, { status: 'succeeded', value: 1 });
    expect(session.ask()).toBeUndefined();
  });

  it('ignores results and seeds: every run is the same list', async () => {
    const run = async (seed: number) => (await search(space(), () => seed, new Batch(), { maxTrials: 10 }, { seed })).trials.map((t) => t.sample);
    const first = await run(1);
    expect(first).toHaveLength(3);
    expect(await run(99)).toEqual(first);
  });

  it('skips the sets a resumed experiment already ran', () => {
    const session = new Batch().start({ space: space(), rng: createRng(1), direction: 'maximize' });
    session.restore([{ sample: { combine_params: SETS[1] }, outcome: { status: 'succeeded', value: 1 } }]);
    expect(drain(session).map((p) => p.sample['combine_params'])).toEqual([SETS[0], SETS[2]]);
  });

  it('refuses a space with more than one parameter, or one that is not a choice, naming it', () => {
    const start = (json: unknown) => () => new Batch().start({ space: fromSearchSpaceJson(json), rng: createRng(1), direction: 'maximize' });
    const two = { a: { _type: 'choice', _value: [1] }, b: { _type: 'choice', _value: [2] } };
    expect(start(two)).toThrow(SearchSpaceError);
    expect(start(two)).toThrow(/exactly one parameter.*has 2 parameters \(a, b\)/);
    expect(start({ lr: { _type: 'uniform', _value: [0, 1] } })).toThrow(/"lr" is a numerical parameter, not a choice/);
    expect(start({})).toThrow(/has 0 parameters/);
  });

  it('has no options', () => {
    expect(() => new Batch({ size: 3 } as never)).toThrow(/unknown option "size"/);
  });
});
