/**
 * The write token arrives in the URL fragment (`#token=…`, which the browser never sends to the
 * server). The app moves it into `sessionStorage` and takes it out of the address bar, so it is not
 * left in the history, in bookmarks or on screen.
 */

/** The `sessionStorage` key that holds the token. */
export const TOKEN_KEY = 'archspace.token';

/** The part of `Storage` the token needs. */
export type TokenStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The part of `Location` the token needs. */
export type PageLocation = Pick<Location, 'pathname' | 'search' | 'hash'>;

/** The part of `History` the token needs. */
export type PageHistory = Pick<History, 'replaceState'>;

/**
 * The token in a URL fragment and the fragment without it. The token may stand alone
 * (`#token=abc`) or in a route's query (`#/trials?token=abc`); other fragment content is kept.
 *
 * @example takeFragmentToken('#token=abc') // { token: 'abc', hash: '' }
 * @example takeFragmentToken('#/trials/x?token=abc') // { token: 'abc', hash: '#/trials/x' }
 */
export function takeFragmentToken(hash: string): { token: string | null; hash: string } {
  const fragment = hash.startsWith('#') ? hash.slice(1) : hash;
  const isRoute = fragment.startsWith('/');
  const queryAt = isRoute ? fragment.indexOf('?') : 0;
  const route = isRoute ? (queryAt < 0 ? fragment : fragment.slice(0, queryAt)) : '';
  const query = isRoute ? (queryAt < 0 ? '' : fragment.slice(queryAt + 1)) : fragment;
  const params = new URLSearchParams(query);
  const token = params.get('token');
  if (token === null) return { token: null, hash };
  params.delete('token');
  const rest = params.toString();
  const kept = route + (rest === '' ? '' : `${route === '' ? '' : '?'}${rest}`);
  return { token: token === '' ? null : token, hash: kept === '' ? '' : `#${kept}` };
}

/**
 * Moves a token found in the page's fragment into `storage` and rewrites the address bar without
 * it (`history.replaceState`, so no new history entry). Returns the token now known: the one just
 * read, else the one stored earlier in this tab, else `null`.
 */
export function adoptFragmentToken(location: PageLocation, history: PageHistory, storage: TokenStorage): string | null {
  const { token, hash } = takeFragmentToken(location.hash);
  if (token !== null) {
    storage.setItem(TOKEN_KEY, token);
    history.replaceState(null, '', `${location.pathname}${location.search}${hash}`);
    return token;
  }
  return storage.getItem(TOKEN_KEY);
}

/** Stores a token the user typed (an empty one forgets the token). */
export function storeToken(storage: TokenStorage, token: string): string | null {
  const trimmed = token.trim();
  if (trimmed === '') {
    storage.removeItem(TOKEN_KEY);
    return null;
  }
  storage.setItem(TOKEN_KEY, trimmed);
  return trimmed;
}
