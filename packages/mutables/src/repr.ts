/**
 * Python-style `repr` of plain values, used to describe mutables the way users of the reference know
 * them: `Categorical([1, 2, 3], label='a')`.
 */

/** How deep `pyRepr` looks into nested values before writing `...` (a description, not a dump). */
const REPR_DEPTH = 16;
/** How many items or entries of one list or dict `pyRepr` writes before writing `...`. */
const REPR_ITEMS = 100;

/** Renders a plain value as Python would print it (deep or long values elided with `...`). */
export function pyRepr(value: unknown, depth = 0): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    return String(value);
  }
  if (typeof value === 'object' && depth >= REPR_DEPTH) return '...';
  if (Array.isArray(value)) {
    const items = value.slice(0, REPR_ITEMS).map((item) => pyRepr(item, depth + 1));
    if (value.length > REPR_ITEMS) items.push('...');
    return `[${items.join(', ')}]`;
  }
  if (typeof value === 'object') {
    const described = (value as { describe?: () => string }).describe;
    if (typeof described === 'function') return described.call(value);
    const entries = Object.entries(value);
    const items = entries.slice(0, REPR_ITEMS).map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v, depth + 1)}`);
    if (entries.length > REPR_ITEMS) items.push('...');
    return `{${items.join(', ')}}`;
  }
  return String(value);
}

/** Renders a list, eliding the middle when it has more than seven items (`[1, 2, 3, ..., 8, 9, 10]`). */
export function pyReprList(values: readonly unknown[]): string {
  if (values.length <= 7) return pyRepr(values);
  const head = values.slice(0, 3).map((v) => pyRepr(v));
  const tail = values.slice(-3).map((v) => pyRepr(v));
  return `[${[...head, '...', ...tail].join(', ')}]`;
}
