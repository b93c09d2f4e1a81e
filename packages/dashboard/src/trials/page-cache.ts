/**
 * The rows of the trials table, fetched a page at a time as the user scrolls: only the pages under
 * the visible rows are asked for, each once, and a page answered for an older query is dropped.
 */

/** Rows per `GET /trials` request. */
export const PAGE_SIZE = 100;

/**
 * The pages that hold rows `first` … `last` (inclusive).
 *
 * @example pagesCovering(95, 205, 100) // [0, 1, 2]
 */
export function pagesCovering(first: number, last: number, pageSize = PAGE_SIZE): number[] {
  if (last < first || last < 0) return [];
  const pages: number[] = [];
  for (let page = Math.floor(Math.max(0, first) / pageSize); page <= Math.floor(last / pageSize); page++) pages.push(page);
  return pages;
}

/** Loaded pages of one query's rows. */
export class PageCache<Row> {
  private readonly pages = new Map<number, readonly Row[]>();
  private readonly asked = new Set<number>();
  /** The `total` of the latest answer, or `null` before the first. */
  total: number | null = null;

  /** Starts an empty cache for the query named by `key`. */
  constructor(
    readonly key: string,
    readonly pageSize = PAGE_SIZE,
  ) {}

  /** The row at `index`, or `undefined` while its page is not loaded. */
  row(index: number): Row | undefined {
    return this.pages.get(Math.floor(index / this.pageSize))?.[index % this.pageSize];
  }

  /**
   * The pages under rows `first` … `last` that are neither loaded nor asked for; they are marked as
   * asked, so a second call does not ask again.
   */
  claimMissing(first: number, last: number): number[] {
    const limit = this.total === null ? last : Math.min(last, this.total - 1);
    const missing = pagesCovering(first, limit, this.pageSize).filter((page) => !this.pages.has(page) && !this.asked.has(page));
    for (const page of missing) this.asked.add(page);
    return missing;
  }

  /** Stores an answered page and the total it reported. */
  store(page: number, rows: readonly Row[], total: number): void {
    this.pages.set(page, rows);
    this.asked.delete(page);
    this.total = total;
  }

  /** Forgets that `page` was asked for (its request failed), so it is asked for again. */
  release(page: number): void {
    this.asked.delete(page);
  }

  /** The loaded page numbers. */
  loadedPages(): number[] {
    return [...this.pages.keys()];
  }
}
