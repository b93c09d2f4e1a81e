/**
 * Python-style `repr` of plain values, used to describe mutables the way users of the reference know
 * them: `Categorical([1, 2, 3], label='a')`.
 */

/** Renders a plain value as Python would print it. */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    const described = (value as { describe?: () => string }).describe;
    if (typeof described === 'function') return described.call(value);
    return `{${Object.entries(value)
      .map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

/** Renders a list, eliding the middle when it has more than seven items (`[1, 2, 3, ..., 8, 9, 10]`). */
export function pyReprList(values: readonly unknown[]): string {
  if (values.length <= 7) return pyRepr(values);
  const head = values.slice(0, 3).map(pyRepr);
  const tail = values.slice(-3).map(pyRepr);
  return `[${[...head, '...', ...tail].join(', ')}]`;
}
