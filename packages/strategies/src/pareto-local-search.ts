/**
 * Pareto local search (Paquete, Chiarandini and Stützle, 2004), what {@link LocalSearch} does when the
 * search has several objectives: it keeps the archive of trials no other trial dominates
 * (constraint-domination: feasible trials first), tries the neighbours (one decision away) of
 * archive members, and every neighbour that no archive member dominates joins the archive, pushing
 * out those it dominates. When every member's neighbourhood has been tried, a kick changes a few
 * decisions of a random member.
 *
 * Which member to explore next is archspace's choice (`explore`): by default the one holding the
 * largest share of the archive's hypervolume alone (its exclusive contribution), so the search works
 * where the front has its largest gaps and its extremes rather than where it is already dense; the
 * original picks a random member.
 */
import type { Sample } from '@archspace/mutables';
import { hypervolumeContributions } from './hypervolume-contributions.js';
import type { LocalSearchSettings } from './local-search.js';
import { applyMoves, KICK_RETRIES, kickMoves, type Move, shuffledMoves } from './local-search-moves.js';
import { rankedOutcome, rankingDirections } from './ranked-outcome.js';
import { constraintDominates, type RankedPoint } from './non-dominated-sort.js';
import { type Direction, type Outcome, type Proposal, type StrategyContext, StrategySession } from './strategy.js';

/** A told trial in the archive, with the moves around it not tried yet (drawn when first needed). */
interface ArchiveMember extends RankedPoint {
  readonly sample: Sample;
  moves: Move[] | undefined;
}

/** A session of {@link LocalSearch} over several objectives. */
export class ParetoLocalSearchSession extends StrategySession {
  readonly #directions: readonly Direction[];
  #archive: ArchiveMember[] = [];
  #exhausted = false;
  /** The worst and the best value of each objective over the feasible trials told. */
  #worst: number[] | undefined;
  #best: number[] | undefined;

  constructor(
    context: StrategyContext,
    readonly options: LocalSearchSettings,
  ) {
    super(context);
    this.#directions = rankingDirections(context);
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
    const worst = this.#worst;
    const best = this.#best;
    if (worst === undefined || best === undefined || this.#archive.some((m) => (m.violation ?? 0) > 0)) return undefined;
    const reference = worst.map((w, k) => {
      // A margin of at least a tiny fraction keeps the worst member's own contribution above zero.
      const away = Math.abs(w - best[k]!) * this.options.referenceMargin || Math.abs(w) * 1e-9 || 1e-9;
      return this.#directions[k] === 'maximize' ? w - away : w + away;
    });
    return hypervolumeContributions(
      this.#archive.map((m) => m.values),
      reference,
      this.#directions,
    );
  }

  protected propose(): { sample: Sample } | undefined {
    if (this.#exhausted) return undefined;
    const { space, rng } = this.context;
    if (this.trials.length >= this.options.initialSamples && this.#archive.length > 0) {
      const neighbour = this.#nextNeighbour();
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
      if (neighbour !== undefined && this.proposedSamples.claim(neighbour)) return neighbour;
      if (member.moves.length === 0) open = open.filter((m) => m !== member);
    }
    return undefined;
  }

  /**
   * The member of `open` with the largest contribution in `share` (the oldest among equals), or a
   * random one when `share` is empty (`explore: 'uniform'`, or no contributions to go by).
   */
  #pick(open: readonly ArchiveMember[], share: ReadonlyMap<ArchiveMember, number>): ArchiveMember {
    if (share.size === 0) return open[this.context.rng.int(open.length)]!;
    let best = open[0]!;
    for (const member of open) if (share.get(member)! > share.get(best)!) best = member;
    return best;
  }

  protected override observe(proposal: Proposal, outcome: Outcome): void {
    if (outcome.status !== 'succeeded') return;
    const member: ArchiveMember = { sample: proposal.sample, ...rankedOutcome('LocalSearch', this.context, proposal, outcome), moves: undefined };
    if ((member.violation ?? 0) === 0) this.#widenRanges(member.values);
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
