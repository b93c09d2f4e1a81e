/**
 * Where the API is, seen from the page: the dashboard is served at `{urlPrefix}/` and the API at
 * `{urlPrefix}/api/v1/…`, so the API's base is the page's folder.
 */

/**
 * The URL path of the API's root for a page at `pathname`: the folder of the page, ending in `/`.
 *
 * @example apiRoot('/prefix/index.html') // '/prefix/api/v1/'
 */
export function apiRoot(pathname: string): string {
  const folder = pathname.slice(0, pathname.lastIndexOf('/') + 1) || '/';
  return `${folder}api/v1/`;
}

/** The path of an archspace endpoint (`overview`, `trials?…`) for a page at `pathname`. */
export function archspacePath(pathname: string, endpoint: string): string {
  return `${apiRoot(pathname)}archspace/${endpoint}`;
}

/** The path of a reference endpoint (`experiment`, `trial-jobs/…`) for a page at `pathname`. */
export function nniPath(pathname: string, endpoint: string): string {
  return `${apiRoot(pathname)}nni/${endpoint}`;
}
