/**
 * A manager over a throw-away folder for tests: a trial script (plain Node, speaking the file
 * protocol directly, so a test can write any line a hostile trial could), a search space, settings
 * and a store (in memory, or SQLite in the folder).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromSearchSpaceJson, type Mutable } from '@archspace/mutables';
import type { ExperimentStore } from '../../store/experiment-store.js';
import { MemoryStore } from '../../store/memory-store.js';
import { SqliteStore } from '../../store/sqlite-store.js';
import type { ManagerSettings } from '../experiment-manager.js';

/** The lines every fixture trial starts with: `p` (the parameter record), `x` and `out(type, sequence, metric)`. */
export const TRIAL_PRELUDE = `
const fs = require('fs');
const p = JSON.parse(fs.readFileSync(process.env.ARCHSPACE_PARAMETERS_FILE, 'utf8'));
const x = p.parameters.x;
const line = (text) => fs.appendFileSync(process.env.ARCHSPACE_METRICS_FILE, text + '\\n');
const out = (type, sequence, metric) => line(JSON.stringify({ type, sequence, parameter_id: p.parameter_id, value: JSON.stringify(metric), timestamp: Date.now() }));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
`;

/** What a fixture gives a test. */
export interface ManagerFixture {
  readonly dir: string;
  readonly settings: ManagerSettings;
  readonly space: Mutable;
  readonly searchSpace: Record<string, unknown>;
  readonly store: ExperimentStore;
  /** A fresh store object on the same data (SQLite only: what a new manager process would open). */
  reopen(): ExperimentStore;
}

/** A fixture whose trials run `body` after {@link TRIAL_PRELUDE}; `x` takes the values `xs`. */
export function managerFixture(body: string, options: { xs?: readonly unknown[]; settings?: Partial<ManagerSettings>; sqlite?: boolean } = {}): ManagerFixture {
  const dir = mkdtempSync(join(tmpdir(), 'archspace-manager-'));
  const script = join(dir, 'trial.cjs');
  writeFileSync(script, `${TRIAL_PRELUDE}\n(async () => {\n${body}\n})();\n`);
  const searchSpace = { x: { _type: 'choice', _value: options.xs ?? [1, 2, 3, 4] } };
  const settings: ManagerSettings = {
    id: 'fixture',
    dir,
    trialCommand: `node ${script}`,
    trialCodeDirectory: dir,
    trialConcurrency: 2,
    maxTrialNumber: (options.xs ?? [1, 2, 3, 4]).length,
    maxTrialDurationSeconds: 30,
    seed: 1,
    direction: 'maximize',
    config: { searchSpace, trialConcurrency: 2 },
    killGraceMs: 500,
    ...options.settings,
  };
  const file = join(dir, 'experiment.db');
  const store = options.sqlite ? SqliteStore.open(file) : new MemoryStore();
  return { dir, settings, space: fromSearchSpaceJson(searchSpace), searchSpace, store, reopen: () => (options.sqlite ? SqliteStore.open(file) : store) };
}
