/**
 * The `canonicalKey` option of deduplicating strategies: a function naming the network a sample
 * builds, so that samples that build the same network are proposed once.
 */
import type { Sample } from '@archspace/mutables';

/**
 * `key` checked and wrapped for `owner`: a TypeError now when it is not a function, and at each call
 * when it returns something other than a string, naming the sample.
 */
export function stringKeys(owner: string, key: unknown): (sample: Sample) => string {
  if (typeof key !== 'function') throw new TypeError(`${owner}: canonicalKey must be a function from a sample to a string, got ${typeof key}`);
  return (sample) => {
    const result: unknown = key(sample);
    if (typeof result !== 'string') throw new TypeError(`${owner}: canonicalKey must return a string, got ${typeof result} for ${JSON.stringify(sample)}`);
    return result;
  };
}
