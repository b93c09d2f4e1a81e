/**
 * The load process of the REST soak: runs autocannon against the manager with the plan given as
 * JSON in the first argument, and sends its figures back to the parent over IPC.
 */
import autocannon from 'autocannon';

/** What to send: GETs of `paths` in turn on each of `connections` connections, for `durationSeconds`. */
export interface LoadPlan {
  readonly origin: string;
  readonly paths: readonly string[];
  readonly connections: number;
  readonly durationSeconds: number;
  readonly token: string;
}

/** What the load process measured. */
export interface LoadFigures {
  readonly requestsPerSecond: number;
  readonly p99Ms: number;
  /** Connection errors, timeouts included, and answers other than 2xx. */
  readonly failed: number;
  readonly completed: number;
  /** CPU seconds the load process used. */
  readonly cpuSeconds: number;
}

const plan = JSON.parse(process.argv[2] ?? 'null') as LoadPlan | null;
if (plan === null || process.send === undefined) throw new Error('usage: fork rest-soak-load.ts <plan as JSON> (with an IPC channel)');

const result = await autocannon({
  url: plan.origin,
  connections: plan.connections,
  duration: plan.durationSeconds,
  timeout: 10,
  headers: { authorization: `Bearer ${plan.token}` },
  requests: plan.paths.map((path) => ({ method: 'GET' as const, path })),
});
const completed = result['1xx'] + result['2xx'] + result['3xx'] + result['4xx'] + result['5xx'];
const cpu = process.cpuUsage();
const figures: LoadFigures = {
  requestsPerSecond: completed / result.duration,
  p99Ms: result.latency.p99,
  failed: result.errors + result.non2xx,
  completed,
  cpuSeconds: (cpu.user + cpu.system) / 1e6,
};
process.send(figures, () => process.exit(0));
