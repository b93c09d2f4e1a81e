import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { trace } from '../nn/trace.js';
import { haveNasBench201Table, readNasBench201Table } from '../test-support/nasbench201-table.js';
import { NasBench201Space, nasBench201ArchString, nasBench201Sample } from './nasbench201-space.js';

describe('NasBench201Space', () => {
  const space = NasBench201Space.create();

  it('has one shared six-edge architecture: 15,625 samples, keys cell/0_1 … cell/2_3', () => {
    expect(Object.keys(space.simplify())).toEqual(['cell/0_1', 'cell/0_2', 'cell/1_2', 'cell/0_3', 'cell/1_3', 'cell/2_3']);
    expect(space.size).toBe(15625);
  });

  it('round-trips arch strings', () => {
    for (let seed = 0; seed < 20; seed++) {
      const sample = space.random(createRng(seed));
      expect(nasBench201Sample(nasBench201ArchString(sample))).toEqual(sample);
    }
  });

  it('takes grayscale images with inputChannels 1: the stem has 3·3·1·C weights and a 3-channel input is refused', () => {
    const gray = NasBench201Space.create({ channels: 4, cellsPerStage: 1, numClasses: 10, inputChannels: 1 });
    const sample = gray.random(createRng(0));
    const rgb = NasBench201Space.create({ channels: 4, cellsPerStage: 1, numClasses: 10 });
    const grayCount = trace(gray.freeze(sample), [[null, 1, 28, 28]]).parameterCount()!;
    expect(trace(rgb.freeze(sample), [[null, 3, 28, 28]]).parameterCount()! - grayCount).toBe(3 * 3 * 2 * 4);
    expect(() => trace(gray.freeze(sample), [[null, 3, 28, 28]])).toThrow(/channel/i);
  });

  it.skipIf(!haveNasBench201Table)('freezes to networks with the benchmark’s parameter counts (skipped when ../shared/data is absent)', () => {
    for (const row of readNasBench201Table().filter((_, i) => i % 997 === 0)) {
      const traced = trace(space.freeze(nasBench201Sample(row.arch)), [[null, 3, 32, 32]]);
      expect(traced.parameterCount()! / 1e6).toBeCloseTo(row.params, 6);
    }
  });
});
