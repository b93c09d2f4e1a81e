/**
 * TPE's time per proposal with 300 trials of history on a four-parameter space (and, as a second
 * figure, with 200 trials of history and two objectives, measured the same way) (a log-uniform
 * learning rate, a batch-size choice, a uniform dropout, a quantised layer width). A timed call asks
 * for one proposal and tells its score (a cheap synthetic loss). The figure is the median of fresh
 * processes (`process-runs.ts`); each process measures:
 *
 * - cold (the goal, ≤ 0.1 ms): what a real search pays at its trial 300. A real search reaches that
 *   trial with the model in charge since trial `nStartupJobs` (default 20), so its model code has
 *   already run some 280 times in the process. The process therefore runs one session with the
 *   default TPE options through 300 told trials (ask + tell, 20 random proposals then 280 of the
 *   model's), then times the next 10 ask + tell calls and takes their mean. Noted beside it, not
 *   the goal: the model's very first proposal (trial 21), which a real search pays once;
 * - warm, afterwards: the tinybench loop. It makes thousands of calls, so that the history stays at
 *   300–310 trials they are spread over a pool of sessions, each prepared with 300 told trials and
 *   used for 10 calls. The pool's TPE takes `nStartupJobs: 300`, so its 300 trials are random
 *   proposals, quick to make (the model's cost depends on the number of trials, not on where they
 *   lie); its settings are otherwise the defaults.
 *
 * After both figures, Optuna's TPE is measured at the same point of the same searches in the same run
 * (`optuna-reference.ts`, `optuna_tpe_proposal.py`), and printed beside archspace's cold medians.
 */
import { fileURLToPath } from 'node:url';
import { createRng, fromSearchSpaceJson, type Sample } from '@archspace/mutables';
import { type StrategySession, TPE } from '@archspace/strategies';
import { firstCallsMeanMs, formatFigure, median, warmMeanMs } from './harness.js';
import { measureOptunaReference } from './optuna-reference.js';
import { measureInProcesses } from './process-runs.js';

const HISTORY = 300;
const CALLS_PER_SESSION = 10;
const SESSIONS = 400;
/** Processes of the Optuna reference. */
const PROCESSES = 5;

const space = fromSearchSpaceJson({
  lr: { _type: 'loguniform', _value: [1e-5, 1e-1] },
  batch: { _type: 'choice', _value: [16, 32, 64, 128, 256] },
  dropout: { _type: 'uniform', _value: [0, 0.7] },
  units: { _type: 'quniform', _value: [32, 512, 32] },
});

/** A cheap synthetic validation loss with its optimum at lr 1e-3, batch 64, dropout 0.2, 256 units. */
function loss(sample: Sample): number {
  const lr = Math.log10(sample['lr'] as number) + 3;
  const batch = Math.log2(sample['batch'] as number) - 6;
  const dropout = (sample['dropout'] as number) - 0.2;
  const units = ((sample['units'] as number) - 256) / 256;
  return lr * lr + 0.1 * batch * batch + dropout * dropout + units * units;
}

/** A second objective for the multi-objective figure: the cost of a wide, small-batch network. */
function cost(sample: Sample): number {
  return (sample['units'] as number) / (sample['batch'] as number);
}

/** The search of the multi-objective figure: the loss and the cost, both minimised. */
const MULTI_OBJECTIVE = ['minimize', 'minimize'] as const;
/** Trials of history of the multi-objective figure (the 200). */
const MULTI_HISTORY = 200;

/** One ask and tell; with `multi`, the outcome carries both objectives. */
function step(session: StrategySession, multi = false): void {
  const proposal = session.ask();
  if (proposal === undefined) throw new Error('TPE stopped proposing');
  const value = loss(proposal.sample);
  session.tell(proposal.id, { status: 'succeeded', value, ...(multi ? { objectives: [value, cost(proposal.sample)] } : {}) });
}

/** Asks and tells `trials` times in `session`. */
function steps(session: StrategySession, trials: number, multi = false): void {
  for (let t = 0; t < trials; t++) step(session, multi);
}

/** A session of `tpe` with `history` told trials. */
function preparedSession(tpe: TPE, seed: number, history = HISTORY, multi = false): StrategySession {
  const session = tpe.start({ space, rng: createRng(seed), direction: 'minimize', ...(multi ? { objectives: [...MULTI_OBJECTIVE] } : {}) });
  steps(session, history, multi);
  return session;
}

