/**
 * The contract between a search strategy and whatever runs trials. A {@link Strategy} holds settings;
 * `start` gives a {@link StrategySession} for one search. The session proposes samples (`ask`), learns
 * from their outcomes (`tell`), and keeps no state it could not re-derive from the trials it was
 * told about — so searches resume and run concurrently (several proposals in flight).
 */
import type { Mutable, Rng, Sample } from '@archspace/mutables';
import { ProposedSamples } from './proposed-samples.js';
import { checkOutcome } from './strategy-options.js';

/** Whether higher or lower values are better. */
export type Direction = 'maximize' | 'minimize';

/** A sample to evaluate, with the fidelity to evaluate it at for multi-fidelity strategies. */
export interface Proposal {
  /** The trial's id in this session: 0, 1, 2, … in proposal order. */
  readonly id: number;
  /** The sample to evaluate. */
  readonly sample: Sample;
  /** The resource to spend (epochs, say), for multi-fidelity strategies; `undefined` means full. */
  readonly budget?: number;
}

/** What became of a proposal. */
export type Outcome =
  | {
      readonly status: 'succeeded';
      readonly value: number;
      readonly intermediates?: readonly number[];
      /**
       * Every objective's value, in the order of {@link StrategyContext.objectives}, for
       * multi-objective strategies; `value` is the first of them.
       */
      readonly objectives?: readonly number[];
      /** How far the trial's metrics break the search's constraints, summed (absent or 0: feasible). */
      readonly violation?: number;
    }
  | { readonly status: 'failed'; readonly error?: string; readonly intermediates?: readonly number[] }
  | { readonly status: 'stopped'; readonly value?: number; readonly intermediates: readonly number[] };

/** A proposal and, once told, its outcome. */
export interface TrialRecord {
  readonly proposal: Proposal;
  readonly outcome?: Outcome;
}

/** A trial that ran before a session started, for {@link StrategySession.restore}. */
export interface RestoredTrial {
  readonly sample: Sample;
  readonly budget?: number;
  /** What became of it; absent while the trial is still to finish. */
  readonly outcome?: Outcome;
}

/** What a session works with. */
export interface StrategyContext {
  readonly space: Mutable;
  readonly rng: Rng;
  readonly direction: Direction;
  /**
   * The most trials the search will run, when known (`search()`'s `maxTrials`, an experiment's
   * `maxTrialNumber`): strategies whose defaults assume thousands of trials scale them to it.
   */
  readonly maxTrials?: number;
  /**
   * The direction of each objective of a multi-objective search (outcomes then carry `objectives`);
   * absent for a search of one value, whose direction is `direction`.
   */
  readonly objectives?: readonly Direction[];
  /**
   * The name of each objective of a multi-objective search, in the order of `objectives`, when the
   * search knows them (`search()` does): a strategy finds by them the objectives that `knownCosts` holds.
   */
  readonly objectiveNames?: readonly string[];
  /**
   * A sample's metrics known before training (`search()`'s `costs`: FLOPs, parameters, …) and how
   * far they break the search's constraints (0: within them), or `undefined` when they cannot be
   * known at once (no costs, asynchronous costs, or costs that fail on the sample). Strategies may
   * use it to order or screen candidates before proposing them; absent when the search has no costs.
   */
  readonly knownCosts?: (sample: Sample) => KnownCosts | undefined;
}

/** What {@link StrategyContext.knownCosts} tells of a sample. */
export interface KnownCosts {
  /** The cost metrics by name. */
  readonly metrics: Readonly<Record<string, number>>;
  /** How far they break the constraints on them, summed (0: feasible as far as costs tell). */
  readonly violation: number;
}

/** Settings of a search strategy; `start` makes a session for one search. */
export interface Strategy {
  /** A short name for reports (`"Random"`, `"TPE"`, …). */
  readonly name: string;
  /** True for strategies that search several objectives at once (`NSGA2`); the others refuse them. */
  readonly multiObjective?: boolean;
  /** Starts a search of `context.space`. */
  start(context: StrategyContext): StrategySession;
}

