/**
 * The axes of the parallel-coordinates chart: one per label and one for the metric. A label whose
 * values are all numbers gets a numeric axis; any other label a categorical one, its values written
 * as text (objects and arrays as JSON).
 */

/** One axis: a label's numeric range, or its categories in first-seen order. */
export type ParallelAxis =
  | { readonly label: string; readonly kind: 'numerical' }
  | { readonly label: string; readonly kind: 'categorical'; readonly categories: readonly string[] };

/** The text a categorical value shows on its axis. */
export function categoryText(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
}

/** The axis a label's column of values needs. */
export function axisFor(label: string, values: readonly unknown[]): ParallelAxis {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length > 0 && present.every((v) => typeof v === 'number' && Number.isFinite(v))) return { label, kind: 'numerical' };
  const categories: string[] = [];
  const seen = new Set<string>();
  for (const value of values) {
    const text = categoryText(value);
    if (!seen.has(text)) {
      seen.add(text);
      categories.push(text);
    }
  }
  return { label, kind: 'categorical', categories };
}

/**
 * The chart's rows: for each trial with a metric, its value on each label's axis (categories as
 * their text) then its metric.
 */
export function parallelRows(axes: readonly ParallelAxis[], columns: Readonly<Record<string, readonly unknown[]>>, metric: readonly (number | null)[]): (number | string | null)[][] {
  const rows: (number | string | null)[][] = [];
  metric.forEach((m, i) => {
    if (m === null) return;
    const row = axes.map((axis) => {
      const value = columns[axis.label]?.[i];
      if (axis.kind === 'categorical') return categoryText(value);
      return typeof value === 'number' ? value : null;
    });
    row.push(m);
    rows.push(row);
  });
  return rows;
}
