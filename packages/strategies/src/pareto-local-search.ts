/**
 * Pareto local search (Paquete, Chiarandini and Stützle, 2004), what {@link LocalSearch} does when the
 * search has several objectives: it keeps the archive of trials no other trial dominates
 * (constraint-domination: feasible trials first), tries the neighbours (one decision away) of
 * archive members, one random member with untried neighbours at a time, and every neighbour that no archive member dominates joins the archive, pushing
 * out those it dominates. When every member's neighbourhood has been tried, a kick changes a few
 * decisions of a random member.
 */
import type { Sample } from '@archspace/mutables';
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
   * An untried neighbour (now claimed) of a random archive member that has moves left, or
   * `undefined` when every member's neighbourhood has been tried.
   */
  #nextNeighbour(): Sample | undefined {
    const { space, rng } = this.context;
    let open = this.#archive.filter((m) => m.moves === undefined || m.moves.length > 0);
    while (open.length > 0) {
      const member = open[rng.int(open.length)]!;
      member.moves ??= shuffledMoves(space, member.sample, rng, this.options.redraws);
      const move = member.moves.pop();
      const neighbour = move === undefined ? undefined : applyMoves(space, member.sample, [move], rng);
      if (neighbour !== undefined && this.proposedSamples.claim(neighbour)) return neighbour;
      if (member.moves.length === 0) open = open.filter((m) => m !== member);
    }
    return undefined;
  }

  protected override observe(proposal: Proposal, outcome: Outcome): void {
    if (outcome.status !== 'succeeded') return;
    const member: ArchiveMember = { sample: proposal.sample, ...rankedOutcome('LocalSearch', this.context, proposal, outcome), moves: undefined };
    if (this.#archive.some((m) => constraintDominates(m, member, this.#directions))) return;
    this.#archive = this.#archive.filter((m) => !constraintDominates(member, m, this.#directions));
    this.#archive.push(member);
  }
}
