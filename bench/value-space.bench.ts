/**
 * Speed of the value-level search space: a random sample of the NAS-Bench-201 value space (six
 * edges, five ops each), validate + freeze of such a sample, and a random sample of a 4-parameter
 * HPO space. Each figure is the median of fresh processes, one figure per process
 * (`process-runs.ts`), so that no figure's calls warm another's code; each process builds the space,
 * then measures:
 *
 * - cold (the goal): the mean of the first 10,000 calls in the fresh process. A real search draws
 *   its samples one per trial, interleaved with other work, so what it pays is not the first
 *   thousand calls of a tight loop (those are mostly the engine compiling the code) but the cost
 *   spread over a search's life; the first 10,000 calls stand for that: they include the compiling,
 *   amortised over as many trials as a long search makes. Noted beside it, not the goal: the mean of
 *   the first 100 calls, where the compiling dominates. The samples that validate + freeze checks are
 *   10,000 different ones written by plain code below, not drawn from the space, so nothing has
 *   walked the space before the first timed call (a trial process freezes a sample it was sent);
 * - warm, afterwards: the tinybench loop, batches of 1,000 calls (freeze cycles through the same
 *   10,000 samples).
 */
import { fileURLToPath } from 'node:url';
import { Categorical, MutableDict, createRng, fromSearchSpaceJson, type Sample } from '@archspace/mutables';
import { firstCallsMeansMs, warmMeanMs } from './harness.js';
import { type ColdWarm, measureInProcesses } from './process-runs.js';

const OPS = ['none', 'skip_connect', 'conv_1x1', 'conv_3x3', 'avg_pool_3x3'];
const EDGES = ['0_1', '0_2', '1_2', '0_3', '1_3', '2_3'];
/** The calls the cold figure is the mean of. */
const COLD_CALLS = 10_000;
/** The first calls whose mean is noted beside the cold figure. */
const FIRST_CALLS = 100;
/** The calls per timed sample of the warm loop. */
const BATCH = 1000;

const nasBench201 = (): MutableDict =>
  new MutableDict(Object.fromEntries(EDGES.map((edge) => [edge, new Categorical(OPS, { label: edge })])));

/**
 * `COLD_CALLS` different NAS-Bench-201 samples, made without the space's code: sample `i` spells
 * `i · 7919 mod 5⁶` in base 5, one digit per edge (7919 is prime to 5⁶, so the first 5⁶ = 15,625
 * samples are all different).
 */
function plainSamples(): Sample[] {
  const architectures = OPS.length ** EDGES.length;
  if (COLD_CALLS > architectures) throw new Error(`only ${architectures} different NAS-Bench-201 samples`);
  return Array.from({ length: COLD_CALLS }, (_, i) => {
    const code = (i * 7919) % architectures;
    return Object.fromEntries(EDGES.map((edge, k) => [edge, OPS[Math.floor(code / OPS.length ** k) % OPS.length]!]));
  });
}

/** Cold (the first `COLD_CALLS` calls, noting the first `FIRST_CALLS`), then warm, of `fn`. */
async function coldThenWarm(name: string, fn: () => unknown): Promise<ColdWarm> {
  const [firstMs, coldMs] = firstCallsMeansMs(fn, [FIRST_CALLS, COLD_CALLS]) as [number, number];
  const warmMs = await warmMeanMs(name, fn, { batch: BATCH });
  return { coldMs, warmMs, alsoMs: { [`mean of the first ${FIRST_CALLS} calls`]: firstMs } };
}

export default async function valueSpaceBench(): Promise<void> {
  const cold = 'mean of the first 10,000 calls';
  await measureInProcesses(fileURLToPath(import.meta.url), [
    {
      name: 'random sample of the NAS-Bench-201 value space',
      cold,
      goal: { bound: '≤', value: 0.15, unit: 'µs', reference: 'NNI ≈ 72 µs (its strategies pass one persistent RandomState)' },
      measure: () => {
        const space = nasBench201();
        const rng = createRng(0);
        return coldThenWarm('random NAS-Bench-201', () => space.random(rng));
      },
    },
    {
      name: 'validate + freeze of a NAS-Bench-201 value sample',
      cold: `${cold}, each on a different sample`,
      goal: { bound: '≤', value: 2, unit: 'µs' },
      measure: () => {
        const space = nasBench201();
        const samples = plainSamples();
        let i = 0;
        return coldThenWarm('freeze NAS-Bench-201', () => space.freeze(samples[i++ % COLD_CALLS]!));
      },
    },
    {
      name: 'random sample of a 4-parameter HPO space',
      cold,
      goal: { bound: '≤', value: 1, unit: 'µs' },
      measure: () => {
        const space = fromSearchSpaceJson({
          lr: { _type: 'loguniform', _value: [1e-5, 1e-1] },
          batch: { _type: 'choice', _value: [16, 32, 64, 128] },
          dropout: { _type: 'uniform', _value: [0, 0.5] },
          units: { _type: 'quniform', _value: [32, 512, 32] },
        });
        const rng = createRng(0);
        return coldThenWarm('random HPO', () => space.random(rng));
      },
    },
  ]);
}
