/**
 * A source map (version 3) from a rewritten file back to the user's file, for the edits of
 * `text-edits.ts`: unchanged code maps at every word and punctuation boundary, inserted code maps to
 * where it was inserted. Debuggers and `node --enable-source-maps` then show the user's columns too.
 */
import { sortEdits, type TextEdit } from './text-edits.js';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** One number in base-64 VLQ, as source maps write them. */
export function encodeVlq(value: number): string {
  let rest = value < 0 ? (-value << 1) | 1 : value << 1;
  let out = '';
  do {
    let digit = rest & 31;
    rest >>>= 5;
    if (rest > 0) digit |= 32;
    out += BASE64[digit];
  } while (rest > 0);
  return out;
}

function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const code = ch.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || ch === '_' || ch === '$' || code > 127;
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

/** The source map of `edits` applied to `original`; `source` is the original's path as seen from the rewritten file. */
export function sourceMapOf(original: string, edits: readonly TextEdit[], source: string, file: string): string {
  // Each generated line: segments of [generated column, original line, original column].
  const lines: [number, number, number][][] = [[]];
  let genCol = 0;
  let origLine = 0;
  let origCol = 0;
  const emit = (line: number, column: number) => lines[lines.length - 1]!.push([genCol, line, column]);
  const newGeneratedLine = () => {
    lines.push([]);
    genCol = 0;
  };
  let cursor = 0;
  const copy = (end: number) => {
    for (let i = cursor; i < end; i++) {
      const ch = original[i]!;
      if (!isSpace(ch) && (i === cursor || genCol === 0 || !isWordChar(ch) || !isWordChar(original[i - 1]))) emit(origLine, origCol);
      if (ch === '\n') {
        newGeneratedLine();
        origLine++;
        origCol = 0;
      } else {
        genCol++;
        origCol++;
      }
    }
  };
  for (const edit of sortEdits(edits)) {
    copy(edit.start);
    const [line, column] = [origLine, origCol];
    for (let i = 0; i < edit.text.length; i++) {
      if (i === 0 || genCol === 0) emit(line, column);
      if (edit.text[i] === '\n') newGeneratedLine();
      else genCol++;
    }
    for (let i = edit.start; i < edit.end; i++) {
      if (original[i] === '\n') {
        origLine++;
        origCol = 0;
      } else origCol++;
    }
    cursor = edit.end;
  }
  copy(original.length);
  let previousLine = 0;
  let previousColumn = 0;
  const mappings = lines
    .map((segments) => {
      let previousGen = 0;
      return segments
        .map(([gen, line, column]) => {
          // Fields: generated column (relative within the line), source index (always the one source), original line and column.
          const text = encodeVlq(gen - previousGen) + encodeVlq(0) + encodeVlq(line - previousLine) + encodeVlq(column - previousColumn);
          previousGen = gen;
          previousLine = line;
          previousColumn = column;
          return text;
        })
        .join(',');
    })
    .join(';');
  return JSON.stringify({ version: 3, file, sources: [source], names: [], mappings });
}

/** A comment that embeds `map` in the rewritten file. */
export function inlineSourceMapComment(map: string): string {
  return `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(map, 'utf8').toString('base64')}`;
}
