/**
 * A GET sent with node:http exactly as written — path and headers untouched, where `fetch` would
 * normalise `..` segments away and refuse to set `Host`. For tests of the REST server.
 */
import { request } from 'node:http';

/** Sends `GET path` to 127.0.0.1:`port` with `headers` (a `host` one included); resolves with the status and body text. */
export function rawRequest(port: number, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}