/**
 * One search in progress. `ask` returns the next proposal, or `undefined` when there is nothing to
 * propose right now — for good when `done` is true, otherwise until an outcome arrives.
 */
export abstract class StrategySession {
  readonly #trials: TrialRecord[] = [];
  readonly #byId = new Map<number, number>();
  #proposed: ProposedSamples | undefined;

  constructor(readonly context: StrategyContext) {}

  /** Every trial so far, in proposal order. */
  get trials(): readonly TrialRecord[] {
    return this.#trials;
  }

  /** True once the strategy will never propose again (a grid walked, a space exhausted). */
  get done(): boolean {
    return false;
  }

  /** The next proposal, or `undefined` (see the class comment). */
  ask(): Proposal | undefined {
    const next = this.propose();
    if (next === undefined) return undefined;
    const proposal: Proposal = { id: this.#trials.length, sample: next.sample, ...(next.budget !== undefined ? { budget: next.budget } : {}) };
    this.#byId.set(proposal.id, this.#trials.length);
    this.#trials.push({ proposal });
    return proposal;
  }

  /** Records the outcome of proposal `id` and lets the strategy learn from it; a malformed outcome is a TypeError naming what it got. */
  tell(id: number, outcome: Outcome): void {
    const index = this.#byId.get(id);
    if (index === undefined) throw new RangeError(`tell(): no proposal with id ${id}`);
    const record = this.#trials[index]!;
    if (record.outcome !== undefined) throw new RangeError(`tell(): proposal ${id} already has an outcome`);
    checkOutcome(outcome, `tell(${id})`);
    this.#trials[index] = { proposal: record.proposal, outcome };
    this.observe(record.proposal, outcome);
  }

  /**
   * Feeds the session trials that ran before (a resumed experiment): each is recorded as proposed,
   * so its sample is never proposed again, and the session learns from every entry that has an
   * outcome. An entry without `outcome` is a trial still to finish (one a resumed experiment re-runs):
   * it stays pending, and its outcome is told later with `tell()` on the id of the returned proposal.
   * Returns the proposals made for `entries`, in their order.
   */
  restore(entries: readonly RestoredTrial[]): Proposal[] {
    const proposals: Proposal[] = [];
    entries.forEach((entry, i) => {
      if (entry.outcome !== undefined) checkOutcome(entry.outcome, `restore(): entry ${i}`);
    });
    for (const entry of entries) {
      const proposal: Proposal = { id: this.#trials.length, sample: entry.sample, ...(entry.budget !== undefined ? { budget: entry.budget } : {}) };
      this.#byId.set(proposal.id, this.#trials.length);
      this.#trials.push(entry.outcome === undefined ? { proposal } : { proposal, outcome: entry.outcome });
      this.proposedSamples.claim(entry.sample);
      if (entry.outcome !== undefined) this.observe(proposal, entry.outcome);
      proposals.push(proposal);
    }
    return proposals;
  }

  /** The samples proposed (or restored) in this session, for strategies that never repeat one. */
  protected get proposedSamples(): ProposedSamples {
    this.#proposed ??= new ProposedSamples(this.context.space, this.sameSampleKey());
    return this.#proposed;
  }

  /**
   * The key that tells samples apart for {@link StrategySession.proposedSamples}: `undefined` (the
   * default) compares their values; a strategy given a canonical key returns it.
   */
  protected sameSampleKey(): ((sample: Sample) => string) | undefined {
    return undefined;
  }

  /** The larger-is-better score of a value under the session's direction. */
  score(value: number): number {
    return this.context.direction === 'maximize' ? value : -value;
  }

  /** Proposals that have no outcome yet. */
  pending(): Proposal[] {
    return this.#trials.filter((t) => t.outcome === undefined).map((t) => t.proposal);
  }

  /** Makes the next sample (and budget), or `undefined`. */
  protected abstract propose(): { sample: Sample; budget?: number } | undefined;

  /** Learns from an outcome; by default nothing (the trial list is the state). */
  protected observe(_proposal: Proposal, _outcome: Outcome): void {}
}
