/**
 * What a session has proposed, and how to find a sample it has not: random draws first, then, in a
 * finite space where draws keep repeating, the grid's points not proposed yet. Every deduplicating
 * strategy uses it, so "never propose a sample twice" means the same everywhere.
 */
import type { Mutable, Rng, Sample } from '@archspace/mutables';
import { refiningGrid } from './refining-grid.js';
import { sampleKey } from './sample-key.js';

/** Random draws tried for an unseen sample before the grid walk (as the reference's 500 retries). */
export const UNSEEN_RANDOM_RETRIES = 500;
/** Largest finite space whose grid is walked for unseen samples once random draws stop finding them. */
export const GRID_FALLBACK_LIMIT = 1_000_000;
/**
 * The finest grid the fallback walks: a quantised range lists all its values only at a granularity
 * fine enough (`2^g - 1` points), so the walk refines up to the largest granularity a grid allows.
 */
const FALLBACK_MAX_GRANULARITY = 20;

/** The set of proposed samples of one session. */
export class ProposedSamples {
  readonly #keys = new Set<string>();
  #leftovers: Iterator<Sample> | undefined;

  /**
   * `identify` maps a sample to the key samples are told apart by: by default its own values
   * ({@link sampleKey}); a strategy given a canonical key (two samples, one network) passes it here.
   */
  constructor(
    private readonly space: Mutable,
    private readonly identify: (sample: Sample) => string = sampleKey,
  ) {}

  /** How many distinct samples were recorded. */
  get size(): number {
    return this.#keys.size;
  }

  /** Whether `sample` was recorded. */
  has(sample: Sample): boolean {
    return this.#keys.has(this.identify(sample));
  }

  /** Records `sample`; false when it already was. */
  claim(sample: Sample): boolean {
    const key = this.identify(sample);
    if (this.#keys.has(key)) return false;
    this.#keys.add(key);
    return true;
  }

  /**
   * A sample not recorded yet (and not recorded by this call): `retries` random draws, then the
   * unrecorded grid points of a finite space, at finer and finer granularity (so that quantised
   * ranges are listed whole); `undefined` once none is left.
   */
  findUnseen(rng: Rng, retries = UNSEEN_RANDOM_RETRIES): Sample | undefined {
    for (let attempt = 0; attempt < retries; attempt++) {
      const sample = this.space.random(rng);
      if (!this.has(sample)) return sample;
    }
    if (this.space.size > GRID_FALLBACK_LIMIT) return undefined;
    this.#leftovers ??= refiningGrid(this.space, { maxGranularity: FALLBACK_MAX_GRANULARITY, isNew: (sample) => !this.has(sample), known: () => this.#keys.size });
    const next = this.#leftovers.next();
    return next.done ? undefined : next.value;
  }

  /**
   * The first of up to `tries` candidates from `next` that is a sample (not `undefined`) and not
   * recorded yet, now recorded; `undefined` when none of them is.
   */
  claimFirstNew(next: () => Sample | undefined, tries: number): Sample | undefined {
    for (let attempt = 0; attempt < tries; attempt++) {
      const candidate = next();
      if (candidate !== undefined && this.claim(candidate)) return candidate;
    }
    return undefined;
  }

  /** Like {@link ProposedSamples.findUnseen}, and records the sample found. */
  claimUnseen(rng: Rng, retries = UNSEEN_RANDOM_RETRIES): Sample | undefined {
    const sample = this.findUnseen(rng, retries);
    if (sample !== undefined) this.claim(sample);
    return sample;
  }
}

/**
 * A random sample for a session to propose: any draw when `proposed` is `undefined` (no dedup), else
 * one `proposed` has not recorded, now recorded; `undefined` once a finite space has none left.
 */
export function randomProposal(space: Mutable, rng: Rng, proposed: ProposedSamples | undefined): Sample | undefined {
  return proposed === undefined ? space.random(rng) : proposed.claimUnseen(rng);
}