export default async function (): Promise<void> {
  const coldMedians = await measureInProcesses(fileURLToPath(import.meta.url), [
    {
      name: `TPE proposal (ask + tell) with ${HISTORY} trials of history, 4 parameters`,
      cold: `mean of the ${CALLS_PER_SESSION} calls after ${HISTORY} told trials, default options`,
      goal: {
        bound: '≤',
        value: 0.1,
        unit: 'ms',
        reference: 'NNI 3.0 0.98 ms, Optuna 3.1 11.9 ms (each called as its own code calls it, same machine kind, when issue 14 was filed); Optuna in this run below',
      },
      measure: async () => {
        // Cold: a real search, with the default settings, so the model proposes from trial nStartupJobs + 1 on.
        const real = new TPE();
        const startup = real.options.nStartupJobs;
        const session = real.start({ space, rng: createRng(SESSIONS), direction: 'minimize' });
        steps(session, startup);
        const firstModelMs = firstCallsMeanMs(() => step(session), 1);
        steps(session, HISTORY - startup - 1);
        const coldMs = firstCallsMeanMs(() => step(session), CALLS_PER_SESSION);
        // Warm: a pool of sessions whose 300 trials are random (the model takes over at trial HISTORY).
        const tpe = new TPE({ nStartupJobs: HISTORY });
        const pool = Array.from({ length: SESSIONS }, (_, i) => preparedSession(tpe, i));
        let calls = 0;
        const warmMs = await warmMeanMs('TPE proposal', () => step(pool[Math.floor(calls++ / CALLS_PER_SESSION) % SESSIONS]!), { timeMs: 500 });
        const largest = HISTORY + Math.ceil(calls / (CALLS_PER_SESSION * SESSIONS)) * CALLS_PER_SESSION;
        return {
          coldMs,
          warmMs,
          alsoMs: { [`the model's first proposal (trial ${startup + 1})`]: firstModelMs },
          note: `warm: histories of ${HISTORY} to ${largest} trials`,
        };
      },
    },
    {
      name: `multi-objective TPE proposal (ask + tell) with ${MULTI_HISTORY} trials of history, 4 parameters, 2 objectives`,
      cold: `mean of the ${CALLS_PER_SESSION} calls after ${MULTI_HISTORY} told trials, default options`,
      goal: { bound: '≤', value: 1, unit: 'ms', reference: 'Optuna 3.1 multi-objective TPE 82–224 ms (measured before issue 15, same machine kind)' },
      measure: async () => {
        const real = new TPE();
        const session = real.start({ space, rng: createRng(SESSIONS), direction: 'minimize', objectives: [...MULTI_OBJECTIVE] });
        steps(session, MULTI_HISTORY, true);
        const coldMs = firstCallsMeanMs(() => step(session, true), CALLS_PER_SESSION);
        const tpe = new TPE({ nStartupJobs: MULTI_HISTORY });
        const pool = Array.from({ length: SESSIONS / 4 }, (_, i) => preparedSession(tpe, i, MULTI_HISTORY, true));
        let calls = 0;
        const warmMs = await warmMeanMs('multi-objective TPE proposal', () => step(pool[Math.floor(calls++ / CALLS_PER_SESSION) % pool.length]!, true), { timeMs: 500 });
        return { coldMs, warmMs };
      },
    },
  ]);
  // In the parent only: the references, in the same run.
  if (coldMedians !== undefined) {
    reportOptunaReference(coldMedians[0]!, false);
    reportOptunaReference(coldMedians[1]!, true);
  }
}

/** Measures Optuna's TPE at the same point of a search and prints it beside archspace's cold median. */
function reportOptunaReference(archspaceColdMs: number, multi: boolean): void {
  const figure = multi ? `${MULTI_HISTORY}-trial multi-objective` : `${HISTORY}-trial`;
  const reference = measureOptunaReference(PROCESSES, multi);
  if ('skipped' in reference) {
    console.log(`SKIP  Optuna's TPE, the ${figure} figure's reference in this run: ${reference.skipped}`);
    return;
  }
  const values = reference.valuesMs;
  const middle = median(values);
  console.log(
    `      reference for the ${figure} figure, in this run: Optuna ${reference.version} TPESampler, default options, ask + four suggestions + tell after ${multi ? MULTI_HISTORY : HISTORY} told trials, ` +
      `mean of the next ${CALLS_PER_SESSION} (bench/optuna_tpe_proposal.py) [median of ${values.length} processes, min–max ${formatFigure(Math.min(...values))}–${formatFigure(Math.max(...values))} ms]: ` +
      `${formatFigure(middle)} ms, ${formatFigure(middle / archspaceColdMs)}× archspace's cold median`,
  );
}
