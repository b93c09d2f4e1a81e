/**
 * The order single-objective strategies compare told trials in under metric constraints: a feasible
 * trial beats any infeasible one, an infeasible one with less violation beats one with more, and
 * between feasible trials the higher score wins (constraint-domination, Deb 2000, for one objective).
 */

/** A told trial's score (larger is better) and how far it breaks the constraints (0: feasible). */
export interface FeasibilityScored {
  readonly score: number;
  readonly violation: number;
}

/** Whether `a` beats `b` under {@link FeasibilityScored}'s order. */
export function beats(a: FeasibilityScored, b: FeasibilityScored): boolean {
  return a.violation > 0 || b.violation > 0 ? a.violation < b.violation : a.score > b.score;
}
