/**
 * What an experiment manager tells its listeners (the REST layer's `GET /events`): a trial was added
 * or changed, a metric arrived, the experiment changed. Listeners are called synchronously, after the
 * change is in the store; a listener that throws never disturbs the manager.
 */

/** Something that changed in an experiment. */
export type ExperimentEvent =
  /** The experiment's status or profile changed. */
  | { readonly kind: 'experiment' }
  /** A trial was added, changed status, or got its final metric. */
  | { readonly kind: 'trial'; readonly trialJobId: string }
  /** A trial reported a metric (already stored); `value` is its number. */
  | { readonly kind: 'metric'; readonly trialJobId: string; readonly type: 'PERIODICAL' | 'FINAL'; readonly sequence: number; readonly value: number };

/** A function told of every event. */
export type ExperimentListener = (event: ExperimentEvent) => void;

/**
 * A small typed event channel: `subscribe` returns the function that unsubscribes.
 *
 * @example
 * ```ts
 * const events = new ExperimentEvents();
 * const unsubscribe = events.subscribe((e) => console.log(e.kind));
 * events.emit({ kind: 'experiment' }); // logs "experiment"
 * unsubscribe();
 * ```
 */
export class ExperimentEvents {
  readonly #listeners = new Set<ExperimentListener>();

  /** Adds a listener; call the returned function to remove it (idempotent). */
  subscribe(listener: ExperimentListener): () => void {
    const entry: ExperimentListener = (event) => listener(event);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  /** The number of listeners (for tests: a closed stream must have unsubscribed). */
  get size(): number {
    return this.#listeners.size;
  }

  /** Tells every listener; a listener's error is given to `onError` and goes no further. */
  emit(event: ExperimentEvent, onError?: (error: unknown) => void): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch (error) {
        onError?.(error);
      }
    }
  }
}
