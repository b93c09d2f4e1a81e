/**
 * The manager's list of problems (`GET /check-status` → `errors`): bounded, so a trial that writes a
 * million bad metric lines cannot grow the manager's memory, with a count of what was left out.
 */

/** The most messages kept. */
export const MAX_KEPT_ERRORS = 100;

/** A bounded list of error messages. */
export class ErrorLog {
  readonly #kept: string[] = [];
  #dropped = 0;

  /** Records a message (the first {@link MAX_KEPT_ERRORS} are kept; the rest are counted). */
  add(message: string): void {
    if (this.#kept.length < MAX_KEPT_ERRORS) this.#kept.push(message.length > 2000 ? `${message.slice(0, 2000)}…` : message);
    else this.#dropped++;
  }

  /** How many messages were recorded in all. */
  get size(): number {
    return this.#kept.length + this.#dropped;
  }

  /** The kept messages, then a line counting the others, if any. */
  list(): string[] {
    return this.#dropped === 0 ? [...this.#kept] : [...this.#kept, `… and ${this.#dropped} more`];
  }
}
