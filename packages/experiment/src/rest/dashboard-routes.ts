/**
 * The dashboard's reads, mounted under `[urlPrefix]/api/v1/archspace/` only (`dashboard-api.md`):
 * overview, a page of trials, one trial, columns for charts, intermediate results, parameter
 * importance and the event stream. Each handler checks its query (400 naming the parameter) and
 * reads the store through SQL that pages and sorts (`ExperimentStore.trialPage`).
 */
import type { Context } from 'hono';
import type { DashboardSource } from './dashboard-source.js';
import { checkColumnsQuery, checkIntermediateQuery, checkTrialsQuery } from './dashboard-queries.js';
import { eventStream } from './dashboard-events.js';
import { experimentOverview } from './experiment-overview.js';
import { IMPORTANCE_METHOD, parameterImportance } from './parameter-importance.js';
import { json } from './responses.js';
import { RestError } from './rest-error.js';
import type { Route } from './rest-routes.js';
import { trialColumns } from './trial-columns.js';
import { intermediatePoint, trialDetail } from './trial-detail.js';
import { trialSummary } from './trial-summary.js';

const query = (c: Context) => (name: string) => c.req.query(name);

/** `GET /intermediate`: `{ "<trialJobId>": [{ sequence, value }, …] }` in a null-prototype record. */
function intermediate(source: DashboardSource, c: Context): Response {
  const wanted = checkIntermediateQuery(query(c));
  const store = source.store;
  let ids: readonly string[];
  if ('trials' in wanted) {
    for (const id of wanted.trials) {
      if (store.getTrial(id) === undefined) throw new RestError(404, { code: 'unknown-trial', path: ['query', 'trials'], expected: 'ids of trials of this experiment', received: id });
    }
    ids = wanted.trials;
  } else {
    ids = store.latestTrialsWithIntermediates(wanted.limit);
  }
  const body = Object.create(null) as Record<string, { sequence: number; value: number | null }[]>;
  for (const trialJobId of ids) {
    body[trialJobId] = store.listMetrics({ trialJobId, type: 'PERIODICAL' }).map((m) => {
      const { sequence, value } = intermediatePoint(m);
      return { sequence, value };
    });
  }
  return json(body);
}

/** `GET /importance` over the trials with a final metric. */
function importance(source: DashboardSource): Response {
  const scored = source.store.trialPage({ withMetric: true }).trials.map((t) => ({ sample: t.sample, value: t.metric! }));
  return json({ method: IMPORTANCE_METHOD, trials: scored.length, importances: parameterImportance(scored) });
}

/**
 * The dashboard's endpoints over `source`, paths relative to `/api/v1/archspace`.
 *
 * @example
 * ```ts
 * for (const [method, path, handle] of dashboardRoutes(manager)) archspaceApi.on(method, path, handle);
 * ```
 */
export function dashboardRoutes(source: DashboardSource): readonly Route[] {
  return [
    ['GET', '/overview', () => json(experimentOverview(source))],
    [
      'GET',
      '/trials',
      (c) => {
        const now = Date.now();
        const objectives = source.goals?.objectives.map((o) => o.name);
        const page = checkTrialsQuery(query(c), objectives);
        const found = source.store.trialPage({ ...page, now, withFinalData: objectives !== undefined });
        return json({ total: found.total, offset: page.offset, limit: page.limit, trials: found.trials.map((row) => trialSummary(row, now, objectives)) });
      },
    ],
    ['GET', '/trials/:id', (c) => json(trialDetail(source, c.req.param('id') ?? '', Date.now()))],
    ['GET', '/trial-columns', (c) => json(trialColumns(source.store.trialPage(checkColumnsQuery(query(c)))))],
    ['GET', '/intermediate', (c) => intermediate(source, c)],
    ['GET', '/importance', () => importance(source)],
    ['GET', '/events', (c) => eventStream(c, source)],
  ];
}
