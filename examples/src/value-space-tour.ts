/**
 * A tour of the value-level search space: a hyper-parameter space written in code and the same kind
 * of space read from search-space JSON; its size, a grid walk and seeded random samples.
 *
 * Run: `npm run main` from the repository root.
 */
import {
  Categorical,
  ExpressionConstraint,
  MutableDict,
  Numerical,
  ValueChoice,
  createRng,
  fromSearchSpaceJson,
} from '@archspace/mutables';

const OPS = ['none', 'skip_connect', 'conv_1x1', 'conv_3x3', 'avg_pool_3x3'];
const EDGES = ['0_1', '0_2', '1_2', '0_3', '1_3', '2_3'];

// 1. The NAS-Bench-201 cell as a value space: one choice of op per edge.
const nb201 = new MutableDict(Object.fromEntries(EDGES.map((edge) => [edge, new Categorical(OPS, { label: edge })])));
console.log(`NAS-Bench-201 value space: ${Object.keys(nb201.simplify()).length} decisions, size ${nb201.size}`);

// 2. A hyper-parameter space with a lazy expression and a constraint.
const width = new ValueChoice([16, 32, 64], { label: 'width' });
const depth = new Categorical([2, 4, 8], { label: 'depth' });
const hpo = new MutableDict({
  width,
  depth,
  hidden: width.mul(4),
  lr: new Numerical({ low: 1e-4, high: 1e-1, log: true, label: 'lr' }),
  budget: new ExpressionConstraint(width.mul(depth).le(256), { label: 'budget' }),
});
console.log(`\nHPO space: size ${hpo.size} before the constraint; grid walk at granularity 1 (lr at its median):`);
for (const sample of hpo.grid()) console.log(' ', JSON.stringify(hpo.freeze(sample)));

// 3. Seeded random samples: the same seed gives the same samples on every machine.
const rng = createRng(2024);
console.log('\nfive seeded random architectures from the NAS-Bench-201 space (seed 2024):');
for (let i = 0; i < 5; i++) {
  const arch = nb201.random(rng);
  console.log(`  |${arch['0_1']}~0|+|${arch['0_2']}~0|${arch['1_2']}~1|+|${arch['0_3']}~0|${arch['1_3']}~1|${arch['2_3']}~2|`);
}

// 4. The same kind of space from the reference's search-space JSON, nested choice included.
const json = fromSearchSpaceJson({
  batch_size: { _type: 'choice', _value: [16, 32, 64, 128] },
  lr: { _type: 'loguniform', _value: [1e-5, 1e-1] },
  units: { _type: 'quniform', _value: [32, 512, 32] },
  layers: { _type: 'randint', _value: [1, 5] },
  optimizer: {
    _type: 'choice',
    _value: [{ _name: 'sgd', momentum: { _type: 'uniform', _value: [0, 0.99] } }, { _name: 'adam' }],
  },
});
console.log('\nthree seeded samples of a search-space JSON document (seed 7):');
const jsonRng = createRng(7);
for (let i = 0; i < 3; i++) console.log(' ', JSON.stringify(json.freeze(json.random(jsonRng))));
