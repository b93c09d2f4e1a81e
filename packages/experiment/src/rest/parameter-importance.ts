/**
 * Parameter importance (`GET /api/v1/archspace/importance`): how much of the final metric's variance
 * each label's value explains, by the correlation ratio adjusted for the number of groups (ε²).
 *
 * For each label, the trials are grouped by the label's value: a categorical label by the value
 * itself (its JSON text); a numerical label (every value it takes is a number) into at most `bins`
 * quantile bins (equal values always share a bin); trials where the label is absent (a nested choice
 * that was not active) form one more group, "inactive". With n trials, k groups, overall mean ȳ and
 * group means ȳ_g:
 *
 *   SS_total = Σ (y − ȳ)²,  SS_between = Σ_g n_g (ȳ_g − ȳ)²,  MS_within = (SS_total − SS_between) / (n − k)
 *   ε² = max(0, (SS_between − (k − 1) · MS_within) / SS_total)
 *
 * ε² is η² = SS_between / SS_total without the share a label with k random groups explains by
 * chance, so a pure-noise label scores about 0 while a label that fixes the metric scores 1. It is 0
 * when the metric does not vary or when every trial is its own group (n ≤ k). The importances are
 * then divided by their sum, so they add up to 1 (all 0 when every label scores 0). Labels are data:
 * groups are kept in Maps and any text (`__proto__` included) is a label.
 */

/** One label's importance. */
export interface LabelImportance {
  readonly label: string;
  /** `numerical` when every value the label takes is a number, else `categorical`. */
  readonly kind: 'categorical' | 'numerical';
  /** Its share of the explained variance, 0 … 1; all importances add up to 1 (or are all 0). */
  readonly importance: number;
  /** The number of trials in which the label has a value. */
  readonly active: number;
}

/** A trial as importance sees it: its sample and its final metric. */
export interface ScoredSample {
  readonly sample: Readonly<Record<string, unknown>>;
  readonly value: number;
}

/** The method, in words, as `GET /importance` names it. */
export const IMPORTANCE_METHOD =
  'correlation ratio ε² (η² adjusted for the number of groups) of the final metric grouped by the label’s value; numerical labels in up to 10 quantile bins; trials without the label form their own group; normalised to sum 1';

/** The default number of quantile bins of a numerical label. */
export const IMPORTANCE_BINS = 10;

const INACTIVE = '\u0000inactive';

/** The group of each trial for one label: its value's JSON text, its quantile bin, or "inactive". */
function groupsOf(trials: readonly ScoredSample[], label: string, bins: number): { groups: string[]; kind: LabelImportance['kind']; active: number } {
  const present: boolean[] = trials.map((t) => Object.hasOwn(t.sample, label) && t.sample[label] !== undefined);
  let active = 0;
  let numerical = true;
  for (let i = 0; i < trials.length; i++) {
    if (!present[i]) continue;
    active++;
    if (typeof trials[i]!.sample[label] !== 'number') numerical = false;
  }
  const groups = new Array<string>(trials.length).fill(INACTIVE);
  if (active === 0) return { groups, kind: 'categorical', active };
  if (numerical) {
    const values: number[] = [];
    for (let i = 0; i < trials.length; i++) if (present[i]) values.push(trials[i]!.sample[label] as number);
    values.sort((a, b) => a - b);
    // Bin of v: the share of values below v, in `bins` equal steps (equal values share a bin).
    const below = (v: number): number => {
      let lo = 0;
      let hi = values.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (values[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    for (let i = 0; i < trials.length; i++) {
      if (present[i]) groups[i] = `bin ${Math.min(bins - 1, Math.floor((bins * below(trials[i]!.sample[label] as number)) / values.length))}`;
    }
    return { groups, kind: 'numerical', active };
  }
  for (let i = 0; i < trials.length; i++) if (present[i]) groups[i] = `value ${JSON.stringify(trials[i]!.sample[label])}`;
  return { groups, kind: 'categorical', active };
}

/** ε² of `values` grouped by `groups` (see the file's comment). */
function epsilonSquared(values: readonly number[], groups: readonly string[]): number {
  const n = values.length;
  let mean = 0;
  for (const v of values) mean += v / n;
  let total = 0;
  for (const v of values) total += (v - mean) ** 2;
  const sums = new Map<string, { sum: number; count: number }>();
  for (let i = 0; i < n; i++) {
    const g = sums.get(groups[i]!) ?? { sum: 0, count: 0 };
    g.sum += values[i]!;
    g.count++;
    sums.set(groups[i]!, g);
  }
  const k = sums.size;
  if (!(total > 0) || n <= k) return 0;
  let between = 0;
  for (const { sum, count } of sums.values()) between += count * (sum / count - mean) ** 2;
  const within = Math.max(0, total - between) / (n - k);
  return Math.max(0, Math.min(1, (between - (k - 1) * within) / total));
}

/**
 * The importance of every label of `trials`' samples, most important first (ties by label).
 *
 * @example
 * ```ts
 * parameterImportance([{ sample: { lr: 0.1, opt: 'adam' }, value: 0.9 }, …]);
 * // [{ label: 'lr', kind: 'numerical', importance: 0.8, active: 100 }, { label: 'opt', … }]
 * ```
 */
export function parameterImportance(trials: readonly ScoredSample[], options: { readonly bins?: number } = {}): LabelImportance[] {
  const bins = options.bins ?? IMPORTANCE_BINS;
  const labels = new Set<string>();
  for (const t of trials) for (const label of Object.keys(t.sample)) labels.add(label);
  const values = trials.map((t) => t.value);
  const raw: { label: string; kind: LabelImportance['kind']; score: number; active: number }[] = [];
  for (const label of labels) {
    const { groups, kind, active } = groupsOf(trials, label, bins);
    raw.push({ label, kind, active, score: epsilonSquared(values, groups) });
  }
  let sum = 0;
  for (const r of raw) sum += r.score;
  return raw
    .map((r) => ({ label: r.label, kind: r.kind, importance: sum > 0 ? r.score / sum : 0, active: r.active }))
    .sort((a, b) => b.importance - a.importance || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}
