/**
 * What every page shares: the overview (kept current by `experiment` events) and a data version
 * that goes up, at most once a second, when trials or metrics change, so pages re-read their data.
 */
import { getArchspace } from '../api/api-client.js';
import type { MetricEvent, Overview, TrialSummary } from '../api/api-types.js';
import { connectEvents } from './event-stream.js';

/** The shared state. */
export interface LiveState {
  readonly overview: Overview | null;
  /** When `overview` arrived (ms), to advance the running time between events. */
  readonly overviewAt: number;
  readonly overviewError: string | null;
  readonly connected: boolean;
  /** Goes up when trials or metrics changed since the last value. */
  readonly dataVersion: number;
  /** Trials changed since the store started (ids), for pages that show a few trials. */
  readonly touched: ReadonlySet<string>;
}

/** The shortest time between two data versions, in ms. */
export const DATA_VERSION_INTERVAL = 1000;

let state: LiveState = { overview: null, overviewAt: 0, overviewError: null, connected: false, dataVersion: 0, touched: new Set() };
const listeners = new Set<() => void>();
let pendingBump: ReturnType<typeof setTimeout> | null = null;
let touched = new Set<string>();

function set(next: Partial<LiveState>): void {
  state = { ...state, ...next };
  listeners.forEach((listener) => listener());
}

function bump(trialJobId: string): void {
  touched.add(trialJobId);
  if (pendingBump !== null) return;
  pendingBump = setTimeout(() => {
    pendingBump = null;
    const changed = touched;
    touched = new Set();
    set({ dataVersion: state.dataVersion + 1, touched: changed });
  }, DATA_VERSION_INTERVAL);
}

/** The current state. */
export function liveState(): LiveState {
  return state;
}

/** Calls `listener` on every change; returns the unsubscribe function. */
export function onLiveChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Re-reads the overview. */
export async function refreshOverview(): Promise<void> {
  try {
    set({ overview: await getArchspace<Overview>('overview'), overviewAt: Date.now(), overviewError: null });
  } catch (error) {
    set({ overviewError: (error as Error).message });
  }
}

/** Reads the overview and follows the event stream; returns the function that stops it. */
export function startLive(): () => void {
  void refreshOverview();
  return connectEvents({
    onExperiment: (overview: Overview) => set({ overview, overviewAt: Date.now(), overviewError: null }),
    onTrial: (trial: TrialSummary) => bump(trial.trialJobId),
    onMetric: (metric: MetricEvent) => bump(metric.trialJobId),
    onReconnect: () => {
      void refreshOverview();
      set({ dataVersion: state.dataVersion + 1 });
    },
    onConnected: (connected: boolean) => set({ connected }),
  });
}
