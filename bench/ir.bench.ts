/**
 * The IR's speed goals: forking a 10,000-node model and changing one node must cost microseconds
 * (structural sharing, not a copy), and dumping or loading such a model must stay in milliseconds.
 *
 * Each figure is the median of fresh processes, one figure per process (`process-runs.ts`), so that
 * no figure's calls warm another's code. Each process builds the 10,000-node model, which runs the
 * editor and lint (code a fork's edit shares: any real run has a model before it forks one); for
 * loadModel it only reads the document, which the parent process wrote to a temporary file, so no IR
 * code has run before the first timed call. Then it measures:
 *
 * - cold (the goal): what a real run pays at that point of its life. A search forks and mutates
 *   once per trial, so for the microsecond figures (fork + change, fork + draft edit,
 *   Mutator.apply) cold is the mean of the first 100 calls: the first trials of a search, which pay
 *   for the engine compiling the code, spread over them. A run loads or dumps each model once: a trial
 *   process loads the one model it was sent, and the experiment's manager dumps each trial's model
 *   once as it sends it (`nas-experiment.ts`). So for loadModel and dumpModel cold is the first
 *   single call: all a trial process pays, and the dearest of the manager's dumps (its later ones,
 *   one per trial, are warmer);
 * - warm, afterwards: the tinybench loop as before (batches of 100 for the microsecond figures).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as ir from '@archspace/ir';
import { dumpModel, FixedSampler, loadModel, type Model, Operation } from '@archspace/ir';
import { irFixtures, NODES } from './ir-fixtures.js';
import { firstCallsMeanMs, warmMeanMs } from './harness.js';
import { type ColdWarm, measureInProcesses, type ProcessFigure } from './process-runs.js';

const { bigModel, widthMutator } = irFixtures(ir);

/** The environment variable naming the model document the measuring processes load. */
const DOCUMENT_ENV = 'ARCHSPACE_BENCH_IR_DOCUMENT';
const FIRST_CALLS = 100;

/** Cold (the first `coldCalls` calls), then warm (tinybench, `batch` calls per sample), of `fn`. */
async function coldThenWarm(name: string, fn: () => unknown, coldCalls: number, batch: number): Promise<ColdWarm> {
  const coldMs = firstCallsMeanMs(fn, coldCalls);
  return { coldMs, warmMs: await warmMeanMs(name, fn, { batch }) };
}

/** The model every figure but loadModel starts from. */
const frozenModel = (): Model => bigModel().lint().withStatus('frozen');

/** A different node each call, so that no call finds the one before it changed. */
const stride = (i: number): number => (i + 7919) % NODES;

export default async function (): Promise<void> {
  // The parent writes the document once; the measuring processes inherit the variable and read it.
  const dir = process.env[DOCUMENT_ENV] === undefined ? mkdtempSync(join(tmpdir(), 'archspace-bench-ir-')) : undefined;
  if (dir !== undefined) {
    process.env[DOCUMENT_ENV] = join(dir, 'model.json');
    writeFileSync(process.env[DOCUMENT_ENV], JSON.stringify(dumpModel(frozenModel())));
  }
  try {
    await measureInProcesses(fileURLToPath(import.meta.url), figures(process.env[DOCUMENT_ENV]!));
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}

/** The figures, loadModel's reading the document in `documentFile`. */
function figures(documentFile: string): ProcessFigure[] {
  const firstCalls = `first ${FIRST_CALLS} calls`;
  return [
    {
      name: 'fork + change one node of a 10,000-node model',
      cold: firstCalls,
      goal: { bound: '≤', value: 10, unit: 'µs', reference: 'O(n): deep copy of the graph' },
      measure: () => {
        const base = frozenModel();
        const nodes = base.rootGraph.hiddenNodes;
        const wider = Operation.new('Linear', { in_features: 64, out_features: 128, bias: true });
        let i = 0;
        return coldThenWarm('fork + change', () => base.fork().updateOperation(nodes[(i = stride(i))]!, wider), FIRST_CALLS, 100);
      },
    },
    {
      name: 'fork + edit one parameter through a draft (10,000 nodes)',
      cold: firstCalls,
      goal: { bound: '≤', value: 20, unit: 'µs' },
      measure: () => {
        const base = frozenModel();
        const nodes = base.rootGraph.hiddenNodes;
        let i = 0;
        const edit = () =>
          base.fork().updateOperation(nodes[(i = stride(i))]!, (op) => {
            op.parameters['out_features'] = 32;
          });
        return coldThenWarm('fork + draft edit', edit, FIRST_CALLS, 100);
      },
    },
    {
      name: 'Mutator.apply (one choice) on a 10,000-node model',
      cold: firstCalls,
      goal: { bound: '≤', value: 30, unit: 'µs' },
      measure: () => {
        const base = frozenModel();
        const mutator = widthMutator('width').bindSampler(new FixedSampler({ width: [128] }));
        const apply = () => {
          mutator.target = stride(mutator.target);
          return mutator.apply(base);
        };
        return coldThenWarm('Mutator.apply', apply, FIRST_CALLS, 100);
      },
    },
    {
      name: 'dumpModel of a 10,000-node model',
      cold: 'first call',
      goal: { bound: '≤', value: 20, unit: 'ms' },
      measure: () => {
        const base = frozenModel();
        return coldThenWarm('dumpModel', () => dumpModel(base), 1, 1);
      },
    },
    {
      name: 'loadModel of a 10,000-node model (checked and linted)',
      cold: 'first call',
      goal: { bound: '≤', value: 100, unit: 'ms' },
      measure: () => {
        const document: unknown = JSON.parse(readFileSync(documentFile, 'utf8'));
        return coldThenWarm('loadModel', () => loadModel(document), 1, 1);
      },
    },
  ];
}
