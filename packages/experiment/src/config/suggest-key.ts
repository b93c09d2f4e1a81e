/**
 * "Did you mean …?" for an unknown config key: the known key it is closest to, allowing for case,
 * snake_case spelled for camelCase, and a couple of typos. Internal: not exported from the package.
 */

/** The largest distance a suggestion may have (for keys longer than 8 characters). */
const MAX_DISTANCE = 3;

function normalized(key: string): string {
  return key.toLowerCase().replace(/[_\-\s]/g, '');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The known key `key` most likely stands for, or `undefined` if none is close. */
export function suggestKey(key: string, known: readonly string[]): string | undefined {
  const wanted = normalized(key);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    // A shortened key ("maxTrialNum") stands for the longer one.
    const known = normalized(candidate);
    // Keys whose lengths differ by more than any allowed distance need no edit distance (which takes
    // time proportional to the product of the lengths: a megabyte-long key would take seconds).
    const base = wanted.length >= 5 && known.startsWith(wanted) ? 0.5 : Math.abs(wanted.length - known.length) > MAX_DISTANCE ? Infinity : editDistance(wanted, known);
    // Between spellings of one key, prefer the one in the user's style (snake_case or camelCase).
    const distance = base + (key.includes('_') === candidate.includes('_') ? 0 : 0.1);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  const allowed = wanted.length <= 4 ? 1 : wanted.length <= 8 ? 2 : MAX_DISTANCE;
  return bestDistance <= allowed ? best : undefined;
}
