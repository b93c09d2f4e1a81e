/**
 * What the dashboard's reads (`/api/v1/archspace/overview`, `/trials`, `/events`, …) need of a
 * manager besides the reference's `ManagerApi`: its store, whether it is read-only, its direction,
 * and a subscription to its changes. `ExperimentManager` is one; a `ManagerApi` that is not (a test
 * double) simply has no dashboard endpoints.
 */
import type { Direction } from '@archspace/strategies';
import type { ExperimentListener } from '../manager/experiment-events.js';
import type { ExperimentObjectives } from '../manager/objective-outcome.js';
import type { ManagerApi, ParetoFront } from '../records.js';
import type { ExperimentStore } from '../store/experiment-store.js';

/** A manager the dashboard can read. */
export interface DashboardSource extends Pick<ManagerApi, 'status' | 'profile'> {
  /** Where the trials are read from (the page query, labels, metrics). */
  readonly store: ExperimentStore;
  /** True for `archspace view`: every write endpoint refuses (403 `read-only-experiment`). */
  readonly readOnly: boolean;
  /** Whether a larger final metric is better. */
  readonly direction: Direction;
  /** The strategy's name, shown when the config names no tuner (a NAS experiment). */
  readonly strategyName?: string;
  /** The objectives and constraints the config names, if any: the overview's best follows them. */
  readonly goals?: ExperimentObjectives | undefined;
  /** The Pareto front (`GET /pareto-front`). */
  paretoFront?(): ParetoFront;
  /** Calls `listener` after each change; returns the function that unsubscribes. */
  subscribe(listener: ExperimentListener): () => void;
}

/** Whether `manager` offers what the dashboard's reads need. */
export function isDashboardSource(manager: object): manager is DashboardSource {
  const m = manager as Partial<DashboardSource>;
  return typeof m.subscribe === 'function' && typeof m.store === 'object' && m.store !== null && typeof m.readOnly === 'boolean';
}
