/**
 * A server's first answers pay one-time costs: Node's HTTP parser and the app's routes, query checks
 * and JSON writers are compiled on first use (about 20–40 ms at first, a few ms later). `warmUp` asks
 * a just-started server for a few small reads through its own socket, so that the first person's
 * request does not pay them. It fills no cache a later request reads: the reads are one
 * trial in sequence order and the status, whatever the next request asks (none of them reads the
 * metric index, the labels or the full listing).
 */
import { request } from 'node:http';

/** The reads a fresh server answers to itself, under its URL. */
const WARM_UP_PATHS = ['/api/v1/nni/check-status', '/api/v1/archspace/trials?limit=1'] as const;

/** GET `url` and read its body to the end; resolves on any answer or error, within `timeoutMs`. */
function readOnce(url: string, headers: Record<string, string>, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const req = request(url, { headers, timeout: timeoutMs }, (res) => {
      res.resume();
      res.once('end', () => resolve());
      res.once('error', () => resolve());
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve());
    req.end();
  });
}

/**
 * Answers the warm-up reads of the server at `url` (its base, with any URL prefix), one after another.
 * Never throws: a read that fails only leaves that path cold.
 */
export async function warmUp(url: string, token: string | undefined, timeoutMs = 2000): Promise<void> {
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` };
  for (const path of WARM_UP_PATHS) await readOnce(`${url}${path}`, headers, timeoutMs);
}
