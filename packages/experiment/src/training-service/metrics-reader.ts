/**
 * Follows a trial's metrics file: each read returns the complete lines appended since the last one,
 * each checked (see `metric-line.ts`). A read takes at most a fixed number of bytes, so a trial that
 * writes 200,000 lines at once is taken in slices and cannot hold the manager (and its REST API) up;
 * a line still being written waits for the next read; an over-long line is refused without being
 * kept in memory. Nothing here throws for what is in the file.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { type CheckedMetricLine, checkMetricLine, MAX_METRIC_LINE_BYTES, type ValidMetricLine } from './metric-line.js';

/** What one raw read found: complete lines as written, unchecked. */
export interface RawLinesChunk {
  /** The complete, non-blank lines (without their newline), each at most {@link MAX_METRIC_LINE_BYTES}. */
  readonly lines: readonly string[];
  /** Lines that were too long, with why (line numbers from 1). */
  readonly rejected: readonly string[];
  /** True when more bytes are waiting: read again soon. */
  readonly more: boolean;
}

/** What one read found. */
export interface MetricsChunk {
  readonly lines: readonly ValidMetricLine[];
  /** Lines that were not a metric, with why (line numbers from 1). */
  readonly rejected: readonly string[];
  /** True when more bytes are waiting: read again soon. */
  readonly more: boolean;
}

/** The most bytes one `read()` takes by default. */
export const DEFAULT_READ_BYTES = 256 * 1024;

/** Follows one metrics file. */
export class MetricsReader {
  #offset = 0;
  #partial = '';
  #skipping = false;
  #lineNumber = 0;
  readonly #decoder = new StringDecoder('utf8');

  /** `file`: the metrics file; `readBytes`: the most bytes one read takes. */
  constructor(
    readonly file: string,
    readonly readBytes: number = DEFAULT_READ_BYTES,
  ) {}

  /** Moves past every complete line the file holds now: later reads return only what is appended after. */
  skipToEnd(): void {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch {
      return;
    }
    const end = text.lastIndexOf('\n') + 1;
    this.#offset = Buffer.byteLength(text.slice(0, end));
    this.#lineNumber = text.slice(0, end).split('\n').length - 1;
    this.#partial = '';
  }

  /** The complete lines appended since the last call (at most `readBytes` of them), each checked. */
  read(): MetricsChunk {
    const raw = this.readRaw();
    const lines: ValidMetricLine[] = [];
    const rejected = [...raw.rejected];
    raw.lines.forEach((text, i) => this.#take(checkMetricLine(text), raw.lineNumbers[i]!, lines, rejected));
    return { lines, rejected, more: raw.more };
  }

  /**
   * The complete lines appended since the last call, as written (a Redis worker forwards them to the
   * manager, which checks them). Shares the position with {@link read}: use one or the other.
   */
  readRaw(): RawLinesChunk & { readonly lineNumbers: readonly number[] } {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      return { lines: [], lineNumbers: [], rejected: [], more: false };
    }
    let buffer: Buffer;
    let more: boolean;
    try {
      const size = fstatSync(fd).size;
      if (size <= this.#offset) return { lines: [], lineNumbers: [], rejected: [], more: false };
      const length = Math.min(size - this.#offset, this.readBytes);
      buffer = Buffer.alloc(length);
      const got = readSync(fd, buffer, 0, length, this.#offset);
      buffer = buffer.subarray(0, got);
      this.#offset += got;
      more = this.#offset < size;
    } catch {
      return { lines: [], lineNumbers: [], rejected: [], more: false };
    } finally {
      closeSync(fd);
    }
    return { ...this.#split(this.#decoder.write(buffer)), more };
  }

  #split(text: string): { lines: string[]; lineNumbers: number[]; rejected: string[] } {
    const lines: string[] = [];
    const lineNumbers: number[] = [];
    const rejected: string[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const piece = text.slice(start, end);
      start = end + 1;
      this.#lineNumber++;
      if (this.#skipping) {
        this.#skipping = false;
        this.#partial = '';
        continue;
      }
      const line = this.#partial + piece;
      this.#partial = '';
      if (line.trim() === '') continue;
      if (line.length > MAX_METRIC_LINE_BYTES / 3 && Buffer.byteLength(line) > MAX_METRIC_LINE_BYTES) {
        rejected.push(this.#tooLong(this.#lineNumber));
        continue;
      }
      lines.push(line);
      lineNumbers.push(this.#lineNumber);
    }
    if (!this.#skipping) {
      this.#partial += text.slice(start);
      if (Buffer.byteLength(this.#partial) > MAX_METRIC_LINE_BYTES) {
        rejected.push(this.#tooLong(this.#lineNumber + 1));
        this.#partial = '';
        this.#skipping = true;
      }
    }
    return { lines, lineNumbers, rejected };
  }

  #tooLong(lineNumber: number): string {
    return `line ${lineNumber} of the metrics file is longer than ${MAX_METRIC_LINE_BYTES} bytes (a metric is a number or a small JSON record)`;
  }

  #take(checked: CheckedMetricLine, lineNumber: number, lines: ValidMetricLine[], rejected: string[]): void {
    if (checked.ok) lines.push(checked.metric);
    else rejected.push(`line ${lineNumber} of the metrics file: ${checked.reason}`);
  }
}
