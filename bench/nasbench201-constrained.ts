/**
 * What the constrained search-quality scripts share: the NAS-Bench-201 goal's FLOPs bound, the two
 * ways a run learns a cell's FLOPs (with the evaluation, or as costs before it) and the runs over a
 * seed range.
 */
import type { Sample } from '@archspace/mutables';
import { type NasBench201Benchmark, type SearchOptions, type Strategy, search } from '@archspace/strategies';

/** The bound of the goal: millions of CIFAR-10 FLOPs. */
export const MAX_FLOPS = 50;
/** How a run learns the FLOPs: with each evaluation, or as costs before it. */
export type Protocol = 'evaluated' | 'pruned';

/** The search options of a protocol: the signal is the objective, the FLOPs are bounded. */
export function protocolOptions(bench: NasBench201Benchmark, protocol: Protocol): Pick<SearchOptions, 'objectives' | 'constraints' | 'costs'> {
  const flops = (sample: Sample) => ({ flops: bench.query(sample).flopsM.cifar10 });
  return {
    objectives: [{ name: 'signal', direction: 'maximize' }],
    constraints: [{ name: 'flops', max: MAX_FLOPS }],
    ...(protocol === 'pruned' ? { costs: flops } : {}),
  };
}

/** The evaluator of a protocol: the signal, with the FLOPs unless they are costs. */
export function protocolEvaluate(bench: NasBench201Benchmark, protocol: Protocol): (sample: Sample) => Record<string, number> {
  return protocol === 'pruned' ? (sample) => ({ signal: bench.query(sample).signal }) : (sample) => ({ signal: bench.query(sample).signal, flops: bench.query(sample).flopsM.cifar10 });
}

/** The test accuracies of the best trials of runs of `make` over `seeds`, the infeasible bests and the mean pruned trials. */
export async function constrainedRuns(
  bench: NasBench201Benchmark,
  space: Parameters<typeof search>[0],
  make: () => Strategy,
  protocol: Protocol,
  queries: number,
  [first, end]: readonly [number, number],
): Promise<{ tests: number[]; infeasibleBest: number; meanPruned: number }> {
  const tests: number[] = [];
  let infeasibleBest = 0;
  let pruned = 0;
  for (let seed = first; seed < end; seed++) {
    const result = await search(space, protocolEvaluate(bench, protocol), make(), { maxTrials: queries }, { seed, progress: false, ...protocolOptions(bench, protocol) });
    if (result.stopMessage !== undefined) throw new Error(`seed ${seed}: ${result.stopMessage}`);
    const record = bench.query(result.best!.sample);
    if (record.flopsM.cifar10 > MAX_FLOPS) infeasibleBest++;
    pruned += result.trials.filter((t) => t.outcome.status === 'pruned').length;
    tests.push(record.test200.cifar10);
  }
  return { tests, infeasibleBest, meanPruned: pruned / (end - first) };
}

