/**
 * Rewrites a file's text by replacing ranges, and keeps every line where it was: a replacement of a
 * range that spans N line breaks carries N line breaks of its own, so the rewritten file's line
 * numbers are the user's (stack traces point at the user's lines even without a source map).
 */

/** Replace `[start, end)` of the original text with `text` (`start === end` inserts). */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** How many line breaks `text` holds. */
export function lineBreaks(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** `expression` in parentheses, holding as many line breaks as `replaced` (parentheses let them stand anywhere). */
export function sameLinesExpression(expression: string, replaced: string): string {
  const breaks = lineBreaks(replaced);
  return breaks === 0 ? expression : `(${expression}${'\n'.repeat(breaks)})`;
}

/** The edits in the order they apply: by start, an insertion before a replacement at the same place. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - a.start - (b.end - b.start));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.start < sorted[i - 1]!.end) throw new Error(`overlapping edits at offsets ${sorted[i - 1]!.start} and ${sorted[i]!.start}`);
  }
  return sorted;
}

/** `original` with `edits` applied. */
export function applyEdits(original: string, edits: readonly TextEdit[]): string {
  const parts: string[] = [];
  let cursor = 0;
  for (const edit of sortEdits(edits)) {
    parts.push(original.slice(cursor, edit.start), edit.text);
    cursor = edit.end;
  }
  parts.push(original.slice(cursor));
  return parts.join('');
}
