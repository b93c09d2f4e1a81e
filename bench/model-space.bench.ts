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
 */
import { fileURLToPath } from 'node:url';
import { NASBENCH201_EDGES, NasBench201Space, nn, type Sample } from '@archspace/mutables';
import { firstCallsMeansMs, warmMeanMs } from './harness.js';
import { measureInProcesses } from './process-runs.js';

const SAMPLES = 64;

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
  ]);
}
