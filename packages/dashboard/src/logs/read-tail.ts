/**
 * The end of a trial's log file. The body is streamed and only its last `maxBytes` are kept, so a
 * log of gigabytes costs the page no more than the tail it shows.
 */

/** The default size of a log tail: 64 KiB. */
export const TAIL_BYTES = 64 * 1024;

/**
 * The last `maxBytes` of a response body as text; when bytes were dropped, the first partial line is
 * dropped too and `truncated` is set.
 */
export async function readTail(body: ReadableStream<Uint8Array> | null, maxBytes = TAIL_BYTES): Promise<{ text: string; truncated: boolean }> {
  if (body === null) return { text: '', truncated: false };
  const reader = body.getReader();
  let chunks: Uint8Array[] = [];
  let kept = 0;
  let truncated = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    kept += value.length;
    while (kept - chunks[0]!.length >= maxBytes) {
      kept -= chunks[0]!.length;
      chunks = chunks.slice(1);
      truncated = true;
    }
  }
  const all = new Uint8Array(kept);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  const cut = kept > maxBytes ? all.subarray(kept - maxBytes) : all;
  let text = new TextDecoder().decode(cut);
  if (truncated || kept > maxBytes) {
    truncated = true;
    const newline = text.indexOf('\n');
    text = newline >= 0 ? text.slice(newline + 1) : text;
  }
  return { text, truncated };
}
