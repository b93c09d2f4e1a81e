/**
 * Pareto local search (Paquete, Chiarandini and Stützle, 2004), what {@link LocalSearch} does when the
 * search has several objectives: it keeps the archive of trials no other trial dominates
 * (constraint-domination: feasible trials first), tries the neighbours (one decision away) of
 * archive members, and every neighbour that no archive member dominates joins the archive, pushing
 * out those it dominates. When every member's neighbourhood has been tried, a kick changes a few
 * decisions of a random member.
 *
 * Which member to explore next is archspace's choice (`explore`): by default the one holding the
 * largest share of the archive's hypervolume alone (its exclusive contribution), divided by the
 * one plus the neighbours of it already proposed (`exploreDecay`, default 1), so the search works where the front
 * has its largest gaps and its extremes rather than where it is already dense, and a member whose
 * neighbours keep failing yields to the next; the original picks a random member.
 *
 * With `costOrder` (the default), when the search's known costs hold every objective but one (FLOPs
 * against accuracy, say), the member's neighbours (and, with `swaps`, the samples exchanging two of
 * its decisions' values) are tried by the hypervolume each is expected to add
 * ({@link bestExpectedGain}): its costs place it exactly along the known objectives, and the unknown
 * one is predicted from the member's value plus a step learnt from the neighbours told so far, on
 * what an additive model of the told trials ({@link DecisionEffects}) says the neighbour gains over
 * its member (on what the costs predict, {@link CostScoreFit}, where the space has no categorical
 * decisions). Without such costs the neighbours come in random order.
 *
 * With the additive model, each step also scores `modelCandidates` random samples not proposed yet by
 * the same expected gain, their unknown objective as the model predicts it, and proposes the best of
 * them instead when it is expected to add more than the best neighbour: a way out of the
 * neighbourhoods, which on NAS-Bench-201 cap what even perfect predictions of neighbours could reach.
 */
import type { Sample } from '@archspace/mutables';
import { CostScoreFit } from './cost-score-fit.js';
import { DecisionEffects } from './decision-effects.js';
import { hypervolumeContributions } from './hypervolume-contributions.js';
import { bestExpectedGain, type CostedNeighbour, knownObjectives, NeighbourSteps } from './front-gain-order.js';
import type { LocalSearchSettings } from './local-search.js';
import { applyMoves, KICK_RETRIES, kickMoves, type Move, shuffledMoves, swapMoves } from './local-search-moves.js';
import { rankedOutcome, rankingDirections } from './ranked-outcome.js';
import { constraintDominates, type RankedPoint } from './non-dominated-sort.js';
import { type Direction, type Outcome, type Proposal, type StrategyContext, StrategySession } from './strategy.js';

/** Steps that leave a prediction as it is: a model-drawn candidate's predicted value, with no spread. */
const AS_PREDICTED = { step: () => ({ mean: 0, sd: 0 }) } as const;

/** A told trial in the archive, with the moves around it not tried yet (drawn when first needed). */
interface ArchiveMember extends RankedPoint {
  readonly sample: Sample;
  moves: Move[] | undefined;
  /** How many of its neighbours were proposed (what `exploreDecay` discounts its share by). */
  proposed: number;
  /** With `costOrder`, its untried neighbours with what their costs tell (drawn when first needed). */
  neighbours?: CostedNeighbour[];
}

/** A session of {@link LocalSearch} over several objectives. */
export class ParetoLocalSearchSession extends StrategySession {
  readonly #directions: readonly Direction[];
  #archive: ArchiveMember[] = [];
  #exhausted = false;
  /** The worst and the best value of each objective over the feasible trials told. */
  #worst: number[] | undefined;
  #best: number[] | undefined;
  /** With `costOrder`: the objective the known costs leave unknown, learnt from the first told trial they tell of (`null` until then). */
  #unknown: number | null = null;
  readonly #steps = new NeighbourSteps();
  /** How the known costs predict the unknown objective (maximized). */
  readonly #fit = new CostScoreFit();
  /** How each categorical decision's values add to the unknown objective (maximized). */
  readonly #effects: DecisionEffects;
  /** The member's unknown objective (maximized) and the lift of each cost-ordered neighbour in flight, by proposal id. */
  readonly #memberOf = new Map<number, { readonly value: number; readonly lift: number }>();

  constructor(
    context: StrategyContext,
    readonly options: LocalSearchSettings,
  ) {
    super(context);
    this.#directions = rankingDirections(context);
    this.#effects = new DecisionEffects(context.space);
  }

  protected override sameSampleKey(): ((sample: Sample) => string) | undefined {
    return this.options.canonicalKey;
  }

  override get done(): boolean {
    return this.#exhausted;
  }

  /** The samples no told trial dominates, oldest first. */
  get archive(): readonly Sample[] {
    return this.#archive.map((m) => m.sample);
  }

