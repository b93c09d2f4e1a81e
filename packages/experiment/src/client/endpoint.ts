/**
 * Where a client finds an experiment's REST API: a port on this machine, or the URL a server reports
 * (`http://host:port[/prefix]`, the address of the web UI).
 */
import { ArchspaceError } from '@archspace/ir';

const API_SUFFIX = /\/api\/v1\/(?:nni|archspace)\/?$/;

/**
 * The normalised endpoint (`http://host:port[/prefix]`, no trailing slash) for a port or URL; a URL
 * that already ends with `/api/v1/nni` is accepted too.
 *
 * @example
 * ```ts
 * resolveEndpoint(8080); // "http://127.0.0.1:8080"
 * resolveEndpoint('http://10.0.0.5:8080/nni/'); // "http://10.0.0.5:8080/nni"
 * ```
 */
export function resolveEndpoint(endpoint: string | number): string {
  if (typeof endpoint === 'number' || /^\s*\d+\s*$/.test(endpoint)) {
    const port = Number(endpoint);
    if (Number.isInteger(port) && port >= 1 && port <= 65535) return `http://127.0.0.1:${port}`;
  } else {
    let url: URL | undefined;
    try {
      url = new URL(endpoint.trim());
    } catch {
      url = undefined;
    }
    if (url && (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '') {
      return `${url.origin}${url.pathname.replace(API_SUFFIX, '').replace(/\/+$/, '')}`;
    }
  }
  throw new ArchspaceError({
    code: 'invalid-endpoint',
    path: ['endpoint'],
    expected: 'a port (1–65535) or an http(s) URL such as "http://127.0.0.1:8080"',
    received: endpoint,
  });
}
