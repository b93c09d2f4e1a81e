/** Writing an experiment's trials as CSV or JSON, for `archspace export`. */
import type { ExperimentStore } from '../store/experiment-store.js';
import { metricValue } from '../manager/api-views.js';

function flatten(value: unknown, prefix: string, out: Record<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = value;
}

function csvCell(value: unknown): string {
  const text = value === undefined || value === null ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record per trial: id, sequence, status, parameters, final metric, and the message (why it failed or was stopped). */
export function exportRecords(store: ExperimentStore): Record<string, unknown>[] {
  const finals = new Map(store.finalMetrics().map((m) => [m.trialJobId, m.data]));
  return store.listTrials().map((t) => {
    const final = finals.get(t.trialJobId);
    return {
      trialJobId: t.trialJobId,
      sequenceId: t.sequenceId,
      status: t.status,
      parameters: t.parameters,
      value: final === undefined ? null : metricValue(final) ?? null,
      metric: final === undefined ? null : JSON.parse(final),
      message: t.message ?? null,
    };
  });
}

/** The records as CSV: parameters flattened into `parameters.<key>` columns. */
export function toCsv(records: readonly Record<string, unknown>[]): string {
  const rows = records.map((r) => {
    const flat: Record<string, unknown> = {};
    flatten(r, '', flat);
    return flat;
  });
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
}
