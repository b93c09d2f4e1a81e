/** The best metric seen up to each trial, for the line over the metric scatter. */

/**
 * For points in trial order, the running best (largest when maximizing, smallest when minimizing),
 * one point per trial that has a metric.
 *
 * @example bestSoFar([[0, 0.5], [1, 0.4], [2, 0.7]], 'maximize') // [[0, 0.5], [1, 0.5], [2, 0.7]]
 */
export function bestSoFar(points: readonly (readonly [number, number | null])[], mode: 'maximize' | 'minimize'): [number, number][] {
  const sorted = points.filter((p): p is readonly [number, number] => p[1] !== null && Number.isFinite(p[1])).sort((a, b) => a[0] - b[0]);
  const line: [number, number][] = [];
  let best: number | undefined;
  for (const [x, y] of sorted) {
    if (best === undefined || (mode === 'maximize' ? y > best : y < best)) best = y;
    line.push([x, best]);
  }
  return line;
}
