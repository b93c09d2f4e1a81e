/**
 * Hash routes (`#/`, `#/trials`, `#/trials/<id>`, `#/charts`, `#/compare?ids=a,b`), so the server
 * serves one `index.html` for every page.
 */

/** A page of the app. */
export type Route =
  | { readonly page: 'overview' }
  | { readonly page: 'trials' }
  | { readonly page: 'trial'; readonly id: string }
  | { readonly page: 'charts' }
  | { readonly page: 'compare'; readonly ids: readonly string[] }
  | { readonly page: 'unknown'; readonly path: string };

/** The most trials the compare page shows at once. */
export const MAX_COMPARED = 4;

/**
 * The page a location hash names.
 *
 * @example parseRoute('#/trials/Ab12x') // { page: 'trial', id: 'Ab12x' }
 * @example parseRoute('#/compare?ids=a,b') // { page: 'compare', ids: ['a', 'b'] }
 */
export function parseRoute(hash: string): Route {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const queryAt = fragment.indexOf('?');
  const path = (queryAt < 0 ? fragment : fragment.slice(0, queryAt)).replace(/\/+$/, '');
  const query = new URLSearchParams(queryAt < 0 ? '' : fragment.slice(queryAt + 1));
  if (path === '' || path === '/') return { page: 'overview' };
  if (path === '/trials') return { page: 'trials' };
  if (path === '/charts') return { page: 'charts' };
  if (path === '/compare') {
    const ids = (query.get('ids') ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
    return { page: 'compare', ids: [...new Set(ids)].slice(0, MAX_COMPARED) };
  }
  const trial = /^\/trials\/([^/]+)$/.exec(path);
  if (trial) return { page: 'trial', id: safeDecode(trial[1]!) };
  return { page: 'unknown', path };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The hash of a trial's page. */
export function trialHref(id: string): string {
  return `#/trials/${encodeURIComponent(id)}`;
}

/** The hash of the compare page for `ids`. */
export function compareHref(ids: readonly string[]): string {
  return `#/compare?ids=${ids.map(encodeURIComponent).join(',')}`;
}
