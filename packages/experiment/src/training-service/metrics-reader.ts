/**
 * Reads the lines a trial appended to its metrics file since the last read. A line still being
 * written (no newline yet) waits for the next read; a line that is not valid JSON is reported, not
 * thrown, so one bad line cannot stop an experiment.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { MetricLine } from '../trial/trial-env.js';

/** What one read found. */
export interface MetricsChunk {
  readonly lines: readonly MetricLine[];
  /** Lines that were not a metric, with why. */
  readonly rejected: readonly string[];
}

function isMetricLine(value: unknown): value is MetricLine {
  const v = value as Partial<MetricLine>;
  return (
    typeof value === 'object' &&
    value !== null &&
    (v.type === 'PERIODICAL' || v.type === 'FINAL') &&
    Number.isInteger(v.sequence) &&
    typeof v.value === 'string' &&
    typeof v.timestamp === 'number'
  );
}

/** Follows one metrics file. */
export class MetricsReader {
  #offset = 0;
  #partial = '';

  constructor(readonly file: string) {}

  /** The complete lines appended since the last call. */
  read(): MetricsChunk {
    let fd: number;
    try {
      fd = openSync(this.file, 'r');
    } catch {
      return { lines: [], rejected: [] };
    }
    try {
      const size = fstatSync(fd).size;
      if (size <= this.#offset) return { lines: [], rejected: [] };
      const buffer = Buffer.alloc(size - this.#offset);
      readSync(fd, buffer, 0, buffer.length, this.#offset);
      this.#offset = size;
      const text = this.#partial + buffer.toString('utf8');
      const parts = text.split('\n');
      this.#partial = parts.pop() ?? '';
      const lines: MetricLine[] = [];
      const rejected: string[] = [];
      for (const part of parts) {
        if (part.trim() === '') continue;
        try {
          const parsed: unknown = JSON.parse(part);
          if (isMetricLine(parsed)) lines.push(parsed);
          else rejected.push(`not a metric line: ${part.slice(0, 200)}`);
        } catch {
          rejected.push(`not JSON: ${part.slice(0, 200)}`);
        }
      }
      return { lines, rejected };
    } finally {
      closeSync(fd);
    }
  }
}
