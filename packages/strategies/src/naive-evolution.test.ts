import { describe, expect, it } from 'vitest';
import { createRng, fromSearchSpaceJson, type Sample } from '@archspace/mutables';
import { NaiveEvolution } from './naive-evolution.js';
import { search } from './search.js';
import { sampleKey } from './sample-key.js';

const space = () =>
  fromSearchSpaceJson({
    a: { _type: 'choice', _value: [0, 1, 2, 3, 4, 5, 6, 7] },
    b: { _type: 'randint', _value: [0, 8] },
    c: { _type: 'uniform', _value: [0, 1] },
  });

function differences(x: Sample, y: Sample): number {
  return ['a', 'b', 'c'].filter((k) => x[k] !== y[k]).length;
}

describe('NaiveEvolution', () => {
  it('starts with populationSize random samples, then proposes children that differ from an evaluated sample in one decision', () => {
    const session = new NaiveEvolution({ populationSize: 5 }).start({ space: space(), rng: createRng(3), direction: 'maximize' });
    const evaluated: Sample[] = [];
    for (let i = 0; i < 40; i++) {
      const proposal = session.ask()!;
      if (i >= 5) expect(evaluated.some((member) => differences(member, proposal.sample) === 1)).toBe(true);
      session.tell(proposal.id, { status: 'succeeded', value: (proposal.sample['a'] as number) + (proposal.sample['c'] as number) });
      evaluated.push(proposal.sample);
    }
    expect(new Set(evaluated.map(sampleKey)).size).toBe(40);
  });

  it('improves on its random start', async () => {
    const score = (s: Sample) => (s['a'] as number) + (s['b'] as number) + (s['c'] as number);
    const result = await search(space(), score, new NaiveEvolution({ populationSize: 10 }), { maxTrials: 80 }, { seed: 1 });
    const values = result.trials.map((t) => (t.outcome as { value: number }).value);
    const mean = (xs: number[]) => xs.reduce((p, q) => p + q, 0) / xs.length;
    expect(mean(values.slice(60))).toBeGreaterThan(mean(values.slice(0, 10)));
  });

  it('replaces a failed trial with a random sample, and waits while every member still runs', () => {
    const session = new NaiveEvolution({ populationSize: 2 }).start({ space: space(), rng: createRng(1), direction: 'maximize' });
    const first = session.ask()!;
    const second = session.ask()!;
    // The population is empty: nothing to breed from until a result arrives.
    expect(session.ask()).toBeUndefined();
    expect(session.done).toBe(false);
    session.tell(first.id, { status: 'failed', error: 'boom' });
    const replacement = session.ask()!;
    expect(differences(replacement.sample, second.sample)).toBeGreaterThan(0);
    expect(session.ask()).toBeUndefined();
    session.tell(second.id, { status: 'succeeded', value: 1 });
    // One member: it is mutated without a rival.
    const child = session.ask()!;
    expect(differences(child.sample, second.sample)).toBe(1);
  });

  it('refuses bad options, naming them', () => {
    expect(() => new NaiveEvolution({ populationSize: 0 })).toThrow(/populationSize must be an integer ≥ 1, got 0/);
    expect(() => new NaiveEvolution({ sampleSize: 3 } as never)).toThrow(/unknown option "sampleSize"/);
  });
});
