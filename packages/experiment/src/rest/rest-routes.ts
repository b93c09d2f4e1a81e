/**
 * The endpoints of the REST API (reference §8), each a method, a path under `/api/v1/nni` and a
 * handler over the `ManagerApi`. `createRestApp` mounts them.
 */
import type { Context } from 'hono';
import type { ManagerApi, TrialFile, TrialJobStatus } from '../records.js';
import { latestMetricData, metricDataRange } from './metric-views.js';
import { type BodyLimit, type BodyRoute, readBodyText } from './request-body.js';
import {
  checkMetricTypeQuery,
  checkParametersBody,
  checkProfileBody,
  checkSequenceIdParam,
  checkStatusQuery,
  checkTrialFileParams,
  checkUpdateTypeQuery,
  parseJsonBody,
} from './request-checks.js';
import { jsonArraySlicesBody } from './json-array.js';
import { empty, json, jsonArray, jsonTextArray } from './responses.js';
import { RestError } from './rest-error.js';

/**
 * A fast path a manager may offer for `GET /trial-jobs`: the listing's `TrialJobInfo`s already as JSON
 * text (a store can keep each trial's text and rewrite it when the trial changes). When present, the
 * REST layer joins the texts instead of serialising objects; they must be exactly what
 * `JSON.stringify(listTrialJobs(status)[i])` would give.
 */
export interface TrialListingText {
  /** The whole JSON array as one text (or its UTF-8 bytes), or one JSON text per trial. */
  listTrialJobsJson?(status?: TrialJobStatus): string | Uint8Array | readonly string[];
  /**
   * The listing's entries in slices, each the UTF-8 of entries joined by `,` (never empty), read as
   * the answer is streamed (preferred over `listTrialJobsJson` when present): the body is `[` + the
   * slices joined by `,` + `]`, exactly what the other paths give, but never held whole and never
   * waiting for a cache to fill.
   */
  listTrialJobsJsonSlices?(status?: TrialJobStatus): Iterable<Uint8Array>;
  /**
   * The body of `GET /metric-data/:job_id[?type=T]` as UTF-8 JSON, exactly `JSON.stringify(metricData({
   * trialJobId, type }))` (a manager can keep it between requests while the trial's metrics stay the same).
   */
  metricDataJson?(options: { trialJobId: string; type?: 'FINAL' | 'PERIODICAL' }): Uint8Array;
}

/** An HTTP method the API answers. */
export type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** One endpoint: method, path and handler. */
export type Route = readonly [Method, string, (c: Context) => Response | Promise<Response>];

/** What the endpoints need besides the manager. */
export interface RouteSettings {
  /** What `GET /version` answers. */
  readonly version: string;
  /** The largest body each route that takes one accepts. */
  readonly bodyLimits: Readonly<Record<BodyRoute, BodyLimit>>;
}

