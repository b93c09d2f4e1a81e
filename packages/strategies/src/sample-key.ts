/** Canonical keys of samples, for deduplication: the same sample always gives the same key. */
import type { Sample } from '@archspace/mutables';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** A string that is equal for equal samples, whatever the key order. */
export function sampleKey(sample: Sample): string {
  return JSON.stringify(canonical(sample));
}
