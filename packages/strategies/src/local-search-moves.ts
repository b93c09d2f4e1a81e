/**
 * The moves of local search: every sample that differs from a centre in one decision. A categorical
 * decision moves to each of its other values; any other decision (a numerical range, a multiple
 * choice) is redrawn a few times. Decisions that a move brings into play are drawn at random, and a
 * move that breaks a constraint is skipped.
 */
import { Categorical, type Mutable, type Rng, type Sample } from '@archspace/mutables';
import { randomCompletion } from './random-completion.js';

/** Kicks tried for an unseen sample before a random one is taken instead. */
export const KICK_RETRIES = 100;

/** One change of a centre: `label` set to `values[index]` of its categorical, or redrawn (`index` −1). */
export interface Move {
  readonly label: string;
  readonly index: number;
}

/**
 * The moves around `centre`, in random order: one per other value of each active categorical
 * decision, and `redraws` per active decision of any other kind.
 */
export function shuffledMoves(space: Mutable, centre: Sample, rng: Rng, redraws: number): Move[] {
  const decisions = space.simplify();
  const moves: Move[] = [];
  for (const label of Object.keys(centre)) {
    const decision = decisions[label];
    if (decision === undefined) continue;
    if (decision instanceof Categorical) {
      const current = decision.indexOf(centre[label]);
      for (let index = 0; index < decision.values.length; index++) if (index !== current) moves.push({ label, index });
    } else {
      for (let k = 0; k < redraws; k++) moves.push({ label, index: -1 });
    }
  }
  return rng.shuffle(moves);
}

/**
 * The sample that `moves` (one, or several on different decisions for a kick) make of `centre`, or
 * `undefined` when no sample with those changes satisfies the space's constraints.
 */
export function applyMoves(space: Mutable, centre: Sample, moves: readonly Move[], rng: Rng): Sample | undefined {
  const decisions = space.simplify();
  const memo: Sample = Object.assign(Object.create(null) as Sample, centre);
  for (const { label, index } of moves) {
    const decision = decisions[label];
    if (index >= 0 && decision instanceof Categorical) memo[label] = decision.values[index];
    else delete memo[label];
  }
  return randomCompletion(space, rng, memo);
}

/**
 * `size` moves on different decisions of `centre`, each to a value other than the centre's (a
 * redraw for non-categorical decisions): the perturbation of iterated local search.
 */
export function kickMoves(space: Mutable, centre: Sample, size: number, rng: Rng): Move[] {
  const decisions = space.simplify();
  const labels = Object.keys(centre).filter((label) => decisions[label] !== undefined);
  const picked = rng.sampleIndices(labels.length, Math.min(size, labels.length));
  return picked.map((i) => {
    const label = labels[i]!;
    const decision = decisions[label];
    if (!(decision instanceof Categorical) || decision.values.length < 2) return { label, index: -1 };
    const current = decision.indexOf(centre[label]);
    const other = rng.int(decision.values.length - 1);
    return { label, index: current >= 0 && other >= current ? other + 1 : other };
  });
}

/**
 * The swaps around `centre`, in random order: each pair of its categorical decisions holding
 * different values, each value one the other decision also takes, exchanged. A swap keeps the
 * sample's multiset of values, hence often its cost (FLOPs, parameters): it moves an operation to
 * another place of the network, which one-decision moves can do only through a sample in between.
 */
export function swapMoves(space: Mutable, centre: Sample, rng: Rng): [Move, Move][] {
  const decisions = space.simplify();
  const labels = Object.keys(centre).filter((label) => decisions[label] instanceof Categorical);
  const swaps: [Move, Move][] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i]!;
      const b = labels[j]!;
      if (Object.is(centre[a], centre[b])) continue;
      const intoA = (decisions[a] as Categorical<unknown>).indexOf(centre[b]);
      const intoB = (decisions[b] as Categorical<unknown>).indexOf(centre[a]);
      if (intoA >= 0 && intoB >= 0) swaps.push([{ label: a, index: intoA }, { label: b, index: intoB }]);
    }
  }
  return rng.shuffle(swaps);
}
