/**
 * Where a mutable was created, for error messages that must name both sides of a label clash.
 * The stack is captured cheaply at construction and only formatted when a message needs it.
 */

const OWN_FRAME = /[\\/](packages[\\/](ir|mutables|strategies|experiment)[\\/](src|dist)[\\/](?!.*\.test\.[jt]s)|node_modules[\\/]@archspace[\\/])/;

/** A lazily formatted source location. */
export class Origin {
  readonly #holder: { stack?: string };
  #text: string | undefined;

  private constructor(holder: { stack?: string }) {
    this.#holder = holder;
  }

  /** Captures the caller's location, skipping archspace's own frames. */
  static capture(): Origin {
    const holder: { stack?: string } = {};
    Error.captureStackTrace(holder, Origin.capture);
    return new Origin(holder);
  }

  /** `file:line:column` of the first frame outside archspace, or `"unknown location"`. */
  toString(): string {
    if (this.#text === undefined) {
      const lines = (this.#holder.stack ?? '').split('\n').slice(1);
      const frame = lines.find((line) => !OWN_FRAME.test(line) && !line.includes('node:internal')) ?? lines[0];
      const match = frame?.match(/\(?((?:file:\/\/)?[^()\s]+:\d+:\d+)\)?\s*$/);
      this.#text = match?.[1]?.replace(/^file:\/\//, '') ?? 'unknown location';
    }
    return this.#text;
  }
}
