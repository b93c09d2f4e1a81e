/**
 * The Pareto front on a terminal: what the progress line, the closing summary and `archspace front`
 * print about an experiment's results. The front is `GET /pareto-front`'s (`paretoFrontView`): only
 * succeeded trials that hold every objective and meet every constraint, none dominated by another.
 * With one objective it is the best trial(s) in that objective's direction.
 */
import { rankedFront } from '../manager/pareto-front-view.js';
import type { ParetoFront, ParetoTrial } from '../records.js';

/** The objectives of a front, in the order of each trial's `values`. */
export type FrontObjectives = ParetoFront['objectives'];

/** Whether `front` is by several objectives (so no single trial is "the best"). */
export function isMultiObjective(front: Pick<ParetoFront, 'objectives'>): boolean {
  return front.objectives.length > 1;
}

/** A number as the CLI prints metrics: six significant digits. */
export function metricText(value: number): string {
  return value.toPrecision(6);
}

/**
 * An objective's name as printed: as it is when it is plain (letters, digits, `_ . - /`), otherwise as
 * a JSON string cut to 40 characters, so that a name with spaces, `=` or a newline cannot forge a column.
 */
export function objectiveLabel(name: string): string {
  if (/^[\w./-]{1,40}$/.test(name)) return name;
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
}

/** The objectives with their directions: `loss ↓, accuracy ↑` (↓ minimized, ↑ maximized). */
export function objectivesText(objectives: FrontObjectives): string {
  return objectives.map((o) => `${objectiveLabel(o.name)} ${o.direction === 'minimize' ? '↓' : '↑'}`).join(', ');
}

/** One trial of the front on one line: `#4  Ab12x  loss=0.123000  flops=41.0000`. */
export function frontTrialLine(trial: ParetoTrial, objectives: FrontObjectives): string {
  const values = objectives.map((o, i) => `${objectiveLabel(o.name)}=${metricText(trial.values[i]!)}`);
  return `#${trial.sequenceId}  ${trial.trialJobId}  ${values.join('  ')}`;
}

/**
 * The progress line's word on results: `front 3 trials` with several objectives; with one,
 * `best <value>` — the best value in the objective's direction, `-` before any trial has one.
 */
export function resultsText(front: ParetoFront): string {
  if (isMultiObjective(front)) return `front ${front.trials.length} ${front.trials.length === 1 ? 'trial' : 'trials'}`;
  const best = front.trials[0]?.values[0];
  return `best ${best === undefined ? '-' : metricText(best)}`;
}

/** The title above the listed front. */
function frontTitle(front: ParetoFront): string {
  const by = `by ${objectivesText(front.objectives)}`;
  const bounds = front.constraints.length === 0 ? '' : `, meeting ${front.constraints.length} ${front.constraints.length === 1 ? 'constraint' : 'constraints'}`;
  if (front.trials.length === 0) return `${isMultiObjective(front) ? 'Pareto front' : 'best trial'} ${by}${bounds}: no succeeded trial yet`;
  if (!isMultiObjective(front)) return `best ${front.trials.length === 1 ? 'trial' : `${front.trials.length} trials (tied)`} ${by}${bounds}:`;
  return `Pareto front: ${front.trials.length} ${front.trials.length === 1 ? 'trial' : 'trials'} ${by}${bounds}:`;
}

/**
 * The front as lines: a title, then one line per trial best-first (see {@link rankedFront}), at most
 * `limit` of them, then a line saying how many were left out and `moreHint` (what shows them all).
 */
export function frontLines(front: ParetoFront, limit = Number.POSITIVE_INFINITY, moreHint = ''): string[] {
  const ranked = rankedFront(front);
  const lines = [frontTitle(front), ...ranked.slice(0, limit).map((t) => `  ${frontTrialLine(t, front.objectives)}`)];
  if (ranked.length > limit) lines.push(`  … and ${ranked.length - limit} more${moreHint === '' ? '' : ` (${moreHint})`}`);
  return lines;
}
