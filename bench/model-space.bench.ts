/**
 * Speed of the module level: freezing the NAS-Bench-201 model space (the whole network) for one
 * sample. The figure is the median of fresh processes (`process-runs.ts`); each process builds the
 * space and 64 different samples, written by plain code below rather than drawn from the space (so
 * nothing has walked the space before the first timed call: a trial process freezes a sample it was
 * sent), then measures:
 *
 * - cold (the goal, ≤ 20 µs): the mean of the first 64 freezes, one per sample: a search freezes one
 *   network per trial, and its first trials pay for the engine compiling the code, spread over them.
 *   Noted beside it, not the goal: the very first freeze alone, which a real search (or a trial
 *   process that freezes the one sample it was sent) pays once;
 * - warm, afterwards: the tinybench loop, batches of 100 freezes cycling through the 64 samples.
 *
 * A second figure times what a NAS experiment does for each trial it sends (`nas-experiment.ts`): a
 * sample applied to the network lowered to the IR (`applySample`: its 541 graphs, the decisions'
 * mutators and the resolve mutator) and the model dumped for the trial. Cold (the goal, ≤ 10 ms, set
 * when the lowered model's per-trial cost fell from about 30 ms to about 7) is the mean of the first
 * 20 trials, one sample each; the very first is noted beside it; warm is the tinybench loop.
 */
import { fileURLToPath } from 'node:url';
import { dumpModel } from '@archspace/ir';
import { NASBENCH201_EDGES, NasBench201Space, applySample, nn, type Sample, toModel } from '@archspace/mutables';
import { firstCallsMeansMs, warmMeanMs } from './harness.js';
import { measureInProcesses } from './process-runs.js';

const SAMPLES = 64;
/** The trials whose mean is the NAS trial's cold figure. */
const TRIALS = 20;

/**
 * `SAMPLES` different architectures, keyed as the hub's network labels its shared cell (`cell/0_1`
 * …): sample `i` spells `i · 7919 mod 5⁶` in base 5, one digit per edge (7919 is prime to 5⁶, so
 * the samples are all different).
 */
function plainSamples(): Sample[] {
  const ops = nn.NASBENCH201_OP_NAMES;
  const architectures = ops.length ** NASBENCH201_EDGES.length;
  return Array.from({ length: SAMPLES }, (_, i) => {
    const code = (i * 7919) % architectures;
    return Object.fromEntries(NASBENCH201_EDGES.map((edge, k) => [`cell/${edge}`, ops[Math.floor(code / ops.length ** k) % ops.length]!]));
  });
}

export default async function modelSpaceBench(): Promise<void> {
  await measureInProcesses(fileURLToPath(import.meta.url), [
    {
      name: 'freeze of a NAS-Bench-201 sample (the whole network)',
      cold: `mean of the first ${SAMPLES} calls, each on a different sample`,
      goal: { bound: '≤', value: 20, unit: 'µs', reference: 'NNI hub space network freeze ≈ 590 ms' },
      measure: async () => {
        const space = NasBench201Space.create();
        const samples = plainSamples();
        let i = 0;
        const freeze = () => space.freeze(samples[i++ % SAMPLES]!);
        const [firstMs, coldMs] = firstCallsMeansMs(freeze, [1, SAMPLES]) as [number, number];
        const warmMs = await warmMeanMs('freeze NAS-Bench-201 network', freeze, { batch: 100 });
        return { coldMs, warmMs, alsoMs: { 'the very first freeze': firstMs } };
      },
    },
    {
      name: "a NAS trial's model (applySample to the lowered NAS-Bench-201 network of 541 graphs, then dumpModel)",
      cold: `mean of the first ${TRIALS} trials, each on a different sample`,
      goal: { bound: '≤', value: 10, unit: 'ms' },
      measure: async () => {
        const { model, mutators } = toModel(NasBench201Space.create(), [[null, 3, 32, 32]]);
        const samples = plainSamples();
        let i = 0;
        const trial = () => dumpModel(applySample(model, mutators, samples[i++ % SAMPLES]!));
        const [firstMs, coldMs] = firstCallsMeansMs(trial, [1, TRIALS]) as [number, number];
        const warmMs = await warmMeanMs("a NAS trial's model", trial);
        return { coldMs, warmMs, alsoMs: { 'the very first trial': firstMs } };
      },
    },
  ]);
}
