/** Speed of the value-level search space. */
import { Categorical, MutableDict, createRng, fromSearchSpaceJson } from '@archspace/mutables';
import { measureTime } from './harness.js';

const OPS = ['none', 'skip_connect', 'conv_1x1', 'conv_3x3', 'avg_pool_3x3'];
const EDGES = ['0_1', '0_2', '1_2', '0_3', '1_3', '2_3'];

export default async function valueSpaceBench(): Promise<void> {
  const nb201 = new MutableDict(Object.fromEntries(EDGES.map((edge) => [edge, new Categorical(OPS, { label: edge })])));
  const rng = createRng(0);
  await measureTime('random sample of the NAS-Bench-201 value space', () => nb201.random(rng), {
    bound: '≤',
    value: 1,
    unit: 'µs',
    reference: '≈ 560 µs',
  }, { batch: 1000 });

  const sample = nb201.random(rng);
  await measureTime('validate + freeze of a NAS-Bench-201 value sample', () => nb201.freeze(sample), {
    bound: '≤',
    value: 2,
    unit: 'µs',
  }, { batch: 1000 });

  const hpo = fromSearchSpaceJson({
    lr: { _type: 'loguniform', _value: [1e-5, 1e-1] },
    batch: { _type: 'choice', _value: [16, 32, 64, 128] },
    dropout: { _type: 'uniform', _value: [0, 0.5] },
    units: { _type: 'quniform', _value: [32, 512, 32] },
  });
  await measureTime('random sample of a 4-parameter HPO space', () => hpo.random(rng), {
    bound: '≤',
    value: 1,
    unit: 'µs',
  }, { batch: 1000 });
}
