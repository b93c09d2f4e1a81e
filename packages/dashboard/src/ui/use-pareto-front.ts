/** The experiment's Pareto front (`GET /pareto-front`) for the pages that show it. */
import { useRef } from 'preact/hooks';
import { getArchspace } from '../api/api-client.js';
import type { ParetoFront } from '../api/api-types.js';
import { useLoad, useThrottled, type Loaded } from './hooks.js';

/**
 * The front, read again when `version` changes (at most every `ms`) while the config names
 * objectives. Without objectives it is read once: those pages show the overview's best instead.
 */
export function useParetoFront(version: number, ms = 0): Loaded<ParetoFront> {
  const settled = useThrottled(version, ms);
  const last = useRef<ParetoFront | undefined>(undefined);
  return useLoad(async (signal) => {
    if (last.current !== undefined && !last.current.configured) return last.current;
    last.current = await getArchspace<ParetoFront>('pareto-front', signal);
    return last.current;
  }, [settled]);
}
