/**
 * `npx tsx bench/quality-tpe-startup.ts > bench/quality-tpe-startup.log`: how many random trials TPE
 * should run before its model takes over when the search knows its budget. NAS-Bench-201, CIFAR-10,
 * budgets of 25 and 50 queries; mean test accuracy of the best-signal architecture ± its standard
 * error. The rule is chosen on tuning seeds 0–299 (start-up a fifth or a tenth of the budget, 5 to 20,
 * against the reference's fixed 20) and then reported on held-out seeds 1000–1299, never used to
 * choose it.
 */
import { TPE, search } from '@archspace/strategies';
import { meanAndError, nasBench201 } from './nasbench201-quality.js';

const clamp = (value: number) => Math.min(20, Math.max(5, Math.round(value)));
const RULES: Record<string, (budget: number) => number> = {
  'fixed 20 (the reference)': () => 20,
  'a fifth of the budget, 5 to 20': (budget) => clamp(budget / 5),
  'a tenth of the budget, 5 to 20': (budget) => clamp(budget / 10),
};

const data = nasBench201();
if (data !== undefined) {
  const { bench, space } = data;
  const score = async (rule: (budget: number) => number, budget: number, from: number): Promise<string> => {
    const tests: number[] = [];
    for (let seed = from; seed < from + 300; seed++) {
      const tpe = new TPE({ nStartupJobs: rule(budget) });
      const result = await search(space, (s) => bench.query(s).signal, tpe, { maxTrials: budget }, { seed, progress: false });
      tests.push(bench.query(result.best!.sample).test200.cifar10);
    }
    return meanAndError(tests, 3);
  };
  for (const [range, from] of [['tuning seeds 0–299', 0], ['held-out seeds 1000–1299', 1000]] as const) {
    console.log(`# ${range}`);
    for (const budget of [25, 50]) {
      for (const [name, rule] of Object.entries(RULES)) console.log(`${budget} queries, start-up ${name} (${rule(budget)}): ${await score(rule, budget, from)}`);
    }
  }
}
