/**
 * A deduplicating strategy proposes every sample of a finite space before it says it is done, also
 * when the space holds quantised ranges: the grid at granularity 1 lists only their median, so the
 * fallback after repeated random draws must refine the grid (before, `Random({ retries: 1 })` on
 * nine quantised values proposed four and stopped).
 */
import { describe, expect, it } from 'vitest';
import { Categorical, MutableDict, Numerical, createRng } from '@archspace/mutables';
import { Random } from './random.js';
import { sampleKey } from './sample-key.js';

function proposeAll(space: MutableDict, retries: number, seed: number): string[] {
  const session = new Random({ retries }).start({ space, rng: createRng(seed), direction: 'maximize' });
  const keys: string[] = [];
  for (let i = 0; i < 1000 && !session.done; i++) {
    const proposal = session.ask();
    if (proposal === undefined) break;
    keys.push(sampleKey(proposal.sample));
  }
  return keys;
}

describe('deduplicating Random on quantised spaces', () => {
  it('proposes each of 9 quantised values once, then is done', () => {
    const space = new MutableDict({ q: new Numerical({ low: 0, high: 8, quantize: 1, label: 'q' }) });
    expect(space.size).toBe(9);
    for (const seed of [0, 1, 2]) {
      const keys = proposeAll(space, 1, seed);
      expect(new Set(keys).size).toBe(keys.length);
      expect(keys).toHaveLength(9);
    }
  });

  it('covers a mixed space of a choice and a quantised range whole', () => {
    const space = new MutableDict({
      c: new Categorical(['a', 'b', 'c'], { label: 'c' }),
      w: new Numerical({ low: 8, high: 64, quantize: 8, label: 'w' }),
    });
    expect(space.size).toBe(24);
    const keys = proposeAll(space, 2, 7);
    expect(new Set(keys).size).toBe(24);
    expect(keys).toHaveLength(24);
  });
});
