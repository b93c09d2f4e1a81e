/**
 * The Pareto front as table rows, best-first: by the first objective in its direction, then by the
 * next, then by sequence id, so the table does not reorder as trials finish in another order.
 */
import type { ObjectiveSpec, ParetoFront, ParetoTrial } from '../api/api-types.js';

/** An objective as a column header: its name and an arrow for the better way (↑ larger, ↓ smaller). */
export function objectiveHeading(objective: ObjectiveSpec): string {
  return `${objective.name} ${objective.direction === 'maximize' ? '↑' : '↓'}`;
}

/** How `a` and `b` compare on objective `index`: negative when `a` is better. */
function better(objectives: readonly ObjectiveSpec[], index: number, a: ParetoTrial, b: ParetoTrial): number {
  const gap = a.values[index]! - b.values[index]!;
  return objectives[index]!.direction === 'maximize' ? -gap : gap;
}

/** The front's trials, best-first. */
export function frontRows(front: Pick<ParetoFront, 'objectives' | 'trials'>): ParetoTrial[] {
  const order = (a: ParetoTrial, b: ParetoTrial): number => {
    for (let index = 0; index < front.objectives.length; index++) {
      const step = better(front.objectives, index, a, b);
      if (step !== 0) return step;
    }
    return a.sequenceId - b.sequenceId;
  };
  return front.trials.slice().sort(order);
}

/** Whether the front is by several objectives the config names: then the pages show it instead of one best. */
export function showsFront(front: Pick<ParetoFront, 'configured' | 'objectives'> | undefined): boolean {
  return front !== undefined && front.configured && front.objectives.length > 1;
}