  /**
   * The exclusive hypervolume contribution of each archive member (in archive order) against the
   * reference point of `explore: 'contribution'`: each objective's worst told value, moved away by
   * `referenceMargin` times the told range. `undefined` while no feasible trial was told or while the
   * archive holds infeasible trials.
   */
  get contributions(): number[] | undefined {
    const reference = this.#reference();
    return reference === undefined ? undefined : hypervolumeContributions(this.#archive.map((m) => m.values), reference, this.#directions);
  }

  /** The reference point of {@link contributions}, or `undefined` when they are. */
  #reference(): number[] | undefined {
    const worst = this.#worst;
    const best = this.#best;
    if (worst === undefined || best === undefined || this.#archive.some((m) => (m.violation ?? 0) > 0)) return undefined;
    return worst.map((w, k) => {
      // A margin of at least a tiny fraction keeps the worst member's own contribution above zero.
      const away = Math.abs(w - best[k]!) * this.options.referenceMargin || Math.abs(w) * 1e-9 || 1e-9;
      return this.#directions[k] === 'maximize' ? w - away : w + away;
    });
  }

  protected propose(): { sample: Sample } | undefined {
    if (this.#exhausted) return undefined;
    const { space, rng } = this.context;
    if (this.trials.length >= this.options.initialSamples && this.#archive.length > 0) {
      const neighbour = this.#costOrdered() ?? this.#nextNeighbour();
      if (neighbour !== undefined) return { sample: neighbour };
      const sizes = this.options.kickSizes;
      const kick = () => {
        const from = this.#archive[rng.int(this.#archive.length)]!.sample;
        return applyMoves(space, from, kickMoves(space, from, sizes[rng.int(sizes.length)]!, rng), rng);
      };
      const kicked = this.proposedSamples.claimFirstNew(kick, KICK_RETRIES);
      if (kicked !== undefined) return { sample: kicked };
    }
    const sample = this.proposedSamples.claimUnseen(rng);
    if (sample === undefined) this.#exhausted = true;
    return sample === undefined ? undefined : { sample };
  }

  /**
   * An untried neighbour (now claimed) of the archive member to explore (see {@link #pick}) among
   * those with moves left, or `undefined` when every member's neighbourhood has been tried.
   */
  #nextNeighbour(): Sample | undefined {
    const { space, rng } = this.context;
    let open = this.#archive.filter((m) => m.moves === undefined || m.moves.length > 0);
    const contributions = this.options.explore === 'contribution' ? this.contributions : undefined;
    const share = new Map(contributions?.map((c, i) => [this.#archive[i]!, c]));
    while (open.length > 0) {
      const member = this.#pick(open, share);
      member.moves ??= shuffledMoves(space, member.sample, rng, this.options.redraws);
      const move = member.moves.pop();
      const neighbour = move === undefined ? undefined : applyMoves(space, member.sample, [move], rng);
      if (neighbour !== undefined && this.proposedSamples.claim(neighbour)) {
        member.proposed++;
        return neighbour;
      }
      if (member.moves.length === 0) open = open.filter((m) => m !== member);
    }
    return undefined;
  }

  /**
   * With `costOrder`, when the known costs hold every objective but one: of the archive member to
   * explore (see {@link #pick}), the untried neighbour with the largest expected hypervolume gain
   * ({@link bestExpectedGain}), now claimed. `undefined` (the plain order instead) without such
   * costs, and when no neighbour is left.
   */
  #costOrdered(): Sample | undefined {
    const reference = this.options.costOrder ? this.#reference() : undefined;
    const unknown = this.#unknown;
    if (reference === undefined || unknown === null) return undefined;
    const sign = this.#directions[unknown] === 'maximize' ? 1 : -1;
    for (const member of this.#archive) {
      member.neighbours ??= this.#costedNeighbours(member, unknown);
      member.neighbours = member.neighbours.filter((n) => !this.proposedSamples.has(n.sample));
    }
    const open = this.#archive.filter((m) => m.neighbours!.length > 0);
    if (open.length === 0) return undefined;
    const contributions = this.options.explore === 'contribution' ? this.contributions : undefined;
    const member = this.#pick(open, new Map(contributions?.map((c, i) => [this.#archive[i]!, c])));
    const value = sign * member.values[unknown]!;
    const front = this.#archive.map((m) => m.values);
    if (this.options.additiveModel && this.#effects.active) {
      // The model learns with every trial: its lifts are read afresh at each pick.
      const base = this.#effects.predict(member.sample);
      member.neighbours = member.neighbours!.map((n) => ({ ...n, lift: this.#effects.predict(n.sample) - base }));
    }
    const best = bestExpectedGain(member.neighbours!, () => value, this.#steps, front, unknown, reference, this.#directions)!;
    const drawn = this.options.modelCandidates > 0 && this.options.additiveModel && this.#effects.active ? this.#modelPick(front, unknown, reference, best.gain) : undefined;
    if (drawn !== undefined) {
      this.proposedSamples.claim(drawn);
      return drawn;
    }
    const { sample, lift } = member.neighbours![best.index]!;
    this.proposedSamples.claim(sample);
    member.proposed++;
    this.#memberOf.set(this.trials.length, { value, lift });
    return sample;
  }

  /**
   * Of `modelCandidates` random samples not proposed yet, the one the additive model expects to add
   * the most hypervolume to `front`, when that is more than `neighbourGain` (the best neighbour's):
   * its known objectives are exact and the unknown one is the model's prediction (the mean told plus
   * the effects of its values), taken as it is. `undefined` otherwise.
   */
  #modelPick(front: readonly (readonly number[])[], unknown: number, reference: readonly number[], neighbourGain: number): Sample | undefined {
    const candidates: CostedNeighbour[] = [];
    const predicted: number[] = [];
    const mean = this.#effects.meanScore;
    for (let i = 0; i < this.options.modelCandidates; i++) {
      const sample = this.proposedSamples.findUnseen(this.context.rng);
      if (sample === undefined) break;
      const objectives = knownObjectives(this.context, sample);
      if (objectives === undefined || objectives.unknown !== unknown) continue;
      candidates.push({ sample, known: objectives.values, lift: 0 });
      predicted.push(mean + this.#effects.predict(sample));
    }
    const best = bestExpectedGain(candidates, (i) => predicted[i]!, AS_PREDICTED, front, unknown, reference, this.#directions);
    return best !== undefined && best.gain > neighbourGain ? candidates[best.index]!.sample : undefined;
  }

  /**
   * The neighbours of `member` (one move away, then with `swaps` the swaps, each in random order) with
   * the objectives their costs give.
   */
  #costedNeighbours(member: ArchiveMember, unknown: number): CostedNeighbour[] {
    const { space, rng } = this.context;
    const neighbours: CostedNeighbour[] = [];
    const known = this.context.knownCosts!;
    // With the additive model the lifts are read at each pick (#costOrdered); the costs' are not needed.
    const memberCosts = this.options.additiveModel && this.#effects.active ? undefined : known(member.sample);
    const base = memberCosts === undefined ? 0 : this.#fit.predict(memberCosts.metrics);
    const moves: Move[][] = shuffledMoves(space, member.sample, rng, this.options.redraws).map((move) => [move]);
    if (this.options.swaps) moves.push(...swapMoves(space, member.sample, rng));
    for (const change of moves) {
      const sample = applyMoves(space, member.sample, change, rng);
      if (sample === undefined || this.proposedSamples.has(sample)) continue;
      const objectives = knownObjectives(this.context, sample);
      const costs = memberCosts === undefined ? undefined : known(sample);
      const lift = costs === undefined ? 0 : this.#fit.predict(costs.metrics) - base;
      neighbours.push({ sample, known: objectives?.unknown === unknown ? objectives.values : undefined, lift });
    }
    return neighbours;
  }

  /**
   * The member of `open` with the largest contribution in `share`, discounted by its proposed
   * neighbours (`exploreDecay`; the oldest among equals), or a
   * random one when `share` is empty (`explore: 'uniform'`, or no contributions to go by).
   */
  #pick(open: readonly ArchiveMember[], share: ReadonlyMap<ArchiveMember, number>): ArchiveMember {
    if (share.size === 0) return open[this.context.rng.int(open.length)]!;
    const discounted = (member: ArchiveMember) => share.get(member)! / (1 + member.proposed) ** this.options.exploreDecay;
    let best = open[0]!;
    for (const member of open) if (discounted(member) > discounted(best)) best = member;
    return best;
  }

  protected override observe(proposal: Proposal, outcome: Outcome): void {
    const from = this.#memberOf.get(proposal.id);
    this.#memberOf.delete(proposal.id);
    if (outcome.status !== 'succeeded') return;
    const member: ArchiveMember = { sample: proposal.sample, ...rankedOutcome('LocalSearch', this.context, proposal, outcome), moves: undefined, proposed: 0 };
    if ((member.violation ?? 0) === 0) this.#widenRanges(member.values);
    if (this.options.costOrder && this.#unknown === null) this.#unknown = knownObjectives(this.context, proposal.sample)?.unknown ?? null;
    const unknown = this.#unknown;
    if (unknown !== null && (member.violation ?? 0) === 0) {
      const value = (this.#directions[unknown] === 'maximize' ? 1 : -1) * member.values[unknown]!;
      this.#steps.add(value, from?.value, from?.lift);
      const costs = this.context.knownCosts?.(proposal.sample);
      if (costs !== undefined) this.#fit.add(costs.metrics, value);
      if (this.options.additiveModel) this.#effects.add(proposal.sample, value);
    }
    if (this.#archive.some((m) => constraintDominates(m, member, this.#directions))) return;
    this.#archive = this.#archive.filter((m) => !constraintDominates(member, m, this.#directions));
    this.#archive.push(member);
  }

  /** Takes a feasible trial's values into the worst and best values told. */
  #widenRanges(values: readonly number[]): void {
    const better = (a: number, b: number, k: number) => (this.#directions[k] === 'maximize' ? a > b : a < b);
    const worst = this.#worst;
    const best = this.#best;
    this.#worst = values.map((v, k) => (worst === undefined || better(worst[k]!, v, k) ? v : worst[k]!));
    this.#best = values.map((v, k) => (best === undefined || better(v, best[k]!, k) ? v : best[k]!));
  }
}