/** The endpoints, in the reference's order. */
export function restRoutes(manager: ManagerApi & TrialListingText, { version, bodyLimits }: RouteSettings): readonly Route[] {
  const readJsonBody = (c: Context, route: BodyRoute): Promise<unknown> => readJson(c, route, bodyLimits[route]);
  return [
    ['GET', '/check-status', () => json(manager.status())],
    ['GET', '/version', () => json(version)],
    ['GET', '/experiment', () => json(manager.profile())],
    [
      'PUT',
      '/experiment',
      async (c) => {
        const type = checkUpdateTypeQuery(c.req.query('update_type'));
        const body = await readJsonBody(c, 'PUT /experiment');
        manager.updateProfile(type, checkProfileBody(body, type, manager.profile()));
        return empty();
      },
    ],
    [
      'DELETE',
      '/experiment',
      async () => {
        await manager.stop();
        return empty();
      },
    ],
    ['GET', '/job-statistics', () => json(manager.jobStatistics())],
    [
      'GET',
      '/trial-jobs',
      (c) => {
        const status = checkStatusQuery(c.req.query('status'));
        if (typeof manager.listTrialJobsJsonSlices === 'function') {
          return new Response(jsonArraySlicesBody(manager.listTrialJobsJsonSlices(status)), { headers: { 'content-type': 'application/json' } });
        }
        if (typeof manager.listTrialJobsJson === 'function') {
          const text = manager.listTrialJobsJson(status);
          if (typeof text === 'string' || text instanceof Uint8Array) return new Response(text, { headers: { 'content-type': 'application/json' } });
          return jsonTextArray(text);
        }
        return jsonArray(manager.listTrialJobs(status));
      },
    ],
    [
      'GET',
      '/trial-jobs/:id',
      (c) => {
        const id = param(c, 'id');
        const trial = manager.getTrialJob(id) as ReturnType<ManagerApi['getTrialJob']> | undefined;
        if (trial === undefined) throw new RestError(404, { code: 'unknown-trial', path: ['params', 'id'], expected: 'the id of a trial of this experiment', received: id });
        return json(trial);
      },
    ],
    [
      'POST',
      '/trial-jobs',
      async (c) => {
        const parameters = checkParametersBody(await readJsonBody(c, 'POST /trial-jobs'));
        return json({ sequenceId: manager.addCustomizedTrial(parameters) });
      },
    ],
    [
      'DELETE',
      '/trial-jobs/:id',
      async (c) => {
        await manager.cancelTrialJob(param(c, 'id'));
        return empty();
      },
    ],
    ['GET', '/metric-data', (c) => jsonArray(manager.metricData(metricQuery(c, undefined)))],
    [
      'GET',
      '/metric-data/:job_id',
      (c) => {
        const query = metricQuery(c, param(c, 'job_id')) as { trialJobId: string; type?: 'FINAL' | 'PERIODICAL' };
        if (typeof manager.metricDataJson === 'function') return new Response(manager.metricDataJson(query), { headers: { 'content-type': 'application/json' } });
        return jsonArray(manager.metricData(query));
      },
    ],
    [
      'GET',
      '/metric-data-range/:min_seq_id/:max_seq_id',
      (c) => {
        const min = checkSequenceIdParam(param(c, 'min_seq_id'), 'min_seq_id');
        const max = checkSequenceIdParam(param(c, 'max_seq_id'), 'max_seq_id');
        if (min > max) throw new RestError(400, { code: 'invalid-range', path: ['params', 'max_seq_id'], expected: `a sequence id ≥ min_seq_id (${min})`, received: max });
        return jsonArray(metricDataRange(manager, min, max));
      },
    ],
    ['GET', '/metric-data-latest', () => jsonArray(latestMetricData(manager))],
    ['GET', '/trial-file/:id/:filename', (c) => trialFile(manager, c)],
    ['GET', '/export-data', () => jsonArray(manager.exportData())],
    ['GET', '/pareto-front', () => json(manager.paretoFront())],
  ];
}

/**
 * The request's JSON body, within the route's size limit. The body must be declared
 * `application/json`: a web page can send a cross-site `text/plain` POST without asking, but not a
 * JSON one.
 */
async function readJson(c: Context, route: BodyRoute, limit: BodyLimit): Promise<unknown> {
  const text = await readBodyText(c.req.raw, route, limit);
  const type = c.req.header('content-type');
  if (text.trim() !== '' && (type === undefined || !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type))) {
    throw new RestError(415, { code: 'unsupported-media-type', path: ['headers', 'content-type'], expected: 'application/json', received: type ?? null });
  }
  return parseJsonBody(text);
}

/** A path parameter of the matched route (always present: the route would not match without it). */
const param = (c: Context, name: string): string => c.req.param(name) ?? '';

function metricQuery(c: Context, trialJobId: string | undefined): { trialJobId?: string; type?: 'FINAL' | 'PERIODICAL' } {
  const type = checkMetricTypeQuery(c.req.query('type'));
  return { ...(trialJobId === undefined ? {} : { trialJobId }), ...(type === undefined ? {} : { type }) };
}

/**
 * `GET /trial-file/:id/:filename`: the file streamed from disk as the client reads it, with its
 * length; a HEAD request gets the headers only.
 */
async function trialFile(manager: ManagerApi, c: Context): Promise<Response> {
  const { trialJobId, filename, mediaType } = checkTrialFileParams(param(c, 'id'), param(c, 'filename'));
  let file: TrialFile;
  try {
    file = await manager.trialFile(trialJobId, filename);
  } catch (error) {
    if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') {
      throw new RestError(404, { code: 'file-not-found', path: ['params', 'filename'], message: `Trial ${JSON.stringify(trialJobId)} has no ${filename} (yet)` });
    }
    throw error;
  }
  const headers = { 'content-type': mediaType, 'content-length': String(file.size), 'x-content-type-options': 'nosniff' };
  if (c.req.method === 'HEAD') {
    await file.close();
    return new Response(null, { headers });
  }
  return new Response(file.stream(), { headers });
}

