/** Speed of the module level: freezing a model space for one sample. */
import { NasBench201Space, createRng } from '@archspace/mutables';
import { measureTime } from './harness.js';

export default async function modelSpaceBench(): Promise<void> {
  const space = NasBench201Space.create();
  const rng = createRng(1);
  const samples = Array.from({ length: 64 }, () => space.random(rng));
  let i = 0;
  await measureTime('freeze of a NAS-Bench-201 sample (the whole network)', () => space.freeze(samples[i++ & 63]!), {
    bound: '≤',
    value: 20,
    unit: 'µs',
    reference: '≈ 23 ms',
  }, { batch: 100 });
}
