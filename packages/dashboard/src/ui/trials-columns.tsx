/**
 * The columns of the trials table: id, status, one per label, the final metric — or, when the config
 * names objectives, one per objective (its name and ↑/↓ for its direction) — and the duration. Each
 * column's key is the `sort` it asks `GET /trials` for.
 */
import type { ObjectiveSpec, TrialSummary } from '../api/api-types.js';
import type { SortKey } from '../api/trials-query.js';
import { formatDuration, formatMetric, formatValue } from '../format/format.js';
import { objectiveHeading } from '../pareto/front-rows.js';
import { trialHref } from '../routing/route.js';
import { objectiveCellText } from '../trials/objective-cell.js';
import { StatusBadge } from './status-badge.js';

/** One column: its sort key (also its cells' `data-column`), header, width in pixels and cell. */
export interface Column {
  readonly key: SortKey;
  readonly title: string;
  readonly width: number;
  readonly cell: (trial: TrialSummary) => preact.ComponentChild;
}

function labelCell(trial: TrialSummary, label: string): preact.ComponentChild {
  const value = Object.hasOwn(trial.parameters, label) ? trial.parameters[label] : undefined;
  return <span title={formatValue(value, 2000)}>{formatValue(value)}</span>;
}

/** The columns for these labels and objectives (none: the one `Metric` column, as without objectives). */
export function columnsFor(labels: readonly string[], objectives: readonly ObjectiveSpec[]): Column[] {
  const results: Column[] =
    objectives.length === 0
      ? [{ key: 'metric', title: 'Metric', width: 110, cell: (t) => formatMetric(t.metric) }]
      : objectives.map((objective, index): Column => ({ key: `objective:${objective.name}`, title: objectiveHeading(objective), width: 120, cell: (t) => objectiveCellText(t, index) }));
  return [
    { key: 'sequenceId', title: '#', width: 64, cell: (t) => t.sequenceId },
    { key: 'trialJobId', title: 'Trial', width: 110, cell: (t) => <a href={trialHref(t.trialJobId)}>{t.trialJobId}</a> },
    { key: 'status', title: 'Status', width: 130, cell: (t) => <StatusBadge status={t.status} /> },
    ...labels.map((label): Column => ({ key: `param:${label}`, title: label, width: 140, cell: (t) => labelCell(t, label) })),
    ...results,
    { key: 'duration', title: 'Duration', width: 110, cell: (t) => formatDuration(t.duration) },
  ];
}
