/** Speed of the experiment layer: dispatching trial processes, and listing stored trials over REST. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteStore, STORE_FILE, startExperiment, viewExperiment } from '@archspace/experiment';
import { measureOnce, report } from './harness.js';

const TRIALS = 200;
const LISTED = 100_000;

/** A trial that only writes its final result (the protocol needs nothing else). */
const TRIVIAL_TRIAL = `printf '{"type":"FINAL","sequence":0,"parameter_id":0,"value":"1","timestamp":%s}\\n' "$(date +%s000)" >> "$ARCHSPACE_METRICS_FILE"`;

async function dispatchRate(): Promise<void> {
  const workingDirectory = mkdtempSync(join(tmpdir(), 'archspace-bench-dispatch-'));
  const experiment = await startExperiment(
    {
      searchSpace: { x: { _type: 'randint', _value: [0, 1_000_000] } },
      trialCommand: TRIVIAL_TRIAL,
      trialConcurrency: 8,
      maxTrialNumber: TRIALS,
      tuner: { name: 'Random' },
      experimentWorkingDirectory: workingDirectory,
    },
    { noServer: true },
  );
  const started = performance.now();
  const status = await experiment.done;
  const seconds = (performance.now() - started) / 1000;
  const succeeded = experiment.manager.store.countTrials('SUCCEEDED');
  await experiment.close();
  if (status !== 'DONE' || succeeded !== TRIALS) throw new Error(`dispatch bench: ${status}, ${succeeded}/${TRIALS} succeeded`);
  report(`trials dispatched per second (trivial trial, concurrency 8, ${TRIALS} trials)`, TRIALS / seconds, { bound: '≥', value: 50, unit: 'trials/s' });
}

async function listing(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'archspace-bench-list-'));
  const store = SqliteStore.open(join(dir, STORE_FILE));
  const now = Date.now();
  store.saveExperiment({ id: 'bench', config: { trialCommand: 'true', trialConcurrency: 1 }, status: 'DONE', startTime: now, execDuration: 1, nextSequenceId: LISTED, revision: 0, logDir: dir });
  store.transaction(() => {
    for (let i = 0; i < LISTED; i++) {
      const trialJobId = `t${i.toString(36)}`;
      const parameters = { lr: 0.001 * (1 + (i % 97)), batch: 32 << i % 3, dropout: (i % 50) / 100 };
      store.insertTrial({ trialJobId, sequenceId: i, status: 'SUCCEEDED', parameterId: i, parameters, sample: parameters, startTime: now, endTime: now + 1000, logPath: join(dir, 'trials', trialJobId) });
      store.insertMetric({ trialJobId, parameterId: i, type: 'FINAL', sequence: 0, timestamp: now + 1000, data: JSON.stringify({ default: (i % 1000) / 1000 }) });
    }
  });
  store.close();
  const viewed = await viewExperiment(dir);
  const url = `${viewed.server!.url}/api/v1/nni/trial-jobs`;
  const fetchAll = async () => {
    const response = await fetch(url);
    const body = await response.arrayBuffer();
    if (response.status !== 200 || body.byteLength < LISTED * 100) throw new Error(`listing bench: status ${response.status}, ${body.byteLength} bytes`);
  };
  await fetchAll();
  await measureOnce(`list ${LISTED.toLocaleString('en')} stored trials through GET /trial-jobs`, fetchAll, { bound: '≤', value: 200, unit: 'ms' });
  await viewed.close();
}

export default async function experimentBench(): Promise<void> {
  await dispatchRate();
  await listing();
}
