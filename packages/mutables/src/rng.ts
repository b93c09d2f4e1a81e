/**
 * Seeded randomness. Every random draw in archspace goes through an {@link Rng} made from a seed, so
 * the same seed gives the same search on every machine. The generator is seedrandom's Alea: fast
 * (a few nanoseconds a draw), with a saveable state.
 */
import seedrandom from 'seedrandom';

/** The generator state saved by {@link Rng.state}; opaque, JSON-serialisable. */
export type RngState = object;

/** A seeded pseudo-random number generator with the draws a search needs. */
export class Rng {
  readonly #next: seedrandom.StatefulPRNG<seedrandom.State.Alea>;

  /** Use {@link createRng} or {@link Rng.fromState}. */
  private constructor(prng: seedrandom.StatefulPRNG<seedrandom.State.Alea>) {
    this.#next = prng;
  }

  /** Makes a generator from a seed; equal seeds give equal streams. */
  static fromSeed(seed: string | number): Rng {
    return new Rng(seedrandom.alea(String(seed), { state: true }));
  }

  /** Re-creates a generator exactly where {@link Rng.state} left it. */
  static fromState(state: RngState): Rng {
    return new Rng(seedrandom.alea('', { state: state as seedrandom.State.Alea }));
  }

  /** A float uniformly distributed in [0, 1). */
  next(): number {
    return this.#next();
  }

  /** An integer uniformly distributed in [0, n). */
  int(n: number): number {
    return Math.floor(this.#next() * n);
  }

  /** A float uniformly distributed in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.#next();
  }

  /** A standard normal draw (Marsaglia's polar method; the second variate is discarded so that {@link Rng.state} captures everything). */
  normal(): number {
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.#next() - 1;
      v = 2 * this.#next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    return u * Math.sqrt((-2 * Math.log(s)) / s);
  }

  /** An index in [0, weights.length) drawn with probability proportional to its weight. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.#next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i]!;
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** `k` distinct indices of [0, n), in increasing order, each subset equally likely. */
  sampleIndices(n: number, k: number): number[] {
    const pool = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = i + this.int(n - i);
      const t = pool[i]!;
      pool[i] = pool[j]!;
      pool[j] = t;
    }
    return pool.slice(0, k).sort((a, b) => a - b);
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = items[i]!;
      items[i] = items[j]!;
      items[j] = t;
    }
    return items;
  }

  /** A snapshot of the generator to resume from with {@link Rng.fromState}. */
  state(): RngState {
    return this.#next.state();
  }

  /** A new generator whose stream is derived from this one but independent of later draws here. */
  fork(): Rng {
    return Rng.fromSeed(`fork:${this.#next()}`);
  }
}

/**
 * Makes a seeded generator.
 *
 * @example
 * ```ts
 * const rng = createRng(42);
 * const sample = space.random(rng);
 * ```
 */
export function createRng(seed: string | number): Rng {
  return Rng.fromSeed(seed);
}
